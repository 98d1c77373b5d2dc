"""The officials' directory: who serves the commune, in which post, and the
number citizens may call."""

from datetime import date

from django.db import models
from django.db.models import Case, Prefetch, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.images import get_image_model
from wagtail.models import Site

from home.models import Commune
from home.phones import PhoneNumberField, format_phone, phone_uri


class Post(models.TextChoices):
    """The posts of a commune, in the order the directory lists them."""

    PARTY_SECRETARY = "bi_thu", _("Party Secretary")
    DEPUTY_PARTY_SECRETARY = "pho_bi_thu", _("Deputy Party Secretary")
    CHAIRMAN = "chu_tich", _("Chairman of the People's Committee")
    VICE_CHAIRMAN = "pho_chu_tich", _("Vice-Chairman of the People's Committee")
    POLICE_CHIEF = "truong_cong_an", _("Chief of Police")
    OFFICE_STATISTICS = "van_phong", _("Office and Statistics")
    JUSTICE_CIVIL_STATUS = "tu_phap", _("Justice and Civil Status")
    LAND_CONSTRUCTION = "dia_chinh", _("Land Administration and Construction")
    CULTURE_SOCIAL = "van_hoa", _("Culture and Social Affairs")
    FINANCE_ACCOUNTING = "tai_chinh", _("Finance and Accounting")
    MILITARY_COMMANDER = "quan_su", _("Military Commander")
    OTHER = "khac", _("Other")


LEADERSHIP_POSTS = [
    Post.PARTY_SECRETARY,
    Post.DEPUTY_PARTY_SECRETARY,
    Post.CHAIRMAN,
    Post.VICE_CHAIRMAN,
    Post.POLICE_CHIEF,
]
LETTER_SIGNER_POSTS = [Post.CHAIRMAN, Post.VICE_CHAIRMAN]
# III.1.1 of the plan: "Công khai số điện thoại của bí thư, phó bí thư đảng ủy,
# chủ tịch, phó chủ tịch ủy ban nhân dân xã, thị trấn và cán bộ, công chức cấp
# xã." The leaders it names, and the commune's civil servants (the six posts
# of công chức cấp xã): each post filled, everyone listed in it with a phone.
# The commune police are not among them.
PHONE_LEADER_POSTS = [
    Post.PARTY_SECRETARY,
    Post.DEPUTY_PARTY_SECRETARY,
    Post.CHAIRMAN,
    Post.VICE_CHAIRMAN,
]
CIVIL_SERVANT_POSTS = [
    Post.OFFICE_STATISTICS,
    Post.JUSTICE_CIVIL_STATUS,
    Post.LAND_CONSTRUCTION,
    Post.CULTURE_SOCIAL,
    Post.FINANCE_ACCOUNTING,
    Post.MILITARY_COMMANDER,
]
PHONE_REQUIRED_POSTS = [*PHONE_LEADER_POSTS, *CIVIL_SERVANT_POSTS]
# Others listed in the directory ("Other": a cán bộ with their own title)
# are shown with a phone too; nobody is required to hold such a post.
PHONE_PUBLISHED_POSTS = [*PHONE_REQUIRED_POSTS, Post.OTHER]
POST_RANK = {post.value: rank for rank, post in enumerate(Post)}


