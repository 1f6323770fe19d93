from django.conf import settings
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
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ["Cookie"])
        response.headers.setdefault("Content-Language", language)
        return response
