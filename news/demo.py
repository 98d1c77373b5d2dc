"""Example news, announcements, greetings, letters and a notice for every
commune, each marked "(minh họa)". A section that already has content is left
alone, so running it again changes nothing.

The example pictures and the recording are made here (a coloured picture, a
short tone): nothing is downloaded and no real person's photo is used.
"""

import io
import math
import struct
import wave
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from contact.models import Official, Post
from home.models import Commune
from home.services import ProvisionReport

from .models import (
    AnnouncementIndexPage,
    AnnouncementPage,
    GreetingIndexPage,
    GreetingPage,
    NewsArticlePage,
    NewsCategory,
    NewsIndexPage,
    Notice,
    NoticeLevel,
)

EXAMPLE = "(minh họa)"

ARTICLES = [
    (
        "Ra quân tổng vệ sinh môi trường, hưởng ứng phong trào “Ngày Chủ nhật xanh”",
        NewsCategory.CULTURE,
        "Sáng Chủ nhật, cán bộ, đoàn viên và Nhân dân các thôn ra quân dọn dẹp đường làng, "
        "khơi thông cống rãnh, trồng thêm cây xanh dọc các tuyến đường liên thôn.",
    ),
    (
        "Bộ phận một cửa trả kết quả đúng hẹn 100% hồ sơ trong tháng",
        NewsCategory.REFORM,
        "Trong tháng, Bộ phận tiếp nhận và trả kết quả tiếp nhận hơn 300 hồ sơ; toàn bộ được "
        "giải quyết đúng và trước hạn, không có hồ sơ phải xin lỗi người dân.",
    ),
    (
        "Hội nghị triển khai kế hoạch sản xuất vụ Đông",
        NewsCategory.ECONOMY,
        "UBND triển khai kế hoạch gieo trồng vụ Đông với các cây trồng chủ lực là ngô, khoai "
        "tây và rau màu; khuyến khích liên kết tiêu thụ sản phẩm cho bà con.",
    ),
]

ANNOUNCEMENTS = [
    (
        "Lịch tiêm chủng mở rộng tháng này",
        "Trạm Y tế thông báo: ngày 15 hằng tháng tổ chức tiêm chủng mở rộng cho trẻ em dưới "
        "5 tuổi tại Trạm Y tế. Đề nghị các gia đình mang theo sổ tiêm chủng và đưa trẻ đến "
        "đúng giờ, từ 7 giờ 30 đến 11 giờ.",
        True,
    ),
    (
        "Thông báo lịch thu gom rác thải sinh hoạt",
        "Từ tuần này, xe thu gom rác thải sinh hoạt đi qua các thôn vào sáng thứ Ba và thứ "
        "Sáu hằng tuần. Đề nghị các hộ gia đình phân loại rác tại nguồn và để đúng nơi quy "
        "định trước 7 giờ sáng.",
        False,
    ),
]


def example_picture(commune: Commune, title: str, hue: int):
    """A plain picture (fields and sky) in the commune's collection."""
    picture = PILImage.new("RGB", (1600, 900), (120 + hue % 60, 170, 90))
    draw = ImageDraw.Draw(picture)
    draw.rectangle((0, 0, 1600, 420), fill=(150, 190, 225))
    draw.ellipse((1200, 80, 1380, 260), fill=(250, 215, 90))
    for row in range(6):
        draw.rectangle((0, 460 + row * 75, 1600, 490 + row * 75), fill=(80, 140 + row * 8, 60))
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=80)
    image_model = get_image_model()
    image = image_model(title=f"{title} {EXAMPLE}", collection=commune.collection)
    image.file = ImageFile(
        ContentFile(buffer.getvalue()), name=f"minh-hoa-{commune.slug}-{hue}.jpg"
    )
    image.save()
    return image


