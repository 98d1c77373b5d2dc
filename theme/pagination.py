"""One way to page through a listing on every citizen page: ``?trang=N``
(Vietnamese, like the other query parameters citizens see, ``?linh-vuc=``)."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator

PAGE_PARAMETER = "trang"


def paginate(request, items, per_page: int):
    """A page of the listing; a missing, bad or too large page number gives
    the first or last page instead of an error."""
    paginator = Paginator(items, per_page)
    try:
        return paginator.page(request.GET.get(PAGE_PARAMETER) or 1)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)
