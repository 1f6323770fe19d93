"""The two login forms, worded for the people who use them: mentors on the site, editors in the admin."""

from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(AuthenticationForm):
    """Mentors log in with the email address they applied with (their user name); editors with theirs."""

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
