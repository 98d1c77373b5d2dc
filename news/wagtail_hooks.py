"""Admin screens of the news app: the notice banners."""

from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from home.scoping import CommuneScopedPermissionPolicy, CommuneScopedViewSet

from .models import Notice

register_permission_policy(Notice, CommuneScopedPermissionPolicy(Notice))


class NoticeViewSet(CommuneScopedViewSet):
    model = Notice
    icon = "warning"
    menu_label = gettext_lazy("Notice banners")
    menu_order = 240
    add_to_admin_menu = True
    list_display = ["message", "level", "starts_at", "ends_at", "commune"]
    list_filter = ["commune", "level"]
    search_fields = ["message"]
    search_backend_name = None
    ordering = ["-starts_at"]


@hooks.register("register_admin_viewset")
def register_notice_viewset():
    return NoticeViewSet("notices")
