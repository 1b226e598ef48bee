"""One event per incident: mentions of the same incident (same type, compatible date, place and
participants; "the attack", "the bombing") are merged across sentences."""

from __future__ import annotations

from dataclasses import dataclass, field

from claimgraph.extract.records import Event

_PATIENT_ROLES = ("target", "victim")
_WINDOW = 25  # sentences: a compatible mention further back merges only when it refers back ("the attack")


@dataclass
class Candidate:
    """An event under construction with what merging needs to know about its mention."""

    event: Event
    trigger_i: int
    sentence_i: int
    anaphoric: bool  # "the attack", "this bombing": refers back
    date_explicit: bool = False
    location_explicit: bool = False
    governed: set[int] = field(default_factory=set)  # token ids of triggers syntactically tied to this one


def _date_compatible(a: Candidate, b: Candidate) -> bool:
    da, db = a.event.date, b.event.date
    if not (a.date_explicit and b.date_explicit) or not da or not db:
        return True
    return da.startswith(db) or db.startswith(da)


def _location_compatible(a: Candidate, b: Candidate) -> bool:
    la, lb = a.event.location, b.event.location
    if not (a.location_explicit and b.location_explicit) or not la or not lb:
        return True
    return la == lb


def _patients(c: Candidate, role: str) -> set[str]:
    """Named targets or victims (unnamed `np_` phrases such as "40 people" are too vague to tell incidents apart)."""
    return {p.entity for p in c.event.participants if p.role == role and not p.entity.startswith("np_")}


def compatible(a: Candidate, b: Candidate) -> bool:
    if a.event.type != b.event.type or not _date_compatible(a, b) or not _location_compatible(a, b):
        return False
    for k in ("killed", "wounded", "arrested"):
        ca, cb = getattr(a.event, k), getattr(b.event, k)
        if ca is not None and cb is not None and ca != cb:
            return False
    for role in _PATIENT_ROLES:
        pa, pb = _patients(a, role), _patients(b, role)
        if pa and pb and not pa & pb:
            return False
    return True


def absorb(a: Candidate, b: Candidate) -> None:
    """Fold b's information into a."""
    ea, eb = a.event, b.event
    if eb.date and (not ea.date or (b.date_explicit and not a.date_explicit) or
                    (b.date_explicit and len(eb.date) > len(ea.date) and eb.date.startswith(ea.date))):
        ea.date, a.date_explicit = eb.date, a.date_explicit or b.date_explicit
    if eb.location and (not ea.location or (b.location_explicit and not a.location_explicit)):
        ea.location, a.location_explicit = eb.location, a.location_explicit or b.location_explicit
    for p in eb.participants:
        if p not in ea.participants:
            ea.participants.append(p)
    for k in ("killed", "wounded", "arrested"):
        if getattr(ea, k) is None and getattr(eb, k) is not None:
            setattr(ea, k, getattr(eb, k))
    for w in eb.weapons:
        if w.lower() not in (x.lower() for x in ea.weapons):
            ea.weapons.append(w)
    if eb.subtype and (not ea.subtype or (len(eb.subtype) > len(ea.subtype) and ea.subtype in eb.subtype)):
        ea.subtype = eb.subtype
    if ea.certainty == "certain" and eb.certainty != "certain" and a.sentence_i == b.sentence_i:
        ea.certainty = eb.certainty
    a.governed |= b.governed | {b.trigger_i}


def merge(candidates: list[Candidate]) -> list[Candidate]:
    """Merge in document order: a mention joins the latest earlier event it is compatible with (same type, no
    conflicting date, place or patients), nearby or when it refers back."""
    kept: list[Candidate] = []
    for c in candidates:
        target = next((k for k in kept if c.trigger_i in k.governed and compatible(k, c)), None)
        for k in reversed(kept if target is None else []):
            if c.sentence_i - k.sentence_i > _WINDOW and not c.anaphoric:
                continue
            if compatible(k, c):
                target = k
                break
        if target is None:
            kept.append(c)
        else:
            absorb(target, c)
    return kept
