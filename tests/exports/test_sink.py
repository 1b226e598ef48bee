"""File sinks write through a temporary file and os.replace: a failed export leaves the old file untouched."""

from __future__ import annotations

import pytest

from claimgraph.errors import ExportError
from claimgraph.exports import FileSink


def test_sink_failed_write_keeps_the_previous_file(tmp_path):
    target = tmp_path / "net.json"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), FileSink(target).open("", ".json") as fh:
        fh.write(b"half")
        raise RuntimeError("writer failed")
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["net.json"]


def test_sink_replaces_the_file_when_done(tmp_path):
    target = tmp_path / "net.json"
    sink = FileSink(target)
    with sink.open("", ".json") as fh:
        fh.write(b"new")
    assert target.read_bytes() == b"new"
    assert sink.written == [target]


def test_sink_missing_directory_is_an_export_error(tmp_path):
    with pytest.raises(ExportError) as caught, FileSink(tmp_path / "nope" / "net.json").open("", ".json"):
        pass
    assert caught.value.code == "E702"
