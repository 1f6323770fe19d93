"""The signed links of programmes' emails: answering a pair, a circle's calendar and leaving it, the check-in
and the closing feedback. One way to make them and to read them: each kind has its own salt and lifetime, and
names its purpose first, so that a link made for one purpose opens nothing else. Opening a link changes
nothing (a mail scanner may open it); the pages behind them act on a button."""

from django.core import signing
from django.utils.translation import gettext as _


class InvalidLink(Exception):
    """The link cannot be used; the message says why, in the reader's words."""


def make(salt, purpose, *values):
    return signing.dumps([purpose, *values], salt=salt, compress=True)


def read(value, salt, days, purpose, count):
    """The `count` values a link made by `make(salt, purpose, ...)` carries, while younger than `days`."""
    try:
        payload = signing.loads(value, salt=salt, max_age=days * 24 * 60 * 60)
    except signing.SignatureExpired as expired:
        raise InvalidLink(_("This link has expired: write to the programme’s coordinators.")) from expired
    except (signing.BadSignature, ValueError, TypeError) as bad:
        raise InvalidLink(_("This link is not valid. Check that you copied it whole.")) from bad
    if not isinstance(payload, list) or len(payload) != count + 1 or payload[0] != purpose:
        raise InvalidLink(_("This link is not valid. Check that you copied it whole."))
    return payload[1:]
