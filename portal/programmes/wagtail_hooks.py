from django.contrib import admin
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from wagtail_modeladmin.options import ModelAdminGroup, modeladmin_register

from portal.admin_actions import (
    ActionButtonHelper,
    EditorsModelAdmin,
    RefusedDeleteView,
    RefusedEditView,
    SubmittedOnlyPermissionHelper,
    action_url,
)
from portal.programmes import privacy
from portal.programmes.admin_views import ApplicationActionView, IterationsView, PairingView
from portal.programmes.models import (
    PAIRED_MODELS,
    Application,
    Circle,
    Enrolment,
    EnrolmentStatus,
    IterationPage,
    MentorOffer,
    Organisation,
    Pair,
    PairingRound,
)


@hooks.register("register_admin_urls")
def pairing_urls():
    return [
        path("programmes/iterations/", IterationsView.as_view(), name="programmes_iterations"),
        path("programmes/iterations/<int:page_id>/pairing/", PairingView.as_view(), name="programmes_pairing"),
    ]


def pairing_button(page, user):
    page = page.specific_deferred if hasattr(page, "specific_deferred") else page
    if (
        isinstance(page, IterationPage)
        and page.model_code in PAIRED_MODELS
        and page.permissions_for_user(user).can_edit()
    ):
        return Button(_("Pairing"), reverse("programmes_pairing", args=[page.pk]), icon_name="group", priority=12)
    return None


@hooks.register("register_page_header_buttons")
def pairing_header_button(page, user, view_name, next_url=None):
    button = pairing_button(page, user)
    if button:
        yield button


@hooks.register("register_page_listing_more_buttons")
def pairing_listing_button(page, user, next_url=None):
    button = pairing_button(page, user)
    if button:
        yield button


class ReadOnlyButtonHelper(ActionButtonHelper):
    """Rows that change only through their own pages and links: view them, nothing else."""

    excluded = ("edit", "delete")


class OrganisationAdmin(EditorsModelAdmin):
    model = Organisation
    menu_label = _("Organisations")
    add_label = _("Add an organisation")
    search_label = _("Search organisations")
    empty_message = _("No organisation yet.")
    no_match_message = _("No organisation matches these criteria.")
    menu_icon = "site"
    list_display = ["name", "email_domains"]
    search_fields = ["name", "email_domains"]


class ApplicationButtonHelper(ActionButtonHelper):
    labels = {"erase": _("Erase data")}
    destructive = ("delete", "erase")

    def actions_for(self, obj):
        return [] if obj.full_name == privacy.ERASED else ["erase"]


class ApplicationAdmin(EditorsModelAdmin):
    model = Application
    menu_label = _("Applications")
    search_label = _("Search applications")
    empty_message = _("No application yet.")
    no_match_message = _("No application matches these criteria.")
    menu_icon = "form"
    list_display = ["full_name", "iteration", "organisation", "status", "created_at"]
    list_filter = ["status", "iteration", "organisation"]
    search_fields = ["full_name", "email", "challenge"]
    list_export = [
        "full_name",
        "email",
        "iteration",
        "organisation",
        "challenge",
        "availability",
        "status",
        "created_at",
    ]
    export_filename = "candidatures"
    permission_helper_class = SubmittedOnlyPermissionHelper
    button_helper_class = ApplicationButtonHelper

    def get_admin_urls_for_registration(self):
        return (*super().get_admin_urls_for_registration(), action_url(self, "action", ApplicationActionView))

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("iteration", "organisation")


class MentorOfferAdmin(EditorsModelAdmin):
    model = MentorOffer
    menu_label = _("Mentors taking part")
    search_label = _("Search mentors")
    empty_message = _("No mentor has joined an iteration yet.")
    no_match_message = _("No mentor matches these criteria.")
    menu_icon = "user"
    list_display = ["mentor", "iteration", "organisation", "capacity", "withdrawn_at"]
    list_filter = ["iteration"]
    search_fields = ["mentor__full_name"]
    list_export = ["mentor", "iteration", "organisation", "capacity", "created_at", "withdrawn_at"]
    export_filename = "mentors-des-promotions"
    permission_helper_class = SubmittedOnlyPermissionHelper

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("iteration", "organisation", "mentor")


