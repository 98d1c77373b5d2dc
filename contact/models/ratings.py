"""Citizens' ratings of the commune's service: of how an administrative
procedure was handled at the one-stop counter, and of citizen reception
(tiếp công dân). The plan (III.1.1) asks for QR codes "để người dân ...
đánh giá trực tiếp hiệu quả công tác tiếp công dân, giải quyết các thủ tục
hành chính": two services, rated and counted apart."""

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


class RatingKind(models.TextChoices):
    """What is rated. Ratings given before kinds existed were all given at
    the one-stop counter's poster, so they are procedure-handling ratings."""

    PROCEDURE = "thu_tuc", _("Handling of administrative procedures")
    RECEPTION = "tiep_cong_dan", _("Citizen reception")


def of_kind_q(kind: str) -> Q:
    """Ratings of one kind (``RatingKind``)."""
    return Q(kind=kind)


def satisfied_q() -> Q:
    """Satisfied, as Decision 766/QĐ-TTg counts it: every level but
    "không hài lòng" (a level added later counts as satisfied unless it is
    that one)."""
    return ~Q(level=RatingLevel.UNSATISFIED)


class RatingQuerySet(models.QuerySet):
    def satisfied(self) -> "RatingQuerySet":
        return self.filter(satisfied_q())


class Rating(models.Model):
    """A citizen's rating of a visit (no login): of a procedure's handling
    at the one-stop counter, or of citizen reception (``kind``)."""

    commune = models.ForeignKey(
        Commune, verbose_name=_("commune"), on_delete=models.CASCADE, related_name="ratings"
    )
    kind = models.CharField(
        _("what is rated"),
        max_length=16,
        choices=RatingKind.choices,
        default=RatingKind.PROCEDURE,
        db_index=True,
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
    # Demo content: counted like any rating, so the demo's figures read as
    # real ones would, and removable as a whole.
    is_example = models.BooleanField(_("example entry"), default=False)

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
