"""An editor of the programme team, in the Wagtail admin: approves a mentor's application from the list,
turns a member's challenge proposal into a draft challenge and publishes it."""

import re
import uuid

from django.contrib.auth.models import Group
from django.utils import timezone

import pytest

from portal.challenges.models import ChallengePage
from portal.contributions.models import ChallengeProposal, ProposalStatus
from portal.mentors.models import MentorProfile, MentorStatus
from tests.factories import MODERATORS_GROUP, ChallengeProposalFactory, MentorProfileFactory, UserFactory

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"


@pytest.fixture
def moderator():
    """A member of the moderators' group (« Modération »): approves mentors, publishes pages; no superuser rights."""
    user = UserFactory(username=f"moderatrice-{uuid.uuid4().hex[:6]}", is_staff=False)
    user.save()
    user.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    return user


def log_into_the_admin(person, user):
    person.go("/admin/login/")
    person.type("Nom d’utilisateur", user.username)
    person.type(re.compile(r"^\s*Mot de passe"), PASSWORD)
    person.click(person.page.get_by_role("button", name="S'identifier"))
    assert person.path == "/admin/"


def test_an_editor_approves_a_pending_mentor_from_the_list(person, moderator):
    name = f"Yasmine Haddad {uuid.uuid4().hex[:4]}"
    mentor = MentorProfileFactory(full_name=name, status=MentorStatus.PENDING)
    log_into_the_admin(person, moderator)
    person.go(f"/admin/mentors/mentorprofile/?q={name.split()[-1]}")
    row = person.page.locator("tr", has_text=name)
    person.click(row.get_by_role("link", name="Valider et publier"))
    person.click(person.page.get_by_role("button", name="Valider et publier"))
    assert MentorProfile.objects.get(pk=mentor.pk).status == MentorStatus.PUBLISHED
    person.go(f"/mentors/{mentor.slug}/")
    assert person.sees(name)


def test_an_editor_turns_a_proposal_into_a_challenge_and_publishes_it(person, moderator):
    title = f"Comment partager nos données de covoiturage {uuid.uuid4().hex[:6]} ?"
    proposal = ChallengeProposalFactory(title=title, consent_at=timezone.now())
    log_into_the_admin(person, moderator)
    person.go("/admin/contributions/challengeproposal/")
    row = person.page.locator("tr", has_text=title)
    person.click(row.get_by_role("link", name="Créer un brouillon de défi"))
    person.click(person.page.get_by_role("button", name="Créer un brouillon de défi"))

    challenge = ChallengePage.objects.get(title=title)
    assert not challenge.live
    assert person.path == f"/admin/pages/{challenge.pk}/edit/"
    person.click(person.page.get_by_role("button", name="Plus d’actions"), navigates=False)
    person.click(person.page.get_by_role("button", name="Publier"))
    assert ChallengePage.objects.get(pk=challenge.pk).live
    assert ChallengeProposal.objects.get(pk=proposal.pk).status == ProposalStatus.ACCEPTED

    person.go(challenge.url)
    assert person.page.get_by_role("heading", level=1).inner_text().strip() == title
