"""What the editors' wagtail-modeladmin lists share (mentors, requests, proposals, needs survey).

- Phrases written out in full: Wagtail builds its own from the model's name, which French cannot agree
  (« Ajouter un(e) profil de mentor », « Aucun réponses … n'a été créé(e) »); each list names its own add
  button, search box and empty states, and the views below say the rest without a model name.
- Row actions: Wagtail's view/edit/delete and the list's own actions (`actions_for(obj)`), the row's main
  one shown as a button and the others in a « … » menu (templates/modeladmin/includes/result_row_value.html);
  destructive ones styled as such.
- One URL and one view per list for its actions, which checks the action before showing its confirmation.
- Lists whose records change only through those actions (requests, proposals) refuse wagtail-modeladmin's raw
  create, edit and delete views to everyone, superusers included (`Refused*View`): the raw forms would skip
  the rules, the history and the emails.
- Any query string answers (`IndexView`): wagtail-modeladmin hands every parameter its filters do not read
  to the database as a lookup (`?actor_type=startup` was a 500, `?user__password__startswith=` a way to read
  a hash); a parameter no filter of the list reads, or a value a filter cannot apply, leads back to the list
  with a message. A filter with many choices (mentors, themes, challenges) is a select with a box that narrows
  it as one types (`filter_select`, templates/modeladmin/includes/filter.html).
- Any record address answers: an id that cannot be one (`/inspect/abc/`) is a 404, as in Wagtail's own
  views, not a 500 (`make_instance_views_answer_404`, installed at start-up by portal.home).
"""

from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import Http404, QueryDict
from django.shortcuts import redirect
from django.urls import re_path
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.log_actions import log

from wagtail_modeladmin import views as modeladmin_views
from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.options import ModelAdmin
from wagtail_modeladmin.views import InstanceSpecificView


class SubmittedOnlyPermissionHelper(PermissionHelper):
    """Records people send from the site: editors read, export and act on them, never create them."""

    def user_can_create(self, user):
        return False


class ActionButtonHelper(ButtonHelper):
    """A row's buttons, the main one first: view, edit, the list's own actions, delete last."""

    url_name = "action"
    labels = {}
    excluded = ()
    destructive = ("delete",)

    def actions_for(self, obj):
        return []

    def main_action(self, obj, names):
        """The row's main button among `names`, the buttons this editor may use; the first by default."""
        return names[0]

    def add_button(self, classnames_add=None, classnames_exclude=None):
        label = self.view.model_admin.add_label
        return super().add_button(classnames_add, classnames_exclude) | {"label": label, "title": label}

    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        excluded = {*self.excluded, *(exclude or [])}
        user, helper, pk = self.request.user, self.permission_helper, quote(obj.pk)
        urls, labels = {}, {}
        if helper.user_can_inspect_obj(user, obj):
            urls["inspect"], labels["inspect"] = self.url_helper.get_action_url("inspect", pk), _("View")
        if helper.user_can_edit_obj(user, obj):
            urls["edit"], labels["edit"] = self.url_helper.get_action_url("edit", pk), _("Edit")
            for action in self.actions_for(obj):  # a list without actions of its own has no action URL
                action_url = self.url_helper.get_action_url(self.url_name, pk)
                urls[action], labels[action] = f"{action_url}?action={action}", self.labels[action]
        if helper.user_can_delete_obj(user, obj):
            urls["delete"], labels["delete"] = self.url_helper.get_action_url("delete", pk), _("Delete")
        names = [name for name in urls if name not in excluded]
        if not names:
            return []
        main = self.main_action(obj, names)
        names.sort(key=lambda name: (name != main, name in self.destructive))
        return [self.button(name, urls[name], labels[name], name == main, classnames_add, classnames_exclude)
                for name in names]  # fmt: skip

    def button(self, name, url, label, main, classnames_add, classnames_exclude):
        destructive = name in self.destructive
        extra = ["no"] if destructive else []
        classname = self.finalise_classname([*(classnames_add or []), *extra], classnames_exclude or [])
        return {"name": name, "url": url, "label": label, "title": label, "classname": classname, "main": main,
                "destructive": destructive}  # fmt: skip

    def get_primary_button(self, obj):
        """Where the row's title leads: the edit form, else the record."""
        buttons = {button["name"]: button for button in self.get_buttons_for_obj(obj)}
        return buttons.get("edit") or buttons.get("inspect")


def title_with_object(title, instance):
    return _("%(title)s: %(object)s") % {"title": title, "object": instance}


class CreateView(modeladmin_views.CreateView):
    def get_page_title(self):
        return self.model_admin.add_label

    def get_page_subtitle(self):
        return ""

    def get_meta_title(self):
        return self.model_admin.add_label

    def get_success_message(self, instance):
        return _("Added: %(object)s.") % {"object": instance}

    def get_error_message(self):
        return _("The form has errors: nothing was saved.")


class EditView(modeladmin_views.EditView):
    def get_meta_title(self):
        return title_with_object(self.get_page_title(), self.instance)

    def get_success_message(self, instance):
        return _("Changes saved: %(object)s.") % {"object": instance}

    def get_error_message(self):
        return _("The form has errors: nothing was saved.")


