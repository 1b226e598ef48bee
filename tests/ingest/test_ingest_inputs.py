"""Inputs: stdin, directory recursion, and content-hash ids that ignore whitespace."""

from __future__ import annotations

import io
import sys

from ingest_paths import INGEST_FIXTURES

from claimgraph.ingest.document import Document
from claimgraph.ingest.sources import iter_inputs, read_source

INGEST = INGEST_FIXTURES
NOTE = "The Kestrel Brigade denied the ferry plot on Friday, its spokesman said."


def test_same_text_same_id(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(NOTE)
    b.write_text(NOTE)
    assert read_source(str(a))[0].id == read_source(str(b))[0].id


def test_whitespace_differences_keep_the_id(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(f"{NOTE}\n\nOfficials believe it.\n")
    b.write_text(f"\r\n  {NOTE}   \r\n\r\n\r\n\r\nOfficials  believe\tit.  \r\n\r\n")
    assert read_source(str(a))[0].id == read_source(str(b))[0].id


def test_different_text_different_id():
    assert Document(text=NOTE).id != Document(text=NOTE.replace("Friday", "Monday")).id
    assert len(Document(text=NOTE).id) == 16


def test_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(NOTE.encode("utf-8"))))
    docs = read_source("-")
    assert [(d.text, d.source, d.metadata.url) for d in docs] == [(NOTE, "-", None)]


def test_stdin_feed(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO((INGEST / "feed_rss.xml").read_bytes())))
    assert len(read_source("-")) == 3


def test_stdin_too_large(monkeypatch):
    import pytest

    from claimgraph.errors import IngestError

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(NOTE.encode("utf-8"))))
    with pytest.raises(IngestError) as info:
        read_source("-", max_bytes=10)
    assert (info.value.code, info.value.where) == ("E102", "-")


def test_directories_expand_recursively_sorted_without_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "deep").mkdir()
    (tmp_path / ".git").mkdir()
    for rel in ("z.txt", "a.txt", "b/m.txt", "b/deep/x.html", ".hidden.txt", ".git/config", "b/.secret"):
        (tmp_path / rel).write_text(NOTE)
    got = list(iter_inputs([str(tmp_path), "-", str(tmp_path / "missing.txt")]))
    assert got == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "b" / "deep" / "x.html"),
        str(tmp_path / "b" / "m.txt"),
        str(tmp_path / "z.txt"),
        "-",
        str(tmp_path / "missing.txt"),
    ]


def test_empty_directory_is_yielded_for_read_source_to_report(tmp_path):
    (tmp_path / "empty").mkdir()
    assert list(iter_inputs([str(tmp_path / "empty")])) == [str(tmp_path / "empty")]


def test_fixture_directory_reads_every_format():
    kinds = [d.kind for src in iter_inputs([str(INGEST)]) for d in read_source(src)]
    assert sorted(kinds) == ["feed"] * 5 + ["html"] * 2 + ["text"] * 2 + ["wire"]
