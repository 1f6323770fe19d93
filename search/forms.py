from django import forms
from django.utils.translation import gettext_lazy as _

from search.query import plain_words

# Long queries are refused before they reach the query parser, which had a regular-expression
# denial-of-service advisory, and because no useful site search needs more.
MAX_QUERY_LENGTH = 200


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search the site"),
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "required": _("Type one or more words to search for."),
            "max_length": _("Your search is too long: %(limit_value)d characters at most (it has %(show_value)d)."),
        },
    )

    def clean_q(self):
        words = plain_words(self.cleaned_data["q"])
        if not words:
            raise forms.ValidationError(self.fields["q"].error_messages["required"], code="required")
        return words
