"""Items 10-12: UTF-16 with a byte-order mark is text, a feed with a DOCTYPE internal subset is a feed, error
lines cannot be forged by a file name, and the gazetteer is found wherever claimgraph runs (or it says so)."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from claimgraph.errors import IngestError
from claimgraph.ingest.detect import detect_kind
from claimgraph.ingest.sources import read_source
from claimgraph.settings import DEFAULT_GAZETTEER, PROJECT_ROOT, _gazetteer_file

ARTICLE = ("Harbour notes\n\nThe Vashmere Rowing Club said on Monday that it had opened a new boathouse on the "
           "river, its first since the floods.\n")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom_are_read(tmp_path: Path, encoding: str) -> None:
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}.get(encoding, b"")
    path = tmp_path / "note.txt"
    path.write_bytes(bom + ARTICLE.encode(encoding))
    [doc] = read_source(str(path))
    assert "Vashmere Rowing Club" in doc.text


def test_utf16_without_bom_is_still_binary(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_bytes(ARTICLE.encode("utf-16-le"))
    with pytest.raises(IngestError, match="binary"):
        read_source(str(path))


def test_feed_with_doctype_internal_subset_is_a_feed(tmp_path: Path) -> None:
    feed = ('<?xml version="1.0"?>\n<!DOCTYPE rss [\n  <!ENTITY club "Vashmere Rowing Club">\n]>\n'
            '<rss version="2.0"><channel><title>Harbour Notes</title><item><title>Boathouse</title>'
            '<description>The &club; said on Monday that it had opened a new boathouse on the river.'
            '</description></item></channel></rss>')
    assert detect_kind(feed) == "feed"
    path = tmp_path / "feed.xml"
    path.write_text(feed, encoding="utf-8")
    docs = read_source(str(path))
    assert docs[0].kind == "feed" and "boathouse" in docs[0].text


def test_error_lines_escape_control_characters() -> None:
    err = IngestError("empty (no text)", where="a.txt\nclaimgraph: stored evil.txt\x1b[2K", code="E105")
    line = str(err)
    assert "\n" not in line and "\x1b" not in line
    assert line == "a.txt\\nclaimgraph: stored evil.txt\\x1b[2K: empty (no text) [E105]"


def test_gazetteer_default_is_relative_to_the_project() -> None:
    assert Path(DEFAULT_GAZETTEER).is_absolute()
    assert Path(DEFAULT_GAZETTEER).parent.parent == PROJECT_ROOT.parent / "shared"


def test_missing_gazetteer_is_said_once(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    missing = str(tmp_path / "no-list.xml")
    with caplog.at_level(logging.WARNING, logger="claimgraph"):
        assert _gazetteer_file(missing) is None
        assert _gazetteer_file(missing) is None
    assert [r.getMessage() for r in caplog.records].count(caplog.records[0].getMessage()) == 1
    assert "no gazetteer" in caplog.records[0].getMessage()
    assert _gazetteer_file("off") is None


@pytest.mark.skipif(not Path(DEFAULT_GAZETTEER).is_file(), reason="needs ../shared")
def test_gazetteer_found_from_another_directory(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "CLAIMGRAPH_GAZETTEER"}
    code = "from claimgraph.settings import gazetteer_file; print(gazetteer_file())"
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == str(Path(DEFAULT_GAZETTEER))
