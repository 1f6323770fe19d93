"""Anonymous pages from a shared cache: what visitors without a session see, rendered once and served to the
next ones until something they show changes.

- `middleware.PageCacheMiddleware`, early in MIDDLEWARE, answers a hit before sessions, authentication and
  the language are set up: one read of the cache (the page and the versions of what it depends on).
- What is stored: pages of the page tree, and the views marked `@cacheable`, answered 200 to an anonymous GET
  that set no cookie, rendered no CSRF token and chose no Cache-Control of its own (store.storable says it all).
- Invalidation by tags: each stored page remembers the version of every tag it depends on; purging a tag gives
  it a new version, and every page that depends on it is stale at once, in every process. "site" is every page
  (the page tree, menus, settings: rare changes); the others are the data some pages show (`TAGS`). Page types
  name theirs in `cache_tags`; the apps that change that data call `purge()` (their signal handlers).
- With a CDN or Varnish in front (`WAGTAILFRONTENDCACHE`), purges reach it too, in a task (frontend.py).

This app imports no app above it: they call it.
"""

from portal.pagecache.store import FIGURES, MENTORS, PROGRAMMES, SITE, TAGS, cacheable, depends_on, purge

__all__ = ["FIGURES", "MENTORS", "PROGRAMMES", "SITE", "TAGS", "cacheable", "depends_on", "purge"]
