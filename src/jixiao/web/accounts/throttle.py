"""Sign-in throttling: after LOGIN_FAILURES_ALLOWED failed sign-ins within LOGIN_LOCKOUT_MINUTES,
for one username or from one address, sign-in is refused for LOGIN_LOCKOUT_MINUTES from the last
of them, even with the right password. Refused attempts are not counted, so the lock ends on time
however often someone knocks. A success clears its username's failures, not its address's: one
account of one's own must not reset the count of an address trying others.

The address is the one the connection comes from (REMOTE_ADDR). Behind the HTTPS reverse proxy
(JIXIAO_HTTPS=1, the proxy on this machine), every connection comes from loopback, and the address
is the last one of X-Forwarded-For, the one the proxy added; anywhere else that header is not
believed, since whoever connects writes it."""

from __future__ import annotations

import ipaddress
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone

from jixiao.web.accounts.models import LoginFailure

KEPT = timedelta(days=1)  # older failures are deleted as new ones come
LOOPBACK = ("127.0.0.1", "::1")


def _window() -> timedelta:
    return timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)


def locked_until(username: str, address: str | None) -> datetime | None:
    """When sign-in opens again for this username or address, or None where it is open."""
    now, window, allowed = timezone.now(), _window(), settings.LOGIN_FAILURES_ALLOWED
    until = None
    for key in [Q(username=username)] + ([Q(address=address)] if address else []):
        last = list(LoginFailure.objects.filter(key).order_by("-at").values_list("at", flat=True)[:allowed])
        if len(last) == allowed and last[0] - last[-1] <= window and last[0] + window > now:
            until = max(until or now, last[0] + window)
    return until


def address(request: HttpRequest | None) -> str | None:
    """The address a request comes from, or None where there is no valid one (a Unix socket)."""
    if request is None:
        return None
    remote, forwarded = request.META.get("REMOTE_ADDR"), request.META.get("HTTP_X_FORWARDED_FOR")
    if settings.HTTPS and forwarded and remote in LOOPBACK:
        remote = forwarded.rpartition(",")[2].strip()
    try:
        return str(ipaddress.ip_address(remote)) if remote else None
    except ValueError:
        return None


def failed(username: str, address: str | None) -> None:
    now = timezone.now()
    LoginFailure.objects.filter(at__lt=now - KEPT).delete()
    LoginFailure.objects.create(username=username, address=address, at=now)


def succeeded(username: str) -> None:
    LoginFailure.objects.filter(username=username).delete()