def example_recording(commune: Commune):
    """Two seconds of a soft tone as a WAV file, standing in for a recording."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as audio:
        audio.setnchannels(1)
        audio.setsampwidth(2)
        audio.setframerate(8000)
        frames = b"".join(
            struct.pack("<h", int(3000 * math.sin(2 * math.pi * 440 * n / 8000)))
            for n in range(16000)
        )
        audio.writeframes(frames)
    document = get_document_model()(
        title=f"Ghi âm thông báo tiêm chủng {EXAMPLE}", collection=commune.collection
    )
    document.file.save(f"thong-bao-{commune.slug}.wav", ContentFile(buffer.getvalue()), save=False)
    document.save()
    return document


def leader(commune: Commune, post=Post.CHAIRMAN):
    return Official.objects.leader_of(commune, post)


def publish_child(parent, page) -> None:
    parent.add_child(instance=page)
    page.save_revision().publish()


def load_example_news(commune: Commune, index: NewsIndexPage, report) -> None:
    if NewsArticlePage.objects.child_of(index).exists():
        return
    today = timezone.localdate()
    picture = example_picture(commune, "Cánh đồng vụ Đông", 0)
    for number, (title, category, lead) in enumerate(ARTICLES):
        article = NewsArticlePage(
            title=f"{title} {EXAMPLE}",
            slug=f"tin-minh-hoa-{number + 1}",
            date=today - timedelta(days=number * 4),
            category=category,
            lead=lead,
            image=picture if number != 1 else None,
            image_alt="Cánh đồng và bầu trời, ảnh minh họa",
            body=[
                ("paragraph", f"<p>{lead}</p><p>Đây là bài viết minh họa do hệ thống tạo ra.</p>"),
                (
                    "quote",
                    {"quote": "Chính quyền gần dân, hiểu dân, phục vụ dân.", "attribution": ""},
                ),
            ],
        )
        publish_child(index, article)
    report.record(f"{commune.full_name}: example news")


def load_example_announcements(commune: Commune, index: AnnouncementIndexPage, report) -> None:
    if AnnouncementPage.objects.child_of(index).exists():
        return
    today = timezone.localdate()
    for number, (title, text, with_audio) in enumerate(ANNOUNCEMENTS):
        page = AnnouncementPage(
            title=f"{title} {EXAMPLE}",
            slug=f"thong-bao-minh-hoa-{number + 1}",
            date=today - timedelta(days=number * 2),
            text=text,
            audio=example_recording(commune) if with_audio else None,
        )
        publish_child(index, page)
    report.record(f"{commune.full_name}: example announcements")


def load_example_greetings(commune: Commune, index: GreetingIndexPage, report) -> None:
    if GreetingPage.objects.child_of(index).exists():
        return
    chairman = leader(commune)
    name = commune.name_in_sentence
    now = timezone.now()
    signature = (
        {
            "signer": chairman,
            "signer_name": chairman.full_name,
            "signer_position": chairman.position_label,
        }
        if chairman
        else {}
    )
    past = GreetingPage(
        title=f"Thư chúc mừng Ngày Nhà giáo Việt Nam 20/11 {EXAMPLE}",
        slug="chuc-mung-ngay-nha-giao",
        occasion="ngay-nha-giao-viet-nam",
        text=(
            "<p>Nhân dịp kỷ niệm Ngày Nhà giáo Việt Nam 20/11, thay mặt lãnh đạo "
            f"{name}, tôi trân trọng gửi tới các thầy giáo, cô giáo, cán bộ quản lý "
            "giáo dục lời chúc mừng tốt đẹp nhất.</p>"
        ),
        starts_at=now - timedelta(days=40),
        ends_at=now - timedelta(days=30),
        **signature,
    )
    current = GreetingPage(
        title=f"Thư chúc mừng năm mới của Chủ tịch UBND {name} {EXAMPLE}",
        slug="chuc-mung-nam-moi",
        occasion="new-year",
        image=example_picture(commune, "Mừng năm mới", 40),
        text=(
            "<p>Kính gửi toàn thể cán bộ, đảng viên và Nhân dân!</p>"
            "<p>Nhân dịp năm mới, thay mặt Đảng ủy, HĐND, UBND, Ủy ban MTTQ "
            f"{name}, tôi xin gửi tới toàn thể Nhân dân lời chúc sức khỏe, "
            "hạnh phúc và thành công. Chúc các gia đình một năm mới an khang, thịnh vượng; "
            "cùng chung sức xây dựng quê hương ngày càng giàu đẹp, văn minh.</p>"
        ),
        starts_at=now - timedelta(days=1),
        ends_at=now + timedelta(days=30),
        **signature,
    )
    for page in (past, current):
        publish_child(index, page)
    report.record(f"{commune.full_name}: example greetings")


def load_example_notice(commune: Commune, report) -> None:
    if Notice.objects.filter(commune=commune).exists():
        return
    now = timezone.now()
    Notice.objects.create(
        commune=commune,
        level=NoticeLevel.IMPORTANT,
        message=(
            "Tạm ngừng cấp nước sạch từ 8 giờ đến 16 giờ thứ Bảy tuần này để sửa đường ống "
            f"{EXAMPLE}."
        ),
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(days=5),
    )
    report.record(f"{commune.full_name}: example notice")


def load_demo_news(report: ProvisionReport) -> None:
    communes = Commune.objects.filter(site__isnull=False).select_related("site", "collection")
    for commune in communes:
        home = commune.site.root_page
        news = NewsIndexPage.objects.child_of(home).first()
        if news is not None:
            load_example_news(commune, news, report)
        announcements = AnnouncementIndexPage.objects.child_of(home).first()
        if announcements is not None:
            load_example_announcements(commune, announcements, report)
        greetings = GreetingIndexPage.objects.child_of(home).first()
        if greetings is not None:
            load_example_greetings(commune, greetings, report)
        load_example_notice(commune, report)
