"""The citizens' pages of feedback and ratings: send, follow and read
answers (``/gop-y/``), rate a visit and see the results (``/danh-gia/``)."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.models import Site

from home.models import Commune, SectionPage

from .. import views
from .feedback import Feedback
from .ratings import RatingKind
from .survey_pages import SurveyRoutesMixin


class FeedbackPage(RoutablePageMixin, SectionPage):
    """Where citizens send feedback, follow it by tracking code, and read the
    published questions and answers: ``/gop-y/`` and its routes."""

    class Meta:
        verbose_name = _("feedback page")
        verbose_name_plural = _("feedback pages")

    def commune_for(self, request) -> Commune:
        return get_object_or_404(Commune, site=Site.find_for_request(request))

    @path("")
    def feedback_form(self, request):
        return views.feedback_form(self, request)

    @re_path(r"^da-gui/(?P<code>[A-Z0-9]{4}-[A-Z0-9]{4})/$", name="confirmation")
    def confirmation(self, request, code):
        feedback = get_object_or_404(
            Feedback.objects.for_site(Site.find_for_request(request)), tracking_code=code
        )
        return self.render(
            request,
            template="contact/feedback_confirmation.html",
            context_overrides={
                "feedback": feedback,
                "photo_not_saved": feedback.events.filter(action="photo_not_saved").exists(),
            },
        )

    @path("tra-cuu/", name="lookup")
    def lookup(self, request):
        return views.feedback_lookup(self, request)

    @path("hoi-dap/", name="answers")
    def answers(self, request):
        return views.published_answers(self, request)


class RatingPage(SurveyRoutesMixin, RoutablePageMixin, SectionPage):
    """Where citizens rate a visit, then see the commune's figures at
    ``ket-qua/``. The counter poster's QR code opens the rating of a
    procedure's handling (the page itself, as before kinds existed); the
    reception page's opens the rating of citizen reception
    (``tiep-cong-dan/``); the residents' survey below ``khao-sat/`` (``SurveyRoutesMixin``)."""

    class Meta:
        verbose_name = _("rating page")
        verbose_name_plural = _("rating pages")

    @path("")
    def rating_form(self, request):
        return views.rating_form(self, request, RatingKind.PROCEDURE)

    @path("tiep-cong-dan/", name="reception")
    def reception_rating_form(self, request):
        return views.rating_form(self, request, RatingKind.RECEPTION)

    def url_for_kind(self, request, kind: str) -> str:
        """The form of one kind of rating, relative to the site."""
        url = self.get_url(request)
        return url + self.reverse_subpage("reception") if kind == RatingKind.RECEPTION else url

    @path("cam-on/", name="thanks")
    def thanks(self, request):
        return self.render(request, template="contact/rating_thanks.html")

    @path("ket-qua/", name="results")
    def results(self, request):
        """The figures come from the oversight layer, through the
        ``rating_results`` slot: the same numbers as the portal's."""
        return self.render(request, template="contact/rating_results.html")
