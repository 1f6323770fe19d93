"""The account forms, worded for the people who use them: logging in (mentors on the site, editors in the
admin) and asking for a new password."""

from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm
from django.template import engines
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from portal.mail import outbox
from portal.mentors import applications


class LoginForm(AuthenticationForm):
    """Mentors log in with the email address they applied with (their user name); editors with theirs.

    A refusal says, in the words of the label, that the two do not match: as Django's own message, never which
    of them is wrong."""

    error_messages = {
        "invalid_login": _(
            "This email address (or user name) and password do not match. Check them, or reset your password."
        ),
        "inactive": _(
            "This account is not open. If you applied to mentor, first confirm your email address with the link "
            "we sent you; otherwise, write to the programme team."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Email address or user name")
        self.fields["username"].widget.attrs["autocomplete"] = "username"


class AdminLoginForm(WagtailLoginForm):
    """Wagtail's admin login, whose password field has no label of its own ("Password", untranslated)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"


class PasswordResetForm(auth_forms.PasswordResetForm):
    """The "forgotten password" email is one of the portal's emails: plain text in the reader's language,
    signed Mentorat FabMob, its link built on SITE_BASE_URL (not on whatever host the request named), and
    sent through the outbox, retried if the mail server fails.

    An address whose account is not open yet (a mentor application or invitation not answered) gets the link
    that proves it and sets the password instead: Django's reset skips such accounts, and their owner would
    otherwise have no way in."""

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        applications.send_set_password_link(self.cleaned_data["email"])

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs):
        user = context["user"]
        variables = {
            "url": outbox.absolute(reverse("password_reset_confirm", args=[context["uid"], context["token"]])),
            "username": user.get_username(),
            "days": settings.PASSWORD_RESET_TIMEOUT // (60 * 60 * 24),
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        subject = engines["email"].get_template(subject_template_name).render(variables)
        outbox.send(subject, email_template_name, variables, [to_email])  # the outbox puts it on one line
