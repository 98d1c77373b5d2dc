"""The project's URLs plus ``/media/``, for the loopback benchmarks only.

In production the TLS proxy (or the S3 bucket) serves media, never Django
(``docs/deployment.md``); on loopback there is no proxy, so Django's static
file view stands in for it and the page-weight and Lighthouse runs load the
home page's images like a citizen's phone does.
"""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from config.urls import handler500  # noqa: F401 - the project's error page (503 when the DB is down)
from config.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    *project_urlpatterns,
]
