import django.db.models.deletion
from django.db import migrations, models


def grant(apps, schema_editor):
    """Editors and moderators review the suggestions: approve (change), reject (delete), read."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _created = ContentType.objects.get_or_create(app_label="taxonomy", model="themesuggestion")
    permissions = [
        Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_themesuggestion",
            defaults={"name": f"Can {action} theme suggestion"},
        )[0]
        for action in ("change", "delete", "view")
    ]
    for group in Group.objects.filter(name__in=["Editors", "Moderators"]):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("taxonomy", "0006_seed_equivalences"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [
        migrations.CreateModel(
            name="ThemeSuggestion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=60, verbose_name="suggested theme")),
                ("object_id", models.PositiveBigIntegerField()),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="suggested on")),
                (
                    "content_type",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="contenttypes.contenttype",
                    ),
                ),
            ],
            options={
                "verbose_name": "theme suggestion",
                "verbose_name_plural": "theme suggestions",
                "ordering": ["created_at", "pk"],
                "indexes": [models.Index(fields=["content_type", "object_id"], name="taxonomy_th_content_a2a68b_idx")],
            },
        ),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
