"""Who makes a claim: `according to X`, `X said/told/claimed ...`, `X describes Y as ...`, quoted speech.

Each speech frame owns a scope (the tokens of what was said); a claim whose trigger falls in a scope belongs to
that frame's speaker, the innermost frame winning. Anything else is the author's.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from claimgraph.extract import lexicons
from claimgraph.extract.arguments import Resolver, is_passive, subjects_of

QUOTES = frozenset({'"', "“", "”", "``", "''"})
CONTENT_DEPS = frozenset({"ccomp", "xcomp", "parataxis"})


@dataclass(frozen=True)
class Frame:
    speaker: str | None
    scope: frozenset[int]
    cue: str
    certainty: str | None = None
    own_action: bool = False


@dataclass(frozen=True)
class Attribution:
    source: str
    certainty: str | None
    cue: str | None


def _quoted(sent: Span) -> set[int]:
    inside, out = False, set()
    for t in sent:
        if t.text in QUOTES or t.tag_ in ("``", "''"):
            inside = not inside if t.text not in ("“", "”") else t.text == "“"
            continue
        if inside:
            out.add(t.i)
    return out


def _after_quote(verb: Token) -> bool:
    """`"...," he said` / `..., officials said`: the speech verb's clause follows a comma or a closing quote."""
    first = min(x.i for x in verb.subtree)
    if first == verb.sent.start:
        return False
    before = verb.doc[first - 1]
    return before.text in (",", "”", "''", '"') or before.tag_ == "''"


def _reported(verb: Token, content: Token) -> bool:
    """A clause after the speech verb, or before it when a comma or quote closes it (`"...," he said`)."""
    if content.i > verb.i:
        return True
    last = max(x.i for x in content.subtree)
    if last + 1 >= verb.i:
        return False
    after = verb.doc[last + 1]
    return after.text in (",", "”", '"', "''") or after.tag_ == "''"


def _speaker(tokens: list[Token], resolver: Resolver) -> str | None:
    for t in tokens:
        found = resolver.entities(t)
        if found:
            return found[0]
    return None


def frames(sent: Span, resolver: Resolver) -> list[Frame]:
    verbs = lexicons.speech_verbs()
    preps = lexicons.source_prepositions()
    quoted = _quoted(sent)
    out: list[Frame] = []
    for t in sent:
        if t.lower_ == "according":
            for to in t.children:
                if f"according {to.lower_}" in preps:
                    speaker = _speaker([c for c in to.children if c.dep_ == "pobj"], resolver)
                    head = t.head
                    scope = {x.i for x in head.subtree} - {x.i for x in t.subtree}
                    if head.i == t.i or head.dep_ == "ROOT":
                        scope = {x.i for x in sent} - {x.i for x in t.subtree}
                    out.append(Frame(speaker, frozenset(scope), "according to"))
            continue
        spec = verbs.get(t.lemma_.lower())
        if spec is None or t.pos_ not in ("VERB", "AUX"):
            continue
        if is_passive(t) and spec.lemma != "quote":
            continue
        speaker = _speaker(subjects_of(t), resolver)
        scope: set[int] = set()
        for child in t.children:
            if child.dep_ in CONTENT_DEPS and not spec.scope and _reported(t, child):
                scope |= {x.i for x in child.subtree}
            for extra in spec.scope:
                kind, _, word = extra.partition(":")
                if kind == "prep" and child.dep_ == "prep" and child.lower_ == word:
                    scope |= {x.i for x in child.subtree}
                elif kind != "prep" and child.dep_ == kind:
                    scope |= {x.i for x in child.subtree}
        if t.dep_ in ("parataxis", "ccomp") and t.head.i < t.i and not spec.scope and _after_quote(t):
            scope |= {x.i for x in t.head.subtree} - {x.i for x in t.subtree}
        if t.i not in quoted and quoted:
            scope |= quoted
        if scope:
            out.append(Frame(speaker, frozenset(scope), t.lower_, spec.certainty, spec.own_action))
    return out


def attribute(trigger: Token, ends: tuple[str, str], sent_frames: list[Frame]) -> Attribution:
    """The innermost frame whose scope holds the trigger; `author` when there is none or its speaker is unknown."""
    holding = [f for f in sent_frames if trigger.i in f.scope and f.speaker is not None]
    if not holding:
        return Attribution("author", None, None)
    frame = min(holding, key=lambda f: len(f.scope))
    if frame.own_action and frame.speaker in ends:
        return Attribution("author", None, None)
    return Attribution(frame.speaker, frame.certainty, frame.cue)
