"""Agilité circles: a participant applies to a circle and gets a seat or a place on its waiting list, which
moves up when someone leaves; the mentor and the seated get the calendar as an .ics file, and a reminder
the day before each session."""

import re
from datetime import datetime, time, timedelta

from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest
from icalendar import Calendar

from portal.programmes import circles
from portal.programmes.models import Circle, CircleSession, Enrolment, EnrolmentStatus
from tests.factories import (
    IterationPageFactory,
    MentoringModelPageFactory,
    MentorProfileFactory,
    ProgrammePageFactory,
)
from tests.requests_helpers import honeypot_fields

pytestmark = pytest.mark.usefixtures("in_french")
LINK = re.compile(r"https?://[^/\s]+(/programmes/cercles/\S+/)")


@pytest.fixture
def agility(home):
    programme = ProgrammePageFactory(parent=home)
    parent = MentoringModelPageFactory(parent=programme, model_code="agility", title="Agilité", slug="agilite")
    return IterationPageFactory(parent=parent, title="Agilité 2027", places=50)


def tomorrow_at(hour):
    return timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=1), time(hour)))


@pytest.fixture
def circle(agility):
    mentor = MentorProfileFactory(full_name="Uma Roux", contact_email="uma@example.org")
    circle = Circle.objects.create(iteration=agility, mentor=mentor, practice="Animer un bien commun", seats=2)
    CircleSession.objects.create(circle=circle, starts_at=tomorrow_at(9), minutes=90, place="Tiers-lieu, Lyon")
    CircleSession.objects.create(
        circle=circle, starts_at=tomorrow_at(9) + timedelta(days=14), video_url="https://visio.example.org/cercle"
    )
    return circle


def apply(client, iteration, circle, name):
    data = {
        "full_name": name,
        "email": f"{name.lower()}@example.net",
        "challenge": "Faire vivre la communauté autour de notre jeu de données",
        "circle": circle.pk,
        "consent": "on",
        **honeypot_fields(),
    }
    return client.post(iteration.url + "candidater/", data)


def links_to(address):
    return [LINK.findall(message.body) for message in mail.outbox if message.to == [address]]


def test_the_form_offers_the_circles_with_their_seats_left(client, agility, circle):
    page = client.get(agility.url + "candidater/").content.decode()
    assert "Animer un bien commun — Uma Roux (2 places restantes)" in page


def test_participants_take_the_seats_then_join_the_waiting_list_in_order(client, agility, circle):
    for name in ("Ana", "Ben", "Cleo", "Dan"):
        assert apply(client, agility, circle, name).status_code == 302

    statuses = dict(Enrolment.objects.values_list("application__full_name", "status"))
    assert statuses == {"Ana": "seated", "Ben": "seated", "Cleo": "waiting", "Dan": "waiting"}
    seat = next(m for m in mail.outbox if m.to == ["ana@example.net"])
    assert seat.subject == "Votre place dans le cercle Animer un bien commun"
    assert "Tiers-lieu, Lyon" in seat.body and "https://visio.example.org/cercle" in seat.body
    waiting = next(m for m in mail.outbox if m.to == ["dan@example.net"])
    assert "vous êtes numéro 2 sur sa liste d’attente" in waiting.body
    newcomers = [m.subject for m in mail.outbox if m.to == ["uma@example.org"]]
    assert newcomers == [
        "Ana rejoint votre cercle Animer un bien commun",
        "Ben rejoint votre cercle Animer un bien commun",
    ]
    page = client.get(agility.url + "candidater/").content.decode()
    assert "(liste d’attente)" in page


def test_leaving_gives_the_seat_to_the_first_person_waiting(client, agility, circle):
    for name in ("Ana", "Ben", "Cleo", "Dan"):
        apply(client, agility, circle, name)
    calendar_link, leave_link = links_to("ana@example.net")[0]
    mail.outbox.clear()

    assert "Libérer ma place" in client.get(leave_link).content.decode()
    assert Enrolment.objects.get(application__full_name="Ana").status == EnrolmentStatus.SEATED  # GET changes nothing

    client.post(leave_link)

    statuses = dict(Enrolment.objects.values_list("application__full_name", "status"))
    assert statuses == {"Ana": "left", "Ben": "seated", "Cleo": "seated", "Dan": "waiting"}
    assert Enrolment.objects.get(application__full_name="Ana").application.status == "withdrawn"  # place freed
    assert [m.to for m in mail.outbox] == [["uma@example.org"], ["cleo@example.net"], ["uma@example.org"]]
    assert mail.outbox[0].subject == "Ana a quitté votre cercle Animer un bien commun"
    assert "Cleo, en tête de la liste d’attente, prend la place." in mail.outbox[0].body
    assert client.get(calendar_link).status_code == 400  # no seat, no calendar
    again = client.post(leave_link, follow=True)
    assert "Vous n’êtes plus dans ce cercle." in again.content.decode()


def test_the_calendar_holds_every_session_with_its_place_or_link(client, agility, circle):
    apply(client, agility, circle, "Ana")
    calendar_link, _leave = links_to("ana@example.net")[0]

    response = client.get(calendar_link)

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="cercle.ics"'
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(event["location"]) for event in events if "location" in event] == ["Tiers-lieu, Lyon"]
    assert [str(event["url"]) for event in events if "url" in event] == ["https://visio.example.org/cercle"]
    assert [event.decoded("dtstart") for event in events] == [tomorrow_at(9), tomorrow_at(9) + timedelta(days=14)]
    assert all(event.decoded("dtend") - event.decoded("dtstart") == timedelta(minutes=90) for event in events)
    (mentor_link,) = links_to("uma@example.org")[0]
    assert client.get(mentor_link).status_code == 200


def test_bad_circle_links_are_refused_in_words(client, agility, circle):
    leave_token = circles.leave_token(Enrolment(pk=1))  # a leave link used as a calendar link
    for url in (
        f"/programmes/cercles/calendrier/{leave_token}/",
        "/programmes/cercles/quitter/abc/",
        f"/programmes/cercles/quitter/{circles.leave_token(Enrolment(pk=999999))}/",
    ):
        response = client.get(url)
        assert response.status_code == 400
        assert "lien n’est pas valide" in response.content.decode() or "n’existe plus" in response.content.decode()


def test_the_mentor_and_the_seated_are_reminded_the_day_before_each_session_once(client, agility, circle):
    for name in ("Ana", "Ben", "Cleo"):
        apply(client, agility, circle, name)
    mail.outbox.clear()

    assert circles.remind_tomorrow() == 1
    assert circles.remind_tomorrow() == 0

    assert sorted(m.to[0] for m in mail.outbox) == ["ana@example.net", "ben@example.net", "uma@example.org"]
    assert mail.outbox[0].subject == "Demain\u00a0: le cercle Animer un bien commun"
    assert "Tiers-lieu, Lyon" in mail.outbox[0].body


def test_circles_belong_to_agility_iterations_and_sessions_need_a_place_or_a_link(agility, circle):
    peer = IterationPageFactory(parent=MentoringModelPageFactory(parent=agility.get_parent().get_parent()))
    with pytest.raises(ValidationError) as refused:
        Circle(iteration=peer, mentor=circle.mentor, practice="x", seats=4).clean()
    assert refused.value.message_dict["iteration"] == ["Les cercles appartiennent aux promotions Agilité."]
    with pytest.raises(ValidationError) as no_place:
        CircleSession(circle=circle, starts_at=tomorrow_at(10)).clean()
    assert no_place.value.messages == ["Donnez à la séance un lieu ou un lien de visio."]
