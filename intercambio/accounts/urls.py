from django.urls import path

from intercambio.accounts import views

app_name = "accounts"
urlpatterns = [path("profile/", views.profile, name="profile")]
