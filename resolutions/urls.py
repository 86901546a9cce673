from django.urls import path

from resolutions import views

app_name = "resolutions"
urlpatterns = [
    path("", views.document_list, name="document_list"),
]
