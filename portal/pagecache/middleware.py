import logging

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse

from portal.middleware import chosen_language
from portal.pagecache import frontend, store

logger = logging.getLogger(__name__)


class PageCacheMiddleware:
    """Serve anonymous visitors' pages from the shared cache, and store those that may be shared.

    Placed before sessions, authentication, messages and the language (settings.MIDDLEWARE), so that a hit is
    one read of the cache and nothing else. Asked only by a GET or HEAD without a session cookie, a message
    waiting in a cookie, or credentials; the key has the language chosen with the switcher, read from its cookie
    as LanguageChoiceMiddleware reads it (other cookies, such as csrftoken, change nothing). What is stored:
    store.storable. Responses say `X-Page-Cache: hit` when served from the cache, `miss` when just stored.

    A page cache that fails (memcached down, a full disk) serves every page as if it were off.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or not anonymous_read(request):
            return self.get_response(request)
        key = store.entry_key(request, chosen_language(request))
        try:
            entry, versions = store.lookup(key)
            if entry is not None:
                return labelled(from_entry(entry), "hit", seconds)
            versions = store.known_versions(versions)
        except Exception:
            logger.exception("The page cache could not be read")
            return self.get_response(request)
        request.page_cache = store.Visit(key, versions)
        response = self.get_response(request)
        if store.storable(request, response):
            try:
                store.save(request.page_cache, response, seconds)
            except Exception:
                logger.exception("The page cache could not store %s", request.path)
                return response
            labelled(response, "miss", seconds)
        return response


def anonymous_read(request):
    cookies = request.COOKIES
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in cookies
        and CookieStorage.cookie_name not in cookies
        and "HTTP_AUTHORIZATION" not in request.META
        and not getattr(request, "is_dummy", False)  # Wagtail's previews (and the page in the admin's panels)
    )


def from_entry(entry):
    _depends, headers, content = entry
    return HttpResponse(content, headers=headers)


def labelled(response, state, seconds):
    """With a CDN or Varnish in front that the portal purges, they may keep the page as long as the page cache
    does (s-maxage) while browsers ask again each time (max-age=0). Without one, no Cache-Control: a shared
    cache nobody purges (a company's proxy) must not keep pages."""
    response["X-Page-Cache"] = state
    if frontend.configured():
        response["Cache-Control"] = f"public, max-age=0, s-maxage={seconds}"
    return response
