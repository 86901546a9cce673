from django.urls import path

from reports import views, workbook_views

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="report_list"),
    path("tep-excel/", workbook_views.workbook_page, name="workbook"),
    path("tep-excel/mau/", workbook_views.workbook_template, name="workbook_template"),
    path("tep-excel/xuat/", workbook_views.workbook_export, name="workbook_export"),
]
