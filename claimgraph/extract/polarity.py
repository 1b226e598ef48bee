"""Polarity of a claim: negative when the link is denied (`not linked`, `no ties`, `unrelated to`, `denied`)."""

from __future__ import annotations

from spacy.tokens import Token

from claimgraph.extract import lexicons
from claimgraph.extract.certainty import governing_path


def polarity_of(trigger: Token, negative_cue: bool = False) -> tuple[str, str | None]:
    """(polarity, cue words). A negator counts on the trigger's own clause; a denying verb anywhere above it."""
    neg = lexicons.negation()
    if negative_cue:
        return "negative", trigger.lower_
    for child in trigger.children:
        if child.dep_ == "det" and child.lower_ in neg.determiners:
            return "negative", child.lower_
    in_clause = True
    for node, own in governing_path(trigger):
        if node.lemma_.lower() in neg.predicates and node.i != trigger.i:
            return "negative", node.lower_
        if in_clause and own:
            for child in node.children:
                if child.dep_ == "neg" and child.lower_ in neg.neg_words:
                    return "negative", child.lower_
        if node.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children):
            in_clause = False
    return "positive", None
