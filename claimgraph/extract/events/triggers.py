"""Event triggers: verbs and nouns from the trigger lexicon, typed and subtyped, read off the parse."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from claimgraph.extract.events.lexicons import load_lexicon

EVENT_TYPES = ("attack", "killing", "arrest", "plot", "designation", "training")


@dataclass
class Trigger:
    """One word that names an event: "bombed", "the bombing", "were arrested", "disrupted"."""

    token: Token
    type: str
    subtype: str | None
    nominal: bool


def _near_words(token: Token) -> set[str]:
    """Lemmas and forms of the words around a trigger that conditions may name."""
    words: set[str] = set()
    near = list(token.children) + [token.head]
    for child in token.children:
        near.extend(child.children)
    for t in near:
        words.add(t.lemma_.lower())
        words.add(t.lower_)
    return words


def _condition_ok(token: Token, lemma: str) -> bool:
    conditions = load_lexicon("triggers")["conditions"].get(lemma)
    if not conditions:
        return True
    return bool(_near_words(token) & set(conditions))


def _lookup(token: Token) -> tuple[str, str | None, bool] | None:
    lex = load_lexicon("triggers")
    lemma, lower = token.lemma_.lower(), token.lower_
    if token.pos_ == "VERB":
        if lemma == "set" and any(c.lower_ == "fire" for c in token.children):
            return "attack", "arson", False
        if lemma == "open" and any(c.lower_ == "fire" for c in token.children):
            return "attack", "shooting", False
        if lemma == "gun" and any(c.lower_ == "down" for c in token.children):
            return "killing", "shooting", False
        for etype in EVENT_TYPES:
            verbs = lex[etype]["verbs"]
            if lemma in verbs and _condition_ok(token, lemma):
                return etype, verbs[lemma], False
        return None
    if token.pos_ in ("NOUN", "PROPN"):
        for etype in EVENT_TYPES:
            nouns = lex[etype]["nouns"]
            for key in (lemma, lower):
                if key in nouns and _condition_ok(token, key):
                    return etype, nouns[key], True
    return None


def _is_plot_context(token: Token) -> bool:
    """An attack that was planned, attempted or thwarted rather than carried out."""
    lex = load_lexicon("triggers")
    mods = set(lex["plot_modifiers"])
    modifiers = [c for c in token.children if c.dep_ in ("amod", "compound", "acl")]
    if any(c.lower_ in mods or c.lemma_.lower() in mods for c in modifiers):
        return True
    head = token.head
    governors = set(lex["plot_governors"])
    if token.dep_ in ("dobj", "nsubjpass", "xcomp", "pobj") and head.lemma_.lower() in governors:
        return head.lemma_.lower() != "disrupt" or token.dep_ != "pobj"
    if token.dep_ == "pobj" and head.head.lemma_.lower() in governors and head.lower_ in ("of", "for"):
        return True
    return token.pos_ == "VERB" and token.dep_ == "xcomp" and head.lemma_.lower() in governors


def find_triggers(doc: Doc) -> list[Trigger]:
    """Every trigger in the document, with plot contexts turned into plots and suicide attacks subtyped."""
    out: list[Trigger] = []
    for token in doc:
        found = _lookup(token)
        if found is None:
            continue
        etype, subtype, nominal = found
        if token.dep_ == "compound" and token.head.pos_ in ("NOUN", "PROPN") and _lookup(token.head):
            continue  # "bomb attack": the head carries the event
        if etype == "attack" and _is_plot_context(token):
            etype = "plot"
        if etype in ("attack", "plot") and any(c.lower_ in load_lexicon("triggers")["suicide_words"]
                                              for c in token.children):
            subtype = f"suicide {subtype or 'attack'}" if subtype != "bombing" else "suicide bombing"
        out.append(Trigger(token, etype, subtype, nominal))
    return out
