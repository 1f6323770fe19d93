"""The programme team (« Rédaction » and « Modération », or Wagtail's Editors and Moderators if they were not
renamed) reads the dashboard « Pilotage »: the right to view the published figures opens it."""

from django.db import migrations

TEAM = ("Rédaction", "Modération", "Editors", "Moderators")


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _created = ContentType.objects.get_or_create(app_label="pilotage", model="release")
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type, codename="view_release", defaults={"name": "Can view published figures"}
    )
    for group in Group.objects.filter(name__in=TEAM):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    rights = Permission.objects.filter(content_type__app_label="pilotage", codename="view_release")
    for group in Group.objects.filter(name__in=TEAM):
        group.permissions.remove(*rights)


class Migration(migrations.Migration):
    dependencies = [
        ("pilotage", "0001_initial"),
        ("home", "0011_moderators_approve_mentors"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
