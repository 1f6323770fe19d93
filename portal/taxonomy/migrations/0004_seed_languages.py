from django.db import migrations

LANGUAGES = ["fr", "en", "de", "es", "it", "pt", "nl", "ar"]


def seed(apps, schema_editor):
    Language = apps.get_model("taxonomy", "Language")
    for sort_order, code in enumerate(LANGUAGES):
        Language.objects.update_or_create(code=code, defaults={"sort_order": sort_order})


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0003_language")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
