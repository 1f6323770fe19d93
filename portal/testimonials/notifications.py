"""The emails of a testimonial, through the outbox (portal/mail/outbox.py): its story is online."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from portal.mail import outbox
from portal.mail.outbox import absolute


def story_published(testimonial, story):
    """To each of the two people, in the site's language (the story is written in it): where their words are, and
    whether the story names them."""
    url = absolute(story.url) if story.url else ""
    with translation.override(settings.LANGUAGE_CODE):
        for voice in testimonial.voices:
            outbox.send(
                _("Your testimonial is online: %(title)s") % {"title": story.title},
                "testimonials/emails/story_published.txt",
                {
                    "name": voice.name,
                    "title": story.title,
                    "url": url,
                    "named": voice.may_name,
                    "quoted": bool(voice.text),
                },
                [voice.email],
            )
