from django.urls import path

from intercambio.network import views

app_name = "network"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("organizations/new/", views.organization_create, name="organization_create"),
    path("organizations/<slug:slug>/", views.organization_detail, name="organization"),
    path("organizations/<slug:slug>/edit/", views.organization_edit, name="organization_edit"),
    path("organizations/<slug:slug>/editors/", views.organization_editor_add, name="editor_add"),
    path(
        "organizations/<slug:slug>/editors/<int:user_id>/remove/",
        views.organization_editor_remove,
        name="editor_remove",
    ),
    path("organizations/<slug:slug>/people/new/", views.person_add, name="person_add"),
    path("people/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("people/<int:pk>/remove/", views.person_remove, name="person_remove"),
    path("<slug:slug>/", views.network_detail, name="network"),
    path("<slug:slug>/edit/", views.network_edit, name="network_edit"),
    path("<slug:slug>/members/new/", views.membership_add, name="membership_add"),
    path("<slug:slug>/members/<int:pk>/edit/", views.membership_edit, name="membership_edit"),
    path(
        "<slug:slug>/members/<int:pk>/remove/",
        views.membership_remove,
        name="membership_remove",
    ),
    path("<slug:slug>/bodies/new/", views.body_create, name="body_create"),
    path("<slug:network_slug>/<slug:slug>/", views.body_detail, name="body"),
    path("<slug:network_slug>/<slug:slug>/edit/", views.body_edit, name="body_edit"),
    path("<slug:network_slug>/<slug:slug>/roles/new/", views.body_role_add, name="role_add"),
    path(
        "<slug:network_slug>/<slug:slug>/roles/<int:pk>/edit/",
        views.body_role_edit,
        name="role_edit",
    ),
    path(
        "<slug:network_slug>/<slug:slug>/roles/<int:pk>/remove/",
        views.body_role_remove,
        name="role_remove",
    ),
]
