"""A CDN or Varnish in front of the portal (settings.WAGTAILFRONTENDCACHE, built from FRONTEND_CACHE_* variables).

Wagtail's own signal handlers (wagtail.contrib.frontend_cache) purge a page's addresses when it is published or
unpublished. The portal's purges reach the frontend cache too, once the change is committed, through a task (the
change never waits on a CDN): the pages of the types that name a purged tag in `cache_tags` (every live page for
SITE: menus and footers are on every page), and the addresses the caller named (a mentor's profile). What neither
names (a listing's other pages and filters, search results) ages out after PAGE_CACHE_SECONDS (s-maxage).
"""

from django.conf import settings

from django_tasks import task

from portal.pagecache.store import SITE


def configured():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def purge(tags, urls=()):
    if not configured():
        return
    if callable(urls):
        urls = urls()
    purge_task.enqueue(sorted(tags), [url for url in urls if url])


@task()
def purge_task(tags, urls):
    from wagtail.contrib.frontend_cache.utils import PurgeBatch
    from wagtail.models import Page, Site, get_page_models

    batch = PurgeBatch()
    live = Page.objects.live()
    if SITE in tags:
        batch.add_pages(live)
    else:
        types = [model for model in get_page_models() if set(getattr(model, "cache_tags", ())) & set(tags)]
        if types:
            batch.add_pages(live.type(*types))
    site = Site.objects.filter(is_default_site=True).first()
    root = site.root_url if site else ""
    batch.add_urls(url if "://" in url else f"{root}{url}" for url in urls)
    batch.purge()
