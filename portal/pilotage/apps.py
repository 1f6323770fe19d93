from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PilotageConfig(AppConfig):
    name = "portal.pilotage"
    label = "pilotage"
    verbose_name = _("Programme figures")
