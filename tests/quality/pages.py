"""Every page type a citizen sees, in one table that the quality checks
(axe, the Nu HTML checker, query budgets) and ``bench/render.py`` all read.

A new page type is one line here: a name, the site it is shown on
("portal" or a commune slug of ``quality_content``), its path, and the
status it answers with. ``{placeholders}`` in a path are filled from the
demo content's ``paths`` (see ``content.py``).
"""

from dataclasses import dataclass

COMMUNES = ("voi", "tan-thanh")
PORTAL = "portal"


@dataclass(frozen=True)
class CitizenPage:
    name: str
    site: str
    path: str
    status: int = 200

    def host(self) -> str:
        return "localhost" if self.site == PORTAL else f"{self.site}.localhost"

    def resolved_path(self, paths: dict[str, str]) -> str:
        return self.path.format(**paths)

    @property
    def id(self) -> str:
        return self.name.replace(" ", "-")


CITIZEN_PAGES = [
    CitizenPage("commune home", "voi", "/"),
    CitizenPage("commune home in English", "voi", "/en/"),
    CitizenPage("portal home", PORTAL, "/"),
    CitizenPage("standard page", "voi", "/gioi-thieu/"),
    CitizenPage("procedure catalogue", "voi", "/thu-tuc/"),
    CitizenPage("procedure page", "voi", "/thu-tuc/1.001193/"),
    CitizenPage("catalogue search", "voi", "/thu-tuc/?q=dang+ky+khai+sinh"),
    CitizenPage("catalogue search without results", "voi", "/thu-tuc/?q=khong+co+gi+ca"),
    CitizenPage("counter poster", "voi", "/thu-tuc/in-poster/"),
    CitizenPage("contact directory", "voi", "/lien-he/"),
    CitizenPage("one-stop office", "voi", "/mot-cua/"),
    CitizenPage("citizen reception", "voi", "/tiep-cong-dan/"),
    CitizenPage("dialogue meeting held", "voi", "{meeting_held}"),
    CitizenPage("dialogue meeting coming", "voi", "{meeting_coming}"),
    CitizenPage("feedback form", "voi", "/gop-y/"),
    CitizenPage("feedback confirmation", "voi", "/gop-y/da-gui/{tracking_code}/"),
    CitizenPage("feedback lookup", "voi", "/gop-y/tra-cuu/"),
    CitizenPage("published answers", "voi", "/gop-y/hoi-dap/"),
    CitizenPage("published answers search", "voi", "/gop-y/hoi-dap/?q=o+ga"),
    CitizenPage("rating form", "voi", "/danh-gia/"),
    CitizenPage("reception rating form", "voi", "/danh-gia/tiep-cong-dan/"),
    CitizenPage("rating thanks", "voi", "/danh-gia/cam-on/"),
    CitizenPage("rating results", "voi", "/danh-gia/ket-qua/"),
    CitizenPage("survey form", "voi", "/danh-gia/khao-sat/"),
    CitizenPage("survey thanks", "voi", "/danh-gia/khao-sat/cam-on/"),
    CitizenPage("survey results", "voi", "/danh-gia/khao-sat/ket-qua/"),
    CitizenPage("survey poster", "voi", "/danh-gia/khao-sat/in-poster/"),
    CitizenPage("news index", "voi", "/tin-tuc/"),
    CitizenPage("news article", "voi", "/tin-tuc/tin-minh-hoa-1/"),
    CitizenPage("announcements", "voi", "/thong-bao/"),
    CitizenPage("announcement", "voi", "/thong-bao/thong-bao-minh-hoa-1/"),
    CitizenPage("greetings archive", "voi", "/loi-chuc/"),
    CitizenPage("greeting", "voi", "/loi-chuc/chuc-mung-nam-moi/"),
    CitizenPage("thank-you letters", "voi", "/cam-on/"),
    CitizenPage("dossier lookup", "voi", "/tra-cuu-ho-so/"),
    CitizenPage("portal satisfaction overview", PORTAL, "/hai-long/"),
    CitizenPage("portal survey results", PORTAL, "/hai-long/khao-sat/"),
    CitizenPage("not found", "voi", "/khong-co-trang-nay/", status=404),
    CitizenPage("portal not found", PORTAL, "/khong-co-trang-nay/", status=404),
]
