"""Casualty and arrest counts: integers from digits and number words ("40 people", "nearly 200 more", "a dozen")."""

from __future__ import annotations

import re

from spacy.tokens import Token

from claimgraph.extract.events.lexicons import load_lexicon


def _lex() -> dict:
    return load_lexicon("counts")


def number_value(text: str) -> int | None:
    """The integer a number token or phrase names: "40", "1,200", "two", "a dozen", "forty-two"."""
    t = text.lower().replace(",", "").strip()
    if re.fullmatch(r"\d+", t):
        return int(t)
    numbers = _lex()["numbers"]
    if t in numbers:
        return numbers[t]
    parts = re.split(r"[- ]+", t)
    if len(parts) > 1 and all(p in numbers or p.isdigit() for p in parts):
        total = 0
        current = 0
        for p in parts:
            v = int(p) if p.isdigit() else numbers[p]
            if p in _lex()["multipliers"] and p not in ("a", "an"):
                current = max(current, 1) * v
            else:
                current += v
        total += current
        return total
    return None


def count_of(noun: Token) -> int | None:
    """The number attached to a noun phrase head: its nummod ("two policemen"), "a dozen", or the head itself."""
    if noun.like_num or noun.lower_ in ("dozen",):
        return _number_around(noun)
    for child in noun.children:
        if child.dep_ == "nummod" or (child.dep_ in ("quantmod", "amod") and child.like_num):
            value = _number_around(child)
            if value is not None:
                return value
    for child in noun.children:  # "a dozen people": dozen as amod/compound/det
        if child.lower_ == "dozen":
            return 12
    return None


def _number_around(token: Token) -> int | None:
    """Value of a number token together with its own number-word modifiers ("two hundred", "a dozen")."""
    words = [t for t in token.subtree if t.like_num or t.lower_ in _lex()["numbers"] or t.lower_ == "-"]
    words = [t for t in words if t.i <= token.i and t.i >= token.i - 3]
    if token.lower_ == "dozen":
        prev = [t for t in words if t.i < token.i and t.lower_ not in ("a", "an")]
        return 12 * (number_value(prev[-1].text) or 1) if prev else 12
    text = " ".join(t.text for t in words if t.lower_ not in ("a", "an")) or token.text
    value = number_value(text)
    return value if value is not None else number_value(token.text)


def people_count(head: Token) -> int | None:
    """How many people a victim or suspect phrase names: numbers, "along with four other militants" adds one."""
    value = count_of(head)
    if value is None:
        return None
    return value


def along_with_others(head: Token) -> int | None:
    """'X, along with four other militants' -> 4 (the others besides X), else None."""
    for child in head.subtree:
        if child.lower_ in _lex()["other_words"] and child.head.i != head.i:
            noun = child.head
            value = count_of(noun)
            if value is not None and any(t.lower_ in ("with", "and") for t in head.subtree if t.i < noun.i):
                return value
    return None
