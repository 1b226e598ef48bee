"""Gold relations turned into labelled candidate pairs.

Our entities are mapped to gold entities the way score.py maps them (shared names). A pair of mentions in a
sentence that lies inside a gold relation's evidence and whose ends map to that relation's ends is a positive,
labelled with the relation's (first accepted) type and its direction; a pair matching only an optional gold
relation, a pair whose ends are related in the gold elsewhere in the document, and a pair with an end that maps to
no gold entity only because we read its name with other boundaries (`misread`), are left out (neither positive
nor negative); every other pair is `none`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from claimgraph.extract.models.relation_features import NONE, Pair, sentence_pairs
from claimgraph.extract.models.relation_model import label_of
from claimgraph.extract.records import Entity
from claimgraph.extract.relations.rules import candidates
from claimgraph.extract.syntax import Resolver
from claimgraph.training.corpus import Article
from claimgraph.training.scoring import scorer


def as_list(v: object) -> list:
    return v if isinstance(v, list) else [v]


def evidence_span(text: str, evidence: str) -> tuple[int, int] | None:
    """Where the gold evidence sentence sits in the text we read (whitespace may differ)."""
    if not evidence:
        return None
    at = text.find(evidence)
    if at >= 0:
        return at, at + len(evidence)
    words = evidence.split()
    pattern = r"\s*".join(re.escape(w) for w in words[:12])
    m = re.search(pattern, text)
    if m is None:
        return None
    return m.start(), m.start() + len(evidence)


def entity_mapping(shared: Path, article: Article) -> dict[str, str]:
    system = [{"id": e.id, "name": e.name, "aliases": e.aliases} for e in article.table.entities]
    return scorer(shared).map_entities(article.gold["entities"], system)


def labelled_pairs(shared: Path, article: Article) -> list[tuple[Pair, str]]:
    """Every candidate pair of the article that has a label (see the module docstring)."""
    mapping = entity_mapping(shared, article)
    text = article.document.text
    gold = []
    related: set[frozenset[str]] = set()
    for r in article.gold["relations"]:
        span = evidence_span(text, r.get("evidence") if isinstance(r.get("evidence"), str)
                             else (r.get("evidence") or {}).get("text", ""))
        subjects, objects = as_list(r["subject"]), as_list(r["object"])
        gold.append((span, subjects, objects, as_list(r["type"])[0], bool(r.get("optional"))))
        for s in subjects:
            for o in objects:
                related.add(frozenset((s, o)))
    resolver = Resolver(article.table)
    score = scorer(shared)
    unsure = misread(article.table.entities, mapping,
                     {n for g in article.gold["entities"] for n in score.names_of(g)}, score.norm)
    out: list[tuple[Pair, str]] = []
    for sent in article.doc.sents:
        pairs = sentence_pairs(sent, resolver, candidates(sent, resolver))
        for pair in pairs:
            ga, gb = mapping.get(pair.a.entity), mapping.get(pair.b.entity)
            label, skip = _label(ga, gb, sent.start_char, sent.end_char, gold)
            if skip or (label == NONE and ga and gb and frozenset((ga, gb)) in related):
                continue
            if label == NONE and (pair.a.entity in unsure or pair.b.entity in unsure):
                continue
            out.append((pair, label))
    return out


def misread(entities: list[Entity], mapping: dict[str, str], gold_names: set[str],
            norm: Callable[[str], str]) -> set[str]:
    """Our entities that map to no gold entity but whose name holds a gold name (of 4 characters or more) or sits
    inside one, word for word: the gold's actor read with other boundaries ("the Gulf Cartel drug ring" for "Gulf
    Cartel"). Their pairs teach nothing sure about `none`: under cross-validation, leaving them out of training
    raised relations F1 by 0.004."""
    names_in_gold = {f" {n} " for n in gold_names if len(n) >= 4}
    out = set()
    for e in entities:
        if e.id in mapping:
            continue
        names = {f" {norm(n)} " for n in (e.name, *e.aliases)} - {"  "}
        if any(g in n or n in g for n in names for g in names_in_gold):
            out.add(e.id)
    return out


def _label(ga: str | None, gb: str | None, start: int, end: int, gold: list) -> tuple[str, bool]:
    """(label, skip) of one pair against the gold relations whose evidence overlaps the sentence."""
    if ga is None or gb is None or ga == gb:
        return NONE, False
    optional_hit = False
    for span, subjects, objects, rtype, optional in gold:
        if span is None or span[1] <= start or span[0] >= end:
            continue
        if ga in subjects and gb in objects:
            flipped = False
        elif gb in subjects and ga in objects:
            flipped = True
        else:
            continue
        if optional:
            optional_hit = True
            continue
        return label_of(rtype, flipped), False
    return NONE, optional_hit


def event_hits(gold_events: list[dict], events: list, mapping: dict[str, str]) -> list[bool]:
    """Which of our events a gold event takes, in order, by score.py's rule (type, date to the gold's
    precision, location where the gold has one; each gold event taken once)."""
    used: set[int] = set()
    out = []
    for e in events:
        hit = None
        for i, g in enumerate(gold_events):
            if i in used or e.type not in as_list(g["type"]):
                continue
            if g.get("date") and not str(e.date or "").startswith(g["date"]):
                continue
            if g.get("location") and mapping.get(e.location) not in as_list(g["location"]):
                continue
            hit = i
            break
        if hit is not None:
            used.add(hit)
        out.append(hit is not None)
    return out
