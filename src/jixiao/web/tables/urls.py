"""The addresses of the table screens."""

from django.urls import path

from jixiao.web.tables import views

urlpatterns = [
    path("tables/", views.table_list, name="tables"),
    path("tables/<int:pk>/", views.table_detail, name="table"),
    path("tables/<int:pk>/edit/", views.table_edit, name="table-edit"),
    path("tables/<int:pk>/step/<str:action>/", views.table_step, name="table-step"),
    path("tables/<int:pk>/comment/", views.table_comment, name="table-comment"),
    path("tables/<int:pk>/history/", views.table_history, name="table-history"),
    path("tables/<int:pk>/export/<str:fmt>/", views.table_export, name="table-export"),
    path("tables/<int:pk>/approved/<int:number>/", views.approved_version, name="table-approved"),
    path("tables/check-target/", views.target_check, name="target-check"),
    path("tables/import/", views.import_file, name="import"),
    path("tables/import/<int:pk>/", views.import_preview, name="import-preview"),
    path("tables/import/bulk/", views.bulk_import, name="bulk-import"),
    path("review/queue/", views.review_queue, name="queue"),
    path("notifications/", views.notifications, name="notifications"),
]
