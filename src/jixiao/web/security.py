"""Two guards every request passes. The Content-Security-Policy header (Django 5.2 has none of
its own): the pages load scripts, styles, images and fonts from this site only, and no inline
script or style runs, so that text someone typed into a table can never become code in a
reviewer's browser. Scripts and styles are therefore static files (static/jixiao/). And the
refusal of the NUL character, which no text of ours can hold."""

from __future__ import annotations

import json
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

NUL = "\x00"
NUL_REFUSED = "请求中含有空字符（U+0000），无法处理：请删除后重试"

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


def refuse_nul(get_response: Callable[[HttpRequest], HttpResponse]):
    """A request with U+0000 in its address, its form fields or its JSON is refused whole (400)
    before any view reads it. PostgreSQL's text cannot hold the character, so a search, a
    comment or an edit carrying one failed midway with a server error; SQLite kept it. Files
    are not looked at: their readers keep only the text they understand."""
    def middleware(request: HttpRequest) -> HttpResponse:
        if not _carries_nul(request):
            return get_response(request)
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": NUL_REFUSED}, status=400, json_dumps_params={"ensure_ascii": False})
        return render(request, "400.html", {"reason": NUL_REFUSED}, status=400)
    return middleware


def _carries_nul(request: HttpRequest) -> bool:
    if NUL in request.path or any(_holds_nul(pair) for pair in request.GET.lists()):
        return True
    if request.method not in ("POST", "PUT", "PATCH"):
        return False
    if request.content_type == "application/json":
        return _holds_nul(request.body.decode("utf-8", "replace"))
    if request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        return any(_holds_nul(pair) for pair in request.POST.lists())
    return False


def _json(text: str) -> object:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):  # not JSON; or JSON the view will say is wrong
        return None


def _holds_nul(value: object) -> bool:
    if isinstance(value, str):  # JSON, as a body or in a field (the editor's sheet), writes it \u0000
        return NUL in value or ("\\u0000" in value and _holds_nul(_json(value)))
    if isinstance(value, dict):
        return any(_holds_nul(k) or _holds_nul(v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return any(_holds_nul(v) for v in value)
    return False
