"""Feeds of a commune's news (RSS and Atom) and of its loudspeaker
announcements (a podcast: each recording is an enclosure).

Each feed is served by its index page, so it carries that commune's items
only, and its links use the host the request came in on.
"""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from home.models import CommuneSettings

from .audio import audio_mime_type

ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"


def item_datetime(day, published=None) -> datetime:
    """The item's date at the time it was first published (or 7:00)."""
    at = timezone.localtime(published).time() if published else time(7, 0)
    return timezone.make_aware(datetime.combine(day, at))


class CommuneIndexFeed(Feed):
    """A feed whose object is an index page of the requested commune."""

    limit = 20

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, index_page):
        return index_page

    def commune_name(self) -> str:
        from wagtail.models import Site

        site = Site.find_for_request(self.request)
        return CommuneSettings.for_site(site).official_name

    def title(self, index_page):
        return f"{index_page.title} – {self.commune_name()}"

    def link(self, index_page):
        return index_page.get_url(self.request)

    def item_link(self, item):
        return item.get_url(self.request)

    def item_guid(self, item):
        return self.request.build_absolute_uri(item.get_url(self.request))

    item_guid_is_permalink = True

    def item_title(self, item):
        return item.title


class NewsRssFeed(CommuneIndexFeed):
    feed_type = Rss201rev2Feed

    def description(self, index_page):
        return index_page.intro or _("News of %(commune)s") % {"commune": self.commune_name()}

    def items(self, index_page):
        return index_page.articles()[: self.limit]

    def item_description(self, item):
        return item.lead

    def item_pubdate(self, item):
        return item_datetime(item.date, item.first_published_at)

    def item_updateddate(self, item):
        """Atom requires an update time for every entry."""
        return item.last_published_at or self.item_pubdate(item)

    def item_categories(self, item):
        return [item.get_category_display()]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
    subtitle = NewsRssFeed.description


class PodcastFeedGenerator(Rss201rev2Feed):
    """RSS 2.0 with the iTunes podcast elements that radio and podcast
    systems look for."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:itunes": ITUNES_NS}

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        handler.addQuickElement("itunes:author", self.feed["author_name"] or "")
        handler.addQuickElement("itunes:explicit", "false")
        handler.addQuickElement("itunes:category", attrs={"text": "Government"})

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("itunes:summary", item["description"] or "")


class AnnouncementPodcastFeed(CommuneIndexFeed):
    feed_type = PodcastFeedGenerator

    def description(self, index_page):
        return index_page.intro or _("Announcements of %(commune)s") % {
            "commune": self.commune_name()
        }

    def author_name(self, index_page):
        return self.commune_name()

    def items(self, index_page):
        return index_page.announcements()[: self.limit]

    def item_description(self, item):
        return strip_tags(item.text)

    def item_pubdate(self, item):
        return item_datetime(item.date, item.first_published_at)

    def item_enclosures(self, item):
        if not item.audio:
            return []
        document = item.audio
        return [
            Enclosure(
                url=self.request.build_absolute_uri(document.url),
                length=str(document.get_file_size() or 0),
                mime_type=audio_mime_type(document.filename),
            )
        ]
