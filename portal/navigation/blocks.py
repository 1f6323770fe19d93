"""The links editors put in the main menu and the footer: a page of the site or an address, a label
(the page's title when left empty) and, since the interface is also in English, an English label."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks import StructBlockValidationError

# A link's address: a page of this site by its path, a web address or an e-mail address.
SITE_PATH = re.compile(r"^/[^\s/][^\s]*$|^/$")
ADDRESS_MESSAGE = _(
    "Write an address on this site starting with / (/mentors/me/), a web address starting with https:// or an "
    "e-mail address starting with mailto:."
)


def validate_address(value):
    """Raise a French error unless `value` is "/a/path/", "https://…" or "mailto:…"."""
    if SITE_PATH.match(value):
        return
    if value.startswith("mailto:") and "@" in value:
        return
    URLValidator(schemes=["http", "https"])(value)


def validate_link_address(value):
    """validate_address, with a French message that says what is expected (a block's address field)."""
    try:
        validate_address(value.strip())
    except ValidationError as error:
        raise ValidationError(ADDRESS_MESSAGE) from error


class LinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(
        label=_("Label"),
        required=False,
        max_length=60,
        help_text=_("Leave empty to show the page's title (in the visitor's language)."),
    )
    english_label = blocks.CharBlock(
        label=_("Label in English"),
        required=False,
        max_length=60,
        help_text=_("Shown to visitors who read the site in English; otherwise the label above is shown."),
    )
    page = blocks.PageChooserBlock(label=_("Page of the site"), required=False)
    address = blocks.CharBlock(
        label=_("Or an address"),
        required=False,
        max_length=300,
        help_text=_("An address on this site (/mentors/me/), another site's (https://…) or mailto:…"),
    )

    class Meta:
        icon = "link"
        label = _("Link")

    # A main menu item may only open a sub-menu: then it needs no page or address.
    allows_no_target = False

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        page, address = value.get("page"), value.get("address", "").strip()
        value["address"] = address
        if page and address:
            errors["address"] = ValidationError(_("Choose a page or write an address, not both."))
        elif address:
            try:
                validate_address(address)
            except ValidationError:
                errors["address"] = ValidationError(ADDRESS_MESSAGE)
            if not value.get("label"):
                errors["label"] = ValidationError(_("A link to an address needs a label."))
        elif not page and not self.allows_no_target:
            errors["page"] = ValidationError(_("Choose a page or write an address."))
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


class MenuItemBlock(LinkBlock):
    children = blocks.ListBlock(
        LinkBlock(),
        label=_("Sub-menu"),
        required=False,
        default=[],
        help_text=_("One level of links under this item. The item itself then opens the sub-menu."),
    )

    allows_no_target = True

    class Meta:
        icon = "list-ul"
        label = _("Menu item")

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("address"):
            errors = {}
            if not value.get("children"):
                errors["page"] = ValidationError(_("Choose a page or write an address, or add links to its sub-menu."))
            if not value.get("label"):
                errors["label"] = ValidationError(_("An item that only opens a sub-menu needs a label."))
            if errors:
                raise StructBlockValidationError(block_errors=errors)
        return value


class FooterColumnBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=60)
    english_heading = blocks.CharBlock(
        label=_("Heading in English"),
        required=False,
        max_length=60,
        help_text=_("Shown to visitors who read the site in English; otherwise the heading above is shown."),
    )
    links = blocks.ListBlock(LinkBlock(), label=_("Links"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Footer column")
