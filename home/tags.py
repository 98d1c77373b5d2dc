"""Tags offered to commune editors: only those of their own images and
documents.

Wagtail's tag autocomplete, the "popular tags" filters of the image and
document listings and the image chooser's popular tags read every tag in
the database, so a commune editor saw
the words other communes file their private documents under. These views
replace Wagtail's at the same addresses (``config/urls.py`` routes them
first); district admins get Wagtail's own answers.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.http import JsonResponse
from django.urls import path
from taggit.models import Tag
from wagtail.admin.views import tags as wagtail_tags
from wagtail.documents import get_document_model
from wagtail.documents.views.documents import DocumentsFilterSet
from wagtail.documents.views.documents import IndexView as DocumentIndexView
from wagtail.images import get_image_model
from wagtail.images.views.chooser import ImageChooserViewSet, ImageChooseView
from wagtail.images.views.images import ImagesFilterSet
from wagtail.images.views.images import IndexView as ImageIndexView

from .ownership import Scope, owned, scope_for_user

TAGGED_MODELS = (get_image_model, get_document_model)
LIMIT = 10


def own_tags(scope: Scope, models=None):
    """Tags of the scope's images and documents, the most used first."""
    condition = Q(pk__in=[])
    for model in models or [get_model() for get_model in TAGGED_MODELS]:
        ids = owned(model.objects.all(), scope).values_list("pk", flat=True)
        condition |= Q(
            taggit_taggeditem_items__content_type=ContentType.objects.get_for_model(model),
            taggit_taggeditem_items__object_id__in=list(ids),
        )
    return (
        Tag.objects.filter(condition)
        .annotate(item_count=Count("taggit_taggeditem_items"))
        .order_by("-item_count", "name")
    )


def autocomplete(request, app_name=None, model_name=None):
    scope = scope_for_user(request.user)
    if scope is None:
        return wagtail_tags.autocomplete(request, app_name=app_name, model_name=model_name)
    term = request.GET.get("term", "")
    if not term or (app_name, model_name) not in ((None, None), ("taggit", "tag")):
        return JsonResponse([], safe=False)
    names = own_tags(scope).filter(name__istartswith=term).order_by("name")
    return JsonResponse(list(names.values_list("name", flat=True).distinct()[:LIMIT]), safe=False)


class OwnTagsFilterMixin:
    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        scope = scope_for_user(request.user)
        if scope is None or "tag" not in self.filters:
            return
        names = list(dict.fromkeys(t.name for t in own_tags(scope, [self._meta.model])))[:LIMIT]
        if names:
            self.filters["tag"].extra["choices"] = [(name, name) for name in names]
        else:
            del self.filters["tag"]


class OwnTagsImagesFilterSet(OwnTagsFilterMixin, ImagesFilterSet):
    class Meta(ImagesFilterSet.Meta):
        pass


class OwnTagsDocumentsFilterSet(OwnTagsFilterMixin, DocumentsFilterSet):
    class Meta(DocumentsFilterSet.Meta):
        pass


class OwnTagsImageIndexView(ImageIndexView):
    filterset_class = OwnTagsImagesFilterSet


class OwnTagsDocumentIndexView(DocumentIndexView):
    filterset_class = OwnTagsDocumentsFilterSet


class OwnTagsImageChooseView(ImageChooseView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        scope = scope_for_user(self.request.user)
        if scope is not None:
            context["popular_tags"] = own_tags(scope, [self.model])[:LIMIT]
        return context


# Wagtail's image chooser, built as Wagtail builds it, with the view above;
# never registered: only its "choose" view is routed.
own_tags_image_chooser = ImageChooserViewSet(
    "wagtailimages_chooser",
    model=get_image_model(),
    url_prefix="images/chooser",
    choose_view_class=OwnTagsImageChooseView,
)

# Routed before Wagtail's admin URLs, under "admin/".
urlpatterns = [
    path("tag-autocomplete/", autocomplete),
    path("tag-autocomplete/<slug:app_name>/<slug:model_name>/", autocomplete),
    path("images/", OwnTagsImageIndexView.as_view()),
    path("images/results/", OwnTagsImageIndexView.as_view(results_only=True)),
    path("documents/", OwnTagsDocumentIndexView.as_view()),
    path("documents/results/", OwnTagsDocumentIndexView.as_view(results_only=True)),
    path("images/chooser/", own_tags_image_chooser.choose_view),
]
