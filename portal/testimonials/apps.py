from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TestimonialsConfig(AppConfig):
    name = "portal.testimonials"
    label = "testimonials"
    verbose_name = _("Testimonials")

    def ready(self):
        from portal.testimonials.signal_handlers import register_signal_handlers

        register_signal_handlers()
