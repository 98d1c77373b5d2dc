"""One mechanism that scopes the project's own admin screens to a user's communes.

A model that a commune owns has a foreign key to ``home.Commune``. Its admin
screens are a ``CommuneScopedViewSet``: every view's queryset, the form's
commune choices and the instance permission checks all go through
``communes_for_user``. Model-level rights (may this user add notes at all?)
stay ordinary Django permissions, granted to the editors' groups by
provisioning. Rows with no commune are district records: only district
admins may change them.
"""

from collections.abc import Callable

from django.contrib.admin.utils import unquote
from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404
from wagtail.actions.create import CreateAction
from wagtail.actions.edit import EditAction
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from .access import communes_for_user, is_district_admin
from .exports import NeutralisedCsvExportMixin
from .ownership import OwnedReferencesFormMixin, scope_for_user, scope_of


# What makes a spreadsheet read a cell as a formula (or, for tab and carriage
# return, what some spreadsheets skip before looking for one).
def scope_to_user(queryset: QuerySet, user, *, field: str = "commune") -> QuerySet:
    """Rows of the communes this user may act on; every row for district admins."""
    if is_district_admin(user):
        return queryset
    return queryset.filter(**{f"{field}__in": communes_for_user(user)})


def user_may_act_on(user, instance, *, field: str = "commune") -> bool:
    if is_district_admin(user):
        return True
    commune_id = getattr(instance, f"{field}_id")
    return commune_id is not None and communes_for_user(user).filter(pk=commune_id).exists()


class DistrictAdminMenuItem(MenuItem):
    """An admin menu entry shown to district admins only."""

    def is_shown(self, request):
        return is_district_admin(request.user)


class CommuneScopedPermissionPolicy(ModelPermissionPolicy):
    """Django model permissions, narrowed to the instances of the user's communes."""

    def __init__(self, model, *, commune_field: str = "commune", **kwargs):
        super().__init__(model, **kwargs)
        self.commune_field = commune_field

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and user_may_act_on(
            user, instance, field=self.commune_field
        )

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions) and user_may_act_on(
            user, instance, field=self.commune_field
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return scope_to_user(self.model._default_manager.all(), user, field=self.commune_field)

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])


class CommuneScopedForm(OwnedReferencesFormMixin, WagtailAdminModelForm):
    """Offers only the user's communes (commune editors must pick one), and
    only what they may use in every other choice; every id it names, inline
    rows included, must be usable by the row's commune (``home.ownership``)."""

    commune_field = "commune"

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.user_scope = scope_for_user(for_user) if for_user is not None else None
        field = self.fields.get(self.commune_field)
        if field is not None and for_user is not None:
            field.queryset = communes_for_user(for_user)
            if not is_district_admin(for_user):
                field.required = True
                field.empty_label = None
        self.narrow_choices(self.user_scope, skip={self.commune_field})

    def row_commune(self):
        commune = (getattr(self, "cleaned_data", None) or {}).get(self.commune_field)
        if commune is None and getattr(self.instance, f"{self.commune_field}_id", None):
            commune = getattr(self.instance, self.commune_field)
        return commune

    def ownership_scope(self):
        commune = self.row_commune()
        return scope_of([commune]) if commune is not None else self.user_scope


class CommuneScopedViewMixin:
    """Every object a view can load or list comes from the user's communes."""

    commune_field = "commune"

    def scoped(self, queryset: QuerySet) -> QuerySet:
        return scope_to_user(queryset, self.request.user, field=self.commune_field)

    def get_queryset(self):
        return self.scoped(super().get_queryset())

    def get_base_object_queryset(self):
        return self.scoped(super().get_base_object_queryset())


class ScopedIndexView(CommuneScopedViewMixin, NeutralisedCsvExportMixin, generic.IndexView):
    def get_base_queryset(self):
        return self.scoped(super().get_base_queryset())


class ScopedEditView(CommuneScopedViewMixin, generic.EditView):
    pass


class ScopedDeleteView(CommuneScopedViewMixin, generic.DeleteView):
    pass


class CommuneScopedObjectMixin:
    """For views that list something else about one object (its history, its
    usage): only the object is looked up among the user's communes' rows."""

    commune_field = "commune"

    def get_base_object_queryset(self):
        return scope_to_user(
            super().get_base_object_queryset(), self.request.user, field=self.commune_field
        )


class ScopedHistoryView(CommuneScopedObjectMixin, history.HistoryView):
    pass


class ScopedUsageView(CommuneScopedObjectMixin, usage.UsageView):
    pass


class ScopedInspectView(CommuneScopedViewMixin, generic.InspectView):
    def get_object(self, queryset=None):
        """Wagtail's InspectView loads by primary key from the whole table."""
        return get_object_or_404(
            self.scoped(self.model._default_manager.all()), pk=unquote(str(self.pk))
        )


class CommuneScopedViewSet(ModelViewSet):
    """A ModelViewSet whose every view is scoped to the user's communes.

    Its form is ``base_form_class`` (a ``CommuneScopedForm``) built from the
    viewset's panels, or the model's: models never name their admin form."""

    commune_field = "commune"
    base_form_class = CommuneScopedForm
    copy_view_enabled = False
    index_view_class = ScopedIndexView
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    inspect_view_class = ScopedInspectView

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(commune_field=self.commune_field, **kwargs)

    def get_edit_handler(self):
        panels = getattr(self, "panels", None) or getattr(self.model, "panels", None)
        if panels is None:
            fields = self.get_form_fields()
            if fields is None:
                return None
            panels = [FieldPanel(name) for name in fields]
        edit_handler = ObjectList(panels, base_form_class=self.base_form_class)
        return edit_handler.bind_to_model(self.model)


SaveService = Callable[..., Model]


def _save_through(action, save: SaveService) -> Model:
    instance = action.form.save(commit=False) if action.form else action.instance
    instance = save(instance, user=action.user, form=action.form)
    if action.form:
        action.form.save_m2m()
    return instance


def actions_saving_through(save: SaveService) -> list[type]:
    """Wagtail's create and edit actions for a model whose writes go through
    a service function ``save(instance, *, user, form)``, as its imports and
    commands do: the admin then records the same history, notices and text
    messages, and the model's own ``save()`` stays plain. Register the
    returned classes with the ``register_actions`` hook."""

    class ServiceCreateAction(CreateAction):
        def _save_instance(self):
            self.instance = _save_through(self, save)

    class ServiceEditAction(EditAction):
        def _save_instance(self):
            self.instance = _save_through(self, save)

    return [ServiceCreateAction, ServiceEditAction]
