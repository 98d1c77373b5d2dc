"""The survey's routes on the rating page (``/danh-gia/khao-sat/``): the
section where residents already rate the commune gets the questionnaire, its
thanks, its results and its poster, so no commune needs a new page."""

from wagtail.contrib.routable_page.models import path

from .. import survey


class SurveyRoutesMixin:
    """Mixed into ``RatingPage``; ``RoutablePageMixin`` finds these routes."""

    @path("khao-sat/", name="survey")
    def survey_form(self, request):
        return survey.survey_form(self, request)

    @path("khao-sat/cam-on/", name="survey_thanks")
    def survey_thanks(self, request):
        return self.render(request, template="contact/survey_thanks.html")

    @path("khao-sat/ket-qua/", name="survey_results")
    def survey_results(self, request):
        """The figures come from the oversight layer, through the
        ``survey_results`` slot: the same numbers as the portal's."""
        return self.render(request, template="contact/survey_results.html")

    @path("khao-sat/in-poster/", name="survey_poster")
    def survey_poster(self, request):
        return survey.survey_poster(self, request)
