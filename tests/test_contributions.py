"""Members send ideas, challenge proposals and needs; editors read them, turn a proposal into a
published challenge, and the proposer is thanked."""

import re

from django.core import mail

from wagtail.contrib.forms.models import FormSubmission

import pytest

from portal.challenges.models import ChallengePage
from portal.contributions import proposals
from portal.contributions.models import ChallengeProposal, NeedsSurveyResponse, ProposalStatus
from portal.mentors.matching import mentors_for_challenge
from portal.taxonomy.models import ActorType, Theme
from tests.contributions_helpers import idea, needs, proposal_data
from tests.exports_helpers import csv_rows
from tests.factories import (
    ChallengeProposalFactory,
    MentorProfileFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
PROPOSALS = "/admin/contributions/challengeproposal/"
NEEDS = "/admin/contributions/needssurveyresponse/"


# --- Ideas ----------------------------------------------------------------------------------------
def test_a_member_sends_an_idea_and_the_editors_are_emailed(client, ideas, editor):
    response = client.post(ideas.url, idea(votre_e_mail="nora@example.net"))
    assert response["Location"] == f"{ideas.url}?envoye=1"
    assert "Merci" in client.get(response["Location"]).content.decode()
    submission = FormSubmission.objects.get(page=ideas)
    assert submission.get_data()["votre_idee"] == "Un mentorat inversé entre startups et collectivités."
    [email] = mail.outbox
    assert editor.email in email.to
    assert "Un mentorat inversé" in email.body and "nora@example.net" in email.body


def test_the_ideas_form_sends_to_its_own_address_when_set(client, ideas):
    ideas.to_address = "equipe@fabmob.example"
    ideas.save()
    client.post(ideas.url, idea())
    assert [message.to for message in mail.outbox] == [["equipe@fabmob.example"]]


def test_editors_list_and_export_the_ideas(client, ideas, editor_client):
    client.post(ideas.url, idea())
    listing = editor_client.get(f"/admin/forms/submissions/{ideas.pk}/")
    assert "Un mentorat inversé" in listing.content.decode()
    rows = csv_rows(editor_client.get(f"/admin/forms/submissions/{ideas.pk}/", {"export": "csv"}))
    assert any("Un mentorat inversé entre startups et collectivités." in row for row in rows)


def test_an_idea_needs_consent_and_its_required_fields(client, ideas):
    response = client.post(ideas.url, idea(consent="", votre_idee=""))
    page = response.content.decode()
    assert "Votre accord avec la politique de confidentialité" in page
    assert "Champ requis." in page
    assert not FormSubmission.objects.exists()
    assert not mail.outbox


def test_bots_caught_by_the_ideas_honeypot_store_nothing(client, ideas):
    client.post(ideas.url, idea(whf_name="http://spam.example"))
    assert not FormSubmission.objects.exists()


def test_ideas_are_rate_limited(client, ideas, settings):
    settings.FORM_RATE_PER_IP = "2/h"
    codes = [client.post(ideas.url, idea()).status_code for _ in range(3)]
    assert codes == [302, 302, 429]
    assert FormSubmission.objects.count() == 2


# --- Challenge proposals --------------------------------------------------------------------------
def test_the_catalogue_invites_members_to_propose_a_challenge(client, catalogue):
    assert f'href="{catalogue.url}proposer/"' in client.get(catalogue.url).content.decode()


def test_a_member_proposes_a_challenge_and_editors_are_told(client, catalogue, editor):
    response = client.post(f"{catalogue.url}proposer/", proposal_data())
    assert response.status_code == 302
    assert "Merci pour votre proposition" in client.get(response["Location"]).content.decode()
    proposal = ChallengeProposal.objects.get()
    assert proposal.status == ProposalStatus.NEW and proposal.consent_at
    assert [theme.name for theme in proposal.themes.all()] == ["open source"]
    [email] = mail.outbox
    assert editor.email in email.to and "covoiturage" in email.body


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": "Court"}, "title", "10 caractères"),
        ({"description": "Trop bref."}, "description", "30 caractères"),
        ({"email": "nora@"}, "email", "adresse e-mail valide"),
        ({"actor_type": None}, "actor_type", "Champ requis."),
        ({"consent": None}, "consent", "politique de confidentialité"),
        ({"themes": ["999999"]}, "themes", "999999"),
        ({"new_themes": "x" * 61}, "new_themes", "60 caractères"),
    ],
)
def test_invalid_proposals_are_explained_and_nothing_is_stored(client, catalogue, overrides, field, message):
    response = client.post(f"{catalogue.url}proposer/", proposal_data(**overrides))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not ChallengeProposal.objects.exists()
    assert not mail.outbox


def test_bots_and_floods_store_no_proposal(client, catalogue, settings):
    client.post(f"{catalogue.url}proposer/", proposal_data(whf_name="spam"))
    assert not ChallengeProposal.objects.exists()
    settings.FORM_RATE_PER_EMAIL = "1/h"
    assert client.post(f"{catalogue.url}proposer/", proposal_data()).status_code == 302
    assert (
        client.post(f"{catalogue.url}proposer/", proposal_data(title="Une autre question utile ?")).status_code == 429
    )
    assert ChallengeProposal.objects.count() == 1


