"""Close the Wagtail admin areas that Wagtail does not scope per site.

Wagtail's reports (site history, aging pages, locked pages, workflow
reports, page-type usage), wagtail-localize's translation report and the
admin API's image and document listings span every site. Commune editors
must not see another commune's activity or files there, so these areas
belong to district admins only. Bulk actions are scoped per object: their
confirmation pages would otherwise name another commune's pages and files.
Everything else an editor can reach is scoped by Wagtail's page, collection
and site permissions.
"""

from django.core.exceptions import PermissionDenied

from .access import is_district_admin
from .bulk import bulk_action_in_scope

DISTRICT_ONLY_ADMIN_PATHS = (
    "/admin/reports/",
    "/admin/localize/reports/",
    "/admin/api/main/images/",
    "/admin/api/main/documents/",
)


class DistrictOnlyAdminAreasMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self.refused(request):
            raise PermissionDenied
        return self.get_response(request)

    @staticmethod
    def refused(request) -> bool:
        path = request.path
        if not path.startswith("/admin/") or not request.user.is_authenticated:
            return False
        if is_district_admin(request.user):
            return False
        if path.startswith(DISTRICT_ONLY_ADMIN_PATHS):
            return True
        return path.startswith("/admin/bulk/") and not bulk_action_in_scope(request)
