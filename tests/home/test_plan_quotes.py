"""The demo home text and the commitment in every footer quote the plan as
written. The plan's sentences are copied here from the seed (the plan is not
shipped with the project), so that a rewording of the site fails a test."""

import re

import pytest
from django.test import Client

from home.demo import fill_home
from home.models import Commune, HomePage
from home.services import ProvisionReport

pytestmark = pytest.mark.django_db

# The plan, word for word (I.1, I.2, the preamble, III.2.2).
PLAN = [
    "Nhằm đổi mới mạnh mẽ lề lối làm việc của chính quyền cơ sở từ “mệnh lệnh hành chính” "
    "sang “phục vụ, hướng dẫn, vận động, thuyết phục”.",
    'Xây dựng phong cách "trọng dân, gần dân, hiểu dân, học dân và có trách nhiệm với dân", '
    "hướng đến sự hài lòng của người dân đối với đội ngũ cán bộ, công chức, chiến sỹ công an "
    "nhân dân ở cơ sở.",
    "Thực hiện Kế hoạch số 50- KH/HU ngày 22/10/2021 của Ban Thường vụ Huyện ủy",
    "Ban Chỉ đạo thực hiện xây dựng “Chính quyền thân thiện” ban hành Kế hoạch",
    "2.2. Xây dựng đội ngũ cán bộ, công chức, nhân viên; cán bộ, chiến sỹ lực lượng công an "
    "cơ sở thân thiện và có trách nhiệm với nhân dân",
    "Mỗi cán bộ, công chức, nhân viên; cán bộ, chiến sỹ lực lượng công an đều phải gương mẫu",
    'Thực hiện nghiêm "4 xin", "4 luôn" và "5 không":',
    "Xin chào, xin lỗi, xin cảm ơn, xin phép",
    "Luôn mỉm cười, luôn nhẹ nhàng, luôn lắng nghe, luôn giúp đỡ",
    "Không cửa quyền, hách dịch, gây khó khăn, phiền hà",
    "Không quan liêu, vô cảm, vô trách nhiệm",
    "Không tham nhũng, lãng phí, lợi ích nhóm",
    "Không xu nịnh, chạy chọt, gian dối",
    "Không lợi dụng chức vụ, quyền hạn trong thực thi công vụ",
]


def plain(text: str) -> str:
    """Quotes and spacing as typed differently, not as worded differently."""
    text = re.sub(r"[“”\"]", '"', text)
    return " ".join(text.replace("50- KH", "50-KH").split())


PLAN_TEXT = plain(" ".join(PLAN))


def shown(html: str) -> str:
    return plain(re.sub(r"<[^>]+>", " ", html))


def quotations(text: str) -> list[str]:
    return re.findall(r'"([^"]+)"', text)


@pytest.fixture
def home_html():
    fill_home(Commune.objects.get(slug="kep"), ProvisionReport())
    return Client(HTTP_HOST="kep.localhost").get("/").content.decode()


def test_the_home_text_quotes_the_plan_in_full(home_html):
    main = shown(home_html.split("<main", 1)[1].split(">", 1)[1].split("</main>", 1)[0])
    assert "Huyện ủy Lạng Giang" not in main
    assert "Ban Chỉ đạo thực hiện xây dựng" in main
    assert "Kế hoạch số 50-KH/HU ngày 22/10/2021 của Ban Thường vụ Huyện ủy" in main
    assert '"trọng dân, gần dân, hiểu dân, học dân và có trách nhiệm với dân"' in main
    assert '"phục vụ, hướng dẫn, vận động, thuyết phục"' in main
    assert "cán bộ, công chức, nhân viên; cán bộ, chiến sỹ lực lượng công an" in main
    # Every quotation in the home text is the plan's own words.
    found = quotations(main)
    assert len(found) >= 5
    assert [q for q in found if q not in PLAN_TEXT] == []


def test_the_commitment_names_whom_the_plan_binds_and_quotes_it(home_html):
    footer = shown(home_html.split('class="commitment"', 1)[1].split("</section>", 1)[0])
    heading = footer.split("4 xin", 1)[0]
    assert "cán bộ, công chức, nhân viên; cán bộ, chiến sỹ lực lượng công an cơ sở" in heading
    for line in PLAN[-7:]:
        assert re.search(re.escape(line) + r"(?![\w.])", footer), line


def test_an_old_misquoted_demo_home_is_refilled():
    kep = Commune.objects.get(slug="kep")
    home = HomePage.objects.get(pk=kep.site.root_page_id)
    home.body = [("paragraph", "<p>Thực hiện Kế hoạch của Huyện ủy Lạng Giang, …</p>")]
    home.save_revision().publish()
    fill_home(kep, ProvisionReport())
    home.refresh_from_db()
    assert "Ban Chỉ đạo" in str(home.body.raw_data)
