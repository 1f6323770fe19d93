from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChallengesConfig(AppConfig):
    name = "portal.challenges"
    label = "challenges"
    verbose_name = _("Challenges and stories")

    def ready(self):
        from portal.challenges.signal_handlers import register_signal_handlers

        register_signal_handlers()
