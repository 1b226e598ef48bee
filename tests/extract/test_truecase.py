from claimgraph.extract.pipeline import model_text
from claimgraph.extract.text.truecase import case_lexicon, is_upper_case_text, truecase
from claimgraph.ingest.document import Document

WIRE = ("KORVATH CITY, 4 FEB 90 (WIRE) -- [TEXT] GUERRILLAS OF THE VELMARI FRONT (VLF) BOMBED A BUS IN ZORIN "
        "YESTERDAY.\n\n   THE ARMY SAID TWO PEASANTS WERE KILLED.")


def test_upper_case_detection():
    assert is_upper_case_text(WIRE)
    assert not is_upper_case_text("Guerrillas of the Velmari Front bombed a bus in Zorin yesterday.")


def test_truecase_preserves_length_and_recases_words(real_nlp):
    out = truecase(WIRE, case_lexicon(real_nlp))
    assert len(out) == len(WIRE)
    assert out.lower() == WIRE.lower()
    assert "Guerrillas of the Velmari" in out  # sentence start after the wire tag, unknown word capitalised
    assert "(VLF)" in out  # acronym kept
    assert "bombed a bus in Zorin yesterday." in out
    assert "The army said two peasants were killed." in out  # paragraph start


def test_model_text_recases_only_upper_case_documents(real_nlp):
    mixed = Document(text="Guerrillas bombed a bus in Zorin.")
    assert model_text(mixed, real_nlp) == mixed.text
    wire = Document(text=WIRE)
    assert model_text(wire, real_nlp) == truecase(WIRE, case_lexicon(real_nlp))


def test_words_an_acronym_abbreviates_are_capitalised(real_nlp):
    lex = case_lexicon(real_nlp)
    after = truecase("A BUS WAS BURNED BY THE SILENT RIVER FRONT (SRF) IN ZORIN.", lex)
    assert "the Silent River Front (SRF)" in after
    bracket = truecase("THE ARMY SAID THE PRV [SILENT RIVER FRONT] BURNED A BUS.", lex)
    assert "the PRV [Silent River Front]" in bracket  # a translated expansion: initials need not match
    unrelated = truecase("A BUS WAS BURNED BY THE SILENT RIVER (SRF) IN ZORIN.", lex)
    assert "the silent river (SRF)" in unrelated  # two words cannot spell three initials
