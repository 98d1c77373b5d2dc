"""The contact page: the commune's contact details and its directory of
officials, with a vCard per person."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page, Site

from home.models import CommuneSettings, SectionPage
from home.sections import section_pages

from ..structured_data import organisation_json_ld
from ..vcard import official_vcard
from .directory import Official
from .office import OfficePage
from .reception import ReceptionPage


class ContactPage(RoutablePageMixin, SectionPage):
    """The commune's contact details and its directory of officials, with a
    vCard per person at ``vcard/<id>/``."""

    class Meta:
        verbose_name = _("contact and directory page")
        verbose_name_plural = _("contact and directory pages")

    def officials_for(self, site: Site) -> list[Official]:
        return list(Official.objects.for_site(site).in_office().in_directory_order().with_photos())

    @path("")
    def directory(self, request):
        site = Site.find_for_request(request)
        officials = self.officials_for(site)
        settings = CommuneSettings.for_site(site)
        return self.render(
            request,
            context_overrides={
                "leadership": [person for person in officials if person.is_leadership],
                "civil_servants": [person for person in officials if not person.is_leadership],
                "json_ld": organisation_json_ld(
                    settings,
                    officials,
                    site_url=request.build_absolute_uri("/"),
                    page_url=request.build_absolute_uri(),
                ),
                "has_examples": any(person.is_example for person in officials),
                "related_pages": self.related_pages(),
                **self.section_urls(request),
            },
        )

    def section_urls(self, request) -> dict[str, str]:
        """Full addresses of the commune's feedback and rating pages, for the
        QR codes, found in the page tree."""
        found = section_pages(self.get_parent(), "feedback", "rating")
        return {
            f"{key}_url": request.build_absolute_uri(page.get_url(request))
            for key, page in found.items()
        }

    def related_pages(self) -> list[Page]:
        """The office and reception pages beside this one, in one query."""
        return list(
            Page.objects.sibling_of(self, inclusive=False).live().type(OfficePage, ReceptionPage)
        )

    @path("vcard/<int:pk>/", name="vcard")
    def vcard(self, request, pk):
        site = Site.find_for_request(request)
        person = get_object_or_404(Official.objects.for_site(site).in_office(), pk=pk)
        settings = CommuneSettings.for_site(site)
        response = HttpResponse(
            official_vcard(person, organisation=settings.official_name),
            content_type="text/vcard; charset=utf-8",
        )
        filename = slugify(person.full_name, allow_unicode=False) or f"official-{person.pk}"
        response["Content-Disposition"] = f'attachment; filename="{filename}.vcf"'
        return response
