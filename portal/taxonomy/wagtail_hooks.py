from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.log_actions import LogFormatter

from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import modeladmin_register

from portal.admin_actions import (
    ActionButtonHelper,
    EditorsModelAdmin,
    InstanceActionView,
    SubmittedOnlyPermissionHelper,
    action_url,
    title_with_object,
)
from portal.taxonomy import suggestions, themes
from portal.taxonomy.admin_views import THEME_ACTIONS, ThemeActionView, ThemeDeleteView, ThemeEditView
from portal.taxonomy.models import Equivalence, Theme, ThemeSuggestion

SUGGESTION_ACTIONS = {"approve": _("Approve"), "reject": _("Reject")}


@modeladmin_register
class EquivalenceAdmin(EditorsModelAdmin):
    """The vocabulary of equivalents matching and search share (search/analysis.py)."""

    model = Equivalence
    button_helper_class = ActionButtonHelper  # edit, delete in the menu; phrases written out
    menu_label = _("Equivalences")
    add_label = _("Add an equivalence")
    search_label = _("Search equivalences")
    empty_message = _("No equivalence yet.")
    no_match_message = _("No equivalence matches this search.")
    menu_icon = "list-ul"
    menu_order = 240
    add_to_settings_menu = False
    list_display = ["__str__", "note", "updated_at"]
    search_fields = ["expressions", "note"]
    panels = [FieldPanel("expressions"), FieldPanel("note")]


class SuggestionActionView(InstanceActionView):
    """GET asks for confirmation, POST approves or rejects (portal/taxonomy/suggestions.py)."""

    template_name = "taxonomy/admin/suggestion_action.html"
    labels = SUGGESTION_ACTIONS

    def get(self, request, *args, **kwargs):
        context = {"view": self, "suggestion": self.instance, "action": self.action}
        return TemplateResponse(request, self.template_name, context)

    def post(self, request, *args, **kwargs):
        name, target = self.instance.name, self.instance.suggested_for
        try:
            if self.action == "approve":
                suggestions.approve(self.instance)
                message = _("“%(theme)s” is now a theme of “%(target)s”.") % {"theme": name, "target": target}
            else:
                suggestions.reject(self.instance)
                message = _("Suggestion “%(theme)s” rejected: it was dropped.") % {"theme": name}
        except suggestions.SuggestionError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, message)
        return redirect(self.index_url)


class SuggestionButtonHelper(ActionButtonHelper):
    labels = SUGGESTION_ACTIONS
    excluded = ("delete",)  # rejecting is deleting, said as such
    destructive = ("reject",)

    def actions_for(self, obj):
        return ["approve", "reject"]

    def main_action(self, obj, names):
        return "approve" if "approve" in names else names[0]


@modeladmin_register
class ThemeSuggestionAdmin(EditorsModelAdmin):
    """Themes mentors and proposers suggested beyond the vocabulary: none is a theme until approved here."""

    model = ThemeSuggestion
    permission_helper_class = SubmittedOnlyPermissionHelper
    button_helper_class = SuggestionButtonHelper
    menu_label = _("Theme suggestions")
    search_label = _("Search suggestions")
    empty_message = _("No theme suggestion awaits review.")
    no_match_message = _("No suggestion matches this search.")
    menu_icon = "tag"
    menu_order = 241
    add_to_settings_menu = False
    list_display = ["name", "suggested_by", "created_at"]
    list_export = ["name", "suggested_by", "created_at"]
    export_filename = "suggestions-de-themes"
    search_fields = ["name"]
    panels = [FieldPanel("name")]

    def suggested_by(self, obj):
        """Who suggested it (a mentor or a challenge proposal), with a link to read them."""
        target = obj.suggested_for
        if target is None:
            return _("(deleted)")
        label = title_with_object(capfirst(target._meta.verbose_name), target)
        try:
            url = reverse(f"{target._meta.app_label}_{target._meta.model_name}_modeladmin_inspect", args=[target.pk])
        except NoReverseMatch:
            return label
        return format_html('<a href="{}">{}</a>', url, label)

    suggested_by.short_description = _("suggested for")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("suggested_for")

    def get_admin_urls_for_registration(self):
        return (*super().get_admin_urls_for_registration(), action_url(self, "action", SuggestionActionView))


class ThemePermissionHelper(PermissionHelper):
    """Themes are created where they are used (a page's themes, an approved suggestion), not in this list."""

    def user_can_create(self, user):
        return False


class ThemeButtonHelper(ActionButtonHelper):
    labels = THEME_ACTIONS
    excluded = ("edit",)  # renaming is the edit, said as such
    destructive = ("merge", "delete")

    def actions_for(self, obj):
        return ["rename", "merge"]

    def get_primary_button(self, obj):
        buttons = {button["name"]: button for button in self.get_buttons_for_obj(obj)}
        return buttons.get("rename")


@modeladmin_register
class ThemeAdmin(EditorsModelAdmin):
    """The vocabulary of themes, with what holds each: rename, merge, delete (portal/taxonomy/themes.py)."""

    model = Theme
    permission_helper_class = ThemePermissionHelper
    button_helper_class = ThemeButtonHelper
    edit_view_class = ThemeEditView
    delete_view_class = ThemeDeleteView
    menu_label = _("Themes")
    search_label = _("Search themes")
    empty_message = _("No theme yet: they are created on challenges and mentors’ profiles.")
    no_match_message = _("No theme matches this search.")
    menu_icon = "tag"
    menu_order = 239
    add_to_settings_menu = False
    list_display = ["name", "used_by"]
    search_fields = ["name", "slug"]

    def used_by(self, obj):
        counts = [
            _("%(kind)s: %(count)s") % {"kind": capfirst(link.label), "count": count}
            for link in themes.links()
            if (count := getattr(obj, link.key, 0))
        ]
        return ", ".join(counts) or _("nothing")

    used_by.short_description = _("held by")
    used_by.admin_order_field = "usage"

    def get_queryset(self, request):
        return themes.with_usage(super().get_queryset(request))

    def get_admin_urls_for_registration(self):
        return (*super().get_admin_urls_for_registration(), action_url(self, "action", ThemeActionView))


class ThemeChange(LogFormatter):
    def format_message(self, log_entry):
        data = log_entry.data or {}
        if log_entry.action == themes.RENAMED:
            return _("Renamed from “%(old)s” to “%(new)s”") % {"old": data.get("old"), "new": data.get("new")}
        if log_entry.action == themes.MERGED:
            return _("“%(merged)s” merged into “%(into)s”") % {"merged": data.get("merged"), "into": data.get("into")}
        return _("Theme “%(name)s” deleted") % {"name": data.get("name")}


@hooks.register("register_log_actions")
def register_theme_actions(actions):
    for action, label in (
        (themes.RENAMED, _("Rename theme")),
        (themes.MERGED, _("Merge themes")),
        (themes.DELETED, _("Delete theme")),
    ):
        actions.register_action(action)(type("ThemeChangeFormatter", (ThemeChange,), {"label": label}))
