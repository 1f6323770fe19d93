from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Site search")

    def ready(self):
        from django.db.backends.signals import connection_created

        from search.folding import add_fold_to_sqlite
        from search.signal_handlers import register_signal_handlers

        register_signal_handlers()
        connection_created.connect(add_fold_to_sqlite, dispatch_uid="search.folding.sqlite")
