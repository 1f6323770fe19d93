"""The account views the portal words or limits itself; Django's and Wagtail's own serve the rest
(portal/urls.py)."""

from django.contrib.auth import views as auth_views
from django.utils.translation import gettext_lazy as _

from wagtail.admin.views import account as wagtail_account

from axes import utils as axes_utils

from portal.form_protection import flooded
from portal.login_forms import PasswordResetForm

TOO_MANY_LINKS = _("Too many links were asked for from here or for this address: try again in an hour.")


class LimitedResetMixin:
    """ "Forgotten password" sends an email to whatever address is typed, so it is limited like the public
    forms (per client address and per email address), lest anyone flood a person's mailbox."""

    form_name = "password-reset"

    def form_valid(self, form):
        if flooded(self.request, form, self.form_name, form.cleaned_data["email"], TOO_MANY_LINKS):
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().form_valid(form)


class PasswordResetView(LimitedResetMixin, auth_views.PasswordResetView):
    form_class = PasswordResetForm
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"


class AdminPasswordResetView(LimitedResetMixin, wagtail_account.PasswordResetView):
    form_name = "admin-password-reset"


class UnlockingConfirmMixin:
    """A new password chosen from the emailed link proves the mailbox: the account's login block, if any,
    is lifted at once (else the person is refused with the password they have just chosen)."""

    def form_valid(self, form):
        response = super().form_valid(form)
        axes_utils.reset(username=form.user.get_username())
        return response


class PasswordResetConfirmView(UnlockingConfirmMixin, auth_views.PasswordResetConfirmView):
    pass


class AdminPasswordResetConfirmView(UnlockingConfirmMixin, wagtail_account.PasswordResetConfirmView):
    pass
