"""The JSON API, version 1, mounted at /api/v1/ (README, API)."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from committees.api import OrganisationViewSet
from inspections.api import InspectionViewSet, ProgrammeViewSet
from reports.api import ReportRunViewSet
from resolutions.api import DocumentViewSet, TaskViewSet
from targets.api import OrganisationRollupView, ReadingViewSet, TargetViewSet

app_name = "api"

router = SimpleRouter()
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("targets", TargetViewSet, basename="target")
router.register("readings", ReadingViewSet, basename="reading")
router.register("documents", DocumentViewSet, basename="document")
router.register("tasks", TaskViewSet, basename="task")
router.register("inspections", InspectionViewSet, basename="inspection")
router.register("inspection-programmes", ProgrammeViewSet, basename="inspectionprogramme")
router.register("report-runs", ReportRunViewSet, basename="reportrun")

urlpatterns = [
    path("schema/", login_not_required(SpectacularAPIView.as_view()), name="schema"),
    path("organisations/<int:pk>/rollup/", OrganisationRollupView.as_view(), name="organisation-rollup"),
    *router.urls,
]
