"""The application's addresses; the landing page is the login page. The HTTP API is under /api/.
Errors are answered by templates/400.html, 403.html, 404.html and 500.html, in Chinese."""

from django.contrib.auth import views as auth_views
from django.http import JsonResponse
from django.urls import include, path, re_path

from jixiao.web.accounts import views
from jixiao.web.accounts.forms import SignInForm
from jixiao.web import api


def api_not_found(request, rest: str) -> JsonResponse:  # noqa: ANN001
    """An address under /api/ that is no operation: said in the API's JSON, not as a page."""
    return JsonResponse({"detail": "没有这个接口地址，接口说明见 /api/docs"}, status=404, json_dumps_params={"ensure_ascii": False})


urlpatterns = [
    path("", views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(authentication_form=SignInForm, redirect_authenticated_user=True),
         name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("api/", api.urls()),
    re_path(r"^api/(?P<rest>.*)$", api_not_found),
    path("", include("jixiao.web.tables.urls")),
    path("", include("jixiao.web.monitoring.urls")),
]
