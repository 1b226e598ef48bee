"""Pronoun resolution for relation and event rules: 'He has extensive ties to ...' -> the previous actor.

A pronoun resolves to the most salient entity of a compatible type in its own sentence before it, else in
the previous two sentences: the grammatical subject first, then the latest mention. Lookups use a sorted
index of mention positions (bisect), never a scan over all tokens.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

PERSON_PRONOUNS = {"he", "him", "his", "himself", "she", "her", "hers", "herself"}
PLURAL_PRONOUNS = {"they", "them", "their", "theirs", "themselves"}
THING_PRONOUNS = {"it", "its", "itself"}
COMPATIBLE = {
    "person": ("person",),
    "plural": ("group", "state", "organization"),
    "thing": ("organization", "state", "group"),
}
SENTENCE_WINDOW = 2


def pronoun_kind(token: Token) -> str | None:
    low = token.lower_
    if low in PERSON_PRONOUNS:
        return "person"
    if low in PLURAL_PRONOUNS:
        return "plural"
    if low in THING_PRONOUNS:
        return "thing"
    return None


def _expletive(token: Token) -> bool:
    """'It is possible that ...', 'It is in this context that ...': no referent."""
    if token.lower_ != "it" or token.head.lemma_ != "be":
        return False
    deps = {c.dep_ for c in token.head.children}
    return bool(deps & {"ccomp", "xcomp", "advcl", "relcl"}) and bool(deps & {"acomp", "attr", "prep"})


@dataclass
class MentionIndex:
    """Entity mention head positions in document order, with their sentence number and subject role."""

    positions: list[int] = field(default_factory=list)
    entity_ids: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    subject: list[bool] = field(default_factory=list)
    sent_of: dict[int, int] = field(default_factory=dict)

    @classmethod
    def build(cls, doc: Doc, token_entity: dict[int, str], types: dict[str, str]) -> MentionIndex:
        index = cls()
        has_sents = doc.has_annotation("SENT_START") or doc.has_annotation("DEP")
        if has_sents:
            for n, sent in enumerate(doc.sents):
                index.sent_of[sent.start] = n
        prev_id, prev_i = None, -2
        for i in sorted(token_entity):
            eid = token_entity[i]
            if eid == prev_id and i == prev_i + 1:
                prev_i = i
                continue  # one entry per contiguous mention
            prev_id, prev_i = eid, i
            token = doc[i]
            index.positions.append(i)
            index.entity_ids.append(eid)
            index.types.append(types.get(eid, ""))
            index.subject.append(token.dep_ in ("nsubj", "nsubjpass") or token.head.dep_ in ("nsubj", "nsubjpass")
                                 and token.head.i in range(i, i + 8))
        return index

    def sentence_number(self, doc: Doc, i: int) -> int:
        if not self.sent_of:
            return 0
        return self.sent_of.get(doc[i].sent.start, 0)

    def resolve(self, doc: Doc, token: Token) -> str | None:
        kind = pronoun_kind(token)
        if kind is None or _expletive(token):
            return None
        allowed = COMPATIBLE[kind]
        here = self.sentence_number(doc, token.i)
        pos = bisect_left(self.positions, token.i) - 1
        by_sentence: dict[int, list[int]] = {}
        while pos >= 0:
            sent = self.sentence_number(doc, self.positions[pos])
            if here - sent > SENTENCE_WINDOW:
                break
            if self.types[pos] in allowed:
                by_sentence.setdefault(sent, []).append(pos)
            pos -= 1
        for sent in sorted(by_sentence, reverse=True):
            found = by_sentence[sent]  # latest first
            if sent == here:
                return self.entity_ids[found[0]]
            subjects = [p for p in found if self.subject[p]]
            return self.entity_ids[(subjects[-1] if subjects else found[-1])]
        return None
