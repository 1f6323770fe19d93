from django.db import migrations

ACTOR_TYPES = ["collectivite", "industrie", "startup", "laboratoire", "ecole"]
MENTORING_MODELS = ["culture-shift", "peer-to-peer", "agility"]


def seed(apps, schema_editor):
    for model_name, codes in (("ActorType", ACTOR_TYPES), ("MentoringModel", MENTORING_MODELS)):
        model = apps.get_model("taxonomy", model_name)
        for sort_order, code in enumerate(codes):
            model.objects.update_or_create(code=code, defaults={"sort_order": sort_order})


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
