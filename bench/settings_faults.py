"""Settings of the fault drills (``bench/fault_drills.py``): the benchmarks'
production settings (``settings_bench``: reCAPTCHA answered in-process) with
real senders, pointed at servers the drill starts and stops itself: mail
over SMTP to ``EMAIL_HOST``/``EMAIL_PORT``, text messages over HTTP to
``SMS_GATEWAY_URL``. Bench only, never deployed."""

from settings_bench import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
SMS_BACKEND = "home.sms.HttpSmsBackend"
