"""The plan's criteria, each commune's progress against them with evidence,
launch dates, and the sites of communes that were merged away."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Site

from home.models import Commune
from home.rules import matches

from .history import CarriesEvidence, RecordsStatusChanges


class CriterionSection(models.Model):
    """A group of criteria as the plan groups them in section III (1.1 …
    2.2, under "1. Đối với hoạt động của chính quyền" and "2. Đối với cán bộ
    công chức"), and the "Công an thân thiện" group (V.3) whose criteria the
    district police set and the district enters (``filled_by_district``).
    ``number`` only orders the groups."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title = models.CharField(pgettext_lazy("section", "title"), max_length=250)
    plan_reference = models.CharField(_("plan section"), max_length=20, blank=True)
    part = models.CharField(_("part of the plan"), max_length=120, blank=True)
    filled_by_district = models.BooleanField(
        _("criteria entered by the district"),
        default=False,
        help_text=_("The plan does not list these criteria: the district enters them."),
    )
    agency = models.CharField(_("checked by"), max_length=120, blank=True)
    agency_basis = models.CharField(_("basis in the plan"), max_length=20, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("criteria section")
        verbose_name_plural = _("criteria sections")

    def __str__(self):
        return f"{self.number}. {self.title}"


class Criterion(models.Model):
    """One duty of the commune in section III, quoted as the plan writes it
    (``requirement``), who checks it (``agency``: Phòng Nội vụ for what is
    tied to administrative reform, V.2; the district agency of its field,
    V.6; the district police, V.3), and how the website carries it."""

    section = models.ForeignKey(
        CriterionSection,
        verbose_name=_("section"),
        on_delete=models.PROTECT,
        related_name="criteria",
    )
    code = models.CharField(_("code"), max_length=10, unique=True)
    heading = models.CharField(_("heading in the plan"), max_length=200, blank=True)
    requirement = models.TextField(_("requirement"))
    agency = models.CharField(_("checked by"), max_length=120, blank=True)
    agency_basis = models.CharField(_("basis in the plan"), max_length=20, blank=True)
    means = models.TextField(_("how it is met"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("display order"), default=0)

    class Meta:
        ordering = ["section__number", "sort_order"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self):
        return f"{self.code} {self.requirement[:80]}"


class ProgressStatus(models.TextChoices):
    NOT_STARTED = "not_started", pgettext_lazy("criterion status", "Not started")
    IN_PROGRESS = "in_progress", pgettext_lazy("criterion status", "In progress")
    MET = "met", pgettext_lazy("criterion status", "Met")


def met_q(as_of: date | None = None) -> Q:
    """Counts as met: "met" and confirmed by the district (an editor's
    "met" is a proposal until then); with ``as_of``, confirmed by the end of
    that local day (a confirmation of unknown time counts)."""
    rule = Q(status=ProgressStatus.MET, confirmed=True)
    if as_of is None:
        return rule
    return rule & (Q(confirmed_at__isnull=True) | Q(confirmed_at__date__lte=as_of))


class CriterionProgressQuerySet(models.QuerySet):
    def met(self, as_of: date | None = None) -> "CriterionProgressQuerySet":
        return self.filter(met_q(as_of))


class CriterionProgress(RecordsStatusChanges, CarriesEvidence):
    """Where one commune stands on one criterion, with its evidence.

    A commune editor's save is a proposal (``confirmed`` goes back to False);
    only a district admin's confirmation makes a "met" count in the figures.
    Every change of status or confirmation is kept (``StatusChange``), at
    the confirmation's time when there is one.
    """

    tracked_fields = ("status", "confirmed")
    history_target = "criterion"

    commune = models.ForeignKey(
        Commune,
        verbose_name=_("commune"),
        on_delete=models.CASCADE,
        related_name="criterion_progress",
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="progress"
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ProgressStatus.choices,
        default=ProgressStatus.NOT_STARTED,
    )
    evidence_url = models.URLField(_("evidence link"), blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    confirmed = models.BooleanField(
        _("confirmed by the district"),
        default=False,
        help_text=_("Only district admins confirm; an editor's change needs a new confirmation."),
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    objects = CriterionProgressQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("commune"), FieldPanel("criterion")]),
        FieldRowPanel([FieldPanel("status"), FieldPanel("date")]),
        MultiFieldPanel(
            [
                FieldPanel("evidence_url"),
                FieldPanel("evidence_document"),
                FieldPanel("evidence_image"),
                FieldPanel("note"),
            ],
            heading=_("Evidence"),
        ),
        FieldPanel("confirmed"),
    ]

    class Meta:
        ordering = ["commune", "criterion__section__number", "criterion__sort_order"]
        verbose_name = _("criterion progress")
        verbose_name_plural = _("criteria progress")
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "criterion"], name="one_progress_per_commune_criterion"
            )
        ]

    def __str__(self):
        return f"{self.commune}: {self.criterion.code}"

    def change_time(self):
        if self.confirmed and self.confirmed_at:
            return self.confirmed_at
        return timezone.now()

    @property
    def counts_as_met(self) -> bool:
        return matches(self, met_q())


class CommuneLaunch(models.Model):
    """When a commune's friendly-government site opened to the public: the
    pilot first (October), the others the month after."""

    commune = models.OneToOneField(
        Commune, verbose_name=_("commune"), on_delete=models.CASCADE, related_name="launch"
    )
    launch_date = models.DateField(_("launch date"))
    is_pilot = models.BooleanField(_("pilot commune"), default=False)
    note = models.CharField(_("note"), max_length=250, blank=True)

    class Meta:
        ordering = ["launch_date", "commune"]
        verbose_name = _("launch")
        verbose_name_plural = _("launches")

    def __str__(self):
        return f"{self.commune}: {self.launch_date:%d/%m/%Y}"

    @property
    def has_launched(self) -> bool:
        return self.launch_date <= timezone.localdate()


class ArchivedSite(models.Model):
    """The site of a commune merged into another. Its hostname keeps
    answering: every old address is a permanent redirect (see
    ``district.middleware``) to its page's new place."""

    site = models.OneToOneField(
        Site, verbose_name=_("site"), on_delete=models.CASCADE, related_name="archive"
    )
    former_code = models.CharField(_("former statistical code"), max_length=5)
    former_name = models.CharField(_("former name"), max_length=120)
    merged_into = models.ForeignKey(
        Commune,
        verbose_name=_("merged into"),
        on_delete=models.PROTECT,
        related_name="archived_sites",
    )
    archived_at = models.DateTimeField(_("archived at"), default=timezone.now)

    class Meta:
        ordering = ["-archived_at"]
        verbose_name = _("archived site")
        verbose_name_plural = _("archived sites")

    def __str__(self):
        return f"{self.site.hostname} → {self.merged_into}"
