"""The cache of pages (the "pages" cache alias): keys, entries, the versions of tags, and purging.

An entry is (the versions of the tags the page depended on when it was rendered, its headers, its body). A
tag's version is a number kept in the same cache without expiry; purging a tag gives it a new one, so that
the entries holding the old one are stale: nothing has to find and delete them, and every process sees the
purge on its next read. A hit reads the entry and every tag's version in one `get_many`.
"""

import hashlib
import logging
import time
from dataclasses import dataclass, field
from functools import partial, wraps

from django.core.cache import caches
from django.db import transaction

logger = logging.getLogger(__name__)

CACHE = "pages"
SITE = "site"  # every page: the page tree, menus and footer, site settings, images and documents
MENTORS = "mentors"  # mentors' profiles, availability and capacity, and what matching reads
PROGRAMMES = "programmes"  # iterations' places, dates and organisations
FIGURES = "figures"  # the latest release of « Le programme en chiffres »
TAGS = (SITE, MENTORS, PROGRAMMES, FIGURES)
VERSION_KEYS = {tag: f"pagecache:version:{tag}" for tag in TAGS}
CSRF_FIELD = b'name="csrfmiddlewaretoken"'


def pages():
    return caches[CACHE]


def new_version():
    return time.time_ns()


@dataclass
class Visit:
    """A page being rendered for the cache: its key, the tags' versions read before the view ran (a change
    committed while it renders makes it stale at once), what it depends on, and whether it may be stored."""

    key: str
    versions: dict
    tags: set = field(default_factory=set)
    cacheable: bool = False


def entry_key(request, language):
    """One entry per language, scheme, host, path and whole query string (hashed: a key of any length)."""
    host = request.META.get("HTTP_HOST", "")
    address = f"{language} {request.scheme}://{host}{request.path}?{request.META.get('QUERY_STRING', '')}"
    return "pagecache:page:" + hashlib.sha256(address.encode()).hexdigest()


def lookup(key):
    """(The entry if it is still current or None, every tag's current version): one read of the cache."""
    found = pages().get_many([key, *VERSION_KEYS.values()])
    versions = {tag: found.get(version_key) for tag, version_key in VERSION_KEYS.items()}
    entry = found.get(key)
    if entry is not None and all(versions[tag] == version for tag, version in entry[0].items()):
        return entry, versions
    return None, versions


def known_versions(versions):
    """Give a version to the tags that have none yet (a cache just started, or one that evicted it), before
    the page is rendered: the entry must record versions that a purge during its rendering replaces."""
    missing = [VERSION_KEYS[tag] for tag, version in versions.items() if version is None]
    if not missing:
        return versions
    cache = pages()
    for key in missing:
        cache.add(key, new_version(), None)
    found = cache.get_many(missing)
    return {tag: found.get(VERSION_KEYS[tag], version) for tag, version in versions.items()}


def storable(request, response):
    """A page marked cacheable, as any visitor without a session would get it: a plain 200 to a GET, that set
    no cookie (a session, a message, a CSRF token), holds no CSRF token, chose no Cache-Control of its own
    (private, no-store, never_cache) and varies on nothing but the cookies (the key has the language's)."""
    visit = getattr(request, "page_cache", None)
    user = getattr(request, "user", None)
    return (
        visit is not None
        and visit.cacheable
        and request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Cache-Control")
        and varies_on_cookies_only(response)
        and not getattr(request, "is_preview", False)
        and not (user is not None and user.is_authenticated)
        and CSRF_FIELD not in response.content
    )


def varies_on_cookies_only(response):
    varies = {name.strip().lower() for name in response.get("Vary", "").split(",")} - {""}
    return varies <= {"cookie"}


def save(visit, response, seconds):
    depends = {tag: visit.versions[tag] for tag in {SITE, *visit.tags}}
    pages().set(visit.key, (depends, dict(response.items()), response.content), seconds)


# --- What pages declare --------------------------------------------------------------------------------
def check(tags):
    unknown = set(tags) - set(TAGS)
    if unknown:
        raise ValueError(f"Unknown page cache tags: {sorted(unknown)} (see portal.pagecache.TAGS)")


def depends_on(request, *tags):
    """The page being rendered for `request` shows these data (TAGS): purging any of them drops it. Every
    page depends on SITE; outside a page the cache may store, this does nothing."""
    check(tags)
    visit = getattr(request, "page_cache", None)
    if visit is not None:
        visit.tags.update(tags)


def mark_cacheable(request, *tags):
    depends_on(request, *tags)
    visit = getattr(request, "page_cache", None)
    if visit is not None:
        visit.cacheable = True


def cacheable(*tags):
    """A view outside the page tree whose anonymous answers may be shared, showing these data besides SITE.
    Pages of the tree are cacheable already (wagtail_hooks.py), with the tags of their type's `cache_tags`."""
    check(tags)

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            mark_cacheable(request, *tags)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


# --- Purging ---------------------------------------------------------------------------------------------
def purge(*tags, urls=()):
    """The pages depending on any of `tags` are stale from now on, in every process: at once, and again when
    the transaction commits (a page rendered meanwhile read the data as they were before the change).

    Once committed, a CDN or Varnish in front also drops its copies (frontend.py): the pages of the types
    that name one of the tags (every page for SITE), and `urls` (addresses on the default site, or a function
    returning them, called only when there is a frontend cache)."""
    check(tags)
    bump(tags)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(partial(committed, tags, urls))
    else:
        tell_frontend(tags, urls)


def committed(tags, urls):
    bump(tags)
    tell_frontend(tags, urls)


def bump(tags):
    try:
        pages().set_many({VERSION_KEYS[tag]: new_version() for tag in tags}, None)
    except Exception:
        # Saving the change matters more: the stale pages expire after PAGE_CACHE_SECONDS at most.
        logger.exception("The page cache could not be purged of %s", ", ".join(tags))


def tell_frontend(tags, urls):
    from portal.pagecache import frontend

    frontend.purge(tags, urls)
