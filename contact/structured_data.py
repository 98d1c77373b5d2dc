"""schema.org data for search engines, written safely inside a page."""

import json

from home.models import CommuneSettings
from home.phones import international_phone


def organisation_json_ld(settings: CommuneSettings, officials, *, site_url: str, page_url: str):
    """schema.org GovernmentOrganization with a ContactPoint per person who
    has a phone or email, so search engines can show who to call."""
    organisation = {
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "name": settings.official_name,
        "url": site_url,
        "mainEntityOfPage": page_url,
    }
    if settings.address:
        organisation["address"] = {
            "@type": "PostalAddress",
            "streetAddress": settings.address,
            "addressCountry": "VN",
        }
    if settings.phone:
        organisation["telephone"] = international_phone(settings.phone)
    if settings.email:
        organisation["email"] = settings.email
    contact_points = []
    for person in officials:
        if not (person.phone or person.email):
            continue
        point = {"@type": "ContactPoint", "name": person.full_name}
        point["contactType"] = person.position_label
        if person.phone:
            point["telephone"] = international_phone(person.phone)
        if person.email:
            point["email"] = person.email
        point["availableLanguage"] = "vi"
        contact_points.append(point)
    if contact_points:
        organisation["contactPoint"] = contact_points
    return json_for_script(organisation)


def json_for_script(data) -> str:
    """JSON safe inside a <script> element: no closing tag or comment can
    be smuggled in through an editor's text."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
