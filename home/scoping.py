"""One mechanism that scopes the project's own admin screens to a user's communes.

A model that a commune owns has a foreign key to ``home.Commune``. Its admin
screens are a ``CommuneScopedViewSet``: every view's queryset, the form's
commune choices and the instance permission checks all go through
``communes_for_user``. Model-level rights (may this user add notes at all?)
stay ordinary Django permissions, granted to the editors' groups by
provisioning. Rows with no commune are district records: only district
admins may change them.
"""

from django.contrib.admin.utils import unquote
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from .access import communes_for_user, is_district_admin


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


class CommuneScopedForm(WagtailAdminModelForm):
    """Offers only the user's communes; commune editors must pick one."""

    commune_field = "commune"

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        field = self.fields.get(self.commune_field)
        if field is None or for_user is None:
            return
        field.queryset = communes_for_user(for_user)
        if not is_district_admin(for_user):
            field.required = True
            field.empty_label = None


class CommuneScopedViewMixin:
    """Every object a view can load or list comes from the user's communes."""

    commune_field = "commune"

    def scoped(self, queryset: QuerySet) -> QuerySet:
        return scope_to_user(queryset, self.request.user, field=self.commune_field)

    def get_queryset(self):
        return self.scoped(super().get_queryset())

    def get_base_object_queryset(self):
        return self.scoped(super().get_base_object_queryset())


class ScopedIndexView(CommuneScopedViewMixin, generic.IndexView):
    def get_base_queryset(self):
        return self.scoped(super().get_base_queryset())


class ScopedEditView(CommuneScopedViewMixin, generic.EditView):
    pass


class ScopedDeleteView(CommuneScopedViewMixin, generic.DeleteView):
    pass


class ScopedHistoryView(CommuneScopedViewMixin, history.HistoryView):
    pass


class ScopedUsageView(CommuneScopedViewMixin, usage.UsageView):
    pass


class ScopedInspectView(CommuneScopedViewMixin, generic.InspectView):
    def get_object(self, queryset=None):
        """Wagtail's InspectView loads by primary key from the whole table."""
        return get_object_or_404(
            self.scoped(self.model._default_manager.all()), pk=unquote(str(self.pk))
        )


class CommuneScopedViewSet(ModelViewSet):
    """A ModelViewSet whose every view is scoped to the user's communes."""

    commune_field = "commune"
    copy_view_enabled = False
    index_view_class = ScopedIndexView
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    inspect_view_class = ScopedInspectView

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(commune_field=self.commune_field, **kwargs)
