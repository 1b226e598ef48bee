"""Sentence boundaries the statistical parser misses: a blank line always ends a sentence.

Pasted articles put headings, captions and quotes on lines of their own; without this the parser glues a
paragraph's last words to the next paragraph and evidence spans run across both.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

PARAGRAPH_BREAKS = "claimgraph_paragraph_breaks"


@Language.component(PARAGRAPH_BREAKS)
def paragraph_breaks(doc: Doc) -> Doc:
    """Mark the first word after a blank line as a sentence start (the parser keeps preset starts)."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if not token.is_space and (previous.is_space and previous.text.count("\n") >= 2
                                   or previous.whitespace_ == "" and "\n\n" in previous.text):
            token.is_sent_start = True
    return doc


def add_sentence_rules(nlp: Language) -> Language:
    """Put the paragraph rule before whatever sets sentences; give a pipeline without one a sentencizer."""
    if PARAGRAPH_BREAKS in nlp.pipe_names:
        return nlp
    for name in ("parser", "senter"):
        if name in nlp.pipe_names:
            nlp.add_pipe(PARAGRAPH_BREAKS, before=name)
            return nlp
    nlp.add_pipe(PARAGRAPH_BREAKS)
    nlp.add_pipe("sentencizer")
    return nlp
