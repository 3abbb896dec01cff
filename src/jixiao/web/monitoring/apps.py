from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "jixiao.web.monitoring"
    label = "monitoring"
    verbose_name = "绩效监控与自评"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from jixiao.web.monitoring import store
        from jixiao.web.tables.models import ApprovedVersion

        post_save.connect(store.follow_approval, sender=ApprovedVersion, dispatch_uid="monitoring-follow-approval")
