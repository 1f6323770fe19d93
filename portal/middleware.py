import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import patch_vary_headers

from csp.constants import HEADER
from csp.middleware import CSPMiddleware
from csp.utils import build_policy

logger = logging.getLogger(__name__)


def chosen_language(request):
    """The language the visitor chose with the switcher (its cookie), or French. The page cache keys pages on it."""
    language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class LanguageChoiceMiddleware:
    """Serve the public site in French unless the visitor chose another language with the switcher.

    Unlike Django's LocaleMiddleware, the browser's Accept-Language header is ignored on purpose:
    the portal's content is written in French, and an interface switched to English behind the
    visitor's back would wrap French pages in English chrome. The choice is an explicit cookie,
    set by Django's `set_language` view. The Wagtail admin follows each user's own preference.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = chosen_language(request)
        request.LANGUAGE_CODE = language
        with translation.override(language):  # restored afterwards: nothing leaks to the next use of the thread
            response = self.get_response(request)
        patch_vary_headers(response, ["Cookie"])
        response.headers.setdefault("Content-Language", language)
        return response


class EditorsOnlyAdminMiddleware:
    """A logged-in visitor without editor rights gets a clear 403 from the Wagtail admin.

    Wagtail would send them back to its login form, which reads as if they had mistyped their
    password. Mentors have accounts but no admin access: they land on a page that says so.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if (
            path.startswith("/admin/")
            and not path.startswith(("/admin/login/", "/admin/logout/", "/admin/password_reset/"))
            and request.user.is_authenticated
            and not request.user.has_perm("wagtailadmin.access_admin")
        ):
            raise PermissionDenied
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """The database went away in the middle of a request: say so clearly, with a 503, instead of a 500.

    Each request runs in one transaction (ATOMIC_REQUESTS), so nothing half-done remains: the page tells
    the visitor their submission was not recorded.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        logger.error("Database unavailable while serving %s: %s", request.path, exception)
        # Rendered without the request: its context processors would query the database again.
        body = render_to_string("503.html")
        return HttpResponse(body, status=503, headers={"Retry-After": "30"})


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the Wagtail admin's own policy (settings.ADMIN_CONTENT_SECURITY_POLICY).

    The public site runs no inline script or style, so its policy (CONTENT_SECURITY_POLICY) forbids them.
    Wagtail's admin writes inline scripts and style attributes: it gets a policy that allows those and
    still keeps every resource, connection and form on the site's own origin.
    """

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if request.path_info.startswith("/admin/"):
            # Set even over a policy already there: Wagtail renders a page's preview through a request for the
            # page's own address, which went through this middleware and got the public policy.
            response[HEADER] = build_policy(config=settings.ADMIN_CONTENT_SECURITY_POLICY)
        return response


class PermissionsPolicyMiddleware:
    """Turn off the browser features the portal never uses (settings.PERMISSIONS_POLICY): a script that
    got in could not reach the camera, the microphone or the visitor's location."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response
