"""The Themes admin's screens: rename, merge, delete, each confirmed on a screen that says what will happen
(portal/taxonomy/themes.py does it)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail_modeladmin.views import InstanceSpecificView

from portal.admin_actions import InstanceActionView
from portal.taxonomy import themes
from portal.taxonomy.forms import in_french_order
from portal.taxonomy.models import MAX_THEME_LENGTH, Theme

THEME_ACTIONS = {"rename": gettext_lazy("Rename"), "merge": gettext_lazy("Merge into another theme")}


class RenameForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("New name"), max_length=MAX_THEME_LENGTH)


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(
        label=gettext_lazy("Merge into"),
        queryset=Theme.objects.none(),
        empty_label=gettext_lazy("Choose the theme to keep"),
        error_messages={
            "required": gettext_lazy("Choose the theme to keep."),
            "invalid_choice": gettext_lazy("Choose a theme of the list, other than this one."),
        },
    )

    def __init__(self, *args, source, **kwargs):
        super().__init__(*args, **kwargs)
        others = Theme.objects.exclude(pk=source.pk)
        field = self.fields["target"]
        field.queryset = others
        field.choices = [("", field.empty_label)] + [
            (theme.pk, theme.name) for theme in in_french_order(others, label=lambda theme: theme.name)
        ]


class ThemeView:
    """A theme's screen: an address naming no theme answers "not found", whatever it holds instead of a number."""

    def __init__(self, model_admin, instance_pk):
        if not str(instance_pk).isdigit():
            raise Http404
        super().__init__(model_admin, instance_pk)


def usage_context(theme):
    used = themes.usage(theme)
    return {"usage": used, "in_use": bool(used)}


class ThemeActionView(ThemeView, InstanceActionView):
    """GET shows what will happen and asks; POST renames or merges, or shows the form again with the reason."""

    template_name = "taxonomy/admin/theme_action.html"
    labels = THEME_ACTIONS

    def check_action_permitted(self, user):
        helper, theme = self.permission_helper, self.instance
        if self.action == "merge":  # the theme merged disappears
            return helper.user_can_edit_obj(user, theme) and helper.user_can_delete_obj(user, theme)
        return helper.user_can_edit_obj(user, theme)

    def form(self, data=None):
        if self.action == "merge":
            return MergeForm(data, source=self.instance)
        return RenameForm(data, initial={"name": self.instance.name})

    def render(self, form):
        context = {"view": self, "theme": self.instance, "action": self.action, "form": form}
        return TemplateResponse(self.request, self.template_name, context | usage_context(self.instance))

    def get(self, request, *args, **kwargs):
        return self.render(self.form())

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if not form.is_valid():
            return self.render(form)
        old_name = self.instance.name
        try:
            if self.action == "merge":
                target = themes.merge(self.instance, form.cleaned_data["target"], user=request.user)
                message = _("“%(old)s” was merged into “%(theme)s”: whatever held it now holds “%(theme)s”.") % {
                    "old": old_name,
                    "theme": target.name,
                }
            else:
                theme = themes.rename(self.instance, form.cleaned_data["name"], user=request.user)
                message = _("“%(old)s” is now named “%(theme)s”.") % {"old": old_name, "theme": theme.name}
        except themes.ThemeError as error:
            form.add_error(None, str(error))
            return self.render(form)
        messages.success(request, message)
        return redirect(self.index_url)


class ThemeEditView(ThemeView, InstanceSpecificView):
    """A theme's raw edit form would change its name without keeping its old slug nor logging it: rename."""

    def check_action_permitted(self, user):
        return self.permission_helper.user_can_edit_obj(user, self.instance)

    def dispatch(self, request, *args, **kwargs):
        if not self.check_action_permitted(request.user):
            raise PermissionDenied
        return redirect(f"{self.url_helper.get_action_url('action', self.pk_quoted)}?action=rename")


class ThemeDeleteView(ThemeView, InstanceSpecificView):
    """Says what will be untagged, and offers a merge instead; POST deletes."""

    template_name = "taxonomy/admin/theme_delete.html"

    def check_action_permitted(self, user):
        return self.permission_helper.user_can_delete_obj(user, self.instance)

    def get_page_title(self):
        return _("Delete")

    def get(self, request, *args, **kwargs):
        merge_url = f"{self.url_helper.get_action_url('action', self.pk_quoted)}?action=merge"
        context = {"view": self, "theme": self.instance, "merge_url": merge_url} | usage_context(self.instance)
        return TemplateResponse(request, self.template_name, context)

    def post(self, request, *args, **kwargs):
        name = self.instance.name
        try:
            themes.delete(self.instance, user=request.user)
        except themes.ThemeError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The theme “%(theme)s” was deleted.") % {"theme": name})
        return redirect(self.index_url)
