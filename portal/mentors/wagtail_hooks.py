from django import forms
from django.contrib import admin
from django.urls import re_path
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.components import Component
from wagtail.log_actions import LogFormatter

from wagtail_modeladmin.options import modeladmin_register

from portal.admin_actions import ActionButtonHelper, EditorsModelAdmin, action_url
from portal.mentors import lifecycle
from portal.mentors.admin_views import (
    ACTION_LABELS,
    APPROVE_PERMISSION,
    InviteView,
    MentorInspectView,
    PreviewView,
    StatusChangeView,
)
from portal.mentors.models import MentorProfile, MentorStatus
from search.folding import FoldedSearchHandler

ACTIONS_BY_STATUS = {
    MentorStatus.DRAFT: ["archive"],
    MentorStatus.PENDING: ["approve", "archive"],
    MentorStatus.PUBLISHED: ["pause", "archive"],
    MentorStatus.PAUSED: ["republish", "archive"],
    MentorStatus.ARCHIVED: ["republish"],
}


class MentorButtonHelper(ActionButtonHelper):
    url_name = "status"
    labels = ACTION_LABELS

    def actions_for(self, obj):
        if not self.request.user.has_perm(APPROVE_PERMISSION):
            return []
        return ACTIONS_BY_STATUS[obj.status]

    def main_action(self, obj, names):
        """An application waits for approval; any other profile is kept current by editing it."""
        if obj.status == MentorStatus.PENDING and "approve" in names:
            return "approve"
        return "edit" if "edit" in names else names[0]

    def get_primary_button(self, obj):
        """An application's title leads to the profile as the public will see it, with the actions."""
        if obj.status == MentorStatus.PENDING:
            buttons = {button["name"]: button for button in self.get_buttons_for_obj(obj)}
            return buttons.get("inspect") or buttons.get("edit")
        return super().get_primary_button(obj)


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
    search_handler_class = FoldedSearchHandler  # "elodie" finds "Élodie"
    inspect_view_enabled = True
    inspect_view_class = MentorInspectView
    inspect_template_name = "mentors/admin/inspect.html"
    list_export = [
        "full_name", "contact_email", "organisation", "actor_type", "headline", "themes", "mentoring_models",
        "formats", "languages", "region", "meeting_mode", "capacity", "active_mentorships", "accepting_requests",
        "status", "charter_version", "charter_accepted_at", "first_published_at", "created_at", "updated_at",
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
                FieldPanel("mentoring_models", widget=forms.CheckboxSelectMultiple),
                FieldRowPanel([FieldPanel("offers_individual"), FieldPanel("offers_group")]),
                FieldPanel("languages", widget=forms.CheckboxSelectMultiple),
                FieldRowPanel([FieldPanel("region"), FieldPanel("meeting_mode")]),
            ],
            heading=_("Expertise and formats"),
        ),
        # No status here: it changes through the actions (approve, pause, archive), which send the emails,
        # release the requests and record who did it and why (lifecycle.py).
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("capacity"), FieldPanel("accepting_requests")])],
            heading=_("Availability"),
        ),
    ]

    def get_list_export(self, request):
        """A mentor's address is for those who handle profiles (they read it in the edit form): the team's
        groups and superusers. Anyone else allowed to list mentors exports them without it."""
        if request.user.has_perm("mentors.change_mentorprofile"):
            return self.list_export
        return [field for field in self.list_export if field != "contact_email"]

    @admin.display(description=_("formats"))
    def formats(self, obj):
        """The formats offered, as the profile's fields name them (« Mentorat individuel, Mentorat en groupe »)."""
        offered = [name for name in ("offers_individual", "offers_group") if getattr(obj, name)]
        return [capfirst(MentorProfile._meta.get_field(name).verbose_name) for name in offered]

    def invite_view(self, request):
        return InviteView.as_view(model_admin=self)(request)

    def preview_view(self, request, instance_pk):
        return PreviewView.as_view(model_admin=self, instance_pk=instance_pk)(request)

    def get_admin_urls_for_registration(self):
        return (
            *super().get_admin_urls_for_registration(),
            action_url(self, "status", StatusChangeView),
            re_path(
                self.url_helper.get_action_url_pattern("preview"),
                self.preview_view,
                name=self.url_helper.get_action_url_name("preview"),
            ),
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


class MentorStatusFormatter(LogFormatter):
    """A status change in the history: what happened, and the editor's reason as its comment."""

    def format_comment(self, log_entry):
        return log_entry.data.get("reason", "")


@hooks.register("register_log_actions")
def register_mentor_log_actions(actions):
    for action, label, message in [
        (lifecycle.SUBMITTED, _("Mentor: submit for approval"), _("Application sent to the editors")),
        (lifecycle.APPROVED, _("Mentor: approve and publish"), _("Profile approved and published")),
        (lifecycle.PAUSED, _("Mentor: pause"), _("Profile paused")),
        (lifecycle.ARCHIVED, _("Mentor: archive"), _("Profile archived")),
    ]:
        actions.register_action(action)(
            type("Formatter", (MentorStatusFormatter,), {"label": label, "message": message})
        )


@hooks.register("construct_homepage_panels")
def add_pending_mentors_panel(request, panels):
    if request.user.has_perm("mentors.change_mentorprofile"):
        panels.append(PendingMentorsPanel())
