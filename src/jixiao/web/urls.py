"""The application's addresses; the landing page is the login page. Errors are answered by
templates/400.html, 403.html, 404.html and 500.html, in Chinese (Django's handlers find them)."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from jixiao.web.accounts import views
from jixiao.web.accounts.forms import SignInForm

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(authentication_form=SignInForm, redirect_authenticated_user=True),
         name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("jixiao.web.tables.urls")),
]
