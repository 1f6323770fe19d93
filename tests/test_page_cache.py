"""The page cache (portal/pagecache/): anonymous visitors share the pages rendered once; nothing personal, no form
with a CSRF token, nobody logged in ever gets or fills it."""

from types import SimpleNamespace

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache.backends.base import BaseCache
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpResponse, StreamingHttpResponse
from django.test import Client
from django.utils.cache import add_never_cache_headers, patch_vary_headers

import pytest

from portal.mentorships import notifications, tokens
from portal.mentorships.models import Role
from portal.pagecache import MENTORS, cacheable, depends_on, purge, store
from tests.factories import ChallengePageFactory, IdeaFormPageFactory, MentorProfileFactory, MentorRequestFactory
from tests.page_cache_helpers import cached

pytestmark = pytest.mark.usefixtures("in_french")


def test_a_page_seen_twice_is_served_from_the_cache_without_a_query(home, django_assert_num_queries):
    client = Client()
    first = client.get("/")
    with django_assert_num_queries(0):
        second = client.get("/")
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second.content == first.content


def test_a_hit_carries_the_headers_of_the_page_as_rendered(home):
    first, second = Client().get("/"), Client().get("/")
    assert second["X-Page-Cache"] == "hit"
    headers = ["Content-Type", "Content-Language", "Vary", "X-Frame-Options", "Content-Security-Policy"]
    headers += ["Permissions-Policy", "X-Content-Type-Options", "Referrer-Policy", "Cross-Origin-Opener-Policy"]
    assert {name: second.get(name) for name in headers} == {name: first[name] for name in headers}
    assert not second.cookies
    assert "Cache-Control" not in second  # no CDN in front: nothing tells a shared cache it may keep the page


def test_visitors_with_a_csrf_cookie_and_no_session_share_the_cached_pages(home):
    cached("/")
    visitor = Client()
    visitor.cookies["csrftoken"] = "a" * 32
    visitor.cookies["_ga"] = "GA1.1.1234"
    assert visitor.get("/")["X-Page-Cache"] == "hit"


def test_french_and_english_pages_are_kept_apart(home):
    french = cached("/")
    english_visitor = Client()
    english_visitor.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = cached("/", english_visitor)  # its first visit renders it: the French copy is not served
    assert '<html lang="fr">' in french and '<html lang="en">' in english
    other = Client()
    other.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"  # shown in French, as the site shows it: the French copy
    response = other.get("/")
    assert response["X-Page-Cache"] == "hit" and response.content.decode() == french


def test_the_language_switcher_works_without_a_csrf_token(home):
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get("/").content.decode()
    assert "csrfmiddlewaretoken" not in page and 'action="/i18n/setlang/"' in page

    assert visitor.post("/i18n/setlang/", {"language": "en", "next": "/"}).status_code == 302
    assert '<html lang="en">' in visitor.get("/").content.decode()
    assert visitor.post("/i18n/setlang/", {"language": "en", "next": "https://elsewhere.example/"})["Location"] == "/"


def test_each_query_string_is_a_page_of_its_own_whatever_its_length(catalogue):
    url = catalogue.url
    assert cached(url) != cached(url + "?q=open")
    long_query = url + "?utm_source=" + "x" * 5000
    cached(long_query)
    assert len(store.entry_key(SimpleNamespace(scheme="http", META={"QUERY_STRING": "x" * 5000}, path=url), "fr")) < 100


def test_a_head_request_is_answered_from_the_cache(home):
    cached("/")
    assert Client().head("/")["X-Page-Cache"] == "hit"


# --- Never cached ----------------------------------------------------------------------------------------------
def test_logged_in_visitors_neither_get_nor_fill_the_cache(client, home, editor):
    anonymous = cached("/")
    client.force_login(editor)
    for _ in range(2):
        response = client.get("/")
        assert "X-Page-Cache" not in response
    assert response.content.decode() != anonymous  # the editor's own page (Wagtail's user bar)
    assert Client().get("/").content.decode() == anonymous