class InspectView(modeladmin_views.InspectView):
    def get_meta_title(self):
        return title_with_object(self.get_page_title(), self.instance)

    def get_field_label(self, field_name, field=None):
        return capfirst(super().get_field_label(field_name, field))

    def get_field_display_value(self, field_name, field=None):
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        return value


class DeleteView(modeladmin_views.DeleteView):
    def get_meta_title(self):
        return title_with_object(self.get_page_title(), self.instance)

    def confirmation_message(self):
        return _("Delete “%(object)s” for good? What refers to it on the site may be affected.") % {
            "object": self.instance
        }

    def post(self, request, *args, **kwargs):
        name = str(self.instance)
        try:
            with transaction.atomic():
                log(instance=self.instance, action="wagtail.delete")
                self.delete_instance()
        except models.ProtectedError:
            return super().post(request, *args, **kwargs)  # fails the same way and lists what refers to it
        messages.success(request, _("Deleted: %(object)s.") % {"object": name})
        return redirect(self.index_url)


# A filter with more choices than this is shown as a select (a box narrows it) rather than a column of links.
SELECT_FROM = 8


def filter_select(spec, choices):
    """A filter with many choices as a GET form: the parameter it sets, its options and the list's other
    parameters (kept as hidden fields), read from the query strings of Django's own choices. None for a short
    filter, shown as links."""
    if len(choices) <= SELECT_FROM:
        return None
    queries = [QueryDict(choice["query_string"].lstrip("?")) for choice in choices]
    others, names = queries[0], set(spec.expected_parameters())  # the first choice is "All"
    name, options = None, []
    for choice, query in zip(choices[1:], queries[1:], strict=True):
        changed = [key for key in names if query.get(key) and query.get(key) != others.get(key)]
        if len(changed) != 1 or name not in (None, changed[0]):
            continue  # "empty" and the like set another parameter: the select offers the values
        name = changed[0]
        options.append({"value": query[name], "label": choice["display"], "selected": choice["selected"]})
    if name is None:
        return None
    hidden = [(key, value) for key, values in others.lists() for value in values if key not in names]
    return {"name": name, "options": options, "hidden": hidden}


class IndexView(modeladmin_views.IndexView):
    def get_filters(self, request):
        specs, has_filters, remaining, use_distinct = super().get_filters(request)
        if remaining:
            raise IncorrectLookupParameters(sorted(remaining))
        for spec in specs:
            spec.select = filter_select(spec, list(spec.choices(self)))
        return specs, has_filters, remaining, use_distinct

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except IncorrectLookupParameters:
            messages.error(request, _("This address filters the list in a way it cannot: the whole list is shown."))
            return redirect(self.index_url)


class EditorsModelAdmin(ModelAdmin):
    """A list of the editors' admin, with its phrases written out (set them per list)."""

    add_label = gettext_lazy("Add")
    search_label = gettext_lazy("Search")
    empty_message = gettext_lazy("Nothing here yet.")
    no_match_message = gettext_lazy("Nothing matches these criteria.")
    button_helper_class = ActionButtonHelper
    index_view_class = IndexView
    create_view_class = CreateView
    edit_view_class = EditView
    inspect_view_class = InspectView
    delete_view_class = DeleteView


class RefusedInstanceView(InstanceSpecificView):
    """A record's raw edit or delete form where the record changes only through its actions: back to the record,
    with the reason (the model admin's `refusals[kind]`), and nothing changed, whatever the method."""

    kind = ""

    def check_action_permitted(self, user):
        return self.permission_helper.user_can_inspect_obj(user, self.instance)

    def dispatch(self, request, *args, **kwargs):
        if not self.check_action_permitted(request.user):
            raise PermissionDenied
        messages.error(request, self.model_admin.refusals[self.kind])
        return redirect(self.url_helper.get_action_url("inspect", self.pk_quoted))


class RefusedEditView(RefusedInstanceView):
    kind = "edit"


class RefusedDeleteView(RefusedInstanceView):
    kind = "delete"


class RefusedCreateView(modeladmin_views.WMABaseView):
    """The raw creation form where records are only sent from the site: back to the list, with the reason."""

    def check_action_permitted(self, user):
        return self.permission_helper.user_can_list(user)

    def dispatch(self, request, *args, **kwargs):
        if not self.check_action_permitted(request.user):
            raise PermissionDenied
        messages.error(request, self.model_admin.refusals["create"])
        return redirect(self.index_url)


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


def make_instance_views_answer_404():
    """wagtail-modeladmin looks a record up with the address's id as it comes: a word where a number is
    expected raised ValueError, a 500, in every list's inspect, edit and delete views."""
    if getattr(InstanceSpecificView, "answers_404", False):
        return
    look_up = InstanceSpecificView.__init__

    def __init__(self, model_admin, instance_pk):
        try:
            look_up(self, model_admin, instance_pk)
        except (ValueError, ValidationError) as error:
            raise Http404(_("No such record.")) from error

    InstanceSpecificView.__init__ = __init__
    InstanceSpecificView.answers_404 = True
