"""The procedure catalogue: district records shared by every commune, and
what each commune adds (local notes, procedures of its own).
"""

from datetime import timedelta

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Case, OuterRef, Prefetch, Q, Subquery, When
from django.db.models.functions import Length
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.models import Orderable, Site

from home.models import Commune, SectionPage
from home.phones import PhoneNumberField, format_phone, phone_uri
from home.search import fold, query_words
from home.sections import section_links, section_pages

national_code_validator = RegexValidator(
    r"^\d+\.\d+$", _("A national code is digits, a dot, then digits, e.g. 1.001193.")
)


class ProcedureField(models.Model):
    """A field (lĩnh vực) of the national procedure taxonomy, e.g. Hộ tịch."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("procedure field")
        verbose_name_plural = _("procedure fields")

    def __str__(self):
        return self.name


class ProcedureQuerySet(models.QuerySet):
    def for_commune(self, commune: Commune) -> "ProcedureQuerySet":
        """District records that apply to communes, plus the commune's own."""
        return self.filter(Q(commune__isnull=True, applies_to_communes=True) | Q(commune=commune))

    def for_site(self, site: Site) -> "ProcedureQuerySet":
        """The same as ``for_commune``, without loading the commune first."""
        return self.filter(
            Q(commune__isnull=True, applies_to_communes=True) | Q(commune__site=site)
        )

    def with_local_note(self, site: Site) -> "ProcedureQuerySet":
        """Adds ``note_*`` attributes from the site's commune's note, in the same query."""
        notes = LocalProcedureNote.objects.filter(procedure=OuterRef("pk"), commune__site=site)
        return self.annotate(
            **{
                f"note_{name}": Subquery(notes.values(column)[:1])
                for name, column in (
                    ("handled_by", "handled_by"),
                    ("counter", "counter"),
                    ("phone", "phone"),
                    ("text", "note"),
                )
            }
        )

    def district(self) -> "ProcedureQuerySet":
        return self.filter(commune__isnull=True)

    def matching(self, query: str) -> "ProcedureQuerySet":
        """Every word of the query, folded, appears in the folded text; whole
        phrase matches in the name come first."""
        words = query_words(query)
        if not words:
            return self
        queryset = self
        for word in words:
            queryset = queryset.filter(search_text__contains=word)
        phrase = " ".join(words)
        return queryset.annotate(
            phrase_rank=Case(When(search_text__contains=phrase, then=0), default=1),
            name_length=Length("name"),
        ).order_by("phrase_rank", "name_length", "name")

    def stale(self, today=None) -> "ProcedureQuerySet":
        """District records not reviewed in the last 12 months, or never."""
        today = today or timezone.localdate()
        limit = today - timedelta(days=365)
        return (
            self.district()
            .filter(Q(last_reviewed__isnull=True) | Q(last_reviewed__lt=limit))
            .order_by("last_reviewed", "code")
        )

    def with_rows(self) -> "ProcedureQuerySet":
        return self.select_related("field").prefetch_related(
            "submission_methods",
            Prefetch("documents", queryset=RequiredDocument.objects.select_related("template")),
            "legal_bases",
        )


