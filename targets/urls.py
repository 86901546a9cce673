from django.urls import path

from targets import views

app_name = "targets"
urlpatterns = [
    path("", views.target_list, name="target_list"),
]
