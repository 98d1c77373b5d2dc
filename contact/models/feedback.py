"""Citizens' feedback (góp ý, phản ánh, kiến nghị, khen ngợi), its history
and the reply templates editors answer from. What happens to a submission
(storing, moderation, answers, publication) is ``contact.services``."""

from datetime import date

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.models import Site

from home.models import Commune
from home.phones import PhoneNumberField
from home.rules import matches
from home.storage import private_storage


class FeedbackKind(models.TextChoices):
    SUGGESTION = "gop_y", _("Suggestion")
    REPORT = "phan_anh", _("Report of a problem")
    PETITION = "kien_nghi", _("Petition")
    PRAISE = "khen_ngoi", _("Praise")


class FeedbackStatus(models.TextChoices):
    NEW = "new", pgettext_lazy("feedback status", "New")
    IN_PROGRESS = "in_progress", pgettext_lazy("feedback status", "In progress")
    ANSWERED = "answered", pgettext_lazy("feedback status", "Answered")
    PUBLISHED = "published", pgettext_lazy("feedback status", "Published")
    CLOSED = "closed", pgettext_lazy("feedback status", "Closed")
    SPAM = "spam", pgettext_lazy("feedback status", "Spam")
    REJECTED = "rejected", pgettext_lazy("feedback status", "Rejected")


OPEN_STATUSES = [FeedbackStatus.NEW, FeedbackStatus.IN_PROGRESS]
# The states of a submission that has had its answer: published and closed
# ones were answered first (the moderation's transitions go through
# "answered").
ANSWERED_STATUSES = [FeedbackStatus.ANSWERED, FeedbackStatus.PUBLISHED, FeedbackStatus.CLOSED]


# --- The rules, written once (``home.rules``): every queryset method,
# instance property, admin filter and figure reads these. -----------------


def received_q() -> Q:
    """A citizen's submission: everything but spam. Spam is not an opinion
    of a resident (bots and advertising would inflate the counts); rejected
    submissions do count, a resident wrote and the commune declined."""
    return ~Q(status=FeedbackStatus.SPAM)


def answered_q(by: date | None = None) -> Q:
    """Answered (and not reopened since): an answered, published or closed
    submission with the time of its answer; with ``by``, answered on or
    before that local day."""
    rule = Q(status__in=ANSWERED_STATUSES, answered_at__isnull=False)
    return rule & Q(answered_at__date__lte=by) if by is not None else rule


def answered_on_time_q(by: date | None = None) -> Q:
    """Answered on or before its due day (``due_date``, the working days
    of ``FEEDBACK_ANSWER_WORKING_DAYS`` after submission), local time."""
    return answered_q(by) & Q(answered_at__date__lte=F("due_date"))


def overdue_q(on: date) -> Q:
    """Still waiting for its answer at the end of the day ``on``, after its
    due day: open (new, in progress, or reopened), or answered only after
    ``on``. Spam and rejected submissions are never overdue."""
    waiting = Q(status__in=OPEN_STATUSES) | Q(
        status__in=ANSWERED_STATUSES, answered_at__date__gt=on
    )
    return Q(due_date__lt=on, submitted_at__date__lte=on) & waiting


class FeedbackQuerySet(models.QuerySet):
    def received(self) -> "FeedbackQuerySet":
        return self.filter(received_q())

    def answered(self, by: date | None = None) -> "FeedbackQuerySet":
        return self.filter(answered_q(by))

    def answered_on_time(self, by: date | None = None) -> "FeedbackQuerySet":
        return self.filter(answered_on_time_q(by))

    def overdue(self, on: date | None = None) -> "FeedbackQuerySet":
        """Overdue at the end of ``on`` (today by default): ``overdue_q``."""
        return self.filter(overdue_q(on or timezone.localdate()))

    def published(self) -> "FeedbackQuerySet":
        return self.filter(status=FeedbackStatus.PUBLISHED)

    def for_site(self, site: Site) -> "FeedbackQuerySet":
        return self.filter(commune__site=site)


