"""Sessions kept in the database (SESSION_ENGINE names this module), which end after
SESSION_COOKIE_AGE seconds without a request. Django's own way, SESSION_SAVE_EVERY_REQUEST,
writes the session row on every page a person opens; renewing it when it was last renewed more
than SESSION_RENEW_SECONDS ago ends the session at the same time to within that many seconds,
for one write a minute instead of one per page."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import cache

from django.conf import settings
from django.contrib.sessions.backends import db
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

RENEWED = "jixiao_renewed"  # the session key: when the session's expiry was last pushed back


class SessionStore(db.SessionStore):
    """Django's database sessions, with the session read by one statement written once
    (_unexpired): it is read on every page, and the ORM took longer to build the query than
    the database to answer it."""

    def _get_session_from_db(self):  # noqa: ANN202 (Django's signature)
        now = connection.ops.adapt_datetimefield_value(timezone.now())  # as the ORM writes it
        found = next(iter(self.model.objects.raw(_unexpired(), [self.session_key, now])), None)
        if found is None:
            self._session_key = None  # as Django's own: a new session, not this unknown key
        return found


@cache
def _unexpired() -> str:
    q = connection.ops.quote_name
    return (f"SELECT * FROM {q(db.SessionStore.get_model_class()._meta.db_table)} "
            f"WHERE {q('session_key')} = %s AND {q('expire_date')} > %s")


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
