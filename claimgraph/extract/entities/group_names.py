"""Names for unnamed collectives that carry a proper modifier: "the so-called Tolvesk cell" -> "Tolvesk cell".

Such a group is one referent across outlets, so it gets a name that cross-document resolution can match. A bare
"the cell" in the same document joins it when the document names exactly one such cell; groups headed by a
people noun ("men", "suspects") stay unnamed, since "Tolvesk men" names no organisation.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from claimgraph.extract.entities.groups import _PEOPLE, Group, GroupMention

_HEDGES = {"so-called", "so", "called", "self-styled", "alleged", "purported"}


def _is_proper(token: Token, token_entity: dict[int, str]) -> bool:
    if not token.is_alpha or not token.text[:1].isupper() or token.is_sent_start or token.is_stop \
            or token.lower_ in _HEDGES:
        return False
    return token.pos_ == "PROPN" or token.i in token_entity


def _proper_before(doc: Doc, head: Token, token_entity: dict[int, str]) -> str | None:
    """The capitalised words right before the head: 'Tolvesk' in 'the so-called Tolvesk cell'."""
    words: list[str] = []
    i = head.i - 1
    while i >= 0 and _is_proper(doc[i], token_entity) and len(words) < 3:
        words.insert(0, doc[i].text)
        i -= 1
    if not words:
        return None
    return " ".join(w.title() if w.isupper() else w for w in words) + " " + head.lower_


def _occurrences(doc: Doc, lemma: str, token_entity: dict[int, str], skip: set[int]) -> dict[str, list[Token]]:
    out: dict[str, list[Token]] = {}
    for token in doc:
        if token.i in skip or token.lemma_.lower() != lemma or token.tag_ in ("NNS", "NNPS"):
            continue
        name = _proper_before(doc, token, token_entity)
        if name:
            out.setdefault(name.casefold(), []).append(token)
    return out


def name_groups(doc: Doc, groups: list[Group], token_entity: dict[int, str],
                skip: set[int]) -> list[tuple[Group, str | None]]:
    """Each group with its proper name or None; groups sharing a name, and bare repeats, merged into one."""
    named: dict[tuple[str, str], Group] = {}
    names: dict[int, str | None] = {}
    out: list[Group] = []
    for group in groups:
        if group.head_lemma == "people" or group.head_lemma in _PEOPLE:
            out.append(group)
            names[id(group)] = None
            continue
        found = {_proper_before(doc, m.head, token_entity) for m in group.mentions} - {None}
        occurrences = _occurrences(doc, group.head_lemma, token_entity, skip)
        if not found and len(occurrences) == 1:
            found = {_proper_before(doc, next(iter(occurrences.values()))[0], token_entity)}
        if len(found) != 1:
            out.append(group)
            names[id(group)] = None
            continue
        name = found.pop()
        key = (group.head_lemma, name.casefold())
        if key in named:
            target = named[key]
            target.mentions.extend(group.mentions)
            target.named |= group.named
            continue
        named[key] = group
        have = {m.head.i for m in group.mentions}
        for token in occurrences.get(name.casefold(), []):
            if token.i not in have:
                start = token.i - len(name.split()) + 1
                group.mentions.append(GroupMention(start, token.i + 1, token))
        out.append(group)
        names[id(group)] = name
    for group in out:
        group.mentions.sort(key=lambda m: m.start)
    return [(g, names[id(g)]) for g in out]
