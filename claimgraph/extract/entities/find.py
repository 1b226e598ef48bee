"""Entities: one per referent in the document, with every surface form, mention offsets and a token index.

Steps: candidate spans (model NER, gazetteer, lexicon cues, nickname pattern; navigation chrome skipped)
-> cleaned and typed by context (entity_spans) -> clustered into referents (aliases) -> every further
occurrence of a known alias added as a mention -> byline authors -> acting unnamed groups (groups).
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc

from claimgraph.extract.entities.aliases import cluster, cluster_type, is_acronym, name_key
from claimgraph.extract.entities.gazetteer import Gazetteer
from claimgraph.extract.entities.group_names import name_groups
from claimgraph.extract.entities.groups import find_groups
from claimgraph.extract.entities.lexicons import cues
from claimgraph.extract.entities.mentions import EntityTable
from claimgraph.extract.entities.spans import (
    QUOTES,
    Candidate,
    acronym_candidates,
    add_context_votes,
    chrome_tokens,
    gazetteer_candidates,
    lexicon_candidates,
    model_candidates,
    nickname_candidates,
    pattern_candidates,
    resolve_overlaps,
)
from claimgraph.extract.entities.typing import retype_by_context
from claimgraph.extract.records import Entity, Mention
from claimgraph.ingest.document import Document


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_") or "entity"


def _surface(doc: Doc, cand: Candidate) -> str:
    return doc[cand.start:cand.end].text.strip("".join(QUOTES) + " ")


def _entity_name(doc: Doc, members: list[Candidate], etype: str) -> str:
    if etype == "state":
        states = Counter(c.state for c in members if c.state)
        if states:
            return states.most_common(1)[0][0]
    texts = [_surface(doc, c) for c in members]
    nick = next((c for c in members if c.nickname), None)
    if nick is not None:
        nick_words = set(nick.nickname.split())
        words = [t.text for t in doc[nick.start:nick.end] if t.text not in QUOTES and t.text not in nick_words]
        return " ".join(words)
    plain = [t for t in texts if not is_acronym(t) and "\n" not in t] or texts
    if etype == "organization":
        full = [t for t in plain if len(t.split()) > 1]
        if full:
            return full[0]  # the first full form, usually the defining one
    if etype in ("person", "organization"):
        return max(plain, key=lambda t: (len(t.split()), len(t), -texts.index(t)))
    counts = Counter(plain)
    return max(plain, key=lambda t: (counts[t], len(t)))


def _add_mention(entity: Entity, doc: Doc, start: int, end: int, table: EntityTable, source: str) -> None:
    """`source` is document.text: the model may have read a true-cased copy of the same length."""
    span = doc[start:end]
    s, e = span.start_char, span.end_char
    text = source[s:e]
    edge = "".join(QUOTES) + " \n\t"
    lead = len(text) - len(text.lstrip(edge))
    trail = len(text) - len(text.rstrip(edge))
    if lead or trail:
        s, e = s + lead, e - trail  # a quote glued to the last token: 'America”'
        text = text[lead:len(text) - trail]
    entity.mentions.append(Mention(s, e, text))
    if text not in entity.aliases:
        entity.aliases.append(text)
    for i in range(start, end):
        table.token_entity.setdefault(i, entity.id)


def _complete_mentions(doc: Doc, table: EntityTable, skip: set[int], text: str) -> None:
    """Every further occurrence of a known alias is a mention too (the model misses repeats)."""
    taken = {name_key(a) for e in table.entities if e.type != "person" for a in e.aliases}
    for entity in table.entities:
        if entity.type == "group":
            continue
        forms = {a for a in entity.aliases if len(a) >= 2 and any(ch.isupper() for ch in a) and "\n" not in a}
        if entity.type == "person":
            forms |= _surnames(entity, taken)
        forms |= {a.upper() for a in forms if len(a.split()) > 1}
        for form in sorted(forms, key=len, reverse=True):
            for m in re.finditer(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])", text):
                span = doc.char_span(m.start(), m.end(), alignment_mode="strict")
                if span is None or any(i in table.token_entity or i in skip for i in range(span.start, span.end)):
                    continue
                _add_mention(entity, doc, span.start, span.end, table, text)
        entity.mentions.sort(key=lambda m: m.start)


def _surnames(entity: Entity, taken: set[str]) -> set[str]:
    """'Umarov' for 'Doku Umarov', 'al Harbi' for '... al Harbi', unless another entity uses that word."""
    out = set()
    for alias in entity.aliases:
        words = alias.split()
        if len(words) < 2 or not words[-1][:1].isupper():
            continue
        forms = [words[-1]]
        if len(words) >= 3 and words[-2].lower() in cues().name_particles:
            forms.append(" ".join(words[-2:]))
            forms.append(" ".join([words[-2].capitalize(), words[-1]]))
        out.update(f for f in forms if name_key(f) not in taken and len(f) > 2)
    return out


def _author_entities(doc: Doc, document: Document, table: EntityTable, skip: set[int], used: set[str]) -> None:
    for author in document.metadata.authors or []:
        if not author or len(author.split()) < 2:
            continue
        key = name_key(author)
        entity = next((e for e in table.entities if e.type == "person" and any(name_key(a) == key for a in e.aliases)),
                      None)
        if entity is None:
            hits = [m for m in re.finditer(re.escape(author), doc.text, flags=re.IGNORECASE)]
            if not hits:
                continue
            entity = Entity(id=_unique(_slug(author), used), name=author, type="person", rule="entities/byline")
            table.entities.append(entity)
        for form in dict.fromkeys((author, author.upper())):  # in this order: a set would vary per process
            if form not in entity.aliases:
                entity.aliases.append(form)


def _unique(base: str, used: set[str]) -> str:
    eid, n = base, 2
    while eid in used:
        eid, n = f"{base}_{n}", n + 1
    used.add(eid)
    return eid


def find_entities(doc: Doc, document: Document, gazetteer: Gazetteer | None = None) -> EntityTable:
    """All entities of one document (see the module docstring for the steps). `gazetteer`: the sanctions-list
    matcher built for this doc's vocab (the pipeline passes it; None matches no list names)."""
    table = EntityTable(doc=doc)
    doc_text = doc.text
    source = document.text if len(document.text) == len(doc_text) else doc_text
    skip = chrome_tokens(doc)
    cands = model_candidates(doc, skip)
    cands += gazetteer_candidates(doc, gazetteer, skip)
    cands += nickname_candidates(doc, skip)
    cands += lexicon_candidates(doc, skip)
    cands += pattern_candidates(doc, skip)
    cands = resolve_overlaps(doc, cands)
    cands = sorted(cands + acronym_candidates(doc, cands, skip), key=lambda c: c.start)
    cands = add_context_votes(doc, cands)
    cands = resolve_overlaps(doc, cands)  # context may have extended spans ("Iranian government")
    used: set[str] = set()
    for members in cluster(doc, cands):
        if all(c.weak for c in members):
            continue
        etype = cluster_type(members)
        name = _entity_name(doc, members, etype)
        rules = Counter(c.rule for c in members)
        entity = Entity(id=_unique(_slug(name), used), name=name, type=etype, rule=rules.most_common(1)[0][0])
        for c in sorted(members, key=lambda c: c.start):
            _add_mention(entity, doc, c.start, c.end, table, source)
            entity.refs.extend(r for r in c.refs if r not in entity.refs)
            if c.nickname:
                last = doc[c.end - 1].text
                for alias in (c.nickname, f"{c.nickname} {last}"):
                    if alias not in entity.aliases:
                        entity.aliases.append(alias)
        table.entities.append(entity)
    place = (document.metadata.dateline_place or "").casefold()
    for entity in table.entities:
        if place and entity.type != "state" and any(a.casefold() == place for a in entity.aliases):
            entity.type = "place"  # the dateline names where the story was filed
    retype_by_context(doc, table)
    _author_entities(doc, document, table, skip, used)
    _complete_mentions(doc, table, skip, source)
    for group, proper in name_groups(doc, find_groups(doc, table.token_entity, skip), table.token_entity, skip):
        first = group.mentions[0]
        name = proper or doc[first.start:first.end].text
        entity = Entity(id=_unique("group_" + _slug(name), used), name=name, type="group", rule="entities/group")
        for m in group.mentions:
            span = doc[m.start:m.end]
            surface = source[span.start_char:span.end_char]
            entity.mentions.append(Mention(span.start_char, span.end_char, surface))
            if surface not in entity.aliases:
                entity.aliases.append(surface)
            for i in range(m.start, m.end):
                table.token_entity.setdefault(i, entity.id)
            table.token_entity[m.head.i] = entity.id
        if proper and proper not in entity.aliases:
            entity.aliases.append(proper)
        table.entities.append(entity)
    return table
