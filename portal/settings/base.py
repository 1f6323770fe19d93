"""Settings shared by every environment, safe for production by default.

Every environment variable the portal reads is declared in the "Environment" block below, once,
with its default; README.md documents them. dev.py relaxes these settings, production.py refuses
to start without its secrets, test.py makes the suite fast.
"""

import hashlib
import os
import tempfile
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


# The test suite checks the defaults: of a developer's environment it reads only the services it runs
# against (`make test-services`), so SITE_BASE_URL=https://… or MENTOR_REQUEST_MAX_OPEN=5 in a shell
# change nothing in what the tests expect.
PINNED = os.environ.get("DJANGO_SETTINGS_MODULE") == "portal.settings.test"
SERVICE_VARIABLES = {"DATABASE_URL", "ELASTICSEARCH_URL", "ELASTICSEARCH_INDEX_PREFIX", "ELASTICSEARCH_TIMEOUT"}


def environment(name):
    """The variable's raw value, or None when unset (or when the test settings leave it out)."""
    if PINNED and name not in SERVICE_VARIABLES:
        return None
    return os.environ.get(name)


def env_str(name, default=""):
    """The variable's value; unset or empty means the default."""
    return (environment(name) or "").strip() or default


def env_bool(name, default=False):
    value = environment(name)
    if value is None or not value.strip():
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "oui"}


def env_int(name, default):
    value = (environment(name) or "").strip()
    return int(value) if value else default


def env_list(name, default=()):
    items = [item.strip() for item in (environment(name) or "").split(",") if item.strip()]
    return items or list(default)


# --- Environment --------------------------------------------------------------------------------
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL")
ELASTICSEARCH_INDEX_PREFIX = env_str("ELASTICSEARCH_INDEX_PREFIX", "portal_")
ELASTICSEARCH_TIMEOUT = env_int("ELASTICSEARCH_TIMEOUT", 5)
SITE_BASE_URL = env_str("SITE_BASE_URL", "http://127.0.0.1:8000")
MEDIA_ROOT = env_str("MEDIA_ROOT", str(BASE_DIR / "media"))
STATIC_ROOT = env_str("STATIC_ROOT", str(BASE_DIR / "static"))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Mentorat FabMob <mentorat@127.0.0.1>")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# Behind a TLS-terminating proxy that sets X-Forwarded-Proto, trust it to know the request is secure.
BEHIND_HTTPS_PROXY = env_bool("BEHIND_HTTPS_PROXY", False)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
DOCUMENT_MAX_UPLOAD_MB = env_int("DOCUMENT_MAX_UPLOAD_MB", 20)
LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
# A memcached server shared by every process, e.g. 127.0.0.1:11211; without it each process keeps its own cache.
MEMCACHED_LOCATION = env_str("MEMCACHED_LOCATION")
FORM_RATE_PER_IP = env_str("FORM_RATE_PER_IP", "10/h")
FORM_RATE_PER_EMAIL = env_str("FORM_RATE_PER_EMAIL", "3/h")
# A programme's applications come from many people behind one office address (a Culture Shift iteration is
# one organisation's): more per client address; the limit per email address still holds.
PROGRAMME_RATE_PER_IP = env_str("PROGRAMME_RATE_PER_IP", "120/h")
# Proxies in front of the portal that append the address they saw to X-Forwarded-For (0: none, the client
# address is REMOTE_ADDR). Form limits and login throttling count per client address: see client_ip().
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# Mentor requests: days before the mentor is reminded, days before an unanswered request expires,
# and how many open requests one requester may have at a time.
MENTOR_REQUEST_REMINDER_DAYS = env_int("MENTOR_REQUEST_REMINDER_DAYS", 5)
MENTOR_REQUEST_EXPIRY_DAYS = env_int("MENTOR_REQUEST_EXPIRY_DAYS", 14)
MENTOR_REQUEST_MAX_OPEN = env_int("MENTOR_REQUEST_MAX_OPEN", 3)
# Whether robots.txt lets search engines in; set it to false on a staging or demo copy of the site (dev: off).
SEARCH_ENGINES_ALLOWED = env_bool("SEARCH_ENGINES_ALLOWED", True)
# Anonymous visitors' pages come from a shared cache for at most this many seconds, purged whenever what they show
# changes (portal/pagecache/); 0 turns it off (dev: off). Without memcached, the cache is files in PAGE_CACHE_DIR,
# shared by the processes of one machine (by default a folder of the system's temporary one, per project and
# database: pages of one database are never served from another's).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
_pages_folder = "mentorat-pages-" + hashlib.sha256(f"{BASE_DIR} {DATABASE_URL}".encode()).hexdigest()[:12]
PAGE_CACHE_DIR = env_str("PAGE_CACHE_DIR", str(Path(tempfile.gettempdir()) / _pages_folder))
# A CDN or Varnish in front of the portal, purged as pages change: Varnish's address for PURGE requests, and/or a
# Cloudflare zone with an API token allowed to purge it.
FRONTEND_CACHE_VARNISH_URL = env_str("FRONTEND_CACHE_VARNISH_URL")
FRONTEND_CACHE_CLOUDFLARE_ZONEID = env_str("FRONTEND_CACHE_CLOUDFLARE_ZONEID")
FRONTEND_CACHE_CLOUDFLARE_TOKEN = env_str("FRONTEND_CACHE_CLOUDFLARE_TOKEN")
# -------------------------------------------------------------------------------------------------

