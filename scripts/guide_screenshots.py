"""Screenshots of the editor's guide (/admin/huong-dan/), taken on the real admin.

Builds a throwaway demo site like scripts/run.sh (SQLite and media in a temp
folder), serves it on a free loopback port, logs in as the Vôi commune's editor
in Debian's Chromium and walks through every task of the guide, saving small
PNGs into home/static/home/guide/. Run it again whenever the admin changes:

    /work/main/.venv/bin/python scripts/guide_screenshots.py   (or .venv/bin/python)

Options: --keep (leave the temp folder), --serve (keep the server running
after the screenshots, to look around), --chromium PATH.
"""

import argparse
import io
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "home" / "static" / "home" / "guide"
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"
VIEWPORT = {"width": 1280, "height": 800}
EDITOR = ("bientap-voi", "bientap-voi")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Example submissions and ratings for the moderation screens (demo content has none).
EXAMPLES = """
from datetime import timedelta
from django.utils import timezone
from contact.services import store_feedback
from contact.models import Feedback, Official, Rating, RatingLevel, ReplyTemplate
from home.models import Commune
from procedures.models import Procedure

voi = Commune.objects.get(slug="voi")
if not Feedback.objects.filter(commune=voi).exists():
    store_feedback(voi, dict(
        kind="phan_anh",
        subject="Đèn đường ngõ 5 phố Lê Lợi bị hỏng",
        message=(
            "Đèn đường ở ngõ 5 phố Lê Lợi hỏng đã hai tuần, buổi tối rất tối, "
            "đề nghị thị trấn cho sửa. Tôi là Nguyễn Thị Lan, số điện thoại 0912 345 678."
        ),
        name="Nguyễn Thị Lan",
        phone="0912345678",
        consent_to_publish=True,
        is_example=True,
    ), verified=True)
    store_feedback(voi, dict(
        kind="gop_y",
        subject="Đề nghị kéo dài giờ tiếp nhận hồ sơ sáng thứ Bảy",
        message="Người đi làm khó đến bộ phận một cửa trong giờ hành chính.",
        name="Trần Văn Hùng",
        email="hung@example.com",
        is_example=True,
    ), verified=True)
if not ReplyTemplate.objects.filter(commune=voi).exists():
    ReplyTemplate.objects.create(
        commune=voi,
        title="Đã chuyển bộ phận phụ trách",
        text=(
            "Kính gửi ông/bà {name}, UBND thị trấn đã nhận góp ý mã {code} và chuyển "
            "bộ phận phụ trách xử lý. Trân trọng cảm ơn."
        ),
    )
if not Rating.objects.filter(commune=voi).exists():
    procedures = list(Procedure.objects.district()[:3])
    officials = list(Official.objects.filter(commune=voi)[:2])
    levels = [RatingLevel.VERY_SATISFIED, RatingLevel.SATISFIED, RatingLevel.VERY_SATISFIED,
              RatingLevel.UNSATISFIED, RatingLevel.SATISFIED, RatingLevel.VERY_SATISFIED]
    comments = ["Cán bộ hướng dẫn tận tình.", "", "Nhanh, đúng hẹn.",
                "Phải chờ lâu vì quầy đông.", "", ""]
    now = timezone.now()
    for i, (level, comment) in enumerate(zip(levels, comments)):
        Rating.objects.create(
            commune=voi, level=level, comment=comment,
            procedure=procedures[i % len(procedures)] if procedures else None,
            official=officials[i % len(officials)] if officials else None,
            created_at=now - timedelta(days=3 * i, hours=i),
        )
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build_site(env: dict) -> None:
    """The demo site of scripts/run.sh, in the temp database."""
    python = sys.executable

    def manage(*args: str) -> None:
        subprocess.run(
            [python, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
        )

    manage("migrate", "--noinput")
    manage("provision_communes")
    manage("import_procedures", "procedures/data/procedures.json")
    manage("load_demo_content")
    manage("add_commune_editor", EDITOR[0], "--commune", "voi", "--password", EDITOR[1])
    manage("shell", "-c", EXAMPLES)


@contextmanager
def serve(env: dict, port: int):
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _attempt in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/admin/login/", timeout=2)  # noqa: S310 (loopback)
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("the development server did not start")
        yield
    finally:
        server.terminate()
        server.wait(timeout=10)


def save_png(data: bytes, path: Path, *, max_height: int | None = None) -> int:
    """A screenshot reduced to a small palette PNG; returns its size in bytes."""
    from PIL import Image

    image = Image.open(io.BytesIO(data)).convert("RGB")
    if max_height and image.height > max_height:
        image = image.crop((0, 0, image.width, max_height))
    image.quantize(colors=64).save(path, optimize=True)
    return path.stat().st_size


class Camera:
    """Saves each screenshot under OUT and remembers what it wrote."""

    def __init__(self, page):
        self.page = page
        self.written: list[Path] = []

    def shot(self, name: str, *, target=None, clip=None, full_page=False, max_height=None):
        self.page.wait_for_load_state("networkidle")
        if target is not None:
            target.scroll_into_view_if_needed()
            data = target.screenshot()
        else:
            data = self.page.screenshot(clip=clip, full_page=full_page)
        path = OUT / name
        size = save_png(data, path, max_height=max_height)
        self.written.append(path)
        print(f"  {path.relative_to(ROOT)}  ({size // 1024} KB)")


def open_page_menu(page, action: str = "Xuất bản") -> None:
    """Opens the footer's "more actions" menu where Publish (or, in the
    sections that need the leaders' approval, "Gửi tới … duyệt") sits."""
    button = page.get_by_role("button", name=re.compile(f"^{action}"))
    if not button.first.is_visible():
        page.locator("footer [data-w-dropdown-target=toggle]").first.click()
        button.first.wait_for(state="visible")


