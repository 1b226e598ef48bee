"""Updating the spaCy NER on the gold corpus, without losing what it knew (measured by cross-validation with
`python -m claimgraph.training cv --ner-update replace|add`; not shipped, see the README's Trained models).

The gold lists each actor with every name the text uses for it, but not where: the names are found in the text
(whole words, case as written) and labelled by the actor's type. Everything the gold does not cover keeps the
label the packaged model gave it (rehearsal on its own predictions), so the update corrects the names that matter
to a network (a militia's name read as a person, a district read as an organisation, a name cut in half) and
leaves the model's general knowledge of dates, numbers and other names where it was.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

from claimgraph.training.corpus import Article

SEED = 13
EPOCHS = 8
DROPOUT = 0.2
BATCH = 8
_LABELS = {"person": "PERSON", "organization": "ORG", "state": "GPE", "place": "GPE"}
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


_FUNCTION_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "de", "del", "la", "al", "el", "bin", "ibn", "du"})


def _is_proper(form: str) -> bool:
    """Every word with a capital or a digit (or a function word inside a name): "Army of the Righteous",
    "al-Qaeda", not "Israel's security agency"."""
    words = form.split()
    return bool(words) and words[0][0].isalnum() and all(
        any(c.isupper() or c.isdigit() for c in w) or w.lower() in _FUNCTION_WORDS for w in words)


def _names(entity: dict) -> list[str]:
    """The entity's proper names (descriptions such as "the cell" or "Israel's security agency" are not names)."""
    forms = [entity.get("name") or "", *(entity.get("aliases") or [])]
    out = []
    for form in forms:
        form = re.sub(r"^(the|The)\s+", "", form.strip())
        if len(form) >= 2 and _is_proper(form) and form not in out:
            out.append(form)
    return out


def _label(gold_type: object, original: str | None) -> str | None:
    types = gold_type if isinstance(gold_type, list) else [gold_type]
    first = next((t for t in types if t in _LABELS), None)
    if first is None:
        return None  # an unnamed group is not a name
    if first in ("place", "state") and original in _PLACE_LABELS | {"NORP"}:
        return original  # the model's own finer label: a facility, a region, a demonym
    return _LABELS[first]


def gold_entity_spans(doc: Doc, gold: dict) -> list[Span]:
    """NER spans for one parsed article: the gold's names where they occur, then the model's own entities
    wherever no gold name lies."""
    text = doc.text
    original = {(e.start, e.end): e.label_ for e in doc.ents}
    found: list[tuple[int, int, str]] = []
    for entity in gold.get("entities", []):
        for name in _names(entity):
            for m in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text):
                span = doc.char_span(m.start(), m.end(), alignment_mode="contract")
                if span is None or not len(span):
                    continue
                label = _label(entity.get("type"), original.get((span.start, span.end)))
                if label is not None:
                    found.append((span.start, span.end, label))
    taken: set[int] = set()
    spans: list[Span] = []
    for start, end, label in sorted(found, key=lambda s: (-(s[1] - s[0]), s[0])):  # longest names first
        if not taken.intersection(range(start, end)):
            taken.update(range(start, end))
            spans.append(Span(doc, start, end, label=label))
    for ent in doc.ents:
        if not taken.intersection(range(ent.start, ent.end)):
            taken.update(range(ent.start, ent.end))
            spans.append(ent)
    return sorted(spans, key=lambda s: s.start)


def examples_of(articles: Iterable[Article]) -> dict[str, Example]:
    """Training examples, by article name: each article's words, annotated by gold_entity_spans. Read them
    before any article's entities are re-predicted: the rehearsal labels are the packaged model's."""
    out = {}
    for a in articles:
        words, spaces = [t.text for t in a.doc], [bool(t.whitespace_) for t in a.doc]
        reference = Doc(a.doc.vocab, words=words, spaces=spaces)
        reference.set_ents([Span(reference, s.start, s.end, label=s.label_)
                            for s in gold_entity_spans(a.doc, a.gold)], default="outside")
        out[a.name] = Example(Doc(a.doc.vocab, words=words, spaces=spaces), reference)
    return out


def update_ner(nlp: Language, examples: list[Example], epochs: int | None = None,
               progress: Callable[[str], None] = lambda _: None) -> bytes:
    """Fine-tune `nlp`'s NER on the examples; returns the updated component's bytes and leaves nlp as it was."""
    epochs = EPOCHS if epochs is None else epochs
    ner = nlp.get_pipe("ner")
    saved = ner.to_bytes()
    fix_random_seed(SEED)
    examples = list(examples)
    optimizer = ner.create_optimizer()
    rng = random.Random(SEED)
    try:
        for epoch in range(epochs):
            rng.shuffle(examples)
            losses: dict[str, float] = {}
            for batch in minibatch(examples, size=BATCH):
                ner.update(batch, drop=DROPOUT, sgd=optimizer, losses=losses)
            progress(f"ner epoch {epoch + 1}/{epochs}: loss {losses.get('ner', 0.0):.0f}")
        return ner.to_bytes()
    finally:
        ner.from_bytes(saved)


@contextmanager
def ner_from(nlp: Language, data: bytes) -> Iterator[Pipe]:
    """`nlp`'s NER with the given weights for the duration of the block."""
    ner = nlp.get_pipe("ner")
    saved = ner.to_bytes()
    ner.from_bytes(data)
    try:
        yield ner
    finally:
        ner.from_bytes(saved)
