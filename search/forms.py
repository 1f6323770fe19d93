import re

from django import forms
from django.utils.translation import gettext_lazy as _

# Long queries are refused before they reach the query parser, which had a regular-expression
# denial-of-service advisory, and because no useful site search needs more.
MAX_QUERY_LENGTH = 200

# Visitors type words, not query syntax: quotes, brackets, stars and the like would reach the
# full-text engine as operators (an unbalanced quote is an SQLite FTS5 syntax error).
NOT_A_WORD = re.compile(r"[^\w\s'’-]+")


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
        words = NOT_A_WORD.sub(" ", self.cleaned_data["q"]).split()
        if not words:
            raise forms.ValidationError(self.fields["q"].error_messages["required"], code="required")
        return " ".join(words)
