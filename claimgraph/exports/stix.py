"""STIX 2.1 bundle for threat-intelligence platforms (OpenCTI, MISP), built with the `stix2` library.

Everything claimgraph adds to STIX is declared by the extension definitions of `stix_extensions.py`, which travel
in the bundle, so `stix2-validator --strict` finds nothing undeclared:
- people, organisations and groups: `threat-actor` when the claims designate them or show them attacking
  (see `threat_actors`), otherwise `identity`; states and places: `location` with the country, region or city
  that pycountry and GeoNames give (`places.locate`), or a declared `x-claimgraph-place` when no package knows it;
  each carries the `entity` extension (claimgraph id, type, aliases);
- each claim: one `relationship` (`targets` where STIX suggests it, else `related-to`) whose `claim` extension
  holds the claimgraph relation, the claimant, certainty, polarity, grade and evidence offsets, and whose
  `external_references` name the document (with its URL) and the evidence sentence (`doc:start-end`);
- each event: an `incident` with the `event` extension;
- each document: a `report` whose `object_refs` name what it contributed, with the `document` extension;
- each publication: an `identity`, the `created_by_ref` of the relationships, incidents and reports it published.
Ids are derived from stable keys (UUIDv4-shaped) and timestamps come from the documents, so exporting twice gives
equal bytes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import stix2
from stix2 import properties as p

from claimgraph.errors import ExportError
from claimgraph.exports.network import (
    AUTHOR,
    ExportClaim,
    ExportDocument,
    ExportEdge,
    ExportEvent,
    ExportNetwork,
    ExportNode,
    UniqueKeys,
    day,
)
from claimgraph.exports.places import country_code, locate
from claimgraph.exports.sink import Sink
from claimgraph.exports.stix_extensions import (
    CLAIM,
    DOCUMENT,
    ENTITY,
    EVENT,
    EXTENSIONS,
    PLACE,
    PLACE_TYPE,
    producer_identity,
    stable_uuid,
)

EPOCH = "1970-01-01T00:00:00Z"  # only when nothing in the network carries a date
SUFFIX = ".stix.json"  # a STIX bundle is JSON; the double extension tells it from FtM's ".ftm.json"
SANCTIONS_LIST = "UN consolidated sanctions list"

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
TARGETED_TYPES = ("identity", "location")  # what STIX suggests a threat actor `targets`


@stix2.CustomObject(PLACE_TYPE, [
    ("name", p.StringProperty(required=True)),
    ("description", p.StringProperty()),
], extension_name=PLACE.id)
class ClaimgraphPlace:
    """A named place no data package locates (declared by the `place` new-SDO extension)."""


def stix_id(kind: str, key: str) -> str:
    return f"{kind}--{stable_uuid(key)}"


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


def relationship_type(relation: str, source_ref: str, target_ref: str) -> str:
    """`targets` for a threat actor targeting an identity or location (STIX's own meaning), else `related-to`;
    the claimgraph relation itself is in the claim extension. Other STIX types would say something else
    (`located-at` is not `operates_in`), and custom types are what `stix2-validator` warns about."""
    if relation == "targets" and source_ref.startswith("threat-actor--") and target_ref.startswith(TARGETED_TYPES):
        return "targets"
    return "related-to"


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


def _refers_to_place(*refs: str) -> bool:
    """stix2 builds an object that refers to a custom type (our declared place) only with allow_custom."""
    return any(ref.startswith(f"{PLACE_TYPE}--") for ref in refs)


def _ext(extension, **values) -> dict:
    """An `extensions` entry: the definition id -> its type and the values that are set."""
    return {extension.id: {"extension_type": extension.extension_type,
                           **{k: v for k, v in values.items() if v is not None and v != []}}}


def _node_object(node: ExportNode, hostile: set[str], times: _Times) -> stix2.base._STIXBase:
    created = times.of_node(node)
    aliases = [a for a in node.aliases if a != node.name]
    common = {"name": node.name, "created": created, "modified": created,
              "extensions": _ext(ENTITY, entity_id=node.id, entity_type=node.type, aliases=aliases)}
    if node.refs:
        common["external_references"] = [{"source_name": SANCTIONS_LIST, "external_id": ref} for ref in node.refs]
    if node.type in LOCATION_TYPES:
        place = locate(node.name)
        if place is None:
            return ClaimgraphPlace(id=stix_id(PLACE_TYPE, f"node|{node.id}"), **common)
        return stix2.Location(id=stix_id("location", f"node|{node.id}"), **place.stix_properties(), **common)
    if node.id in hostile:
        return stix2.ThreatActor(id=stix_id("threat-actor", f"node|{node.id}"), aliases=aliases or None, **common)
    return stix2.Identity(id=stix_id("identity", f"node|{node.id}"),
                          identity_class=IDENTITY_CLASS.get(node.type, "unknown"), **common)


def _publication_id(doc: ExportDocument | None) -> str | None:
    """The STIX id of the publication that published doc, None when the document names none."""
    return stix_id("identity", f"publication|{doc.publication}") if doc and doc.publication else None


def _publications(network: ExportNetwork, times: _Times) -> list[stix2.Identity]:
    """One `identity` per publication, created when its earliest document appeared."""
    first: dict[str, str] = {}
    for doc in network.documents:
        if doc.publication:
            when = times.of_document(doc.id)
            first[doc.publication] = min(first.get(doc.publication, when), when)
    return [stix2.Identity(id=stix_id("identity", f"publication|{name}"), name=name, identity_class="organization",
                           created=when, modified=when, description="a publication whose reporting was read")
            for name, when in sorted(first.items())]


def _document_reference(docs: dict[str, ExportDocument], doc_id: str, *, described: bool = True) -> dict:
    """The document as an external reference: publication, content hash, title, and the URL it was read from
    with the SHA-256 of the text claimgraph kept from it (the text the evidence offsets point into)."""
    doc = docs.get(doc_id)
    ref = {"source_name": (doc.publication if doc and doc.publication else "claimgraph document"),
           "external_id": doc_id}
    if described:
        ref["description"] = doc.label if doc else doc_id
    if doc and doc.web_url:
        ref["url"] = doc.web_url
        if doc.text_sha256:
            ref["hashes"] = {"SHA-256": doc.text_sha256}
    return ref


def _evidence(doc_id: str, text: str, start: int, end: int) -> tuple[dict, dict]:
    """The evidence as an external reference (text and `doc:start-end`) and as the extension's offsets."""
    return ({"source_name": "evidence", "description": text, "external_id": f"{doc_id}:{start}-{end}"},
            {"document": doc_id, "start": start, "end": end})


def _relationship(claim: ExportClaim, edge: ExportEdge, ids: dict[str, str], docs: dict[str, ExportDocument],
                  times: _Times, key: str) -> stix2.Relationship:
    created = times.of_document(claim.document_id)
    extra = {}
    confidence = claim_confidence(claim, edge.grade)
    if confidence is not None:
        extra["confidence"] = confidence
    start = timestamp(claim.when)
    if start:
        extra["start_time"] = start
    publisher = _publication_id(docs.get(claim.document_id))
    if publisher:
        extra["created_by_ref"] = publisher
    reference, offsets = _evidence(claim.document_id, claim.evidence, claim.evidence_start, claim.evidence_end)
    source_ref, target_ref = ids[claim.subject], ids[claim.object]
    return stix2.Relationship(
        id=stix_id("relationship", key), created=created, modified=created,
        relationship_type=relationship_type(claim.relation, source_ref, target_ref), source_ref=source_ref,
        target_ref=target_ref, description=claim.evidence,
        external_references=[_document_reference(docs, claim.document_id), reference],
        extensions=_ext(CLAIM, relation=claim.relation, claimant=claim.source,
                        claimant_ref=ids.get(claim.source_id or ""), certainty=claim.certainty,
                        polarity=claim.polarity, date=claim.date, grade=edge.grade,
                        corroboration=edge.corroboration, rule=claim.rule or None, review=claim.review,
                        evidence=offsets),
        allow_custom=_refers_to_place(source_ref, target_ref), **extra)


def _event(event: ExportEvent, ids: dict[str, str], names: dict[str, str], docs: dict[str, ExportDocument],
           times: _Times, key: str) -> stix2.Incident:
    """An `incident` with the event extension. `location_ref` when the place is a location (or an unlocated
    place); an actor named as the place (an embassy, a base run by an organisation) is kept by name."""
    created = times.of_document(event.document_id)
    place = ids.get(event.location or "")
    at_place = bool(place) and place.startswith(("location--", f"{PLACE_TYPE}--"))
    participants = [{"role": pt.role, "entity_ref": ids[pt.entity]} for pt in event.participants
                    if pt.entity in ids]
    reference, offsets = _evidence(event.document_id, event.evidence, event.evidence_start, event.evidence_end)
    optional = {"confidence": CERTAINTY_CONFIDENCE.get(event.certainty),
                "created_by_ref": _publication_id(docs.get(event.document_id))}
    return stix2.Incident(
        id=stix_id("incident", key), created=created, modified=created, name=event.label,
        description=event.evidence,
        external_references=[_document_reference(docs, event.document_id), reference],
        extensions=_ext(EVENT, event_type=event.type, event_subtype=event.subtype, date=event.date,
                        location_ref=place if at_place else None,
                        location_name=names.get(event.location or "") if place and not at_place else None,
                        participants=participants, killed=event.killed, wounded=event.wounded,
                        arrested=event.arrested, weapons=event.weapons, claimant=event.source,
                        certainty=event.certainty, evidence=offsets),
        **{k: v for k, v in optional.items() if v is not None})


def _reports(network: ExportNetwork, ids: dict[str, str], rel_by_doc: dict[str, list[str]],
             ev_by_doc: dict[str, list[str]], times: _Times) -> Iterable[stix2.Report]:
    for doc in network.documents:
        refs = [ids[n.id] for n in network.nodes if doc.id in n.documents]
        refs += rel_by_doc.get(doc.id, []) + ev_by_doc.get(doc.id, [])
        if not refs:
            continue  # a report must reference something; this document adds nothing to the exported view
        published = times.of_document(doc.id)
        ref = _document_reference({doc.id: doc}, doc.id, described=False)
        publisher = _publication_id(doc)
        refs = list(dict.fromkeys(refs))
        yield stix2.Report(id=stix_id("report", f"document|{doc.id}"), created=published, modified=published,
                           name=doc.label, published=published, object_refs=refs,
                           allow_custom=_refers_to_place(*refs),
                           external_references=[ref],
                           extensions=_ext(DOCUMENT, document_id=doc.id, authors=doc.authors,
                                           source=doc.source or None),
                           **({"created_by_ref": publisher} if publisher else {}))


def build_bundle(network: ExportNetwork) -> stix2.Bundle:
    """Every node, claim, event and document of the network as one STIX 2.1 bundle, led by the producer
    identity, the extension definitions and the publications."""
    times = _Times(network)
    docs = network.document_index()
    hostile = threat_actors(network)
    nodes: list = [_node_object(n, hostile, times) for n in network.nodes]
    ids = {n.id: o.id for n, o in zip(network.nodes, nodes, strict=True)}
    names = {n.id: n.name for n in network.nodes}
    objects: list = [stix2.Identity(**producer_identity()), *(stix2.ExtensionDefinition(**e.stix())
                                                              for e in EXTENSIONS)]
    objects += _publications(network, times) + nodes
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
    return stix2.Bundle(objects=objects, id=stix_id("bundle", bundle_key),
                        allow_custom=_refers_to_place(*(o.id for o in objects)))


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


__all__ = ["AUTHOR", "CERTAINTY_CONFIDENCE", "GRADE_CONFIDENCE", "build_bundle", "claim_confidence",
           "country_code", "relationship_type", "threat_actors", "write_stix"]
