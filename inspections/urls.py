from django.urls import path

from inspections import views

app_name = "inspections"
urlpatterns = [
    path("", views.inspection_list, name="inspection_list"),
    path("moi/", views.inspection_create, name="inspection_create"),
    path("<int:pk>/", views.inspection_detail, name="inspection_detail"),
    path("<int:pk>/sua/", views.inspection_edit, name="inspection_edit"),
    path("<int:pk>/ket-luan/", views.inspection_conclude, name="inspection_conclude"),
    path("<int:pk>/kiem-tra-thuc-hien/", views.inspection_follow_up, name="inspection_follow_up"),
    path("chuong-trinh/", views.programme_list, name="programme_list"),
    path("chuong-trinh/moi/", views.programme_create, name="programme_create"),
    path("chuong-trinh/<int:pk>/", views.programme_detail, name="programme_detail"),
]
