"""The fields editors compose on the ideas form, each with a maximum size: whatever an editor builds, a
visitor cannot send megabytes to be stored and emailed."""

from django.utils.translation import gettext_lazy as _

from wagtail.contrib.forms.forms import FormBuilder

MAX_LINE, MAX_TEXT, MAX_EMAIL, MAX_URL, MAX_DIGITS = 255, 4000, 254, 2048, 15
TOO_LONG = _("Your text is too long: %(limit_value)d characters at most (it has %(show_value)d).")


def at_most(options, max_length):
    return options | {"max_length": max_length, "error_messages": {"max_length": TOO_LONG}}


class IdeaFormBuilder(FormBuilder):
    def create_singleline_field(self, field, options):
        return super().create_singleline_field(field, at_most(options, MAX_LINE))

    def create_multiline_field(self, field, options):
        return super().create_multiline_field(field, at_most(options, MAX_TEXT))

    def create_hidden_field(self, field, options):
        return super().create_hidden_field(field, at_most(options, MAX_LINE))

    def create_email_field(self, field, options):
        return super().create_email_field(field, at_most(options, MAX_EMAIL))

    def create_url_field(self, field, options):
        return super().create_url_field(field, at_most(options, MAX_URL))

    def create_number_field(self, field, options):
        return super().create_number_field(field, options | {"max_digits": MAX_DIGITS})
