"""Form limits count people, not the proxy in front of the portal: the client address is read from the
trusted proxies' X-Forwarded-For, a forged entry changes nothing, a request without any address (gunicorn on
a Unix socket) is still answered. Only valid submissions use up an email address's quota. Every text field
of every public form has a maximum length, said in French, and the honeypot's time cannot be forged."""

import time

from django.core import mail
from django.test import RequestFactory

from wagtail.contrib.forms.models import FormSubmission

import pytest

from portal.contributions.models import ChallengeProposal
from portal.form_protection import Verdict, client_ip, honeypot_verdict, stamp
from portal.mentorships.models import MentorRequest
from tests.contributions_helpers import idea, proposal_data
from tests.factories import IdeaFormPageFactory, MentorProfileFactory
from tests.requests_helpers import request_data, request_url

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"  # the TLS proxy's own address, the same for every visitor
TOO_MANY = "Trop d’envois ont été faits d’ici ou pour cette adresse"


def propose(client, catalogue, email="nora@example.net", **meta):
    return client.post(f"{catalogue.url}proposer/", proposal_data(email=email), **meta)


def through_proxy(visitor, forged=""):
    """What the portal receives from a visitor behind one proxy that appends the address it saw."""
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"{forged}, {visitor}" if forged else visitor}


def request_with(**meta):
    return RequestFactory().post("/", **meta)


def sent_with_time(value):
    return RequestFactory().post("/", {"whf_name": "", "whf_time": value})


# --- The client address -------------------------------------------------------------------------------
def test_without_a_proxy_the_client_address_is_the_connection_s_and_a_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request_with(REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="198.51.100.1")) == "203.0.113.5"


def test_behind_proxies_the_client_address_is_the_one_the_outermost_proxy_saw(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request_with(**through_proxy("203.0.113.5", forged="198.51.100.1"))) == "203.0.113.5"
    settings.TRUSTED_PROXY_COUNT = 2  # a CDN, then the TLS proxy
    forwarded = "198.51.100.1, 203.0.113.5, 192.0.2.80"
    assert client_ip(request_with(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)) == "203.0.113.5"


@pytest.mark.parametrize(
    ("proxies", "meta"),
    [
        (0, {"REMOTE_ADDR": ""}),  # gunicorn on a Unix socket
        (1, {"REMOTE_ADDR": ""}),  # a proxy that sends no X-Forwarded-For
        (1, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "pas une adresse"}),
        (2, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.5"}),  # fewer entries than proxies
    ],
)
def test_no_client_address_is_invented(settings, proxies, meta):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert client_ip(request_with(**meta)) is None


