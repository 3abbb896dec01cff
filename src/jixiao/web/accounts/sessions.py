"""Sessions that end after SESSION_COOKIE_AGE seconds without a request. Django's own way,
SESSION_SAVE_EVERY_REQUEST, writes the session row on every page a person opens; renewing it
when it was last renewed more than SESSION_RENEW_SECONDS ago ends the session at the same time
to within that many seconds, for one write a minute instead of one per page."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

RENEWED = "jixiao_renewed"  # the session key: when the session's expiry was last pushed back


def signed_in(sender, request: HttpRequest, user, **kwargs) -> None:  # noqa: ANN001
    """Signing in saves the session with a full expiry: count that as its renewal, so that the
    first page after it does not write the session again."""
    request.session[RENEWED] = int(time.time())


def renew_idle_sessions(get_response: Callable[[HttpRequest], HttpResponse]):
    """After SessionMiddleware (so its response step, which saves, runs after this one)."""
    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        session = request.session
        if session.accessed and not session.is_empty():  # a signed-in page, not a static file
            now = int(time.time())
            if now - session.get(RENEWED, 0) >= settings.SESSION_RENEW_SECONDS:
                session[RENEWED] = now  # marks it modified: saved with a new expiry
        return response
    return middleware
