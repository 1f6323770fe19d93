"""Editors' actions on a request, beside wagtail-modeladmin's list, inspect and export views."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from portal.admin_actions import InstanceActionView
from portal.mentors.models import MentorProfile
from portal.mentorships import privacy, workflow
from portal.mentorships.models import MentorRequest

ACTION_LABELS = {
    "reassign": gettext_lazy("Reassign"),
    "close": gettext_lazy("Close"),
    "erase": gettext_lazy("Erase data"),
}


class MentorChoiceField(forms.ModelChoiceField):
    """Each mentor named as editors tell them apart: name, organisation and address."""

    def label_from_instance(self, obj):
        return obj.label_for_editors


class ReassignForm(forms.Form):
    mentor = MentorChoiceField(label=gettext_lazy("New mentor"), queryset=MentorProfile.objects.none())

    def __init__(self, *args, mentor_request, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentor"].queryset = MentorProfile.objects.available().exclude(pk=mentor_request.mentor_id)


class CloseForm(forms.Form):
    note = forms.CharField(label=gettext_lazy("Why (kept in the history)"), max_length=300, required=False)


class EraseForm(forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy("I confirm: this person asked for their data to be erased"),
        error_messages={"required": gettext_lazy("Tick the box to confirm the erasure.")},
    )


FORMS = {"reassign": ReassignForm, "close": CloseForm, "erase": EraseForm}


class RequestActionView(InstanceActionView):
    """GET shows the action's form, POST applies it through workflow.py or privacy.py."""

    template_name = "mentorships/admin/action.html"
    labels = ACTION_LABELS

    def make_form(self, data=None):
        if self.action == "reassign":
            return ReassignForm(data, mentor_request=self.instance)
        return FORMS[self.action](data)

    def render(self, form):
        context = {"view": self, "mentor_request": self.instance, "action": self.action, "form": form}
        if self.action == "erase":
            context |= {
                "erased_requests": privacy.requests_of(self.instance.requester_email),
                "erased_fields": [MentorRequest._meta.get_field(name).verbose_name for name in privacy.ERASED_FIELDS],
            }
        return TemplateResponse(self.request, self.template_name, context)

    def get(self, request, *args, **kwargs):
        return self.render(self.make_form())

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST)
        if not form.is_valid():
            return self.render(form)
        try:
            done = self.apply(form.cleaned_data, request.user)
        except workflow.RequestRefused as refused:
            form.add_error(None, str(refused))
            return self.render(form)
        messages.success(request, done)
        return redirect(self.url_helper.get_action_url("inspect", self.instance.pk))

    def apply(self, data, user):
        if self.action == "reassign":
            workflow.reassign(self.instance, data["mentor"], user)
            return _("Request reassigned to %(name)s, who was notified.") % {"name": data["mentor"].full_name}
        if self.action == "close":
            closed = workflow.close(self.instance, user, data["note"])
            return _("Request closed: %(status)s.") % {"status": closed.get_status_display()}
        count = privacy.erase_person(self.instance.requester_email, user)
        return ngettext(
            "The requester's data was erased from %(count)s request.",
            "The requester's data was erased from %(count)s requests.",
            count,
        ) % {"count": count}
