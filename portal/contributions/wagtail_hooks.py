from django.contrib.admin.utils import quote
from django.urls import re_path
from django.utils.translation import gettext_lazy as _

from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from portal.contributions.admin_views import ACTION_LABELS, NeedsIndexView, ProposalActionView
from portal.contributions.models import ChallengeProposal, NeedsSurveyResponse, ProposalStatus


class SubmittedOnlyPermissionHelper(PermissionHelper):
    """Members submit these from the site: editors read, export and act, never create them."""

    def user_can_create(self, user):
        return False


class AnswersPermissionHelper(SubmittedOnlyPermissionHelper):
    """A survey answer is the member's words: editors read and export it, never rewrite it."""

    def user_can_edit_obj(self, user, obj):
        return False


def actions_for(proposal):
    if proposal.status == ProposalStatus.NEW:
        return ["convert", "merge", "review", "refuse"]
    if proposal.status == ProposalStatus.REVIEW:
        return ["convert", "merge", "refuse"]
    return []


class ProposalButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        buttons = super().get_buttons_for_obj(obj, ["edit", *(exclude or [])], classnames_add, classnames_exclude)
        if self.permission_helper.user_can_edit_obj(self.request.user, obj):
            url = self.url_helper.get_action_url("action", quote(obj.pk))
            classname = self.finalise_classname(classnames_add or [], classnames_exclude or [])
            buttons += [
                {"url": f"{url}?action={action}", "label": ACTION_LABELS[action], "classname": classname,
                 "title": ACTION_LABELS[action]}
                for action in actions_for(obj)
            ]  # fmt: skip
        return buttons


class ChallengeProposalAdmin(ModelAdmin):
    model = ChallengeProposal
    menu_label = _("Challenge proposals")
    menu_icon = "help"
    list_display = ["title", "actor_type", "created_at", "status", "challenge"]
    list_filter = ["status", "actor_type", "themes"]
    search_fields = ["title", "description", "example", "name", "organisation", "email"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "title", "description", "example", "themes", "new_themes", "actor_type", "name", "organisation", "email",
        "status", "challenge", "created_at", "thanked_at",
    ]  # fmt: skip
    list_export = [
        "created_at", "status", "title", "description", "example", "new_themes", "actor_type", "name",
        "organisation", "email", "challenge",
    ]  # fmt: skip
    export_filename = "propositions-de-defis"
    permission_helper_class = SubmittedOnlyPermissionHelper
    button_helper_class = ProposalButtonHelper

    def action_view(self, request, instance_pk):
        return ProposalActionView.as_view(model_admin=self, instance_pk=instance_pk)(request)

    def get_admin_urls_for_registration(self):
        return (
            *super().get_admin_urls_for_registration(),
            re_path(
                self.url_helper.get_action_url_pattern("action"),
                self.action_view,
                name=self.url_helper.get_action_url_name("action"),
            ),
        )


class NeedsSurveyResponseAdmin(ModelAdmin):
    model = NeedsSurveyResponse
    menu_label = _("Needs survey")
    menu_icon = "list-ul"
    list_display = ["created_at", "actor_type", "mentoring_model", "comment"]
    list_filter = ["actor_type", "mentoring_model", "themes"]
    search_fields = ["comment"]
    inspect_view_enabled = True
    list_export = ["created_at", "actor_type", "areas", "mentoring_model", "comment"]
    export_filename = "besoins"
    permission_helper_class = AnswersPermissionHelper
    index_view_class = NeedsIndexView
    index_template_name = "contributions/admin/needs_index.html"

    def areas(self, obj):
        return ", ".join(theme.name for theme in obj.themes.all())

    areas.short_description = _("challenge areas")


@modeladmin_register
class ContributionsGroup(ModelAdminGroup):
    menu_label = _("Contributions")
    menu_icon = "comment"
    menu_order = 220
    items = [ChallengeProposalAdmin, NeedsSurveyResponseAdmin]
