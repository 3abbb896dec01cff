"""The Content-Security-Policy header (Django 5.2 has none of its own): the pages load scripts,
styles, images and fonts from this site only, and no inline script or style runs, so that text
someone typed into a table can never become code in a reviewer's browser. Scripts and styles
are therefore static files (static/jixiao/)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

POLICY = "; ".join((
    "default-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))


def content_security_policy(get_response: Callable[[HttpRequest], HttpResponse]):
    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response.headers.setdefault("Content-Security-Policy", POLICY)
        return response
    return middleware
