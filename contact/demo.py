"""Example officials, office and reception content for every commune.

Everything is marked as an example (the officials' ``is_example`` flag, the
office's ``location_is_example``, "(minh họa)" in document titles). Phone
numbers are office landlines in the commune's example block, never mobile
numbers that could belong to a stranger. Only empty things are filled, so
running it again changes nothing.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone, translation
from wagtail.documents import get_document_model

from home.models import Commune
from home.services import ProvisionReport
from procedures.dossiers import apology_letter_params
from procedures.models import Dossier

from .demo_activity import load_demo_activity
from .letters import save_letter
from .models import (
    DialogueMeetingPage,
    Letter,
    LetterKind,
    OfficeCounter,
    OfficeOpeningPeriod,
    OfficePage,
    Official,
    Post,
    ReceptionDocument,
    ReceptionPage,
    ReceptionSlot,
    RuleKind,
)

EXAMPLE_MARK = "(minh họa)"
FAMILY_NAMES = ["Nguyễn", "Thân", "Trần", "Giáp", "Lê", "Phạm", "Hoàng", "Đỗ", "Vũ", "Ngô"]
MIDDLE_NAMES = ["Văn", "Thị", "Đức", "Minh", "Hữu", "Thu"]
GIVEN_NAMES = ["Hùng", "Lan", "Hải", "Tuấn", "Hương", "Dũng", "Thắng", "Mai", "Nam", "Hà"]

# (post, responsibilities, sort order) of the example directory.
DIRECTORY = [
    (Post.PARTY_SECRETARY, "Lãnh đạo toàn diện công tác của Đảng ủy", 0),
    (Post.DEPUTY_PARTY_SECRETARY, "Công tác xây dựng Đảng, dân vận", 0),
    (Post.CHAIRMAN, "Chỉ đạo chung UBND; tiếp công dân định kỳ", 0),
    (Post.VICE_CHAIRMAN, "Kinh tế, đất đai, xây dựng, nông nghiệp", 1),
    (Post.VICE_CHAIRMAN, "Văn hóa, xã hội, giáo dục, y tế", 2),
    (Post.POLICE_CHIEF, "An ninh trật tự, cư trú, căn cước", 0),
    (Post.OFFICE_STATISTICS, "Tiếp nhận và trả kết quả, văn thư, thống kê", 0),
    (Post.JUSTICE_CIVIL_STATUS, "Hộ tịch, chứng thực, hòa giải", 0),
    (Post.LAND_CONSTRUCTION, "Đất đai, xây dựng, môi trường", 0),
    (Post.CULTURE_SOCIAL, "Chính sách xã hội, bảo hiểm y tế, người có công", 0),
    (Post.FINANCE_ACCOUNTING, "Ngân sách, thu phí và lệ phí", 0),
    (Post.MILITARY_COMMANDER, "Quân sự, đăng ký nghĩa vụ quân sự", 0),
]

# The district seat (Vôi); example offices are placed around it.
DISTRICT_CENTRE = (Decimal("21.364300"), Decimal("106.250500"))

WHAT_TO_BRING = (
    "<ul><li>Căn cước công dân (bản chính) của người nộp hồ sơ</li>"
    "<li>Giấy tờ theo danh mục của từng thủ tục (xem trang Thủ tục hành chính)</li>"
    "<li>Giấy ủy quyền có chứng thực nếu nộp hồ sơ thay người khác</li>"
    "<li>Tiền phí, lệ phí theo quy định (có thể chuyển khoản hoặc quét mã QR)</li></ul>"
)

RULE_DOCUMENTS = [
    (RuleKind.SCHEDULE, "Lịch tiếp công dân năm {year} (minh họa)"),
    (RuleKind.RECEPTION_RULES, "Nội quy tiếp công dân (minh họa)"),
    (RuleKind.COMPLAINTS, "Quy trình giải quyết khiếu nại (minh họa)"),
    (RuleKind.DENUNCIATIONS, "Quy trình giải quyết tố cáo (minh họa)"),
]


def example_name(commune: Commune, index: int) -> str:
    seed = int(commune.code) + index * 7
    return " ".join(
        (
            FAMILY_NAMES[seed % len(FAMILY_NAMES)],
            MIDDLE_NAMES[(seed // 3) % len(MIDDLE_NAMES)],
            GIVEN_NAMES[(seed // 2 + index) % len(GIVEN_NAMES)],
        )
    )


def example_phone(commune: Commune, index: int) -> str:
    """An office landline in the commune's example block (see home.demo)."""
    return f"020438{commune.code[-2:]}{index + 100:03d}"


