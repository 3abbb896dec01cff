"""What the navigation needs from monitoring: whether the person has the dashboard."""

from __future__ import annotations

from django.http import HttpRequest

from jixiao.web.monitoring import access


def nav(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"monitoring_nav": {"dashboard": access.has_dashboard(user)}}
