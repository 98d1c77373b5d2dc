"""Test settings: fast hashing, in-memory mail, files in a temporary folder."""

import tempfile

from .base import *  # noqa: F403
from .base import env

SECRET_KEY = "test-only-key"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="langgiang-media-")
BASE_DOMAIN = env("BASE_DOMAIN", "localhost")
# Tests render templates without running collectstatic.
PRIVATE_MEDIA_ROOT = tempfile.mkdtemp(prefix="langgiang-private-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": "/private-media/"},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
# ...and WhiteNoise serves them from the apps' folders, as it would from STATIC_ROOT.
WHITENOISE_USE_FINDERS = True
SILENCED_SYSTEM_CHECKS = ["django_recaptcha.recaptcha_test_key_error"]
# Text messages go to a file the tests read.
SMS_BACKEND = "home.sms.FileSmsBackend"
SMS_FILE_PATH = str(tempfile.mkstemp(prefix="langgiang-sms-", suffix=".jsonl")[1])
# Query budgets are measured uncached; tests of the caches switch them on.
PAGE_CACHE_SECONDS = 0
FRAGMENT_CACHE_SECONDS = 0