def test_an_editor_turns_a_proposal_into_a_challenge_that_joins_catalogue_search_and_matching(
    client, catalogue, editor_client, editor, directory
):
    client.post(f"{catalogue.url}proposer/", proposal_data())
    proposal = ChallengeProposal.objects.get()
    mentor = MentorProfileFactory(full_name="Experte Covoiturage", themes=["covoiturage"], headline="Covoiturage")
    mail.outbox.clear()
    # The proposer's own themes are suggestions until an editor approves them (tests/test_theme_suggestions.py).
    for suggestion in proposal.theme_suggestions.all():
        editor_client.post(f"/admin/taxonomy/themesuggestion/action/{suggestion.pk}/", {"action": "approve"})

    # One action in the admin: a draft challenge, fields copied, the proposal linked.
    response = editor_client.post(f"{PROPOSALS}action/{proposal.pk}/", {"action": "convert"})
    page = ChallengePage.objects.get(title="Comment partager nos données de covoiturage ?")
    assert response["Location"] == f"/admin/pages/{page.pk}/edit/"
    assert not page.live and page.get_parent().pk == catalogue.pk
    assert "mutualiser leurs données" in page.summary and "trois communautés" in page.example
    assert {theme.name for theme in page.themes.all()} == {"open source", "covoiturage", "données partagées"}
    assert [actor_type.code for actor_type in page.actor_types.all()] == ["collectivite"]
    proposal.refresh_from_db()
    assert (proposal.status, proposal.challenge_id) == (ProposalStatus.ACCEPTED, page.pk)
    assert not mail.outbox  # nobody is thanked for a draft
    assert client.get(catalogue.url).content.decode().count("covoiturage") == 0

    # The editor publishes it: catalogue, search and matching have it, the proposer is thanked once.
    page.save_revision(user=editor).publish()
    [thanks] = mail.outbox
    assert thanks.to == ["nora@example.net"]
    assert "/defis/comment-partager-nos-donnees-de-covoiturage/" in thanks.body
    page.save_revision(user=editor).publish()
    assert len(mail.outbox) == 1
    assert "Comment partager nos données de covoiturage ?" in client.get(catalogue.url).content.decode()
    assert "Comment partager nos données" in client.get("/search/", {"q": "covoiturage"}).content.decode()
    assert mentor in [match.mentor for match in mentors_for_challenge(page)]


def test_the_proposers_words_are_never_markup_on_the_challenge(catalogue, editor):
    proposal = ChallengeProposalFactory(description="Des données à partager. <script>alert(1)</script> entre nous.")
    page = proposals.convert(proposal, editor)
    assert "<script>" not in str(page.body) and "&lt;script&gt;" in str(page.body)


@pytest.mark.parametrize(
    ("description", "summary", "body"),
    [
        ("Les collectivités veulent mutualiser. Elles ne savent pas comment.\n\nUn second paragraphe.",
         "Les collectivités veulent mutualiser.", ["Elles ne savent pas comment.", "Un second paragraphe."]),
        ("Comment mutualiser nos données ? Personne ne sait.", "Comment mutualiser nos données ?",
         ["Personne ne sait."]),
        ("Une seule phrase, sans point final", "Une seule phrase, sans point final", []),
    ],
)  # fmt: skip
def test_a_converted_proposal_says_each_of_its_sentences_once(catalogue, editor, description, summary, body):
    page = proposals.convert(ChallengeProposalFactory(description=description), editor)
    assert page.summary == summary
    assert re.findall(r"<p>(.*?)</p>", str(page.body)) == body


def test_a_proposal_is_converted_once(catalogue, editor):
    proposal = ChallengeProposalFactory()
    proposals.convert(proposal, editor)
    with pytest.raises(proposals.ProposalError):
        proposals.convert(proposal, editor)
    assert ChallengePage.objects.filter(title=proposal.title).count() == 1


def test_two_proposals_with_the_same_title_get_distinct_addresses(catalogue, editor):
    first = proposals.convert(ChallengeProposalFactory(), editor)
    second = proposals.convert(ChallengeProposalFactory(), editor)
    assert first.slug != second.slug


def test_merging_into_a_published_challenge_thanks_the_proposer(catalogue, editor_client):
    proposal = ChallengeProposalFactory(email="nora@example.net")
    challenge = ChallengePage.objects.get()
    editor_client.post(f"{PROPOSALS}action/{proposal.pk}/", {"action": "merge", "challenge": challenge.pk})
    proposal.refresh_from_db()
    assert (proposal.status, proposal.challenge) == (ProposalStatus.MERGED, challenge)
    assert mail.outbox[0].to == ["nora@example.net"]


