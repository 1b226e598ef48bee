"""Every kind of bad input raises IngestError with its own code, naming the input."""

from __future__ import annotations

import builtins
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimgraph.errors import IngestError
from claimgraph.ingest.sources import read_source


def error_of(path, **kwargs) -> IngestError:
    with pytest.raises(IngestError) as info:
        read_source(str(path), **kwargs)
    assert info.value.where == str(path)
    return info.value


def test_binary_file(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    err = error_of(path)
    assert (err.code, err.message) == ("E104", "binary content (NUL bytes), not text")


def test_control_characters_count_as_binary(tmp_path):
    path = tmp_path / "blob"
    path.write_bytes(bytes(range(1, 9)) * 20)
    assert error_of(path).code == "E104"


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    err = error_of(path)
    assert (err.code, err.message) == ("E105", "empty (no text)")


def test_whitespace_only_file(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_text(" \n\t\n   \n")
    assert error_of(path).code == "E105"


def test_chrome_only_page_is_empty(tmp_path):
    path = tmp_path / "menu.txt"
    path.write_text("Home\nNews\nSubscribe\nLog In | Register\n")
    err = error_of(path)
    assert (err.code, err.message) == ("E105", "empty (nothing but page chrome)")


def test_undecodable_without_declared_charset(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Caf\xe9 raid in Brindmoor".encode("latin-1"))
    err = error_of(path)
    assert (err.code, err.message) == ("E103", "not valid UTF-8 and no charset declared")


def test_undecodable_with_unknown_declared_charset(tmp_path):
    path = tmp_path / "odd.html"
    path.write_bytes(b'<html><head><meta charset="no-such-codec"></head><body><p>Caf\xe9</p></body></html>')
    err = error_of(path)
    assert err.code == "E103"
    assert err.message == "not decodable as declared charset 'no-such-codec'"


def test_utf8_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffThe Harbour Guild denied the report on Monday, its spokesman said.".encode())
    assert read_source(str(path))[0].text == "The Harbour Guild denied the report on Monday, its spokesman said."


def test_too_large_is_refused_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "big.txt"
    path.write_text("x" * 101)
    opened = []
    real_open = builtins.open
    monkeypatch.setattr(builtins, "open", lambda *a, **k: opened.append(a[0]) or real_open(*a, **k))
    err = error_of(path, max_bytes=100)
    assert (err.code, err.message) == ("E102", "larger than the 100-byte limit (101 bytes)")
    assert str(path) not in opened


def test_size_limit_comes_from_settings(tmp_path, monkeypatch):
    from claimgraph import settings as settings_module

    monkeypatch.setenv("CLAIMGRAPH_MAX_BYTES", "10")
    settings_module.get_settings.cache_clear()
    try:
        path = tmp_path / "note.txt"
        path.write_text("The Kestrel Brigade denied it.")
        assert error_of(path).code == "E102"
    finally:
        settings_module.get_settings.cache_clear()


def test_missing_file(tmp_path):
    err = error_of(tmp_path / "nowhere.txt")
    assert (err.code, err.message) == ("E106", "no such file")


def test_permission_denied(tmp_path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text("The Kestrel Brigade denied it.")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(builtins, "open", refuse)
    err = error_of(path)
    assert (err.code, err.message) == ("E101", "cannot read (Permission denied)")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_permission_denied_by_mode(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("The Kestrel Brigade denied it.")
    path.chmod(0)
    assert error_of(path).code == "E101"


def test_directory_without_files(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").write_text("The Kestrel Brigade denied it.")
    err = error_of(tmp_path)
    assert (err.code, err.message) == ("E107", "directory holds no readable files")


def test_directory_given_to_read_source(tmp_path):
    (tmp_path / "a.txt").write_text("The Kestrel Brigade denied it.")
    assert error_of(tmp_path).code == "E108"


def test_feed_without_entries(tmp_path):
    path = tmp_path / "feed.xml"
    path.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Empty Desk</title></channel></rss>')
    err = error_of(path)
    assert (err.code, err.message) == ("E109", "feed has no entries with text")


def test_html_without_text(tmp_path):
    path = tmp_path / "blank.html"
    path.write_text("<!DOCTYPE html><html><head><title></title></head><body><div></div></body></html>")
    assert error_of(path).code == "E109"


def test_codes_are_distinct():
    import re
    from pathlib import Path

    import claimgraph.ingest.sources as sources

    codes = re.findall(r'code="(E1\d\d)"', Path(sources.__file__).read_text())
    assert sorted(set(codes)) == [f"E10{i}" for i in range(1, 10)]


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2048))
def test_random_bytes_raise_only_ingest_error(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("random") / "input.bin"
    path.write_bytes(data)
    try:
        docs = read_source(str(path))
    except IngestError as err:
        assert err.code.startswith("E1")
    else:
        assert docs and all(d.text.strip() for d in docs)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=1500))
def test_random_text_raises_only_ingest_error(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("text") / "input.txt"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        docs = read_source(str(path))
    except IngestError as err:
        assert err.code.startswith("E1")
    else:
        assert docs and all(d.text.strip() for d in docs)


@pytest.mark.parametrize("reference", ["&#1", "&#x1;", "&#11;", "&#127;"])
def test_html_reference_to_a_control_character(tmp_path, reference):
    """A numeric reference to a control character next to a script (found by the fuzz test) is a clear refusal
    or a clean text, never lxml's ValueError."""
    path = tmp_path / "page.html"
    path.write_text(f"<html>{reference}<script></script>- The ministry said the cell was dissolved.</html>")
    try:
        documents = read_source(str(path))
    except IngestError:
        return
    assert all(ord(c) >= 32 or c in "\t\n\r" for d in documents for c in d.text)
