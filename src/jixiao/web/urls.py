"""The application's addresses; the landing page is the login page."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from jixiao.web.accounts import views

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("jixiao.web.tables.urls")),
]
