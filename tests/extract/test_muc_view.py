"""bench/muc4.py's MUC-4 view of an extraction: incident events only, physical targets only (fictional actors)."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("bench_muc4", ROOT / "bench" / "muc4.py")
muc4 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(muc4)

ENTITIES = [
    {"id": "korvath_front", "name": "Korvath Front", "type": "organization"},
    {"id": "velmar", "name": "Velmar", "type": "place"},
    {"id": "velmar_bridge", "name": "Velmar Bridge", "type": "place"},
    {"id": "np_bus", "name": "bus", "type": "place"},
    {"id": "tomas_brenner", "name": "Tomas Brenner", "type": "person"},
]


def _event(kind: str, participants: list[tuple[str, str]]) -> dict:
    return {"type": kind, "participants": [{"role": r, "entity": e} for r, e in participants], "weapons": []}


def test_only_incident_events_are_kept():
    extraction = {"entities": ENTITIES, "events": [_event("arrest", [("target", "tomas_brenner")]),
                                                   _event("killing", [("victim", "tomas_brenner")])]}
    assert [e["type"] for e in muc4.muc_view(extraction)["events"]] == ["killing"]


def test_named_towns_and_organisations_are_no_physical_targets():
    extraction = {"entities": ENTITIES, "events": [_event("attack", [
        ("perpetrator", "korvath_front"), ("target", "korvath_front"), ("target", "velmar"),
        ("target", "velmar_bridge"), ("target", "np_bus"), ("target", "tomas_brenner")])]}
    kept = [(p["role"], p["entity"]) for p in muc4.muc_view(extraction)["events"][0]["participants"]]
    assert kept == [("perpetrator", "korvath_front"), ("target", "velmar_bridge"), ("target", "np_bus"),
                    ("target", "tomas_brenner")]
