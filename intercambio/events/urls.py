from django.urls import path

from intercambio.events import views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("calendar.ics", views.events_calendar, name="calendar"),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/programme/", views.event_programme, name="programme"),
    path("<slug:slug>/calendar.ics", views.event_calendar, name="event_calendar"),
]
