"""Protection of public forms that store data or send emails: a honeypot, and limits counted per client
address and per email address.

The honeypot is wagtail-honeypot's: a trap field a person never sees, and the time the form was shown.
Only a filled trap is treated as a bot and silently dropped. A form sent faster than a person could, or
without the time, is shown again with what was typed and a message: a person then sends it again,
nothing is lost. The form keeps the time it was first shown through every re-display after an error, so a
person who fixes a field and resends at once is not taken for a bot. That time is signed when the form is
shown: a client that sends a time of its own choosing is held back like one that sends none.

The client address is `client_ip`: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies the address the
outermost one saw, read from the right of X-Forwarded-For. Each address has its own count, every send
included; each email address counts only valid submissions, so a person's mistakes never use up its quota.
When no address is known (gunicorn on a Unix socket without the proxy setting), the valid submissions of
everyone are counted together: the forms never fail, and junk alone cannot close them.

django-ratelimit counts in the cache named by RATELIMIT_USE_CACHE. With several server processes that
cache must be shared (set MEMCACHED_LOCATION); the in-memory default counts per process.
"""

import enum
import functools
import ipaddress
import logging
import time

from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from django_ratelimit.core import is_ratelimited

logger = logging.getLogger(__name__)

HURRIED_MESSAGE = _(
    "To keep robots out, we did not record a form sent this fast. Check your answers, then send it again."
)
# How old the time carried by a re-displayed form may be: a person may leave a page open for a day.
MAX_FORM_AGE = 60 * 60 * 24


class Verdict(enum.Enum):
    PERSON = "person"
    HURRIED = "hurried"  # too fast, or no time: show the form again, store nothing yet
    BOT = "bot"  # the trap field is filled: drop it without a word


def name_field():
    return getattr(settings, "HONEYPOT_NAME_FIELD", "whf_name")


def time_field():
    return getattr(settings, "HONEYPOT_TIME_FIELD", "whf_time")


def time_signer():
    return signing.Signer(salt="portal.form_protection.shown-at")


def stamp(seconds):
    """The value of the time field for a form shown at `seconds` (a Unix time): the time and its signature."""
    return time_signer().sign(str(int(seconds)))


def read_stamp(value):
    """The Unix time a form was shown, from its time field; None when missing, forged or older than a day."""
    try:
        seconds = int(time_signer().unsign(value))
    except (signing.BadSignature, ValueError):
        return None
    return seconds if 0 <= time.time() - seconds <= MAX_FORM_AGE else None


def shown_at(request):
    """When the form being re-displayed was first shown (its posted time), or now for a new form."""
    posted = read_stamp(request.POST.get(time_field(), "")) if request.method == "POST" else None
    return int(time.time()) if posted is None else posted


def honeypot_verdict(request, interval=None):
    """A person, a bot (trap filled), or a form sent too fast for a person (or without a time we signed).
    `interval`: the seconds a person needs at least, for a form shorter than most (default: the setting)."""
    if request.POST.get(name_field(), ""):
        return Verdict.BOT
    sent = read_stamp(request.POST.get(time_field(), ""))
    interval = getattr(settings, "HONEYPOT_TIME_INTERVAL", 3) if interval is None else interval
    if sent is None or not time.time() - sent > interval:
        return Verdict.HURRIED
    return Verdict.PERSON


def hold_back(form):
    """Show `form` again with its errors, if any, and say why nothing was recorded."""
    form.is_valid()
    form.add_error(None, HURRIED_MESSAGE)


def client_ip(request):
    """The address of the person who sent `request`, or None when it cannot be known.

    Without proxies (TRUSTED_PROXY_COUNT = 0) it is REMOTE_ADDR. Behind N proxies that each append the
    address they saw to X-Forwarded-For, it is the N-th entry from the right: entries further left were
    written by the client and may be anything. Used by every limit counted per address (RATELIMIT_IP_META_KEY).
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        candidate = forwarded[-proxies] if len(forwarded) >= proxies else ""
    else:
        candidate = request.META.get("REMOTE_ADDR", "")
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None


UNKNOWN_ADDRESS = "unknown-address"


@functools.cache
def warn_once_of_unknown_addresses():
    """Tell the operator, once per process, that limits per address cannot work as deployed."""
    logger.warning("A form was sent without a client address: set TRUSTED_PROXY_COUNT (README, Security).")


def too_many_submissions(request, form_name, email="", valid=True, per_ip=None):
    """Count this submission; True once its client address or its email address has sent too many.

    Every submission counts for its address; only `valid` ones count for the email address. Without an
    address, only valid submissions count, all together. `per_ip`: a form many people send from one office
    (a programme's applications) allows more per client address than FORM_RATE_PER_IP.
    """
    per_ip = per_ip or settings.FORM_RATE_PER_IP

    def over(scope, key, rate):
        return is_ratelimited(request, group=f"{form_name}:{scope}", key=key, rate=rate, method="POST", increment=True)

    if client_ip(request):
        by_address = over("ip", "ip", per_ip)
    else:
        warn_once_of_unknown_addresses()
        by_address = valid and over("ip", lambda group, request: UNKNOWN_ADDRESS, per_ip)
    mailbox = email.strip().lower()
    by_email = valid and bool(mailbox) and over("email", lambda group, request: mailbox, settings.FORM_RATE_PER_EMAIL)
    return by_address or by_email


def flooded(request, form, form_name, email, message, per_ip=None):
    """Count this submission of `form`; over a limit, put `message` on the form (answer it with a 429)."""
    if not too_many_submissions(request, form_name, email or "", valid=form.is_valid(), per_ip=per_ip):
        return False
    form.add_error(None, message)
    return True
