from django.urls import path

from reports import inspection_views, meeting_views, views

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="report_list"),
    path("moi/", views.report_create, name="report_create"),
    path("so-ket-nghi-quyet/moi/", views.review_create, name="review_create"),
    path("<int:pk>/", views.report_detail, name="report_detail"),
    path("<int:pk>/sua/", views.report_edit, name="report_edit"),
    path("<int:pk>/ban-hanh/", views.report_issue, name="report_issue"),
    path("<int:pk>/phien-ban-moi/", views.report_reissue, name="report_reissue"),
    path("<int:pk>/xuat-pdf/", views.run_request, name="run_request"),
    path("<int:pk>/lan-xuat/", views.report_runs, name="report_runs"),
    path("<int:pk>/phu-luc.xlsx", views.report_appendix, name="report_appendix"),
    path("<int:pk>/ban-word.docx", views.report_docx, name="report_docx"),
    path("lan-xuat/<int:pk>/tai-ve/", views.run_download, name="run_download"),
    path("lan-xuat/<int:pk>/ban-word/", views.run_docx, name="run_docx"),
    path("ky/<int:org_pk>/<str:period>/", views.period_reports, name="period_reports"),
    path("hoi-nghi/", meeting_views.meeting_list, name="meeting_list"),
    path("hoi-nghi/moi/", meeting_views.meeting_create, name="meeting_create"),
    path("hoi-nghi/<int:pk>/", meeting_views.meeting_detail, name="meeting_detail"),
    path("hoi-nghi/<int:pk>/sua/", meeting_views.meeting_edit, name="meeting_edit"),
    path("hoi-nghi/<int:pk>/giao-nhiem-vu/", meeting_views.meeting_tasks, name="meeting_tasks"),
    path("hoi-nghi/<int:pk>/<str:which>.pdf", meeting_views.meeting_pdf, name="meeting_pdf"),
    path("hoi-nghi/<int:pk>/<str:which>.docx", meeting_views.meeting_docx, name="meeting_docx"),
    path("hoi-nghi/nhiem-ky/", meeting_views.meeting_terms, name="meeting_terms"),
    path("nhiem-vu/<int:pk>/hoi-nghi/", meeting_views.task_meeting, name="task_meeting"),
    path(
        "kiem-tra/<int:pk>/thong-bao-ket-luan.pdf",
        inspection_views.conclusion_pdf,
        name="inspection_conclusion_pdf",
    ),
    path(
        "kiem-tra/<int:pk>/thong-bao-ket-luan.docx",
        inspection_views.conclusion_docx,
        name="inspection_conclusion_docx",
    ),
]
