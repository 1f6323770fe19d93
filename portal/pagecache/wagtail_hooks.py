from wagtail import hooks

from portal.pagecache.store import mark_cacheable


@hooks.register("before_serve_page")
def pages_are_cacheable(page, request, serve_args, serve_kwargs):
    """Every page of the tree may be shared with anonymous visitors (store.storable still decides), and depends
    on what its type names in `cache_tags` besides SITE."""
    mark_cacheable(request, *getattr(page, "cache_tags", ()))
