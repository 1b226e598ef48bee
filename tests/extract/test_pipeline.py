from claimgraph.extract.pipeline import extract_document
from claimgraph.ingest.document import Document


def test_pipeline_extraction_json_has_format_parts(real_nlp):
    doc = Document(text="The Korvath Brigade attacked a checkpoint near Velmar on Monday.")
    data = extract_document(doc, real_nlp).to_json()
    assert set(data) >= {"metadata", "entities", "relations", "events"}
    for entity in data["entities"]:
        for m in entity["mentions"]:
            assert doc.text[m["start"]:m["end"]] == m["text"]
