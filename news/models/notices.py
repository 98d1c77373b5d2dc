"""The notice banner: an urgent message on every page of one commune's site."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Site


class NoticeLevel(models.TextChoices):
    URGENT = "urgent", _("Urgent (weather, safety)")
    IMPORTANT = "important", _("Important (water or power cut, vaccination day)")


class NoticeQuerySet(models.QuerySet):
    def active(self, at=None) -> "NoticeQuerySet":
        """Notices whose window covers the moment: shown from ``starts_at``
        up to, not including, ``ends_at``."""
        at = at or timezone.now()
        return self.filter(starts_at__lte=at, ends_at__gt=at)

    def for_site(self, site: Site) -> "NoticeQuerySet":
        return self.filter(commune__site=site)


class Notice(models.Model):
    """A short urgent message shown above every page of a commune's site
    during its time window, which a visitor may dismiss."""

    commune = models.ForeignKey(
        "home.Commune", verbose_name=_("commune"), on_delete=models.CASCADE, related_name="notices"
    )
    message = models.CharField(
        _("message"),
        max_length=300,
        help_text=_("One or two sentences: what happens, where and when."),
    )
    level = models.CharField(
        _("level"), max_length=10, choices=NoticeLevel.choices, default=NoticeLevel.IMPORTANT
    )
    link = models.URLField(
        _("link for details"), blank=True, help_text=_("Optional: a page with the details.")
    )
    starts_at = models.DateTimeField(_("shown from"), default=timezone.now)
    ends_at = models.DateTimeField(_("shown until"))
    updated_at = models.DateTimeField(auto_now=True)

    objects = NoticeQuerySet.as_manager()

    panels = [
        FieldPanel("commune"),
        FieldPanel("message"),
        FieldPanel("level"),
        FieldPanel("link"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
    ]

    class Meta:
        verbose_name = _("notice banner")
        verbose_name_plural = _("notice banners")
        ordering = ["-starts_at"]

    def __str__(self):
        return self.message

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The notice must end after it starts.")})

    @property
    def dismiss_key(self) -> str:
        """Changes when the notice is edited, so a corrected notice shows again
        to visitors who dismissed the first version."""
        return f"{self.pk}-{int(self.updated_at.timestamp())}"

    @property
    def is_active(self) -> bool:
        now = timezone.now()
        return self.starts_at <= now < self.ends_at
