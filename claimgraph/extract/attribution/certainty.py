"""Certainty of a claim (after FactBank): the nearest hedge on the claim's predicate or on a predicate above it.

The cue must govern the claim: we walk from the trigger up the parse and stop at a relative clause or a
participle modifying a noun, so `may` in the main clause does not hedge `X, who trained Y`.
"""

from __future__ import annotations

from spacy.tokens import Token

from claimgraph.extract import lexicons

CLAUSE_EDGES = frozenset({"relcl", "acl"})
MODIFIER_DEPS = frozenset({"aux", "advmod", "acomp", "prep", "npadvmod", "auxpass", "oprd", "attr"})


def trailing_appos(noun: Token) -> bool:
    """`He is believed to be X, a close associate of Y`: an apposition to the subject placed after its verb
    continues the predicate, so it shares the predicate's hedges."""
    head = noun.head
    return noun.dep_ == "appos" and head.dep_ in ("nsubj", "nsubjpass") and noun.i > head.head.i


def governing_path(trigger: Token) -> list[tuple[Token, bool]]:
    """The trigger and its heads up to a clause boundary; the flag says whether the node's own modifiers count."""
    path: list[tuple[Token, bool]] = [(trigger, True)]
    node = trigger
    own = True
    while node.head.i != node.i:
        if node.dep_ in CLAUSE_EDGES:
            break
        if node.dep_ == "appos" and not trailing_appos(node):
            if node.head.dep_ in ("nsubj", "nsubjpass"):
                break
        own = node.dep_ != "conj"
        node = node.head
        path.append((node, own))
    return path


def _phrase(token: Token) -> str:
    return " ".join(t.lower_ for t in token.subtree)


def certainty_of(trigger: Token) -> tuple[str, str | None]:
    """(certainty, cue words) for the claim a trigger carries; `certain` when nothing hedges it."""
    h = lexicons.hedges()
    for node, own in governing_path(trigger):
        lemma = node.lemma_.lower()
        passive = any(c.dep_ == "auxpass" for c in node.children)
        if passive and lemma in h.passive_verbs:
            return h.passive_verbs[lemma], f"is {node.lower_}"
        if node.i != trigger.i and (lemma in h.predicates or node.lower_ in h.predicates):
            level = h.predicates.get(lemma) or h.predicates[node.lower_]
            negated = any(c.dep_ == "neg" for c in node.children)
            if not negated:
                return level, node.lower_
        if not own:
            continue
        for child in node.children:
            if child.dep_ == "amod" and node.pos_ in ("NOUN", "PROPN"):
                # "an alleged militant of X", "suspected members of X": a hedge on the relational noun itself
                level = h.predicates.get(child.lower_) or h.words.get(child.lower_)
                if level in ("probable", "possible"):
                    return level, child.lower_
                continue
            if child.dep_ not in MODIFIER_DEPS:
                continue
            word = child.lower_
            if child.dep_ in ("aux", "advmod", "acomp") and word in h.words:
                if child.dep_ == "acomp" and node.i == trigger.i:
                    continue
                return h.words[word], word
            if child.dep_ == "acomp" and any(c.dep_ == "neg" for c in node.children):
                phrase = f"not {word}"
                if phrase in h.phrases:
                    return h.phrases[phrase], phrase
            text = _phrase(child)
            for phrase, level in h.phrases.items():
                if text.startswith(phrase):
                    return level, phrase
    return "certain", None
