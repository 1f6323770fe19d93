from django.db import migrations

from portal.home.skeleton import create_page


def create_mentor_directory(apps, schema_editor):
    HomePage = apps.get_model("home", "HomePage")
    MentorIndexPage = apps.get_model("mentors", "MentorIndexPage")
    home = HomePage.objects.order_by("path").first()
    if home is None or MentorIndexPage.objects.exists():
        return
    create_page(
        apps,
        "mentors.MentorIndexPage",
        home,
        title="Mentors",
        slug="mentors",
        show_in_menus=True,
        summary="Des bénévoles de collectivités, d'industries, de startups, de laboratoires et d'écoles.",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("mentors", "0001_initial"),
        ("home", "0003_remove_sitesettings_charter_page_charterpage"),
    ]

    operations = [migrations.RunPython(create_mentor_directory, migrations.RunPython.noop)]
