"""The outbox of mail and text messages about citizens' feedback.

A notice is written in the same transaction as what it announces (a new
submission, an answer), then sent after commit; one that fails waits for
``send_pending_notices`` with a growing back-off. A conditional update claims
each notice before it is sent, so overlapping runs send it once.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .feedback import Feedback


class NoticeKind(models.TextChoices):
    """The values are the history's actions when the notice goes out."""

    COMMUNE = "notified_commune", _("New feedback, to the commune's inbox")
    CONFIRMATION = "confirmed_to_citizen", _("Confirmation to the citizen")
    ANSWER_EMAIL = "answer_emailed", _("Answer by email")
    ANSWER_SMS = "answer_texted", _("Answer notice by SMS")


class NoticeStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("notice status", "Waiting")
    SENDING = "sending", pgettext_lazy("notice status", "Sending")
    SENT = "sent", pgettext_lazy("notice status", "Sent")
    FAILED = "failed", pgettext_lazy("notice status", "Failed, will retry")
    GAVE_UP = "gave_up", pgettext_lazy("notice status", "Failed, given up")
    WITHHELD = "withheld", pgettext_lazy("notice status", "Withheld, never sent")


class FeedbackNotice(models.Model):
    feedback = models.ForeignKey(
        Feedback, verbose_name=_("feedback"), on_delete=models.CASCADE, related_name="notices"
    )
    kind = models.CharField(_("kind"), max_length=24, choices=NoticeKind.choices)
    to = models.CharField(_("to"), max_length=254)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    body = models.TextField(_("text"))
    status = models.CharField(
        _("status"), max_length=10, choices=NoticeStatus.choices, default=NoticeStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("feedback notice")
        verbose_name_plural = _("feedback notices")
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.feedback_id} {self.kind} → {self.to}"

    @property
    def is_text_message(self) -> bool:
        return self.kind == NoticeKind.ANSWER_SMS
