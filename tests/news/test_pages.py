"""The news section as citizens see it: provisioning, listings, articles with
responsive images, greetings on the home page and in the archive, the
thank-you page, and bounded queries."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from contact.models import Letter, LetterKind
from district.demo import load_demo_content
from home.models import Commune
from news.models import (
    AnnouncementIndexPage,
    GreetingIndexPage,
    GreetingPage,
    NewsArticlePage,
    NewsIndexPage,
    ThankYouPage,
)
from tests.factories import (
    AnnouncementPageFactory,
    GreetingPageFactory,
    LetterFactory,
    NewsArticlePageFactory,
    OfficialFactory,
)

from .conftest import get, html

pytestmark = pytest.mark.django_db


def test_every_commune_gets_the_four_news_pages():
    expected = [
        (NewsIndexPage, "tin-tuc", "Tin tức", True),
        (AnnouncementIndexPage, "thong-bao", "Thông báo", True),
        (GreetingIndexPage, "loi-chuc", "Lời chúc", True),
        (ThankYouPage, "cam-on", "Lời cảm ơn", True),
    ]
    for commune in Commune.objects.filter(site__isnull=False):
        root = commune.site.root_page
        for page_type, slug, title, in_menu in expected:
            page = page_type.objects.child_of(root).get()
            assert (page.slug, page.title, page.live, page.show_in_menus) == (
                slug,
                title,
                True,
                in_menu,
            )


def test_news_index_lists_own_articles_newest_first_ten_a_page(sections):
    today = timezone.localdate()
    for n in range(12):
        NewsArticlePageFactory(
            parent=sections["voi"]["news"],
            title=f"Tin Vôi số {n:02d}",
            date=today - timedelta(days=n),
        )
    NewsArticlePageFactory(parent=sections["kep"]["news"], title="Tin riêng của Kép")
    first = html("voi", "/tin-tuc/")
    titles = re.findall(r"Tin Vôi số (\d\d)", first)
    assert titles == [f"{n:02d}" for n in range(10)]
    assert "Tin riêng của Kép" not in first
    assert "Trang 1 / 2" in first and 'rel="next"' in first
    second = html("voi", "/tin-tuc/?trang=2")
    assert re.findall(r"Tin Vôi số (\d\d)", second) == ["10", "11"]
    past_the_end = html("voi", "/tin-tuc/?trang=99")
    assert re.findall(r"Tin Vôi số (\d\d)", past_the_end) == ["10", "11"]
    assert re.findall(r"Tin Vôi số (\d\d)", html("voi", "/tin-tuc/?trang=abc"))[:2] == ["00", "01"]


def test_news_index_filters_by_category(sections):
    NewsArticlePageFactory(parent=sections["voi"]["news"], title="Tin kinh tế", category="kinh-te")
    NewsArticlePageFactory(parent=sections["voi"]["news"], title="Tin an ninh", category="an-ninh")
    text = html("voi", "/tin-tuc/?chuyen-muc=kinh-te")
    assert "Tin kinh tế" in text and "Tin an ninh" not in text
    assert "Tin an ninh" in html("voi", "/tin-tuc/?chuyen-muc=khong-co")


def test_unpublished_articles_are_not_listed(sections):
    draft = NewsArticlePageFactory(parent=sections["voi"]["news"], title="Bản nháp bí mật")
    draft.unpublish()
    assert "Bản nháp bí mật" not in html("voi", "/tin-tuc/")
    assert get("voi", f"/tin-tuc/{draft.slug}/").status_code == 404


def test_article_images_are_responsive_webp_and_lazy(sections, make_image):
    image = make_image(title="Cánh đồng lúa")
    NewsArticlePageFactory(
        parent=sections["voi"]["news"],
        title="Tin có ảnh",
        slug="tin-co-anh",
        image=image,
        image_alt="Cánh đồng lúa chín",
        body=[
            (
                "image",
                {"image": image, "caption": "Chú thích ảnh", "alt_text": "Nông dân gặt lúa"},
            )
        ],
    )
    text = html("voi", "/tin-tuc/tin-co-anh/")
    pictures = re.findall(r"<picture>.*?</picture>", text, re.S)
    assert len(pictures) == 2
    for picture in pictures:
        source = re.search(r"<source [^>]*>", picture).group(0)
        assert 'type="image/webp"' in source
        srcset = re.search(r'srcset="([^"]+)"', source).group(1)
        assert re.findall(r"\.webp (\d+)w", srcset) == ["400", "800", "1200"]
        assert 'sizes="(min-width: 60rem) 56rem, 100vw"' in source
        assert re.search(r'<img [^>]*srcset="[^"]+\.jpg 400w', picture)
    main, in_body = pictures
    assert 'alt="Cánh đồng lúa chín"' in main and 'loading="lazy"' not in main
    assert 'alt="Nông dân gặt lúa"' in in_body and 'loading="lazy"' in in_body
    assert '<meta property="og:type" content="article">' in text
    assert re.search(r'<meta property="og:image" content="http://voi\.localhost:8000/', text)

    listing = html("voi", "/tin-tuc/")
    item = re.search(r"<picture>.*?</picture>", listing, re.S).group(0)
    assert 'loading="lazy"' in item and 'type="image/webp"' in item
    assert re.search(r"\.webp 320w, [^\"]+\.webp 640w", item)


def test_article_body_renders_quote_table_and_document(sections, communes):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    document = Document(title="Kế hoạch chi tiết", collection=communes["voi"].collection)
    document.file.save("ke-hoach.pdf", ContentFile(b"%PDF-1.4"), save=False)
    document.save()
    NewsArticlePageFactory(
        parent=sections["voi"]["news"],
        slug="tin-day-du",
        body=[
            ("paragraph", "<p>Đoạn văn <b>đậm</b>.</p>"),
            ("quote", {"quote": "Dân biết, dân bàn", "attribution": "Khẩu hiệu"}),
            (
                "table",
                {
                    "data": [["Thôn", "Số hộ"], ["Thôn Đồng", "120"]],
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                },
            ),
            ("document", {"document": document, "title": ""}),
        ],
    )
    text = html("voi", "/tin-tuc/tin-day-du/")
    assert "<blockquote><p>Dân biết, dân bàn</p></blockquote>" in text
    assert re.search(r'<div class="table-scroll" tabindex="0">\s*<table>', text)
    assert re.search(r'<th scope="col"[^>]*>\s*Thôn\s*</th>', text)
    assert "Kế hoạch chi tiết" in text and "(PDF)" in text


def test_news_pages_have_no_inline_script(sections, make_image):
    NewsArticlePageFactory(parent=sections["voi"]["news"], slug="tin-a", image=make_image())
    GreetingPageFactory(parent=sections["voi"]["greetings"], slug="loi-chuc-a")
    for path in ("/", "/tin-tuc/", "/tin-tuc/tin-a/", "/loi-chuc/", "/loi-chuc/loi-chuc-a/"):
        tags = re.findall(r"<script\b[^>]*>", html("voi", path))
        inline = [tag for tag in tags if " src=" not in tag]
        # Structured data is the one script written into a page.
        assert set(inline) <= {'<script type="application/ld+json">'}, (path, inline)


def test_news_index_queries_are_bounded(sections, make_image, django_assert_max_num_queries):
    for n in range(15):
        NewsArticlePageFactory(
            parent=sections["voi"]["news"], title=f"Tin {n}", image=make_image(title=f"Ảnh {n}")
        )
    html("voi", "/tin-tuc/")  # renditions are made on the first view
    html("voi", "/tin-tuc/?trang=2")
    with django_assert_max_num_queries(12):
        assert get("voi", "/tin-tuc/").status_code == 200
    with django_assert_max_num_queries(12):
        assert get("voi", "/tin-tuc/?trang=2").status_code == 200


def greeting(sections, commune="voi", **kwargs):
    return GreetingPageFactory(parent=sections[commune]["greetings"], **kwargs)


def test_live_greeting_is_on_the_home_page_with_its_signer(sections, communes, make_image):
    chairman = OfficialFactory(commune=communes["voi"], full_name="Thân Văn Chủ", post="chu_tich")
    greeting(
        sections,
        title="Mừng Xuân Bính Ngọ",
        occasion="lunar-new-year",
        image=make_image(),
        signer=chairman,
        signer_name=chairman.full_name,
        signer_position=chairman.position_label,
    )
    text = html("voi", "/")
    card = re.search(r'<section class="greeting-card".*?</section>', text, re.S).group(0)
    assert "Mừng Xuân Bính Ngọ" in card and "Tết Nguyên đán" in card
    assert "Thân Văn Chủ, Chủ tịch UBND" in card
    assert 'type="image/webp"' in card
    assert "Mừng Xuân Bính Ngọ" not in html("kep", "/")


def test_greeting_not_yet_live_is_hidden_everywhere(sections):
    now = timezone.now()
    page = greeting(
        sections,
        title="Lời chúc chưa đến giờ",
        slug="chua-den-gio",
        starts_at=now + timedelta(hours=2),
        ends_at=now + timedelta(days=3),
    )
    assert page.live  # published in advance
    assert "Lời chúc chưa đến giờ" not in html("voi", "/")
    assert "Lời chúc chưa đến giờ" not in html("voi", "/loi-chuc/")
    assert get("voi", "/loi-chuc/chua-den-gio/").status_code == 404
    assert "chua-den-gio" not in html("voi", "/sitemap.xml")


def test_expired_greeting_leaves_the_home_page_for_the_archive(sections):
    now = timezone.now()
    greeting(
        sections,
        title="Lời chúc Quốc khánh",
        slug="quoc-khanh",
        occasion="quoc-khanh",
        starts_at=now - timedelta(days=10),
        ends_at=now - timedelta(minutes=1),
    )
    greeting(sections, title="Lời chúc đang hiện", slug="dang-hien")
    home = html("voi", "/")
    assert "Lời chúc Quốc khánh" not in home and "Lời chúc đang hiện" in home
    archive = html("voi", "/loi-chuc/")
    assert "Lời chúc Quốc khánh" in archive and "Lời chúc đang hiện" in archive
    assert archive.index("Lời chúc đang hiện") < archive.index("Lời chúc Quốc khánh")
    assert "Quốc khánh nước CHXHCN Việt Nam" in archive
    assert get("voi", "/loi-chuc/quoc-khanh/").status_code == 200


def test_greeting_must_leave_the_home_page_after_it_goes_live(sections):
    now = timezone.now()
    page = GreetingPage(
        title="Sai lịch", occasion="new-year", text="<p>x</p>", starts_at=now, ends_at=now
    )
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "ends_at" in error.value.message_dict


def test_greeting_page_has_share_links_and_open_graph_image(sections, make_image):
    greeting(sections, title="Chúc mừng 8/3", slug="8-3", image=make_image())
    text = html("voi", "/loi-chuc/8-3/")
    url = "http%3A%2F%2Fvoi.localhost%3A8000%2Floi-chuc%2F8-3%2F"
    assert f'href="https://www.facebook.com/sharer/sharer.php?u={url}"' in text
    assert f'href="https://sp.zalo.me/plugins/share?href={url}"' in text
    og = re.search(r'<meta property="og:image" content="([^"]+)">', text).group(1)
    assert og.startswith("http://voi.localhost:8000/media/images/") and og.endswith(".jpg")
    assert '<meta property="og:image:width" content="1200">' in text
    assert '<meta property="og:title" content="Chúc mừng 8/3">' in text


def test_greetings_archive_queries_are_bounded(sections, make_image, django_assert_max_num_queries):
    now = timezone.now()
    for n in range(12):
        greeting(
            sections,
            title=f"Lời chúc {n}",
            image=make_image(title=f"Ảnh {n}"),
            starts_at=now - timedelta(days=30 + n),
            ends_at=now - timedelta(days=20 + n),
        )
    greeting(sections, title="Lời chúc hiện tại", image=make_image())
    html("voi", "/loi-chuc/")
    html("voi", "/")
    with django_assert_max_num_queries(12):
        assert get("voi", "/loi-chuc/").status_code == 200
    with django_assert_max_num_queries(12):
        assert get("voi", "/").status_code == 200


def test_announcement_page_plays_the_recording(sections, make_audio):
    AnnouncementPageFactory(
        parent=sections["voi"]["announcements"],
        title="Lịch cắt điện",
        slug="lich-cat-dien",
        text="Điện lực thông báo cắt điện.\nThời gian: sáng thứ Bảy.",
        audio=make_audio(),
    )
    text = html("voi", "/thong-bao/lich-cat-dien/")
    assert re.search(r'<audio controls preload="none" src="/documents/\d+/thong-bao', text)
    assert "<p>Điện lực thông báo cắt điện.</p>" in text and "đọc khoảng 1 phút" in text
    listing = html("voi", "/thong-bao/")
    assert "Lịch cắt điện" in listing and "có bản ghi âm" in listing
    assert 'type="application/rss+xml"' in listing


def test_announcement_text_must_be_short_enough_to_read_aloud(sections):
    page = AnnouncementPageFactory.build(text="chữ " * 400, title="Quá dài", slug="qua-dai")
    with pytest.raises(ValidationError) as error:
        page.full_clean(exclude=["path", "depth", "url_path", "translation_key", "locale"])
    assert "text" in error.value.message_dict


def test_thank_you_page_names_only_consenting_contributors(sections, communes):
    voi = communes["voi"]
    LetterFactory(
        commune=voi,
        recipient_name="Ông Đồng Ý Công Khai",
        recipient_address="Số nhà 12 bí mật",
        reason="tặng 100 cây xanh",
        consent_to_publish=True,
        consent_note="Đồng ý bằng văn bản",
        publish_on_thanks_page=True,
    )
    LetterFactory(commune=voi, recipient_name="Bà Không Muốn Nêu Tên")
    LetterFactory(
        commune=voi,
        recipient_name="Ông Đồng Ý Nhưng Chưa Đăng",
        consent_to_publish=True,
        consent_note="Đồng ý",
    )
    LetterFactory(commune=voi, kind=LetterKind.APOLOGY, recipient_name="Bà Được Xin Lỗi")
    LetterFactory(
        commune=communes["kep"],
        recipient_name="Ông Của Kép",
        consent_to_publish=True,
        consent_note="Đồng ý",
        publish_on_thanks_page=True,
    )
    text = html("voi", "/cam-on/")
    assert "Ông Đồng Ý Công Khai" in text and "tặng 100 cây xanh" in text
    for hidden in (
        "Số nhà 12 bí mật",
        "Bà Không Muốn Nêu Tên",
        "Ông Đồng Ý Nhưng Chưa Đăng",
        "Bà Được Xin Lỗi",
        "Ông Của Kép",
    ):
        assert hidden not in text


def test_demo_content_is_marked_complete_and_idempotent(communes):
    load_demo_content()
    voi = communes["voi"]
    root = voi.site.root_page
    articles = NewsArticlePage.objects.descendant_of(root)
    assert articles.count() == 3 and all("(minh họa)" in a.title for a in articles)
    greetings = GreetingPage.objects.descendant_of(root)
    assert {g.is_current for g in greetings} == {True, False}
    assert all(g.signer_name for g in greetings)
    letters = Letter.objects.filter(commune=voi)
    assert {letter.kind for letter in letters} == {"thank_you", "apology", "condolence"}
    assert all("(minh họa)" in letter.recipient_name for letter in letters)
    home = html("voi", "/")
    assert "Thư chúc mừng năm mới" in home and "minh họa" in home
    before = (Letter.objects.count(), NewsArticlePage.objects.count())
    assert not load_demo_content().changed
    assert (Letter.objects.count(), NewsArticlePage.objects.count()) == before
