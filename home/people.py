"""Whose names a commune editor may see in Wagtail's page listings.

The explorer, the page search and the page-type usage screens offer "Owner"
and "Edited by" filters whose choices are every user who ever owned or edited
a page anywhere in the install: the Vôi editor read the full names of Kép's
editors there. Wagtail builds those choices from a callable given the
request, so wrapping the callable keeps Wagtail's filters (and their
behaviour for district admins) and narrows only what a commune editor is
offered: the members of their own communes' editors' groups.
"""

from functools import wraps

from wagtail.admin.views.pages.listing import GenericPageFilterSet, PageFilterSet

from .ownership import owned, scope_for_user

USER_FILTERS = ("owner", "edited_by")


def only_people_of_the_editors_communes(users_for_request):
    @wraps(users_for_request)
    def users(request):
        return owned(users_for_request(request), scope_for_user(request.user))

    users.narrowed_to_communes = True
    return users


def narrow_page_listing_user_filters() -> None:
    """Called once when the app is ready; idempotent."""
    for filterset in (PageFilterSet, GenericPageFilterSet):
        for name in USER_FILTERS:
            user_filter = filterset.base_filters.get(name)
            if user_filter is None:
                continue
            queryset = user_filter.queryset
            if callable(queryset) and not getattr(queryset, "narrowed_to_communes", False):
                user_filter.queryset = only_people_of_the_editors_communes(queryset)
