"""FollowTheMoney entities (JSON lines) for investigative tools (Aleph, OpenSanctions tooling, `ftm` CLI).

Nodes: Person; Organization (organisations and groups); PublicBody (states); Address (places). Country codes
come from FollowTheMoney's own country table, so only real country names get one.
A list reference (QDi.290) becomes a Sanction with `unscId`.
Edges: Membership (member_of), Directorship (leader_of, directs), Sanction (designated_by), UnknownLink with the
relation as `role` for the rest; each link carries the claims' dates, claimants, evidence and the source
documents as `proof`. Edges that no claim affirms (only denials) are left out: FtM has no way to say "not linked".
Documents: Article, tied to every entity they name by a Documentation. Events: Event.
Every entity is checked with the schema's own validation before it is written; ids are hashes of stable keys.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from followthemoney import model
from followthemoney.exc import InvalidData
from followthemoney.proxy import EntityProxy
from followthemoney.types import registry

from claimgraph.errors import ExportError
from claimgraph.exports.network import (
    ExportClaim,
    ExportDocument,
    ExportEdge,
    ExportEvent,
    ExportNetwork,
    ExportNode,
    UniqueKeys,
    iso_date,
)
from claimgraph.exports.sink import Sink

SUFFIX = ".ftm.json"
ID_PREFIX = "claimgraph"
SANCTIONS_LIST = "UN consolidated sanctions list"
NODE_SCHEMA = {"person": "Person", "organization": "Organization", "group": "Organization", "state": "PublicBody",
               "place": "Address"}
GRADE_LABELS = {1: "confirmed", 2: "probably true", 3: "possibly true", 4: "doubtful", 5: "improbable",
                6: "cannot be judged"}
# relation -> (schema, subject property, object property), used when both ends fit the properties' ranges
LINKS = {
    "member_of": ("Membership", "member", "organization"),
    "leader_of": ("Directorship", "director", "organization"),
    "directs": ("Directorship", "director", "organization"),
}
FALLBACK_LINK = ("UnknownLink", "subject", "object")


def _entity(schema: str, *key: str) -> EntityProxy:
    proxy = model.make_entity(schema)
    proxy.make_id(ID_PREFIX, *key)
    return proxy


def _country(name: str) -> str | None:
    return registry.country.clean(name)


def node_entity(node: ExportNode) -> EntityProxy:
    schema = NODE_SCHEMA.get(node.type, "LegalEntity")
    proxy = _entity(schema, "node", node.id)
    proxy.add("name", node.name)
    if schema == "Address":
        proxy.add("full", node.name)
    proxy.add("alias", [a for a in node.aliases if a != node.name])
    if node.type in ("state", "place"):
        proxy.add("country", _country(node.name))
    return proxy


def listing_entity(node: ExportNode, ref: str, entity: EntityProxy) -> EntityProxy:
    """A sanctions-list reference (QDi.290) as the Sanction that carries it."""
    proxy = _entity("Sanction", "listing", node.id, ref)
    proxy.add("entity", entity.id)
    proxy.add("unscId", ref)
    proxy.add("program", SANCTIONS_LIST)
    return proxy


def document_entity(doc: ExportDocument) -> EntityProxy:
    proxy = _entity("Article", "document", doc.id)
    proxy.add("title", doc.title)
    proxy.add("name", doc.label)
    proxy.add("publisher", doc.publication)
    proxy.add("publishedAt", iso_date(doc.published))
    proxy.add("author", doc.authors)
    proxy.add("sourceUrl", doc.web_url)
    proxy.add("fileName", doc.source or None)
    return proxy


def _link_shape(edge: ExportEdge, entities: dict[str, EntityProxy]) -> tuple[str, str, str]:
    shape = LINKS.get(edge.relation)
    if shape is None:
        return FALLBACK_LINK
    schema = model.get(shape[0])
    subject, obj = entities[edge.subject].schema, entities[edge.object].schema
    if subject.is_a(schema.properties[shape[1]].range) and obj.is_a(schema.properties[shape[2]].range):
        return shape
    return FALLBACK_LINK


def _reviewed(claim: ExportClaim) -> str:
    return f", {claim.review} by an analyst" if claim.review else ""


def edge_entity(edge: ExportEdge, entities: dict[str, EntityProxy], docs: dict[str, EntityProxy],
                node_names: dict[str, str]) -> EntityProxy:
    if edge.relation == "designated_by":
        proxy = _entity("Sanction", edge.key)
        proxy.add("entity", entities[edge.subject].id)
        proxy.add("authority", node_names[edge.object])
    else:
        schema, subject_prop, object_prop = _link_shape(edge, entities)
        proxy = _entity(schema, edge.key)
        proxy.add(subject_prop, entities[edge.subject].id)
        proxy.add(object_prop, entities[edge.object].id)
        proxy.add("role", edge.relation)
    claims = edge.claims
    proxy.add("date", sorted({d for d in (iso_date(c.when) for c in claims) if d}))
    proxy.add("description", list(dict.fromkeys(c.evidence for c in claims)))
    proxy.add("summary", [f"{c.source} ({c.certainty}, {c.polarity}{_reviewed(c)}): {c.evidence}" for c in claims])
    proxy.add("status", f"grade {edge.grade} ({GRADE_LABELS.get(edge.grade, 'unknown')}); "
                        f"{edge.corroboration} independent sources, {edge.denials} denying")
    proxy.add("proof", [docs[c.document_id].id for c in claims if c.document_id in docs])
    return proxy


def event_entity(event: ExportEvent, entities: dict[str, EntityProxy], docs: dict[str, EntityProxy],
                 node_names: dict[str, str], key: str | None = None) -> EntityProxy:
    proxy = _entity("Event", key or event.key)
    proxy.add("name", event.label)
    proxy.add("date", iso_date(event.date))
    if event.location and event.location in node_names:
        proxy.add("location", node_names[event.location])
        if entities[event.location].schema.name == "Address":
            proxy.add("addressEntity", entities[event.location].id)
        proxy.add("country", _country(node_names[event.location]))
    for pt in event.participants:
        target = entities.get(pt.entity)
        if target is None or not target.schema.is_a("LegalEntity"):
            continue
        proxy.add("organizer" if pt.role in ("perpetrator", "ordered_by", "sponsor") else "involved", target.id)
    facts = [event.type] + [f"{label} {n}" for label, n in (("killed", event.killed), ("wounded", event.wounded),
                                                             ("arrested", event.arrested)) if n is not None]
    if event.weapons:
        facts.append("weapons: " + ", ".join(event.weapons))
    facts.append(f"source: {event.source} ({event.certainty})")
    proxy.add("summary", "; ".join(facts))
    proxy.add("description", event.evidence)
    proxy.add("proof", docs[event.document_id].id if event.document_id in docs else None)
    return proxy


def ftm_entities(network: ExportNetwork) -> Iterator[EntityProxy]:
    """Nodes, documents, documentation links, edges and events, in that order; each validated."""
    entities = {n.id: node_entity(n) for n in network.nodes}
    docs = {d.id: document_entity(d) for d in network.documents}
    names = {n.id: n.name for n in network.nodes}
    yield from entities.values()
    for node in network.nodes:
        for ref in node.refs:
            yield listing_entity(node, ref, entities[node.id])
    yield from docs.values()
    for node in network.nodes:
        for doc_id in node.documents:
            if doc_id in docs:
                link = _entity("Documentation", "documentation", doc_id, node.id)
                link.add("document", docs[doc_id].id)
                link.add("entity", entities[node.id].id)
                link.add("role", "mentioned")
                yield link
    for edge in network.edges:
        if edge.affirmed and edge.subject in entities and edge.object in entities:
            yield edge_entity(edge, entities, docs, names)
    unique = UniqueKeys()
    for event in network.events:
        yield event_entity(event, entities, docs, names, unique(event.key))


def validate_entity(proxy: EntityProxy) -> None:
    try:
        proxy.schema.validate(proxy.to_dict())
    except InvalidData as err:
        raise ExportError(f"FollowTheMoney entity {proxy.schema.name} {proxy.id} is invalid: {err}",
                          code="E704") from err


def write_ftm(network: ExportNetwork, sink: Sink) -> None:
    with sink.open("", SUFFIX) as fh:
        for proxy in ftm_entities(network):
            validate_entity(proxy)
            fh.write(json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\n")


__all__ = ["ftm_entities", "validate_entity", "write_ftm"]
