"""STIX 2.1 writer: parsed back with stix2, validated strictly (stix2-validator, warnings are failures) with the
schemas of claimgraph's extension definitions."""

from __future__ import annotations

import json
import uuid
from collections import Counter

import pytest
import stix2

from claimgraph.exports import MemorySink
from claimgraph.exports.network import ExportClaim
from claimgraph.exports.places import country_code
from claimgraph.exports.stix import claim_confidence, relationship_type, stix_id, threat_actors, write_stix
from claimgraph.exports.stix_extensions import CLAIM, DOCUMENT, ENTITY, EVENT, EXTENSIONS
from claimgraph.exports.stix_read import bundle_claims, bundle_edges, parse_bundle
from claimgraph.exports.stix_validation import stix_issues, validate_stix


def _export(network) -> tuple[str, stix2.Bundle]:
    sink = MemorySink()
    write_stix(network, sink)
    text = sink.text()
    return text, parse_bundle(text)


def _by_id(bundle) -> dict:
    return {o["id"]: o for o in bundle.objects}


def _ext(obj, extension) -> dict:
    return obj["extensions"][extension.id]


def _node(bundle, node_id: str):
    return next(o for o in bundle.objects
                if ENTITY.id in o.get("extensions", {}) and _ext(o, ENTITY)["entity_id"] == node_id)


def _issues(result) -> list[str]:
    return stix_issues(result)


def test_stix_bundle_parses_with_expected_object_counts(small_network):
    _, bundle = _export(small_network)
    # identities: 4 entities, claimgraph itself, 2 publications; Osterra and Port Vellin are fictional, so no
    # data package locates them and they stay declared x-claimgraph-place objects
    assert Counter(o["type"] for o in bundle.objects) == {
        "identity": 7, "threat-actor": 1, "x-claimgraph-place": 2, "relationship": 7, "incident": 1, "report": 2,
        "extension-definition": len(EXTENSIONS)}


def test_stix_bundle_passes_the_strict_validator(small_network):
    text, _ = _export(small_network)
    result = validate_stix(text)
    assert _issues(result) == []
    assert result.is_valid


def test_stix_round_trip_rebuilds_the_same_edges_and_claims(small_network):
    _, bundle = _export(small_network)
    assert bundle_edges(bundle) == {(e.subject, e.relation, e.object) for e in small_network.edges}
    expected = sorted((c.subject, c.relation, c.object, c.source, c.certainty, c.polarity, c.document_id,
                       c.evidence_start, c.evidence_end) for c in small_network.claims())
    assert sorted(tuple(c.__dict__.values()) for c in bundle_claims(bundle)) == expected


def test_stix_strict_validator_fails_an_undeclared_property_or_a_bad_extension_value(small_network):
    """Guards the strict test: a top-level custom property, or a value outside our extension schema, fails."""
    text, _ = _export(small_network)
    data = json.loads(text)
    rel = next(o for o in data["objects"] if o["type"] == "relationship")
    rel["x_claimgraph_note"] = "undeclared"
    assert not validate_stix(json.dumps(data)).is_valid
    del rel["x_claimgraph_note"]
    rel["extensions"][CLAIM.id]["certainty"] = "very"
    assert any("'very'" in issue for issue in _issues(validate_stix(json.dumps(data))))


def test_stix_extension_definitions_are_versioned_and_documented():
    docs = (__import__("pathlib").Path(__file__).resolve().parents[2] / "docs" / "stix-extensions.md").read_text(
        encoding="utf-8")
    for ext in EXTENSIONS:
        stix = ext.stix()
        assert stix["version"].count(".") == 2 and stix["created_by_ref"].startswith("identity--")
        assert json.loads(stix["schema"])["properties"]["extension_type"] == {"const": ext.extension_type}
        assert uuid.UUID(ext.id.split("--")[1]).version == 4
        assert ext.id in docs and f"`{ext.name}` {ext.version}" in docs
        for prop in ext.properties:
            assert f"`{prop}`" in docs, (ext.name, prop)


def _claims(bundle, relation: str) -> list:
    return [o for o in bundle.objects if o["type"] == "relationship" and _ext(o, CLAIM)["relation"] == relation]


def test_stix_claim_keeps_claimant_certainty_and_confidence(small_network):
    _, bundle = _export(small_network)
    ministry = _node(bundle, "osterran-interior-ministry")
    by_source = {_ext(r, CLAIM)["claimant"]: r for r in _claims(bundle, "leader_of")}
    assert sorted(by_source) == ["Osterran Interior Ministry", "author"]
    quoted = by_source["Osterran Interior Ministry"]
    assert quoted["relationship_type"] == "related-to"
    assert _ext(quoted, CLAIM)["certainty"] == "probable"
    assert _ext(quoted, CLAIM)["claimant_ref"] == ministry["id"]
    assert _ext(quoted, CLAIM)["evidence"] == {"document": "0f1e2d3c4b5a6978", "start": 40, "end": 96}
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
    assert _ext(own, CLAIM)["date"] == "2019"
    assert "claimant_ref" not in _ext(own, CLAIM)


