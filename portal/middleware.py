from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils import translation
from django.utils.cache import patch_vary_headers


class LanguageChoiceMiddleware:
    """Serve the public site in French unless the visitor chose another language with the switcher.

    Unlike Django's LocaleMiddleware, the browser's Accept-Language header is ignored on purpose:
    the portal's content is written in French, and an interface switched to English behind the
    visitor's back would wrap French pages in English chrome. The choice is an explicit cookie,
    set by Django's `set_language` view. The Wagtail admin follows each user's own preference.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in self.languages:
            language = settings.LANGUAGE_CODE
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
