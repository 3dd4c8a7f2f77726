from django.urls import path

from intercambio.workplans import editing, report, views

app_name = "workplans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("calendar/", views.activity_calendar, name="calendar"),
    path("new/", editing.new_plan, name="new"),
    path("<slug:slug>/", views.plan_detail, name="detail"),
    path("<slug:slug>/edit/", editing.edit_plan, name="edit"),
    path("<slug:slug>/structure/", editing.edit_structure, name="structure"),
    path("<slug:slug>/activities/new/", editing.new_activity, name="new_activity"),
    path("<slug:slug>/activities/<int:pk>/", editing.activity_detail, name="activity"),
    path("<slug:slug>/activities/<int:pk>/edit/", editing.edit_activity, name="edit_activity"),
    path("<slug:slug>/activities/<int:pk>/status/", editing.update_status, name="update_status"),
    path("<slug:slug>/activities/<int:pk>/propose/", editing.propose_update, name="propose"),
    path(
        "<slug:slug>/activities/<int:pk>/create-event/", editing.create_event, name="create_event"
    ),
    path("<slug:slug>/proposals/<int:pk>/accept/", editing.accept, name="accept_proposal"),
    path("<slug:slug>/proposals/<int:pk>/decline/", editing.decline, name="decline_proposal"),
    path("<slug:slug>/report/", report.report_page, name="report"),
    path("<slug:slug>/report.pdf", report.report_pdf, name="report_pdf"),
    path("<slug:slug>/report.csv", report.report_csv, name="report_csv"),
]
