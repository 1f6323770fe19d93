"""A moderator of the programme team (no superuser rights) approves a mentor with context: opens the pending
application, reads its themes and sees its photo as the public will, approves it with a reason that the
history then shows with who and when; pausing says that the requests awaiting an answer will be released."""

import re
import uuid

import pytest
import wagtail_factories

from portal.mentors.models import MentorProfile, MentorStatus
from tests.factories import MODERATORS_GROUP, MentorProfileFactory, MentorRequestFactory, UserFactory

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"


@pytest.fixture
def moderator():
    return UserFactory(
        username=f"moderateur-{uuid.uuid4().hex[:6]}", first_name="Inès", last_name="Garnier",
        groups=[MODERATORS_GROUP],
    )  # fmt: skip


def log_into_the_admin(person, user):
    person.go("/admin/login/")
    person.type("Nom d’utilisateur", user.username)
    person.type(re.compile(r"^\s*Mot de passe"), PASSWORD)
    person.click(person.page.get_by_role("button", name="S'identifier"))
    assert person.path == "/admin/"


def test_a_moderator_approves_a_mentor_with_a_reason_then_pauses_them(person, moderator):
    name = f"Noémie Lagarde {uuid.uuid4().hex[:4]}"
    theme = f"autopartage rural {uuid.uuid4().hex[:4]}"
    mentor = MentorProfileFactory(
        full_name=name, status=MentorStatus.PENDING, themes=[theme], photo=wagtail_factories.ImageFactory()
    )
    log_into_the_admin(person, moderator)

    person.go("/admin/mentors/mentorprofile/?status__exact=pending")
    person.click(person.page.locator("tr", has_text=name).get_by_role("link", name=name))
    assert person.sees(theme)
    assert person.page.get_by_role("img", name=name).is_visible()
    frame = person.page.frame_locator("iframe.mentor-preview")
    assert frame.get_by_role("heading", level=1, name=name).is_visible()

    person.click("Valider et publier")
    assert person.sees("reçoit un e-mail annonçant que son profil est publié")
    person.type("Motif", "Parcours vérifié avec sa référente")
    person.click(person.page.get_by_role("button", name="Valider et publier"))
    assert MentorProfile.objects.get(pk=mentor.pk).status == MentorStatus.PUBLISHED
    history = person.page.locator("table.mentor-history tr", has_text="Profil validé et publié")
    assert "Parcours vérifié avec sa référente" in history.inner_text()
    assert "Inès Garnier" in history.inner_text()

    MentorRequestFactory(mentor=mentor)
    person.click("Mettre en pause")
    assert person.sees("1 demande en attente de sa réponse est close")
    person.click(person.page.get_by_role("button", name="Mettre en pause"))
    assert person.sees("Dites pourquoi")
    assert MentorProfile.objects.get(pk=mentor.pk).status == MentorStatus.PUBLISHED
    person.type("Motif", "Congé de trois mois")
    person.click(person.page.get_by_role("button", name="Mettre en pause"))
    assert MentorProfile.objects.get(pk=mentor.pk).status == MentorStatus.PAUSED
    assert "Congé de trois mois" in person.page.locator("table.mentor-history").inner_text()
