from django.utils.translation import gettext_lazy as _

from wagtail_modeladmin.options import ModelAdminGroup, modeladmin_register

from portal.admin_actions import (
    ActionButtonHelper,
    EditorsModelAdmin,
    RefusedCreateView,
    RefusedEditView,
    SubmittedOnlyPermissionHelper,
    action_url,
)
from portal.contributions.admin_views import ACTION_LABELS, NeedsIndexView, ProposalActionView
from portal.contributions.models import ChallengeProposal, NeedsSurveyResponse, ProposalStatus


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


class ProposalButtonHelper(ActionButtonHelper):
    labels = ACTION_LABELS
    excluded = ("edit",)

    def actions_for(self, obj):
        return actions_for(obj)

    def main_action(self, obj, names):
        """A new proposal is meant to become a challenge; a reviewed one is only read again."""
        return next((name for name in ("convert", "inspect") if name in names), names[0])


class ChallengeProposalAdmin(EditorsModelAdmin):
    model = ChallengeProposal
    menu_label = _("Challenge proposals")
    search_label = _("Search proposals")
    empty_message = _("No challenge proposal yet.")
    no_match_message = _("No proposal matches these criteria.")
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
        "created_at", "status", "title", "description", "example", "themes", "new_themes", "actor_type", "name",
        "organisation", "email", "challenge", "thanked_at",
    ]  # fmt: skip
    export_filename = "propositions-de-defis"
    permission_helper_class = SubmittedOnlyPermissionHelper
    button_helper_class = ProposalButtonHelper
    # A proposal changes only through proposals.py (review, refuse, merge, draft challenge): the raw form would
    # set a status without its challenge. Deleting stays possible: it is how spam and a proposer's data go.
    create_view_class = RefusedCreateView
    edit_view_class = RefusedEditView
    refusals = {
        "create": _("Challenge proposals are sent by members from the public form: they are not created here."),
        "edit": _(
            "A proposal is not edited directly: its actions (Create a draft challenge, Merge into a challenge, "
            "Put under review, Refuse) keep it in step with the catalogue."
        ),
    }

    def get_admin_urls_for_registration(self):
        return (*super().get_admin_urls_for_registration(), action_url(self, "action", ProposalActionView))


class NeedsSurveyResponseAdmin(EditorsModelAdmin):
    model = NeedsSurveyResponse
    menu_label = _("Needs survey")
    search_label = _("Search the answers")
    empty_message = _("No answer yet.")
    no_match_message = _("No answer matches these criteria.")
    menu_icon = "list-ul"
    list_display = ["created_at", "actor_type", "mentoring_model", "comment"]
    list_filter = ["actor_type", "mentoring_model", "themes"]
    search_fields = ["comment"]
    inspect_view_enabled = True
    inspect_view_fields = ["created_at", "actor_type", "themes", "mentoring_model", "comment", "consent_at"]
    list_export = ["created_at", "actor_type", "themes", "mentoring_model", "comment"]
    export_filename = "besoins"
    permission_helper_class = AnswersPermissionHelper
    index_view_class = NeedsIndexView
    index_template_name = "contributions/admin/needs_index.html"


@modeladmin_register
class ContributionsGroup(ModelAdminGroup):
    menu_label = _("Contributions")
    menu_icon = "comment"
    menu_order = 220
    items = [ChallengeProposalAdmin, NeedsSurveyResponseAdmin]
