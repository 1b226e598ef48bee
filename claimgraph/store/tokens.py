"""People's tokens: one per person and role, named, stored as a SHA-256 digest only (a token is 32 random bytes,
so a fast digest is enough; the plain token is shown once, when it is made). Roles: `analyst` may review and
curate, `admin` may also manage tokens; reading needs no token at all."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from claimgraph.errors import QueryError
from claimgraph.store.audit import Actor, record
from claimgraph.store.curation_models import ROLES, TokenRow

TOKEN_PREFIX = "cgtok_"
MAX_NAME = 80


def token_digest(token: str) -> str:
    return hashlib.sha256(token.strip().encode("utf-8")).hexdigest()


def token_json(row: TokenRow) -> dict:
    return {"id": row.id, "name": row.name, "role": row.role, "created": row.created.isoformat(),
            "revoked": row.revoked.isoformat() if row.revoked else None, "created_by": row.created_by}


def create_token(session: Session, name: str, role: str, by: Actor) -> tuple[TokenRow, str]:
    """A new token for `name`; returns the row and the plain token (never stored). The caller commits."""
    name = " ".join(name.split())
    if not name or len(name) > MAX_NAME or not name.isprintable():
        raise QueryError(f"a token needs a printable name of 1 to {MAX_NAME} characters", where=name or "-",
                         code="E811")
    if role not in ROLES:
        raise QueryError(f"unknown role {role!r}; choose from {', '.join(ROLES)}", where=name, code="E811")
    if active_token(session, name) is not None:
        raise QueryError(f"{name} already has an active token; revoke it first", where=name, code="E811")
    plain = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = TokenRow(name=name, role=role, token_hash=token_digest(plain), created_by=by.name)
    session.add(row)
    session.flush()
    record(session, by, "token.create", f"token:{row.id}", f"token for {name} ({role})",
           after={"name": name, "role": role})
    return row, plain


def active_token(session: Session, name: str) -> TokenRow | None:
    return session.scalar(select(TokenRow).where(TokenRow.name == name, TokenRow.revoked.is_(None)))


def list_tokens(session: Session, *, include_revoked: bool = True) -> list[TokenRow]:
    query = select(TokenRow).order_by(TokenRow.id)
    if not include_revoked:
        query = query.where(TokenRow.revoked.is_(None))
    return list(session.scalars(query))


def revoke_token(session: Session, name_or_id: str, by: Actor) -> TokenRow:
    """Revoke the active token of a person (by name, or by id): it and every session opened with it stop
    working at once. The caller commits."""
    row = active_token(session, name_or_id)
    if row is None and name_or_id.isdigit():
        row = session.get(TokenRow, int(name_or_id))
    if row is None or row.revoked is not None:
        raise QueryError(f"no active token named {name_or_id!r}", where=name_or_id, code="E812")
    row.revoked = datetime.now(UTC)
    record(session, by, "token.revoke", f"token:{row.id}", f"revoked the token of {row.name} ({row.role})",
           before={"name": row.name, "role": row.role})
    session.flush()
    return row


def find_by_token(session: Session, token: str) -> TokenRow | None:
    """The active token row whose digest matches, else None."""
    if not token or not token.strip():
        return None
    return session.scalar(select(TokenRow).where(TokenRow.token_hash == token_digest(token),
                                                 TokenRow.revoked.is_(None)))


def find_by_id(session: Session, token_id: int) -> TokenRow | None:
    row = session.get(TokenRow, token_id)
    return row if row is not None and row.revoked is None else None
