from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentorshipsConfig(AppConfig):
    name = "portal.mentorships"
    label = "mentorships"
    verbose_name = _("Mentor requests")

    def ready(self):
        from portal.mentorships.signal_handlers import register_signal_handlers

        register_signal_handlers()
