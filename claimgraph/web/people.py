"""People's tokens for the web app: the store's token table seen through `security.People`, so the security
module itself never opens a database session."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from claimgraph.store.audit import Actor
from claimgraph.store.tokens import find_by_id, find_by_token

TAG_LENGTH = 16


class StorePeople:
    """Looks tokens up in the store on each call, so a token revoked by the CLI stops working at once."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions

    def by_token(self, token: str) -> tuple[Actor, str] | None:
        with self.sessions() as session:
            row = find_by_token(session, token)
            if row is None:
                return None
            return Actor(row.name, row.role, row.id), row.token_hash[:TAG_LENGTH]

    def by_id(self, token_id: int, tag: str) -> Actor | None:
        with self.sessions() as session:
            row = find_by_id(session, token_id)
            if row is None or row.token_hash[:TAG_LENGTH] != tag:
                return None
            return Actor(row.name, row.role, row.id)
