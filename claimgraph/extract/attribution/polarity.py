"""Polarity of a claim: negative when the link is denied (`not linked`, `no ties`, `unrelated to`, `denied`)."""

from __future__ import annotations

from spacy.tokens import Token

from claimgraph.extract import lexicons
from claimgraph.extract.attribution.certainty import governing_path


def polarity_of(trigger: Token, negative_cue: bool = False) -> tuple[str, str | None]:
    """(polarity, cue words). A negator counts on the trigger's own clause; a denying verb above it up to the
    nearest reporting verb or concessive clause (a new speaker or the author's aside)."""
    neg = lexicons.negation()
    if negative_cue:
        return "negative", trigger.lower_
    for child in trigger.children:
        if child.dep_ == "det" and child.lower_ in neg.determiners:
            return "negative", child.lower_
    in_clause = True
    speech = lexicons.speech_verbs()
    concessive = lexicons.concessive_marks()
    for node, own in governing_path(trigger):
        if node.lemma_.lower() in neg.predicates and node.i != trigger.i:
            return "negative", node.lower_
        if node.i != trigger.i and node.lemma_.lower() in speech and node.pos_ in ("VERB", "AUX"):
            break  # `X denied P, although Y says Q`: Y's report is not under X's denial
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in concessive for c in node.children):
            break
        if in_clause and own:
            for child in node.children:
                if child.dep_ == "neg" and child.lower_ in neg.neg_words:
                    return "negative", child.lower_
        if node.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children):
            in_clause = False
    return "positive", None