# --- A proxied deployment --------------------------------------------------------------------------------
def test_behind_the_proxy_two_visitors_are_counted_apart(client, catalogue, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.FORM_RATE_PER_IP = "2/h"
    flooder = through_proxy("203.0.113.5")
    codes = [propose(client, catalogue, f"spam{number}@example.net", **flooder).status_code for number in range(3)]
    assert codes == [302, 302, 429]
    assert propose(client, catalogue, "nora@example.net", **through_proxy("198.51.100.7")).status_code == 302
    assert ChallengeProposal.objects.filter(email="nora@example.net").exists()


def test_a_forged_forwarded_entry_does_not_evade_the_limit(client, catalogue, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.FORM_RATE_PER_IP = "2/h"
    codes = [
        propose(
            client, catalogue, f"spam{number}@example.net", **through_proxy("203.0.113.5", forged=f"192.0.2.{number}")
        )
        for number in range(3)
    ]
    assert [response.status_code for response in codes] == [302, 302, 429]
    assert TOO_MANY in codes[-1].content.decode()
    assert ChallengeProposal.objects.count() == 2


def test_behind_the_proxy_junk_from_one_visitor_does_not_close_the_forms_for_everyone(client, catalogue, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.FORM_RATE_PER_IP = "10/h"
    for _ in range(12):
        client.post(f"{catalogue.url}proposer/", proposal_data(title="?"), **through_proxy("203.0.113.5"))
    assert propose(client, catalogue, **through_proxy("198.51.100.7")).status_code == 302


def test_every_public_form_counts_the_visitor_behind_the_proxy(client, directory, settings):
    """The mentor request form too: django-ratelimit's "ip" key is client_ip (RATELIMIT_IP_META_KEY)."""
    settings.TRUSTED_PROXY_COUNT = 1
    settings.FORM_RATE_PER_IP = "1/h"
    mentors = [MentorProfileFactory(full_name=f"Mentor {number}") for number in range(2)]
    first = client.post(request_url(directory, mentors[0]), request_data(), **through_proxy("203.0.113.5"))
    other = request_data(requester_email="sam@example.net")
    second = client.post(request_url(directory, mentors[1]), other, **through_proxy("198.51.100.7"))
    assert (first.status_code, second.status_code) == (302, 302)
    assert MentorRequest.objects.count() == 2


# --- Without any client address: gunicorn on a Unix socket ------------------------------------------------
def test_a_request_without_a_client_address_is_answered_and_stored(client, catalogue, ideas, directory):
    assert propose(client, catalogue, REMOTE_ADDR="").status_code == 302
    assert client.post(ideas.url, idea(), REMOTE_ADDR="").status_code == 302
    mentor = MentorProfileFactory(full_name="Claire Fontaine")
    assert client.post(request_url(directory, mentor), request_data(), REMOTE_ADDR="").status_code == 302
    assert ChallengeProposal.objects.count() == FormSubmission.objects.count() == MentorRequest.objects.count() == 1


def test_without_a_client_address_only_valid_submissions_are_counted_together(client, catalogue, settings):
    settings.FORM_RATE_PER_IP = "2/h"
    for _ in range(5):
        client.post(f"{catalogue.url}proposer/", proposal_data(title="?"), REMOTE_ADDR="")
    codes = [
        propose(client, catalogue, f"membre{number}@example.net", REMOTE_ADDR="").status_code for number in range(3)
    ]
    assert codes == [302, 302, 429]
    assert ChallengeProposal.objects.count() == 2


# --- Per email address: valid submissions only -----------------------------------------------------------
def test_mistakes_do_not_use_up_an_email_address_s_quota(client, catalogue, settings):
    settings.FORM_RATE_PER_EMAIL = "2/h"
    for _ in range(3):
        response = client.post(f"{catalogue.url}proposer/", proposal_data(title="Court"))
        assert response.status_code == 200 and "10 caractères" in response.content.decode()
    assert [propose(client, catalogue).status_code for _ in range(3)] == [302, 302, 429]
    assert ChallengeProposal.objects.count() == 2


def test_a_requester_s_mistakes_do_not_use_up_their_quota(client, directory, settings):
    settings.FORM_RATE_PER_EMAIL = "1/h"
    mentor = MentorProfileFactory(full_name="Claire Fontaine")
    for _ in range(2):
        assert client.post(request_url(directory, mentor), request_data(consent="")).status_code == 200
    assert client.post(request_url(directory, mentor), request_data()).status_code == 302
    assert MentorRequest.objects.count() == 1


# --- Lengths ----------------------------------------------------------------------------------------------
def test_an_idea_of_megabytes_is_refused_in_french_with_its_limit_and_nothing_is_stored_or_sent(client, ideas):
    response = client.post(ideas.url, idea(votre_idee="x" * 1_000_000))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Votre texte est trop long\u00a0: 4000 caractères au plus (il en compte 1000000)." in page
    assert "4\u00a0000 caractères au plus." in page  # said beside the field before anyone gets it wrong
    assert not FormSubmission.objects.exists()
    assert not mail.outbox


def test_the_ideas_form_limits_apply_with_its_honeypot_switched_off(client, ideas):
    ideas.honeypot = False
    ideas.save()
    response = client.post(ideas.url, idea(votre_idee="x" * 4001, whf_time=None, whf_name=None))
    assert "4000 caractères au plus" in response.content.decode()
    assert not FormSubmission.objects.exists()


@pytest.mark.parametrize(
    ("field_type", "too_much"),
    [
        ("singleline", "x" * 256),
        ("multiline", "x" * 4001),
        ("hidden", "x" * 256),
        ("email", "a" * 250 + "@example.net"),
        ("url", "https://example.net/" + "x" * 2048),
        ("number", "1" * 16),
    ],
)
def test_every_field_an_editor_adds_to_the_ideas_form_has_a_maximum(client, home, field_type, too_much):
    page = IdeaFormPageFactory(parent=home, fields=[{"label": "Champ", "field_type": field_type, "required": True}])
    response = client.post(
        page.url, {"champ": too_much, "consent": "on", "whf_name": "", "whf_time": stamp(time.time() - 60)}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["champ"]
    assert not FormSubmission.objects.exists()


def public_forms(directory):
    """Each public form, bound to the data it is given."""
    from portal.contributions.forms import ChallengeProposalForm, NeedsSurveyForm
    from portal.mentors.forms import MatchForm, MentorApplicationForm
    from portal.mentorships.forms import DeclineForm, FeedbackForm, FindRequestsForm, MentorRequestForm
    from search.forms import SearchForm

    mentor = MentorProfileFactory(full_name="Claire Fontaine", offers_group=True)
    kinds = ("singleline", "multiline", "hidden", "email", "url")
    ideas = IdeaFormPageFactory(
        parent=directory.get_parent(), fields=[{"label": kind, "field_type": kind, "required": False} for kind in kinds]
    )
    return {
        "challenge proposal": ChallengeProposalForm,
        "needs survey": NeedsSurveyForm,
        "ideas": lambda data: ideas.get_form(data, page=ideas),
        "mentor request": lambda data: MentorRequestForm(data, mentor=mentor),
        "finding one's requests": FindRequestsForm,
        "a mentor's decline": DeclineForm,
        "feedback": FeedbackForm,
        "describing a challenge": MatchForm,
        "search": SearchForm,
        "mentor application": MentorApplicationForm,
    }


def test_no_text_field_of_any_public_form_takes_a_hundred_thousand_characters(directory):
    from django import forms

    accepted = []
    for name, bound_to in public_forms(directory).items():
        for field_name, field in bound_to({}).fields.items():
            if isinstance(field, forms.CharField) and not isinstance(field.widget, forms.PasswordInput):
                form = bound_to({field_name: "x" * 100_000})
                if field_name not in form.errors:
                    accepted.append(f"{name}: {field_name}")
    assert accepted == []


def test_an_application_address_too_long_to_be_a_login_is_refused_in_french(directory):
    """The address becomes the account's user name: 150 characters at most, not the 320 of an email field."""
    from portal.mentors.forms import MentorApplicationForm

    form = MentorApplicationForm({"contact_email": "lea@" + "sous-domaine." * 11 + "example.org"})
    assert "150" in " ".join(form.errors["contact_email"])


# --- The honeypot's clock -----------------------------------------------------------------------------------
@pytest.mark.parametrize("forged", ["1", str(int(time.time()) - 60), stamp(time.time() - 60) + "x", "1:abc"])
def test_a_forged_form_time_is_held_back(forged):
    assert honeypot_verdict(sent_with_time(forged)) is Verdict.HURRIED


def test_a_time_the_portal_signed_long_enough_ago_is_a_person_s():
    assert honeypot_verdict(sent_with_time(stamp(time.time() - 60))) is Verdict.PERSON


def test_a_bot_that_forges_the_time_stores_no_proposal(client, catalogue):
    """A bot that waits for nobody claims it was shown the form a minute ago."""
    response = client.post(f"{catalogue.url}proposer/", proposal_data(whf_time=str(int(time.time()) - 60)))
    assert "nous n’avons pas enregistré un envoi aussi rapide" in response.content.decode()
    assert not ChallengeProposal.objects.exists()
    assert not mail.outbox
