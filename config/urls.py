from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home import tags as admin_tags
from home import views as site_views

handler500 = site_views.server_error

urlpatterns = [
    path("robots.txt", site_views.robots_txt),
    path("favicon.ico", site_views.favicon),
    path("healthz/", site_views.health, name="health"),
    # Tag lists narrowed to an editor's own files, at Wagtail's addresses.
    path("admin/", include(admin_tags.urlpatterns)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Vietnamese pages at "/", English translations under "/en/". Wagtail's own
# pattern refuses dots in a path; procedure pages are addressed by their
# national code (".../thu-tuc/1.001193/"), so the same view is also routed
# for paths with dots.
urlpatterns += i18n_patterns(
    re_path(r"^((?:[\w\-.]+/)*)$", wagtail_views.serve, name="wagtail_serve_dotted"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
