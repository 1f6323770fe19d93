"""The programme team runs the site without a developer (issue 14, point 1). « Rédaction » writes pages and
submits them, changes the site settings, the navigation and the redirects; « Modération » does the same
and publishes; users and groups stay with superusers. Each test logs in as a member of one group only."""

import importlib
import json
import re

from django.apps import apps
from django.contrib.auth.models import Group, Permission

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import GroupPagePermission, Page

import pytest

from portal.home.models import SiteSettings
from portal.navigation.models import NavigationSettings
from tests.factories import EDITORS_GROUP, MODERATORS_GROUP, StandardPageFactory, UserFactory

pytestmark = pytest.mark.django_db

team_migration = importlib.import_module("portal.home.migrations.0008_team_groups_and_navigation")

TEAM = [EDITORS_GROUP, MODERATORS_GROUP]


def member_of(client, group):
    user = UserFactory(groups=[group])
    assert not user.is_superuser and not user.is_staff
    client.force_login(user)
    return user


def sidebar_labels(html):
    """The labels of the admin's sidebar menu (Wagtail renders it from JSON)."""
    return {json.loads(f'"{label}"') for label in re.findall(r'"label": "((?:[^"\\]|\\.)*)"', html)}


def settings_url(model, site):
    return f"/admin/settings/{model._meta.app_label}/{model._meta.model_name}/{site.pk}/"


def test_the_groups_are_named_in_french_and_wagtails_english_names_are_gone():
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Rédaction", "Modération"} <= names
    assert not names & {"Editors", "Moderators"}


@pytest.mark.parametrize("group", TEAM)
def test_the_team_changes_the_site_settings(client, home, group):
    member_of(client, group)
    site = home.get_site()
    url = settings_url(SiteSettings, site)
    page = client.get(url).content.decode()
    assert "Nom de la marque" in page and "Image de partage par défaut" in page
    response = client.post(
        url,
        {
            "brand_name": "Mentorat de la Fabrique",
            "tagline": "Des pairs qui s’aident.",
            "organisation_name": "La Fabrique des Mobilités",
            "contact_email": "mentorat@example.org",
            "address": "",
            "footer_text": "",
            "social_links-count": "0",
            "privacy_page": "",
            "share_image": "",
        },
        follow=True,
    )
    assert "Modifications enregistrées\u00a0: paramètres du site." in response.content.decode()
    assert SiteSettings.for_site(site).contact_email == "mentorat@example.org"
    public = client.get("/").content.decode()
    assert "Mentorat de la Fabrique" in public and "mentorat@example.org" in public


@pytest.mark.parametrize("group", TEAM)
def test_the_team_reaches_the_navigation_and_the_redirects_from_the_settings_menu(client, home, group):
    member_of(client, group)
    menu = sidebar_labels(client.get("/admin/").content.decode())
    assert {"Paramètres", "Paramètres du site", "Navigation", "Règles de Redirection"} <= menu
    assert not menu & {"Utilisateurs", "Groupes", "Sites", "Flux de travail", "Langues"}
    navigation = client.get(settings_url(NavigationSettings, home.get_site())).content.decode()
    assert "Menu principal" in navigation and "Colonnes du pied de page" in navigation


@pytest.mark.parametrize("group", TEAM)
def test_the_team_adds_a_redirect(client, home, group):
    member_of(client, group)
    assert "Aucune règle de redirection" in client.get("/admin/redirects/").content.decode()
    client.post(
        "/admin/redirects/add/",
        {
            "old_path": "/ancien-programme/",
            "site": "",
            "is_permanent": "on",
            "redirect_page": home.pk,
            "redirect_link": "",
        },
    )
    assert Redirect.objects.get().old_path == "/ancien-programme"
    assert "/ancien-programme" in client.get("/admin/redirects/").content.decode()


@pytest.mark.parametrize("group", TEAM)
def test_users_and_groups_stay_with_superusers(client, home, group):
    someone = UserFactory(username="camille-dupont")
    member_of(client, group)
    for url in ["/admin/users/", f"/admin/users/edit/{someone.pk}/", "/admin/groups/"]:
        page = client.get(url, follow=True).content.decode()
        assert "pas les autorisations pour accéder à cette zone" in page, url
        assert "camille-dupont" not in page and "Rédaction" not in page, url
    assert not Permission.objects.filter(group__name__in=TEAM, content_type__app_label="auth").exists()


def test_a_superuser_manages_users_and_groups(editor_client):
    UserFactory(username="camille-dupont")
    assert "camille-dupont" in editor_client.get("/admin/users/").content.decode()
    assert "Rédaction" in editor_client.get("/admin/groups/").content.decode()


