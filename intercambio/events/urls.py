from django.urls import path

from intercambio.events import dashboard, views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("calendar.ics", views.events_calendar, name="calendar"),
    path("mine/", views.my_registrations, name="mine"),
    path("registrations/<uuid:token>/", views.registration_detail, name="registration"),
    path("registrations/<uuid:token>/confirm/", views.confirm_registration, name="confirm"),
    path("registrations/<uuid:token>/cancel/", views.cancel_registration, name="cancel"),
    path(
        "registrations/<uuid:token>/certificate.pdf",
        views.registration_certificate,
        name="registration_certificate",
    ),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/programme/", views.event_programme, name="programme"),
    path("<slug:slug>/calendar.ics", views.event_calendar, name="event_calendar"),
    path("<slug:slug>/register/", views.register, name="register"),
    path("<slug:slug>/register/sent/", views.register_sent, name="register_sent"),
]
urlpatterns += dashboard.urlpatterns
