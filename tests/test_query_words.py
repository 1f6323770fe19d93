"""Every free-text box reduces the visitor's input to words before it reaches a search backend."""

import pytest

from search.query import plain_words
from tests.factories import MentorProfileFactory


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('"open data', "open data"),
        ("l'open source (libre)*", "l'open source libre"),
        ("NEAR(a b) title:x", "NEAR a b title x"),
        ("<script>alert(1)</script>", "script alert 1 script"),
        ("   ", ""),
        (None, ""),
    ],
)
def test_plain_words_keeps_words_only(text, words):
    assert plain_words(text) == words


@pytest.mark.django_db
@pytest.mark.parametrize("query", ['"unbalanced', "((("])
def test_directory_and_api_search_never_fail_on_query_syntax(client, directory, query):
    MentorProfileFactory(full_name="Claire", bio="unbalanced things")
    assert client.get(directory.url, {"q": query}).status_code == 200
    assert client.get("/api/v1/mentors/", {"q": query}).status_code == 200
