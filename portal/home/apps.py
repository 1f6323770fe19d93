from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "portal.home"
    label = "home"
    verbose_name = _("Site and programme")

    def ready(self):
        from portal.admin_actions import make_instance_views_answer_404
        from portal.spreadsheets import make_exports_office_ready

        make_exports_office_ready()
        make_instance_views_answer_404()
