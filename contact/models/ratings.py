"""Citizens' ratings of a visit to the one-stop counter."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.models import Commune
from home.rules import matches

from .directory import Official


class RatingLevel(models.TextChoices):
    """The three-level scale of counter-side rating devices; as in Decision
    766/QĐ-TTg, everything but "unsatisfied" counts as satisfied."""

    VERY_SATISFIED = "rat_hai_long", _("Very satisfied")
    SATISFIED = "hai_long", _("Satisfied")
    UNSATISFIED = "khong_hai_long", _("Unsatisfied")


def satisfied_q() -> Q:
    """Satisfied, as Decision 766/QĐ-TTg counts it: every level but
    "không hài lòng" (a level added later counts as satisfied unless it is
    that one)."""
    return ~Q(level=RatingLevel.UNSATISFIED)


class RatingQuerySet(models.QuerySet):
    def satisfied(self) -> "RatingQuerySet":
        return self.filter(satisfied_q())


class Rating(models.Model):
    """A citizen's rating of a visit to the one-stop counter (no login)."""

    commune = models.ForeignKey(
        Commune, verbose_name=_("commune"), on_delete=models.CASCADE, related_name="ratings"
    )
    level = models.CharField(_("rating"), max_length=16, choices=RatingLevel.choices)
    procedure = models.ForeignKey(
        "procedures.Procedure",
        verbose_name=_("procedure"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    official = models.ForeignKey(
        Official,
        verbose_name=_("official who served"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ratings",
    )
    comment = models.TextField(_("comment"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    objects = RatingQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")

    def __str__(self):
        return f"{self.get_level_display()} ({self.created_at:%d/%m/%Y})"

    @property
    def is_satisfied(self) -> bool:
        return matches(self, satisfied_q())
