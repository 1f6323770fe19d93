from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "portal.programmes"
    label = "programmes"
    verbose_name = _("Programmes")

    def ready(self):
        from portal.mentors import load
        from portal.programmes.publication import pairs_under_way
        from portal.programmes.signal_handlers import register_signal_handlers

        register_signal_handlers()
        load.register("programme pairs", pairs_under_way)
