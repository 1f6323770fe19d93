"""Wagtail's Editors and Moderators groups read and act on members' contributions out of the box."""

from django.db import migrations

PERMISSIONS = {
    "challengeproposal": ["view_challengeproposal", "change_challengeproposal"],
    "needssurveyresponse": ["view_needssurveyresponse"],
}


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    permissions = []
    for model, codenames in PERMISSIONS.items():
        content_type, _created = ContentType.objects.get_or_create(app_label="contributions", model=model)
        for codename in codenames:
            permission, _created = Permission.objects.get_or_create(
                content_type=content_type, codename=codename, defaults={"name": codename.replace("_", " ")}
            )
            permissions.append(permission)
    for group in Group.objects.filter(name__in=["Editors", "Moderators"]):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [("contributions", "0001_initial"), ("wagtailadmin", "0001_create_admin_access_permissions")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
