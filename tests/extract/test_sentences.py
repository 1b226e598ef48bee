from claimgraph.extract.records import Evidence


def test_sentences_blank_line_ends_sentence(real_nlp):
    text = "Report by the Varnel Desk\n\nThe Korvath Brigade attacked a depot in Velmar."
    doc = real_nlp(text)
    starts = [s.text.strip() for s in doc.sents if s.text.strip()]
    assert starts[-1] == "The Korvath Brigade attacked a depot in Velmar."


def test_sentences_single_newline_does_not_split(real_nlp):
    doc = real_nlp("The Korvath Brigade\nattacked a depot in Velmar.")
    assert len([s for s in doc.sents if s.text.strip()]) == 1


def test_records_evidence_of_span_trims_and_keeps_offsets():
    text = 'x. \n\n  The cell was disbanded.\n\n'
    ev = Evidence.of_span(text, 2, len(text))
    assert ev.text == "The cell was disbanded."
    assert text[ev.start:ev.end] == ev.text
