"""What the editors' one-click actions share across wagtail-modeladmin lists (mentors, requests,
proposals): a button per action allowed for the row, one URL for them, and a view that checks the
action before showing its confirmation form."""

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.shortcuts import redirect
from django.urls import re_path
from django.utils.translation import gettext as _

from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.views import InstanceSpecificView


class SubmittedOnlyPermissionHelper(PermissionHelper):
    """Records people send from the site: editors read, export and act on them, never create them."""

    def user_can_create(self, user):
        return False


class ActionButtonHelper(ButtonHelper):
    """Adds a button per action of `actions_for(obj)`, labelled from `labels`, to the row's buttons."""

    url_name = "action"
    labels = {}
    excluded = ()

    def actions_for(self, obj):
        raise NotImplementedError

    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        exclude = [*self.excluded, *(exclude or [])]
        buttons = super().get_buttons_for_obj(obj, exclude, classnames_add, classnames_exclude)
        if self.permission_helper.user_can_edit_obj(self.request.user, obj):
            url = self.url_helper.get_action_url(self.url_name, quote(obj.pk))
            classname = self.finalise_classname(classnames_add or [], classnames_exclude or [])
            buttons += [
                {"url": f"{url}?action={action}", "label": self.labels[action], "classname": classname,
                 "title": self.labels[action]}
                for action in self.actions_for(obj)
            ]  # fmt: skip
        return buttons


def action_url(model_admin, name, view_class):
    """The URL pattern of an instance action view registered by a ModelAdmin."""

    def view(request, instance_pk):
        return view_class.as_view(model_admin=model_admin, instance_pk=instance_pk)(request)

    url_helper = model_admin.url_helper
    return re_path(url_helper.get_action_url_pattern(name), view, name=url_helper.get_action_url_name(name))


class InstanceActionView(InstanceSpecificView):
    """An action on one record, named by ?action= (GET) or the form (POST), among `labels`."""

    labels = {}

    def check_action_permitted(self, user):
        return self.permission_helper.user_can_edit_obj(user, self.instance)

    def dispatch(self, request, *args, **kwargs):
        self.action = request.GET.get("action") or request.POST.get("action")
        if self.action not in self.labels:
            messages.error(request, _("Unknown action."))
            return redirect(self.index_url)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.labels[self.action]
