from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentorsConfig(AppConfig):
    name = "portal.mentors"
    label = "mentors"
    verbose_name = _("Mentors")

    def ready(self):
        from portal.mentors.signal_handlers import register_signal_handlers

        register_signal_handlers()
