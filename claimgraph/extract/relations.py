"""Relations: typed, attributed claims between entities from rules over the dependency parse.

For each sentence the rules in relation_rules propose (subject, type, object, trigger); attribution, certainty
and polarity read the parse around the trigger; identical claims in one sentence are kept once.
"""

from __future__ import annotations

from spacy.tokens import Doc

from claimgraph.extract.arguments import Resolver
from claimgraph.extract.attribution import attribute, frames, last_speaker
from claimgraph.extract.certainty import certainty_of
from claimgraph.extract.mentions import EntityTable
from claimgraph.extract.polarity import polarity_of
from claimgraph.extract.records import Claim, Evidence
from claimgraph.extract.relation_rules import candidates, canonical
from claimgraph.ingest.document import Document


def find_claims(doc: Doc, table: EntityTable, document: Document) -> list[Claim]:
    """Every claim the rules find, in text order (sentence, trigger, subject, type, object)."""
    resolver = Resolver(table)
    claims: list[tuple[tuple, Claim]] = []
    previous: str | None = None
    for sent in doc.sents:
        sent_frames = frames(sent, resolver, previous)
        previous = last_speaker(sent_frames)
        found = candidates(sent, resolver)
        if not found:
            continue
        evidence = Evidence.of_span(document.text, sent.start_char, sent.end_char)
        seen: set[tuple] = set()
        for c in found:
            who = attribute(c.trigger, (c.subject, c.object), sent_frames)
            if not who.asserted:
                continue  # `X does not claim that ...`: nobody in the text asserts it
            certainty, certainty_cue = ("certain", None) if c.presupposed else certainty_of(c.trigger)
            if certainty == "certain" and who.certainty and not c.presupposed:
                certainty, certainty_cue = who.certainty, who.cue
            polarity, polarity_cue = ("positive", None) if c.presupposed else polarity_of(c.trigger, c.negative)
            if who.denied and polarity == "positive" and not c.presupposed:
                polarity, polarity_cue = "negative", who.cue
            key = (*canonical(c), who.source, certainty, polarity)
            if key in seen:
                continue
            seen.add(key)
            cues = [f"{k}: {v}" for k, v in (("source", who.cue), ("certainty", certainty_cue),
                                              ("polarity", polarity_cue)) if v]
            claim = Claim(subject=c.subject, type=c.type, object=c.object, evidence=evidence, source=who.source,
                          certainty=certainty, polarity=polarity, rule=c.rule, cue="; ".join(cues) or None)
            claims.append(((sent.start_char, c.trigger.i, c.subject, c.type, c.object), claim))
    claims.sort(key=lambda pair: pair[0])
    return [claim for _, claim in claims]
