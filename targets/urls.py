from django.urls import path

from targets import views

app_name = "targets"
urlpatterns = [
    path("", views.target_list, name="target_list"),
    path("<int:pk>/", views.target_detail, name="target_detail"),
    path("nhap/<int:org_pk>/<str:period>/", views.entry_grid, name="entry_grid"),
    path("nhap/luu/<int:pk>/", views.entry_save, name="entry_save"),
    path("theo-van-ban/<int:document_pk>/", views.document_targets, name="document_targets"),
]