def test_editors_review_refuse_filter_and_export_proposals(editor_client, catalogue):
    proposal = ChallengeProposalFactory(email="nora@example.net")
    editor_client.post(f"{PROPOSALS}action/{proposal.pk}/", {"action": "review"})
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.REVIEW
    editor_client.post(f"{PROPOSALS}action/{proposal.pk}/", {"action": "refuse"})
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.REFUSED
    response = editor_client.post(f"{PROPOSALS}action/{proposal.pk}/", {"action": "convert"})
    assert response.status_code == 302 and not ChallengePage.objects.filter(title=proposal.title).exists()
    assert proposal.title in editor_client.get(PROPOSALS, {"status__exact": "refused"}).content.decode()
    assert proposal.title not in editor_client.get(PROPOSALS, {"status__exact": "new"}).content.decode()
    assert any("nora@example.net" in row for row in csv_rows(editor_client.get(PROPOSALS, {"export": "csv"})))


def test_merging_needs_an_existing_challenge(editor_client, catalogue):
    proposal = ChallengeProposalFactory()
    response = editor_client.post(f"{PROPOSALS}action/{proposal.pk}/", {"action": "merge", "challenge": "999999"})
    assert response.status_code == 200 and response.context["form"].errors["challenge"]
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.NEW


def test_proposers_data_is_for_editors_only(client, catalogue):
    proposal = ChallengeProposalFactory(email="nora@example.net")
    mentor = MentorProfileFactory(account="une phrase de passe solide")
    client.force_login(mentor.user)
    for url in [PROPOSALS, f"{PROPOSALS}inspect/{proposal.pk}/", f"{PROPOSALS}?export=csv", NEEDS]:
        response = client.get(url)
        assert response.status_code == 403
    client.logout()
    assert "nora@example.net" not in client.get("/search/", {"q": "covoiturage"}).content.decode()


# --- Needs survey ---------------------------------------------------------------------------------
def test_a_member_answers_the_needs_survey(client, survey):
    response = client.post(survey.url, needs())
    assert response.status_code == 302
    assert "Merci" in client.get(response["Location"]).content.decode()
    answer = NeedsSurveyResponse.objects.get()
    assert answer.actor_type.code == "startup" and answer.themes.count() == 2


def test_the_survey_offers_the_catalogues_areas_only(client, survey):
    Theme.objects.create(name="thème orphelin")
    page = client.get(survey.url).content.decode()
    assert "culture client" in page and "thème orphelin" not in page


@pytest.mark.parametrize(
    ("overrides", "field"),
    [({"themes": None}, "themes"), ({"actor_type": "abc"}, "actor_type"), ({"consent": None}, "consent"),
     ({"comment": "x" * 3001}, "comment"), ({"mentoring_model": "42"}, "mentoring_model")],
)  # fmt: skip
def test_invalid_survey_answers_are_explained_and_nothing_is_stored(client, survey, overrides, field):
    response = client.post(survey.url, needs(**overrides))
    assert response.status_code == 200 and response.context["form"].errors[field]
    assert 'class="errorlist"' in response.content.decode()
    assert not NeedsSurveyResponse.objects.exists()


def test_the_survey_traps_bots(client, survey):
    assert client.post(survey.url, needs(whf_name="http://spam.example")).status_code == 302
    assert not NeedsSurveyResponse.objects.exists()


def test_editors_see_needs_counted_by_area_and_actor_type_and_export_them(client, survey, editor_client):
    client.post(survey.url, needs())
    client.post(survey.url, needs(actor_type=ActorType.objects.get(code="collectivite").pk, themes=[
        Theme.objects.get(name="open source").pk], mentoring_model=None))  # fmt: skip
    page = editor_client.get(NEEDS).content.decode()
    assert "2 réponses, par domaine de défi et type d’acteur" in page
    open_source_row = page.split("<td>open source</td>")[1].split("</tr>")[0]
    assert open_source_row.count("<td>1</td>") == 2 and "<strong>2</strong>" in open_source_row
    rows = csv_rows(editor_client.get(NEEDS, {"export": "csv"}))
    assert any("Nous cherchons des pairs pour ouvrir notre code." in row for row in rows)
    assert any("culture client, open source" in row or "open source, culture client" in row for row in rows)


def test_only_editors_reach_the_survey_answers(client, survey):
    user = UserFactory()
    user.save()
    client.force_login(user)
    assert client.get(NEEDS).status_code == 403


def test_reloading_the_thank_you_page_sends_no_idea_again(client, ideas):
    thanks = client.post(ideas.url, idea())["Location"]
    for _reload in range(2):
        assert "Merci" in client.get(thanks).content.decode()
    assert FormSubmission.objects.count() == 1


def test_the_privacy_notice_speaks_of_an_email_address_only_where_one_is_asked(client, survey, catalogue, ideas):
    about_email = "votre adresse e-mail n’est jamais publiée"
    assert about_email not in client.get(survey.url).content.decode()
    assert about_email in client.get(f"{catalogue.url}proposer/").content.decode()
    assert ideas.asks_email and about_email in client.get(ideas.url).content.decode()