DEBUG = False

INSTALLED_APPS = [
    "portal.home",
    "portal.taxonomy",
    "portal.navigation",
    "portal.challenges",
    "portal.mentors",
    "portal.mentorships",
    "portal.programmes",
    "portal.pilotage",
    "portal.mail",
    "portal.pagecache",
    "portal.contributions",
    "portal.testimonials",
    "search",
    "wagtail_modeladmin",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_ratelimit",
    "django_tasks",
    "django_tasks_db",
    "wagtail_honeypot",
    "axes",
    "ninja",
    "csp",
    "django.contrib.admin",  # wagtail-modeladmin list filters rely on it; its URLs are not mounted
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.ContentSecurityPolicyMiddleware",
    "portal.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions, authentication, messages and the language: a cached page is one read of the cache.
    "portal.pagecache.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.LanguageChoiceMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.middleware.EditorsOnlyAdminMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "portal.middleware.DatabaseUnavailableMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the page saying so.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
    {
        # Plain-text emails (portal/mail/outbox.py): the same templates folder, without HTML escaping.
        "NAME": "email",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {"autoescape": False},
    },
]

# One transaction per request: a form that stores several rows stores all of them or none, even when
# the database connection is lost halfway (portal.middleware.DatabaseUnavailableMiddleware says so).
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60) | {"ATOMIC_REQUESTS": True}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite lets one writer at a time. A transaction that starts by reading and then writes (every saving
    # request) fails at once with "database is locked" when another did the same meanwhile, e.g. the
    # editor's autosave beside the preview panel. Taking the write lock at BEGIN makes them queue instead,
    # each waiting up to 20 s.
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: French first, English available through the language switcher.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
FORMAT_MODULE_PATH = ["portal.formats"]  # British dates in English (portal/formats/en/formats.py)
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Complex page models can exceed Django's default of 1000 fields per form in the page editor.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
SERVER_EMAIL = DEFAULT_FROM_EMAIL

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview view relaxes this to SAMEORIGIN for itself.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Content-Security-Policy (django-csp): the public site loads everything from its own origin and runs no
# inline script or style (tests/test_security_headers.py reads every demo page for them), so injected markup
# can neither run nor send anything elsewhere. Video blocks embed players from these hosts only.
EMBED_FRAME_SOURCES = ["https://www.youtube-nocookie.com", "https://www.youtube.com", "https://player.vimeo.com"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "frame-src": EMBED_FRAME_SOURCES,
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
# Wagtail's admin (portal.middleware.ContentSecurityPolicyMiddleware) writes inline scripts and style
# attributes, shows its previews in frames of its own, and embeds' previews; the rest stays on the origin.
ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": [SELF],
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "frame-src": [SELF, *EMBED_FRAME_SOURCES],
    "frame-ancestors": [SELF],
    "form-action": [SELF],
    "base-uri": [SELF],
    "object-src": [NONE],
}
# Browser features nobody needs here, denied to every page (portal.middleware.PermissionsPolicyMiddleware).
PERMISSIONS_POLICY = [
    "accelerometer", "autoplay", "camera", "display-capture", "geolocation", "gyroscope", "magnetometer",
    "microphone", "midi", "payment", "usb", "browsing-topics",
]  # fmt: skip

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # One line per background task and per page action is noise at INFO; keep their warnings.
        "django_tasks": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "wagtail": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # The Elasticsearch client logs every request at INFO; search/engine.py reports outages itself.
        "elastic_transport": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        # django-axes logs every login failure at INFO; lock-outs are warnings.
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "login-redirect"
LOGOUT_REDIRECT_URL = "/"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 7  # also the lifetime of a mentor's invitation link

# Login throttling (django-axes) on every login form (the site's and the admin's): after 5 failures for one
# user name from one IP address, that pair waits an hour. Keyed on the pair so that nobody can lock a person
# out from elsewhere, nor lock out a whole office behind one address. Attempts are kept in the database,
# shared by every server process. Axes' backend comes first (it refuses a locked-out pair) and, being a
# ModelBackend too, can restore a session logged in through it (tools such as Wagtail's page tests log in
# with the first backend).
AUTHENTICATION_BACKENDS = ["axes.backends.AxesBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hour
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The same client address as the form limits (behind TRUSTED_PROXY_COUNT proxies, never a forged header).
AXES_CLIENT_IP_CALLABLE = "portal.form_protection.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_ENABLE_ADMIN = False  # Django's admin is not mounted; editors see attempts nowhere else either

if MEMCACHED_LOCATION:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache", "LOCATION": MEMCACHED_LOCATION}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # Form limits then count per process (see portal/form_protection.py): right for one process, and
    # the reason MEMCACHED_LOCATION exists. django-ratelimit flags that choice; it is deliberate here.
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
RATELIMIT_USE_CACHE = "default"
# Anonymous pages (portal/pagecache/): one cache for every process, memcached's, or files on this machine.
if MEMCACHED_LOCATION:
    CACHES["pages"] = CACHES["default"] | {"KEY_PREFIX": "pages"}
else:
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": PAGE_CACHE_DIR,
        "OPTIONS": {"MAX_ENTRIES": 20_000},  # pages of every mentor in two languages
    }
RATELIMIT_IP_META_KEY = "portal.form_protection.client_ip"

# Background work (emails, indexing) goes through django-tasks, a Wagtail 8 dependency.
# Emails are delivered by tasks: run `manage.py db_worker` beside the web server (dev and tests run them
# immediately). A failed delivery stays in the outbox for `manage.py send_queued_emails`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Wagtail ------------------------------------------------------------------------------------
# Wagtail purges a page's addresses from the frontend cache when it is published or unpublished; the portal's
# own purges follow (portal/pagecache/frontend.py). Empty: nothing in front, nothing purged.
WAGTAILFRONTENDCACHE = {}
if FRONTEND_CACHE_VARNISH_URL:
    WAGTAILFRONTENDCACHE["varnish"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": FRONTEND_CACHE_VARNISH_URL,
    }
if FRONTEND_CACHE_CLOUDFLARE_ZONEID:
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": FRONTEND_CACHE_CLOUDFLARE_ZONEID,
        "BEARER_TOKEN": FRONTEND_CACHE_CLOUDFLARE_TOKEN,
    }
