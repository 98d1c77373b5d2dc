"""No citizen's name, phone or email on any public URL of the demo district.

A citizen sends feedback with their name, phone and email written into the
message as people do; one submission is answered and published, one answered
and not published, one waiting without consent; their ratings carry the
phone in a comment. Then everything an anonymous visitor can reach from each
site's home is crawled with Django's test client: links, the sitemap, feeds
and alternates, and every search form, searched for the citizen's name,
phone and email.
"""

import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import quote, quote_plus, urlencode, urljoin, urlsplit

import pytest
from anyascii import anyascii
from django.test import Client

from contact.models import Feedback, FeedbackStatus

from .content import CITIZEN
from .pages import CITIZEN_PAGES, COMMUNES, PORTAL, CitizenPage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

HOSTS = {"localhost", *(f"{slug}.localhost" for slug in COMMUNES)}
SKIPPED = ("/admin/", "/django-admin/", "/static/", "/media/")
MAX_URLS = 3000
SEPARATORS = r"(?:[\s.\-()/+]|%20|%2B|&nbsp;)*"


def name_pattern(name: str) -> re.Pattern:
    """The name with any spacing, accents or not, plain or URL-encoded."""
    variants = set()
    for spelling in (name, anyascii(name)):
        words = spelling.split()
        variants.add(r"(?:\s|\+|%20)+".join(map(re.escape, words)))
        variants.add(r"(?:\s|\+|%20)+".join(re.escape(quote(word)) for word in words))
    return re.compile(r"\b(?:" + "|".join(sorted(variants)) + r")\b", re.IGNORECASE)


def phone_pattern(phone: str) -> re.Pattern:
    """A Vietnamese number in any grouping, national or international."""
    digits = re.sub(r"\D", "", phone).removeprefix("84").removeprefix("0")
    prefix = r"(?:(?:\+|%2B)?84|0)?"
    return re.compile(r"(?<!\d)" + prefix + SEPARATORS.join(digits) + r"(?!\d)")


def email_pattern(email: str) -> re.Pattern:
    return re.compile(f"{re.escape(email)}|{re.escape(quote(email))}", re.IGNORECASE)


IDENTIFIERS = {
    "name": name_pattern(CITIZEN.name),
    "phone": phone_pattern(CITIZEN.phone),
    "email": email_pattern(CITIZEN.email),
}
# Each search probe and a stand-in of the same shape that matches nobody:
# a page echoing the query shows the probe exactly as often as the stand-in.
PROBES = [
    ("name", CITIZEN.name, "Lò Văn Xuyến", name_pattern),
    ("name", anyascii(CITIZEN.name), "Lo Van Xuyen", name_pattern),
    ("name", CITIZEN.name.split()[-1], "Xuyến", name_pattern),
    ("phone", CITIZEN.phone, "0911000222", phone_pattern),
    ("phone", CITIZEN.typed_phone, "0911 000 222", phone_pattern),
    ("email", CITIZEN.email, "khong.ai@example.org", email_pattern),
]


