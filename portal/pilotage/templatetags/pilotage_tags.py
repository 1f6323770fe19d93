from django import template
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def figure(value):
    """A published value as a reader reads it: numbers in the reader's format, « non publié » for a value
    held back (too few records behind it)."""
    if value is None:
        return format_html('<span class="figure-withheld">{}</span>', _("not published"))
    if hasattr(value, "__html__"):  # a request's number, linked (dashboard.RequestNumber)
        return mark_safe(value.__html__())  # noqa: S308 - its own format_html
    if isinstance(value, float):
        decimals = 0 if value == int(value) else 1
        return number_format(round(value, decimals), decimal_pos=decimals, use_l10n=True, force_grouping=True)
    if isinstance(value, int):
        return number_format(value, use_l10n=True, force_grouping=True)
    return value


@register.filter
def hours(value):
    """A duration in hours as people say it: hours under two days, days beyond."""
    if value is None:
        return "—"
    if value < 48:
        return _("%(hours)s h") % {"hours": number_format(round(value, 1), decimal_pos=1, use_l10n=True)}
    return _("%(days)s days") % {"days": number_format(round(value / 24, 1), decimal_pos=1, use_l10n=True)}


@register.filter
def percent(value):
    if value is None:
        return "—"
    return _("%(percent)s %%") % {"percent": number_format(round(100 * value), use_l10n=True)}


@register.simple_tag
def invite_link(slugs, theme_name):
    """A link to the mentors' application form with the theme ticked, to share in a call for mentors."""
    slug = slugs.get(theme_name)
    if not slug:
        return ""
    return format_html(
        '<a class="button button-small button-secondary" href="{}?theme={}">{}<span class="visuallyhidden">'
        " ({})</span></a>",
        reverse("mentors:apply"),
        slug,
        _("Invite mentors"),
        theme_name,
    )
