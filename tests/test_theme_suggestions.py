"""Themes are chosen from the vocabulary; new ones are suggestions that editors approve (issue 13, item 6).

A person who applies, keeps a profile or proposes a challenge ticks themes of the list and may suggest a few
new ones: a suggestion is never a theme (matching, the directory, the filters never see it) until an editor
approves it in the admin; rejecting drops it. A profile holds twelve themes at most.
"""

import re

from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from portal.contributions.models import ChallengeProposal
from portal.mentors.models import MentorProfile
from portal.taxonomy import suggestions
from portal.taxonomy.models import MAX_THEMES, Theme, ThemeSuggestion
from tests.contributions_helpers import proposal_data
from tests.factories import (
    EDITORS_GROUP,
    MODERATORS_GROUP,
    ChallengeProposalFactory,
    MentorProfileFactory,
    UserFactory,
    theme_ids,
)
from tests.test_mentor_accounts import PASSWORD, application, profile_data

pytestmark = pytest.mark.django_db
SUGGESTIONS = "/admin/taxonomy/themesuggestion/"


def apply(client, **overrides):
    return client.post(reverse("mentors:apply"), application(**overrides))


def suggest(target, *names):
    suggestions.suggest(target, list(names))
    return list(suggestions.pending_for(target))


def names(themes):
    return sorted(theme.name for theme in themes.all())


# --- Applicants and mentors ------------------------------------------------------------------------
def test_an_applicant_cannot_turn_typed_words_into_themes(client, directory):
    data = application(themes=["hydrogène", "open data, vélo"])
    before = Theme.objects.count()
    response = client.post(reverse("mentors:apply"), data)
    assert response.status_code == 200
    # Django names the first unknown value of a set: either may come first.
    refused = "«\u202f(hydrogène|open data, vélo)\u202f» n’est pas un thème de la liste"
    assert re.search(refused, response.content.decode())
    assert Theme.objects.count() == before
    assert not MentorProfile.objects.exists() and not ThemeSuggestion.objects.exists()


def test_thousands_of_themes_in_one_application_are_refused_at_once_and_create_nothing(client, directory):
    data = application(themes=[f"thème {number}" for number in range(900)])
    before = Theme.objects.count()
    with CaptureQueriesContext(connection) as queries:
        response = client.post(reverse("mentors:apply"), data)
    assert f"Choisissez {MAX_THEMES} thèmes au plus, suggestions comprises (il y en a 900)" in (
        response.content.decode()
    )
    assert len(queries) < 60  # refused before looking any of them up
    assert Theme.objects.count() == before and not MentorProfile.objects.exists()


def test_an_applicant_ticks_themes_and_suggests_new_ones_that_are_not_themes(client, directory):
    response = apply(client, themes=theme_ids("communs"), suggested_themes="  Vélo cargo ,hydrogène,vélo cargo")
    assert response.status_code == 302
    mentor = MentorProfile.objects.get()
    assert names(mentor.themes) == ["communs"]
    assert [s.name for s in suggestions.pending_for(mentor)] == ["Vélo cargo", "hydrogène"]
    assert not Theme.objects.filter(name__in=["Vélo cargo", "hydrogène"]).exists()


def test_a_suggestion_that_names_a_theme_of_the_list_ticks_it(client, directory):
    theme_ids("open data")
    apply(client, themes=theme_ids("communs"), suggested_themes="OPEN DATA")
    mentor = MentorProfile.objects.get()
    assert names(mentor.themes) == ["communs", "open data"]
    assert not ThemeSuggestion.objects.exists()


@pytest.mark.parametrize(
    ("suggested", "message"),
    [
        ("mobilité hydrogène, vélo cargo, fret ferroviaire, tiers-lieux", "Suggérez 3 thèmes au plus (il y en a 4)."),
        ("x" * 61, "Un thème tient en quelques mots\u00a0: 60 caractères au plus chacun."),
        ("a, " * 100, "Suggérez 3 thèmes au plus, séparés par des virgules."),
    ],
)
def test_suggestions_are_a_few_short_themes_or_refused_in_french(client, directory, suggested, message):
    response = apply(client, themes=theme_ids("communs"), suggested_themes=suggested)
    assert message in response.content.decode()
    assert not MentorProfile.objects.exists() and not ThemeSuggestion.objects.exists()


