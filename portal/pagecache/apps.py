from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "portal.pagecache"
    label = "pagecache"

    def ready(self):
        from portal.pagecache.signal_handlers import register_signal_handlers

        register_signal_handlers()
