"""Item 8: long documents are extracted in bounded windows of paragraphs and joined back into one extraction
with valid offsets and ids; spaCy's length limit never applies."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.extract.pipeline import WINDOW_CHARS, _windows_of, extract_document, window_spans
from claimgraph.ingest.document import Document, Metadata
from claimgraph.ingest.sources import read_source

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _long_text(length: int) -> str:
    bodies = [d.text for p in sorted(EXAMPLES.glob("*.txt")) for d in read_source(str(p))]
    parts: list[str] = []
    while sum(len(p) + 2 for p in parts) < length:
        parts += bodies
    return "\n\n".join(parts)[:length].rsplit("\n\n", 1)[0]


def test_window_spans_cover_the_text_at_paragraph_breaks() -> None:
    text = _long_text(250_000)
    spans = window_spans(text)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:], strict=False))
    assert all(0 < end - start <= WINDOW_CHARS for start, end in spans)
    assert all(text[end - 2:end] == "\n\n" for _start, end in spans[:-1])


@pytest.mark.parametrize("text", ["x" * 70_000, ("word " * 20_000), ("One sentence here. " * 5_000)])
def test_window_spans_without_paragraphs(text: str) -> None:
    spans = window_spans(text)
    assert "".join(text[s:e] for s, e in spans) == text
    assert all(e - s <= WINDOW_CHARS for s, e in spans)


def test_a_document_over_spacys_limit_is_cut_into_bounded_windows() -> None:
    text = _long_text(1_200_000)
    document = Document(text=text, metadata=Metadata(published="2024-05-01"))
    windows = list(_windows_of([document], None))  # no parse: only the cutting is checked here
    assert len(windows) >= 1_200_000 // WINDOW_CHARS
    assert all(len(part) <= WINDOW_CHARS for part, _w in windows)
    assert "".join(part for part, _w in windows) == text


def test_long_document_extraction_joins_windows() -> None:
    text = _long_text(3 * WINDOW_CHARS + 5_000)
    document = Document(text=text, metadata=Metadata(title="Long", published="2024-05-01", authors=["Ada Ferrin"]))
    extraction = extract_document(document)
    ids = {e.id for e in extraction.entities}
    assert len(ids) == len(extraction.entities)
    keys = [(e.name.casefold(), e.type) for e in extraction.entities]
    assert len(keys) == len(set(keys))  # one entity per name and type across windows
    for entity in extraction.entities:
        for m in entity.mentions:
            assert text[m.start:m.end] == m.text
    assert extraction.relations
    last_window = max(c.evidence.start for c in extraction.relations)
    assert last_window > 3 * WINDOW_CHARS  # claims come from the last window too
    for claim in extraction.relations:
        assert claim.subject in ids and claim.object in ids
        assert claim.source == "author" or claim.source in ids
        assert text[claim.evidence.start:claim.evidence.end] == claim.evidence.text
    for event in extraction.events:
        assert text[event.evidence.start:event.evidence.end] == event.evidence.text
        assert all(p.entity in ids for p in event.participants)
        assert event.location is None or event.location in ids