@pytest.mark.parametrize("cookie", [settings.SESSION_COOKIE_NAME, "messages"])
def test_a_session_or_a_waiting_message_bypasses_the_cache(home, cookie):
    cached("/")
    visitor = Client()
    visitor.cookies[cookie] = "anything"
    assert "X-Page-Cache" not in visitor.get("/")


def test_a_page_that_sets_a_cookie_is_not_stored(directory):
    url = directory.url + "defi/?texte=ouvrir+nos+donnees+de+transport"
    first = Client().get(url)
    assert first.cookies[settings.SESSION_COOKIE_NAME]  # the need is kept for the request form
    assert "X-Page-Cache" not in first and "X-Page-Cache" not in Client().get(url)


def test_forms_with_a_csrf_token_are_never_stored(directory, home):
    mentor = MentorProfileFactory()
    for url in (f"{directory.url}{mentor.slug}/demander/", IdeaFormPageFactory(parent=home).url):
        for _ in range(2):
            response = Client().get(url)
            assert response.status_code == 200 and "csrfmiddlewaretoken" in response.content.decode()
            assert "X-Page-Cache" not in response, url


def test_personal_pages_emailed_links_accounts_and_the_admin_are_never_stored(directory):
    mentor_request = MentorRequestFactory(mentor=MentorProfileFactory())
    urls = [
        notifications.path(mentor_request, Role.REQUESTER, tokens.FOLLOW),
        notifications.path(mentor_request, Role.MENTOR, tokens.ANSWER),
        "/demandes/envoyee/",
        "/mentors/me/",
        "/mentors/devenir-mentor/",
        "/comptes/login/",
        "/admin/login/",
        "/api/v1/mentors/",
    ]
    for url in urls:
        for _ in range(2):
            assert "X-Page-Cache" not in Client().get(url), url


def test_errors_and_redirections_are_never_stored(home):
    for url in ("/nulle-part/", "/defis"):  # not found; the address without its slash
        for _ in range(2):
            response = Client().get(url)
            assert response.status_code in (301, 404) and "X-Page-Cache" not in response, url


def test_a_preview_neither_gets_nor_fills_the_cache(challenge_index):
    challenge = ChallengePageFactory(parent=challenge_index, title="Titre publié")
    visitor = Client(HTTP_HOST=challenge._get_dummy_headers()["HTTP_HOST"])  # the host Wagtail's preview asks
    cached(challenge.url, visitor)

    challenge.title = "Titre du brouillon"
    preview = challenge.make_preview_request()  # a request for the page's address, without cookies

    assert "Titre du brouillon" in preview.content.decode() and "X-Page-Cache" not in preview
    public = visitor.get(challenge.url)
    assert public["X-Page-Cache"] == "hit" and "Titre du brouillon" not in public.content.decode()


def anonymous_get(rf, cacheable=True):
    request = rf.get("/defis/")
    request.page_cache = store.Visit("key", {}, cacheable=cacheable)
    request.user = AnonymousUser()
    return request


def with_cookie(request, response):
    response.set_cookie("csrftoken", "a" * 32)


def private(request, response):
    response["Cache-Control"] = "private"


def never_cache(request, response):
    add_never_cache_headers(response)


def not_found(request, response):
    response.status_code = 404


def posted(request, response):
    request.method = "POST"


def head(request, response):
    request.method = "HEAD"


def varies_on_the_browser(request, response):
    patch_vary_headers(response, ["User-Agent"])


def previewed(request, response):
    request.is_preview = True


def logged_in(request, response):
    request.user = SimpleNamespace(is_authenticated=True)


def not_a_page(request, response):
    request.page_cache.cacheable = False


