"""Emails about mentors' profiles, sent through the outbox (portal/mail/outbox.py)."""

from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from portal.mail import outbox
from portal.mail.outbox import absolute
from portal.mail.recipients import editors_with

CONFIRMATION_SALT = "mentors.confirm-email"
CONFIRMATION_MAX_AGE = 60 * 60 * 24 * 7  # a week


def confirmation_token(mentor):
    """Signed, expiring, and bound to the address it was sent to."""
    return signing.dumps({"mentor": mentor.pk, "email": mentor.contact_email}, salt=CONFIRMATION_SALT)


def read_confirmation_token(token):
    """The (mentor id, email) a token was issued for; raises signing.BadSignature when tampered or expired."""
    data = signing.loads(token, salt=CONFIRMATION_SALT, max_age=CONFIRMATION_MAX_AGE)
    return data["mentor"], data["email"]


def send_confirmation(mentor):
    url = absolute(reverse("mentors:confirm-email", args=[confirmation_token(mentor)]))
    outbox.send(
        _("Confirm your email address"),
        "mentors/emails/confirm_email.txt",
        {"name": mentor.full_name, "url": url},
        [mentor.contact_email],
    )


def send_invitation(mentor):
    user = mentor.user
    url = absolute(
        reverse(
            "mentors:invitation",
            args=[urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)],
        )
    )
    outbox.send(
        _("You are invited to mentor with La Fabrique des Mobilités"),
        "mentors/emails/invitation.txt",
        {"name": mentor.full_name, "url": url},
        [mentor.contact_email],
    )


def notify_editors_of_application(mentor):
    recipients = editors_with("change_mentorprofile")
    if not recipients:
        return
    url = absolute(reverse("mentors_mentorprofile_modeladmin_inspect", args=[mentor.pk]))
    outbox.send(
        _("New mentor application: %(name)s") % {"name": mentor.full_name},
        "mentors/emails/new_application.txt",
        {"name": mentor.full_name, "headline": mentor.headline, "url": url},
        recipients,
    )


def notify_mentor_of_approval(mentor):
    outbox.send(
        _("Your mentor profile is published"),
        "mentors/emails/approved.txt",
        {"name": mentor.full_name, "url": absolute(mentor.get_url()), "me_url": absolute(reverse("mentors:me"))},
        [mentor.contact_email],
    )


def send_already_registered(email):
    """Someone applied with a known address: tell its owner, without telling the applicant."""
    outbox.send(
        _("You already have a mentor account"),
        "mentors/emails/already_registered.txt",
        {"login_url": absolute(reverse("login")), "reset_url": absolute(reverse("password_reset"))},
        [email],
    )