def choose_chairman(page, selector: str) -> None:
    """The chairman signs the commune's letters and greetings (not the Party secretary)."""
    labels = page.locator(f"{selector} option").all_inner_texts()
    chairman = next((label for label in labels if "(Chủ tịch UBND" in label), labels[-1])
    page.locator(selector).select_option(label=chairman)


def walk(page, site: str) -> list[Path]:
    """Every task of the guide, in its order, as a new editor would do it."""
    camera = Camera(page)
    top = {"x": 0, "y": 0, "width": 1280, "height": 420}

    page.goto(f"{site}/admin/login/")
    page.locator("#id_username").fill(EDITOR[0])
    page.locator("#id_password").fill(EDITOR[1])
    page.locator("form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/admin/$"))
    camera.shot("dashboard.png", clip={"x": 0, "y": 0, "width": 1280, "height": 560})

    # 1. News: Pages > News > add a child page, fill in, publish.
    page.locator("#wagtail-sidebar").get_by_role("button", name="Trang").click()
    page.get_by_role("link", name="Tin tức").first.wait_for()
    camera.shot("news-explorer.png", clip={"x": 0, "y": 0, "width": 1280, "height": 700})
    page.get_by_role("link", name="Tin tức").first.click()
    page.wait_for_url(re.compile(r".*/admin/pages/\d+/$"))
    page.get_by_role("link", name=re.compile("^Thêm trang con")).first.click()
    page.wait_for_url(re.compile(r".*/admin/pages/add/.*"))
    page.locator("#id_title").fill("Ra quân tổng vệ sinh môi trường chào mừng năm mới")
    page.locator("#id_lead").fill(
        "Sáng Chủ nhật, hơn 300 đoàn viên, hội viên các tổ dân phố ra quân dọn vệ sinh "
        "đường phố, khơi thông cống rãnh."
    )
    camera.shot("news-add.png")
    # News waits for the leaders' approval (home.moderation): the editor submits it.
    open_page_menu(page, "Gửi tới")
    page.get_by_role("button", name=re.compile("^Gửi tới")).first.hover()
    camera.shot("news-publish.png", clip={"x": 200, "y": 400, "width": 1080, "height": 400})
    page.get_by_role("button", name=re.compile("^Gửi tới")).first.click()
    page.wait_for_url(re.compile(r".*/admin/pages/\d+/$"))
    camera.shot("news-published.png", clip=top)

    # 2. Procedure notes: Procedure catalogue > Local notes > a note.
    page.goto(f"{site}/admin/procedure_notes/")
    camera.shot("procedure-notes.png", clip=top)
    page.locator("main table a[href*='/edit/']").last.click()
    page.wait_for_url(re.compile(r".*/procedure_notes/edit/\d+/$"))
    page.locator("#id_note").fill(
        "Nhận hồ sơ sáng thứ Bảy từ 7 giờ 30 đến 11 giờ. Mang theo căn cước của cha hoặc mẹ."
    )
    camera.shot("procedure-note-edit.png")
    page.get_by_role("button", name=re.compile("^Lưu")).first.click()
    page.wait_for_url(re.compile(r".*/procedure_notes/$"))

    # 3. Feedback: Citizens > Feedback; answer, then publish the scrubbed copy.
    page.goto(f"{site}/admin/feedback/")
    camera.shot("feedback-list.png", clip=top)
    page.locator("main tr").filter(has_text="Đèn đường").locator("a[href*='/edit/']").first.click()
    page.wait_for_url(re.compile(r".*/feedback/edit/\d+/$"))
    edit_url = page.url
    page.locator("#id_status").select_option("answered")
    page.locator("#id_answer").fill(
        "Kính gửi bà Nguyễn Thị Lan, UBND thị trấn đã giao tổ công tác thay bóng đèn ngõ 5 "
        "phố Lê Lợi trong tuần này. Trân trọng cảm ơn bà đã phản ánh."
    )
    handling = page.locator("section, .w-panel").filter(has=page.locator("#id_answer")).last
    camera.shot("feedback-answer.png", target=handling)
    page.get_by_role("button", name=re.compile("^Lưu")).first.click()
    page.wait_for_url(re.compile(r".*/feedback/$"))
    page.goto(edit_url)
    page.locator("#id_status").select_option("published")
    page.locator("#id_confirm_published_copy").check()
    published = (
        page.locator("section, .w-panel").filter(has=page.locator("#id_published_answer")).last
    )
    camera.shot("feedback-publish.png", target=published)
    # Publishing the answer is the commune's approvers' (home.moderation): the
    # editor's guide shows the copy ready for them, and does not save.

    # 4. Ratings: the admin list, and the public figures.
    page.goto(f"{site}/admin/ratings/")
    camera.shot("ratings.png", clip={"x": 0, "y": 0, "width": 1280, "height": 520})
    page.goto(f"{site}/danh-gia/ket-qua/")
    camera.shot("ratings-results.png", full_page=True, max_height=900)

    # 5. Greeting: Pages > Greetings > add a child page.
    page.goto(f"{site}/admin/")
    page.locator("#wagtail-sidebar").get_by_role("button", name="Trang").click()
    page.get_by_role("link", name="Lời chúc").first.click()
    page.wait_for_url(re.compile(r".*/admin/pages/\d+/$"))
    page.get_by_role("link", name=re.compile("^Thêm trang con")).first.click()
    page.wait_for_url(re.compile(r".*/admin/pages/add/.*"))
    page.locator("#id_title").fill("Thư chúc mừng năm mới")
    page.locator("#id_occasion").select_option(index=1)
    page.locator("[contenteditable=true]").first.click()
    page.keyboard.type(
        "Nhân dịp năm mới, thay mặt Đảng ủy, HĐND, UBND thị trấn, xin gửi tới toàn thể "
        "nhân dân lời chúc sức khỏe, hạnh phúc và thành công."
    )
    choose_chairman(page, "#id_signer")
    camera.shot("greeting-add.png", full_page=True, max_height=1300)

    # 6. Letters: add a thank-you letter, then print it.
    page.goto(f"{site}/admin/letters/new/")
    page.locator("#id_kind").select_option("thank_you")
    page.locator("#id_recipient_name").fill("Ông Nguyễn Văn An")
    page.locator("#id_recipient_address").fill("Tổ dân phố 3, thị trấn Vôi")
    page.locator("#id_reason").fill("đã hiến 200 m² đất để mở rộng đường vào tổ dân phố 3")
    choose_chairman(page, "#id_signer")
    camera.shot("letter-add.png", full_page=True, max_height=1300)
    page.get_by_role("button", name=re.compile("^Tạo")).first.click()
    page.wait_for_url(re.compile(r".*/letters/(edit/\d+/)?$"))
    page.goto(f"{site}/admin/letters/")
    page.locator("main table a[href*='/edit/']").first.click()
    page.wait_for_url(re.compile(r".*/letters/edit/\d+/$"))
    print_url = page.url.replace("/edit/", "/print/")
    page.goto(print_url)
    camera.shot("letter-print.png", full_page=True, max_height=1100)

    # 7. The counter poster (a public page of the site).
    page.goto(f"{site}/thu-tuc/")
    page.get_by_role("link", name=re.compile("áp phích|poster", re.IGNORECASE)).first.click()
    page.wait_for_url(re.compile(r".*/thu-tuc/in-poster/$"))
    camera.shot("poster.png", full_page=True, max_height=1200)

    # The guide itself, for whoever reviews it (not part of the guide).
    page.goto(f"{site}/admin/huong-dan/")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "guide-page.png"), full_page=True)
    print(f"  {(ARTIFACTS / 'guide-page.png').relative_to(ROOT)}  (review copy, not committed)")
    total = sum(path.stat().st_size for path in camera.written) // 1024
    print(f"{len(camera.written)} screenshots written ({total} KB).")
    return camera.written


