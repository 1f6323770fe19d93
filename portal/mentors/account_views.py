"""The mentor's own space: apply, confirm the address by choosing a password, accept an invitation, keep
the profile current.

A mentor only ever reaches their own profile, through their session: no address here takes another
mentor's id or slug.
"""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.views import PasswordResetConfirmView
from django.core import signing
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _

from portal.form_protection import Verdict, flooded, hold_back, honeypot_verdict
from portal.home.models import CharterPage
from portal.mentors import applications, lifecycle, notifications
from portal.mentors.forms import CharterAcceptanceForm, MentorApplicationForm, MentorProfileForm
from portal.mentors.models import MentorProfile
from portal.taxonomy.models import theme_for_slug

# Who logs in a person who just chose their password: Django's own backend (django-axes' only counts failures).
LOGIN_BACKEND = "django.contrib.auth.backends.ModelBackend"


def apply(request):
    charter = CharterPage.current()
    # A call for mentors on a theme links here with ?theme=<slug> (the dashboard's « Invite mentors »).
    theme = theme_for_slug(request.GET.get("theme")) if request.method == "GET" else None
    initial = {"themes": [theme]} if theme else None
    form = MentorApplicationForm(request.POST or None, request.FILES or None, initial=initial)
    context = {"form": form, "charter": charter}
    if request.method == "POST":
        verdict = honeypot_verdict(request)
        if verdict is Verdict.BOT:
            return redirect("mentors:application-sent")  # nothing stored, nothing to tell it
        if verdict is Verdict.HURRIED:
            hold_back(form)
            return TemplateResponse(request, "mentors/apply.html", context)
        too_many = _("Too many applications were sent from here or for this address: try again in an hour.")
        if flooded(request, form, "mentor-application", request.POST.get("contact_email"), too_many):
            return TemplateResponse(request, "mentors/apply.html", context, status=429)
        if form.is_valid():
            applications.receive(form, charter)
            return redirect("mentors:application-sent")
    return TemplateResponse(request, "mentors/apply.html", context)


def application_sent(request):
    return TemplateResponse(request, "mentors/application_sent.html", {})


def confirm_email(request, token):
    """The emailed link of an application. Opening it shows a form and changes nothing (a mail scanner may
    open it); the person who reads the mail chooses a password there, which proves the address and opens
    the account. Once used, the link is spent."""
    try:
        mentor_id, email = notifications.read_confirmation_token(token)
        mentor = MentorProfile.objects.select_related("user").get(pk=mentor_id, contact_email=email)
    except signing.SignatureExpired:
        return invalid_link(request, _("This link has expired. Apply again, or write to the programme team."))
    except (signing.BadSignature, MentorProfile.DoesNotExist):
        return invalid_link(request, _("This link is not valid. Check that you copied it whole."))
    if mentor.email_confirmed_at:
        return invalid_link(request, _("This link was already used: your address is confirmed. Log in."))
    if not applications.is_unconfirmed_application(mentor):
        return invalid_link(request, _("This link is not valid. Check that you copied it whole."))
    form = SetPasswordForm(mentor.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        lifecycle.confirm_email(mentor)
        login(request, mentor.user, backend=LOGIN_BACKEND)
        messages.success(
            request,
            _(
                "Thank you, %(name)s: your address is confirmed. The programme team reviews every new profile "
                "before publishing it; you will receive an email then."
            )
            % {"name": mentor.full_name},
        )
        return redirect("mentors:me")
    return TemplateResponse(request, "mentors/confirm_email.html", {"form": form, "mentor": mentor})


def invalid_link(request, message):
    return TemplateResponse(request, "mentors/invalid_link.html", {"message": message}, status=400)


class InvitationView(PasswordResetConfirmView):
    """An invited mentor chooses a password from the emailed link, which also proves the address."""

    template_name = "mentors/invitation.html"
    success_url = reverse_lazy("mentors:me")
    post_reset_login = True
    post_reset_login_backend = LOGIN_BACKEND

    def form_valid(self, form):
        response = super().form_valid(form)
        mentor = getattr(form.user, "mentor_profile", None)
        if mentor:
            lifecycle.confirm_email(mentor)
        return response


@login_required
def me(request):
    mentor = MentorProfile.objects.filter(user=request.user).first()
    if mentor is None:
        raise Http404(_("This account has no mentor profile."))
    charter = CharterPage.current()
    needs_charter = charter is not None and not lifecycle.charter_is_current(mentor, charter)
    form = MentorProfileForm(instance=mentor)
    charter_form = CharterAcceptanceForm()
    if request.method == "POST":
        action = request.POST.get("action", "save")
        if action == "accept-charter" and charter:
            charter_form = CharterAcceptanceForm(request.POST)
            if charter_form.is_valid():
                lifecycle.accept_charter(mentor, charter)
                messages.success(request, _("Thank you: you accepted the ethics charter."))
                return redirect("mentors:me")
        elif action == "submit":
            try:
                lifecycle.submit_for_approval(mentor)
                messages.success(request, _("Your profile was sent to the programme team for approval."))
            except lifecycle.TransitionError as error:
                messages.error(request, str(error))
            return redirect("mentors:me")
        else:
            form = MentorProfileForm(request.POST, request.FILES, instance=mentor)
            if form.is_valid():
                form.save()
                messages.success(request, _("Your profile is up to date."))
                return redirect("mentors:me")
            # The form's error summary (includes/form_errors.html) is the one account of what went wrong.
    context = {
        "mentor": mentor,
        "form": form,
        "charter": charter,
        "needs_charter": needs_charter,
        "charter_form": charter_form,
        "public_url": mentor.get_url() if mentor.is_public else "",
        "mentor_requests": mentor.requests.select_related("challenge", "actor_type", "mentoring_model")[:30],
    }
    return TemplateResponse(request, "mentors/me.html", context)


def login_redirect(request):
    """Where the login form leads: a mentor's space, or the admin for editors."""
    if hasattr(request.user, "mentor_profile"):
        return redirect("mentors:me")
    return redirect(reverse("wagtailadmin_home") if request.user.is_staff else "/")
