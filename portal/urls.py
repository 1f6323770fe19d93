from django.conf import settings
from django.contrib.auth.views import LoginView
from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from portal.api import api
from portal.home import sharing
from portal.login_forms import LoginForm
from portal.login_views import (
    AdminPasswordResetConfirmView,
    AdminPasswordResetView,
    PasswordResetConfirmView,
    PasswordResetView,
)
from portal.mentors.account_views import login_redirect
from portal.mentors.sitemaps import MentorProfileSitemap
from portal.pagecache import MENTORS, cacheable
from search import views as search_views


@cacheable()
def robots_txt(request):
    return HttpResponse(sharing.robots_txt(request), content_type="text/plain; charset=utf-8")


urlpatterns = [
    # Wagtail's own "forgotten password" view, limited like the site's (portal/login_views.py).
    path("admin/password_reset/", AdminPasswordResetView.as_view(), name="wagtailadmin_password_reset"),
    path(
        "admin/password_reset/confirm/<uidb64>/<token>/",
        AdminPasswordResetConfirmView.as_view(),
        name="wagtailadmin_password_reset_confirm",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", cacheable(MENTORS)(search_views.search), name="search"),
    path("api/v1/", api.urls),
    path("mentors/", include("portal.mentors.urls")),
    path("demandes/", include("portal.mentorships.urls")),
    path("programmes/", include("portal.programmes.urls")),
    path("chiffres/", include("portal.pilotage.urls")),
    path("comptes/connexion-reussie/", login_redirect, name="login-redirect"),
    path("comptes/login/", LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("comptes/password_reset/", PasswordResetView.as_view(), name="password_reset"),
    path("comptes/reset/<uidb64>/<token>/", PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("comptes/", include("django.contrib.auth.urls")),
    # The language switcher is on every page: without a CSRF token, pages can be served from the page cache
    # (portal/pagecache/). A forged switch can only change the visitor's language; `next` stays on the site.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path(
        "sitemap.xml",
        cacheable(MENTORS)(sitemap),
        {"sitemaps": {"pages": Sitemap, "mentors": MentorProfileSitemap}},
        name="sitemap",
    ),
    path("robots.txt", robots_txt, name="robots-txt"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail serves every other address from the page tree: keep this last.
urlpatterns += [path("", include(wagtail_urls))]
