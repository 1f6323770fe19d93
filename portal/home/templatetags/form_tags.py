"""Template tags of the public forms: honeypot fields that keep the time a form was first shown, where an
error should lead, and the length limits of a field."""

from django import template
from django.utils import formats
from django.utils.text import slugify
from django.utils.translation import gettext as _

from portal import form_protection

register = template.Library()


@register.inclusion_tag("tags/honeypot_fields.html", takes_context=True)
def protection_fields(context, enabled=True):
    """wagtail-honeypot's fields; a form shown again after an error keeps the time it was first shown, signed."""
    return {
        "honeypot_name_field": slugify(form_protection.name_field()),
        "honeypot_time_field": slugify(form_protection.time_field()),
        "time": form_protection.stamp(form_protection.shown_at(context["request"])),
        "enabled": enabled,
    }


@register.filter
def first_input_id(field):
    """The id of the input an error message should lead to: the field itself, or its first choice."""
    if field.widget_type in ("radioselect", "checkboxselectmultiple", "themecheckboxselectmultiple"):
        return f"{field.auto_id}_0"
    return field.id_for_label


@register.filter
def length_limits(field):
    """The length a text must have, said before anyone gets it wrong: for multi-line fields and minimums."""
    min_length = getattr(field.field, "min_length", None)
    max_length = getattr(field.field, "max_length", None)
    if min_length and max_length:
        return _("Between %(min)s and %(max)s characters.") % {"min": number(min_length), "max": number(max_length)}
    if min_length:
        return _("At least %(min)s characters.") % {"min": number(min_length)}
    if max_length and field.widget_type == "textarea":
        return _("%(max)s characters at most.") % {"max": number(max_length)}
    return ""


def number(value):
    return formats.number_format(value, force_grouping=True)
