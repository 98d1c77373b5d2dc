"""The citizens' side of feedback and ratings, called by the routes of the
feedback and rating pages (``contact.models.feedback_pages``)."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Site

from home import ratelimit
from home.models import Commune
from home.phones import normalise_phone
from home.search import query_words
from theme.pagination import paginate

from .forms import FeedbackForm, LookupForm, RatingForm
from .models.feedback import Feedback
from .models.ratings import Rating, RatingKind
from .services import store_feedback

# --- Citizens' side of feedback and ratings ---------------------------------


HOUR = 3600


def feedback_form(page, request):
    """Rate limit first (it costs nothing), then validation (it calls
    Google); a valid submission is stored before anything else."""
    commune = page.commune_for(request)
    status, refusal = 200, ""
    if request.method == "POST":
        form = FeedbackForm(request.POST, request.FILES, unit=commune.unit_noun)
        if form.is_bot:
            refusal, status = _("Your submission could not be accepted."), 400
        elif not ratelimit.allow(
            request, "feedback", limit=settings.FEEDBACK_RATE_LIMIT, window=HOUR
        ):
            refusal, status = (
                _(
                    "Too many submissions have come from your connection in the last hour. "
                    "Your text is still below: try again later, or call the %(unit)s."
                )
                % {"unit": commune.unit_noun},
                429,
            )
        elif form.is_valid():
            feedback = store_feedback(
                commune, form.submission_data(), verified=not form.captcha_unreachable
            )
            url = page.get_url(request) + page.reverse_subpage(
                "confirmation", args=[feedback.tracking_code]
            )
            return HttpResponseRedirect(url)
        if refusal:
            # Unbound, so that rendering does not validate (and call Google),
            # but filled with what was typed.
            form = FeedbackForm(initial=request.POST.dict(), unit=commune.unit_noun)
    else:
        form = FeedbackForm(unit=commune.unit_noun)
    response = _render(
        page, request, "contact/feedback_page.html", status, form=form, refusal=refusal
    )
    response._csp_replace = settings.RECAPTCHA_CSP  # Google's widget, on this page only
    return response


def _render(page, request, template, status=200, **context):
    response = page.render(request, template=template, context_overrides=context)
    response.status_code = status
    return response


def contact_matches(feedback: Feedback, given: str) -> bool:
    given = given.strip()
    if "@" in given:
        return bool(feedback.email) and feedback.email.lower() == given.lower()
    try:
        return bool(feedback.phone) and normalise_phone(given) == feedback.phone
    except ValidationError:
        return False


def feedback_lookup(page, request):
    """Tracking code plus the phone or email given: the same answer for a
    wrong code and a wrong contact, so neither can be guessed separately."""
    site = Site.find_for_request(request)
    form = LookupForm(request.POST or None)
    found, status = None, 200
    if request.method == "POST":
        if not ratelimit.allow(request, "lookup", limit=settings.LOOKUP_RATE_LIMIT, window=HOUR):
            form.add_error(None, _("Too many look-ups from your connection; try again later."))
            status = 429
        elif form.is_valid():
            candidate = (
                Feedback.objects.for_site(site)
                .filter(tracking_code=form.cleaned_data["code"])
                .first()
            )
            if candidate and contact_matches(candidate, form.cleaned_data["contact"]):
                found = candidate
            else:
                form.add_error(
                    None,
                    _("We found no submission with this code and this phone number or email."),
                )
                status = 404
    return _render(
        page,
        request,
        "contact/feedback_lookup.html",
        status,
        form=form,
        found=found,
        answer_visible=found is not None and found.is_answered,
    )


def published_answers(page, request):
    site = Site.find_for_request(request)
    query = request.GET.get("q", "").strip()[:200]
    items = Feedback.objects.for_site(site).published().order_by("-published_at")
    for word in query_words(query):
        items = items.filter(search_text__contains=word)
    current = paginate(
        request,
        items.only(
            "tracking_code",
            "kind",
            "published_title",
            "published_question",
            "published_answer",
            "published_at",
            "answered_at",
        ),
        20,
    )
    return _render(
        page,
        request,
        "contact/published_answers.html",
        query=query,
        items=current,
        extra_query=urlencode({"q": query}) if query else "",
    )


def rating_cookie(site, kind: str) -> str:
    """One cookie per kind: a citizen received in the morning may still rate
    the dossier handled in the afternoon. The procedure kind keeps the name
    it had before kinds existed, so a phone that just rated is not asked again."""
    return f"rated-{site.pk}" if kind == RatingKind.PROCEDURE else f"rated-{kind}-{site.pk}"


def rating_form(page, request, kind=RatingKind.PROCEDURE):
    """No login; one rating per browser per visit window (a signed cookie)
    and a limit per connection, so a queue of citizens on one Wi-Fi works."""
    site = Site.find_for_request(request)
    cookie = rating_cookie(site, kind)
    window = settings.RATING_DEVICE_WINDOW_MINUTES * 60
    already = request.get_signed_cookie(cookie, default=None, max_age=window) is not None
    form = RatingForm(request.POST or None, site=site, kind=kind)
    status = 200
    if request.method == "POST" and not already:
        if not ratelimit.allow(request, "rating", limit=settings.RATING_RATE_LIMIT, window=HOUR):
            form.add_error(None, _("Too many ratings from your connection; try again later."))
            status = 429
        elif form.is_valid():
            Rating.objects.create(
                commune=page_commune(site),
                kind=kind,
                level=form.cleaned_data["level"],
                procedure=form.cleaned_data.get("procedure"),
                official=form.cleaned_data["official"],
                comment=form.cleaned_data["comment"],
            )
            response = HttpResponseRedirect(page.get_url(request) + page.reverse_subpage("thanks"))
            response.set_signed_cookie(
                cookie,
                timezone.now().isoformat(),
                max_age=window,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
            return response
    elif request.method == "POST":
        status = 429
    return _render(
        page,
        request,
        "contact/rating_page.html",
        status,
        form=form,
        kind=kind,
        other_kind_url=page.url_for_kind(request, other_kind(kind)),
        already=already,
        window_minutes=settings.RATING_DEVICE_WINDOW_MINUTES,
    )


def other_kind(kind: str) -> str:
    return RatingKind.RECEPTION if kind == RatingKind.PROCEDURE else RatingKind.PROCEDURE


def page_commune(site) -> Commune:
    return Commune.objects.get(site=site)
