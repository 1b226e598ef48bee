"""Extract: spaCy plus our rules turn a Document into entities, claims and events."""

from claimgraph.extract.pipeline import extract_document, extract_documents, load_nlp
from claimgraph.extract.records import Claim, Entity, Event, Evidence, Extraction, Mention, Participant

__all__ = [
    "Claim", "Entity", "Event", "Evidence", "Extraction", "Mention", "Participant",
    "extract_document", "extract_documents", "load_nlp",
]
