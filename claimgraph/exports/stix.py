"""STIX 2.1 bundle for threat-intelligence platforms (OpenCTI, MISP), built with the `stix2` library.

- people, organisations and groups: `threat-actor` when the claims designate them or show them attacking
  (see `threat_actors`), otherwise `identity`; states and places: `location`;
- each claim: one `relationship` whose `confidence` follows `claim_confidence`, with the claimant kept in
  `x_claimgraph_source` and the document and evidence sentence in `external_references`;
- each event: a custom `x-claimgraph-event` object; each document: a `report` whose `object_refs` name what
  it contributed.
Ids are UUIDv5 over stable keys and timestamps come from the documents, so exporting twice gives equal bytes.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable

import stix2
from followthemoney.types import registry
from stix2 import properties as p

from claimgraph.errors import ExportError
from claimgraph.exports.network import (
    ExportClaim,
    ExportEdge,
    ExportEvent,
    ExportNetwork,
    ExportNode,
    UniqueKeys,
    day,
)
from claimgraph.exports.sink import Sink

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:claimgraph:stix")
EPOCH = "1970-01-01T00:00:00Z"  # only when nothing in the network carries a date
SUFFIX = ".json"
EVENT_TYPE = "x-claimgraph-event"
SANCTIONS_LIST = "UN consolidated sanctions list"
UNKNOWN_COUNTRY = "ZZ"  # ISO 3166 user-assigned code for an unknown or unspecified country

# STIX 2.1 appendix A maps the Admiralty credibility scale to confidence like this; 6 has no value.
GRADE_CONFIDENCE = {1: 90, 2: 70, 3: 50, 4: 30, 5: 10}
# The claimant's own certainty, read on the STIX WEP scale; "unknown" says nothing.
CERTAINTY_CONFIDENCE = {"certain": 100, "probable": 70, "possible": 50}

ACTOR_TYPES = frozenset({"person", "organization", "group"})
LOCATION_TYPES = frozenset({"state", "place"})
IDENTITY_CLASS = {"person": "individual", "organization": "organization", "group": "group"}
HOSTILE_RELATIONS = frozenset({"designated_by", "targets"})  # subject is designated, or attacks
HOSTILE_EVENTS = frozenset({"attack", "plot", "killing"})
HOSTILE_ROLES = frozenset({"perpetrator", "ordered_by"})


@stix2.CustomObject(EVENT_TYPE, [
    ("name", p.StringProperty(required=True)),
    ("event_type", p.StringProperty(required=True)),
    ("event_subtype", p.StringProperty()),
    ("date", p.StringProperty()),
    ("start_time", p.TimestampProperty()),
    ("location_ref", p.ReferenceProperty(valid_types=["location"], spec_version="2.1")),
    ("location_name", p.StringProperty()),
    ("participants", p.ListProperty(p.DictionaryProperty(spec_version="2.1"))),
    ("killed", p.IntegerProperty(min=0)),
    ("wounded", p.IntegerProperty(min=0)),
    ("arrested", p.IntegerProperty(min=0)),
    ("weapons", p.ListProperty(p.StringProperty())),
    ("description", p.StringProperty()),
    ("confidence", p.IntegerProperty(min=0, max=100)),
    ("x_claimgraph_source", p.StringProperty()),
    ("x_claimgraph_certainty", p.StringProperty()),
    ("external_references", p.ListProperty(stix2.ExternalReference)),
])
class ClaimgraphEvent:
    """An event as one document reports it (STIX has no SDO for 'an attack happened')."""


def stix_id(kind: str, key: str) -> str:
    return f"{kind}--{uuid.uuid5(NAMESPACE, key)}"


def timestamp(value: str | None) -> str | None:
    d = day(value)
    return f"{d}T00:00:00Z" if d else None


def claim_confidence(claim: ExportClaim, grade: int) -> int | None:
    """An affirming claim: the lower of the edge grade's value and the claimant's certainty; a denial: the
    complement of its certainty (a certain denial is 0). None when neither says anything (grade 6, unknown)."""
    certainty = CERTAINTY_CONFIDENCE.get(claim.certainty)
    if claim.polarity == "negative":
        return None if certainty is None else 100 - certainty
    values = [v for v in (GRADE_CONFIDENCE.get(grade), certainty) if v is not None]
    return min(values) if values else None


def threat_actors(network: ExportNetwork) -> set[str]:
    """Node ids that are designated (a list reference, or an affirmed designated_by claim) or attacking (an
    affirmed `targets` claim, or perpetrator / orderer of an attack, plot or killing); only actor types."""
    hostile = {n.id for n in network.nodes if n.refs}
    hostile.update(e.subject for e in network.edges if e.relation in HOSTILE_RELATIONS and e.affirmed)
    for event in network.events:
        if event.type in HOSTILE_EVENTS:
            hostile.update(pt.entity for pt in event.participants if pt.role in HOSTILE_ROLES)
    return {n.id for n in network.nodes if n.type in ACTOR_TYPES and n.id in hostile}


def country_code(name: str) -> str:
    """ISO 3166-1 alpha-2 for a real country name (FollowTheMoney's country table), else ZZ."""
    code = registry.country.clean(name)
    return code.upper() if code and len(code) == 2 else UNKNOWN_COUNTRY


class _Times:
    """created/modified for each object: the date of the document it comes from (the earliest, for entities)."""

    def __init__(self, network: ExportNetwork) -> None:
        self.docs = {d.id: timestamp(d.published) for d in network.documents}
        known = sorted(t for t in self.docs.values() if t)
        self.fallback = known[0] if known else EPOCH

    def of_document(self, doc_id: str) -> str:
        return self.docs.get(doc_id) or self.fallback

    def of_node(self, node: ExportNode) -> str:
        known = sorted(t for t in (self.docs.get(d) for d in node.documents) if t)
        return known[0] if known else self.fallback


def _node_object(node: ExportNode, hostile: set[str], times: _Times) -> stix2.base._STIXBase:
    created = times.of_node(node)
    aliases = [a for a in node.aliases if a != node.name]
    common = {"name": node.name, "created": created, "modified": created, "allow_custom": True,
              "x_claimgraph_id": node.id, "x_claimgraph_type": node.type}
    if node.refs:
        common["external_references"] = [{"source_name": SANCTIONS_LIST, "external_id": ref} for ref in node.refs]
    if node.type in LOCATION_TYPES:
        return stix2.Location(id=stix_id("location", f"node|{node.id}"), country=country_code(node.name),
                              x_claimgraph_aliases=aliases, **common)
    if node.id in hostile:
        return stix2.ThreatActor(id=stix_id("threat-actor", f"node|{node.id}"), aliases=aliases or None, **common)
    return stix2.Identity(id=stix_id("identity", f"node|{node.id}"),
                          identity_class=IDENTITY_CLASS.get(node.type, "unknown"),
                          x_claimgraph_aliases=aliases, **common)


def _document_reference(network_docs: dict, doc_id: str) -> dict:
    doc = network_docs.get(doc_id)
    ref = {"source_name": (doc.publication if doc and doc.publication else "claimgraph document"),
           "external_id": doc_id, "description": doc.label if doc else doc_id}
    if doc and doc.web_url:
        ref["url"] = doc.web_url
    return ref


def _relationship(claim: ExportClaim, edge: ExportEdge, ids: dict[str, str], docs: dict, times: _Times,
                  key: str) -> stix2.Relationship:
    created = times.of_document(claim.document_id)
    extra = {}
    confidence = claim_confidence(claim, edge.grade)
    if confidence is not None:
        extra["confidence"] = confidence
    start = timestamp(claim.when)
    if start:
        extra["start_time"] = start
    if claim.source_id and claim.source_id in ids:
        extra["x_claimgraph_source_ref"] = ids[claim.source_id]
    evidence = {"source_name": "evidence", "description": claim.evidence,
                "external_id": f"{claim.document_id}:{claim.evidence_start}-{claim.evidence_end}"}
    return stix2.Relationship(
        id=stix_id("relationship", key), created=created, modified=created,
        relationship_type=claim.relation.replace("_", "-"), source_ref=ids[claim.subject],
        target_ref=ids[claim.object], description=claim.evidence,
        external_references=[_document_reference(docs, claim.document_id), evidence],
        x_claimgraph_relation=claim.relation, x_claimgraph_source=claim.source,
        x_claimgraph_certainty=claim.certainty, x_claimgraph_polarity=claim.polarity,
        x_claimgraph_grade=edge.grade, x_claimgraph_corroboration=edge.corroboration,
        x_claimgraph_rule=claim.rule, x_claimgraph_date=claim.date, allow_custom=True, **extra)


def _event(event: ExportEvent, ids: dict[str, str], names: dict[str, str], docs: dict, times: _Times,
           key: str) -> ClaimgraphEvent:
    """`location_ref` when the place is a location; an actor named as the place (an embassy, a base run by an
    organisation) is kept by name in `location_name`."""
    created = times.of_document(event.document_id)
    place = ids.get(event.location or "")
    optional = {"event_subtype": event.subtype, "date": event.date, "start_time": timestamp(event.date),
                "location_ref": place if place and place.startswith("location--") else None,
                "location_name": names.get(event.location or "") if place and not place.startswith("location--")
                else None, "killed": event.killed,
                "wounded": event.wounded, "arrested": event.arrested, "weapons": event.weapons or None,
                "confidence": CERTAINTY_CONFIDENCE.get(event.certainty)}
    participants = [{"role": pt.role, "entity_ref": ids[pt.entity]} for pt in event.participants
                    if pt.entity in ids]
    return ClaimgraphEvent(
        id=stix_id(EVENT_TYPE, key), created=created, modified=created, name=event.label,
        event_type=event.type, participants=participants or None, description=event.evidence,
        x_claimgraph_source=event.source, x_claimgraph_certainty=event.certainty,
        external_references=[_document_reference(docs, event.document_id),
                             {"source_name": "evidence", "description": event.evidence,
                              "external_id": f"{event.document_id}:{event.evidence_start}-{event.evidence_end}"}],
        **{k: v for k, v in optional.items() if v is not None})


def _reports(network: ExportNetwork, ids: dict[str, str], rel_by_doc: dict[str, list[str]],
             ev_by_doc: dict[str, list[str]], times: _Times) -> Iterable[stix2.Report]:
    for doc in network.documents:
        refs = [ids[n.id] for n in network.nodes if doc.id in n.documents]
        refs += rel_by_doc.get(doc.id, []) + ev_by_doc.get(doc.id, [])
        if not refs:
            continue  # a report must reference something; this document adds nothing to the exported view
        published = times.of_document(doc.id)
        ref = {"source_name": doc.publication or "claimgraph document", "external_id": doc.id}
        if doc.web_url:
            ref["url"] = doc.web_url
        yield stix2.Report(id=stix_id("report", f"document|{doc.id}"), created=published, modified=published,
                           name=doc.label, published=published, object_refs=list(dict.fromkeys(refs)),
                           external_references=[ref], x_claimgraph_authors=doc.authors or None,
                           allow_custom=True)


def build_bundle(network: ExportNetwork) -> stix2.Bundle:
    """Every node, claim, event and document of the network as one STIX 2.1 bundle."""
    times = _Times(network)
    docs = network.document_index()
    hostile = threat_actors(network)
    objects: list = [_node_object(n, hostile, times) for n in network.nodes]
    ids = {n.id: o.id for n, o in zip(network.nodes, objects, strict=True)}
    names = {n.id: n.name for n in network.nodes}
    unique = UniqueKeys()
    rel_by_doc: dict[str, list[str]] = {}
    for edge in network.edges:
        for claim in edge.claims:
            if claim.subject in ids and claim.object in ids:
                rel = _relationship(claim, edge, ids, docs, times, unique(claim.key))
                objects.append(rel)
                rel_by_doc.setdefault(claim.document_id, []).append(rel.id)
    ev_by_doc: dict[str, list[str]] = {}
    for event in network.events:
        obj = _event(event, ids, names, docs, times, unique(event.key))
        objects.append(obj)
        ev_by_doc.setdefault(event.document_id, []).append(obj.id)
    objects.extend(_reports(network, ids, rel_by_doc, ev_by_doc, times))
    bundle_key = "bundle|" + "|".join(sorted(o.id for o in objects))
    return stix2.Bundle(objects=objects, id=stix_id("bundle", bundle_key), allow_custom=True)


def write_stix(network: ExportNetwork, sink: Sink) -> None:
    try:
        bundle = build_bundle(network)
    except stix2.exceptions.STIXError as err:
        raise ExportError(f"cannot build the STIX bundle ({err})", code="E705") from err
    with sink.open("", SUFFIX) as fh:
        # stix2's pretty=True orders keys with a search that is quadratic in the bundle size (minutes for a few
        # hundred objects); serialise plainly, then indent with the standard library, keeping the key order.
        fh.write(json.dumps(json.loads(bundle.serialize()), indent=1, ensure_ascii=False).encode("utf-8"))
        fh.write(b"\n")


__all__ = ["CERTAINTY_CONFIDENCE", "GRADE_CONFIDENCE", "build_bundle", "claim_confidence",
           "threat_actors", "write_stix"]
