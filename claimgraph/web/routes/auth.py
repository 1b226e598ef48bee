"""Login with the write token (sets the signed session cookie) and logout."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from claimgraph.web.deps import respond
from claimgraph.web.errors import WriteRefused
from claimgraph.web.limits import client_address
from claimgraph.web.security import COOKIE_MAX_AGE, COOKIE_NAME

router = APIRouter()


@dataclass
class LoginContext:
    next: str
    error: str | None = None

    def to_json(self) -> dict:
        return {"next": self.next, "error": self.error}


def _safe_next(value: str) -> str:
    """Only a local path, so the login cannot redirect elsewhere."""
    return value if value.startswith("/") and not value.startswith("//") and "\\" not in value else "/"


@router.get("/login", include_in_schema=False)
def login_page(request: Request, next: str = "/") -> Response:
    return respond(request, "login.html", LoginContext(_safe_next(next)))


@router.post("/login", include_in_schema=False)
async def login(request: Request) -> Response:
    form = await request.form()
    auth = request.app.state.auth
    target = _safe_next(str(form.get("next") or "/"))
    client = client_address(request.scope)
    wait = auth.wait_after_failures(client)
    if wait:
        raise WriteRefused(f"too many wrong tokens from {client}; try again in {wait} s", 429, "E810")
    token = str(form.get("token") or "")
    if not auth.check_token(token):
        auth.note_failure(client)
        if "text/html" in request.headers.get("accept", ""):  # a browser: the form again, saying why
            return respond(request, "login.html", LoginContext(target, "That token is not valid. Check it and "
                                                                        "try again."), status=401)
        raise WriteRefused("wrong token", 401, "E802")
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(COOKIE_NAME, auth.new_session(token), max_age=COOKIE_MAX_AGE, httponly=True, samesite="strict",
                        secure=request.url.scheme == "https")
    return response


@router.post("/logout", include_in_schema=False)
def logout(request: Request) -> Response:
    """Revoke the session (its cookie and CSRF token no longer write, even if kept and replayed), drop the cookie."""
    auth = request.app.state.auth
    nonce = auth.session_nonce(request.cookies.get(COOKIE_NAME))
    if nonce is not None:
        auth.revoke(nonce)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(COOKIE_NAME)
    return response
