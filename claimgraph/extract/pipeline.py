"""The extraction pipeline: one spaCy model per process, batched with nlp.pipe, then our rules.

A document longer than WINDOW_CHARS is extracted in windows of whole paragraphs (each at most WINDOW_CHARS long;
a longer paragraph is cut at sentence ends, else at spaces) and the windows' results are joined: offsets shifted
back into the document, entities with the same name and type merged. Every step after the parse is then bounded
per window, so extraction time grows linearly with length and spaCy's 1,000,000-character limit never applies.
A document up to WINDOW_CHARS long (any ordinary article) is extracted whole, exactly as before. What a long
document loses: an alias defined in one window is not linked to a bare use of it in another, and a pronoun at the
start of a window does not reach back into the previous one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from claimgraph.errors import ExtractError
from claimgraph.extract.entities.find import find_entities
from claimgraph.extract.entities.gazetteer import Gazetteer, load_gazetteer
from claimgraph.extract.entities.mentions import EntityTable
from claimgraph.extract.events.dates import reference_date
from claimgraph.extract.events.find import find_events
from claimgraph.extract.models import Models, default_models
from claimgraph.extract.models.filters import apply_filters
from claimgraph.extract.models.relation_model import RelationModel
from claimgraph.extract.records import Claim, Entity, Event, Evidence, Extraction, Mention, Participant
from claimgraph.extract.relations.claims import find_claims
from claimgraph.extract.relations.events import event_claims
from claimgraph.extract.text.sentences import add_sentence_rules
from claimgraph.extract.text.truecase import case_lexicon, is_upper_case_text, truecase
from claimgraph.ingest.document import Document
from claimgraph.settings import get_settings

WINDOW_CHARS = 20_000  # longest text parsed at once; longer documents are cut into windows of paragraphs
_PARAGRAPH_END = re.compile(r"\n\s*\n")
_LINE_END = re.compile(r"\n")
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+")
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=4)
def load_nlp(model: str | None = None) -> Language:
    """Load the spaCy pipeline once per process (CLAIMGRAPH_MODEL may name another one)."""
    name = model or get_settings().model
    try:
        nlp = spacy.load(name)
    except OSError as err:
        raise ExtractError(f"spaCy model {name!r} is not installed ({err})", code="E201") from err
    nlp = add_sentence_rules(nlp)
    # The case lexicon now, from the model's own strings: built later, it would also hold every string parsed
    # so far, and true-casing would depend on what this process had read before (a Ray worker, a second run).
    case_lexicon(nlp)
    return nlp


def model_text(document: Document, nlp: Language | None = None) -> str:
    """The text given to the model; same length as document.text so offsets stay valid.

    Upper-case wire copy is true-cased first (see extract/truecase.py)."""
    if is_upper_case_text(document.text):
        return truecase(document.text, case_lexicon(nlp or load_nlp()))
    return document.text


def gazetteer_for(doc: Doc) -> Gazetteer | None:
    """The sanctions-list matcher of the cached pipeline, when `doc` was parsed by it (matchers are per vocab)."""
    try:
        nlp = load_nlp()
        if nlp.vocab is not doc.vocab:
            return None
        return load_gazetteer(nlp)
    except Exception:  # noqa: BLE001 - the gazetteer is an optional aid; extraction works without it
        return None


def find_links(doc: Doc, table: EntityTable, document: Document, relations: RelationModel | None,
               events: list[Event] | None = None) -> tuple[list[Claim], list[Event]]:
    """Claims (the rules' and the relation model's, then those the events imply) and events, before the filters:
    one place, so training and cross-validation see exactly what extraction does.

    `events`: the events when they were already found on this table (cross-validation finds them once per
    article). The table already holds the events' unnamed participants (entity_table), so the claims may link
    them too."""
    if events is None:
        events = find_events(doc, table, document)
    claims = find_claims(doc, table, document, model=relations, events=events)
    return claims + event_claims(events, claims), events


def entity_table(doc: Doc, document: Document) -> EntityTable:
    """The rules' entities, with the unnamed participants of events ("two men", "the gunmen") among them.

    The participants join before the merge and type models and the relation model see the table, as the models
    saw them in training: measured by cross-validation, relations F1 0.334 with the participants added only
    when the final events are found, 0.339 with them here (entities 0.773 -> 0.776). Only the participants are
    found here (no dates, places or counts): the events are found on the merged, retyped table."""
    table = find_entities(doc, document, gazetteer_for(doc))
    find_events(doc, table, document, participants_only=True)
    return table


def analyse(doc: Doc, document: Document, models: Models | None = None) -> Extraction:
    """Run our rules and trained models over a parsed doc (`models`: default the packaged ones)."""
    models = models or default_models()
    table = entity_table(doc, document)
    if models.groups is not None:
        models.groups.apply(doc, table)
    if models.merges is not None:
        models.merges.apply(doc, table)
    if models.types is not None:
        models.types.apply(doc, table)
    claims, events = find_links(doc, table, document, models.relations)
    if models.locations is not None:
        models.locations.apply(doc, table, document, events)
    entities, claims, events = apply_filters(models.filters, doc, table.entities, claims, events)
    return Extraction(document=document, entities=entities, relations=claims, events=events)


def extract_document(document: Document, nlp: Language | None = None, models: Models | None = None) -> Extraction:
    nlp = nlp or load_nlp()
    if len(document.text) <= WINDOW_CHARS:
        return analyse(nlp(model_text(document, nlp)), document, models)
    return next(extract_documents([document], nlp, models=models))


def extract_documents(
    documents: Iterable[Document], nlp: Language | None = None, *, batch_size: int = 16, n_process: int = 1,
    models: Models | None = None,
) -> Iterator[Extraction]:
    """Stream extractions in input order; the model parses in batches (and processes if n_process>1).
    Long documents go through as windows (see the module docstring) and come out as one extraction each."""
    nlp = nlp or load_nlp()
    if n_process > 1:
        case_lexicon(nlp)  # build it before the workers fork: building it lazily mid-pipe deadlocks
    pending: list[tuple[_Window, Extraction]] = []
    for doc, window in nlp.pipe(_windows_of(documents, nlp), as_tuples=True, batch_size=batch_size,
                                n_process=n_process):
        if window.count == 1:
            yield analyse(doc, window.document, models)
            continue
        pending.append((window, analyse(doc, window.part, models)))
        if window.index == window.count - 1:
            yield join_windows(window.document, pending)
            pending = []


@dataclass(frozen=True)
class _Window:
    """One window of a document: its place, and the Document the rules read for it (`part`)."""

    document: Document
    part: Document
    start: int
    index: int
    count: int


def window_spans(text: str, limit: int = WINDOW_CHARS) -> list[tuple[int, int]]:
    """[start, end) spans covering text, each at most `limit` long, cut after a paragraph break where one lies
    in the window, else after a line break, a sentence end or a space, else hard at the limit."""
    spans, start, n = [], 0, len(text)
    while n - start > limit:
        end = start + limit
        for pattern in (_PARAGRAPH_END, _LINE_END, _SENTENCE_END, _SPACE):
            cuts = [m.end() for m in pattern.finditer(text, start + limit // 4, end)]
            if cuts and cuts[-1] <= end:
                end = cuts[-1]
                break
        spans.append((start, end))
        start = end
    spans.append((start, n))
    return spans


def _windows_of(documents: Iterable[Document], nlp: Language) -> Iterator[tuple[str, _Window]]:
    for document in documents:
        text = model_text(document, nlp)
        if len(text) <= WINDOW_CHARS:
            yield text, _Window(document, document, 0, 0, 1)
            continue
        meta = document.metadata
        if meta.published is None:  # a wire dateline dates the whole document, not only its first window
            ref = reference_date(document)
            meta = replace(meta, published=ref.isoformat() if ref else None)
        spans = window_spans(text)
        for i, (start, end) in enumerate(spans):
            part = Document(text=document.text[start:end], metadata=meta, source=document.source, kind=document.kind)
            yield text[start:end], _Window(document, part, start, i, len(spans))


def join_windows(document: Document, parts: list[tuple[_Window, Extraction]]) -> Extraction:
    """One extraction from its windows' extractions: offsets shifted by each window's start, entities with the
    same name and type merged (first id kept), every reference to an entity id rewritten."""
    merged: dict[tuple[str, str], Entity] = {}
    used: set[str] = set()
    claims: list[Claim] = []
    events: list[Event] = []
    for window, extraction in parts:
        ids: dict[str, str] = {}
        for e in extraction.entities:
            key = (e.name.casefold(), e.type)
            target = merged.get(key)
            if target is None:
                new_id, n = e.id, 2
                while new_id in used:
                    new_id, n = f"{e.id}_{n}", n + 1
                used.add(new_id)
                target = merged[key] = Entity(id=new_id, name=e.name, type=e.type, rule=e.rule)
            ids[e.id] = target.id
            target.aliases += [a for a in e.aliases if a not in target.aliases]
            target.refs += [r for r in e.refs if r not in target.refs]
            target.mentions += [Mention(m.start + window.start, m.end + window.start, m.text) for m in e.mentions]
        claims += [replace(c, subject=ids.get(c.subject, c.subject), object=ids.get(c.object, c.object),
                           source=ids.get(c.source, c.source), evidence=_shift(c.evidence, window.start))
                   for c in extraction.relations]
        events += [replace(ev, evidence=_shift(ev.evidence, window.start),
                           location=ids.get(ev.location, ev.location) if ev.location else None,
                           participants=[Participant(p.role, ids.get(p.entity, p.entity)) for p in ev.participants])
                   for ev in extraction.events]
    return Extraction(document=document, entities=list(merged.values()), relations=claims, events=events)


def _shift(evidence: Evidence, offset: int) -> Evidence:
    return Evidence(evidence.text, evidence.start + offset, evidence.end + offset)
