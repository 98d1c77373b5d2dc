"""Admin screens for letters and notice banners, and the news section's part
in provisioning, editors' permissions and demo content."""

from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.models import GroupSitePermission
from wagtail.permissions import register_permission_policy

from home.scoping import CommuneScopedPermissionPolicy, CommuneScopedViewSet

from . import views
from .models import (
    AnnouncementIndexPage,
    GreetingIndexPage,
    Letter,
    NewsIndexPage,
    Notice,
    ThankYouPage,
)

NEWS_SLUG = "tin-tuc"
ANNOUNCEMENTS_SLUG = "thong-bao"
GREETINGS_SLUG = "loi-chuc"
THANKS_SLUG = "cam-on"

letter_policy = CommuneScopedPermissionPolicy(Letter)
register_permission_policy(Letter, letter_policy)
register_permission_policy(Notice, CommuneScopedPermissionPolicy(Notice))


class LetterViewSet(CommuneScopedViewSet):
    """The letters' register; each letter opens for editing and printing."""

    model = Letter
    icon = "mail"
    menu_label = gettext_lazy("Letters")
    menu_order = 230
    add_to_admin_menu = True
    index_view_class = views.LetterIndexView
    add_view_class = views.LetterCreateView
    edit_view_class = views.LetterEditView
    list_display = [
        Column("register_entry", label=gettext_lazy("Number"), sort_key="number"),
        "kind",
        "recipient_name",
        "letter_date",
        "drafted_by",
    ]
    list_filter = ["commune", "kind", "year"]
    list_export = [
        "year",
        "number",
        "register_entry",
        "kind",
        "recipient_name",
        "recipient_address",
        "letter_date",
        "signer_name",
        "drafted_by",
        "commune",
    ]
    export_headings = {"register_entry": gettext_lazy("Number")}
    export_filename = "so-dang-ky-thu"
    search_fields = ["recipient_name", "reason"]
    search_backend_name = None
    ordering = ["-year", "-number"]

    @property
    def print_view(self):
        return views.LetterPrintView.as_view(permission_policy=letter_policy)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("print/<int:pk>/", self.print_view, name="print"),
        ]


class NoticeViewSet(CommuneScopedViewSet):
    model = Notice
    icon = "warning"
    menu_label = gettext_lazy("Notice banners")
    menu_order = 240
    add_to_admin_menu = True
    list_display = ["message", "level", "starts_at", "ends_at", "commune"]
    list_filter = ["commune", "level"]
    search_fields = ["message"]
    search_backend_name = None
    ordering = ["-starts_at"]


@hooks.register("register_admin_viewset")
def register_letter_viewset():
    return LetterViewSet("letters")


@hooks.register("register_admin_viewset")
def register_notice_viewset():
    return NoticeViewSet("notices")


@hooks.register("commune_editor_permissions")
def commune_editor_news_permissions():
    """Editors register and change their letters but never delete one: the
    register keeps every number it gave."""
    return [
        "news.add_letter",
        "news.change_letter",
        "news.add_notice",
        "news.change_notice",
        "news.delete_notice",
    ]


@hooks.register("district_admin_permissions")
def district_admin_news_permissions():
    return [
        f"news.{action}_{model}"
        for action in ("add", "change", "delete")
        for model in ("letter", "notice")
    ] + ["news.change_lettersettings"]


def news_pages() -> list[tuple[type, str, str, str, bool]]:
    """(page type, slug, title, introduction, in menu), in the home page's language."""
    return [
        (
            NewsIndexPage,
            NEWS_SLUG,
            _("News"),
            _("News of the commune's government and life, newest first."),
            True,
        ),
        (
            AnnouncementIndexPage,
            ANNOUNCEMENTS_SLUG,
            _("Announcements"),
            _(
                "Announcements read on the village loudspeakers, with their recordings "
                "when there is one."
            ),
            True,
        ),
        (
            GreetingIndexPage,
            GREETINGS_SLUG,
            _("Greetings"),
            _("The commune leaders' greetings to residents on holidays and occasions."),
            False,
        ),
        (
            ThankYouPage,
            THANKS_SLUG,
            _("Thank you"),
            _(
                "The commune thanks the people and organisations who contributed to its "
                "development. Named here with their consent."
            ),
            False,
        ),
    ]


@hooks.register("provision_commune")
def provision_news_pages(*, commune, home_page, report):
    with translation.override(home_page.locale.language_code):
        pages = news_pages()
    for page_type, slug, title, intro, in_menu in pages:
        if page_type.objects.child_of(home_page).exists():
            continue
        page = page_type(title=title, slug=slug, intro=intro, show_in_menus=in_menu)
        home_page.add_child(instance=page)
        page.save_revision().publish()
        report.record(f"{commune.full_name}: {slug} page created")
    grant_letter_settings(commune, report)


def grant_letter_settings(commune, report) -> None:
    """The commune's editors adapt the rules printed with its letters, for
    their own site only (Wagtail's per-site settings permission)."""
    from home.services import get_permission

    if commune.editors_group is None or commune.site is None:
        return
    _grant, created = GroupSitePermission.objects.get_or_create(
        group=commune.editors_group,
        site=commune.site,
        permission=get_permission("news.change_lettersettings"),
    )
    if created:
        report.record(f"{commune.editors_group.name}: letter settings for {commune.site.hostname}")


@hooks.register("load_demo_content")
def load_demo_news_content(*, report):
    from .demo import load_demo_news

    load_demo_news(report)


@hooks.register("apology_letter_url")
def apology_letter_for_a_late_dossier(*, dossier, params):
    """The district's dossier register offers an apology (form 02) for a late
    dossier: the drafting screen, prefilled."""
    from urllib.parse import urlencode

    from .models import LetterKind

    return f"{reverse('letters:add')}?{urlencode({**params, 'kind': LetterKind.APOLOGY})}"
