"""Editors' actions on mentor profiles, beside wagtail-modeladmin's list, inspect and edit views."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail_modeladmin.views import WMABaseView

from portal.admin_actions import InstanceActionView
from portal.mentors import lifecycle, notifications
from portal.mentors.models import MentorProfile, MentorStatus
from portal.taxonomy.models import ActorType, Region

ACTION_LABELS = {
    "approve": gettext_lazy("Approve and publish"),
    "pause": gettext_lazy("Pause"),
    "archive": gettext_lazy("Archive"),
}


class StatusChangeView(InstanceActionView):
    """GET asks for confirmation, POST applies one of lifecycle.EDITOR_ACTIONS."""

    template_name = "mentors/admin/status_change.html"
    labels = ACTION_LABELS

    def get(self, request, *args, **kwargs):
        return TemplateResponse(
            request, self.template_name, {"view": self, "mentor": self.instance, "action": self.action}
        )

    def post(self, request, *args, **kwargs):
        try:
            lifecycle.EDITOR_ACTIONS[self.action](self.instance)
        except lifecycle.TransitionError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("The profile of %(name)s is now “%(status)s”.")
                % {"name": self.instance, "status": self.instance.get_status_display()},
            )
        return redirect(self.index_url)


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