def take(chromium: str, site: str) -> list[Path]:
    from playwright.sync_api import sync_playwright

    print(f"Taking the screenshots on {site} into {OUT.relative_to(ROOT)}/")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport=VIEWPORT, locale="vi-VN")
            page.set_default_timeout(15000)
            written = walk(page, site)
        finally:
            browser.close()
    for stale in sorted(set(OUT.glob("*.png")) - set(written)):
        stale.unlink()
        print(f"  removed {stale.relative_to(ROOT)} (no longer taken)")
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", action="store_true", help="keep the temp folder")
    parser.add_argument("--serve", action="store_true", help="keep serving afterwards")
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
    parser.add_argument(
        "--site",
        help="use this already running demo commune (e.g. http://voi.localhost:8000) instead "
        "of building one; the walk adds a news item, a letter and answers to it",
    )
    args = parser.parse_args()
    if not shutil.which(args.chromium):
        sys.exit(f"Chromium not found at {args.chromium} (apt-get install chromium)")
    if args.site:
        OUT.mkdir(parents=True, exist_ok=True)
        take(args.chromium, args.site.rstrip("/"))
        return

    temp = Path(tempfile.mkdtemp(prefix="guide-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": f"sqlite:///{temp / 'db.sqlite3'}",
        "MEDIA_ROOT": str(temp / "media"),
        "BASE_DOMAIN": "localhost",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("REDIS_URL", None)
    port = free_port()
    site = f"http://voi.localhost:{port}"
    try:
        print(f"Building the demo site in {temp} …")
        build_site(env)
        OUT.mkdir(parents=True, exist_ok=True)
        with serve(env, port):
            take(args.chromium, site)
            if args.serve:
                print(f"Still serving {site}/admin/ ({EDITOR[0]} / {EDITOR[1]}); Ctrl+C stops.")
                try:
                    while True:
                        time.sleep(3600)
                except KeyboardInterrupt:
                    pass
    finally:
        if args.keep:
            print(f"Kept {temp}")
        else:
            shutil.rmtree(temp, ignore_errors=True)


if __name__ == "__main__":
    main()
