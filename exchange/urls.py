from django.urls import path

from exchange import views

app_name = "exchange"
urlpatterns = [
    path("", views.workbook_page, name="workbook"),
    path("mau/", views.workbook_template, name="workbook_template"),
    path("xuat/", views.workbook_export, name="workbook_export"),
    path("lan-nhap/<int:pk>/", views.import_run, name="import_run"),
]