class LinkParser(HTMLParser):
    """Links (a, link, area, iframe) and GET forms with their text inputs."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.forms: list[dict] = []
        self._form: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("a", "link", "area") and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "iframe" and attrs.get("src"):
            self.links.append(attrs["src"])
        elif tag == "form" and attrs.get("method", "get").lower() == "get":
            self._form = {"action": attrs.get("action", ""), "text": [], "fixed": {}}
            self.forms.append(self._form)
        elif tag == "input" and self._form is not None and attrs.get("name"):
            kind = attrs.get("type", "text").lower()
            if kind in ("text", "search"):
                self._form["text"].append(attrs["name"])
            elif kind == "hidden":
                self._form["fixed"][attrs["name"]] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def xml_locations(text: str) -> list[str]:
    """<loc> of sitemaps, <link> and <link href> of RSS and Atom feeds."""
    found = re.findall(r"<loc>\s*([^<\s]+)\s*</loc>", text)
    found += re.findall(r"<link>\s*([^<\s]+)\s*</link>", text)
    found += re.findall(r"<link[^>]+href=\"([^\"]+)\"", text)
    return found


class Crawler:
    def __init__(self):
        self.client = Client()
        self.seen: set[tuple[str, str]] = set()
        self.queue: deque[tuple[str, str]] = deque()
        self.pages: dict[tuple[str, str], str] = {}
        self.forms: dict[tuple[str, str], dict] = {}

    def add(self, url: str, base: tuple[str, str]) -> None:
        host, path = base
        absolute = urljoin(f"http://{host}{path}", url.strip())
        parts = urlsplit(absolute)
        hostname = (parts.hostname or "").lower()
        if parts.scheme not in ("http", "https") or hostname not in HOSTS:
            return
        if parts.path.startswith(SKIPPED):
            return
        target = (hostname, parts.path + (f"?{parts.query}" if parts.query else ""))
        if target not in self.seen and len(self.seen) < MAX_URLS:
            self.seen.add(target)
            self.queue.append(target)

    def get(self, host: str, path: str):
        return self.client.get(path, HTTP_HOST=host)

    def run(self) -> None:
        while self.queue:
            host, path = self.queue.popleft()
            response = self.get(host, path)
            if response.status_code in (301, 302, 303, 307, 308):
                self.add(response["Location"], (host, path))
                continue
            content_type = response.get("Content-Type", "")
            if content_type.startswith(("image/", "font/", "application/pdf")):
                continue
            body = b"".join(response.streaming_content) if response.streaming else response.content
            text = body.decode("utf-8", errors="replace")
            self.pages[(host, path)] = text
            if "html" in content_type:
                parser = LinkParser()
                parser.feed(text)
                for link in parser.links:
                    self.add(link, (host, path))
                for form in parser.forms:
                    if form["text"]:
                        action = urljoin(f"http://{host}{path}", form["action"] or path)
                        self.forms[(host, urlsplit(action).path)] = form
            elif "xml" in content_type:
                for link in xml_locations(text):
                    self.add(link, (host, path))


def leaks(text: str) -> list[str]:
    return [
        f"{what}: …{text[max(0, m.start() - 60) : m.end() + 60]}…"
        for what, pattern in IDENTIFIERS.items()
        for m in pattern.finditer(text)
    ]


def test_citizen_personal_data_is_on_no_public_url(quality_content):
    published = Feedback.objects.get(tracking_code=quality_content.published_code)
    assert published.status == FeedbackStatus.PUBLISHED and published.consent_to_publish
    assert (published.name, published.phone, published.email) == (
        CITIZEN.name,
        CITIZEN.phone,
        CITIZEN.email,
    )
    assert IDENTIFIERS["phone"].search(published.message)  # the data is there to leak

    crawler = Crawler()
    seeds = [CitizenPage("home", site, "/") for site in (*COMMUNES, PORTAL)]
    for page in [*seeds, *CITIZEN_PAGES]:
        crawler.add(page.resolved_path(quality_content.paths), (page.host(), "/"))
        crawler.add("/sitemap.xml", (page.host(), "/"))
        crawler.add("/robots.txt", (page.host(), "/"))
    crawler.run()

    found = {
        f"http://{host}{path}": problems
        for (host, path), text in crawler.pages.items()
        if (problems := leaks(text))
    }
    assert not found, found

    # The crawl reached what matters: the published answer (scrubbed) and
    # each site's pages from its sitemap.
    answers = crawler.pages[("voi.localhost", "/gop-y/hoi-dap/")]
    assert "Đường vào thôn Chằm có ổ gà lớn" in answers
    assert ("voi.localhost", "/thu-tuc/1.001193/") in crawler.pages
    assert ("tan-thanh.localhost", "/lien-he/") in crawler.pages
    assert ("localhost", "/hai-long/") in crawler.pages
    assert len(crawler.pages) > 3 * len(CITIZEN_PAGES)

    searched = []
    for (host, action), form in sorted(crawler.forms.items()):
        for field in form["text"]:
            for what, probe, stand_in, pattern in PROBES:
                echoed = {}
                for query in (probe, stand_in):
                    params = {**form["fixed"], field: query}
                    response = crawler.get(host, f"{action}?{urlencode(params)}")
                    assert response.status_code == 200, (host, action, params)
                    echoed[query] = response.content.decode()
                shown = len(pattern(probe).findall(echoed[probe]))
                echo_only = len(pattern(stand_in).findall(echoed[stand_in]))
                others = {
                    name: IDENTIFIERS[name].findall(echoed[probe])
                    for name in IDENTIFIERS
                    if name != what
                }
                url = f"http://{host}{action}?{field}={quote_plus(probe)}"
                assert shown == echo_only, f"{url} shows the citizen's {what} in its results"
                assert not any(others.values()), f"{url} shows {others}"
                searched.append(url)
    assert any("/thu-tuc/" in url for url in searched)
    assert any("/gop-y/hoi-dap/" in url for url in searched)
