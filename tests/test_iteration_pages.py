"""An iteration (promotion) of a mentoring model: created by an editor under the model's page, with its rules
checked, shown to the public with its dates and places, and listed on the model's page while it runs."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from wagtail.test.utils.form_data import nested_form_data

import pytest

from portal.programmes.models import ApplicationStatus, IterationPage, Organisation
from tests.factories import (
    ApplicationFactory,
    IterationPageFactory,
    OrganisationFactory,
)
from tests.programmes_helpers import model_page

pytestmark = pytest.mark.usefixtures("in_french")
TODAY = timezone.localdate()
NO_DOMAINS = "Indiquez d’abord les domaines d’adresse e-mail de Ville\u00a0: ils disent qui peut participer."


def iteration_form(organisations=(), **fields):
    data = nested_form_data(
        {
            "title": "Promotion 2027",
            "slug": "promotion-2027",
            "summary": "",
            "description": "Six rencontres en trois mois.",
            "applications_open_on": str(TODAY),
            "applications_close_on": str(TODAY + timedelta(days=30)),
            "starts_on": str(TODAY + timedelta(days=40)),
            "ends_on": str(TODAY + timedelta(days=130)),
            "places": "20",
            "themes": "open data, vélo",
            "action-publish": "publish",
        }
        | fields
    )
    return data | {"organisations": [organisation.pk for organisation in organisations]}


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=["programmes", "iterationpage", parent.pk])


def test_an_editor_creates_a_peer_to_peer_iteration_with_several_organisations(editor_client, programme):
    parent = model_page(programme, "peer-to-peer")
    organisations = [OrganisationFactory(name="Ville"), OrganisationFactory(name="Région")]

    response = editor_client.post(add_url(parent), iteration_form(organisations))

    assert response.status_code == 302
    iteration = IterationPage.objects.get(slug="promotion-2027")
    assert iteration.live and iteration.model_code == "peer-to-peer"
    assert set(iteration.organisations.values_list("name", flat=True)) == {"Ville", "Région"}
    assert sorted(iteration.themes.names()) == ["open data", "vélo"]


@pytest.mark.parametrize(
    ("organisation_names", "domains", "error"),
    [
        ([], "", "Une promotion Culture Shift se déroule dans une seule organisation."),
        (["Ville", "Région"], "ville.example", "Une promotion Culture Shift se déroule dans une seule organisation."),
        (["Ville"], "", NO_DOMAINS),
    ],
)
def test_a_culture_shift_iteration_runs_inside_one_organisation_with_its_email_domains(
    editor_client, programme, organisation_names, domains, error
):
    parent = model_page(programme, "culture-shift")
    organisations = [Organisation.objects.create(name=name, email_domains=domains) for name in organisation_names]

    response = editor_client.post(add_url(parent), iteration_form(organisations))

    assert response.status_code == 200
    assert response.context["form"].errors["organisations"] == [error]
    assert not IterationPage.objects.exists()


def test_a_culture_shift_iteration_of_one_organisation_with_domains_is_created(editor_client, programme):
    parent = model_page(programme, "culture-shift")
    maison = Organisation.objects.create(name="Maison", email_domains="maison.example")

    assert editor_client.post(add_url(parent), iteration_form([maison])).status_code == 302
    assert IterationPage.objects.get().model_code == "culture-shift"


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"applications_close_on": str(TODAY - timedelta(days=1))},
            "applications_close_on",
            "Les candidatures se clôturent après leur ouverture.",
        ),
        ({"ends_on": str(TODAY + timedelta(days=40))}, "ends_on", "La promotion se termine après son début."),
        (
            {"starts_on": str(TODAY - timedelta(days=1)), "ends_on": str(TODAY + timedelta(days=9))},
            "starts_on",
            "La promotion commence une fois les candidatures ouvertes.",
        ),
        ({"places": "0"}, "places", None),
        ({"applications_open_on": "31/02/2027"}, "applications_open_on", None),
    ],
)
def test_dates_and_places_that_cannot_be_are_refused_in_words(editor_client, programme, fields, field, message):
    parent = model_page(programme, "peer-to-peer")

    response = editor_client.post(add_url(parent), iteration_form(**fields))

    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert errors and (message is None or errors == [message])
    assert not IterationPage.objects.exists()


def test_an_organisation_owns_the_addresses_of_its_domains_and_sub_domains():
    organisation = Organisation(name="Maison", email_domains="maison.example\n@Groupe.example\n\n")
    assert organisation.domains == ["maison.example", "groupe.example"]
    assert organisation.owns("ana@maison.example")
    assert organisation.owns("ben@lyon.GROUPE.example")
    assert not organisation.owns("eve@notmaison.example")
    assert not organisation.owns("eve@maison.example.evil.org")


@pytest.mark.parametrize("domains", ["pas un domaine", "a@b.example", "localhost"])
def test_an_organisation_with_a_wrong_domain_is_refused_in_words(db, domains):
    with pytest.raises(ValidationError) as refused:
        Organisation(name="Maison", email_domains=domains).full_clean()
    assert "n’est pas un domaine d’adresse e-mail" in str(refused.value.message_dict["email_domains"])


def test_the_public_page_shows_dates_places_left_and_how_to_join(client, programme):
    iteration = IterationPageFactory(
        parent=model_page(programme, "peer-to-peer"), places=3, organisations=[OrganisationFactory(name="Ville")]
    )
    ApplicationFactory(iteration=iteration, status=ApplicationStatus.ACCEPTED)
    ApplicationFactory(iteration=iteration, status=ApplicationStatus.RECEIVED)
    ApplicationFactory(iteration=iteration, status=ApplicationStatus.DECLINED)

    page = client.get(iteration.url).content.decode()

    assert "Six rencontres sur trois mois" in page
    assert "1 sur 3" in page  # places left: two applications hold a place, a declined one does not
    assert "Les candidatures sont ouvertes jusqu’au" in page
    assert "Ville" in page


@pytest.mark.parametrize(
    ("fields", "said"),
    [
        ({"places": 1}, "Toutes les places sont prises."),
        (
            {"applications_open_on": TODAY + timedelta(days=3), "starts_on": TODAY + timedelta(days=40)},
            "Les candidatures ouvrent le",
        ),
        (
            {"applications_open_on": TODAY - timedelta(days=20), "applications_close_on": TODAY - timedelta(days=1)},
            "Les candidatures sont closes.",
        ),
        ({"closed_at": timezone.now()}, "Cette promotion est terminée."),
    ],
)
def test_the_public_page_says_why_one_cannot_apply(client, programme, fields, said):
    iteration = IterationPageFactory(parent=model_page(programme, "peer-to-peer"), **fields)
    ApplicationFactory(iteration=iteration, status=ApplicationStatus.RECEIVED)

    page = client.get(iteration.url).content.decode()

    assert said in page
    assert "sont ouvertes jusqu’au" not in page


def test_the_model_page_lists_its_running_iterations_only(client, programme):
    parent = model_page(programme, "peer-to-peer")
    IterationPageFactory(parent=parent, title="Promotion ouverte")
    IterationPageFactory(
        parent=parent,
        title="Promotion passée",
        applications_open_on=TODAY - timedelta(days=200),
        applications_close_on=TODAY - timedelta(days=170),
        starts_on=TODAY - timedelta(days=160),
        ends_on=TODAY - timedelta(days=1),
    )
    IterationPageFactory(parent=parent, title="Promotion close", closed_at=timezone.now())
    draft = IterationPageFactory(parent=parent, title="Promotion en brouillon")
    draft.unpublish()

    page = client.get(parent.url).content.decode()

    assert "Promotion ouverte" in page
    assert "candidatures ouvertes" in page
    for hidden in ("Promotion passée", "Promotion close", "Promotion en brouillon"):
        assert hidden not in page
