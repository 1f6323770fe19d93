"""Form fields shared by the catalogue's and the directory's filters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from search.french import fold

INVALID_CHOICE = _("“%(value)s” is not one of the available choices: this filter was ignored.")


class FacetField(forms.ChoiceField):
    """An optional filter; a value that is not offered is reported in French and the filter left out."""

    def __init__(self, label, **kwargs):
        super().__init__(label=label, required=False, error_messages={"invalid_choice": INVALID_CHOICE}, **kwargs)


def with_count(label, count):
    return f"{label} ({count})"


def in_french_order(items, label):
    """Sorted as a French reader expects, case and accents aside: "données", "évaluation", "MaaS", "vélo"
    (a database sorts by code point: "MaaS" first, "évaluation" after "vélo")."""
    return sorted(items, key=lambda item: (fold(label(item)), label(item)))
