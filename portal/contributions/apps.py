from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContributionsConfig(AppConfig):
    name = "portal.contributions"
    label = "contributions"
    verbose_name = _("Contributions")

    def ready(self):
        from portal.contributions.signal_handlers import register_signal_handlers

        register_signal_handlers()
