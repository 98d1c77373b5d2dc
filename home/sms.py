"""Text messages to citizens through a pluggable sender, chosen by the
``SMS_BACKEND`` setting like Django's email backends: the console in
development, a file in tests, an HTTP gateway in production.

``send_sms`` is the one place a text leaves: every caller says which row
the message is about, and an example row (demo content, made-up numbers that
in production belong to strangers) never sends.

Vietnamese text needs UCS-2 encoding as soon as one letter carries a
diacritic, which shrinks a segment from 160 to 70 characters (67 when the
message is split); ``segment_count`` tells editors what a message costs.
"""

import json
import sys
import urllib.request
from abc import ABC, abstractmethod
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string

# The GSM 03.38 basic alphabet (without the escape table): anything else needs UCS-2.
GSM_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)


def needs_ucs2(text: str) -> bool:
    return any(char not in GSM_BASIC for char in text)


def segment_count(text: str) -> int:
    """How many SMS segments the text takes (0 for an empty text)."""
    if not text:
        return 0
    if needs_ucs2(text):
        units = len(text.encode("utf-16-le")) // 2  # characters outside the BMP take two
        single, multi = 70, 67
    else:
        units, single, multi = len(text), 160, 153
    if units <= single:
        return 1
    return -(-units // multi)


@dataclass
class SmsResult:
    ok: bool
    reference: str = ""
    error: str = ""
    # Not sent on purpose (an example row): nothing to retry.
    withheld: bool = False


class BaseSmsBackend(ABC):
    """What every sender does: deliver one text, say whether it went."""

    @abstractmethod
    def send(self, to: str, text: str) -> SmsResult: ...


class ConsoleSmsBackend(BaseSmsBackend):
    """Prints the message: development machines send nothing."""

    def send(self, to: str, text: str) -> SmsResult:
        sys.stdout.write(f"SMS to {to} ({segment_count(text)} segment(s)):\n{text}\n")
        sys.stdout.flush()
        return SmsResult(ok=True, reference="console")


class FileSmsBackend(BaseSmsBackend):
    """Appends one JSON line per message to ``SMS_FILE_PATH`` (tests read it)."""

    def send(self, to: str, text: str) -> SmsResult:
        with open(settings.SMS_FILE_PATH, "a", encoding="utf-8") as handle:
            handle.write(json.dumps({"to": to, "text": text}, ensure_ascii=False) + "\n")
        return SmsResult(ok=True, reference="file")


class HttpSmsBackend(BaseSmsBackend):
    """POSTs ``{"to", "text"}`` as JSON to ``SMS_GATEWAY_URL`` with a bearer token."""

    timeout = 10

    def send(self, to: str, text: str) -> SmsResult:
        if not settings.SMS_GATEWAY_URL.startswith(("https://", "http://")):
            return SmsResult(ok=False, error="SMS_GATEWAY_URL must be an http(s) URL")
        request = urllib.request.Request(  # noqa: S310 - scheme checked above
            settings.SMS_GATEWAY_URL,
            data=json.dumps({"to": to, "text": text}).encode("utf-8"),
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {settings.SMS_GATEWAY_TOKEN}",
            },
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                body = response.read().decode("utf-8", "replace")
        except OSError as error:
            return SmsResult(ok=False, error=str(error))
        return SmsResult(ok=True, reference=body[:200])


# Where the senders lived before this module; deployments configured then keep working.
FORMER_MODULE = "contact.sms."


def get_sms_backend() -> BaseSmsBackend:
    path = settings.SMS_BACKEND
    if path.startswith(FORMER_MODULE):
        path = "home.sms." + path.removeprefix(FORMER_MODULE)
    return import_string(path)()


EXAMPLE_WITHHELD = "example entry: never sent"


def send_sms(to: str, text: str, *, about) -> SmsResult:
    """Sends one text about ``about`` (a dossier, a submission: any row with
    an ``is_example`` flag). Never raises: a broken sender is a failed result."""
    if getattr(about, "is_example", False):
        return SmsResult(ok=False, error=EXAMPLE_WITHHELD, withheld=True)
    try:
        return get_sms_backend().send(to, text)
    except Exception as error:  # noqa: BLE001 - a broken sender must never lose what called it
        return SmsResult(ok=False, error=f"{type(error).__name__}: {error}")
