"""Rule tests parse by hand: every sentence a rule test reads is rebuilt as `Doc(vocab, words, heads, deps, ...)`
from a parse recorded once in tests/fixtures/parses.json, so a spaCy model update cannot silently change what a
test pins. A sentence without a recorded parse fails the test with the command that records it:

    CLAIMGRAPH_RECORD_PARSES=1 .venv/bin/pytest tests/extract

(recording checks that the rebuilt Doc reads exactly like the model's own parse.)
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "parses.json"
RECORD = "CLAIMGRAPH_RECORD_PARSES"


def _record(doc: Doc) -> dict:
    return {
        "words": [t.text for t in doc], "spaces": [bool(t.whitespace_) for t in doc],
        "heads": [t.head.i for t in doc], "deps": [t.dep_ for t in doc], "pos": [t.pos_ for t in doc],
        "tags": [t.tag_ for t in doc], "lemmas": [t.lemma_ for t in doc], "morphs": [str(t.morph) for t in doc],
        "ents": [f"{t.ent_iob_}-{t.ent_type_}" if t.ent_type_ else "O" for t in doc],
        "sent_starts": [bool(t.is_sent_start) for t in doc],
    }


def _build(nlp: Language, rec: dict) -> Doc:
    doc = Doc(nlp.vocab, words=rec["words"], spaces=rec["spaces"], heads=rec["heads"], deps=rec["deps"],
              pos=rec["pos"], tags=rec["tags"], lemmas=rec["lemmas"], morphs=rec["morphs"], ents=rec["ents"])
    for token, start in zip(doc, rec["sent_starts"], strict=True):
        if start != bool(token.is_sent_start) and token.i > 0:
            raise AssertionError(f"recorded sentence starts disagree with the recorded parse: {doc.text!r}")
    return doc


class FrozenNLP:
    """Stands in for the spaCy pipeline in rule tests: same vocab, parses from the fixture."""

    def __init__(self, nlp: Language):
        self._nlp = nlp
        self.vocab = nlp.vocab
        self._parses: dict[str, dict] = json.loads(FIXTURE.read_text(encoding="utf-8")) if FIXTURE.exists() else {}
        self._recording = bool(os.environ.get(RECORD))

    def __getattr__(self, name: str):  # pipe_names, meta, ... of the real pipeline
        return getattr(self._nlp, name)

    def __call__(self, text: str) -> Doc:
        rec = self._parses.get(text)
        if rec is None:
            if not self._recording:
                raise AssertionError(f"no recorded parse for {text[:60]!r}: run {RECORD}=1 pytest tests/extract")
            real = self._nlp(text)
            rec = _record(real)
            if _record(_build(self._nlp, rec)) != rec:
                raise AssertionError(f"a rebuilt Doc differs from the model's parse: {text[:60]!r}")
            self._parses[text] = rec
            FIXTURE.write_text(json.dumps(self._parses, indent=0, sort_keys=True, ensure_ascii=False) + "\n",
                               encoding="utf-8")
        return _build(self._nlp, rec)
