"""Weapons named in an event's sentence, as the text names them ("car bomb", "dynamite", "machineguns")."""

from __future__ import annotations

from spacy.tokens import Span, Token

from claimgraph.extract.events.lexicons import load_lexicon


def _is_weapon_head(token: Token) -> bool:
    lex = load_lexicon("weapons")
    lemma, lower = token.lemma_.lower(), token.lower_
    if token.pos_ not in ("NOUN", "PROPN", "ADJ") and lower not in lex["heads"]:
        return False
    if lemma in lex["heads"] or lower in lex["heads"]:
        if token.pos_ == "ADJ" and lower in ("explosive", "incendiary"):
            return token.dep_ not in ("amod",)  # "explosive device": the device is the head
        if token.dep_ == "compound" and token.head.lower_ in lex["heads"] or token.head.lemma_.lower() in \
                lex["qualified"] and token.dep_ in ("compound", "amod"):
            return False  # "car bomb attack"? no: "dynamite charge" -> charge is the head
        return True
    qualifiers = lex["qualified"].get(lemma) or lex["qualified"].get(lower)
    if qualifiers:
        mods = {c.lemma_.lower() for c in token.children if c.dep_ in ("compound", "amod", "nmod")}
        mods |= {c.lower_ for c in token.children if c.dep_ in ("compound", "amod", "nmod")}
        of = [c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"]
        for prep in of:
            mods |= {g.lemma_.lower() for g in prep.children}
        return bool(mods & set(qualifiers))
    return False


def weapon_phrase(token: Token) -> str:
    """The head with its weapon modifiers ("car bomb", "powerful bomb", "dynamite charge")."""
    lex = load_lexicon("weapons")
    allowed = set(lex["modifiers"]) | set(lex["heads"])
    left = token.i
    for child in sorted(token.lefts, key=lambda t: -t.i):
        if child.i != left - 1 and not (child.i == left - 2 and token.doc[left - 1].text == "-"):
            break
        if child.dep_ in ("compound", "amod", "nmod") and (child.lower_ in allowed or child.lemma_.lower() in allowed):
            left = child.i
        else:
            break
    words = token.doc[left:token.i + 1].text
    of = [c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"]
    if of and lex["qualified"].get(token.lemma_.lower()):
        objs = [g for g in of[0].children if g.dep_ == "pobj"]
        if objs:
            words = token.doc[left:objs[0].i + 1].text
    return words


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _restates(short: str, long: str) -> bool:
    """True when `long` names the same weapon more fully: "bomb" in "car bomb", "rocket" for "rockets"."""
    a, b = _singular(short.lower()), _singular(long.lower())
    return a != b and b.endswith(" " + a) or (a == b and len(long) > len(short))


def find_weapons(span: Span) -> list[str]:
    """Distinct weapon phrases in a span, in order; "rifle fire" names the rifle, and a bare head already told
    more fully in the span ("the bomb" beside "a car bomb") is not listed again."""
    phrases: list[str] = []
    for token in span:
        if _is_weapon_head(token):
            phrase = weapon_phrase(token)
            if token.lower_ == "fire" and " " in phrase:
                phrase = phrase.rsplit(" ", 1)[0]
            phrases.append(phrase)
    out: list[str] = []
    for phrase in phrases:
        if any(_restates(phrase, other) for other in phrases):
            continue
        if _singular(phrase.lower()) not in (_singular(w.lower()) for w in out):
            out.append(phrase)
    return out
