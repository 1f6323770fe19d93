"""Filters of the challenge catalogue: theme, actor type, mentoring model and status, with counts."""

from django import forms
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from portal.home.languages import FrenchLabelsSelect
from portal.taxonomy.forms import FacetField, ThemeFacetField, in_french_order, with_count
from portal.taxonomy.models import ActorType, MentoringModel, Theme


class ChallengeFilterForm(forms.Form):
    theme = ThemeFacetField(_("Theme"), widget=FrenchLabelsSelect)
    actor_type = FacetField(_("Actor type"))
    model = FacetField(_("Mentoring model"))
    status = FacetField(_("Status"))

    def __init__(self, data, *, challenges):
        super().__init__(data)
        any_choice = [("", _("All"))]
        themes = Theme.objects.filter(challenge_items__content_object__in=challenges).annotate(
            count=Count("challenge_items", distinct=True)
        )
        self.fields["theme"].choices = any_choice + [
            (theme.slug, with_count(theme.name, theme.count))
            for theme in in_french_order(themes, label=lambda theme: theme.name)
        ]
        actor_types = ActorType.objects.annotate(
            count=Count("challenges", filter=Q(challenges__in=challenges), distinct=True)
        )
        self.fields["actor_type"].choices = any_choice + [
            (actor_type.code, with_count(actor_type.label, actor_type.count)) for actor_type in actor_types
        ]
        models = MentoringModel.objects.annotate(
            count=Count("challenges", filter=Q(challenges__in=challenges), distinct=True)
        )
        self.fields["model"].choices = any_choice + [
            (model.code, with_count(model.label, model.count)) for model in models
        ]
        status_counts = dict(challenges.order_by().values_list("status").annotate(count=Count("pk")))
        status_field = challenges.model._meta.get_field("status")
        self.fields["status"].choices = any_choice + [
            (value, with_count(label, status_counts.get(value, 0))) for value, label in status_field.choices
        ]

    @property
    def active(self):
        """True when at least one valid filter is applied."""
        return self.is_bound and any(self.cleaned_data.get(name) for name in self.fields)

    def filter(self, challenges):
        if not self.is_bound:
            return challenges
        self.is_valid()  # Invalid fields are reported next to the filters and left out.
        data = self.cleaned_data
        if data.get("theme"):
            challenges = challenges.filter(themes__slug=data["theme"])
        if data.get("actor_type"):
            challenges = challenges.filter(actor_types__code=data["actor_type"])
        if data.get("model"):
            challenges = challenges.filter(recommended_models__code=data["model"])
        if data.get("status"):
            challenges = challenges.filter(status=data["status"])
        return challenges

    def paginate(self, challenges, *, per_page):
        page_number = self.data.get("page") if self.is_bound else None
        return Paginator(challenges, per_page).get_page(page_number)
