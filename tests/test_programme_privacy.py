"""Programme participants' personal data: only the team reads applications, and erasing a person's data
removes it from every application they sent, ending first what they take part in."""

from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse

import pytest

from portal.mail.models import OutgoingEmail
from portal.mentors import load
from portal.programmes import circles, privacy
from portal.programmes.models import Application, Circle, Enrolment, FollowUp, Pair, PairStatus
from tests.factories import (
    ApplicationFactory,
    MentorOfferFactory,
    MentorProfileFactory,
    UserFactory,
)
from tests.programmes_helpers import iteration_of

pytestmark = pytest.mark.usefixtures("in_french")


@pytest.fixture
def ana(programme):
    """Ana applied twice: a Peer 2 Peer pair under way, with a check-in answer, and a seat in a circle."""
    peer = iteration_of(programme, "peer-to-peer")
    mentor = MentorProfileFactory(full_name="Uma Roux", capacity=1)
    pair = Pair.objects.create(
        iteration=peer,
        application=ApplicationFactory(
            iteration=peer, full_name="Ana Dupont", email="ana@example.net", themes=["vélo"]
        ),
        offer=MentorOfferFactory(iteration=peer, mentor=mentor),
        quality=60,
        status=PairStatus.LIVE,
    )
    FollowUp.objects.create(
        iteration=peer, pair=pair, kind="check-in", respondent="participant", name="Ana Dupont", note="Mon chef…"
    )
    agility = iteration_of(programme, "agility")
    circle = Circle.objects.create(iteration=agility, mentor=MentorProfileFactory(), practice="Communs", seats=1)
    circles.enrol(circle, ApplicationFactory(iteration=agility, full_name="Ana D.", email="ANA@example.net"))
    circles.enrol(circle, ApplicationFactory(iteration=agility, full_name="Ben", email="ben@example.net"))
    load.refresh(mentor)
    return pair


def test_erasing_a_person_removes_their_data_from_every_application_and_ends_what_they_take_part_in(ana):
    assert OutgoingEmail.objects.filter(recipients__icontains="ana@example.net").exists()
    mail.outbox.clear()

    assert privacy.erase_person("Ana@Example.net") == 2

    for application in Application.objects.exclude(full_name="Ben"):
        assert (application.full_name, application.challenge, application.manager_email) == ("—", "", "")
        assert application.email.endswith("@erased.invalid") and application.status == "withdrawn"
        assert not application.themes.exists()
    assert Pair.objects.get(pk=ana.pk).status == PairStatus.ENDED
    mentor = ana.offer.mentor
    mentor.refresh_from_db()
    assert mentor.active_mentorships == 0
    assert FollowUp.objects.get().name == "—" and FollowUp.objects.get().note == ""
    assert Enrolment.objects.get(application__full_name="Ben").status == "seated"  # the seat went to Ben
    assert not OutgoingEmail.objects.filter(recipients__icontains="ana@example.net").exists()
    circle_mentor = Circle.objects.get().mentor.contact_email
    assert [m.to for m in mail.outbox] == [[circle_mentor], ["ben@example.net"], [circle_mentor]]


def test_the_team_erases_a_person_from_the_applications_list_after_confirming(editor_client, ana):
    application = ana.application
    url = reverse("programmes_application_modeladmin_action", args=[application.pk]) + "?action=erase"
    page = editor_client.get(url).content.decode()
    assert "2 candidatures envoyées depuis ana@example.net" in page

    unconfirmed = editor_client.post(url, {"action": "erase"}, follow=True)
    assert [str(m) for m in unconfirmed.context["messages"]] == ["Cochez la case pour confirmer l’effacement."]
    assert Application.objects.get(pk=application.pk).full_name == "Ana Dupont"

    done = editor_client.post(url, {"action": "erase", "confirm": "1"}, follow=True)
    assert [str(m) for m in done.context["messages"]] == [
        "Les données de la personne ont été effacées de 2 candidatures."
    ]
    assert Application.objects.get(pk=application.pk).full_name == "—"


def test_only_the_team_reads_the_applications(client, ana):
    readers = Group.objects.create(name="Lecteurs")
    readers.permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(UserFactory(groups=["Lecteurs"]))
    for url in ("/admin/programmes/application/", "/admin/programmes/pair/", "/admin/programmes/enrolment/"):
        response = client.get(url, follow=True)
        assert "ana@example.net" not in response.content.decode() and "Ana Dupont" not in response.content.decode()
    client.force_login(UserFactory(groups=["Rédaction"]))
    assert "Ana Dupont" in client.get("/admin/programmes/application/").content.decode()
