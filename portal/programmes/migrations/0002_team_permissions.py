"""The programme team (« Rédaction » and « Modération », or Wagtail's Editors and Moderators if they were not
renamed) coordinates the iterations: it reads and acts on applications, mentors taking part, pairs, rounds,
enrolments, and keeps organisations and circles. Their pages (the iterations) follow the page permissions
the groups already have. Superusers have every right."""

from django.db import migrations

TEAM = ("Rédaction", "Modération", "Editors", "Moderators")
RIGHTS = {
    "organisation": ("view", "add", "change", "delete"),
    "circle": ("view", "add", "change", "delete"),
    "application": ("view", "change"),
    "mentoroffer": ("view", "change"),
    "pair": ("view", "change"),
    "pairinground": ("view",),
    "enrolment": ("view",),
}


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    permissions = []
    for model, actions in RIGHTS.items():
        content_type, _created = ContentType.objects.get_or_create(app_label="programmes", model=model)
        for action in actions:
            permission, _created = Permission.objects.get_or_create(
                content_type=content_type, codename=f"{action}_{model}", defaults={"name": f"Can {action} {model}"}
            )
            permissions.append(permission)
    for group in Group.objects.filter(name__in=TEAM):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codenames = [f"{action}_{model}" for model, actions in RIGHTS.items() for action in actions]
    rights = Permission.objects.filter(content_type__app_label="programmes", codename__in=codenames)
    for group in Group.objects.filter(name__in=TEAM):
        group.permissions.remove(*rights)


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0001_initial"),
        ("home", "0011_moderators_approve_mentors"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
