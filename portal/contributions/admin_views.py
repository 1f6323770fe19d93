"""Editors' actions on challenge proposals, beside wagtail-modeladmin's list, inspect and export."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.admin_actions import IndexView, InstanceActionView
from portal.challenges.models import ChallengePage
from portal.contributions import proposals
from portal.contributions.statistics import needs_table

ACTION_LABELS = {
    "convert": gettext_lazy("Create a draft challenge"),
    "merge": gettext_lazy("Merge into a challenge"),
    "review": gettext_lazy("Put under review"),
    "refuse": gettext_lazy("Refuse"),
}


class MergeForm(forms.Form):
    challenge = forms.ModelChoiceField(
        label=gettext_lazy("Challenge that already covers it"),
        queryset=ChallengePage.objects.in_default_locale().order_by("title"),
    )


class ProposalActionView(InstanceActionView):
    """GET asks for confirmation (and, to merge, the challenge), POST applies the action of proposals.py."""

    template_name = "contributions/admin/proposal_action.html"
    labels = ACTION_LABELS

    def render(self, form=None):
        context = {"view": self, "proposal": self.instance, "action": self.action, "form": form}
        return TemplateResponse(self.request, self.template_name, context)

    def get(self, request, *args, **kwargs):
        return self.render(MergeForm() if self.action == "merge" else None)

    def post(self, request, *args, **kwargs):
        form = MergeForm(request.POST) if self.action == "merge" else None
        if form is not None and not form.is_valid():
            return self.render(form)
        try:
            if self.action == "convert":
                page = proposals.convert(self.instance, request.user)
                messages.success(request, _("Draft challenge created: review it, then publish it."))
                return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
            if self.action == "merge":
                proposals.merge(self.instance, form.cleaned_data["challenge"])
            elif self.action == "review":
                proposals.review(self.instance)
            else:
                proposals.refuse(self.instance)
        except proposals.ProposalError as error:
            messages.error(request, str(error))
        else:
            self.instance.refresh_from_db()
            messages.success(request, _("Proposal: %(status)s.") % {"status": self.instance.get_status_display()})
        return redirect(self.url_helper.get_action_url("inspect", self.instance.pk))


class NeedsIndexView(IndexView):
    """The answers' list, with the counts per challenge area and actor type above it."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"needs": needs_table()}