HONEYPOT_ENABLED_DEFAULT = True  # wagtail-honeypot: new form pages trap bots unless an editor turns it off
WAGTAIL_SITE_NAME = "Mentorat FabMob"
WAGTAILADMIN_USER_LOGIN_FORM = "portal.login_forms.AdminLoginForm"
WAGTAILADMIN_BASE_URL = SITE_BASE_URL
# Pages are written in French; editors may translate them into English with the admin's "Translate"
# action (simple_translation). Addresses stay the same in both languages (no language prefix): see
# portal/home/languages.py. No alias copy of every page in the English tree: only what editors translate.
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE = False
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odp", "ods", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = DOCUMENT_MAX_UPLOAD_MB * 1024 * 1024
# Images are portraits and illustrations: 5 MB and 25 million pixels (5,000 x 5,000) are plenty, and keep a
# small file that decodes into gigabytes (a 117 KB PNG of 121 megapixels) from reaching the thumbnailer.
# Wagtail checks both on every upload, its admin included, reading only the image's header.
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 25_000_000
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# New pages get ASCII addresses: "Mutualiser les données" becomes mutualiser-les-donnees, in the editor as on
# save. Pages published with accents keep their address (Wagtail's routing does not depend on this setting).
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# Wagtail's "this page needs a password" page, in the site's frame.
WAGTAIL_PASSWORD_REQUIRED_TEMPLATE = "password_required.html"  # noqa: S105 - a template, not a password
# Editors' avatars are those they upload, never Gravatar's: no asset from a third party, and no hash of
# an editor's email address sent to one.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor does the dashboard ask releases.wagtail.org for Wagtail's latest version from editors' browsers (the
# admin's Content-Security-Policy would refuse it anyway): upgrades are the maintainers' business.
WAGTAIL_ENABLE_UPDATE_CHECK = False
TAGGIT_CASE_INSENSITIVE = True
TAGGIT_STRIP_UNICODE_WHEN_SLUGIFYING = True

# One switch for full-text search: Elasticsearch when ELASTICSEARCH_URL is set, otherwise the
# database backend (SQLite FTS5 or PostgreSQL full-text search). With Elasticsearch, the database
# backend is kept as "fallback": it answers while Elasticsearch cannot (search/engine.py).
DATABASE_SEARCH_BACKEND = {"BACKEND": "wagtail.search.backends.database"}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's own French text-search configuration (SQLite has none: see search/french.py).
    DATABASE_SEARCH_BACKEND["SEARCH_CONFIG"] = "french"
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.elasticsearch",
            "URLS": [ELASTICSEARCH_URL],
            "INDEX_PREFIX": ELASTICSEARCH_INDEX_PREFIX,
            "TIMEOUT": ELASTICSEARCH_TIMEOUT,
            "OPTIONS": {"max_retries": 0},  # a failing engine is skipped for a while, not retried per request
            # On a full cluster: French analysis (elision, stop words, stemming) for every text field.
            "INDEX_SETTINGS": {"settings": {"index": {"analysis": {"analyzer": {"default": {"type": "french"}}}}}},
        },
        "fallback": DATABASE_SEARCH_BACKEND,
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": DATABASE_SEARCH_BACKEND}
