"""The admin's "Translate" action for a page, as editors need it (simple_translation's view, adapted).

Wagtail's simple_translation only translates a page whose parent is already translated, and offers the
parents' translation first. Here, translating a challenge is one step: the English home and section pages
it needs are created as aliases of the French ones (they stay in step with them, and show as not
translated until an editor converts and translates them), then the page is copied as an English draft
that opens in the editor. Page types that must stay French (`translatable = False`) are refused.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from wagtail.actions.copy_for_translation import CopyPageForTranslationAction
from wagtail.admin import messages
from wagtail.contrib.simple_translation.views import SubmitPageTranslationView
from wagtail.models import Page
from wagtail.signals import copy_for_translation_done


def is_translatable(page):
    return getattr(page.specific_class, "translatable", True)


class TranslatePageAction(CopyPageForTranslationAction):
    """Copies a page (and, asked for, its subtree) into a locale, missing parents as aliases; pages that
    must stay French are left out of a subtree."""

    def __init__(self, page, locale, user=None, include_subtree=False):
        super().__init__(page, locale, copy_parents=True, user=user, include_subtree=include_subtree)

    def walk(self, current_page):
        for child_page in current_page.get_children():
            if not is_translatable(child_page) or child_page.has_translation(self.locale):
                continue
            translated = self._copy_for_translation(
                child_page if child_page.live else child_page.get_latest_revision_as_object(),
                self.locale,
                self.copy_parents,
                self.alias,
                self.exclude_fields,
            )
            copy_for_translation_done.send(sender=self.__class__, source_obj=child_page.specific, target_obj=translated)
            self.walk(child_page)


class TranslatePageView(SubmitPageTranslationView):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perms(["simple_translation.submit_translation"]):
            raise PermissionDenied
        page = get_object_or_404(Page, id=kwargs["page_id"])
        if not page.is_root() and not is_translatable(page):
            messages.error(
                request,
                _("“%(title)s” stays in French: visitors who read the site in English see it in French.")
                % {"title": page.get_admin_display_title()},
            )
            return redirect("wagtailadmin_pages:edit", page.id)
        return super().dispatch(request, *args, **kwargs)

    def get_form(self):
        form = super().get_form()
        # Every locale can be chosen: the missing parents are created on the way.
        form.fields["locales"].widget.disabled_values = []
        form.fields["locales"].help_text = ""
        form.show_submit = form.fields["locales"].queryset.exists()
        return form

    def post(self, request, **kwargs):
        form = self.get_form()
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(**kwargs))
        locales = list(form.cleaned_data["locales"])
        with transaction.atomic():
            for locale in locales:
                TranslatePageAction(
                    self.object, locale, user=request.user, include_subtree=form.cleaned_data["include_subtree"]
                ).execute(skip_permission_checks=True)
        messages.success(
            request, self.get_success_message(", ".join(str(locale.get_display_name()) for locale in locales))
        )
        # One language: straight to the new draft's editor, as simple_translation does.
        return redirect(self.get_success_url(self.object.get_translation(locales[0]) if len(locales) == 1 else None))
