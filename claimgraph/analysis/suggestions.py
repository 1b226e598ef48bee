"""Merge suggestions: pairs of canonical entities that may be one actor, ranked, each with its reasons.

Candidates are pairs that share a name word (blocks of more than MAX_BLOCK entities are skipped: a word that
common says nothing), a surface form or a list reference. Each pair is scored from how alike their best pair of
names is (rapidfuzz), shared surface forms, shared sanctions-list references and shared neighbours in the
graph, less a little when their types differ; the reasons say which of these the score rests on. Pairs an
analyst dismissed (by member keys, so a dismissal survives re-resolution) are left out.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from itertools import combinations

from rapidfuzz import fuzz
from sqlalchemy import or_, select, text
from sqlalchemy.orm import Session

from claimgraph.analysis.entities import entity_names
from claimgraph.resolve import normalise_name
from claimgraph.resolve.normalize import name_tokens
from claimgraph.store.curation_models import SuggestionDismissalRow
from claimgraph.store.resolution_models import CanonicalAliasRow, CanonicalEntityRow

MAX_BLOCK = 40  # entities sharing one name word above which the word is not a reason to compare them
MIN_SCORE = 0.5
MAX_PAIRS = 50_000  # candidate pairs scored for the whole-store list
NAMES_ALIKE = 0.75  # name similarity (0-1) that is a reason by itself
_RELATING = frozenset({"of", "for", "in", "at", "to", "from", "against"})
MIN_WORD = 3  # shorter name words ("al", "of") do not block
_GENERIC = frozenset({"the", "and", "for", "group", "front", "army", "state", "ministry", "international",
                      "national", "forces", "police", "party", "movement", "council", "brigade", "cell"})


@dataclass
class Suggestion:
    a: dict
    b: dict
    score: float
    reasons: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return asdict(self)


def _forms(row: CanonicalEntityRow) -> list[str]:
    return list(dict.fromkeys([row.name, *(row.aliases or [])]))


def _words(row: CanonicalEntityRow) -> set[str]:
    return {w for f in _forms(row) for w in name_tokens(f) if len(w) >= MIN_WORD and w not in _GENERIC}


def _entity(row: CanonicalEntityRow) -> dict:
    return {"id": row.id, "name": row.name, "type": row.type, "aliases": list(row.aliases or []),
            "refs": list(row.refs or []), "documents": row.n_documents}


def _neighbours(session: Session, ids: set[str]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    if not ids:
        return out
    wanted = sorted(ids)
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        names = ", ".join(f":i{n}" for n in range(len(chunk)))
        params = {f"i{n}": v for n, v in enumerate(chunk)}
        for s, o in session.execute(text(f"SELECT subject_id, object_id FROM edges WHERE subject_id IN ({names}) "
                                         f"OR object_id IN ({names})"), params):
            out[s].add(o)
            out[o].add(s)
    return out


def _dismissed(session: Session) -> set[frozenset[str]]:
    """Dismissed pairs as canonical ids, through their recorded member keys."""
    rows = list(session.scalars(select(SuggestionDismissalRow)))
    if not rows:
        return set()
    keys = {k for r in rows for k in (*r.keys_a, *r.keys_b)}
    where: dict[str, str] = {}
    for key in keys:
        doc_id, _, local_id = key.partition(":")
        cid = session.scalar(text("SELECT canonical_id FROM entities WHERE doc_id = :d AND local_id = :l"),
                             {"d": doc_id, "l": local_id})
        if cid:
            where[key] = cid
    out = set()
    for r in rows:
        side_a = {where[k] for k in r.keys_a if k in where}
        side_b = {where[k] for k in r.keys_b if k in where}
        out.update(frozenset((x, y)) for x in side_a for y in side_b if x != y)
    return out


def _contained(ka: str, kb: str) -> float:
    """How well one name reads as a shorter form of the other (token-set similarity, less 8 for each extra word
    after the first); 0 when the extra words relate rather than name ("Directorate of Karvesh" is not Karvesh)."""
    wa, wb = set(ka.split()), set(kb.split())
    extra = (wa - wb) | (wb - wa)
    if extra & _RELATING:
        return 0.0
    return 0.9 * fuzz.token_set_ratio(ka, kb) - 8 * max(0, len(extra) - 1)


def _score(a: CanonicalEntityRow, b: CanonicalEntityRow, na: set[str], nb: set[str],
           names: dict[str, str]) -> Suggestion | None:
    reasons: list[str] = []
    best, pair = 0.0, (a.name, b.name)
    for fa in _forms(a):
        for fb in _forms(b):
            ka, kb = normalise_name(fa), normalise_name(fb)
            if not ka or not kb:
                continue
            sim = max(fuzz.ratio(ka, kb), _contained(ka, kb)) / 100
            if sim > best:
                best, pair = sim, (fa, fb)
    if normalise_name(a.name) == normalise_name(b.name):
        reasons.append(f"same name “{a.name}”")
    elif best >= NAMES_ALIKE and normalise_name(pair[0]) != normalise_name(pair[1]):
        reasons.append(f"names {round(best * 100)}% alike: “{pair[0]}” / “{pair[1]}”")
    same = normalise_name(a.name) == normalise_name(b.name)
    shared_forms = ({normalise_name(f) for f in _forms(a)} & {normalise_name(f) for f in _forms(b)}) - (
        {normalise_name(a.name)} if same else set())
    if shared_forms:
        form = next(f for f in _forms(b) if normalise_name(f) in shared_forms)
        reasons.append(f"shared alias “{form}”")
    refs = sorted(set(a.refs or []) & set(b.refs or []))
    if refs:
        reasons.append(f"shared sanctions reference {', '.join(refs)}")
    common = sorted(na & nb)
    if common:
        shown = ", ".join(names.get(c, c) for c in common[:3]) + (" …" if len(common) > 3 else "")
        reasons.append(f"{len(common)} shared neighbour{'s' if len(common) > 1 else ''}: {shown}")
    score = (0.55 * best + (0.15 if same else 0) + (0.2 if shared_forms else 0) + (0.4 if refs else 0)
             + 0.1 * min(3, len(common)))
    if a.type != b.type:
        score -= 0.15
        reasons.append(f"types differ: {a.type} / {b.type}")
    if score < MIN_SCORE or not (best >= NAMES_ALIKE or shared_forms or refs):
        return None
    return Suggestion(_entity(a), _entity(b), round(min(score, 1.0), 3), reasons)


def _rows_near(session: Session, row: CanonicalEntityRow) -> list[CanonicalEntityRow]:
    """The entity and those that share a surface form, a list reference or a name word with it (through the
    alias index; a word more than MAX_BLOCK entities use is no reason)."""
    alias = CanonicalAliasRow.alias_key
    keys = {normalise_name(f) for f in _forms(row)} | set(row.refs or [])
    ids = set(session.scalars(select(CanonicalAliasRow.canonical_id).where(alias.in_(sorted(keys - {""})))))
    for w in sorted(_words(row)):
        if any(ch in w for ch in "%_\\"):
            continue
        found = session.scalars(select(CanonicalAliasRow.canonical_id).distinct().where(
            or_(alias == w, alias.like(f"{w} %"), alias.like(f"% {w}"), alias.like(f"% {w} %")))
            .limit(MAX_BLOCK + 1)).all()
        if len(found) <= MAX_BLOCK:
            ids.update(found)
    ids.discard(row.id)
    return [row, *session.scalars(select(CanonicalEntityRow).where(CanonicalEntityRow.id.in_(sorted(ids))))]


def merge_suggestions(session: Session, entity: str | None = None, limit: int = 50) -> list[Suggestion]:
    """The most likely duplicate pairs, best first (only pairs with `entity`, a canonical id, when given). The
    whole-store list scores at most MAX_PAIRS candidate pairs, from the rarest shared keys up."""
    if entity is not None:
        focus = session.get(CanonicalEntityRow, entity)
        rows = _rows_near(session, focus) if focus is not None else []
    else:
        rows = list(session.scalars(select(CanonicalEntityRow)))
    by_id = {r.id: r for r in rows}
    blocks: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in rows:
        for w in _words(r):
            blocks[("word", w)].append(r.id)
        for f in _forms(r):
            if normalise_name(f):
                blocks[("form", normalise_name(f))].append(r.id)
        for ref in r.refs or []:
            blocks[("ref", ref)].append(r.id)
    pairs: set[tuple[str, str]] = set()
    for (kind, _key), ids in sorted(blocks.items(), key=lambda b: (len(b[1]), b[0])):
        ids = sorted(set(ids))
        if len(ids) < 2 or (kind == "word" and len(ids) > MAX_BLOCK):
            continue
        if entity is not None:
            if entity in ids:
                pairs.update(tuple(sorted((entity, other))) for other in ids if other != entity)
            continue
        if len(pairs) >= MAX_PAIRS:
            break
        pairs.update(combinations(ids, 2))
    dismissed = _dismissed(session)
    pairs = {p for p in pairs if frozenset(p) not in dismissed}
    neighbours = _neighbours(session, {x for p in pairs for x in p})
    names = {r.id: r.name for r in rows}
    shared = {n for x, y in pairs for n in neighbours.get(x, set()) & neighbours.get(y, set())} - names.keys()
    names.update((cid, row.name) for cid, row in entity_names(session, shared).items())
    out = []
    for x, y in pairs:
        found = _score(by_id[x], by_id[y], neighbours.get(x, set()), neighbours.get(y, set()), names)
        if found is not None:
            out.append(found)
    out.sort(key=lambda s: (-s.score, s.a["id"], s.b["id"]))
    return out[:limit]
