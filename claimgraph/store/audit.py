"""The audit log: who did what, when, to what, with the state before and after. Every analyst and admin write
(claim reviews, merges, splits, undos, dismissed suggestions, tokens) adds one row in the same transaction as
the change itself, so the log never disagrees with the store."""

from __future__ import annotations

import getpass
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from claimgraph.store.curation_models import AuditRow


@dataclass(frozen=True)
class Actor:
    """Who acts: a person's name and role (analyst or admin), and the token they used (None: the CLI or the
    admin token from CLAIMGRAPH_TOKEN / the data folder)."""

    name: str
    role: str
    token_id: int | None = None

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


def cli_actor() -> Actor:
    """The CLI writes straight to the store, as whoever can open it: named after the login user."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "unknown"
    return Actor(f"cli:{user}", "admin")


def record(session: Session, actor: Actor, action: str, target: str, summary: str, *, before: dict | None = None,
           after: dict | None = None, note: str | None = None) -> AuditRow:
    """Add one entry; the caller's transaction commits it with the change it describes."""
    row = AuditRow(actor=actor.name, role=actor.role, action=action, target=target, summary=summary,
                   before=before, after=after, note=note or None)
    session.add(row)
    session.flush()
    return row


@dataclass
class AuditPage:
    entries: list[dict]
    total: int
    page: int
    pages: int


def entry_json(row: AuditRow) -> dict:
    return {"id": row.id, "created": row.created.isoformat() if row.created else None, "actor": row.actor,
            "role": row.role, "action": row.action, "target": row.target, "summary": row.summary,
            "before": row.before, "after": row.after, "note": row.note}


def audit_entries(session: Session, *, actor: str | None = None, action: str | None = None,
                  target: str | None = None, page: int = 1, per_page: int = 50) -> AuditPage:
    """Entries newest first; `action` matches a prefix (`claim` finds every claim review), `target` exactly."""
    where = []
    if actor:
        where.append(AuditRow.actor == actor)
    if action:
        where.append(AuditRow.action.startswith(action, autoescape=True))
    if target:
        where.append(AuditRow.target == target)
    total = session.scalar(select(func.count()).select_from(AuditRow).where(*where)) or 0
    pages = max(1, -(-total // per_page))
    page = min(max(1, page), pages)
    rows = session.scalars(select(AuditRow).where(*where).order_by(AuditRow.id.desc())
                           .offset((page - 1) * per_page).limit(per_page))
    return AuditPage([entry_json(r) for r in rows], total, page, pages)
