"""What the request tests share: a valid form, the links found in emails, a mentor with a login."""

import re
import time
from urllib.parse import urlsplit

from django.core import mail

from portal.form_protection import stamp
from portal.mentorships import tokens, workflow
from portal.mentorships.models import MentorRequest, RequestStatus
from portal.taxonomy.models import ActorType

LINK = re.compile(r"http://\S+")


def honeypot_fields():
    """wagtail-honeypot's fields as a person leaves them: trap empty, form shown a minute ago."""
    return {"whf_name": "", "whf_time": shown(seconds_ago=60)}


def shown(seconds_ago):
    """The time field of a form shown `seconds_ago`, signed as the page signs it."""
    return stamp(time.time() - seconds_ago)


def request_data(**overrides):
    data = {
        "requester_name": "Léa Martin",
        "requester_email": "lea.martin@example.net",
        "organisation": "Communauté de communes du Val",
        "actor_type": ActorType.objects.get(code="collectivite").pk,
        "challenge_text": "Ouvrir nos données de transport à la demande",
        "mentoring_format": "individual",
        "message": "Nous voulons publier nos horaires en open data et ne savons pas par où commencer.",
        "consent": "on",
        **honeypot_fields(),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def request_url(directory, mentor):
    return f"{directory.url}{mentor.slug}/demander/"


def emails_to(address):
    return [message for message in mail.outbox if address in message.to]


def link_in(message, part):
    """The first link of an email whose path contains `part`."""
    return urlsplit(next(url for url in LINK.findall(message.body) if part in url)).path


def last_link_to(address, part):
    """The path of the first link containing `part` in the last email sent to `address`."""
    return link_in(next(message for message in reversed(mail.outbox) if address in message.to), part)


def followed_request(path):
    """The request a follow-up link opens (two links to one request differ by the second they were signed)."""
    return tokens.read(path.rstrip("/").rsplit("/", 1)[1], "requester", tokens.FOLLOW)


def request_in(status, **fields):
    """A request (MentorRequestFactory) brought to `status`: accepted through the workflow, others set directly."""
    from tests.factories import MentorRequestFactory

    mentor_request = MentorRequestFactory(**fields)
    if status == RequestStatus.ACCEPTED:
        workflow.accept(mentor_request)
    elif status != RequestStatus.NEW:
        MentorRequest.objects.filter(pk=mentor_request.pk).update(status=status)
    return MentorRequest.objects.get(pk=mentor_request.pk)
