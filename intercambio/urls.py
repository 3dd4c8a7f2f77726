from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from intercambio.api.v1 import api as api_v1
from intercambio.common import views as common_views

handler400 = "intercambio.common.views.bad_request"
handler403 = "intercambio.common.views.permission_denied"
handler404 = "intercambio.common.views.page_not_found"
handler500 = "intercambio.common.views.server_error"

urlpatterns = [
    path("healthz", common_views.healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v1/", api_v1.urls),
]

urlpatterns += i18n_patterns(
    path("", common_views.home, name="home"),
    path("network/", include("intercambio.network.urls")),
    path("accounts/", include("allauth.urls")),
    path("accounts/", include("intercambio.accounts.urls")),
    path("privacy/", common_views.privacy, name="privacy"),
    path("accessibility/", common_views.accessibility, name="accessibility"),
    # Sections whose features land in later releases; each says so instead of a 404.
    path("practices/", include("intercambio.practices.urls")),
    path("library/", include("intercambio.library.urls")),
    path("events/", include("intercambio.events.urls")),
    path("consultations/", include("intercambio.consultations.urls")),
    path("workplans/", include("intercambio.workplans.urls")),
    path("search/", include("intercambio.search.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)

if settings.SERVER_TIMING:
    # Only mounted for `make bench`, which compares every page against this floor.
    urlpatterns += [path("bench/floor", common_views.bench_floor, name="bench_floor")]

if settings.DEBUG:
    from django.views.static import serve

    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]
