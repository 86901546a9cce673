from django.urls import path

from committees import views

app_name = "committees"
urlpatterns = [
    path("", views.organisation_list, name="organisation_list"),
    path("<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("<int:pk>/xep-loai/", views.organisation_ratings, name="organisation_ratings"),
    path("chi-bo-can-nang-cap/", views.cells_to_upgrade, name="cells_to_upgrade"),
    path("dang-vien/", views.member_list, name="member_list"),
    path("dang-vien/them/", views.member_create, name="member_create"),
    path("dang-vien/<int:pk>/", views.member_detail, name="member_detail"),
    path("dang-vien/<int:pk>/sua/", views.member_update, name="member_update"),
    path("khoa-api/", views.api_token, name="api_token"),
    path("nhat-ky/", views.audit_list, name="audit_list"),
    path("lich-su/<str:label>/<int:pk>/", views.object_history, name="object_history"),
]
