from django.urls import path

from intercambio.consultations import views

app_name = "consultations"
urlpatterns = [
    path("", views.consultation_list, name="list"),
    path("<slug:slug>/", views.consultation_detail, name="detail"),
    # str, not uuid: a mangled link gets the page's own explanation, not a bare 404.
    path("<slug:slug>/guest/<str:token>/", views.consultation_guest, name="guest"),
    path("<slug:slug>/answers/", views.consultation_answers, name="answers"),
    path("<slug:slug>/answers.csv", views.consultation_export, name="export"),
    path("<slug:slug>/status/", views.consultation_status, name="status"),
    path("<slug:slug>/outcome/", views.consultation_outcome, name="outcome"),
]
