"""The editors' admin reads as French: phrases written out in full, a French workflow name, words never
cut in a list; each row shows its main action and keeps the others in a « … » menu; erasing someone's
data shows what will go before anything goes."""

import importlib
from pathlib import Path

from django.apps import apps
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Task, Workflow

import pytest
from bs4 import BeautifulSoup

from portal.contributions.models import NeedsSurveyResponse, ProposalStatus
from portal.mentors.models import MentorStatus
from portal.mentorships import workflow
from portal.mentorships.models import RequestStatus
from tests.factories import (
    EDITORS_GROUP,
    MODERATORS_GROUP,
    ChallengeProposalFactory,
    MentorProfileFactory,
    MentorRequestFactory,
    StandardPageFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

MENTORS = "/admin/mentors/mentorprofile/"
REQUESTS = "/admin/mentorships/mentorrequest/"
PROPOSALS = "/admin/contributions/challengeproposal/"
NEEDS = "/admin/contributions/needssurveyresponse/"

# What Wagtail's generic phrases give in French once a model's name is put in them.
GENERIC_FRENCH = [
    "un(e)", "Un(e)", "créé(e)", "modifié(e)", "supprimé(e)", "ce/cette", "Ce(tte)", "Le/la ", "aucun(e)",
    "Aucun réponses", "Aucun demandes", "Aucun propositions", "Aucun profils", "Nouvelle Profil",
    "Retourner à la liste de", "Par accepte", "Inspecter ce", "Moderators approval", ">True<", ">False<",
]  # fmt: skip


@pytest.fixture(params=["superuser", "moderators group"])
def admin_client(request, client, db):
    """A team member of either kind: a superuser, or a member of the moderators' group (who sees what the
    editors' group sees, and approves mentors)."""
    if request.param == "superuser":
        user = UserFactory(editor=True)
    else:
        user = UserFactory()
        user.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    user.save()
    client.force_login(user)
    return client


def needs_answer(comment="Un besoin"):
    return NeedsSurveyResponse.objects.create(consent_at=timezone.now(), comment=comment)


def html_of(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


def assert_reads_as_french(html, url):
    for wrong in GENERIC_FRENCH:
        assert wrong not in html, f"{wrong!r} on {url}"


def row_actions(html):
    """Each row of a list: its main action (the one link shown) and the links of its « … » menu."""
    soup = BeautifulSoup(html, "html.parser")
    rows = []
    for actions in soup.select("table.listing tbody tr .row-actions"):
        shown = actions.find_all("a", recursive=False)
        toggle = actions.select_one("button.w-dropdown__toggle")
        menu = actions.select(".w-dropdown__content a")
        rows.append({"shown": shown, "toggle": toggle, "menu": {link.get_text(strip=True): link for link in menu}})
    assert soup.select("table.listing ul.actions") == []  # no row of buttons left
    return rows


def only_row(html):
    [row] = row_actions(html)
    [main] = row["shown"]
    return main, row


# --- Phrases --------------------------------------------------------------------------------------
def test_the_mentor_list_offers_to_add_a_mentor_profile_in_full(admin_client, directory):
    MentorProfileFactory()
    html = html_of(admin_client, MENTORS)
    assert "Ajouter un profil de mentor" in html and "Rechercher un mentor" in html
    create = html_of(admin_client, f"{MENTORS}create/")
    assert "<title>Ajouter un profil de mentor" in create and "Nouvelle Profil" not in create
    assert_reads_as_french(html + create, MENTORS)


@pytest.mark.parametrize(
    ("url", "empty"),
    [
        (MENTORS, "Aucun profil de mentor pour l’instant."),
        (REQUESTS, "Aucune demande pour l’instant."),
        (PROPOSALS, "Aucune proposition de défi pour l’instant."),
        (NEEDS, "Aucune réponse pour l’instant."),
    ],
)
def test_an_empty_list_says_so_in_french(admin_client, url, empty):
    html = html_of(admin_client, url)
    assert empty in html
    assert "n&#x27;a été créé" not in html and "n'a été créé" not in html
    assert_reads_as_french(html, url)


@pytest.mark.parametrize(
    ("url", "no_match"),
    [
        (MENTORS, "Aucun mentor ne correspond à ces critères."),
        (REQUESTS, "Aucune demande ne correspond à ces critères."),
        (PROPOSALS, "Aucune proposition ne correspond à ces critères."),
        (NEEDS, "Aucune réponse ne correspond à ces critères."),
    ],
)
def test_a_search_without_result_says_so_in_french(admin_client, directory, url, no_match):
    MentorProfileFactory()
    MentorRequestFactory()
    ChallengeProposalFactory()
    needs_answer()
    html = html_of(admin_client, url, q="zzzz")
    assert no_match in html and "Désolé" not in html


def test_no_screen_of_the_portals_admin_shows_a_generic_phrase(admin_client, directory, challenge_index):
    pending = MentorProfileFactory(status=MentorStatus.PENDING)
    mentor_request = MentorRequestFactory()
    proposal = ChallengeProposalFactory()
    answer = needs_answer()
    urls = [
        "/admin/",
        MENTORS,
        f"{MENTORS}?accepting_requests__exact=1",
        f"{MENTORS}inspect/{pending.pk}/",
        f"{MENTORS}edit/{pending.pk}/",
        f"{MENTORS}create/",
        f"{MENTORS}invite/",
        f"{MENTORS}status/{pending.pk}/?action=approve",
        REQUESTS,
        f"{REQUESTS}inspect/{mentor_request.pk}/",
        *[f"{REQUESTS}action/{mentor_request.pk}/?action={action}" for action in ("reassign", "close", "erase")],
        PROPOSALS,
        f"{PROPOSALS}inspect/{proposal.pk}/",
        *[f"{PROPOSALS}action/{proposal.pk}/?action={action}" for action in ("convert", "merge", "review", "refuse")],
        NEEDS,
        f"{NEEDS}inspect/{answer.pk}/",
        "/admin/forms/",
    ]
    for url in urls:
        assert_reads_as_french(html_of(admin_client, url), url)


def test_superusers_delete_pages_read_as_french(editor_client, directory):
    mentor = MentorProfileFactory(full_name="Camille Durand")
    html = html_of(editor_client, f"{MENTORS}delete/{mentor.pk}/")
    assert "Supprimer définitivement «\u202fCamille Durand\u202f»\u202f?" in html
    assert_reads_as_french(html, "delete")
    response = editor_client.post(f"{MENTORS}delete/{mentor.pk}/", follow=True)
    assert "Suppression effectuée\u00a0: Camille Durand." in response.content.decode()


def test_a_record_shows_capitalised_labels_and_yes_or_no(admin_client, directory):
    mentor = MentorProfileFactory(accepting_requests=True)
    html = html_of(admin_client, f"{MENTORS}inspect/{mentor.pk}/")
    soup = BeautifulSoup(html, "html.parser")
    labels = {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(strip=True) for dt in soup.select("dl dt")}
    assert labels["Accepte des demandes"] == "Oui"
    assert labels["Nom complet"] == mentor.full_name
    assert "Retour à la liste" in html


def test_a_request_and_a_proposal_are_sent_not_created(admin_client, directory):
    mentor_request = MentorRequestFactory()
    html = html_of(admin_client, f"{REQUESTS}inspect/{mentor_request.pk}/")
    assert "Envoyée le" in html and "Créé le" not in html
    ChallengeProposalFactory()
    assert "Envoyée le" in html_of(admin_client, PROPOSALS)


def test_a_status_change_speaks_of_the_profile(admin_client, directory):
    mentor = MentorProfileFactory(full_name="Claire Morvan")
    html = html_of(admin_client, f"{MENTORS}status/{mentor.pk}/", action="pause")
    assert "Le profil de Claire Morvan est actuellement «\u202fPublié\u202f»." in html
    response = admin_client.post(f"{MENTORS}status/{mentor.pk}/", {"action": "pause", "reason": "Congé"}, follow=True)
    assert "Le profil de Claire Morvan est maintenant «\u202fEn pause\u202f»." in response.content.decode()


def test_filters_are_named_without_by(admin_client, directory):
    MentorProfileFactory()
    soup = BeautifulSoup(html_of(admin_client, MENTORS), "html.parser")
    titles = [title.get_text(strip=True) for title in soup.select(".changelist-filter__title")]
    assert "Accepte des demandes" in titles and "Statut" in titles
    assert not any(title.startswith("Par ") for title in titles)


# --- The moderation workflow ----------------------------------------------------------------------
def test_the_page_editor_offers_to_submit_to_the_french_workflow(admin_client, home):
    page = StandardPageFactory(parent=home, title="Ressources")
    html = html_of(admin_client, reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert "Soumettre à Modération" in html
    assert "Moderators approval" not in html


def test_the_default_workflow_and_its_task_have_french_names():
    assert Workflow.objects.filter(name="Modération", active=True).exists()
    assert Task.objects.filter(name="Validation par les modérateurs").exists()
    assert not Workflow.objects.filter(name="Moderators approval").exists()
    assert not Task.objects.filter(name="Moderators approval").exists()


def test_the_workflow_name_migration_goes_back_and_leaves_names_editors_chose():
    migration = importlib.import_module("portal.home.migrations.0004_workflow_name_in_french")
    chosen = Workflow.objects.create(name="Relecture juridique")
    migration.to_english(apps, None)
    assert Workflow.objects.filter(name="Moderators approval").exists()
    assert Task.objects.filter(name="Moderators approval").exists()
    migration.to_french(apps, None)
    assert not Workflow.objects.filter(name="Moderators approval").exists()
    assert Workflow.objects.filter(name="Modération").exists()
    chosen.refresh_from_db()
    assert chosen.name == "Relecture juridique"


# --- Words are never cut in a list ----------------------------------------------------------------
def test_the_admin_loads_the_portals_css_that_keeps_words_whole(admin_client, directory):
    from django.contrib.staticfiles import finders

    html = html_of(admin_client, REQUESTS)
    assert '<link rel="stylesheet" href="/static/css/admin.css">' in html
    css = Path(finders.find("css/admin.css")).read_text(encoding="utf-8")
    rule = css.split(".modeladmin .listing td.title {", 1)[1].split("}", 1)[0]
    assert "word-break: normal;" in rule and "anywhere" not in rule


# --- Row actions ----------------------------------------------------------------------------------
def test_a_pending_application_shows_approve_and_keeps_the_rest_in_the_menu(admin_client, directory):
    mentor = MentorProfileFactory(full_name="Paul En Attente", status=MentorStatus.PENDING)
    main, row = only_row(html_of(admin_client, MENTORS))
    assert main.get_text(strip=True) == "Valider et publier"
    assert row["toggle"]["aria-label"] == "Plus d’actions" and row["toggle"]["type"] == "button"
    assert {"Voir", "Modifier", "Archiver"} <= set(row["menu"])
    assert "Valider et publier" not in row["menu"]

    assert mentor.contact_email in html_of(admin_client, row["menu"]["Voir"]["href"])
    assert "Archiver" in html_of(admin_client, row["menu"]["Archiver"]["href"])
    admin_client.post(main["href"], {"action": "approve"})
    mentor.refresh_from_db()
    assert mentor.status == MentorStatus.PUBLISHED


def test_a_published_mentor_shows_edit_and_the_status_actions_in_the_menu(admin_client, directory):
    mentor = MentorProfileFactory()
    main, row = only_row(html_of(admin_client, MENTORS))
    assert main.get_text(strip=True) == "Modifier" and main["href"] == f"{MENTORS}edit/{mentor.pk}/"
    assert {"Voir", "Mettre en pause", "Archiver"} <= set(row["menu"])
    pause = row["menu"]["Mettre en pause"]["href"]
    assert "Mettre en pause" in html_of(admin_client, pause)
    admin_client.post(pause, {"action": "pause", "reason": "Congé"})
    mentor.refresh_from_db()
    assert mentor.status == MentorStatus.PAUSED


def test_only_superusers_find_delete_in_the_menu_styled_as_destructive(editor_client, client, directory):
    MentorProfileFactory()
    _main, row = only_row(html_of(editor_client, MENTORS))
    assert "no" in row["menu"]["Supprimer"]["class"]
    member = UserFactory()
    member.save()
    member.groups.add(Group.objects.get(name=EDITORS_GROUP))
    client.force_login(member)
    _main, row = only_row(html_of(client, MENTORS))
    assert "Supprimer" not in row["menu"]


def test_a_request_shows_view_and_keeps_its_actions_in_the_menu(admin_client, directory):
    mentor_request = MentorRequestFactory()
    MentorProfileFactory(full_name="Nouvelle Mentore")
    main, row = only_row(html_of(admin_client, REQUESTS))
    assert main.get_text(strip=True) == "Voir" and main["href"] == f"{REQUESTS}inspect/{mentor_request.pk}/"
    assert set(row["menu"]) == {"Réattribuer", "Clore", "Effacer les données"}
    erase = row["menu"]["Effacer les données"]
    assert "no" in erase["class"] and "row-actions__destructive" in erase["class"]
    assert not any("no" in link.get("class", []) for name, link in row["menu"].items() if name != "Effacer les données")

    assert mentor_request.requester_email in html_of(admin_client, main["href"])
    assert "Nouvelle Mentore" in html_of(admin_client, row["menu"]["Réattribuer"]["href"])
    assert mentor_request.requester_email in html_of(admin_client, erase["href"])
    admin_client.post(row["menu"]["Clore"]["href"], {"action": "close", "note": "Doublon"})
    mentor_request.refresh_from_db()
    assert mentor_request.status == RequestStatus.WITHDRAWN


def test_a_closed_request_keeps_only_erase_in_its_menu(admin_client, directory):
    mentor_request = MentorRequestFactory()
    workflow.close(mentor_request, None, "")
    _main, row = only_row(html_of(admin_client, REQUESTS))
    assert set(row["menu"]) == {"Effacer les données"}


def test_a_new_proposal_shows_create_a_draft_and_keeps_the_rest_in_the_menu(admin_client, challenge_index):
    proposal = ChallengeProposalFactory()
    main, row = only_row(html_of(admin_client, PROPOSALS))
    assert main.get_text(strip=True) == "Créer un brouillon de défi"
    assert {"Voir", "Fusionner dans un défi", "Mettre en examen", "Refuser"} <= set(row["menu"])
    for name in ("Voir", "Fusionner dans un défi", "Refuser"):
        assert proposal.title in html_of(admin_client, row["menu"][name]["href"])
    admin_client.post(row["menu"]["Mettre en examen"]["href"], {"action": "review"})
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.REVIEW
    response = admin_client.post(main["href"], {"action": "convert"})
    assert response.status_code == 302 and "/admin/pages/" in response["Location"]


def test_a_needs_answer_shows_view_alone(admin_client, db):
    answer = needs_answer()
    rows = row_actions(html_of(admin_client, NEEDS))
    [row] = rows
    [main] = row["shown"]
    assert main.get_text(strip=True) == "Voir" and main["href"] == f"{NEEDS}inspect/{answer.pk}/"
    assert "Un besoin" in html_of(admin_client, main["href"])


# --- Erasing someone's data -----------------------------------------------------------------------
def test_the_erase_confirmation_lists_every_request_of_the_address_and_erases_nothing_yet(admin_client, directory):
    first = MentorRequestFactory(requester_email="lea@example.net", mentor__full_name="Claire Morvan")
    second = MentorRequestFactory(requester_email="LEA@example.net", mentor__full_name="Hugo Marchand")
    workflow.accept(second)
    other = MentorRequestFactory(requester_email="paul@example.net", mentor__full_name="Autre Mentore")
    url = f"{REQUESTS}action/{first.pk}/"

    html = html_of(admin_client, url, action="erase")
    soup = BeautifulSoup(html, "html.parser")
    assert "2 demandes envoyées depuis lea@example.net" in html
    listed = [[cell.get_text(strip=True) for cell in row.select("td")] for row in soup.select(".erasure tbody tr")]
    assert [(row[0], row[2], row[3]) for row in listed] == [
        (str(first.pk), "Claire Morvan", "Nouvelle"),
        (str(second.pk), "Hugo Marchand", "Acceptée"),
    ]
    assert all(row[1] for row in listed)  # the date each was sent
    assert "Autre Mentore" not in html and str(other.pk) not in [row[0] for row in listed]
    removed = [item.get_text(strip=True) for item in soup.select(".erasure ul li")]
    assert {"Nom", "E-mail", "Organisation", "Message"} <= set(removed)
    assert "Le texte des retours (ce qui a changé)" in removed
    assert "Conservé pour les statistiques" in html
    assert "no" in soup.select_one("form button[type=submit]")["class"]

    unconfirmed = admin_client.post(url, {"action": "erase"})
    assert "Cochez la case pour confirmer l’effacement." in unconfirmed.content.decode()
    for kept in (first, second, other):
        kept.refresh_from_db()
        assert kept.requester_email and kept.anonymised_at is None
    assert (first.status, second.status) == (RequestStatus.NEW, RequestStatus.ACCEPTED)

    done = admin_client.post(url, {"action": "erase", "confirm": "on"}, follow=True)
    assert "Les données du demandeur ont été effacées de 2 demandes." in done.content.decode()
    for erased in (first, second):
        erased.refresh_from_db()
        assert erased.requester_email == "" and erased.anonymised_at
    other.refresh_from_db()
    assert other.requester_email == "paul@example.net"
