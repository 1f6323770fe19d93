"""Protection of public forms that store data or send emails: a honeypot, and limits counted per IP
address and per email address.

The honeypot is wagtail-honeypot's: a trap field a person never sees, and the time the form was shown.
Only a filled trap is treated as a bot and silently dropped. A form sent faster than a person could, or
without the time, is shown again with what was typed and a message: a person then sends it again,
nothing is lost. The form keeps the time it was first shown through every re-display after an error, so a
person who fixes a field and resends at once is not taken for a bot.

django-ratelimit counts in the cache named by RATELIMIT_USE_CACHE. With several server processes that
cache must be shared (set MEMCACHED_LOCATION); the in-memory default counts per process.
"""

import enum
import time

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from django_ratelimit.core import is_ratelimited

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


def shown_at(request):
    """When the form being re-displayed was first shown (its posted time), or now for a new form."""
    now = int(time.time())
    value = request.POST.get(time_field(), "") if request.method == "POST" else ""
    if value.isdigit() and 0 <= now - int(value) <= MAX_FORM_AGE:
        return int(value)
    return now


def honeypot_verdict(request, interval=None):
    """A person, a bot (trap filled), or a form sent too fast for a person (or without its time).
    `interval`: the seconds a person needs at least, for a form shorter than most (default: the setting)."""
    if request.POST.get(name_field(), ""):
        return Verdict.BOT
    sent = request.POST.get(time_field(), "")
    interval = getattr(settings, "HONEYPOT_TIME_INTERVAL", 3) if interval is None else interval
    if not sent.isdigit() or not interval < time.time() - int(sent) <= MAX_FORM_AGE:
        return Verdict.HURRIED
    return Verdict.PERSON


def hold_back(form):
    """Show `form` again with its errors, if any, and say why nothing was recorded."""
    form.is_valid()
    form.add_error(None, HURRIED_MESSAGE)


def too_many_submissions(request, form_name, email=""):
    """Count this submission; True once the IP address or the email address has sent too many."""
    by_ip = is_ratelimited(
        request, group=f"{form_name}:ip", key="ip", rate=settings.FORM_RATE_PER_IP, method="POST", increment=True
    )
    by_email = bool(email) and is_ratelimited(
        request,
        group=f"{form_name}:email",
        key=lambda group, request: email.strip().lower(),
        rate=settings.FORM_RATE_PER_EMAIL,
        method="POST",
        increment=True,
    )
    return by_ip or by_email


def flooded(request, form, form_name, email, message):
    """Count this submission of `form`; over a limit, put `message` on the form (answer it with a 429)."""
    if not too_many_submissions(request, form_name, email):
        return False
    form.is_valid()
    form.add_error(None, message)
    return True
