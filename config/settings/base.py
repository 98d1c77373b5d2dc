"""Settings shared by every environment, read from the environment.

Every variable read here (and in dev, production and test), with its default
and when to set it, is in docs/settings.md; tests/test_settings.py fails when
one is read and not listed there.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


BASE_DOMAIN = env("BASE_DOMAIN", "localhost")
SECRET_KEY = env("SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [BASE_DOMAIN, f".{BASE_DOMAIN}"])

INSTALLED_APPS = [
    "home",
    "theme",
    "procedures",
    "contact",
    "news",
    "district",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.contrib.sitemaps",
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
    "django_recaptcha",
    "csp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files are answered here, before anything that reads the cache
    # or the database (issue 18: a static file cost one Redis read and a CSP
    # header), as WhiteNoise's documentation places it.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Merged communes' old hostnames answer 301 before anything is cached.
    "district.middleware.ArchivedSiteRedirectMiddleware",
    # A hit replays the whole final response; see home/caching/page_cache.py.
    "home.caching.page_cache.AnonymousPageCacheMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    # The request's Wagtail site from the cache; see home/sites.py.
    "home.sites.CachedSiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "home.middleware.DistrictOnlyAdminAreasMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: locks out password guessing on the admin login.
    "axes.middleware.AxesMiddleware",
]

WAGTAILADMIN_USER_LOGIN_FORM = "home.forms.AdminLoginForm"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five wrong passwords for one user from one address lock that pair out for an hour.
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True

# Content Security Policy: no inline script anywhere on citizens' pages, and
# Google's reCAPTCHA origins only on the form that carries it
# (contact.views.feedback_form adds them). The admin is Wagtail's own.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *env_list("CSP_EXTRA_IMG_SRC", [])],
        "media-src": ["'self'", *env_list("CSP_EXTRA_IMG_SRC", [])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
RECAPTCHA_CSP = {
    "script-src": [
        "'self'",
        "https://www.google.com/recaptcha/",
        "https://www.gstatic.com/recaptcha/",
    ],
    "frame-src": ["https://www.google.com/recaptcha/", "https://recaptcha.google.com/recaptcha/"],
    "connect-src": ["'self'", "https://www.google.com/recaptcha/"],
}

# Background jobs (e-mail and SMS notices): run at once in development; with
# TASKS_BACKEND=database they wait in PostgreSQL for `manage.py db_worker`,
# with retries, and survive restarts.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend"
        if env("TASKS_BACKEND") == "database"
        else "django_tasks.backends.immediate.ImmediateBackend"
    }
}

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.site_identity",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(env("DB_CONN_MAX_AGE", "60")),
        # A kept connection is checked before each request reuses it, so the
        # first request after a database restart reconnects instead of failing.
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL")
# The cache that rate limits count in (home/ratelimit.py).
RATELIMIT_CACHE = "default"
if REDIS_URL:
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    # A Redis that is down or hangs costs one call's timeout, not retries,
    # then nothing for a few seconds (home/cache_client.py).
    redis_timeouts = {
        "CLIENT_CLASS": "home.cache_client.CircuitBreakerClient",
        "CIRCUIT_BREAKER_SECONDS": float(env("REDIS_RETRY_AFTER", "5")),
        "SOCKET_CONNECT_TIMEOUT": float(env("REDIS_TIMEOUT", "0.25")),
        "SOCKET_TIMEOUT": float(env("REDIS_TIMEOUT", "0.25")),
        "CONNECTION_POOL_KWARGS": {"retry": Retry(NoBackoff(), 0)},
    }
    CACHES = {
        # Redis down: reads miss, writes are dropped, pages render uncached.
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "langgiang",
            "OPTIONS": {**redis_timeouts, "IGNORE_EXCEPTIONS": True},
        },
        # The same Redis for rate limits, raising when down, so that they
        # fall back to counting per process instead of letting everything by.
        "ratelimit": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "langgiang",
            "OPTIONS": redis_timeouts,
        },
    }
    RATELIMIT_CACHE = "ratelimit"
    # Sessions readable by every app server, and kept in the database too.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Vietnamese is the default and the language of every page tree's
# original; English comes through wagtail-localize translations.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# The project's own catalogue first, then the Vietnamese catalogues that
# complete Wagtail's, wagtail-localize's and Django's, one directory per app (issue 9):
# LOCALE_PATHS win over the catalogues the apps ship.
LOCALE_PATHS = [
    BASE_DIR / "locale",
    *sorted(path for path in (BASE_DIR / "locale" / "wagtail").glob("*") if path.is_dir()),
]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
# Files that must never be public (citizens' feedback photos): outside
# MEDIA_ROOT, read only through views that check the user (home/storage.py).
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private-media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        # Nothing routes or serves this prefix: a URL built from it answers 404.
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": "/private-media/"},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Several app servers share media on S3-compatible storage (django-storages)
# when a bucket is named; local files otherwise.
if env("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env("AWS_S3_REGION_NAME") or None,
            "custom_domain": env("AWS_S3_CUSTOM_DOMAIN") or None,
            "default_acl": None,
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
    # The same bucket, under a prefix that is never public: objects private,
    # and any URL built for one signed and short-lived.
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **STORAGES["default"]["OPTIONS"],
            "location": "private",
            "custom_domain": None,
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 300,
        },
    }

WAGTAIL_SITE_NAME = _("Lạng Giang communes")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", f"http://{BASE_DOMAIN}")
# Audio formats are for the loudspeaker announcements (news.audio).
WAGTAILDOCS_EXTENSIONS = [
    *["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"],
    *["m4a", "mp3", "oga", "ogg", "wav"],
]
# Every document download goes through Wagtail's view, which checks the
# privacy of the pages using it and the collection, even when files are in
# a bucket (Wagtail would otherwise redirect to the bucket's public address).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ALLOW_UNICODE_SLUGS = False

# reCAPTCHA: Google's published test keys unless real ones are configured.
RECAPTCHA_PUBLIC_KEY = env("RECAPTCHA_PUBLIC_KEY", "6LeIxAcTAAAAAJcZVRqyHh71UMIEGNQ_MXjiZKhI")
RECAPTCHA_PRIVATE_KEY = env("RECAPTCHA_PRIVATE_KEY", "6LeIxAcTAAAAAGG-vFI1TnRWxMZNFuojJ4WifJWe")
# "v2" shows the checkbox; "v3" scores silently and refuses below the threshold.
RECAPTCHA_VERSION = env("RECAPTCHA_VERSION", "v2")
RECAPTCHA_REQUIRED_SCORE = float(env("RECAPTCHA_REQUIRED_SCORE", "0.5"))

# Citizens' pages are cached this many seconds (0: never), per site, address
# and language, and purged by what changes them (home/caching/). The bound
# also limits how long a time-dependent page (a greeting's expiry, a
# banner's end) lags.
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "300"))
# At most this many new pages of one site stored per PAGE_CACHE_SECONDS, so
# at most twice as many at any time: endless query strings cannot fill the cache.
PAGE_CACHE_MAX_PAGES_PER_SITE = int(env("PAGE_CACHE_MAX_PAGES_PER_SITE", "1000"))
# Parts of pages kept rendered between publishes (the home page's greetings,
# news and launch date), purged with the page cache (home/fragments.py).
FRAGMENT_CACHE_SECONDS = int(env("FRAGMENT_CACHE_SECONDS", "300"))

# A CDN in front: Wagtail purges its copies on publish too.
if env("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": env("FRONTEND_CACHE_PURGE_URL"),
        }
    }
elif env("CLOUDFLARE_BEARER_TOKEN"):
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": env("CLOUDFLARE_BEARER_TOKEN"),
            "ZONEID": env("CLOUDFLARE_ZONEID"),
        }
    }

# Feedback: answered within this many working days (Monday to Friday, less
# Vietnam's public holidays: contact.services.add_working_days) or overdue.
FEEDBACK_ANSWER_WORKING_DAYS = int(env("FEEDBACK_ANSWER_WORKING_DAYS", "10"))
# The plan's steps: editors and district admins are reminded this many days
# before a step's deadline, and again once it has passed (send_step_reminders).
PROGRAMME_STEP_REMINDER_DAYS = int(env("PROGRAMME_STEP_REMINDER_DAYS", "7"))
# Per client address: submissions per hour, lookups per hour, ratings per hour.
FEEDBACK_RATE_LIMIT = int(env("FEEDBACK_RATE_LIMIT", "5"))
LOOKUP_RATE_LIMIT = int(env("LOOKUP_RATE_LIMIT", "20"))
RATING_RATE_LIMIT = int(env("RATING_RATE_LIMIT", "30"))
# Survey responses per hour from one connection (one per device and round).
SURVEY_RATE_LIMIT = int(env("SURVEY_RATE_LIMIT", "30"))
# Proxies in front of the app servers (load balancer, CDN) whose
# X-Forwarded-For entries are trusted for the client's address (rate limits).
TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "home.ratelimit.limited_client_address"
# One rating per device (browser) within this many minutes.
RATING_DEVICE_WINDOW_MINUTES = int(env("RATING_DEVICE_WINDOW_MINUTES", "120"))

# Text messages: home.sms.ConsoleSmsBackend, FileSmsBackend or HttpSmsBackend.
SMS_BACKEND = env("SMS_BACKEND", "home.sms.ConsoleSmsBackend")
SMS_FILE_PATH = env("SMS_FILE_PATH", str(BASE_DIR / "sms.log"))
SMS_GATEWAY_URL = env("SMS_GATEWAY_URL", "")
SMS_GATEWAY_TOKEN = env("SMS_GATEWAY_TOKEN", "")

# A mail server that hangs must not hold a citizen's request (or the job
# worker) for ever: the notice is retried later (send_pending_notices).
EMAIL_TIMEOUT = int(env("EMAIL_TIMEOUT", "10"))
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", f"no-reply@{BASE_DOMAIN}")

# The commune registry shipped with the project (see home/data/README.md).
COMMUNE_REGISTRY_FILE = BASE_DIR / "home" / "data" / "communes.csv"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}
