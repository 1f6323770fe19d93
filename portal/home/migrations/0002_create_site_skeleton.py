"""The empty site: a home page and the catalogue's index pages, so that `migrate` alone gives a
working site. `load_demo` then fills it with the seed's content."""

from urllib.parse import urlsplit

import django.utils.timezone
from django.conf import settings
from django.db import migrations

STEPLEN = 4
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # django-treebeard's materialised-path alphabet


def child_path(parent_path, position):
    digits = ""
    while True:
        position, remainder = divmod(position, len(ALPHABET))
        digits = ALPHABET[remainder] + digits
        if not position:
            break
    return parent_path + digits.rjust(STEPLEN, "0")


def create_page(apps, model_label, parent, *, title, slug, show_in_menus, **fields):
    app_label, model_name = model_label.split(".")
    model = apps.get_model(app_label, model_name)
    content_type = apps.get_model("contenttypes", "ContentType").objects.get_for_model(model)
    parent.numchild += 1
    page = model.objects.create(
        title=title,
        draft_title=title,
        slug=slug,
        content_type=content_type,
        path=child_path(parent.path, parent.numchild),
        depth=parent.depth + 1,
        numchild=0,
        url_path=f"{parent.url_path}{slug}/",
        locale_id=parent.locale_id,
        live=True,
        show_in_menus=show_in_menus,
        first_published_at=django.utils.timezone.now(),
        last_published_at=django.utils.timezone.now(),
        **fields,
    )
    apps.get_model("wagtailcore", "Page").objects.filter(pk=parent.pk).update(numchild=parent.numchild)
    return page


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
