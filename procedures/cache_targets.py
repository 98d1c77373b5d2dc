"""What the catalogue's rows show on citizens' pages, for the page cache
(``home.caching``): a commune's catalogue (``/thu-tuc/``), its counter
poster (``in-poster/``) and each procedure's page (``<code>/``). A district
record is on every commune's catalogue, a commune's own procedure or note on
its commune's only."""

from django.urls import NoReverseMatch

from home.caching.registry import register
from home.caching.targets import (
    Target,
    commune_site,
    page_targets,
    route,
    section_targets,
)
from home.models import Commune

from .models import LocalProcedureNote, Procedure, ProcedureField, ProcedureIndexPage


def procedure_route(code: str) -> list[str]:
    try:
        return [route(ProcedureIndexPage, "procedure", code)]
    except NoReverseMatch:  # a code the catalogue cannot address has no page
        return []


def catalogue_routes(codes) -> list[str]:
    """The catalogue itself, its poster, and these procedures' pages."""
    routes = ["", route(ProcedureIndexPage, "poster")]
    for code in dict.fromkeys(codes):
        routes += procedure_route(code)
    return routes


def catalogues_showing(commune_id: int | None, routes: list[str]) -> list[Target]:
    """A commune's catalogue, or every commune's for a district record."""
    if commune_id is not None:
        return section_targets(commune_site(commune_id), "catalogue", routes)
    return page_targets(ProcedureIndexPage.objects.live(), routes)


def procedure_targets(procedure: Procedure) -> list[Target]:
    return catalogues_showing(procedure.commune_id, catalogue_routes([procedure.code]))


def note_targets(note: LocalProcedureNote) -> list[Target]:
    """The counter shows in the catalogue, the note on the procedure's page."""
    code = Procedure.objects.filter(pk=note.procedure_id).values_list("code", flat=True).first()
    routes = ["", *procedure_route(code)] if code else [""]
    return section_targets(commune_site(note.commune_id), "catalogue", routes)


def field_targets(field: ProcedureField) -> list[Target]:
    """A field's name heads the catalogue's groups and the poster, and shows
    on the page of each of its procedures, in every catalogue."""
    codes = Procedure.objects.filter(field=field).values_list("code", flat=True)
    return page_targets(ProcedureIndexPage.objects.live(), catalogue_routes(codes))


def commune_targets(commune: Commune) -> list[Target]:
    """The poster is headed with the commune's official name."""
    site = commune.site if commune.site_id else None
    return section_targets(site, "catalogue", [route(ProcedureIndexPage, "poster")])


def connect() -> None:
    register(Procedure, procedure_targets)
    register(LocalProcedureNote, note_targets)
    register(ProcedureField, field_targets)
    register(Commune, commune_targets)
