"""The addresses of monitoring and self-evaluation."""

from django.urls import path

from jixiao.web.monitoring import views

urlpatterns = [
    path("tables/<int:pk>/actuals/<int:month>/", views.checkpoint, name="actuals"),
    path("tables/<int:pk>/actuals/check/", views.check_value, name="actuals-check"),
    path("tables/<int:pk>/actuals/import/", views.import_values, name="actuals-import"),
    path("tables/<int:pk>/actuals/template/<str:fmt>/", views.template_file, name="actuals-template"),
    path("tables/<int:pk>/monitoring/", views.monitoring_view, name="monitoring"),
    path("tables/<int:pk>/evaluation/", views.evaluation_view, name="evaluation"),
    path("tables/<int:pk>/evaluation/export/<str:fmt>/", views.evaluation_export, name="evaluation-export"),
    path("monitoring/", views.dashboard, name="dashboard"),
    path("monitoring/settings/<int:pk>/", views.bureau_settings, name="bureau-settings"),
]
