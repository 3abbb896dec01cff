"""What every page's navigation needs: which links the person has, and the counts on them."""

from __future__ import annotations

from django.http import HttpRequest

from jixiao.web.tables import access
from jixiao.web.tables.models import Notification, Status, Table


def nav(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    scope = access.scope_of(user)
    waiting = (Table.objects.filter(unit__authority__bureau_id__in=scope.bureaus,
                                    status__in=(Status.SUBMITTED, Status.REVIEWED)).count()
               if scope.bureaus else 0)
    return {"nav": {"reviewer": bool(scope.bureaus), "filler": bool(scope.units), "waiting": waiting,
                    "unread": Notification.objects.filter(user=user, read=False).count()}}
