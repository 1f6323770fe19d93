"""Editors work in the Wagtail admin: edit, publish, history, moderation, site settings."""

from django.urls import reverse

from wagtail.models import Page, Workflow
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest

from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def test_an_editor_logs_in_to_the_admin_in_french(client, editor):
    response = client.post(
        reverse("wagtailadmin_login"), {"username": editor.username, "password": "correct horse battery staple"}
    )
    assert response.status_code == 302
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Tableau de bord" in html


def test_an_editor_edits_and_publishes_a_page_and_sees_its_history(editor_client, home):
    page = StandardPageFactory(parent=home, title="Ressources")
    page.save_revision().publish()
    data = nested_form_data(
        {
            "title": "Ressources du mentorat",
            "slug": page.slug,
            "summary": "Le livre blanc et la charte.",
            "body": streamfield([("paragraph", rich_text("<p>Le livre blanc est à venir.</p>"))]),
            "action-publish": "action-publish",
        }
    )
    response = editor_client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]

    page.refresh_from_db()
    assert page.live and page.title == "Ressources du mentorat"
    assert page.revisions.count() == 2
    assert "Le livre blanc est à venir." in editor_client.get(page.url).content.decode()
    history = editor_client.get(reverse("wagtailadmin_pages:history", args=[page.pk])).content.decode()
    assert "Publié" in history or "Published" in history


def test_an_invalid_edit_is_refused_with_a_message_and_nothing_is_published(editor_client, home):
    page = StandardPageFactory(parent=home, title="Ressources")
    data = nested_form_data({"title": "", "slug": page.slug, "body": streamfield([]), "action-publish": "1"})
    response = editor_client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 200
    assert "La page ne peut être enregistrée du fait d&#x27;erreurs de validation." in response.content.decode()
    page.refresh_from_db()
    assert page.title == "Ressources"


def test_the_default_moderation_workflow_covers_the_whole_site(home):
    workflow = Workflow.objects.get(workflow_pages__page=Page.get_first_root_node())
    assert workflow.active
    assert home.get_workflow() == workflow


def test_site_settings_are_editable_in_the_admin(editor_client, home):
    from wagtail.models import Site

    from portal.home.models import SiteSettings

    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["home", "sitesettings", site.pk])
    assert editor_client.get(url).status_code == 200
    data = nested_form_data(
        {
            "brand_name": "Mentorat FabMob",
            "tagline": "",
            "share_image": "",
            "organisation_name": "La Fabrique des Mobilités",
            "contact_email": "mentorat@fabmob.example",
            "address": "",
            "footer_text": "Un commun.",
            "social_links": streamfield([("link", {"label": "Wiki", "url": "https://wiki.example.org/"})]),
            "privacy_page": "",
        }
    )
    assert editor_client.post(url, data).status_code == 302
    assert SiteSettings.for_site(site).contact_email == "mentorat@fabmob.example"
