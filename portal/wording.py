"""Django's and Wagtail's own interface strings that the portal words differently in French: "adresse e-mail"
everywhere, never "courriel" or "adresse électronique", and French typography in what mentors read (the
photo field's help and errors). Listed here so that makemessages keeps them in the portal's catalogue,
which Django reads before the libraries' own (LOCALE_PATHS)."""

from django.utils.translation import gettext_noop

OVERRIDDEN = [
    gettext_noop("Enter a valid email address."),
    gettext_noop("Email"),
    gettext_noop("email address"),
    gettext_noop("Supported formats: %(supported_formats)s. Maximum filesize: %(max_upload_size)s."),
    gettext_noop("Not a supported image format. Supported formats: %(supported_formats)s."),
    gettext_noop("Not a valid .%(extension)s image. The extension does not match the file format (%(image_format)s)"),
    gettext_noop("This file is too big (%(file_size)s). Maximum filesize %(max_filesize)s."),
    gettext_noop("This file is too big. Maximum filesize %(max_filesize)s."),
]