class Feedback(models.Model):
    """One citizen's opinion, stored before anything else happens to it.

    The citizen's own text and contact details are never edited; what is
    published is a separate, scrubbed copy of the question and the answer.
    """

    commune = models.ForeignKey(
        Commune, verbose_name=_("commune"), on_delete=models.CASCADE, related_name="feedback"
    )
    tracking_code = models.CharField(_("tracking code"), max_length=12, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=FeedbackKind.choices)
    subject = models.CharField(_("subject"), max_length=200)
    message = models.TextField(_("message"), max_length=5000)
    name = models.CharField(_("name"), max_length=120)
    phone = PhoneNumberField(_("phone"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    # Never public: private storage, shown to the commune's editors only.
    photo = models.ImageField(
        _("photo"), upload_to="feedback/%Y/%m/", blank=True, storage=private_storage
    )
    consent_to_publish = models.BooleanField(
        _("agrees to publication without personal data"), default=False
    )
    verified = models.BooleanField(
        _("passed the spam check"),
        default=True,
        help_text=_("False when the reCAPTCHA service could not be reached at submission."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=FeedbackStatus.choices, default=FeedbackStatus.NEW
    )
    assigned_to = models.ForeignKey(
        "auth.User",
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reply_template = models.ForeignKey(
        "contact.ReplyTemplate",
        verbose_name=_("start the answer from a template"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Used only when the answer is empty."),
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    published_title = models.CharField(_("published title"), max_length=200, blank=True)
    published_question = models.TextField(_("published question"), blank=True)
    published_answer = models.TextField(_("published answer"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    # Folded (no diacritics) copy of what is published, for citizens' searches.
    search_text = models.TextField(editable=False, blank=True)
    reason = models.CharField(_("reason for spam or rejection"), max_length=300, blank=True)
    # Demo and guide content: its made-up contacts are never mailed or texted.
    is_example = models.BooleanField(_("example entry"), default=False)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    due_date = models.DateField(_("answer due by"))

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-submitted_at"]
        indexes = [models.Index(fields=["commune", "status", "due_date"])]

    def __str__(self):
        return f"{self.tracking_code}: {self.subject}"

    @property
    def is_answered(self) -> bool:
        return matches(self, answered_q())

    @property
    def is_overdue(self) -> bool:
        """Overdue today, by ``overdue_q``."""
        return matches(self, overdue_q(timezone.localdate()))

    @property
    def answered_on_time(self) -> bool | None:
        """None while not answered, else whether by ``answered_on_time_q``."""
        if not self.is_answered:
            return None
        return matches(self, answered_on_time_q())


class FeedbackEvent(models.Model):
    """The history of a submission: who did what, and when."""

    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("time"), default=timezone.now)
    user = models.ForeignKey(
        "auth.User", verbose_name=_("by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    action = models.CharField(_("action"), max_length=40)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("feedback event")
        verbose_name_plural = _("feedback events")

    def __str__(self):
        return f"{self.feedback_id} {self.action} {self.at:%Y-%m-%d %H:%M}"


class ReplyTemplate(models.Model):
    """A reusable answer; ``{name}`` and ``{code}`` are filled in when used."""

    commune = models.ForeignKey(
        Commune,
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reply_templates",
        help_text=_("Empty: offered to every commune."),
    )
    title = models.CharField(pgettext_lazy("template", "title"), max_length=120)
    text = models.TextField(
        _("text"), help_text=_("{name} becomes the citizen's name, {code} the tracking code.")
    )

    panels = [FieldPanel("commune"), FieldPanel("title"), FieldPanel("text")]

    class Meta:
        ordering = ["title"]
        verbose_name = _("reply template")
        verbose_name_plural = _("reply templates")

    def __str__(self):
        return self.title

    def fill(self, feedback: Feedback) -> str:
        return self.text.replace("{name}", feedback.name).replace("{code}", feedback.tracking_code)
