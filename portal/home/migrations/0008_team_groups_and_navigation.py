"""The programme team's two groups, named in French, with what a real team needs; and the main menu and
footer, seeded from what visitors see today, so that the site looks the same after migrating.

Groups: Wagtail creates "Editors" and "Moderators". They become « Rédaction » and « Modération » (unless a
group already has that name, or an administrator renamed them: a group is found by either name, and
nothing else about it is changed but the rights below, which are only ever added).
- Rédaction: the admin, pages (add, change, lock: not publish; they submit to the moderation workflow),
  images and documents, site settings and navigation, redirects, and what earlier migrations gave them
  (translations, mentors, requests, contributions, vocabularies).
- Modération: the same, plus publishing, unlocking others' pages and the approval of submitted pages.
- Users and groups stay with superusers: neither group receives a right of django.contrib.auth.

Navigation: for each site that has none yet, the menu lists « Accueil » then the live pages under the
home page flagged "show in menus", in the tree's order; the footer's « Le programme » column lists the
charter, the privacy notice, becoming a mentor, the mentor space and the editors' area.
"""

import uuid

from django.db import migrations
from django.urls import reverse

# (name Wagtail gives the group, name the team reads)
EDITORS = ("Editors", "Rédaction")
MODERATORS = ("Moderators", "Modération")

# Model permissions both groups get here: (app label, model, codename).
TEAM_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("home", "sitesettings", "change_sitesettings"),
    ("navigation", "navigationsettings", "change_navigationsettings"),
    ("wagtailredirects", "redirect", "add_redirect"),
    ("wagtailredirects", "redirect", "change_redirect"),
    ("wagtailredirects", "redirect", "delete_redirect"),
    ("wagtailimages", "image", "add_image"),
    ("wagtailimages", "image", "change_image"),
    ("wagtailimages", "image", "choose_image"),
    ("wagtaildocs", "document", "add_document"),
    ("wagtaildocs", "document", "change_document"),
    ("wagtaildocs", "document", "choose_document"),
]
# What this migration adds that Wagtail's own data did not give: taken back when it is reversed.
ADDED_PERMISSIONS = [
    "change_sitesettings",
    "change_navigationsettings",
    "add_redirect",
    "change_redirect",
    "delete_redirect",
]

# Page permissions on the tree's root (every site); the moderation workflow is what editors submit to.
PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page", "lock_page"],
    MODERATORS: ["add_page", "change_page", "lock_page", "unlock_page", "publish_page"],
}
ADDED_PAGE_PERMISSIONS = {EDITORS: ["lock_page"], MODERATORS: []}

# Image and document collections: the root collection, as Wagtail's data grants them.
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "image", ["add_image", "change_image", "choose_image"]),
    ("wagtaildocs", "document", ["add_document", "change_document", "choose_document"]),
]


def permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
    return Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": codename.replace("_", " ").capitalize()}
    )[0]


def team_group(apps, names):
    """The group by its French name, else by Wagtail's English one (renamed to French), else None."""
    Group = apps.get_model("auth", "Group")
    english, french = names
    group = Group.objects.filter(name=french).first()
    if group is None:
        group = Group.objects.filter(name=english).first()
        if group is not None:
            group.name = french
            group.save(update_fields=["name"])
    return group


def set_up_team(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    model_permissions = [permission(apps, *spec) for spec in TEAM_PERMISSIONS]
    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()
    for names, page_codenames in PAGE_PERMISSIONS.items():
        group = team_group(apps, names)
        if group is None:
            continue
        group.permissions.add(*model_permissions)
        if root_page:
            for codename in page_codenames:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root_page, permission=permission(apps, "wagtailcore", "page", codename)
                )
        if root_collection:
            for app_label, model, codenames in COLLECTION_PERMISSIONS:
                for codename in codenames:
                    GroupCollectionPermission.objects.get_or_create(
                        group=group,
                        collection=root_collection,
                        permission=permission(apps, app_label, model, codename),
                    )


def undo_team(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    for names in (EDITORS, MODERATORS):
        english, french = names
        group = Group.objects.filter(name=french).first()
        if group is None:
            continue
        group.permissions.remove(*Permission.objects.filter(codename__in=ADDED_PERMISSIONS))
        GroupPagePermission.objects.filter(
            group=group, permission__codename__in=ADDED_PAGE_PERMISSIONS[names], page__depth=1
        ).delete()
        if not Group.objects.filter(name=english).exists():
            group.name = english
            group.save(update_fields=["name"])


def link(page=None, label="", english_label="", address=""):
    return {"label": label, "english_label": english_label, "page": page, "address": address}


def item(value, children=()):
    return {"type": "item", "id": str(uuid.uuid4()), "value": {**value, "children": list(children)}}


def seed_navigation(apps, schema_editor):
    Site = apps.get_model("wagtailcore", "Site")
    Page = apps.get_model("wagtailcore", "Page")
    CharterPage = apps.get_model("home", "CharterPage")
    SiteSettings = apps.get_model("home", "SiteSettings")
    NavigationSettings = apps.get_model("navigation", "NavigationSettings")
    for site in Site.objects.select_related("root_page"):
        if NavigationSettings.objects.filter(site=site).exists():
            continue
        home = site.root_page
        menu = [item(link(home.pk, "Accueil", "Home"))]
        children = Page.objects.filter(
            path__startswith=home.path, depth=home.depth + 1, live=True, show_in_menus=True
        ).order_by("path")
        menu += [item(link(child.pk)) for child in children]

        programme = []
        charter = CharterPage.objects.filter(path__startswith=home.path, live=True).order_by("path").first()
        if charter:
            programme.append(link(charter.pk))
        site_settings = SiteSettings.objects.filter(site=site).first()
        if site_settings and site_settings.privacy_page_id:
            programme.append(link(site_settings.privacy_page_id))
        programme += [
            link(label="Devenir mentor", english_label="Become a mentor", address=reverse("mentors:apply")),
            link(label="Mon espace mentor", english_label="My mentor space", address=reverse("mentors:me")),
            link(label="Espace éditeurs", english_label="Editors' area", address=reverse("wagtailadmin_home")),
        ]
        footer = [
            {
                "type": "column",
                "id": str(uuid.uuid4()),
                "value": {
                    "heading": "Le programme",
                    "english_heading": "The programme",
                    "links": [{"type": "item", "id": str(uuid.uuid4()), "value": value} for value in programme],
                },
            }
        ]
        NavigationSettings.objects.create(site=site, main_menu=menu, footer_columns=footer)


def forget_navigation(apps, schema_editor):
    apps.get_model("navigation", "NavigationSettings").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0007_site_brand_and_share_image"),
        ("navigation", "0001_initial"),
        # Earlier migrations grant rights to the groups by their English names: they run first.
        ("mentors", "0003_editor_permissions"),
        ("mentorships", "0002_editor_permissions"),
        ("contributions", "0002_editor_permissions"),
        ("taxonomy", "0007_themesuggestion"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [
        migrations.RunPython(set_up_team, undo_team),
        migrations.RunPython(seed_navigation, forget_navigation),
    ]
