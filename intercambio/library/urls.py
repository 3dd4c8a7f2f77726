from django.urls import path

from intercambio.library import views

app_name = "library"
urlpatterns = [
    path("", views.resource_list, name="list"),
    path("new/", views.resource_create, name="create"),
    path("mine/", views.my_resources, name="mine"),
    path("review/", views.review_queue, name="queue"),
    path("<slug:slug>/", views.resource_detail, name="detail"),
    path("<slug:slug>/edit/", views.resource_edit, name="edit"),
    path("<slug:slug>/lessons/", views.lessons_edit, name="lessons"),
    path("<slug:slug>/lessons/<int:pk>/done/", views.lesson_done, name="lesson_done"),
    path("<slug:slug>/files/states/", views.file_states, name="file_states"),
    path("<slug:slug>/files/<str:language>/", views.file_download, name="download"),
    path("<slug:slug>/files/<str:language>/retry/", views.file_retry, name="retry"),
    path("<slug:slug>/<slug:action>/", views.resource_action, name="action"),
]
