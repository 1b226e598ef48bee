"""The extraction pipeline: one spaCy model per process, batched with nlp.pipe, then our rules."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from claimgraph.errors import ExtractError
from claimgraph.extract.entities.find import find_entities
from claimgraph.extract.entities.gazetteer import Gazetteer, load_gazetteer
from claimgraph.extract.events.find import find_events
from claimgraph.extract.models import Models, default_models
from claimgraph.extract.models.filters import apply_filters
from claimgraph.extract.records import Extraction
from claimgraph.extract.relations.claims import find_claims
from claimgraph.extract.text.sentences import add_sentence_rules
from claimgraph.extract.text.truecase import case_lexicon, is_upper_case_text, truecase
from claimgraph.ingest.document import Document
from claimgraph.settings import get_settings


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


def analyse(doc: Doc, document: Document, models: Models | None = None) -> Extraction:
    """Run our rules and trained models over a parsed doc (`models`: default the packaged ones)."""
    models = models or default_models()
    table = find_entities(doc, document, gazetteer_for(doc))
    if models.merges is not None:
        models.merges.apply(doc, table)
    claims = find_claims(doc, table, document, model=models.relations)
    events = find_events(doc, table, document)
    entities, claims, events = apply_filters(models.filters, doc, table.entities, claims, events)
    return Extraction(document=document, entities=entities, relations=claims, events=events)


def extract_document(document: Document, nlp: Language | None = None, models: Models | None = None) -> Extraction:
    nlp = nlp or load_nlp()
    return analyse(nlp(model_text(document, nlp)), document, models)


def extract_documents(
    documents: Iterable[Document], nlp: Language | None = None, *, batch_size: int = 16, n_process: int = 1,
    models: Models | None = None,
) -> Iterator[Extraction]:
    """Stream extractions in input order; the model parses in batches (and processes if n_process>1)."""
    nlp = nlp or load_nlp()
    if n_process > 1:
        case_lexicon(nlp)  # build it before the workers fork: building it lazily mid-pipe deadlocks
    pairs = ((model_text(d, nlp), d) for d in documents)
    for doc, document in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process):
        yield analyse(doc, document, models)
