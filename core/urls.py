from django.urls import path

from core import views

app_name = "core"
urlpatterns = [
    path("thong-bao/", views.notice_list, name="notice_list"),
]
