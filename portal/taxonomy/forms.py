"""Form fields shared by the catalogue's and the directory's filters, and by the forms where people choose
themes."""

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from portal.taxonomy.models import (
    MAX_SUGGESTIONS,
    MAX_THEME_LENGTH,
    MAX_THEMES,
    Theme,
    region_code,
    theme_for_slug,
)
from portal.taxonomy.suggestions import pending_for, split_names, suggest
from search.french import fold

MAX_SLUG_LENGTH = 100
INVALID_CHOICE = _("“%(value)s” is not one of the available choices: this filter was ignored.")


class FacetField(forms.ChoiceField):
    """An optional filter; a value that is not offered is reported in French and the filter left out."""

    def __init__(self, label, **kwargs):
        super().__init__(label=label, required=False, error_messages={"invalid_choice": INVALID_CHOICE}, **kwargs)


class RegionFacetField(FacetField):
    """The region filter: a code, or a name as people write it ("Provence-Alpes-Côte d'Azur", "PACA")."""

    def to_python(self, value):
        value = super().to_python(value)
        return region_code(value) or value


class ThemeFacetField(FacetField):
    """The theme filter: a theme's slug, or one it had before being renamed or merged (an address shared
    then keeps filtering on the same theme)."""

    def to_python(self, value):
        value = super().to_python(value)
        theme = theme_for_slug(value) if value and len(value) <= MAX_SLUG_LENGTH else None
        return theme.slug if theme is not None else value

    def prepare_value(self, value):
        """The filter shows the theme a former slug names as chosen, so that changing another filter keeps it."""
        return self.to_python(value) if isinstance(value, str) else value


def with_count(label, count):
    return f"{label} ({count})"


def in_french_order(items, label):
    """Sorted as a French reader expects, case and accents aside: "données", "évaluation", "MaaS", "vélo"
    (a database sorts by code point: "MaaS" first, "évaluation" after "vélo")."""
    return sorted(items, key=lambda item: (fold(label(item)), label(item)))


# --- Themes a person chooses, and the new ones they suggest (portal/taxonomy/suggestions.py) -----------
class ThemeCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """The vocabulary as boxes to tick, usable on a phone; js/forms.js adds a box to narrow the list as one
    types (without JavaScript the whole list shows)."""

    def render(self, name, value, attrs=None, renderer=None):
        return format_html(
            '<div class="theme-choices" data-theme-choices data-filter-label="{}" data-no-match="{}">{}</div>',
            _("Find a theme in the list"),
            _("No theme of the list matches: suggest it in the next field."),
            super().render(name, value, attrs, renderer),
        )


class ThemesField(forms.ModelMultipleChoiceField):
    """Themes of the vocabulary (the form sets `queryset` and `choices`), `MAX_THEMES` at most."""

    widget = ThemeCheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("error_messages", {}).update(
            {
                "invalid_choice": _(
                    "“%(value)s” is not a theme of the list: tick one, or suggest it in the next field."
                ),
                "invalid_pk_value": _(
                    "“%(pk)s” is not a theme of the list: tick one, or suggest it in the next field."
                ),
            }
        )
        super().__init__(queryset=Theme.objects.none(), **kwargs)

    def clean(self, value):
        # Refused before any query: a form sent with thousands of values costs nothing.
        if value and len(value) > MAX_THEMES:
            raise forms.ValidationError(too_many_themes(len(value)))
        return super().clean(value)


def too_many_themes(count):
    return _("Choose %(max)d themes at most, suggestions included (there are %(count)d).") % {
        "max": MAX_THEMES,
        "count": count,
    }


# Three themes of sixty characters and their commas.
MAX_SUGGESTIONS_TEXT = MAX_SUGGESTIONS * (MAX_THEME_LENGTH + 2)


class SuggestedThemesField(forms.CharField):
    """New themes, comma-separated: `MAX_SUGGESTIONS` at most, `MAX_THEME_LENGTH` characters each. Cleaned to
    the same text, tidied ("vélo cargo, MaaS"); `suggestions.split_names` reads it."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs["maxlength"] = MAX_SUGGESTIONS_TEXT

    def clean(self, value):
        text = super().clean(value)
        if len(text) > MAX_SUGGESTIONS_TEXT:
            raise forms.ValidationError(
                _("Suggest %(max)d themes at most, comma-separated.") % {"max": MAX_SUGGESTIONS}
            )
        names = split_names(text)
        if any(len(name) > MAX_THEME_LENGTH for name in names):
            raise forms.ValidationError(_("A theme is a few words: 60 characters at most each."))
        if len(names) > MAX_SUGGESTIONS:
            raise forms.ValidationError(
                _("Suggest %(max)d themes at most (there are %(count)d).")
                % {"max": MAX_SUGGESTIONS, "count": len(names)}
            )
        return ", ".join(names)


class ThemeSuggestionsMixin:
    """A model form with a `themes` ThemesField and a SuggestedThemesField (`suggestions_field`): a suggestion
    that names a theme of the list ticks it; the suggestions are stored, for editors to review, when the form
    saves its relations; the themes held and the suggestions waiting stay within the caps."""

    suggestions_field = "suggested_themes"

    def set_vocabulary(self, themes):
        """Offer `themes` (a queryset), in the order a French reader expects."""
        field = self.fields["themes"]
        field.queryset = themes
        field.choices = [(theme.pk, theme.name) for theme in in_french_order(themes, label=lambda theme: theme.name)]

    def clean(self):
        cleaned = super().clean()
        if "themes" not in cleaned or self.suggestions_field not in cleaned:
            return cleaned
        themes = list(cleaned["themes"])
        offered = {fold(theme.name): theme for theme in self.fields["themes"].queryset}
        waiting = {fold(name) for name in pending_for(self.instance).values_list("name", flat=True)}
        new = []
        for name in split_names(cleaned[self.suggestions_field]):
            theme = offered.get(fold(name))
            if theme is not None:
                themes += [theme] if theme not in themes else []
            elif fold(name) not in waiting:
                new.append(name)
        if len(waiting) + len(new) > MAX_SUGGESTIONS:
            self.add_error(
                self.suggestions_field,
                _("At most %(max)d suggestions may await the programme team’s review: %(count)d already do.")
                % {"max": MAX_SUGGESTIONS, "count": len(waiting)},
            )
        elif len(themes) + len(waiting) + len(new) > MAX_THEMES:
            self.add_error("themes", too_many_themes(len(themes) + len(waiting) + len(new)))
        else:
            cleaned["themes"], self.new_suggestions = themes, new
        return cleaned

    def _save_m2m(self):
        super()._save_m2m()
        suggest(self.instance, getattr(self, "new_suggestions", []))
