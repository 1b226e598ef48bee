"""Fuzz target over ingest and extraction: bytes -> read_source -> extract. Anything may come in; the only
acceptable failure is a clean ClaimgraphError (a one-line reason), never another exception.

Runs for CLAIMGRAPH_FUZZ_SECONDS (60 by default, `make fuzz` gives it 600) in rounds of hypothesis examples:
random bytes, and text built from the pieces hostile input is made of (markup, feeds, datelines, control
characters, byte-order marks, deep nesting, very long lines).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimgraph.errors import ClaimgraphError
from claimgraph.extract.pipeline import extract_documents, load_nlp
from claimgraph.ingest.sources import read_source

BUDGET = float(os.environ.get("CLAIMGRAPH_FUZZ_SECONDS", "60"))
ROUND = 25  # examples per hypothesis run; rounds repeat until the budget is spent

PIECES = [
    "<html>", "</html>", "<head><title>", "</title></head>", "<body>", "<div>" * 300, "</div>", "<p>", "</p>",
    "<script>alert(1)</script>", "<!--", "-->", "<![CDATA[", "]]>", "&amp;", "&#1;", "&#x0;", "&nbsp;",
    '<?xml version="1.0" encoding="utf-8"?>', '<!DOCTYPE r [<!ENTITY a "aaaa">]>', "<rss version=\"2.0\">",
    "<channel><title>Feed</title>", "<item><title>T</title><description>", "</description></item>",
    "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><content>", "</content></entry></feed>",
    "TOLVESK, 3 JAN 90 (WIRE) -- ", "By Ada Ferrin\n", "May 7, 2012, Vol. 17, No. 32\n",
    "The Eastern Gate Army attacked the ferry terminal in Port Vellin on Monday, killing three people. ",
    "Officials said the Talon Directorate funds the TLF. ", "\x01", "\x0b", "\x0c", "\x1b[31m", "\x7f", "\u202e",
    "\ufeff", "\ud7ff", "\n\n", "\r\n", "\t", " " * 50, "é", "ß", "中文", "🙂", "A" * 5000, ". " * 300,
]
TEXT = st.lists(st.sampled_from(PIECES) | st.text(max_size=40), max_size=30).map("".join)
ENCODED = st.tuples(TEXT, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1"])).map(
    lambda pair: pair[0].encode(pair[1], errors="replace"))
INPUTS = st.binary(max_size=3000) | ENCODED


def _run_once(folder: Path, data: bytes, nlp) -> None:  # noqa: ANN001
    path = folder / "input"
    path.write_bytes(data)
    try:
        documents = read_source(str(path), max_bytes=1_000_000)
    except ClaimgraphError as err:
        assert err.message and "\n" not in str(err)
        return
    assert documents
    for extraction in extract_documents(documents, nlp):
        text = extraction.document.text
        for entity in extraction.entities:
            for m in entity.mentions:
                assert 0 <= m.start <= m.end <= len(text)
        extraction.to_json()


def test_a_name_trimmed_to_nothing_at_the_end_of_a_text(tmp_path: Path) -> None:
    """Found by the fuzzer: the NER's PERSON span over the last tokens of `. . \\` trims to nothing, and the rules
    that widen a person's span to the left read the token after it."""
    _run_once(tmp_path, b". . \\", load_nlp())


def test_fuzz_ingest_and_extract(tmp_path: Path) -> None:
    nlp = load_nlp()

    @settings(max_examples=ROUND, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck))
    @given(INPUTS)
    def one_round(data: bytes) -> None:
        _run_once(tmp_path, data, nlp)

    deadline = time.monotonic() + BUDGET
    rounds = 0
    while time.monotonic() < deadline:
        one_round()
        rounds += 1
    assert rounds >= 1
