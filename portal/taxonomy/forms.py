"""Form fields shared by the catalogue's and the directory's filters."""

from django import forms
from django.utils.translation import gettext_lazy as _

INVALID_CHOICE = _("“%(value)s” is not one of the available choices: this filter was ignored.")


class FacetField(forms.ChoiceField):
    """An optional filter; a value that is not offered is reported in French and the filter left out."""

    def __init__(self, label, **kwargs):
        super().__init__(label=label, required=False, error_messages={"invalid_choice": INVALID_CHOICE}, **kwargs)


def with_count(label, count):
    return f"{label} ({count})"
