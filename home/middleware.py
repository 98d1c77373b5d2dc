"""Close the Wagtail admin areas that Wagtail does not scope per site.

Wagtail's reports (site history, aging pages, locked pages, workflow
reports, page-type usage) list or count every site's pages in one view.
Commune editors must not see another commune's activity there, so these
areas belong to district admins only. Everything else that an editor can
reach is scoped by Wagtail's page, collection and site permissions.
"""

from django.core.exceptions import PermissionDenied

from .access import is_district_admin

DISTRICT_ONLY_ADMIN_PATHS = ("/admin/reports/",)


class DistrictOnlyAdminAreasMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.path.startswith(DISTRICT_ONLY_ADMIN_PATHS)
            and request.user.is_authenticated
            and not is_district_admin(request.user)
        ):
            raise PermissionDenied
        return self.get_response(request)
