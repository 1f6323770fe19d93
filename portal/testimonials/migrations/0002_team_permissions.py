"""The programme team (« Rédaction » and « Modération », or Wagtail's Editors and Moderators if they were not
renamed) reads the testimonials to publish and turns them into draft stories. The stories themselves follow the
page permissions the groups already have. Superusers have every right."""

from django.db import migrations

TEAM = ("Rédaction", "Modération", "Editors", "Moderators")
ACTIONS = ("view", "add")


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _created = ContentType.objects.get_or_create(app_label="testimonials", model="storysource")
    permissions = [
        Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_storysource",
            defaults={"name": f"Can {action} testimonial"},
        )[0]
        for action in ACTIONS
    ]
    for group in Group.objects.filter(name__in=TEAM):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codenames = [f"{action}_storysource" for action in ACTIONS]
    rights = Permission.objects.filter(content_type__app_label="testimonials", codename__in=codenames)
    for group in Group.objects.filter(name__in=TEAM):
        group.permissions.remove(*rights)


class Migration(migrations.Migration):
    dependencies = [
        ("testimonials", "0001_initial"),
        ("home", "0011_moderators_approve_mentors"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
