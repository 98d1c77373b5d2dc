"""Believable Vietnamese demo content for every commune, marked as examples.

Only empty fields are filled, so a second run changes nothing and an
editor's own text is never overwritten.
"""

from wagtail.models import Locale, Page

from .models import Commune, CommuneSettings, HomePage, StandardPage, lower_first
from .services import ProvisionReport, assign_changed

OPENING_HOURS = (
    "Thứ Hai – Thứ Sáu: sáng 7:30 – 11:30, chiều 13:30 – 17:00\n"
    "Sáng Thứ Bảy: 7:30 – 11:30 (Bộ phận một cửa tiếp nhận hồ sơ)"
)


def example_contact_details(commune: Commune) -> dict:
    tail = commune.code[-3:]
    return {
        "address": f"Trụ sở UBND {lower_first(commune.full_name)}, "
        f"{lower_first(commune.district)}, {lower_first(commune.province)}",
        "phone": f"0204 38{tail[1:]} {tail}",
        "email": f"ubnd.{commune.slug}@langgiang.example",
        "zalo_url": f"https://zalo.me/020438{tail[1:]}{tail}",
        "facebook_url": f"https://www.facebook.com/ubnd.{commune.slug}.example",
        "opening_hours": OPENING_HOURS,
        "details_are_examples": True,
    }


def home_intro(commune: Commune) -> str:
    return (
        f"Trang thông tin điện tử của {commune.full_name}: công khai thủ tục hành chính, "
        "số điện thoại của lãnh đạo và cán bộ, lắng nghe và trả lời ý kiến của nhân dân."
    )


# Quoted from the plan ("Kế hoạch xây dựng “Chính quyền thân thiện” ở các xã,
# thị trấn trên địa bàn huyện Lạng Giang", August 2022): issued by the
# district's Steering Committee, carrying out the Huyện ủy's Plan 50-KH/HU;
# I.1, I.2 and III.2.2 word for word.
PLAN_ISSUER = (
    "Kế hoạch của Ban Chỉ đạo thực hiện xây dựng “Chính quyền thân thiện” huyện Lạng Giang, "
    "thực hiện Kế hoạch số 50-KH/HU ngày 22/10/2021 của Ban Thường vụ Huyện ủy"
)
PLAN_AIM = (
    "đổi mới mạnh mẽ lề lối làm việc từ “mệnh lệnh hành chính” sang "
    "“phục vụ, hướng dẫn, vận động, thuyết phục”; xây dựng phong cách "
    "“trọng dân, gần dân, hiểu dân, học dân và có trách nhiệm với dân”"
)
PLAN_WHO = "cán bộ, công chức, nhân viên; cán bộ, chiến sỹ lực lượng công an"
# What an earlier version of the demo wrote, misquoting the plan: a home
# page still holding it is refilled.
MISQUOTED_HOME = "Thực hiện Kế hoạch của Huyện ủy Lạng Giang"


def home_body(commune: Commune) -> list:
    return [
        ("heading", {"text": "Xây dựng chính quyền thân thiện", "level": "h2"}),
        (
            "paragraph",
            f"<p>Thực hiện {PLAN_ISSUER}, {commune.full_name} {PLAN_AIM}.</p>"
            f"<p>Mỗi {PLAN_WHO} thực hiện nghiêm “4 xin”, “4 luôn” và “5 không” "
            "khi tiếp đón người dân tại bộ phận một cửa.</p>",
        ),
    ]


def about_body(commune: Commune) -> list:
    return [
        (
            "paragraph",
            f"<p>{commune.full_name} thuộc {commune.district}, {commune.province}. "
            "Trụ sở Ủy ban nhân dân là nơi người dân đến làm thủ tục hành chính, "
            "gặp lãnh đạo và phản ánh, kiến nghị.</p>"
            "<p>Tại trụ sở có chỗ để xe, khu vực chờ với nước uống và giá sách báo, "
            "wifi miễn phí và máy photocopy phục vụ nhân dân.</p>",
        )
    ]


def load_demo_communes(report: ProvisionReport) -> ProvisionReport:
    """Each commune's settings, home and about pages, and the pilot's English home."""
    for commune in Commune.objects.filter(site__isnull=False).select_related("site"):
        fill_settings(commune, report)
        home = fill_home(commune, report)
        about = StandardPage.objects.child_of(home).filter(slug="gioi-thieu").first()
        if about is not None:
            fill_page(about, {"body": about_body(commune)}, report)
    pilot = Commune.objects.filter(slug="voi").select_related("site").first()
    if pilot is not None:
        translate_pilot_home(pilot, report)
    return report


def fill_home(commune: Commune, report: ProvisionReport) -> HomePage:
    home = HomePage.objects.get(pk=commune.site.root_page_id)
    if MISQUOTED_HOME in str(home.body.raw_data):
        home.body = []
    fill_page(home, {"intro": home_intro(commune), "body": home_body(commune)}, report)
    return home


def fill_settings(commune: Commune, report: ProvisionReport) -> None:
    settings = CommuneSettings.for_site(commune.site)
    blanks = {
        name: value
        for name, value in example_contact_details(commune).items()
        if name == "details_are_examples" or not getattr(settings, name)
    }
    if any(name != "details_are_examples" for name in blanks) and assign_changed(settings, blanks):
        settings.save()
        report.record(f"{commune.full_name}: example contact details")


def fill_page(page: Page, values: dict, report: ProvisionReport) -> None:
    blanks = {name: value for name, value in values.items() if not getattr(page, name)}
    if not blanks:
        return
    assign_changed(page, blanks)
    page.save_revision().publish()
    report.record(f"{page.title}: demo content")


def translate_pilot_home(commune: Commune, report: ProvisionReport) -> None:
    """An English version of the pilot commune's home, to show the language switch."""
    english = Locale.objects.get(language_code="en")
    home = HomePage.objects.get(pk=commune.site.root_page_id)
    if home.has_translation(english):
        return
    translated = home.copy_for_translation(english)
    translated.title = f"{commune.name} Town" if commune.kind == "thi_tran" else commune.name
    translated.intro = (
        f"The website of {commune.name}: administrative procedures, the phone numbers "
        "of our leaders and officials, and a place where residents are heard and answered."
    )
    translated.body = []
    translated.save_revision().publish()
    report.record(f"{commune.full_name}: English home page")
