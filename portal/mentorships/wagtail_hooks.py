from datetime import timedelta

from django.conf import settings
from django.contrib import admin
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.components import Component

from wagtail_modeladmin.options import modeladmin_register

from portal.admin_actions import (
    ActionButtonHelper,
    EditorsModelAdmin,
    InspectView,
    RefusedCreateView,
    RefusedDeleteView,
    RefusedEditView,
    SubmittedOnlyPermissionHelper,
    action_url,
)
from portal.mentors.models import MentorProfile
from portal.mentorships import workflow
from portal.mentorships.admin_views import ACTION_LABELS, RequestActionView
from portal.mentorships.models import MentorRequest


def actions_for(mentor_request):
    if mentor_request.anonymised_at:
        return []
    actions = []
    if mentor_request.status in workflow.REASSIGNABLE:
        actions.append("reassign")
    if mentor_request.is_open:
        actions.append("close")
    return [*actions, "erase"]


class RequestPermissionHelper(SubmittedOnlyPermissionHelper):
    """Requests come from the public form only: editors follow and act on them, never create them."""

    def user_can_delete_obj(self, user, obj):
        """Deleting would lose the history and the statistics: erase the requester's data instead."""
        return False


class RequestButtonHelper(ActionButtonHelper):
    labels = ACTION_LABELS
    excluded = ("edit",)
    destructive = ("delete", "erase")

    def actions_for(self, obj):
        return actions_for(obj)

    def main_action(self, obj, names):
        """Every action on a request needs its details first: they are one click away, the actions in the menu."""
        return "inspect" if "inspect" in names else names[0]


class AgeFilter(admin.SimpleListFilter):
    title = _("age")
    parameter_name = "age"

    def lookups(self, request, model_admin):
        return [
            ("week", _("Less than a week")),
            ("month", _("1 to 4 weeks")),
            ("older", _("More than 4 weeks")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "week":
            return queryset.filter(created_at__gt=now - timedelta(days=7))
        if self.value() == "month":
            return queryset.filter(created_at__lte=now - timedelta(days=7), created_at__gt=now - timedelta(days=28))
        if self.value() == "older":
            return queryset.filter(created_at__lte=now - timedelta(days=28))
        return queryset


class MentorFilter(admin.RelatedFieldListFilter):
    """The mentors who received requests, each named as editors tell them apart (two may share a name)."""

    def field_choices(self, field, request, model_admin):
        mentors = MentorProfile.objects.filter(pk__in=MentorRequest.objects.values("mentor_id"))
        return [(mentor.pk, mentor.label_for_editors) for mentor in mentors]


class RequestInspectView(InspectView):
    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "events": self.instance.events.select_related("user"),
            "feedback": self.instance.feedback.all(),
        }


@modeladmin_register
class MentorRequestAdmin(EditorsModelAdmin):
    model = MentorRequest
    menu_label = _("Mentor requests")
    search_label = _("Search requests")
    empty_message = _("No request yet.")
    no_match_message = _("No request matches these criteria.")
    menu_icon = "mail"
    menu_order = 210
    add_to_settings_menu = False
    list_display = ["number", "sent_on", "requester_name", "mentor", "challenge_summary", "status"]
    list_filter = ["status", ("mentor", MentorFilter), "challenge", "mentoring_model", "actor_type", AgeFilter]
    search_fields = ["requester_name", "requester_email", "organisation", "challenge_text", "message"]
    inspect_view_enabled = True
    inspect_view_class = RequestInspectView
    inspect_template_name = "mentorships/admin/inspect.html"
    inspect_view_fields = [
        "status", "mentor", "challenge", "challenge_text", "requester_name", "requester_email", "organisation",
        "actor_type", "mentoring_model", "mentoring_format", "participants", "message", "created_at", "sent_at",
        "reminded_at", "answered_at", "closed_at", "anonymised_at",
    ]  # fmt: skip
    list_export = [
        "pk", "created_at", "status", "mentor", "challenge_label", "challenge_themes", "requester_name",
        "requester_email", "organisation", "actor_type", "mentoring_model", "mentoring_format", "participants",
        "reminded_at", "answered_at", "closed_at", "anonymised_at",
    ]  # fmt: skip
    export_headings = {"pk": _("No.")}
    export_filename = "demandes-de-mentorat"
    permission_helper_class = RequestPermissionHelper
    button_helper_class = RequestButtonHelper
    # A request changes only through workflow.py and privacy.py: the raw forms would skip the rules, the
    # history and the emails to both sides.
    create_view_class = RefusedCreateView
    edit_view_class = RefusedEditView
    delete_view_class = RefusedDeleteView
    refusals = {
        "create": _("Requests are sent by visitors from the public form: they are not created here."),
        "edit": _(
            "A request is not edited directly: its actions (Reassign, Close, Erase data) keep its history and tell "
            "the people concerned."
        ),
        "delete": _(
            "A request is never deleted: its history and the statistics would go. To remove the requester's "
            "data, use “Erase data”."
        ),
    }

    @admin.display(description=_("No."), ordering="pk")
    def number(self, obj):
        return obj.pk

    @admin.display(description=_("Sent on"), ordering="created_at")
    def sent_on(self, obj):
        return date_format(timezone.localtime(obj.created_at), "SHORT_DATE_FORMAT")

    @admin.display(description=_("challenge"))
    def challenge_summary(self, obj):
        return Truncator(obj.challenge_label).chars(70)

    @admin.display(description=_("themes"))
    def challenge_themes(self, obj):
        """The themes of the catalogue's challenge (a challenge in free text has none)."""
        return obj.challenge.themes.all() if obj.challenge else []

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("mentor", "challenge", "actor_type", "mentoring_model")
            .prefetch_related("challenge__themes")
        )

    def get_admin_urls_for_registration(self):
        return (*super().get_admin_urls_for_registration(), action_url(self, "action", RequestActionView))


class WaitingRequestsPanel(Component):
    """On the admin dashboard: requests still unanswered after the reminder delay."""

    name = "waiting_requests"
    order = 60
    template_name = "mentorships/admin/waiting_panel.html"

    def get_context_data(self, parent_context):
        waiting = (
            MentorRequest.objects.waiting_longer_than(settings.MENTOR_REQUEST_REMINDER_DAYS)
            .select_related("mentor", "challenge")
            .order_by("sent_at")
        )
        count = waiting.count()
        return {
            "waiting": waiting[:10],
            "count": count,
            # Younger requests are waiting too, not "answered in time": the panel says how many.
            "recent": MentorRequest.objects.awaiting_answer().count() - count,
            "days": settings.MENTOR_REQUEST_REMINDER_DAYS,
        }


@hooks.register("construct_homepage_panels")
def add_waiting_requests_panel(request, panels):
    if request.user.has_perm("mentorships.view_mentorrequest"):
        panels.append(WaitingRequestsPanel())
