from django.db import migrations


class Migration(migrations.Migration):
    """The fixed-layout fields, once 0009 moved their content into the pages' bodies."""

    dependencies = [
        ("home", "0009_streamfield_pages"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="homepage",
            name="hero_heading",
        ),
        migrations.RemoveField(
            model_name="homepage",
            name="hero_text",
        ),
        migrations.RemoveField(
            model_name="homepage",
            name="ideas_heading",
        ),
        migrations.RemoveField(
            model_name="homepage",
            name="ideas_page",
        ),
        migrations.RemoveField(
            model_name="homepage",
            name="ideas_text",
        ),
        migrations.RemoveField(
            model_name="homepage",
            name="introduction",
        ),
        migrations.RemoveField(
            model_name="homepage",
            name="models_introduction",
        ),
        migrations.RemoveField(
            model_name="mentoringmodelpage",
            name="commons",
        ),
        migrations.RemoveField(
            model_name="mentoringmodelpage",
            name="operationalisation",
        ),
        migrations.RemoveField(
            model_name="mentoringmodelpage",
            name="organisation",
        ),
        migrations.RemoveField(
            model_name="mentoringmodelpage",
            name="pitfalls",
        ),
        migrations.RemoveField(
            model_name="mentoringmodelpage",
            name="principles",
        ),
        migrations.RemoveField(
            model_name="mentoringmodelpage",
            name="roi",
        ),
        migrations.RemoveField(
            model_name="mentoringmodelpage",
            name="situation",
        ),
    ]
