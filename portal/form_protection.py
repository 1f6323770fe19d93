"""Limits on public forms that store data or send emails, counted per IP address and per email address.

django-ratelimit counts in the cache named by RATELIMIT_USE_CACHE. With several server processes that
cache must be shared (set MEMCACHED_LOCATION); the in-memory default counts per process.
"""

from django.conf import settings

from django_ratelimit.core import is_ratelimited


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
