from django.contrib import admin
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.widgets import Button

from wagtail_modeladmin.options import ModelAdminGroup, modeladmin_register

from portal.admin_actions import EditorsModelAdmin, RefusedDeleteView, RefusedEditView, SubmittedOnlyPermissionHelper
from portal.programmes.admin_views import PairingView
from portal.programmes.models import (
    PAIRED_MODELS,
    Application,
    IterationPage,
    MentorOffer,
    Organisation,
    Pair,
    PairingRound,
)


@hooks.register("register_admin_urls")
def pairing_urls():
    return [path("programmes/iterations/<int:page_id>/pairing/", PairingView.as_view(), name="programmes_pairing")]


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
    # A round is the record of what the solver was given and proposed: kept as it was.
    edit_view_class = RefusedEditView
    delete_view_class = RefusedDeleteView
    refusals = {
        "edit": _("A round is kept as it was run, so that it can be replayed."),
        "delete": _("A round is kept as it was run, so that it can be replayed."),
    }

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("iteration", "created_by")


@modeladmin_register
class ProgrammesGroup(ModelAdminGroup):
    menu_label = _("Programmes")
    menu_icon = "group"
    menu_order = 215
    items = [ApplicationAdmin, MentorOfferAdmin, PairAdmin, PairingRoundAdmin, OrganisationAdmin]
