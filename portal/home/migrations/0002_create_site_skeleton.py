"""The empty site: a home page and the catalogue's index pages, so that `migrate` alone gives a
working site. `load_demo` then fills it with the seed's content."""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import migrations

from portal.home.skeleton import create_page

def create_site_skeleton(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    HomePage = apps.get_model("home", "HomePage")
    if HomePage.objects.exists():
        return

    root = Page.objects.get(depth=1)
    # Wagtail's initial data ships a plain "Welcome" page; the portal's home page replaces it.
    Page.objects.filter(depth=2, slug="home", content_type__app_label="wagtailcore").delete()
    root.numchild = Page.objects.filter(depth=2).count()

    home = create_page(
        apps, "home.HomePage", root, title="Mentorat FabMob", slug="accueil", show_in_menus=False
    )
    # The site answers on any host name (default site); SITE_BASE_URL gives its canonical address.
    base_url = urlsplit(settings.SITE_BASE_URL)
    Site.objects.filter(is_default_site=True).delete()
    Site.objects.create(
        hostname=base_url.hostname or "localhost",
        port=base_url.port or (443 if base_url.scheme == "https" else 80),
        root_page_id=home.pk,
        is_default_site=True,
        site_name="Mentorat FabMob",
    )
    create_page(
        apps,
        "challenges.ChallengeIndexPage",
        home,
        title="Défis",
        slug="defis",
        show_in_menus=True,
        summary="Les défis que rencontrent les acteurs de la mobilité, et les mentors qui peuvent aider.",
    )
    create_page(
        apps,
        "challenges.StoryIndexPage",
        home,
        title="Retours d'expérience",
        slug="retours-d-experience",
        show_in_menus=True,
        summary="Des programmes de mentorat qui ont fonctionné, racontés par ceux qui les ont menés.",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("challenges", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_site_skeleton, migrations.RunPython.noop)]
