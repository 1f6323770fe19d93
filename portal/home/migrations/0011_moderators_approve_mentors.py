"""Approving, pausing and archiving mentors is the moderators' call (« Modération », or the group Wagtail named
"Moderators" if it was not renamed); editors keep profiles current. Superusers have every right."""

from django.db import migrations

MODERATORS = ("Modération", "Moderators")


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _created = ContentType.objects.get_or_create(app_label="mentors", model="mentorprofile")
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type,
        codename="approve_mentorprofile",
        defaults={"name": "Can approve, pause and archive mentor profiles"},
    )
    for group in Group.objects.filter(name__in=MODERATORS):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(content_type__app_label="mentors", codename="approve_mentorprofile").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0010_remove_fixed_layout_fields"),
        ("mentors", "0006_approval_permission"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
