"""Django's own interface strings that the portal words differently in French: "adresse e-mail" everywhere,
never "courriel" or "adresse électronique". Listed here so that makemessages keeps them in the portal's
catalogue, which Django reads before its own (LOCALE_PATHS)."""

from django.utils.translation import gettext_noop

OVERRIDDEN = [
    gettext_noop("Enter a valid email address."),
    gettext_noop("Email"),
    gettext_noop("email address"),
]
