"""Editors' actions on mentor profiles, beside wagtail-modeladmin's list, inspect and edit views."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.clickjacking import xframe_options_sameorigin

from wagtail_modeladmin.views import WMABaseView

from portal.admin_actions import InspectView, InstanceActionView
from portal.mentors import lifecycle, notifications
from portal.mentors.models import MentorIndexPage, MentorProfile, MentorStatus
from portal.taxonomy.models import ActorType, Region
from portal.wording import elide

APPROVE_PERMISSION = "mentors.approve_mentorprofile"  # approve, pause, archive: the moderators' call
ACTION_LABELS = {
    "approve": gettext_lazy("Approve and publish"),
    "republish": gettext_lazy("Publish again"),
    "pause": gettext_lazy("Pause"),
    "archive": gettext_lazy("Archive"),
}


def consequences(mentor, action):
    """What the action will do, said to the editor before they confirm it."""
    if action in ("approve", "republish"):
        said = [
            _("The profile becomes public in the mentor directory and matching may propose it."),
            _("%(name)s receives an email saying the profile is published, with the link to their space.")
            % {"name": mentor.full_name},
        ]
        if not mentor.accepting_requests:
            said.append(
                _("They receive no request until they accept requests again from their space (it is off today).")
            )
        if action == "republish":
            said.append(_("Requests closed while the profile was not published stay closed."))
        return said
    waiting = mentor.requests.awaiting_answer().count()
    said = [
        _(
            "The profile disappears from the directory, the search and the proposed mentors; "
            "its photo’s address changes."
        )
    ]
    if waiting:
        said.append(
            ngettext(
                "%(count)s request awaiting their answer is closed (“Mentor unavailable”) and its requester is "
                "emailed other available mentors for the same need.",
                "%(count)s requests awaiting their answer are closed (“Mentor unavailable”) and each requester is "
                "emailed other available mentors for the same need.",
                waiting,
            )
            % {"count": waiting}
        )
    else:
        said.append(_("No request awaits their answer: none is closed."))
    if mentor.active_mentorships:
        said.append(
            ngettext(
                "The mentorship under way goes on.",
                "The %(count)s mentorships under way go on.",
                mentor.active_mentorships,
            )
            % {"count": mentor.active_mentorships}
        )
    if action == "archive":
        said.append(_("“Accepting requests” is turned off: publishing again will not turn it back on."))
    said.append(_("The mentor is not emailed; the reason stays in the profile’s history, for the team."))
    return said


class StatusChangeForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=lifecycle.MAX_REASON_LENGTH,
        required=False,
    )

    def __init__(self, *args, action, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["reason"]
        field.required = action in lifecycle.REASON_REQUIRED
        field.error_messages["required"] = _("Say why: the reason stays in the profile’s history for the team.")
        field.help_text = (
            _("Required. Kept in the profile’s history, seen by the team only.")
            if field.required
            else _("Optional. Kept in the profile’s history, seen by the team only.")
        )


class StatusChangeView(InstanceActionView):
    """GET says what the action will do and asks for a reason; POST applies one of lifecycle.EDITOR_ACTIONS."""

    template_name = "mentors/admin/status_change.html"
    labels = ACTION_LABELS

    def check_action_permitted(self, user):
        return user.has_perm(APPROVE_PERMISSION) and super().check_action_permitted(user)

    def render(self, form, status=200):
        context = {
            "view": self,
            "mentor": self.instance,
            "action": self.action,
            "form": form,
            "consequences": consequences(self.instance, self.action),
            "inspect_url": self.url_helper.get_action_url("inspect", self.pk_quoted),
        }
        return TemplateResponse(self.request, self.template_name, context, status=status)

    def get(self, request, *args, **kwargs):
        return self.render(StatusChangeForm(action=self.action))

    def post(self, request, *args, **kwargs):
        form = StatusChangeForm(request.POST, action=self.action)
        if not form.is_valid():
            return self.render(form)
        try:
            lifecycle.EDITOR_ACTIONS[self.action](self.instance, user=request.user, reason=form.cleaned_data["reason"])
        except lifecycle.TransitionError as error:
            messages.error(request, str(error))
            return redirect(self.url_helper.get_action_url("inspect", self.pk_quoted))
        messages.success(
            request,
            elide(
                _("The profile of %(name)s is now “%(status)s”.")
                % {"name": self.instance, "status": self.instance.get_status_display()}
            ),
        )
        return redirect(self.url_helper.get_action_url("inspect", self.pk_quoted))


class MentorInspectView(InspectView):
    """The profile as the public will see it (a frame showing the public page), what only the team sees, and
    the history of its status changes with who, when and why."""

    def get_context_data(self, **kwargs):
        mentor = self.instance
        requests = mentor.requests
        return super().get_context_data(**kwargs) | {
            "mentor": mentor,
            "preview_url": self.url_helper.get_action_url("preview", self.pk_quoted),
            "history": lifecycle.history(mentor),
            "requests_count": requests.count(),
            "waiting_count": requests.awaiting_answer().count(),
            "suggestions": mentor.theme_suggestions.all(),
            "may_approve": self.request.user.has_perm(APPROVE_PERMISSION),
        }


@method_decorator(xframe_options_sameorigin, name="dispatch")
class PreviewView(InspectView):
    """The public profile page of any mentor, published or not, for the team's preview frame."""

    def get(self, request, *args, **kwargs):
        directory = MentorIndexPage.objects.live().in_default_locale().first()
        if directory is None:
            return TemplateResponse(request, "mentors/admin/no_directory.html", {}, status=200)
        context = directory.get_context(request) | {"mentor": self.instance}
        return TemplateResponse(request, "mentors/mentor_profile.html", context)


class InvitationForm(forms.Form):
    full_name = forms.CharField(label=gettext_lazy("Full name"), max_length=120)
    email = forms.EmailField(label=gettext_lazy("Email address"))
    actor_type = forms.ModelChoiceField(label=gettext_lazy("Actor type"), queryset=ActorType.objects.all())
    region = forms.ChoiceField(label=gettext_lazy("Region"), choices=Region.choices)

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if (
            MentorProfile.objects.filter(contact_email__iexact=email).exists()
            or get_user_model().objects.filter(username__iexact=email).exists()
        ):
            raise forms.ValidationError(_("A mentor or an account already uses this address."))
        return email


class InviteView(WMABaseView):
    """An editor invites someone by email; the link lets them choose a password."""

    template_name = "mentors/admin/invite.html"
    page_title = gettext_lazy("Invite a mentor")

    def check_action_permitted(self, user):
        return self.permission_helper.user_can_create(user)

    def get(self, request, *args, **kwargs):
        return TemplateResponse(request, self.template_name, {"view": self, "form": InvitationForm()})

    def post(self, request, *args, **kwargs):
        form = InvitationForm(request.POST)
        if not form.is_valid():
            return TemplateResponse(request, self.template_name, {"view": self, "form": form})
        mentor = invite(**form.cleaned_data)
        messages.success(request, _("Invitation sent to %(email)s.") % {"email": mentor.contact_email})
        return redirect(self.index_url)


@transaction.atomic
def invite(full_name, email, actor_type, region):
    user = get_user_model().objects.create_user(username=email, email=email, password=None)
    mentor = MentorProfile.objects.create(
        user=user,
        full_name=full_name,
        contact_email=email,
        actor_type=actor_type,
        region=region,
        status=MentorStatus.DRAFT,
    )
    notifications.send_invitation(mentor)
    return mentor
