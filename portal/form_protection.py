"""Protection of public forms that store data or send emails: a honeypot, and limits counted per IP
address and per email address.

django-ratelimit counts in the cache named by RATELIMIT_USE_CACHE. With several server processes that
cache must be shared (set MEMCACHED_LOCATION); the in-memory default counts per process.
"""

from django.conf import settings

from django_ratelimit.core import is_ratelimited
from wagtail_honeypot.models import HoneypotFormSubmissionMixin


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


def caught_by_honeypot(request):
    """True when a bot filled the hidden field, or sent the form faster than a person could.

    The fields are wagtail-honeypot's (`{% honeypot_fields True %}` in the form's template), checked with
    its own rule, so the ideas form page and the plain forms trap bots alike.
    """
    name = request.POST.get(getattr(settings, "HONEYPOT_NAME_FIELD", "whf_name"))
    sent_at = request.POST.get(getattr(settings, "HONEYPOT_TIME_FIELD", "whf_time"))
    if name is None or sent_at is None:
        return True
    interval = getattr(settings, "HONEYPOT_TIME_INTERVAL", 3)
    return name != "" or not HoneypotFormSubmissionMixin.time_diff(sent_at, interval)
