"""Relations: typed, attributed claims between entities.

For each sentence the rules in relation_rules propose (subject, type, object, trigger). When a trained relation
model is present (extract/models/), every pair of mentions in the sentence is scored by it, the rules' proposals
being among its features, and the model's choices replace the rules' own. Attribution, certainty and polarity
then read the parse around each claim's trigger; identical claims in one sentence are kept once.
"""

from __future__ import annotations

from spacy.tokens import Doc

from claimgraph.extract.attribution.certainty import certainty_of
from claimgraph.extract.attribution.frames import Attribution, attribute, frames, last_speaker, stated_in_noun_phrase
from claimgraph.extract.attribution.polarity import polarity_of
from claimgraph.extract.entities.mentions import EntityTable
from claimgraph.extract.models.relation_features import FeatureContext, sentence_pairs
from claimgraph.extract.models.relation_model import RelationModel, default_relation_model
from claimgraph.extract.records import Claim, Event, Evidence
from claimgraph.extract.relations.rules import candidates, canonical
from claimgraph.extract.syntax import Resolver
from claimgraph.ingest.document import Document

_PACKAGED = object()


def find_claims(doc: Doc, table: EntityTable, document: Document,
                model: RelationModel | None | object = _PACKAGED, events: list[Event] | None = None) -> list[Claim]:
    """Every claim found, in text order (sentence, trigger, subject, type, object).

    `model`: the relation model to use (default: the packaged one; None: the rules alone); `events`: the
    document's events, whose roles the model reads."""
    if model is _PACKAGED:
        model = default_relation_model()
    resolver = Resolver(table)
    ctx = FeatureContext(resolver, events) if model is not None else None
    claims: list[tuple[tuple, Claim]] = []
    previous: str | None = None
    for sent in doc.sents:
        sent_frames = frames(sent, resolver, previous)
        previous = last_speaker(sent_frames)
        found = candidates(sent, resolver)
        if model is not None:
            found = model.combine(found, model.predict(sentence_pairs(sent, resolver, found), ctx))
        if not found:
            continue
        evidence = Evidence.of_span(document.text, sent.start_char, sent.end_char)
        seen: set[tuple] = set()
        for c in found:
            who = attribute(c.trigger, (c.subject, c.object), sent_frames)
            if not who.asserted:
                continue  # `X does not claim that ...`: nobody in the text asserts it
            if who.source != "author" and stated_in_noun_phrase(sent, resolver, (c.subject, c.object)):
                who = Attribution("author", None, None)  # the writer's description inside the reported clause
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
