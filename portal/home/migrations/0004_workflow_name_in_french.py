"""Wagtail's migrations name the default moderation workflow and its task "Moderators approval": the page
editor's menu then reads « Soumettre à Moderators approval ». Give them French names, unless an editor
already renamed them."""

from django.db import migrations

# (English name given by Wagtail, French name): the workflow, then its group approval task.
WORKFLOW = ("Moderators approval", "Modération")
TASK = ("Moderators approval", "Validation par les modérateurs")


def rename(apps, old_index, new_index):
    for model, names in (("Workflow", WORKFLOW), ("Task", TASK)):
        apps.get_model("wagtailcore", model).objects.filter(name=names[old_index]).update(name=names[new_index])


def to_french(apps, schema_editor):
    rename(apps, 0, 1)


def to_english(apps, schema_editor):
    rename(apps, 1, 0)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_remove_sitesettings_charter_page_charterpage"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(to_french, to_english)]
