from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from core import views as core_views
from targets import views as target_views

urlpatterns = [
    path("", target_views.home, name="home"),
    path("tong-quan/<int:org_pk>/", target_views.dashboard, name="dashboard"),
    path("dang-nhap/", auth_views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", core_views.healthz, name="healthz"),
    path("healthz/web", core_views.healthz_web, name="healthz_web"),
    path("", include("core.urls")),
    path("to-chuc/", include("committees.urls")),
    path("van-ban/", include("resolutions.urls")),
    path("chi-tieu/", include("targets.urls")),
    path("kiem-tra/", include("inspections.urls")),
    path("bao-cao/", include("reports.urls")),
    path("tep-excel/", include("exchange.urls")),
    path("api/v1/", include("config.api_urls")),
    path("quan-tri/", admin.site.urls),
]
# No URL serves MEDIA_ROOT, not even with DEBUG: attachments and report PDFs go out through views that check
# who asks (resolutions.views.document_attachment, reports.views.run_download).
