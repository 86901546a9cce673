from django.urls import path

from targets import cycle_views, views

app_name = "targets"
urlpatterns = [
    path("", views.target_list, name="target_list"),
    path("<int:pk>/", views.target_detail, name="target_detail"),
    path("<int:pk>/sua/", views.target_edit, name="target_edit"),
    path("<int:pk>/phan-bo/", views.target_split, name="target_split"),
    path("them/<int:org_pk>/", views.target_create, name="target_create"),
    path("nhap/<int:org_pk>/<str:period>/", views.entry_grid, name="entry_grid"),
    path("nhap/luu/<int:pk>/", views.entry_save, name="entry_save"),
    path("<int:pk>/tinh-tu-so/", views.metric_record, name="metric_record"),
    path("bao-cao-ky/<int:org_pk>/", cycle_views.cycle_current, name="cycle_current"),
    path("bao-cao-ky/<int:org_pk>/tom-tat/", cycle_views.cycle_panel, name="cycle_panel"),
    path("bao-cao-ky/<int:org_pk>/<str:period>/", cycle_views.cycle_detail, name="cycle_detail"),
    path(
        "bao-cao-ky/<int:org_pk>/<str:period>/thuyet-minh/",
        cycle_views.narrative_edit,
        name="narrative_edit",
    ),
    path(
        "bao-cao-ky/<int:org_pk>/<str:period>/chuyen/<str:transition>/",
        cycle_views.cycle_transition,
        name="cycle_transition",
    ),
    path("theo-van-ban/<int:document_pk>/", views.document_targets, name="document_targets"),
]