def test_stix_provenance_publication_identity_url_and_text_hash(small_network):
    _, bundle = _export(small_network)
    objects = _by_id(bundle)
    (targets,) = _claims(bundle, "targets")
    assert targets["relationship_type"] == "related-to"  # STIX suggests `targets` for locations, not our places
    publisher = objects[targets["created_by_ref"]]
    assert (publisher["type"], publisher["name"], publisher["identity_class"]) == (
        "identity", "Osterra Herald", "organization")
    document = targets["external_references"][0]
    assert (document["url"], document["hashes"]) == ("https://herald.example/blast", {"SHA-256": "9" * 64})
    assert targets["external_references"][1]["external_id"] == "a1b2c3d4e5f60718:10-67"


def test_stix_denial_is_kept_with_low_confidence(small_network):
    _, bundle = _export(small_network)
    denied = [o for o in bundle.objects if o["type"] == "relationship" and _ext(o, CLAIM)["polarity"] == "negative"]
    assert sorted((_ext(o, CLAIM)["relation"], o["confidence"]) for o in denied) == [("member_of", 0),
                                                                                    ("supports", 0)]


def test_stix_event_is_an_incident_with_date_place_and_perpetrator(small_network):
    _, bundle = _export(small_network)
    incident = next(o for o in bundle.objects if o["type"] == "incident")
    event = _ext(incident, EVENT)
    assert event["date"] == "2021-06-02"
    assert event["event_type"] == "attack" and event["event_subtype"] == "bombing"
    assert (event["killed"], event["wounded"], event["weapons"]) == (3, 12, ["car bomb"])
    assert event["location_ref"] == _node(bundle, "port-vellin")["id"]
    assert event["participants"] == [{"role": "perpetrator",
                                      "entity_ref": _node(bundle, "brannock-liberation-front")["id"]}]
    assert (event["claimant"], event["certainty"]) == ("author", "certain")


def test_stix_reports_reference_what_each_document_contributed(small_network):
    _, bundle = _export(small_network)
    objects = _by_id(bundle)
    herald = next(o for o in bundle.objects if o["type"] == "report" and o["name"] == "Blast in Port Vellin harbour")
    assert herald["published"] == stix2.utils.parse_into_datetime("2021-07-01T00:00:00Z")
    kinds = Counter(objects[ref]["type"] for ref in herald["object_refs"])
    # BLF, Ilse Varga, Osterra, Port Vellin; leader (herald), targets, operates_in; the attack
    assert kinds == {"threat-actor": 1, "identity": 1, "x-claimgraph-place": 2, "relationship": 3, "incident": 1}
    assert _ext(herald, DOCUMENT) == {"extension_type": "property-extension", "document_id": "a1b2c3d4e5f60718",
                                      "authors": ["Mara Lind"], "source": "examples/herald.txt"}


def test_stix_entity_kinds_follow_the_claims(small_network):
    _, bundle = _export(small_network)
    blf = _node(bundle, "brannock-liberation-front")
    assert blf["type"] == "threat-actor"
    assert blf["aliases"] == ["BLF"]
    assert blf["external_references"][0]["external_id"] == "QDe.901"
    varga = _node(bundle, "ilse-varga")
    assert (varga["type"], varga["identity_class"]) == ("identity", "individual")
    assert _ext(varga, ENTITY)["aliases"] == ["Varga"]
    osterra = _node(bundle, "osterra")
    assert (osterra["type"], _ext(osterra, ENTITY)["entity_type"]) == ("x-claimgraph-place", "state")


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


@pytest.mark.parametrize(("name", "code"), [("France", "FR"), ("Burma", "MM"), ("Osterra", None)])
def test_stix_country_code_only_for_real_country_names(name, code):
    assert country_code(name) == code


@pytest.mark.parametrize(("relation", "source", "target", "expected"), [
    ("targets", "threat-actor--x", "location--y", "targets"),
    ("targets", "threat-actor--x", "identity--y", "targets"),
    ("targets", "identity--x", "location--y", "related-to"),
    ("operates_in", "threat-actor--x", "location--y", "related-to"),
])
def test_stix_relationship_type_follows_stix_suggestions(relation, source, target, expected):
    assert relationship_type(relation, source, target) == expected


def test_stix_validator_rejects_a_broken_relationship(small_network):
    """Guards the validity test above: the schema check does fail on a relationship without its type."""
    text, _ = _export(small_network)
    data = json.loads(text)
    next(o for o in data["objects"] if o["type"] == "relationship").pop("relationship_type")
    assert not validate_stix(json.dumps(data)).is_valid


def test_stix_event_at_an_actor_keeps_the_place_by_name(small_network):
    small_network.events[0].location = "meridian-relief-trust"
    _, bundle = _export(small_network)
    event = _ext(next(o for o in bundle.objects if o["type"] == "incident"), EVENT)
    assert "location_ref" not in event
    assert event["location_name"] == "Meridian Relief Trust"