def test_a_profile_holds_twelve_themes_at_most_suggestions_included(client, directory):
    mentor = MentorProfileFactory(themes=["open data"], account=PASSWORD)
    client.force_login(mentor.user)
    eleven = theme_ids(*(f"thème {number}" for number in range(11)))
    refused = client.post(reverse("mentors:me"), profile_data(mentor, themes=eleven, suggested_themes="a, b"))
    assert "Choisissez 12 thèmes au plus, suggestions comprises (il y en a 13)." in refused.content.decode()
    assert names(mentor.themes) == ["open data"] and not ThemeSuggestion.objects.exists()
    twelve = theme_ids(*(f"thème {number}" for number in range(12)))
    assert client.post(reverse("mentors:me"), profile_data(mentor, themes=twelve)).status_code == 302
    assert mentor.themes.count() == 12


def test_a_mentor_sees_the_suggestions_awaiting_review_and_never_has_more_than_three(client, directory):
    mentor = MentorProfileFactory(themes=["open data"], account=PASSWORD)
    client.force_login(mentor.user)
    client.post(reverse("mentors:me"), profile_data(mentor, suggested_themes="hydrogène, fret"))
    client.post(reverse("mentors:me"), profile_data(mentor, suggested_themes="Hydrogène"))  # already waiting
    assert [s.name for s in suggestions.pending_for(mentor)] == ["hydrogène", "fret"]
    assert "En attente de validation\u00a0: hydrogène, fret." in client.get(reverse("mentors:me")).content.decode()
    refused = client.post(reverse("mentors:me"), profile_data(mentor, suggested_themes="tiers-lieux, ports"))
    assert "3 suggestions au plus peuvent attendre" in refused.content.decode()
    assert len(suggestions.pending_for(mentor)) == 2


def test_matching_the_directory_and_the_profile_never_see_a_suggestion(client, directory):
    mentor = MentorProfileFactory(full_name="Claire", themes=["open data"], bio="Données de transport.")
    suggest(mentor, "hydrogène")
    mentor.refresh_from_db()
    html = client.get(directory.url).content.decode()
    assert "Claire" in html and "hydrogène" not in html
    assert "Claire" not in client.get(directory.url, {"q": "hydrogène"}).content.decode()
    assert "hydrogène" not in client.get(f"{directory.url}{mentor.slug}/").content.decode()
    assert "hydrogen" not in str(mentor.matching_vector) and "hydrogen" not in mentor.matching_terms()


# --- Editors ---------------------------------------------------------------------------------------
def test_an_editor_approves_a_suggestion_and_the_mentor_holds_the_theme_everywhere(client, directory, editor_client):
    mentor = MentorProfileFactory(full_name="Claire", themes=["open data"], bio="Données de transport.")
    [suggestion] = suggest(mentor, "hydrogène")
    listing = editor_client.get(SUGGESTIONS).content.decode()
    assert "hydrogène" in listing and "Profil de mentor\u00a0: Claire" in listing
    assert "Approuver" in listing and "Rejeter" in listing
    confirmation = editor_client.get(f"{SUGGESTIONS}action/{suggestion.pk}/?action=approve").content.decode()
    assert "devient un thème du vocabulaire" in confirmation
    response = editor_client.post(f"{SUGGESTIONS}action/{suggestion.pk}/", {"action": "approve"}, follow=True)
    assert "«\u202fhydrogène\u202f» est désormais un thème de «\u202fClaire\u202f»." in response.content.decode()
    assert names(mentor.themes) == ["hydrogène", "open data"] and not ThemeSuggestion.objects.exists()
    assert "Claire" in client.get(directory.url, {"theme": Theme.objects.get(name="hydrogène").slug}).content.decode()


def test_approving_a_suggestion_that_exists_as_a_theme_reuses_it(directory):
    existing = Theme.objects.create(name="Vélo")
    mentor = MentorProfileFactory(themes=["open data"])
    [suggestion] = suggest(mentor, "velo")
    assert suggestions.approve(suggestion) == existing
    assert Theme.objects.filter(name__iexact="vélo").count() == 1 and existing in mentor.themes.all()


