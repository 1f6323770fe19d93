"""The emails of programmes, one function per event, all through the outbox (portal/mail/outbox.py).
Written in the site's language; subjects marked with gettext_noop and translated when sent."""

from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from portal.mail import outbox
from portal.mail.outbox import absolute


def iteration_summary(iteration):
    return {
        "iteration": iteration.title,
        "iteration_url": absolute(iteration.url or ""),
        "starts": date_format(iteration.starts_on, "DATE_FORMAT"),
        "ends": date_format(iteration.ends_on, "DATE_FORMAT"),
        "closes": date_format(iteration.applications_close_on, "DATE_FORMAT"),
    }


def to_applicant(application, subject, template, **context):
    with translation.override(settings.LANGUAGE_CODE):
        outbox.send(
            _(subject) % {"iteration": application.iteration.title},
            template,
            iteration_summary(application.iteration) | {"name": application.full_name} | context,
            [application.email],
        )


def application_received(application):
    to_applicant(
        application,
        gettext_noop("Your application to %(iteration)s"),
        "programmes/emails/application_received.txt",
        challenge=application.challenge,
    )


def application_repeated(application):
    """Someone applied again with this address: the address is told, the page says nothing more."""
    to_applicant(
        application,
        gettext_noop("Your application to %(iteration)s"),
        "programmes/emails/application_repeated.txt",
    )
