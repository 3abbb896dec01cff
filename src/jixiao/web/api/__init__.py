"""The HTTP API (issue 13, point 7; issue 14, point 6): the tables, their indicators and findings,
comments and the workflow, actual values, monitoring and self-evaluation, as JSON, described by
OpenAPI at /api/openapi.json and browsable at /api/docs.

It asks the same functions as the pages (jixiao.web.tables.access for who may see and do
what, .store for every change, .queries for the list's filters), so no rule is written twice.
A person signs in with the pages' session (unsafe methods then need the CSRF token, as the
pages' forms do) or a script sends a token: Authorization: Bearer <token>, made with
`python -m jixiao.web token USERNAME`. Errors are {"detail": "<Chinese sentence>"}."""

from __future__ import annotations

import functools

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.renderers import JSONRenderer
from ninja.security import HttpBearer
from ninja.security import SessionAuth as NinjaSessionAuth

from jixiao.web.accounts.models import ApiToken
from jixiao.web.api import endpoints

NAMESPACE = "api"


class TokenAuth(HttpBearer):
    """Authorization: Bearer <token>. A token that is sent but unknown is refused at once,
    even where a session would also sign the person in: a script should learn its token is bad."""

    def authenticate(self, request: HttpRequest, token: str):  # noqa: ANN201 (a Django user)
        user = ApiToken.holder(token.strip())
        if user is None:
            raise AuthenticationError(401, "令牌无效或已停用")
        return user


class SessionAuth(NinjaSessionAuth):
    """The pages' session, with the CSRF check of the pages' forms for unsafe methods. A
    visitor who has not signed in gets 401, not a CSRF refusal."""

    def __call__(self, request: HttpRequest):  # noqa: ANN204 (a Django user or None)
        if not request.user.is_authenticated:
            return None
        return super().__call__(request)


class ChineseJSON(JSONRenderer):
    """JSON with Chinese as itself, not as \\u escapes: readable with curl."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="jixiao（绩效）HTTP 接口",
    version="1",
    description=(
        "预算绩效目标表的查询、导入、编辑、审核意见与流程；已批复的表的实际完成值、绩效监控与自评。"
        "权限与网页完全相同：看不到的表返回 404，看得到但无权执行的操作返回 403。\n\n"
        "认证：在浏览器中登录后即可直接调用（修改类请求须带 X-CSRFToken 头，本页面会自动带上）；"
        "脚本使用令牌：`python -m jixiao.web token 用户名` 生成，请求头 `Authorization: Bearer <令牌>`。\n\n"
        "出错时返回 `{\"detail\": \"中文说明\"}`；修改内容有误时另有 `problems` 列表。"
    ),
    urls_namespace=NAMESPACE,
    auth=[TokenAuth(), SessionAuth()],
    renderer=ChineseJSON(),
    # Swagger UI from the application's own static files ("ninja" in INSTALLED_APPS), not
    # from a CDN, and with no inline script: the page works without internet and under
    # Content-Security-Policy default-src 'self'. No validator badge fetched from swagger.io.
    docs=Swagger(settings={"persistAuthorization": True, "validatorUrl": None}),
)
api.add_router("/", endpoints.router)
# Monitoring and self-evaluation (issue 14): actual values, monitoring at a month, evaluation.
# Imported here, after the API exists: jixiao.web.monitoring.api takes its error schemas from .schemas.
from jixiao.web.monitoring import api as monitoring_api  # noqa: E402

api.add_router("/", monitoring_api.router)

# What django-ninja itself says, in English, when it refuses a request.
_SAID = {
    "CSRF check Failed": "CSRF 校验失败：在浏览器中调用修改类接口时须带 X-CSRFToken 头；脚本请改用令牌（Authorization: Bearer）",
    "Unauthorized": "请先登录，或在请求头中提供令牌：Authorization: Bearer <令牌>",
    "Too many requests.": "请求过于频繁，请稍后再试",
    "Cannot parse request body": "请求体无法读取：应为 JSON（Content-Type: application/json）",
}


def _detail(request: HttpRequest, status: int, detail: str, **more) -> HttpResponse:
    return api.create_response(request, {"detail": detail, **more}, status=status)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    said = next((chinese for english, chinese in _SAID.items() if error.message.startswith(english)), error.message)
    response = _detail(request, error.status_code, said)
    if isinstance(error, AuthenticationError):
        response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, error: Http404) -> HttpResponse:
    return _detail(request, 404, "没有找到")


_PROBLEMS = {"missing": "缺少", "int_parsing": "应为整数", "int_type": "应为整数", "string_type": "应为文字",
             "bool_parsing": "应为 true 或 false", "dict_type": "应为对象", "list_type": "应为列表",
             "json_invalid": "不是有效的 JSON", "greater_than_equal": "太小", "less_than_equal": "太大",
             "model_attributes_type": "应为对象", "enum": "不是可选的值", "literal_error": "不是可选的值"}


_SOURCES = {"query": "查询参数 ", "path": "地址中的 ", "body": "", "form": "表单字段 ", "file": "文件字段 "}


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, error: ValidationError) -> HttpResponse:
    said = []
    for problem in error.errors:
        source, *place = [str(part) for part in problem.get("loc", ())] or [""]
        if source == "body" and len(place) > 1:
            place = place[1:]  # the operation's parameter name, which the caller never wrote
        said.append(f"{_SOURCES.get(source, '')}{'.'.join(place)}：{_PROBLEMS.get(problem.get('type', ''), '不符合要求')}")
    return _detail(request, 422, "请求内容有误（" + "；".join(said) + "）", errors=error.errors)


def _json_405(view):  # noqa: ANN001, ANN202
    """django-ninja answers a method an address does not take with a plain English line."""
    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if isinstance(response, HttpResponseNotAllowed):
            allowed = response["Allow"]
            response = _detail(request, 405, f"这个地址不接受 {request.method} 请求（可用：{allowed}）")
            response["Allow"] = allowed
        return response
    return wrapped


def urls() -> tuple[list, str, str]:
    """What urls.py includes at /api/: the API's addresses, each answering in JSON."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        pattern.callback = _json_405(pattern.callback)
    return patterns, app_name, namespace
