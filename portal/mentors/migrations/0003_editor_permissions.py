"""Wagtail's Editors and Moderators groups manage mentor profiles out of the box."""

from django.db import migrations

CODENAMES = ["add_mentorprofile", "change_mentorprofile", "view_mentorprofile"]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _created = ContentType.objects.get_or_create(app_label="mentors", model="mentorprofile")
    permissions = []
    for codename in CODENAMES:
        permission, _created = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": codename.replace("_", " ")}
        )
        permissions.append(permission)
    for group in Group.objects.filter(name__in=["Editors", "Moderators"]):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [("mentors", "0002_create_mentor_directory"), ("wagtailadmin", "0001_create_admin_access_permissions")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
