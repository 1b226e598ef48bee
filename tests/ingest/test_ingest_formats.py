"""Each input format read from fictional fixtures: kind, body and metadata."""

from __future__ import annotations

from ingest_paths import INGEST_FIXTURES

from claimgraph.ingest.sources import read_source

INGEST = INGEST_FIXTURES


def read_one(name: str):
    docs = read_source(str(INGEST / name))
    assert len(docs) == 1
    return docs[0]


def test_pasted_page_keeps_article_and_drops_chrome():
    doc = read_one("pasted_page.txt")
    assert doc.kind == "text"
    assert doc.text.startswith("Police in the port city of Tallow arrested four men last week")
    assert doc.text.endswith("Marta Vellingham is a senior writer at The Meridian Review.")
    for chrome in ("Skip to main content", "Subscribe", "Log In", "Share on Facebook", "Larger Text",
                   "Related Articles", "Recent Blog Posts", "Browse 15 Years", "©", "Privacy Policy"):
        assert chrome not in doc.text
    assert "Ferry Plot Exposes" not in doc.text  # title lines go to metadata, not the body


def test_pasted_page_metadata():
    meta = read_one("pasted_page.txt").metadata
    assert meta.title == "Ferry Plot Exposes Kestrel Brigade's Reach"
    assert meta.subtitle == "How a coastal cell answered to handlers abroad."
    assert meta.authors == ["Marta Vellingham", "Oskar de Ruyter"]
    assert meta.published == "2024-03-04"
    assert (meta.volume, meta.issue) == ("9", "11")
    assert meta.publication == "The Meridian Review"
    assert meta.url == str(INGEST / "pasted_page.txt")


def test_html_page_main_text_and_metadata():
    doc = read_one("html_page.html")
    assert doc.kind == "html"
    assert doc.text.startswith("The leader of the Harbour Guild, Teodor Malick, was named on Monday")
    assert doc.text.endswith("the Calvessan Customs Service said.")
    for chrome in ("Home", "Subscribe", "Sign in", "Privacy Policy", "©", "Investigations", "Smuggling Inquiry"):
        assert chrome not in doc.text
    meta = doc.metadata
    assert meta.title == "Harbour Guild Leader Named in Smuggling Inquiry"
    assert meta.subtitle == "Court papers tie the dock workers' guild to rifles bound for the Grey Lantern movement."
    assert meta.authors == ["Ilse Marroway"]
    assert meta.published == "2023-09-18"
    assert meta.publication == "The Lantern Post"


def test_html_declared_charset_is_used():
    doc = read_one("latin1_page.html")
    assert doc.metadata.title == "Café raid"
    assert doc.text.startswith("Police raided the Café Lumen in Brindmoor on Tuesday")


def test_rss_feed_gives_one_document_per_item():
    docs = read_source(str(INGEST / "feed_rss.xml"))
    assert [d.kind for d in docs] == ["feed"] * 3
    assert [d.metadata.title for d in docs] == [
        "Grey Lantern fighters seize checkpoint",
        "Calvessa arrests suspected courier",
        "Talks with the Harbour Guild stall",
    ]
    assert [d.metadata.published for d in docs] == ["2023-10-03", "2023-10-05", "2023-10-09"]
    assert docs[0].metadata.url == "https://borderland-monitor.example/2023/10/checkpoint"
    assert docs[0].metadata.authors == ["Petra Oslund"]  # from "desk@... (Petra Oslund)"
    assert docs[1].metadata.authors == []
    assert docs[0].metadata.publication == "Borderland Monitor"
    assert docs[0].text == (
        "Fighters of the Grey Lantern movement seized a border checkpoint near Velm on Monday, local officials said."
        "\n\nTwo guards were wounded."
    )
    assert all(d.source == str(INGEST / "feed_rss.xml") for d in docs)


def test_atom_feed_gives_one_document_per_entry():
    docs = read_source(str(INGEST / "feed_atom.xml"))
    assert len(docs) == 2
    first, second = docs
    assert first.metadata.title == "Kestrel Brigade names new commander"
    assert first.metadata.url == "https://dispatch.example/kestrel-commander"
    assert first.metadata.published == "2024-01-10"
    assert first.metadata.authors == ["Anka Dremel"]
    assert first.text == "The Kestrel Brigade named Varo Stennick as its commander, the group said in a statement."
    assert second.metadata.published == "2024-01-12"  # no <published>: falls back to <updated>
    assert second.text.startswith("The Tallow ferry operator added bag checks")


def test_wire_report_dateline_becomes_metadata():
    doc = read_one("wire_report.txt")
    assert doc.kind == "wire"
    assert doc.metadata.published == "1991-03-14"
    assert doc.metadata.dateline_place == "PORT SELKIRK (CALVESSA)"
    assert doc.metadata.publication == "CALVESSAN PRESS SERVICE"
    assert doc.text.startswith("[REPORT] [TEXT] GUNMEN OF THE GREY LANTERN MOVEMENT ATTACKED A POLICE POST")
    assert "\n\nTHE SPOKESMAN SAID" in doc.text
    assert "14 MAR 91" not in doc.text


def test_plain_text_is_kept_whole():
    doc = read_one("plain_note.txt")
    assert doc.kind == "text"
    assert doc.text == (INGEST / "plain_note.txt").read_text().strip()
    assert doc.metadata.title is None


def test_detection_is_by_content_not_extension(tmp_path):
    disguised = tmp_path / "feed.txt"
    disguised.write_bytes((INGEST / "feed_atom.xml").read_bytes())
    page = tmp_path / "page.dat"
    page.write_bytes((INGEST / "html_page.html").read_bytes())
    assert [d.kind for d in read_source(str(disguised))] == ["feed", "feed"]
    assert read_source(str(page))[0].kind == "html"


def test_one_line_note_keeps_its_text(tmp_path):
    note = tmp_path / "note.txt"
    note.write_text("Kestrel Brigade denies plot.\n")
    doc = read_source(str(note))[0]
    assert doc.text == "Kestrel Brigade denies plot."
