"""Emails about members' contributions, through the outbox (portal/mail/outbox.py)."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from portal.mail import outbox
from portal.mail.outbox import absolute
from portal.mail.recipients import editors_with


def idea_received(page, form):
    """To the page's notification address, or to the editors who can see form submissions."""
    recipients = [address.strip() for address in page.to_address.split(",")] if page.to_address else []
    recipients = recipients or editors_with("change_page") or editors_with("access_admin")
    fields = [(field.label, form.cleaned_data.get(field.clean_name, "")) for field in page.get_form_fields()]
    with translation.override(settings.LANGUAGE_CODE):
        outbox.send(
            page.subject or _("New idea: %(page)s") % {"page": page.title},
            "contributions/emails/idea_received.txt",
            {
                "page_title": page.title,
                "fields": [(label, format_value(value)) for label, value in fields],
                "url": absolute(reverse("wagtailforms:list_submissions", args=[page.pk])),
            },
            recipients,
        )


def format_value(value):
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    return value


def proposal_received(proposal):
    with translation.override(settings.LANGUAGE_CODE):
        outbox.send(
            _("New challenge proposal: %(title)s") % {"title": proposal.title},
            "contributions/emails/proposal_received.txt",
            {
                "proposal": proposal,
                "url": absolute(reverse("contributions_challengeproposal_modeladmin_inspect", args=[proposal.pk])),
            },
            editors_with("change_challengeproposal"),
        )


def proposal_published(proposal, challenge):
    outbox.send(
        _("Your challenge is online: %(title)s") % {"title": challenge.title},
        "contributions/emails/proposal_published.txt",
        {"name": proposal.name, "title": challenge.title, "url": absolute(challenge.url)},
        [proposal.email],
    )
