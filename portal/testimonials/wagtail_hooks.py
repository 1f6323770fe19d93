from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from portal.testimonials.admin_views import VIEW_PERMISSION, ConvertView, TestimonialsView


@hooks.register("register_admin_urls")
def testimonials_urls():
    return [
        path("testimonials/", TestimonialsView.as_view(), name="testimonials_index"),
        path("testimonials/<str:kind>/<int:pk>/", ConvertView.as_view(), name="testimonials_convert"),
    ]


class TeamMenuItem(MenuItem):
    """Shown to the programme team only: the testimonials hold people's names, addresses and words."""

    def is_shown(self, request):
        return request.user.has_perm(VIEW_PERMISSION)


@hooks.register("register_admin_menu_item")
def testimonials_menu_item():
    return TeamMenuItem(
        _("Testimonials to publish"),
        reverse("testimonials_index"),
        icon_name="openquote",
        order=225,
        name="testimonials",
    )
