"""Editors keep the vocabulary of themes in the admin (issue 14, point 7): list each theme with what holds it,
rename it (its former address keeps filtering), merge it into another (everything that held it holds the
other) or delete it, each confirmed, logged and permission-checked."""

import re

from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from wagtail.models import ModelLogEntry

import pytest

from portal.challenges.models import ChallengePage
from portal.contributions.models import NeedsSurveyResponse
from portal.mentors import relevance
from portal.mentors.models import MentorProfile
from portal.taxonomy import suggestions, themes
from portal.taxonomy.models import Theme, ThemeAlias, ThemeSuggestion
from search.french import fold
from tests.factories import (
    EDITORS_GROUP,
    MODERATORS_GROUP,
    ChallengePageFactory,
    ChallengeProposalFactory,
    MentorProfileFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
THEMES = "/admin/taxonomy/theme/"


def action_url(theme, action):
    return f"{reverse('taxonomy_theme_modeladmin_action', args=[theme.pk])}?action={action}"


def delete_url(theme):
    return reverse("taxonomy_theme_modeladmin_delete", args=[theme.pk])


def theme(name):
    return Theme.objects.get(name=name)


def theme_names(holder):
    return sorted((held.name for held in holder.themes.all()), key=fold)


@pytest.fixture
def team_member(client):
    member = UserFactory(groups=[EDITORS_GROUP])
    client.force_login(member)
    return member


@pytest.fixture
def held(directory, challenge_index):
    """ "open data" and "données ouvertes", held by mentors, a challenge, a proposal and a survey answer."""
    both = MentorProfileFactory(full_name="Inès Both", themes=["open data", "données ouvertes"])
    first = MentorProfileFactory(full_name="Paul Premier", themes=["open data", "communs"])
    second = MentorProfileFactory(full_name="Sara Seconde", themes=["données ouvertes"])
    challenge = ChallengePageFactory(parent=challenge_index, title="Ouvrir ses données", themes=["open data"])
    proposal = ChallengeProposalFactory()
    proposal.themes.set([theme("open data"), theme("données ouvertes")])
    answer = NeedsSurveyResponse.objects.create(consent_at=proposal.consent_at)
    answer.themes.set([theme("open data")])
    return {"both": both, "first": first, "second": second, "challenge": challenge, "proposal": proposal,
            "answer": answer}  # fmt: skip


# --- The list ---------------------------------------------------------------------------------------
def test_the_list_says_what_holds_each_theme(client, team_member, held):
    response = client.get(f"{THEMES}?q=open")
    page = response.content.decode()
    assert "open data" in page
    assert "Profils de mentors\u00a0: 2" in page
    assert "Défis\u00a0: 1" in page
    assert "Propositions de défis\u00a0: 1" in page
    assert "Réponses à l’enquête sur les besoins\u00a0: 1" in page


def test_the_counts_follow_a_merge(held):
    merged = themes.merge(theme("open data"), theme("données ouvertes"))
    counted = {link.holder: getattr(themes.with_usage(Theme.objects.filter(pk=merged.pk)).get(), link.key)
               for link in themes.links()}  # fmt: skip
    assert counted[MentorProfile] == 3  # Inès held both: counted once
    assert counted[ChallengePage] == 1
    assert sum(counted.values()) == 3 + 1 + 1 + 1


# --- Rename -----------------------------------------------------------------------------------------
def test_renaming_keeps_every_holder_and_the_former_address(client, team_member, held):
    old = theme("open data")
    response = client.post(action_url(old, "rename"), {"action": "rename", "name": "  Données  publiques "})
    assert response.status_code == 302
    renamed = Theme.objects.get(pk=old.pk)
    assert (renamed.name, renamed.slug) == ("Données publiques", "donnees-publiques")
    assert theme_names(held["first"]) == ["communs", "Données publiques"]  # in French order
    assert ThemeAlias.objects.get(slug="open-data").theme == renamed
    page = client.get("/mentors/?theme=open-data&availability=all").content.decode()
    assert "Paul Premier" in page and "Sara Seconde" not in page
    # the filter shows the theme as chosen, so that changing another filter keeps it
    assert re.search(r'<option value="donnees-publiques"[^>]*\bselected\b', page)
    entry = ModelLogEntry.objects.get(action=themes.RENAMED)
    assert entry.user == team_member and entry.data == {"old": "open data", "new": "Données publiques"}


def test_renaming_to_a_name_already_taken_asks_for_a_merge_and_changes_nothing(client, team_member, held):
    old = theme("open data")
    response = client.post(action_url(old, "rename"), {"action": "rename", "name": "DONNEES OUVERTES"})
    assert response.status_code == 200
    assert "Le thème «\u202fdonnées ouvertes\u202f» porte déjà ce nom" in response.content.decode()
    assert Theme.objects.get(pk=old.pk).name == "open data"
    assert not ThemeAlias.objects.exists() and not ModelLogEntry.objects.filter(action=themes.RENAMED).exists()


def test_a_name_without_letters_is_refused(client, team_member, held):
    response = client.post(action_url(theme("open data"), "rename"), {"action": "rename", "name": "!!!"})
    assert "Un nom de thème contient des lettres ou des chiffres" in response.content.decode()
    assert theme("open data").slug == "open-data"


def test_the_raw_edit_form_leads_to_the_rename_screen(client, team_member, held):
    old = theme("open data")
    response = client.get(reverse("taxonomy_theme_modeladmin_edit", args=[old.pk]))
    assert response["Location"] == action_url(old, "rename")


# --- Merge ------------------------------------------------------------------------------------------
def test_the_merge_screen_says_what_will_happen(client, team_member, held):
    page = client.get(action_url(theme("open data"), "merge")).content.decode()
    assert "Profils de mentors\u00a0: 2" in page
    assert "Ensuite «\u202fopen data\u202f» est supprimé" in page
    assert '<option value="{}">open data</option>'.format(theme("open data").pk) not in page


def test_merging_retags_everything_that_held_the_first_theme(client, team_member, held):
    source, target = theme("open data"), theme("données ouvertes")
    ChallengeProposalFactory(new_themes="Open Data")
    waiting = ThemeSuggestion.objects.create(name="OPEN DATA", suggested_for=held["second"])
    response = client.post(action_url(source, "merge"), {"action": "merge", "target": target.pk})
    assert response.status_code == 302

    assert not Theme.objects.filter(pk=source.pk).exists()
    assert theme_names(held["both"]) == ["données ouvertes"]
    assert theme_names(held["first"]) == ["communs", "données ouvertes"]
    assert theme_names(ChallengePage.objects.get(pk=held["challenge"].pk)) == ["données ouvertes"]
    assert theme_names(held["proposal"]) == ["données ouvertes"]
    assert theme_names(held["answer"]) == ["données ouvertes"]
    assert ThemeSuggestion.objects.get(pk=waiting.pk).name == "données ouvertes"
    assert ThemeAlias.objects.get(slug="open-data").theme == target
    entry = ModelLogEntry.objects.get(action=themes.MERGED)
    assert entry.user == team_member and entry.object_id == str(target.pk)
    assert entry.data == {"merged": "open data", "into": "données ouvertes"}


def test_after_a_merge_the_directory_finds_the_first_themes_mentors_under_the_second(client, team_member, held):
    MentorProfileFactory(full_name="Hugo Ailleurs", themes=["communs"])
    themes.merge(theme("open data"), theme("données ouvertes"), user=team_member)
    page = client.get("/mentors/?theme=donnees-ouvertes&availability=all").content.decode()
    assert "Paul Premier" in page and "Inès Both" in page and "Sara Seconde" in page
    assert "Hugo Ailleurs" not in page
    page = client.get("/mentors/?theme=open-data&availability=all").content.decode()  # a link shared before
    assert "Paul Premier" in page and "Hugo Ailleurs" not in page


def test_after_a_merge_matching_reads_the_second_theme(held, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        target = themes.merge(theme("open data"), theme("données ouvertes"))
    vector = MentorProfile.objects.get(pk=held["first"].pk).matching_vector
    assert relevance.theme_token(target.slug) in vector[relevance.THEMES]
    assert relevance.theme_token("open-data") not in vector[relevance.THEMES]


def test_a_draft_waiting_on_a_challenge_keeps_its_theme_after_a_merge(held):
    challenge = ChallengePage.objects.get(pk=held["challenge"].pk)
    challenge.themes.add(theme("communs"))
    challenge.save_revision()  # a draft beside the live page
    themes.merge(theme("open data"), theme("données ouvertes"))
    draft = ChallengePage.objects.get(pk=challenge.pk).get_latest_revision_as_object()
    assert theme_names(draft) == ["communs", "données ouvertes"]


def test_a_theme_cannot_be_merged_into_itself(client, team_member, held):
    source = theme("open data")
    response = client.post(action_url(source, "merge"), {"action": "merge", "target": source.pk})
    assert "Choisissez un thème de la liste, autre que celui-ci." in response.content.decode()
    with pytest.raises(themes.ThemeError, match="ne peut pas être fusionné avec lui-même"):
        themes.merge(source, source)
    assert theme_names(held["first"]) == ["communs", "open data"]
    assert not ModelLogEntry.objects.filter(action=themes.MERGED).exists()


@pytest.mark.parametrize("target", ["999999", "abc", "", "1 OR 1=1"])
def test_merging_into_an_unknown_theme_is_refused(client, team_member, held, target):
    response = client.post(action_url(theme("open data"), "merge"), {"action": "merge", "target": target})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Choisissez un thème de la liste, autre que celui-ci." in page or "Choisissez le thème à garder." in page
    assert Theme.objects.filter(name="open data").exists()


@pytest.mark.parametrize("pk", ["999999", "abc"])
def test_an_unknown_theme_answers_not_found(client, team_member, held, pk):
    response = client.get(f"{THEMES}action/{pk}/?action=merge")
    assert response.status_code == 404


def test_a_theme_merged_meanwhile_is_reported(held):
    source, target = theme("open data"), theme("données ouvertes")
    Theme.objects.filter(pk=target.pk).delete()
    with pytest.raises(themes.ThemeError, match="Ce thème n’existe plus"):
        themes.merge(source, target)
    assert Theme.objects.filter(pk=source.pk).exists()


# --- Delete -----------------------------------------------------------------------------------------
def test_the_delete_screen_says_what_will_be_untagged_and_offers_a_merge(client, team_member, held):
    page = client.get(delete_url(theme("open data"))).content.decode()
    assert "Profils de mentors\u00a0: 2" in page
    assert "les retire de tous" in page or "le retire de tous" in page
    assert action_url(theme("open data"), "merge").replace("&", "&amp;") in page


def test_deleting_untags_whatever_held_it(client, team_member, held):
    source = theme("open data")
    ThemeAlias.objects.create(slug="donnees-libres", theme=source)
    response = client.post(delete_url(source))
    assert response.status_code == 302
    assert not Theme.objects.filter(pk=source.pk).exists() and not ThemeAlias.objects.exists()
    assert theme_names(held["first"]) == ["communs"]
    assert theme_names(ChallengePage.objects.get(pk=held["challenge"].pk)) == []
    entry = ModelLogEntry.objects.get(action=themes.DELETED)
    assert entry.user == team_member and entry.data == {"name": "open data"}


# --- Who may ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("group", [EDITORS_GROUP, MODERATORS_GROUP])
def test_editors_and_moderators_keep_the_themes(client, held, group):
    client.force_login(UserFactory(groups=[group]))
    assert client.get(THEMES).status_code == 200
    response = client.post(action_url(theme("open data"), "merge"), {"action": "merge", "target": theme("communs").pk})
    assert response.status_code == 302 and not Theme.objects.filter(name="open data").exists()


def test_someone_outside_the_team_cannot_touch_the_themes(client, held):
    readers = Group.objects.create(name="Lecteurs")
    readers.permissions.add(Permission.objects.get(codename="access_admin"))  # in the admin, no more
    client.force_login(UserFactory(groups=["Lecteurs"]))
    source = theme("open data")
    assert client.get(THEMES).status_code in (302, 403)
    client.post(action_url(source, "merge"), {"action": "merge", "target": theme("communs").pk})
    client.post(delete_url(source))
    client.post(action_url(source, "rename"), {"action": "rename", "name": "autre"})
    assert Theme.objects.get(pk=source.pk).name == "open data"


def test_approving_a_suggestion_named_like_a_merged_theme_gives_the_kept_one(held):
    suggestion = ThemeSuggestion.objects.create(name="Open data", suggested_for=held["second"])
    themes.merge(theme("open data"), theme("données ouvertes"))
    suggestions.approve(ThemeSuggestion.objects.get(pk=suggestion.pk))
    assert not Theme.objects.filter(name__iexact="open data").exists()
    assert theme_names(held["second"]) == ["données ouvertes"]


def test_a_theme_filter_with_a_nul_byte_shows_the_directory_and_the_catalogue(client, directory, challenge_index):
    """A NUL byte cannot be a theme's slug; PostgreSQL refused it in the former-slug lookup (a 500)."""
    assert client.get("/mentors/", {"theme": "open\x00data"}).status_code == 200
    assert client.get(challenge_index.url, {"theme": "open\x00data"}).status_code == 200
