from django.urls import path

from intercambio.practices import views

app_name = "practices"
urlpatterns = [
    path("", views.practice_list, name="list"),
    path("feed/", views.practice_feed, name="feed"),
    path("new/", views.practice_create, name="create"),
    path("mine/", views.my_practices, name="mine"),
    path("review/", views.review_queue, name="queue"),
    path("<slug:slug>/", views.practice_detail, name="detail"),
    path("<slug:slug>/edit/", views.practice_edit, name="edit"),
    path("<slug:slug>/contact/", views.practice_contact, name="contact"),
    path("<slug:slug>/files/<int:pk>/", views.attachment_download, name="attachment"),
    path("<slug:slug>/<slug:action>/", views.practice_action, name="action"),
]
