from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from portal.pilotage.admin_views import PERMISSION, DashboardView


@hooks.register("register_admin_urls")
def pilotage_urls():
    return [path("pilotage/", DashboardView.as_view(), name="pilotage_dashboard")]


class TeamMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_menu_item")
def pilotage_menu_item():
    return TeamMenuItem(
        _("Programme figures"), reverse("pilotage_dashboard"), icon_name="table", order=210, name="pilotage"
    )
