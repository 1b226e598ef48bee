"""STIX 2.1 writer: parsed back with stix2, validated against the STIX 2.1 JSON schemas (stix2-validator)."""

from __future__ import annotations

import json
from collections import Counter

import pytest
import stix2
from stix2validator import ValidationOptions, validate_string

from claimgraph.exports import MemorySink
from claimgraph.exports.network import ExportClaim
from claimgraph.exports.stix import claim_confidence, country_code, stix_id, threat_actors, write_stix


def _export(network) -> tuple[str, stix2.Bundle]:
    sink = MemorySink()
    write_stix(network, sink)
    text = sink.text()
    return text, stix2.parse(text, allow_custom=True)


def _by_id(bundle) -> dict:
    return {o["id"]: o for o in bundle.objects}


def _node(bundle, node_id: str):
    return next(o for o in bundle.objects if o.get("x_claimgraph_id") == node_id)


def test_stix_bundle_parses_with_expected_object_counts(small_network):
    _, bundle = _export(small_network)
    assert Counter(o["type"] for o in bundle.objects) == {
        "identity": 4, "threat-actor": 1, "location": 2, "relationship": 7, "x-claimgraph-event": 1, "report": 2}


def test_stix_bundle_is_valid_against_the_stix21_schemas(small_network):
    text, _ = _export(small_network)
    result = validate_string(text, ValidationOptions(version="2.1"))
    assert result.is_valid
    assert result.errors == []


def test_stix_claim_keeps_claimant_certainty_and_confidence(small_network):
    _, bundle = _export(small_network)
    ministry = _node(bundle, "osterran-interior-ministry")
    leader = [o for o in bundle.objects if o["type"] == "relationship" and o["relationship_type"] == "leader-of"]
    by_source = {r["x_claimgraph_source"]: r for r in leader}
    assert sorted(by_source) == ["Osterran Interior Ministry", "author"]
    quoted = by_source["Osterran Interior Ministry"]
    assert quoted["x_claimgraph_certainty"] == "probable"
    assert quoted["x_claimgraph_source_ref"] == ministry["id"]
    assert quoted["confidence"] == 70  # grade 2 -> 70, probable -> 70
    assert quoted["source_ref"] == _node(bundle, "ilse-varga")["id"]
    assert quoted["target_ref"] == _node(bundle, "brannock-liberation-front")["id"]
    assert quoted["start_time"] == stix2.utils.parse_into_datetime("2022-01-20T00:00:00Z")
    refs = quoted["external_references"]
    assert refs[0]["source_name"] == "Northern Wire" and refs[0]["external_id"] == "0f1e2d3c4b5a6978"
    assert refs[1]["description"] == "The ministry said Varga probably still commands the BLF."
    assert refs[1]["external_id"] == "0f1e2d3c4b5a6978:40-96"
    own = by_source["author"]
    assert own["start_time"] == stix2.utils.parse_into_datetime("2019-01-01T00:00:00Z")
    assert own["x_claimgraph_date"] == "2019"
    assert "x_claimgraph_source_ref" not in own


def test_stix_denial_is_kept_with_low_confidence(small_network):
    _, bundle = _export(small_network)
    denied = [o for o in bundle.objects if o["type"] == "relationship" and o["x_claimgraph_polarity"] == "negative"]
    assert sorted((o["relationship_type"], o["confidence"]) for o in denied) == [("member-of", 0), ("supports", 0)]


def test_stix_event_object_carries_date_place_and_perpetrator(small_network):
    _, bundle = _export(small_network)
    event = next(o for o in bundle.objects if o["type"] == "x-claimgraph-event")
    assert event["date"] == "2021-06-02"
    assert event["event_type"] == "attack" and event["event_subtype"] == "bombing"
    assert (event["killed"], event["wounded"], event["weapons"]) == (3, 12, ["car bomb"])
    assert event["location_ref"] == _node(bundle, "port-vellin")["id"]
    assert event["participants"] == [{"role": "perpetrator",
                                      "entity_ref": _node(bundle, "brannock-liberation-front")["id"]}]


def test_stix_reports_reference_what_each_document_contributed(small_network):
    _, bundle = _export(small_network)
    objects = _by_id(bundle)
    herald = next(o for o in bundle.objects if o["type"] == "report" and o["name"] == "Blast in Port Vellin harbour")
    assert herald["published"] == stix2.utils.parse_into_datetime("2021-07-01T00:00:00Z")
    kinds = Counter(objects[ref]["type"] for ref in herald["object_refs"])
    # BLF, Ilse Varga, Osterra, Port Vellin; leader (herald), targets, operates_in; the attack
    assert kinds == {"threat-actor": 1, "identity": 1, "location": 2, "relationship": 3, "x-claimgraph-event": 1}


def test_stix_entity_kinds_follow_the_claims(small_network):
    _, bundle = _export(small_network)
    blf = _node(bundle, "brannock-liberation-front")
    assert blf["type"] == "threat-actor"
    assert blf["aliases"] == ["BLF"]
    assert blf["external_references"][0]["external_id"] == "QDe.901"
    varga = _node(bundle, "ilse-varga")
    assert (varga["type"], varga["identity_class"]) == ("identity", "individual")
    assert _node(bundle, "osterra")["country"] == "ZZ"


def test_stix_threat_actor_from_attack_alone(small_network):
    blf = small_network.node("brannock-liberation-front")
    blf.refs = []
    small_network.edges = [e for e in small_network.edges if e.relation != "targets"]
    assert threat_actors(small_network) == {"brannock-liberation-front"}
    small_network.events = []
    assert threat_actors(small_network) == set()


def test_stix_export_is_byte_stable(small_network):
    first, _ = _export(small_network)
    second, _ = _export(small_network)
    assert first == second
    assert json.loads(first)["id"] == stix_id("bundle", "bundle|" + "|".join(
        sorted(o["id"] for o in json.loads(first)["objects"])))


@pytest.mark.parametrize(("certainty", "polarity", "grade", "expected"), [
    ("certain", "positive", 1, 90),
    ("certain", "positive", 3, 50),
    ("probable", "positive", 1, 70),
    ("possible", "positive", 2, 50),
    ("certain", "positive", 6, 100),
    ("unknown", "positive", 6, None),
    ("unknown", "positive", 4, 30),
    ("certain", "negative", 5, 0),
    ("probable", "negative", 5, 30),
    ("unknown", "negative", 5, None),
])
def test_stix_claim_confidence_table(certainty, polarity, grade, expected):
    claim = ExportClaim("d", "a", "supports", "b", "author", None, certainty, polarity, "x", 0, 1)
    assert claim_confidence(claim, grade) == expected


@pytest.mark.parametrize(("name", "code"), [("France", "FR"), ("Osterra", "ZZ")])
def test_stix_country_code_only_for_real_country_names(name, code):
    assert country_code(name) == code


def test_stix_validator_rejects_a_broken_relationship(small_network):
    """Guards the validity test above: the schema check does fail on a relationship without its type."""
    text, _ = _export(small_network)
    data = json.loads(text)
    next(o for o in data["objects"] if o["type"] == "relationship").pop("relationship_type")
    assert not validate_string(json.dumps(data), ValidationOptions(version="2.1")).is_valid


def test_stix_event_at_an_actor_keeps_the_place_by_name(small_network):
    small_network.events[0].location = "meridian-relief-trust"
    _, bundle = _export(small_network)
    event = next(o for o in bundle.objects if o["type"] == "x-claimgraph-event")
    assert "location_ref" not in event
    assert event["location_name"] == "Meridian Relief Trust"
