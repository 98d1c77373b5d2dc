"""Admin guards that Wagtail's page permissions alone do not give.

A commune's home page is the root of its site: only district admins may
delete or move it, whatever page permissions an editor holds.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Site

from .access import is_district_admin
from .bulk import own_objects_bulk_actions
from .guide import GUIDE_URL_NAME, EditorsGuidePanel, EditorsGuideView, guide_menu_item
from .ownership import owned, scope_for_user


def _refuse_for_site_roots(request, page):
    if is_district_admin(request.user):
        return None
    if Site.objects.filter(root_page=page).exists():
        messages.error(request, _("Only district admins can delete or move a site's home page."))
        return redirect("wagtailadmin_explore", page.pk)
    return None


@hooks.register("before_delete_page")
def protect_site_root_from_deletion(request, page):
    return _refuse_for_site_roots(request, page)


@hooks.register("before_move_page")
def protect_site_root_from_move(request, page, destination):
    return _refuse_for_site_roots(request, page)


@hooks.register("construct_reports_menu")
def hide_reports_from_commune_editors(request, menu_items):
    """Wagtail's reports span every site; see home.middleware."""
    if not is_district_admin(request.user):
        menu_items.clear()


def _refuse_superuser_escalation(request, target=None):
    """District admins manage users, but only superusers may make or touch superusers."""
    if request.user.is_superuser:
        return
    if target is not None and target.is_superuser:
        raise PermissionDenied
    if request.method == "POST" and request.POST.get("is_superuser"):
        raise PermissionDenied


@hooks.register("before_create_user")
def refuse_superuser_creation(request):
    _refuse_superuser_escalation(request)


@hooks.register("before_edit_user")
def refuse_superuser_edit(request, user):
    _refuse_superuser_escalation(request, target=user)


@hooks.register("before_delete_user")
def refuse_superuser_deletion(request, user):
    _refuse_superuser_escalation(request, target=user)


@hooks.register("construct_page_chooser_queryset")
def limit_page_chooser_to_own_communes(pages, request):
    """Wagtail's page chooser browses the whole tree, drafts included."""
    return owned(pages, scope_for_user(request.user))


# After Wagtail's own (order 0): the registry keeps the last class per action.
for _action in own_objects_bulk_actions():
    hooks.register("register_bulk_action", _action, order=100)


@hooks.register("register_admin_urls")
def register_editors_guide_url():
    return [path("huong-dan/", EditorsGuideView.as_view(), name=GUIDE_URL_NAME)]


@hooks.register("construct_homepage_panels")
def add_editors_guide_panel(request, panels):
    panels.append(EditorsGuidePanel())


@hooks.register("register_help_menu_item")
def register_editors_guide_menu_item():
    return guide_menu_item()