class PairAdmin(EditorsModelAdmin):
    model = Pair
    menu_label = _("Pairs")
    search_label = _("Search pairs")
    empty_message = _("No pair yet: run a pairing round from an iteration’s page.")
    no_match_message = _("No pair matches these criteria.")
    menu_icon = "link"
    list_display = ["application", "mentor", "iteration", "quality", "status"]
    list_filter = ["status", "iteration"]
    search_fields = ["application__full_name", "offer__mentor__full_name"]
    list_export = ["application", "mentor", "iteration", "quality", "status", "created_at"]
    export_filename = "binomes"
    permission_helper_class = SubmittedOnlyPermissionHelper
    button_helper_class = ReadOnlyButtonHelper
    # A pair changes through its iteration's pairing page, which keeps the rules (and, once published, tells both).
    edit_view_class = RefusedEditView
    delete_view_class = RefusedDeleteView
    refusals = {
        "edit": _("A pair changes from its iteration’s pairing page: pin, forbid or run the round again."),
        "delete": _("A pair is not deleted: forbid it from its iteration’s pairing page, then run the round again."),
    }

    @admin.display(description=_("mentor"))
    def mentor(self, obj):
        return obj.offer.mentor.full_name

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("iteration", "application", "offer__mentor")


class PairingRoundAdmin(EditorsModelAdmin):
    model = PairingRound
    menu_label = _("Pairing rounds")
    search_label = _("Search rounds")
    empty_message = _("No round yet: run one from an iteration’s page.")
    no_match_message = _("No round matches these criteria.")
    menu_icon = "history"
    list_display = ["__str__", "iteration", "paired", "total_quality", "worst_quality", "greedy_paired", "seconds"]
    list_filter = ["iteration"]
    inspect_view_enabled = True
    list_export = [
        "created_at", "iteration", "created_by", "paired", "total_quality", "worst_quality", "greedy_paired",
        "greedy_total_quality", "greedy_worst_quality", "seconds",
    ]  # fmt: skip
    export_filename = "tours-d-appariement"
    permission_helper_class = SubmittedOnlyPermissionHelper
    button_helper_class = ReadOnlyButtonHelper
    inspect_view_fields = [
        "iteration", "created_at", "created_by", "paired", "total_quality", "worst_quality", "greedy_paired",
        "greedy_total_quality", "greedy_worst_quality", "seconds",
    ]  # fmt: skip
    # A round is the record of what the solver was given and proposed: kept as it was.
    edit_view_class = RefusedEditView
    delete_view_class = RefusedDeleteView
    refusals = {
        "edit": _("A round is kept as it was run, so that it can be replayed."),
        "delete": _("A round is kept as it was run, so that it can be replayed."),
    }

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("iteration", "created_by")


class CircleAdmin(EditorsModelAdmin):
    model = Circle
    menu_label = _("Agilité circles")
    add_label = _("Add a circle")
    search_label = _("Search circles")
    empty_message = _("No circle yet: add one to an Agilité iteration.")
    no_match_message = _("No circle matches these criteria.")
    menu_icon = "group"
    list_display = ["practice", "mentor", "iteration", "seats", "seated_count", "waiting_count"]
    list_filter = ["iteration"]
    search_fields = ["practice", "mentor__full_name"]

    @admin.display(description=_("seated"))
    def seated_count(self, obj):
        return obj.seated.count()

    @admin.display(description=_("waiting"))
    def waiting_count(self, obj):
        return obj.enrolments.filter(status=EnrolmentStatus.WAITING).count()

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("iteration", "mentor")


class EnrolmentAdmin(EditorsModelAdmin):
    model = Enrolment
    menu_label = _("Enrolments in circles")
    search_label = _("Search enrolments")
    empty_message = _("No enrolment yet.")
    no_match_message = _("No enrolment matches these criteria.")
    menu_icon = "list-ul"
    list_display = ["application", "circle", "status", "created_at"]
    list_filter = ["status", "circle"]
    search_fields = ["application__full_name", "application__email"]
    list_export = ["application", "circle", "status", "created_at", "seated_at", "left_at"]
    export_filename = "inscriptions-cercles"
    permission_helper_class = SubmittedOnlyPermissionHelper
    button_helper_class = ReadOnlyButtonHelper
    # Seats move through circles.py (the waiting list moves up, people are told): no raw edits.
    edit_view_class = RefusedEditView
    delete_view_class = RefusedDeleteView
    refusals = {
        "edit": _("An enrolment changes through its emailed link: leaving frees the seat for the next person."),
        "delete": _("An enrolment is not deleted: the person leaves from their emailed link."),
    }

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("application", "circle__mentor")


@modeladmin_register
class ProgrammesGroup(ModelAdminGroup):
    menu_label = _("Programmes")
    menu_icon = "group"
    menu_order = 215

    def get_submenu_items(self):
        """The coordination of each iteration first, then the lists."""
        iterations = MenuItem(
            _("Iterations"), reverse("programmes_iterations"), icon_name="date", order=0, name="iterations"
        )
        return [iterations, *super().get_submenu_items()]

    items = [
        ApplicationAdmin,
        MentorOfferAdmin,
        PairAdmin,
        PairingRoundAdmin,
        CircleAdmin,
        EnrolmentAdmin,
        OrganisationAdmin,
    ]
