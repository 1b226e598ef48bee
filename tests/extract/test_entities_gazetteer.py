"""The sanctions-list gazetteer on a tiny fictional list in the UN XML format."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.extract.entities.find import find_entities
from claimgraph.extract.entities.gazetteer import load_gazetteer, parse_list
from claimgraph.ingest.document import Document

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
LIST = FIXTURES / "un-list-fictional.xml"  # the list's XML as published in 2020
CURRENT_LIST = FIXTURES / "un-list-fictional-current.xml"  # as published today: namespaced, a.k.a. qualities


@pytest.fixture
def fictional_gazetteer(nlp, monkeypatch, tmp_path):
    monkeypatch.setenv("CLAIMGRAPH_CACHE", str(tmp_path))
    gaz = load_gazetteer(nlp, LIST)
    return gaz


def test_parse_list_names_aliases_and_refs():
    records = {r.ref: r for r in parse_list(LIST)}
    assert records["QDi.901"].type == "person"
    assert records["QDi.901"].name == "Tarven Oskarovich Mellik"
    assert records["QDi.901"].aliases == ["Tarven Mellik", "Tarvin Mellik"]  # low-quality aliases are left out
    assert records["QDe.902"].type == "organization"
    assert records["QDe.902"].name == "Grey Harbour Front"
    assert records["QDe.902"].aliases == ["GHF", "Jamaat al-Marsa al-Ramadi"]


def test_parse_list_reads_todays_schema():
    """Same actors as the 2020 fixture: a default namespace, whitespace in names and "a.k.a."/"f.k.a." alias
    qualities must not change what is read; a "Low" alias is still left out."""
    records = {r.ref: r for r in parse_list(CURRENT_LIST)}
    assert sorted(records) == ["QDe.902", "QDi.901"]
    assert records["QDi.901"].name == "Tarven Oskarovich Mellik"
    assert records["QDi.901"].aliases == ["Tarven Mellik", "Tarvin Mellik", "Tarven Osk"]
    assert (records["QDe.902"].name, records["QDe.902"].aliases) == ("Grey Harbour Front",
                                                                     ["GHF", "Jamaat al-Marsa al-Ramadi"])


def test_parse_list_refuses_a_file_that_is_not_the_list(tmp_path):
    other = tmp_path / "feed.xml"
    other.write_text("<rss><channel><title>x</title></channel></rss>", encoding="utf-8")
    with pytest.raises(ValueError, match="feed.xml: no INDIVIDUAL or ENTITY"):
        parse_list(other)


def test_gazetteer_joins_aliases_and_stores_refs(nlp, fictional_gazetteer):
    text = ("Tarven Mellik, a commander of the Grey Harbour Front, met donors in Velmar. "
            "Jamaat al Marsa al Ramadi denied the report. The GHF later praised Mellik.")
    table = find_entities(nlp(text), Document(text=text), fictional_gazetteer)
    by_name = {e.name: e for e in table.entities}
    person, org = by_name["Tarven Mellik"], by_name["Grey Harbour Front"]
    assert (person.type, person.refs, sorted(person.aliases)) == ("person", ["QDi.901"], ["Mellik", "Tarven Mellik"])
    assert (org.type, org.refs) == ("organization", ["QDe.902"])
    assert sorted(org.aliases) == ["GHF", "Grey Harbour Front", "Jamaat al Marsa al Ramadi"]


def test_gazetteer_cache_is_reused(nlp, monkeypatch, tmp_path):
    monkeypatch.setenv("CLAIMGRAPH_CACHE", str(tmp_path))
    from claimgraph.extract.entities import gazetteer

    gazetteer._load_cached(LIST, nlp)
    assert len(list(tmp_path.glob("gazetteer-*.json"))) == 1
    monkeypatch.setattr(gazetteer, "parse_list", lambda path: pytest.fail("the cache was not used"))
    records, patterns = gazetteer._load_cached(LIST, nlp)
    assert [r.ref for r in records] == ["QDi.901", "QDe.902"]


def test_lowercase_text_is_not_a_listed_name(nlp, fictional_gazetteer):
    doc = nlp("the grey harbour front was quiet that morning.")
    assert fictional_gazetteer.find(doc) == []


def test_missing_list_disables_the_gazetteer(nlp, tmp_path):
    assert load_gazetteer(nlp, tmp_path / "absent.xml") is None
