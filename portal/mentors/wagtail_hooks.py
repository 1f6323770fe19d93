from django.urls import re_path
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.components import Component

from wagtail_modeladmin.options import modeladmin_register

from portal.admin_actions import ActionButtonHelper, EditorsModelAdmin, action_url
from portal.mentors.admin_views import ACTION_LABELS, InviteView, StatusChangeView
from portal.mentors.models import MentorProfile, MentorStatus

ACTIONS_BY_STATUS = {
    MentorStatus.DRAFT: ["archive"],
    MentorStatus.PENDING: ["approve", "archive"],
    MentorStatus.PUBLISHED: ["pause", "archive"],
    MentorStatus.PAUSED: ["approve", "archive"],
    MentorStatus.ARCHIVED: ["approve"],
}


class MentorButtonHelper(ActionButtonHelper):
    url_name = "status"
    labels = ACTION_LABELS

    def actions_for(self, obj):
        return ACTIONS_BY_STATUS[obj.status]

    def main_action(self, obj, names):
        """An application waits for approval; any other profile is kept current by editing it."""
        if obj.status == MentorStatus.PENDING and "approve" in names:
            return "approve"
        return "edit" if "edit" in names else names[0]


@modeladmin_register
class MentorProfileAdmin(EditorsModelAdmin):
    model = MentorProfile
    menu_label = _("Mentors")
    add_label = _("Add a mentor profile")
    search_label = _("Search mentors")
    empty_message = _("No mentor profile yet.")
    no_match_message = _("No mentor matches these criteria.")
    menu_icon = "group"
    menu_order = 200
    add_to_settings_menu = False
    list_display = ["full_name", "organisation", "actor_type", "status", "accepting_requests"]
    list_filter = ["status", "mentoring_models", "actor_type", "languages", "region", "accepting_requests"]
    search_fields = ["full_name", "headline", "organisation", "bio", "contact_email"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "full_name", "contact_email", "headline", "organisation", "actor_type", "bio", "region", "meeting_mode",
        "capacity", "accepting_requests", "status", "email_confirmed_at", "charter_version", "charter_accepted_at",
        "first_published_at", "created_at", "updated_at",
    ]  # fmt: skip
    list_export = [
        "full_name", "contact_email", "organisation", "actor_type", "headline", "region", "meeting_mode", "capacity",
        "accepting_requests", "status", "charter_version", "created_at", "updated_at",
    ]  # fmt: skip
    export_filename = "mentors"
    button_helper_class = MentorButtonHelper
    index_template_name = "mentors/admin/index.html"
    panels = [
        MultiFieldPanel(
            [FieldPanel("full_name"), FieldPanel("slug"), FieldPanel("contact_email"), FieldPanel("photo")],
            heading=_("Identity"),
        ),
        MultiFieldPanel(
            [FieldPanel("headline"), FieldPanel("organisation"), FieldPanel("actor_type"), FieldPanel("bio")],
            heading=_("Profile"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("themes"),
                FieldPanel("mentoring_models"),
                FieldRowPanel([FieldPanel("offers_individual"), FieldPanel("offers_group")]),
                FieldPanel("languages"),
                FieldRowPanel([FieldPanel("region"), FieldPanel("meeting_mode")]),
            ],
            heading=_("Expertise and formats"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("capacity"), FieldPanel("accepting_requests")]), FieldPanel("status")],
            heading=_("Availability"),
        ),
    ]

    def invite_view(self, request):
        return InviteView.as_view(model_admin=self)(request)

    def get_admin_urls_for_registration(self):
        return (
            *super().get_admin_urls_for_registration(),
            action_url(self, "status", StatusChangeView),
            re_path(
                self.url_helper._get_action_url_pattern("invite"),
                self.invite_view,
                name=self.url_helper.get_action_url_name("invite"),
            ),
        )


class PendingMentorsPanel(Component):
    """On the admin dashboard: applications waiting for an editor."""

    name = "pending_mentors"
    order = 50
    template_name = "mentors/admin/pending_panel.html"

    def get_context_data(self, parent_context):
        pending = MentorProfile.objects.filter(status=MentorStatus.PENDING).order_by("created_at")
        return {"pending": pending[:10], "count": pending.count()}


@hooks.register("construct_homepage_panels")
def add_pending_mentors_panel(request, panels):
    if request.user.has_perm("mentors.change_mentorprofile"):
        panels.append(PendingMentorsPanel())
