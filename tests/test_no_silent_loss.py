"""Nothing a person sends is lost: only a filled trap field is dropped without a word. A form sent too
fast, or without its time, is shown again with what was typed and a message; a form shown again after an
error keeps the time it was first shown, so fixing a field and resending at once is stored, once."""

import re
import time

from wagtail.contrib.forms.models import FormSubmission

import pytest

from portal.contributions.models import ChallengeProposal, NeedsSurveyResponse
from portal.form_protection import read_stamp, stamp
from portal.mentorships.models import MentorRequest
from tests.contributions_helpers import idea, needs, proposal_data
from tests.factories import MentorProfileFactory
from tests.requests_helpers import request_data, request_url, shown

pytestmark = pytest.mark.django_db

HELD_BACK = "nous n’avons pas enregistré un envoi aussi rapide"
TIME_FIELD = re.compile(r'name="whf_time"[^>]*value="([^"]+)"')


@pytest.fixture(params=["request", "idea", "proposal", "survey"])
def form(request, directory):
    """Each public form that stores what a person sends: where it is, valid data, a typed value, its records."""
    name = request.param
    if name == "request":
        mentor = MentorProfileFactory(full_name="Claire Fontaine", themes=["open data"])
        return {"url": request_url(directory, mentor), "data": request_data, "typed": "Communauté de communes du Val",
                "records": MentorRequest.objects.all}  # fmt: skip
    if name == "idea":
        page = request.getfixturevalue("ideas")
        return {"url": page.url, "data": idea, "typed": "Un mentorat inversé entre startups et collectivités.",
                "records": FormSubmission.objects.all}  # fmt: skip
    if name == "proposal":
        catalogue = request.getfixturevalue("catalogue")
        return {"url": f"{catalogue.url}proposer/", "data": proposal_data, "typed": "Métropole exemple",
                "records": ChallengeProposal.objects.all}  # fmt: skip
    survey = request.getfixturevalue("survey")
    return {"url": survey.url, "data": needs, "typed": "Nous cherchons des pairs pour ouvrir notre code.",
            "records": NeedsSurveyResponse.objects.all}  # fmt: skip


def shown_at(response):
    """The time a re-displayed form says it was first shown (checked against its signature)."""
    return read_stamp(time_field_of(response))


def time_field_of(response):
    return TIME_FIELD.search(response.content.decode()).group(1)


def test_a_filled_trap_field_is_dropped_without_a_word(client, form):
    response = client.post(form["url"], form["data"](whf_name="https://spam.example"))
    assert response.status_code in (200, 302)
    assert HELD_BACK not in response.content.decode()
    assert not form["records"]().exists()


@pytest.mark.parametrize("sent", ["one second after it was shown", "without its time", "with a forged time"])
def test_a_form_sent_too_fast_is_shown_again_with_what_was_typed(client, form, sent):
    times = {"one second after it was shown": shown(seconds_ago=1), "without its time": None,
             "with a forged time": "demain"}  # fmt: skip
    response = client.post(form["url"], form["data"](whf_time=times[sent]))
    page = response.content.decode()
    assert response.status_code == 200
    assert HELD_BACK in page
    assert form["typed"] in page
    assert not form["records"]().exists()


def test_a_person_who_resends_a_held_back_form_a_little_later_is_recorded_once(client, form, monkeypatch):
    first = client.post(form["url"], form["data"](whf_time=shown(seconds_ago=1)))
    assert not form["records"]().exists()
    later = time.time() + 4
    monkeypatch.setattr(time, "time", lambda: later)
    client.post(form["url"], form["data"](whf_time=time_field_of(first)))
    assert form["records"]().count() == 1


def test_a_form_shown_again_after_an_error_keeps_the_time_it_was_first_shown(client, form):
    first_shown = int(time.time()) - 40
    response = client.post(form["url"], form["data"](consent="", whf_time=stamp(first_shown)))
    assert "Votre accord" in response.content.decode()
    assert shown_at(response) == first_shown


def test_fixing_an_error_and_resending_within_a_second_is_recorded_once(client, form):
    """A person sends, is told to tick the consent box, ticks it and resends at once."""
    error = client.post(form["url"], form["data"](consent="", whf_time=shown(seconds_ago=30)))
    assert not form["records"]().exists()
    client.post(form["url"], form["data"](whf_time=time_field_of(error)))
    assert form["records"]().count() == 1


def test_a_new_form_is_stamped_with_the_time_it_is_shown(client, form):
    before = int(time.time())
    assert before <= shown_at(client.get(form["url"])) <= int(time.time())


def test_a_stale_time_is_not_carried_over(client, form):
    """A page left open for more than a day starts a new clock rather than carry a time from long ago."""
    stale = int(time.time()) - 3 * 24 * 3600
    response = client.post(form["url"], form["data"](consent="", whf_time=stamp(stale)))
    assert shown_at(response) >= int(time.time()) - 5


def test_the_ideas_form_without_its_honeypot_still_counts_submissions(client, ideas, settings):
    ideas.honeypot = False
    ideas.save()
    settings.FORM_RATE_PER_IP = "2/h"
    codes = [client.post(ideas.url, idea(whf_time=None, whf_name=None)).status_code for _ in range(3)]
    assert codes == [302, 302, 429]
    assert FormSubmission.objects.count() == 2
