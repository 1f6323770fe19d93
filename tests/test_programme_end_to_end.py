"""A Culture Shift iteration for one organisation, end to end, as its coordinator runs it: created, applied
to, paired, published, accepted by both sides, checked in half-way, closed with everyone's feedback."""

import re
from datetime import timedelta

from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from portal.programmes import follow_up, publication
from portal.programmes.models import Application, FollowUp, IterationPage, Organisation, Pair, PairStatus
from tests.factories import MentoringModelPageFactory, MentorProfileFactory, ProgrammePageFactory
from tests.requests_helpers import honeypot_fields

pytestmark = pytest.mark.usefixtures("in_french")
TODAY = timezone.localdate()
PASSWORD = "correct horse battery staple"


def link(address, part):
    message = next(m for m in reversed(mail.outbox) if m.to == [address])
    return re.search(rf"https?://[^/\s]+({re.escape(part)}\S*/)", message.body).group(1)


def test_a_culture_shift_iteration_from_creation_to_closing(editor_client, home):
    client = Client()  # the people of the iteration, beside the coordinator's session
    maison = Organisation.objects.create(name="Maison", email_domains="maison.example")
    model_page = MentoringModelPageFactory(
        parent=ProgrammePageFactory(parent=home), model_code="culture-shift", title="Culture Shift"
    )
    data = {
        "title": "Pilote",
        "slug": "pilote",
        "summary": "",
        "description": "Quatre rencontres.",
        "applications_open_on": str(TODAY),
        "applications_close_on": str(TODAY + timedelta(days=10)),
        "starts_on": str(TODAY + timedelta(days=20)),
        "ends_on": str(TODAY + timedelta(days=100)),
        "places": "10",
        "themes": "open data",
        "organisations": [maison.pk],
        "action-publish": "publish",
    }
    add = reverse("wagtailadmin_pages:add", args=["programmes", "iterationpage", model_page.pk])
    assert editor_client.post(add, data).status_code == 302
    iteration = IterationPage.objects.get(slug="pilote")

    mentor = MentorProfileFactory(full_name="Uma Roux", contact_email="uma@maison.example", account=PASSWORD)
    client.force_login(mentor.user)
    client.post(reverse("programmes:take-part", args=[iteration.pk]), {f"iteration-{iteration.pk}-capacity": "1"})
    client.logout()
    client.post(
        iteration.url + "candidater/",
        {
            "full_name": "Ana Dupont",
            "email": "ana@maison.example",
            "manager_email": "chef@maison.example",
            "challenge": "Ouvrir les données de transport de notre territoire",
            "consent": "on",
            **honeypot_fields(),
        },
    )
    application = Application.objects.get()
    pairing_page = reverse("programmes_pairing", args=[iteration.pk])
    editor_client.post(pairing_page, {"action": "accept-application", "application": application.pk})
    editor_client.post(pairing_page, {"action": "run"})
    editor_client.post(pairing_page, {"action": "publish"})
    pair = Pair.objects.get()
    assert (pair.application, pair.offer.mentor, pair.status) == (application, mentor, PairStatus.PUBLISHED)

    client.post(link("ana@maison.example", "/programmes/binomes/"), {"action": "accept"})
    client.post(link("uma@maison.example", "/programmes/binomes/"), {"action": "accept"})
    assert Pair.objects.get().status == PairStatus.LIVE

    half_way = TODAY + timedelta(days=60)
    assert follow_up.send_check_ins(half_way) == 1
    client.post(link("ana@maison.example", "/programmes/point-d-etape/"), {"how": "fine"})
    assert FollowUp.objects.get(kind="check-in").needs_help is False

    report = follow_up.run_daily(TODAY + timedelta(days=101))
    assert report.closed == 1
    assert Pair.objects.get().status == PairStatus.ENDED
    client.post(link("uma@maison.example", "/programmes/bilan/"), {"fit": "3", "what_changed": "Confiance."})
    assert FollowUp.objects.get(kind="feedback").fit == 3
    mentor.refresh_from_db()
    assert mentor.active_mentorships == 0
    assert publication.pairs_under_way(mentor) == 0