def test_an_editor_rejects_a_suggestion_and_it_is_dropped(directory, editor_client):
    mentor = MentorProfileFactory(themes=["open data"])
    [suggestion] = suggest(mentor, "n’importe quoi")
    response = editor_client.post(f"{SUGGESTIONS}action/{suggestion.pk}/", {"action": "reject"}, follow=True)
    assert "Suggestion «\u202fn’importe quoi\u202f» rejetée" in response.content.decode()
    assert not ThemeSuggestion.objects.exists() and not Theme.objects.filter(name="n’importe quoi").exists()
    assert names(mentor.themes) == ["open data"]


def test_approving_never_takes_a_profile_beyond_twelve_themes(directory, editor_client):
    mentor = MentorProfileFactory(themes=[f"thème {number}" for number in range(MAX_THEMES)])
    [suggestion] = suggest(mentor, "hydrogène")
    response = editor_client.post(f"{SUGGESTIONS}action/{suggestion.pk}/", {"action": "approve"}, follow=True)
    assert "a déjà 12 thèmes, le plus qu’il puisse en avoir" in response.content.decode()
    assert mentor.themes.count() == MAX_THEMES and ThemeSuggestion.objects.count() == 1


@pytest.mark.parametrize("group", [EDITORS_GROUP, MODERATORS_GROUP])
def test_editors_and_moderators_review_suggestions(client, directory, group):
    member = UserFactory()
    member.save()
    member.groups.add(Group.objects.get(name=group))
    client.force_login(member)
    mentor = MentorProfileFactory(themes=["open data"])
    [suggestion] = suggest(mentor, "hydrogène")
    assert "hydrogène" in client.get(SUGGESTIONS).content.decode()
    client.post(f"{SUGGESTIONS}action/{suggestion.pk}/", {"action": "approve"})
    assert names(mentor.themes) == ["hydrogène", "open data"]


def test_a_mentor_cannot_review_suggestions(client, directory):
    mentor = MentorProfileFactory(themes=["open data"], account=PASSWORD)
    [suggestion] = suggest(mentor, "hydrogène")
    client.force_login(mentor.user)
    client.post(f"{SUGGESTIONS}action/{suggestion.pk}/", {"action": "approve"})
    assert "hydrogène" not in client.get(SUGGESTIONS).content.decode()
    assert ThemeSuggestion.objects.count() == 1 and names(mentor.themes) == ["open data"]


def test_a_profile_deleted_takes_its_suggestions_with_it(directory):
    mentor = MentorProfileFactory()
    suggest(mentor, "hydrogène")
    mentor.delete()
    assert not ThemeSuggestion.objects.exists()


# --- Challenge proposals ---------------------------------------------------------------------------
def test_a_proposers_words_are_suggestions_never_themes_even_once_converted(client, catalogue, editor_client):
    before = Theme.objects.count()
    client.post(f"{catalogue.url}proposer/", proposal_data(new_themes="covoiturage, données partagées"))
    proposal = ChallengeProposal.objects.get()
    assert proposal.new_themes == "covoiturage, données partagées"  # kept as sent
    assert [s.name for s in proposal.theme_suggestions.all()] == ["covoiturage", "données partagées"]
    assert Theme.objects.count() == before
    confirmation = editor_client.get(f"/admin/contributions/challengeproposal/action/{proposal.pk}/?action=convert")
    assert "covoiturage, données partagées" in confirmation.content.decode()
    editor_client.post(f"/admin/contributions/challengeproposal/action/{proposal.pk}/", {"action": "convert"})
    proposal.refresh_from_db()
    assert names(proposal.challenge.themes) == ["open source"] and Theme.objects.count() == before


def test_an_approved_suggestion_of_a_proposal_joins_its_themes(catalogue):
    proposal = ChallengeProposalFactory()
    [suggestion] = suggest(proposal, "covoiturage")
    suggestions.approve(suggestion)
    assert names(proposal.themes) == ["covoiturage"]


def test_a_proposal_suggests_three_themes_at_most(client, catalogue):
    response = client.post(f"{catalogue.url}proposer/", proposal_data(new_themes="a, b, c, d"))
    assert "Suggérez 3 thèmes au plus (il y en a 4)." in " ".join(response.context["form"].errors["new_themes"])
    assert not ChallengeProposal.objects.exists() and not ThemeSuggestion.objects.exists()
