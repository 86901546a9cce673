from django.urls import path

from resolutions import views

app_name = "resolutions"
urlpatterns = [
    path("", views.document_list, name="document_list"),
    path("moi/", views.document_create, name="document_create"),
    path("kiem-tra-so/", views.number_check, name="number_check"),
    path("tim-trong-bai/", views.paste_find, name="paste_find"),
    path("nhiem-vu/", views.task_list, name="task_list"),
    path("tim-van-ban/", views.document_options, name="document_options"),
    path("nhiem-vu/moi/", views.task_create, name="task_create"),
    path("nhiem-vu/<int:pk>/", views.task_detail, name="task_detail"),
    path("nhiem-vu/<int:pk>/sua/", views.task_edit, name="task_edit"),
    path("nhiem-vu/<int:pk>/hoan-thanh/", views.task_done, name="task_done"),
    path("<int:pk>/", views.document_detail, name="document_detail"),
    path("<int:pk>/sua/", views.document_edit, name="document_edit"),
    path("<int:pk>/theo-doi/", views.document_follow, name="document_follow"),
    path("<int:pk>/tep-dinh-kem/", views.document_attachment, name="document_attachment"),
]
