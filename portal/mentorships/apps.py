from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentorshipsConfig(AppConfig):
    name = "portal.mentorships"
    label = "mentorships"
    verbose_name = _("Mentor requests")

    def ready(self):
        from portal.mentors import load
        from portal.mentorships.signal_handlers import register_signal_handlers
        from portal.mentorships.workflow import accepted_requests

        register_signal_handlers()
        load.register("requests", accepted_requests)
