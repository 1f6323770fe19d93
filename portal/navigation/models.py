"""The site's main menu and footer links, kept by editors under Paramètres > Navigation."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

from portal.navigation.blocks import FooterColumnBlock, MenuItemBlock


@register_setting(icon="list-ul")
class NavigationSettings(BaseSiteSetting):
    main_menu = StreamField(
        [("item", MenuItemBlock())],
        verbose_name=_("main menu"),
        blank=True,
        help_text=_(
            "The links at the top of every page, in this order. A page that is not published, or is private, "
            "is left out of the menu until it is public."
        ),
    )
    footer_columns = StreamField(
        [("column", FooterColumnBlock())],
        verbose_name=_("footer columns"),
        blank=True,
        help_text=_("Columns of links shown after the organisation and its contact details (Site settings)."),
    )

    panels = [FieldPanel("main_menu"), FieldPanel("footer_columns")]

    class Meta:
        verbose_name = _("navigation")