class OfficialQuerySet(models.QuerySet):
    def in_office(self, on: date | None = None) -> "OfficialQuerySet":
        """People whose term covers the day: ended terms disappear from public
        pages without being deleted, future ones appear when they start."""
        on = on or timezone.localdate()
        return self.filter(
            Q(term_start__isnull=True) | Q(term_start__lte=on),
            Q(term_end__isnull=True) | Q(term_end__gte=on),
        )

    def in_directory_order(self) -> "OfficialQuerySet":
        """Leadership first, then civil servants by post, then display order."""
        rank = Case(
            *[When(post=value, then=Value(rank)) for value, rank in POST_RANK.items()],
            output_field=models.IntegerField(),
        )
        return self.annotate(post_rank=rank).order_by("post_rank", "sort_order", "full_name")

    def for_site(self, site: Site) -> "OfficialQuerySet":
        return self.filter(commune__site=site)

    def leader_of(self, commune, post: str) -> "Official | None":
        """The commune's holder of a post: in office first, else the latest known."""
        holders = self.filter(commune=commune, post=post).order_by("sort_order")
        return holders.in_office().first() or holders.first()

    def signers_for(self, communes) -> "OfficialQuerySet":
        """Who may sign a letter or greeting for these communes: their
        leadership, in office."""
        return (
            self.filter(commune__in=communes, post__in=LEADERSHIP_POSTS)
            .in_office()
            .in_directory_order()
            .select_related("commune")
        )

    def letter_signers_for(self, communes) -> "OfficialQuerySet":
        """Who signs a letter of the People's Committee (forms 01-04): its
        chairman, or a vice-chairman on the chairman's behalf, in office."""
        return self.signers_for(communes).filter(post__in=LETTER_SIGNER_POSTS)

    def with_photos(self) -> "OfficialQuerySet":
        """Photo and its renditions in two queries, whatever the number of people."""
        images = get_image_model().objects.prefetch_related("renditions")
        return self.prefetch_related(Prefetch("photo", queryset=images))


class Official(models.Model):
    """One person of a commune's leadership or civil service, with the number
    citizens may call."""

    commune = models.ForeignKey(
        Commune, verbose_name=_("commune"), on_delete=models.CASCADE, related_name="officials"
    )
    full_name = models.CharField(_("full name"), max_length=120)
    post = models.CharField(_("position"), max_length=20, choices=Post.choices)
    title = models.CharField(
        pgettext_lazy("official", "title"),
        max_length=150,
        blank=True,
        help_text=_("Required for “Other”; otherwise shown instead of the position's name."),
    )
    responsibilities = models.TextField(
        _("areas of responsibility"),
        blank=True,
        help_text=_("What citizens may call this person about, e.g. “Hộ tịch, chứng thực”."),
    )
    phone = PhoneNumberField(_("phone"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    term_start = models.DateField(_("term starts"), null=True, blank=True)
    term_end = models.DateField(
        _("term ends"),
        null=True,
        blank=True,
        help_text=_("After this day the person no longer appears on the public pages."),
    )
    sort_order = models.PositiveSmallIntegerField(
        _("display order"),
        default=0,
        help_text=_("Among people of the same position, smaller numbers come first."),
    )
    is_example = models.BooleanField(
        _("example entry"),
        default=False,
        help_text=_("Shown with an “example” mark until replaced by the real person."),
    )

    objects = OfficialQuerySet.as_manager()

    panels = [
        FieldPanel("commune"),
        FieldPanel("full_name"),
        FieldRowPanel([FieldPanel("post"), FieldPanel("title")]),
        FieldPanel("responsibilities"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        FieldPanel("photo"),
        FieldRowPanel([FieldPanel("term_start"), FieldPanel("term_end")]),
        FieldPanel("sort_order"),
        FieldPanel("is_example"),
    ]

    class Meta:
        verbose_name = _("official")
        verbose_name_plural = _("officials")
        ordering = ["commune", "full_name"]

    def __str__(self):
        return f"{self.full_name} ({self.position_label})"

    @property
    def position_label(self) -> str:
        return self.title or str(self.get_post_display())

    @property
    def must_publish_phone(self) -> bool:
        """III.1.1 asks for this person's number on the commune's site."""
        return self.post in PHONE_PUBLISHED_POSTS

    @property
    def is_leadership(self) -> bool:
        return self.post in LEADERSHIP_POSTS

    @property
    def phone_display(self) -> str:
        return format_phone(self.phone)

    @property
    def phone_href(self) -> str:
        return phone_uri(self.phone)