@pytest.mark.parametrize(
    "change",
    [
        with_cookie,
        private,
        never_cache,
        not_found,
        posted,
        head,
        varies_on_the_browser,
        previewed,
        logged_in,
        not_a_page,
    ],
)
def test_only_a_plain_200_for_anyone_without_a_session_is_stored(rf, change):
    request, response = anonymous_get(rf), HttpResponse("<p>Une page</p>")
    patch_vary_headers(response, ["Cookie"])
    assert store.storable(request, response)
    change(request, response)
    assert not store.storable(request, response)


def test_a_streamed_answer_or_one_holding_a_csrf_token_is_not_stored(rf):
    request = anonymous_get(rf)
    assert not store.storable(request, StreamingHttpResponse(iter([b"<p>Une page</p>"])))
    form = '<form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="abc"></form>'
    assert not store.storable(request, HttpResponse(form))


def test_with_page_cache_seconds_at_zero_nothing_is_cached(settings, home):
    settings.PAGE_CACHE_SECONDS = 0
    for _ in range(2):
        assert "X-Page-Cache" not in Client().get("/")


# --- What pages declare, and purging -----------------------------------------------------------------------------
def test_a_page_depends_on_the_site_and_on_what_its_type_shows(directory, challenge_index):
    challenge = ChallengePageFactory(parent=challenge_index)
    for url in ("/", challenge_index.url, challenge.url, directory.url):
        cached(url)

    purge(MENTORS)

    hits = {url: Client().get(url)["X-Page-Cache"] for url in ("/", challenge_index.url, challenge.url, directory.url)}
    assert hits == {"/": "hit", challenge_index.url: "hit", challenge.url: "miss", directory.url: "miss"}


def test_a_cacheable_view_names_what_it_shows(rf):
    @cacheable(MENTORS)
    def view(request):
        depends_on(request, "figures")
        return HttpResponse("")

    request = rf.get("/")
    request.page_cache = store.Visit("key", {})
    view(request)
    assert request.page_cache.cacheable and request.page_cache.tags == {MENTORS, "figures"}
    with pytest.raises(ValueError, match="Unknown page cache tags"):
        cacheable("mentor")
    view(rf.get("/"))  # outside the page cache (a logged-in visitor), nothing to record


def test_the_purge_command_purges_every_page(home, directory):
    from django.core.management import call_command

    cached("/"), cached(directory.url)
    call_command("purge_page_cache")
    assert {Client().get(url)["X-Page-Cache"] for url in ("/", directory.url)} == {"miss"}


def test_a_purge_inside_a_transaction_is_made_again_once_committed(home, django_capture_on_commit_callbacks):
    """A visitor may render the page between the change and its commit, from the data before the change: what
    it stores then is stale once committed."""
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        purge(MENTORS)
        version = store.pages().get(store.VERSION_KEYS[MENTORS])
    callbacks[0]()
    assert store.pages().get(store.VERSION_KEYS[MENTORS]) != version


# --- A cache that fails ------------------------------------------------------------------------------------------
class BrokenCache(BaseCache):
    """memcached down."""

    def __init__(self, location, params):
        super().__init__(params)

    def get_many(self, keys, version=None):
        raise ConnectionRefusedError

    def set_many(self, data, timeout=None, version=None):
        raise ConnectionRefusedError


class FullDisk(LocMemCache):
    def set(self, key, *args, **kwargs):
        if key.startswith("pagecache:page:"):
            raise OSError("No space left on device")
        return super().set(key, *args, **kwargs)


@pytest.mark.parametrize("backend", ["BrokenCache", "FullDisk"])
def test_a_page_cache_that_fails_serves_every_page_as_if_it_were_off(settings, challenge_index, backend, caplog):
    settings.CACHES = settings.CACHES | {
        "pages": {"BACKEND": f"tests.test_page_cache.{backend}", "LOCATION": "failing"}
    }
    challenge = ChallengePageFactory(parent=challenge_index, title="Ouvrir nos données")
    for _ in range(2):
        response = Client().get(challenge.url)
        assert response.status_code == 200 and "X-Page-Cache" not in response
    challenge.save_revision().publish()  # a purge that fails does not fail the change
    assert "The page cache could not" in caplog.text
