"""The sanctions-list gazetteer on a tiny fictional list in the UN XML format."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.extract.entities.find import find_entities
from claimgraph.extract.entities.gazetteer import load_gazetteer, parse_list
from claimgraph.ingest.document import Document

LIST = Path(__file__).resolve().parent.parent / "fixtures" / "un-list-fictional.xml"


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