def edit_and_press(client, page, action):
    """Post the page's edit form as a person pressing the button of `action` (publish or submit)."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": "Mis à jour par l’équipe.",
        "body-count": "0",
        "comment_notifications": "",
        f"action-{action}": "1",
    }
    return client.post(f"/admin/pages/{page.pk}/edit/", data, follow=True)


def test_an_editor_submits_a_page_for_moderation_but_cannot_publish_it(client, home):
    page = StandardPageFactory(parent=home, title="Ressources", summary="")
    member_of(client, EDITORS_GROUP)
    editor_form = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "Soumettre à Modération" in editor_form
    assert 'name="action-publish"' not in editor_form
    edit_and_press(client, page, "publish")
    page.refresh_from_db()
    assert page.summary == ""  # what is live did not change
    edit_and_press(client, page, "submit")
    page.refresh_from_db()
    assert page.summary == "" and page.has_unpublished_changes
    assert page.current_workflow_state is not None
    assert not GroupPagePermission.objects.filter(
        group__name=EDITORS_GROUP, permission__codename="publish_page"
    ).exists()


def test_a_moderator_publishes_a_page(client, home):
    page = StandardPageFactory(parent=home, title="Ressources", summary="")
    member_of(client, MODERATORS_GROUP)
    assert 'name="action-publish"' in client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    edit_and_press(client, page, "publish")
    page.refresh_from_db()
    assert page.summary == "Mis à jour par l’équipe."
    assert "Mis à jour par l’équipe." in client.get(page.url).content.decode()


def test_editors_lock_pages_and_only_moderators_unlock_others_locks():
    root = Page.objects.get(depth=1)
    codenames = {
        group: set(
            GroupPagePermission.objects.filter(group__name=group, page=root).values_list(
                "permission__codename", flat=True
            )
        )
        for group in TEAM
    }
    assert codenames[EDITORS_GROUP] == {"add_page", "change_page", "lock_page"}
    assert codenames[MODERATORS_GROUP] == {"add_page", "change_page", "lock_page", "unlock_page", "publish_page"}


def test_the_team_migration_runs_again_without_duplicating_anything():
    count = GroupPagePermission.objects.count(), Permission.objects.count(), Group.objects.count()
    team_migration.set_up_team(apps, None)
    assert (GroupPagePermission.objects.count(), Permission.objects.count(), Group.objects.count()) == count


def test_the_team_migration_keeps_a_group_an_administrator_renamed():
    Group.objects.filter(name=EDITORS_GROUP).update(name="Équipe éditoriale")
    team_migration.set_up_team(apps, None)
    assert not Group.objects.filter(name=EDITORS_GROUP).exists()
    assert Group.objects.filter(name="Équipe éditoriale").exists()


def test_the_team_migration_reverses_to_wagtails_groups_without_the_rights_it_added():
    team_migration.undo_team(apps, None)
    editors = Group.objects.get(name="Editors")
    assert Group.objects.filter(name="Moderators").exists()
    assert not editors.permissions.filter(codename__in=["change_sitesettings", "add_redirect"]).exists()
    assert editors.permissions.filter(codename="access_admin").exists()
    assert not GroupPagePermission.objects.filter(group=editors, permission__codename="lock_page").exists()
    team_migration.set_up_team(apps, None)
    assert Group.objects.get(pk=editors.pk).name == EDITORS_GROUP
    assert Group.objects.get(pk=editors.pk).permissions.filter(codename="change_navigationsettings").exists()


def test_only_moderators_approve_pause_or_archive_mentors_editors_keep_profiles_current(client, directory):
    from portal.mentors.models import MentorProfile, MentorStatus
    from tests.factories import MentorProfileFactory

    pending = MentorProfileFactory(status=MentorStatus.PENDING)
    status_url = f"/admin/mentors/mentorprofile/status/{pending.pk}/"

    member_of(client, EDITORS_GROUP)
    listing = client.get(f"/admin/mentors/mentorprofile/?q={pending.full_name}").content.decode()
    assert pending.full_name in listing and "?action=approve" not in listing
    assert "attend la modération" in client.get(f"/admin/mentors/mentorprofile/inspect/{pending.pk}/").content.decode()
    for response in (
        client.get(status_url, {"action": "approve"}),
        client.post(status_url, {"action": "approve", "reason": ""}),
    ):  # Wagtail answers a refused admin view by going back to the dashboard, with its message
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert MentorProfile.objects.get(pk=pending.pk).status == MentorStatus.PENDING
    assert client.get(f"/admin/mentors/mentorprofile/edit/{pending.pk}/").status_code == 200

    member_of(client, MODERATORS_GROUP)
    listing = client.get(f"/admin/mentors/mentorprofile/?q={pending.full_name}").content.decode()
    assert "?action=approve" in listing
    client.post(status_url, {"action": "approve", "reason": "Profil complet"})
    assert MentorProfile.objects.get(pk=pending.pk).status == MentorStatus.PUBLISHED