def load_example_directory(commune: Commune, report: ProvisionReport) -> None:
    if Official.objects.filter(commune=commune).exists():
        return
    # The 2026-2031 term of the People's Councils and Committees.
    term_start, term_end = date(2026, 7, 1), date(2031, 6, 30)
    for index, (post, responsibilities, order) in enumerate(DIRECTORY):
        Official.objects.create(
            commune=commune,
            full_name=example_name(commune, index),
            post=post,
            responsibilities=responsibilities,
            phone=example_phone(commune, index),
            email=f"canbo{index + 1}.{commune.slug}@langgiang.example",
            term_start=term_start,
            term_end=term_end,
            sort_order=order,
            is_example=True,
        )
    report.record(f"{commune.full_name}: example directory ({len(DIRECTORY)} people)")


def load_example_office(commune: Commune, page: OfficePage, index: int, report) -> None:
    if page.opening_periods.exists():
        return
    lat, lon = DISTRICT_CENTRE
    page.latitude = lat + Decimal(index % 5 - 2) * Decimal("0.018")
    page.longitude = lon + Decimal(index // 5 - 2) * Decimal("0.021")
    page.location_is_example = True
    page.has_wifi = page.has_photocopier = page.has_waiting_area = True
    page.has_drinking_water = page.has_reading_shelf = page.has_parking = True
    page.wifi_network = f"UBND-{commune.slug.upper()}-KHACH"
    page.what_to_bring = WHAT_TO_BRING
    for weekday in range(5):
        page.opening_periods.add(
            OfficeOpeningPeriod(weekday=weekday, opens=time(7, 30), closes=time(11, 30))
        )
        page.opening_periods.add(
            OfficeOpeningPeriod(weekday=weekday, opens=time(13, 30), closes=time(17, 0))
        )
    page.opening_periods.add(OfficeOpeningPeriod(weekday=5, opens=time(7, 30), closes=time(11, 30)))
    staff = {o.post: o for o in Official.objects.filter(commune=commune)}
    counters = [
        ("Quầy số 1", Post.JUSTICE_CIVIL_STATUS, "Hộ tịch, chứng thực"),
        ("Quầy số 2", Post.LAND_CONSTRUCTION, "Đất đai, xây dựng"),
        ("Quầy số 3", Post.CULTURE_SOCIAL, "Chính sách xã hội, bảo hiểm y tế"),
    ]
    for name, post, handles in counters:
        page.counters.add(
            OfficeCounter(
                name=name, official=staff.get(post), handles=handles, days="Thứ Hai – sáng Thứ Bảy"
            )
        )
    page.save_revision().publish()
    report.record(f"{commune.full_name}: example one-stop office")


def example_document(commune: Commune, title: str, kind: str):
    Document = get_document_model()
    with translation.override(settings.LANGUAGE_CODE):
        unit = commune.unit_title
    text = (
        f"{commune.full_name.upper()}\n\n{title.upper()}\n\n"
        "Văn bản minh họa do hệ thống tạo ra để trình bày trang. "
        f"{unit} sẽ thay bằng văn bản chính thức đã được ban hành.\n"
    )
    document = Document(title=title, collection=commune.collection)
    document.file.save(f"{kind}-{commune.slug}.txt", ContentFile(text.encode("utf-8")), save=False)
    document.save()
    return document


def load_example_reception(commune: Commune, page: ReceptionPage, report) -> None:
    if page.slots.exists():
        return
    staff = {o.post: o for o in Official.objects.filter(commune=commune)}
    page.place = "Phòng tiếp công dân, tầng 1 trụ sở UBND"
    page.slots.add(
        ReceptionSlot(
            official=staff.get(Post.CHAIRMAN), days="Ngày 15 hằng tháng", hours="7:30 – 11:30"
        )
    )
    page.slots.add(
        ReceptionSlot(
            receiver="Công chức Tư pháp - Hộ tịch", days="Thứ Năm hằng tuần", hours="7:30 – 17:00"
        )
    )
    year = timezone.localdate().year
    for kind, title in RULE_DOCUMENTS:
        title = title.format(year=year)
        page.rule_documents.add(
            ReceptionDocument(
                kind=kind, title=title, document=example_document(commune, title, kind)
            )
        )
    page.save_revision().publish()
    chairman = staff.get(Post.CHAIRMAN)
    for meeting in example_meetings(commune, chairman):
        page.add_child(instance=meeting)
        meeting.save_revision().publish()
    report.record(f"{commune.full_name}: example citizen reception and dialogue meetings")


def example_meetings(commune: Commune, chairman) -> list[DialogueMeetingPage]:
    """Last year's meeting with its outcome, and the coming one announced."""
    today = timezone.localdate()
    coming = timezone.make_aware(datetime.combine(today + timedelta(days=21), time(8, 0)))
    held = coming - timedelta(days=364)
    chaired = f"Ông/bà {chairman.full_name}, Chủ tịch UBND" if chairman else ""
    topics = "Thủ tục hành chính tại Bộ phận một cửa\nĐất đai, xây dựng\nVệ sinh môi trường"
    return [
        DialogueMeetingPage(
            title=f"Đối thoại trực tiếp với Nhân dân năm {held.year} (minh họa)",
            slug=f"doi-thoai-{held.year}",
            starts_at=held,
            place=f"Hội trường UBND {commune.full_name}",
            chaired_by=chaired,
            topics=topics,
            how_to_take_part="Người dân đăng ký ý kiến tại Bộ phận một cửa hoặc qua trưởng thôn.",
            outcome=(
                "<p>Hội nghị tiếp nhận 12 ý kiến; 10 ý kiến được trả lời trực tiếp tại hội nghị, "
                "2 ý kiến về đất đai được giao công chức Địa chính trả lời bằng văn bản trong "
                "15 ngày.</p>"
            ),
        ),
        DialogueMeetingPage(
            title=f"Đối thoại trực tiếp với Nhân dân năm {coming.year} (minh họa)",
            slug=f"doi-thoai-{coming.year}",
            starts_at=coming,
            place=f"Hội trường UBND {commune.full_name}",
            chaired_by=chaired,
            topics=topics,
            how_to_take_part=(
                "Gửi ý kiến trước qua trang Góp ý, tại Bộ phận một cửa hoặc qua trưởng thôn; "
                "mọi người dân đều có thể dự."
            ),
        ),
    ]


def load_demo_contact(report: ProvisionReport) -> None:
    communes = Commune.objects.filter(site__isnull=False).select_related("site", "collection")
    for index, commune in enumerate(communes):
        load_example_directory(commune, report)
        home = commune.site.root_page
        office = OfficePage.objects.child_of(home).first()
        if office is not None:
            load_example_office(commune, office, index, report)
        reception = ReceptionPage.objects.child_of(home).first()
        if reception is not None:
            load_example_reception(commune, reception, report)
        load_example_letters(commune, report)
    load_demo_activity(report)


def apology_for_late_dossier(commune: Commune) -> Letter:
    """The apology (form 02) the commune owes for its late example dossier,
    drafted as the dossier's "apology letter" button drafts it: the
    applicant, the reason naming the receipt code, the new appointment."""
    late = Dossier.objects.filter(commune=commune, is_example=True).late().first()
    if late is None:
        return Letter(
            kind=LetterKind.APOLOGY,
            recipient_name=f"Bà Trần Thị Lựu {EXAMPLE_MARK}",
            recipient_address="Thôn Trại, " + commune.name_in_sentence,
            reason="hồ sơ chứng thực của bà được trả kết quả chậm 2 ngày so với giấy hẹn",
        )
    params = apology_letter_params(late)
    return Letter(
        kind=LetterKind.APOLOGY,
        recipient_name=f"Ông {params['recipient_name']} {EXAMPLE_MARK}",
        recipient_address="Thôn Trại, " + commune.name_in_sentence,
        reason=params["reason"],
        new_appointment_date=late.new_appointment_date,
    )


def load_example_letters(commune: Commune, report) -> None:
    if Letter.objects.filter(commune=commune).exists():
        return
    chairman = Official.objects.leader_of(commune, Post.CHAIRMAN)
    if chairman is None:
        return
    today = timezone.localdate()
    letters = [
        Letter(
            kind=LetterKind.THANK_YOU,
            recipient_name=f"Ông Nguyễn Văn Hảo {EXAMPLE_MARK}",
            recipient_address="Thôn Đồng, " + commune.name_in_sentence,
            reason="ủng hộ 50 triệu đồng và ngày công xây dựng nhà văn hóa thôn",
            consent_to_publish=True,
            consent_note="Đồng ý bằng văn bản (minh họa)",
            publish_on_thanks_page=True,
        ),
        Letter(
            kind=LetterKind.THANK_YOU,
            recipient_name=f"Công ty TNHH Nông sản Bắc Giang {EXAMPLE_MARK}",
            reason="tặng 200 suất quà cho học sinh có hoàn cảnh khó khăn",
            consent_to_publish=True,
            consent_note="Đồng ý qua điện thoại, đã ghi sổ (minh họa)",
            publish_on_thanks_page=True,
        ),
        apology_for_late_dossier(commune),
        Letter(
            kind=LetterKind.CONDOLENCE,
            recipient_name=f"Gia đình ông Lê Văn Tâm {EXAMPLE_MARK}",
            recipient_address="Thôn Hạ, " + commune.name_in_sentence,
            reason="cụ Lê Văn Bình, sinh năm 1938, đã từ trần",
        ),
    ]
    for letter in letters:
        letter.commune, letter.letter_date, letter.signer = commune, today, chairman
        save_letter(letter)
    report.record(f"{commune.full_name}: example letters")
