from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "jixiao.web.accounts"
    label = "accounts"
    verbose_name = "单位与人员"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from jixiao.web.accounts.sessions import signed_in

        user_logged_in.connect(signed_in, dispatch_uid="jixiao-session-renewed")
