import re

import pytest
import zxingcpp
from django.test import Client
from PIL import Image

from procedures.models import LocalProcedureNote, Procedure
from tests.factories import ProcedureFactory
from tests.shipped import PROVISIONED, procedure_codes

pytestmark = pytest.mark.django_db


def get(slug: str, path: str, **params):
    return Client().get(path, params, HTTP_HOST=f"{slug}.localhost:8000")


def html(slug: str, path: str, **params) -> str:
    response = get(slug, path, **params)
    assert response.status_code == 200, (path, response.status_code)
    return response.content.decode()


def result_codes(page: str) -> list[str]:
    return re.findall(r'href="/thu-tuc/(\d+\.\d+)/"', page)


def test_every_commune_has_a_catalogue_listing_the_district_procedures(communes):
    assert sorted(communes) == sorted(PROVISIONED)
    for slug in communes:
        page = html(slug, "/thu-tuc/")
        assert set(result_codes(page)) == procedure_codes()
        assert "Hộ tịch" in page


@pytest.mark.parametrize(
    "query,code",
    [
        ("dang ky khai sinh", "1.001193"),
        ("DANG KY KHAI SINH", "1.001193"),
        ("đăng ký khai sinh", "1.001193"),
        ("Đăng Ký Khai Sinh", "1.001193"),
        ("khai sinh", "1.001193"),
        ("ket hon", "1.000894"),
        ("kết hôn", "1.000894"),
        ("1.001193", "1.001193"),
    ],
)
def test_search_the_way_people_type(query, code):
    codes = result_codes(html("voi", "/thu-tuc/", q=query))
    assert code in codes
    assert codes[0] == code


def test_search_without_match_says_so():
    page = html("voi", "/thu-tuc/", q="khong co thu tuc nay xyz")
    assert result_codes(page) == []
    assert "Không có thủ tục nào phù hợp" in page


def test_filter_by_field():
    from procedures.models import ProcedureField

    field = ProcedureField.objects.get(name="Chứng thực")
    codes = set(result_codes(html("voi", "/thu-tuc/", **{"linh-vuc": field.slug})))
    assert codes == set(Procedure.objects.filter(field=field).values_list("code", flat=True))


def test_district_edit_reaches_every_commune():
    birth = Procedure.objects.get(code="1.001193")
    birth.fee = "Miễn phí cho mọi công dân (đã cập nhật)"
    birth.save()
    for slug in ("voi", "kep", "tan-thanh"):
        assert "đã cập nhật" in html(slug, "/thu-tuc/1.001193/")


def test_local_notes_stay_local(communes):
    birth = Procedure.objects.get(code="1.001193")
    LocalProcedureNote.objects.create(
        commune=communes["voi"],
        procedure=birth,
        counter="Quầy số 2 (Tư pháp)",
        phone="0204 3875 111",
    )
    assert "Quầy số 2 (Tư pháp)" in html("voi", "/thu-tuc/1.001193/")
    page = html("voi", "/thu-tuc/1.001193/")
    assert '<a href="tel:+842043875111">0204 3875 111</a>' in page
    assert "Quầy số 2 (Tư pháp)" in html("voi", "/thu-tuc/")
    assert "Quầy số 2" not in html("kep", "/thu-tuc/1.001193/")
    assert "Quầy số 2" not in html("kep", "/thu-tuc/")


def test_own_procedure_shows_only_on_its_commune(communes):
    own = ProcedureFactory(commune=communes["voi"], code="9.100001", name="Thủ tục riêng của Vôi")
    assert "Thủ tục riêng của Vôi" in html("voi", "/thu-tuc/")
    assert "Thủ tục riêng của Vôi" in html("voi", f"/thu-tuc/{own.code}/")
    assert "Thủ tục riêng của Vôi" not in html("kep", "/thu-tuc/")
    assert get("kep", f"/thu-tuc/{own.code}/").status_code == 404


def test_procedure_page_shows_every_part():
    page = html("voi", "/thu-tuc/1.001193/")
    birth = Procedure.objects.get(code="1.001193")
    assert "<h1>Thủ tục đăng ký khai sinh</h1>" in page
    assert "1.001193" in page and "163/QĐ-BTP" in page
    assert 'class="checklist"' in page
    for document in birth.documents.all():
        assert document.name[:40] in page
    assert birth.legal_bases.first().number in page
    assert "<table>" in page
    assert 'property="og:title" content="Thủ tục đăng ký khai sinh"' in page
    assert 'name="twitter:card"' in page
    assert 'property="og:description" content="1.001193 · Hộ tịch' in page


def test_unknown_code_is_404():
    assert get("voi", "/thu-tuc/9.999999/").status_code == 404


def qr_matrix_to_text(svg: str) -> str:
    size = int(re.search(r'viewBox="0 0 (\d+) (\d+)"', svg).group(1))
    scale = 8
    image = Image.new("L", (size * scale, size * scale), 255)
    for x, y in re.findall(r"M(\d+),(\d+)H", svg):
        x, y = int(x), int(y)
        image.paste(0, (x * scale, y * scale, (x + 1) * scale, (y + 1) * scale))
    result = zxingcpp.read_barcode(image)
    assert result is not None, "no QR code found"
    return result.text


def test_qr_code_decodes_to_the_procedure_page_url():
    page = html("kep", "/thu-tuc/1.000894/")
    svg = re.search(r'<figure class="procedure__qr">.*?(<svg.*?</svg>)', page, re.S).group(1)
    assert qr_matrix_to_text(svg) == "http://kep.localhost:8000/thu-tuc/1.000894/"


def test_counter_poster_has_catalogue_feedback_and_both_rating_codes():
    page = html("voi", "/thu-tuc/in-poster/")
    svgs = re.findall(r"<svg.*?</svg>", page, re.S)
    decoded = [qr_matrix_to_text(svg) for svg in svgs[:4]]
    assert decoded == [
        "http://voi.localhost:8000/thu-tuc/",
        "http://voi.localhost:8000/gop-y/",
        "http://voi.localhost:8000/danh-gia/",
        "http://voi.localhost:8000/danh-gia/tiep-cong-dan/",
    ]
    assert "Đánh giá việc giải quyết thủ tục hành chính" in page
    assert "Đánh giá công tác tiếp công dân" in page
    assert len(svgs) > 4
    assert qr_matrix_to_text(svgs[4]).startswith("http://voi.localhost:8000/thu-tuc/")
    assert "Thị trấn Vôi" in page


def make_procedures(count: int):
    field = Procedure.objects.get(code="1.001193").field
    for n in range(count):
        procedure = ProcedureFactory(code=f"8.{n:06d}", field=field if n % 2 else None or field)
        procedure.documents.create(name=f"Giấy tờ {n}")
        procedure.legal_bases.create(number=f"{n}/2025/NĐ-CP")


@pytest.mark.parametrize("extra", [10, 300])
def test_catalogue_and_procedure_queries_do_not_grow(extra, django_assert_max_num_queries):
    make_procedures(extra)
    for path in ("/thu-tuc/", "/thu-tuc/1.001193/"):
        get("voi", path)  # warm process caches
        with django_assert_max_num_queries(12):
            assert get("voi", path).status_code == 200
    with django_assert_max_num_queries(12):
        assert get("voi", "/thu-tuc/", q="khai sinh").status_code == 200