class Procedure(ClusterableModel):
    """One administrative procedure as the National Public Service Portal publishes it.

    With no commune it is a district record, kept once by district admins and
    shown by every commune; with a commune it is that commune's own procedure.
    """

    commune = models.ForeignKey(
        Commune,
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="own_procedures",
        help_text=_("Empty for a district record shared by every commune."),
    )
    code = models.CharField(_("national code"), max_length=20, validators=[national_code_validator])
    name = models.CharField(_("name"), max_length=400)
    field = models.ForeignKey(
        ProcedureField, verbose_name=_("field"), on_delete=models.PROTECT, related_name="+"
    )
    decision = models.CharField(_("publishing decision"), max_length=200, blank=True)
    level = models.CharField(_("level of implementation"), max_length=200, blank=True)
    applies_to_communes = models.BooleanField(
        _("shown by every commune"),
        default=True,
        help_text=_("Commune-level procedures are listed on every commune's catalogue."),
    )
    applicants = models.TextField(_("applicants"), blank=True)
    steps = models.TextField(_("steps"), blank=True, help_text=_("One step per line."))
    conditions = models.TextField(_("conditions"), blank=True)
    implementing_agency = models.CharField(_("implementing agency"), max_length=300, blank=True)
    result = models.TextField(_("result"), blank=True)
    processing_time = models.TextField(_("time limit"), blank=True)
    fee = models.TextField(_("fees and charges"), blank=True)
    processing_note = models.TextField(
        _("note on the time limit and fees"),
        blank=True,
        help_text=_("What a citizen should know besides them, shown under them."),
    )
    keywords = models.CharField(_("keywords"), max_length=300, blank=True)
    online_service_url = models.URLField(_("online service link"), max_length=500, blank=True)
    source_url = models.URLField(_("source"), max_length=500, blank=True)
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)
    search_text = models.TextField(editable=False, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProcedureQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("code"), FieldPanel("commune")]),
                FieldPanel("name"),
                FieldRowPanel([FieldPanel("field"), FieldPanel("level")]),
                FieldPanel("decision"),
                FieldPanel("applies_to_communes"),
            ],
            heading=_("Identity"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("applicants"),
                FieldPanel("steps"),
                FieldPanel("conditions"),
                FieldPanel("implementing_agency"),
                FieldPanel("result"),
                FieldPanel("processing_time"),
                FieldPanel("fee"),
                FieldPanel("processing_note"),
            ],
            heading=_("Content"),
        ),
        InlinePanel("submission_methods", heading=_("Ways of submission"), label=_("way")),
        InlinePanel(
            "documents",
            heading=_("Required documents"),
            label=pgettext_lazy("procedure", "document"),
        ),
        InlinePanel("legal_bases", heading=_("Legal basis"), label=_("legal document")),
        MultiFieldPanel(
            [
                FieldPanel("keywords"),
                FieldPanel("online_service_url"),
                FieldPanel("source_url"),
                FieldPanel("last_reviewed"),
            ],
            heading=_("Links and review"),
        ),
    ]

    class Meta:
        ordering = ["field__name", "name"]
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(commune__isnull=True),
                name="unique_district_procedure_code",
            ),
            models.UniqueConstraint(
                fields=["commune", "code"], name="unique_commune_procedure_code"
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    def save(self, *args, **kwargs):
        self.search_text = self.build_search_text()
        super().save(*args, **kwargs)

    def build_search_text(self) -> str:
        parts = [self.code, self.name, self.keywords, self.applicants, self.result]
        if self.field_id:
            parts.append(self.field.name)
        return f" {fold(' '.join(parts))} "

    @property
    def step_list(self) -> list[str]:
        return [line.strip() for line in self.steps.splitlines() if line.strip()]

    @property
    def note_phone_display(self) -> str:
        """The local note's phone (``with_local_note``), grouped for reading."""
        return format_phone(getattr(self, "note_phone", None) or "")

    @property
    def note_phone_href(self) -> str:
        return phone_uri(getattr(self, "note_phone", None) or "")


class SubmissionMethod(Orderable):
    """A way to submit (in person, online, by post), each with its own limits."""

    IN_PERSON = "in_person"
    ONLINE = "online"
    POST = "post"
    METHODS = [
        (IN_PERSON, _("In person")),
        (ONLINE, _("Online")),
        (POST, _("By post")),
    ]

    procedure = ParentalKey(Procedure, on_delete=models.CASCADE, related_name="submission_methods")
    method = models.CharField(_("way of submission"), max_length=20, choices=METHODS)
    time_limit = models.CharField(_("time limit"), max_length=300, blank=True)
    fee = models.CharField(_("fee"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldPanel("method"),
        FieldPanel("time_limit"),
        FieldPanel("fee"),
        FieldPanel("description"),
    ]


class RequiredDocument(Orderable):
    procedure = ParentalKey(Procedure, on_delete=models.CASCADE, related_name="documents")
    name = models.TextField(pgettext_lazy("procedure", "document"))
    template = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("form template"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    originals = models.PositiveSmallIntegerField(_("originals"), null=True, blank=True)
    copies = models.PositiveSmallIntegerField(_("copies"), null=True, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("template"),
        FieldRowPanel([FieldPanel("originals"), FieldPanel("copies")]),
    ]


class LegalBasis(Orderable):
    procedure = ParentalKey(Procedure, on_delete=models.CASCADE, related_name="legal_bases")
    number = models.CharField(_("number"), max_length=100)
    summary = models.TextField(_("summary"), blank=True)
    issued_on = models.DateField(_("date issued"), null=True, blank=True)
    issuer = models.CharField(_("issuer"), max_length=200, blank=True)

    panels = [
        FieldPanel("number"),
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("issued_on"), FieldPanel("issuer")]),
    ]


class LocalProcedureNote(models.Model):
    """What one commune adds to a procedure: who handles it, where, which phone."""

    commune = models.ForeignKey(
        Commune, verbose_name=_("commune"), on_delete=models.CASCADE, related_name="procedure_notes"
    )
    procedure = models.ForeignKey(
        Procedure, verbose_name=_("procedure"), on_delete=models.CASCADE, related_name="local_notes"
    )
    handled_by = models.CharField(_("handled by"), max_length=200, blank=True)
    counter = models.CharField(_("counter"), max_length=200, blank=True)
    phone = PhoneNumberField(_("local phone"), max_length=30, blank=True)
    note = models.TextField(_("note"), blank=True)

    panels = [
        FieldPanel("commune"),
        FieldPanel("procedure"),
        FieldPanel("handled_by"),
        FieldPanel("counter"),
        FieldPanel("phone"),
        FieldPanel("note"),
    ]

    class Meta:
        verbose_name = _("local procedure note")
        verbose_name_plural = _("local procedure notes")
        constraints = [
            models.UniqueConstraint(fields=["commune", "procedure"], name="one_note_per_commune")
        ]

    def __str__(self):
        return f"{self.commune}: {self.procedure.code}"


def procedure_summary(procedure: Procedure) -> str:
    """One line for search results and for links shared on Facebook or Zalo;
    a time limit or fee the catalogue does not give is left out, not shown
    as a placeholder."""
    parts = [f"{procedure.code} · {procedure.field.name}."]
    if procedure.processing_time:
        parts.append(
            _("Time limit: %(time)s.") % {"time": Truncator(procedure.processing_time).chars(80)}
        )
    if procedure.fee:
        parts.append(_("Fees: %(fee)s") % {"fee": Truncator(procedure.fee).chars(60)})
    return " ".join(parts)


def rating_codes(rating_page, request) -> list[dict]:
    """The poster's two rating codes: the rating page itself rates the
    handling of a procedure, its ``reception`` route rates citizen reception
    (the plan asks for both). The route is found by its name, as this layer
    may not import the contact app that owns the page."""
    url = rating_page.get_url(request)
    return [
        {
            "url": request.build_absolute_uri(url),
            "label": _("Rate the handling of your procedure"),
        },
        {
            "url": request.build_absolute_uri(url + rating_page.reverse_subpage("reception")),
            "label": _("Rate citizen reception"),
        },
    ]


class ProcedureIndexPage(RoutablePageMixin, SectionPage):
    """A commune's catalogue: district procedures plus its own, with a page per
    procedure at ``<catalogue>/<national code>/`` and a printable counter poster."""

    class Meta:
        verbose_name = _("procedure catalogue")
        verbose_name_plural = _("procedure catalogues")

    def commune_for(self, request) -> Commune:
        return Commune.objects.get(site=Site.find_for_request(request))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["catalogue_url"] = self.get_url(request)
        return context

    @path("")
    def catalogue(self, request):
        site = Site.find_for_request(request)
        procedures = list(Procedure.objects.for_site(site).select_related("field"))
        counters = dict(
            LocalProcedureNote.objects.filter(commune__site=site)
            .exclude(counter="")
            .values_list("procedure_id", "counter")
        )
        for procedure in procedures:
            procedure.note_counter = counters.get(procedure.pk, "")
        fields = sorted({p.field for p in procedures}, key=lambda f: fold(f.name))
        query = request.GET.get("q", "").strip()[:200]
        field_slug = request.GET.get("linh-vuc", "")
        results = procedures
        if query:
            matching = Procedure.objects.for_site(site).matching(query)
            order = {pk: rank for rank, pk in enumerate(matching.values_list("pk", flat=True))}
            results = sorted((p for p in procedures if p.pk in order), key=lambda p: order[p.pk])
        if field_slug:
            results = [p for p in results if p.field.slug == field_slug]
        groups: dict = {}
        for procedure in results:
            groups.setdefault(procedure.field, []).append(procedure)
        return self.render(
            request,
            context_overrides={
                "fields": fields,
                "query": query,
                "field_slug": field_slug,
                "results": results,
                "groups": dict(sorted(groups.items(), key=lambda item: fold(item[0].name))),
                "dossier_lookup": self.dossier_lookup(request),
            },
        )

    def dossier_lookup(self, request) -> tuple[str, str] | None:
        """(address, title) of the commune's dossier look-up page: a citizen
        who has applied looks for it beside the procedures."""
        return section_links(self, request, "dossier_lookup").get("dossier_lookup")

    @re_path(r"^(?P<code>\d+\.\d+)/$", name="procedure")
    def procedure_detail(self, request, code):
        site = Site.find_for_request(request)
        procedure = get_object_or_404(
            Procedure.objects.for_site(site).with_local_note(site).with_rows(), code=code
        )
        return self.render(
            request,
            template="procedures/procedure_detail.html",
            context_overrides={
                "procedure": procedure,
                "procedure_url": request.build_absolute_uri(),
                "dossier_lookup": self.dossier_lookup(request),
                "share_title": procedure.name,
                "meta_description": procedure_summary(procedure),
            },
        )

    @path("in-poster/", name="poster")
    def poster(self, request):
        """An A4 sheet for the one-stop counter: QR codes to the catalogue,
        feedback, both ratings (of a procedure's handling, of citizen
        reception), and to common procedures by field."""
        commune = self.commune_for(request)
        catalogue_url = request.build_absolute_uri(self.get_url(request))
        by_field: dict = {}
        for procedure in Procedure.objects.for_commune(commune).select_related("field"):
            group = by_field.setdefault(procedure.field, [])
            if len(group) < 3:
                procedure.public_url = f"{catalogue_url}{procedure.code}/"
                group.append(procedure)
        sections = section_pages(self.get_parent(), "feedback", "rating")
        main_codes = [{"url": catalogue_url, "label": _("Administrative procedures")}]
        if "feedback" in sections:
            url = request.build_absolute_uri(sections["feedback"].get_url(request))
            main_codes.append({"url": url, "label": _("Send feedback")})
        if "rating" in sections:
            main_codes.extend(rating_codes(sections["rating"].specific, request))
        return self.render(
            request,
            template="procedures/poster.html",
            context_overrides={
                "commune": commune,
                "by_field": dict(sorted(by_field.items(), key=lambda item: fold(item[0].name))),
                "main_codes": main_codes,
            },
        )
