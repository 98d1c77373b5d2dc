"""Report how much of what a commune editor meets is really shown in Vietnamese.

Editors are civil servants who work in Vietnamese only, and Wagtail's own
Vietnamese catalogues cover a small part of its messages: the project fills the
gap with catalogues under locale/. A message missing there silently falls back
to English, which no review notices, so CI runs this command and fails when
coverage drops under the threshold (issue 9).

Coverage is read from the translations Django actually serves, not from the .po
files: the merged 'django' catalogue for Vietnamese, and for JavaScript the
catalogue JavaScriptCatalog builds for the package. A stale .mo, a fuzzy entry
or a LOCALE_PATHS mistake therefore lowers the figures too.

The messages counted are those of the English catalogues shipped with the
installed Wagtail and wagtail-localize (their full list of messages), and the
entries of the project's own catalogue, grouped by the app their source is in.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import polib
from django.apps import AppConfig, apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import trans_real

LANGUAGE = "vi"
DOMAINS = ("django", "djangojs")
THIRD_PARTY_PREFIXES = ("wagtail.", "wagtail_localize")
# Screens every editor uses: each must reach the threshold on its own, so that a
# well-translated app cannot hide a poorly translated one in the total.
REQUIRED = frozenset(
    {
        ("wagtail.admin", "django"),
        ("wagtail.admin", "djangojs"),
        ("wagtail.images", "django"),
        ("wagtail.documents", "django"),
        ("wagtail.snippets", "django"),
        ("wagtail.users", "django"),
        ("wagtail_localize", "django"),
        ("wagtail_localize", "djangojs"),
    }
)
PROJECT_CATALOGUE = Path("locale") / LANGUAGE / "LC_MESSAGES" / "django.po"
UNPLACED = "project"


@dataclass(frozen=True)
class Coverage:
    app: str
    domain: str
    translated: int
    total: int

    @property
    def label(self) -> str:
        return f"{self.app} ({self.domain})"

    @property
    def percent(self) -> float:
        return 100.0 if self.total == 0 else 100.0 * self.translated / self.total

    @property
    def required(self) -> bool:
        return (self.app, self.domain) in REQUIRED


class Command(BaseCommand):
    help = (
        "Print per app how many messages an editor can meet have a Vietnamese translation in "
        "effect, and the total. Lines marked * must reach --min on their own."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--min",
            dest="threshold",
            type=float,
            default=95.0,
            help="Fail when the total or a required app is under this percentage (default 95).",
        )
        parser.add_argument(
            "--app",
            dest="only",
            action="append",
            default=[],
            metavar="APP",
            help="Only report this app (package path, e.g. wagtail.admin); repeatable.",
        )

    def handle(self, *args, threshold, only, **options):
        coverages = [c for c in measure_all() if not only or c.app in only]
        if not coverages:
            raise CommandError(f"No catalogue found for {', '.join(only)}.")
        total = summed(coverages)
        for coverage in coverages:
            self.write_line(coverage, threshold)
        self.write_line(total, threshold)
        failures = [c for c in coverages if c.required and c.percent < threshold]
        if total.percent < threshold:
            failures.append(total)
        if failures:
            labels = ", ".join(c.label for c in failures)
            raise CommandError(f"Vietnamese coverage under {threshold:g}%: {labels}.")

    def write_line(self, coverage: Coverage, threshold: float):
        marker = "*" if coverage.required else " "
        line = (
            f"{marker} {coverage.label:<42} {coverage.translated:>5}/{coverage.total:<5} "
            f"{coverage.percent:6.1f}%"
        )
        style = self.style.ERROR if coverage.percent < threshold else self.style.SUCCESS
        self.stdout.write(style(line) if coverage.required or coverage.app == "total" else line)


def measure_all() -> list[Coverage]:
    server_catalogue = trans_real.translation(LANGUAGE)._catalog
    return [
        *third_party_coverages(server_catalogue),
        *project_coverages(server_catalogue),
    ]


def third_party_coverages(server_catalogue: Mapping) -> Iterable[Coverage]:
    for config in translated_third_party_apps():
        for domain in DOMAINS:
            english = english_catalogue(config, domain)
            if english is None:
                continue
            catalogue = server_catalogue if domain == "django" else js_catalogue(config)
            entries = live_entries(english)
            yield Coverage(config.name, domain, count_translated(entries, catalogue), len(entries))


def translated_third_party_apps() -> Iterable[AppConfig]:
    for config in apps.get_app_configs():
        if config.name == "wagtail" or config.name.startswith(THIRD_PARTY_PREFIXES):
            yield config


def english_catalogue(config: AppConfig, domain: str) -> polib.POFile | None:
    path = Path(config.path) / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
    return polib.pofile(str(path)) if path.exists() else None


def js_catalogue(config: AppConfig) -> Mapping:
    """The catalogue JavaScriptCatalog(packages=[the app]) serves, LOCALE_PATHS included."""
    translation = trans_real.DjangoTranslation(
        LANGUAGE, domain="djangojs", localedirs=[str(Path(config.path) / "locale")]
    )
    return translation._catalog


def project_coverages(server_catalogue: Mapping) -> Iterable[Coverage]:
    path = Path(settings.BASE_DIR) / PROJECT_CATALOGUE
    if not path.exists():
        return
    by_app: dict[str, list[polib.POEntry]] = defaultdict(list)
    for entry in live_entries(polib.pofile(str(path))):
        by_app[owning_app(entry)].append(entry)
    for app_name, entries in sorted(by_app.items()):
        yield Coverage(
            app_name, "django", count_translated(entries, server_catalogue), len(entries)
        )


def owning_app(entry: polib.POEntry) -> str:
    """The first folder of the entry's first source reference, e.g. procedures/models.py."""
    if not entry.occurrences:
        return UNPLACED
    return Path(entry.occurrences[0][0]).parts[0]


def live_entries(catalogue: polib.POFile) -> list[polib.POEntry]:
    return [entry for entry in catalogue if not entry.obsolete]


def count_translated(entries: Iterable[polib.POEntry], catalogue: Mapping) -> int:
    return sum(1 for entry in entries if catalogue.get(catalogue_key(entry)))


def catalogue_key(entry: polib.POEntry):
    """How gettext keys the message: context joined by EOT, plurals by (msgid, 0)."""
    key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
    return (key, 0) if entry.msgid_plural else key


def summed(coverages: list[Coverage]) -> Coverage:
    return Coverage(
        "total",
        "all",
        sum(c.translated for c in coverages),
        sum(c.total for c in coverages),
    )
