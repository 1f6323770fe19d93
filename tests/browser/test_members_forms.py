"""A member sends an idea, proposes a challenge and answers the needs survey, with a mouse and a keyboard;
each is stored once."""

import uuid

from wagtail.contrib.forms.models import FormSubmission

import pytest

from portal.contributions.models import ChallengeProposal, IdeaFormPage, NeedsSurveyPage, NeedsSurveyResponse

pytestmark = pytest.mark.browser

CONSENT = "J’accepte que ce que j’envoie soit conservé par l’équipe du programme"


def test_a_member_sends_an_idea_from_the_home_page(person):
    idea = f"Un mentorat inversé entre startups et collectivités ({uuid.uuid4().hex[:8]})."
    ideas = IdeaFormPage.objects.live().get()
    person.go("/")
    person.click(person.page.get_by_role("link", name=ideas.title))
    assert person.path == ideas.url
    person.type("Votre idée", idea)
    person.choose("Elle concerne", "Une forme de mentorat")
    person.tick(CONSENT)
    person.pause(2.5)  # reading the privacy notice
    person.click("Envoyer mon idée")

    assert person.sees("Merci")
    assert [submission for submission in FormSubmission.objects.filter(page=ideas)
            if submission.get_data().get("votre_idee") == idea]  # fmt: skip


def test_a_member_proposes_a_challenge_from_the_catalogue(person):
    title = f"Comment partager nos données de covoiturage {uuid.uuid4().hex[:6]} ?"
    person.go("/defis/")
    person.click("Proposer un défi")
    person.type("Votre défi, sous forme de question", title)
    person.type("Décrivez-le", "Plusieurs collectivités veulent mutualiser leurs données sans savoir comment.")
    person.choose("Type d’organisation", "Collectivité")
    person.type("Votre nom", "Nora Benali")
    person.type("Votre adresse e-mail", f"nora.{uuid.uuid4().hex[:8]}@example.net")
    person.tick(CONSENT)
    person.click("Envoyer ma proposition")

    assert person.sees("Merci pour votre proposition"), person.page.locator("main").inner_text()[:500]
    assert ChallengeProposal.objects.filter(title=title).count() == 1


def test_a_member_answers_the_needs_survey(person):
    survey = NeedsSurveyPage.objects.live().get()
    comment = f"Nous cherchons des pairs pour ouvrir notre code ({uuid.uuid4().hex[:8]})."
    person.go(survey.url)
    person.pause(2)  # reading the page's introduction
    person.choose("Type d’organisation", "Startup")
    area = person.page.locator("fieldset", has_text="Les domaines de défis qui comptent pour vous")
    first_area = area.get_by_role("checkbox").first
    person.click(first_area, navigates=False)
    person.type("Vos besoins, dans vos mots", comment)
    person.tick(CONSENT)
    person.click("Envoyer ma réponse")

    assert person.sees("Merci"), person.page.locator("main").inner_text()[:500]
    assert NeedsSurveyResponse.objects.filter(comment=comment).count() == 1
