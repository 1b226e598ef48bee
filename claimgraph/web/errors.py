"""One handler table: domain errors and refusals become `{ok: false, error, code, status}` on /api and the
error page elsewhere. Search and analysis code never imports FastAPI; the status comes from the error class."""

from __future__ import annotations

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.types import Scope

from claimgraph.errors import ClaimgraphError


class WriteRefused(Exception):
    """A write without a valid token (401) or with a bad CSRF token (403)."""

    def __init__(self, message: str, status: int, code: str) -> None:
        super().__init__(message)
        self.message, self.status, self.code = message, status, code


def _wants_json(path: str) -> bool:
    return path.startswith("/api/")


def error_body(message: str, code: str, status: int) -> dict:
    return {"ok": False, "error": message, "code": code, "status": status}


def refusal_response(scope: Scope, status: int, message: str, code: str) -> Response:
    """Used by the middleware, which runs outside the template machinery: a tiny escaped page or JSON."""
    if _wants_json(scope.get("path", "")):
        return JSONResponse(error_body(message, code, status), status_code=status)
    from markupsafe import escape

    html = (f"<!doctype html><title>Refused</title><h1>{status} refused</h1><p>{escape(message)} "
            f"[{escape(code)}]</p>")
    return HTMLResponse(html, status_code=status)


def _render(request: Request, message: str, code: str, status: int) -> Response:
    if _wants_json(request.url.path):
        return JSONResponse(error_body(message, code, status), status_code=status)
    templates = request.app.state.templates
    return templates.TemplateResponse(request, "error.html", {"message": message, "code": code, "status": status,
                                                               "auth": {}, "unread": 0}, status_code=status)


async def handle_domain(request: Request, err: ClaimgraphError) -> Response:
    return _render(request, err.message if not err.where else f"{err.where}: {err.message}", err.code,
                   err.http_status)


async def handle_refused(request: Request, err: WriteRefused) -> Response:
    return _render(request, err.message, err.code, err.status)


async def handle_http(request: Request, err: HTTPException) -> Response:
    return _render(request, str(err.detail), f"H{err.status_code}", err.status_code)


async def handle_validation(request: Request, err: RequestValidationError) -> Response:
    first = err.errors()[0] if err.errors() else {}
    where = ".".join(str(x) for x in first.get("loc", []))
    return _render(request, f"invalid request: {where}: {first.get('msg', 'bad value')}", "E801", 422)


HANDLERS = {
    ClaimgraphError: handle_domain,
    WriteRefused: handle_refused,
    HTTPException: handle_http,
    RequestValidationError: handle_validation,
}
