"""Admin screens for the directory, the district report, and the contact
pages' part in provisioning and demo content."""

from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from home.scoping import CommuneScopedPermissionPolicy, CommuneScopedViewSet
from procedures.wagtail_hooks import DistrictAdminMenuItem

from . import views
from .models import ContactPage, OfficePage, Official, ReceptionPage

CONTACT_SLUG = "lien-he"
OFFICE_SLUG = "mot-cua"
RECEPTION_SLUG = "tiep-cong-dan"

register_permission_policy(Official, CommuneScopedPermissionPolicy(Official))


class OfficialViewSet(CommuneScopedViewSet):
    model = Official
    icon = "group"
    menu_label = gettext_lazy("Officials' directory")
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["full_name", "position_label", "phone_display", "commune", "term_end"]
    list_filter = ["commune", "post"]
    search_fields = ["full_name", "title", "phone", "email"]
    search_backend_name = None
    ordering = ["commune", "full_name"]


@hooks.register("register_admin_viewset")
def register_official_viewset():
    return OfficialViewSet("officials")


@hooks.register("register_admin_urls")
def register_contact_admin_urls():
    return [
        path(
            "contact/missing-phones/",
            views.MissingLeadershipPhonesReport.as_view(),
            name="contact_missing_phones",
        ),
        path(
            "contact/missing-phones/results/",
            views.MissingLeadershipPhonesReport.as_view(results_only=True),
            name="contact_missing_phones_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_missing_phones_report():
    return DistrictAdminMenuItem(
        gettext_lazy("Communes missing leadership phone numbers"),
        reverse("contact_missing_phones"),
        icon_name="mobile-alt",
        order=710,
    )


@hooks.register("commune_editor_permissions")
def commune_editor_contact_permissions():
    return ["contact.add_official", "contact.change_official", "contact.delete_official"]


@hooks.register("district_admin_permissions")
def district_admin_contact_permissions():
    return ["contact.add_official", "contact.change_official", "contact.delete_official"]


def contact_pages() -> list[tuple[type, str, str, str, bool]]:
    """(page type, slug, title, introduction, in menu) of the pages every
    commune gets; texts in the home page's language."""
    return [
        (
            ContactPage,
            CONTACT_SLUG,
            _("Contact and directory"),
            _(
                "The phone numbers of the commune's leaders and civil servants: "
                "call the person in charge directly."
            ),
            True,
        ),
        (
            OfficePage,
            OFFICE_SLUG,
            _("One-stop office"),
            _(
                "Where to submit and collect your dossiers, when the office is open "
                "and who serves at each counter."
            ),
            True,
        ),
        (
            ReceptionPage,
            RECEPTION_SLUG,
            _("Citizen reception"),
            _(
                "When and where the commune's leaders receive citizens, the rules for "
                "complaints and denunciations, and the yearly dialogue with residents."
            ),
            False,
        ),
    ]


@hooks.register("provision_commune")
def provision_contact_pages(*, commune, home_page, report):
    with translation.override(home_page.locale.language_code):
        pages = contact_pages()
    for page_type, slug, title, intro, in_menu in pages:
        if page_type.objects.child_of(home_page).exists():
            continue
        page = page_type(title=title, slug=slug, intro=intro, show_in_menus=in_menu)
        home_page.add_child(instance=page)
        page.save_revision().publish()
        report.record(f"{commune.full_name}: {slug} page created")


@hooks.register("load_demo_content")
def load_demo_contact_content(*, report):
    from .demo import load_demo_directory_and_office

    load_demo_directory_and_office(report)
