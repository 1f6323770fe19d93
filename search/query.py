"""What of a visitor's query reaches a search backend: words only.

Quotes, brackets, stars and the like would reach the full-text engine as operators: an unbalanced
quote is an SQLite FTS5 syntax error, and Wagtail's query parser had a regular-expression
denial-of-service advisory. Every free-text box of the site goes through plain_words().
"""

import re

NOT_A_WORD = re.compile(r"[^\w\s'’-]+")


def plain_words(text):
    """The query's words separated by single spaces; "" when nothing searchable is left."""
    return " ".join(NOT_A_WORD.sub(" ", text or "").split())
