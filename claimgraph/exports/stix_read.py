"""Reading a claimgraph STIX bundle back: the claims and edges it carries, through its declared extensions.

Used by the round-trip tests and by anyone who wants claimgraph's own view of a bundle it wrote (another
platform may have added objects; only those carrying claimgraph's extensions are read)."""

from __future__ import annotations

from dataclasses import dataclass

import stix2

from claimgraph.exports.stix_extensions import CLAIM, ENTITY
from claimgraph.types import SYMMETRIC_RELATIONS


@dataclass(frozen=True)
class BundleClaim:
    """One claim as the bundle states it, with entity ends as claimgraph ids."""

    subject: str
    relation: str
    object: str
    claimant: str
    certainty: str
    polarity: str
    document: str
    start: int
    end: int


def parse_bundle(text: str) -> stix2.Bundle:
    """The bundle parsed by stix2; custom content is allowed only for the declared x-claimgraph-place objects."""
    return stix2.parse(text, allow_custom=True)


def bundle_claims(bundle: stix2.Bundle) -> list[BundleClaim]:
    """Every relationship carrying the claim extension, its ends mapped back to claimgraph entity ids."""
    entities = {o["id"]: o["extensions"][ENTITY.id]["entity_id"] for o in bundle.objects
                if ENTITY.id in (o.get("extensions") or {})}
    out = []
    for obj in bundle.objects:
        ext = (obj.get("extensions") or {}).get(CLAIM.id) if obj["type"] == "relationship" else None
        if ext is None:
            continue
        evidence = ext["evidence"]
        out.append(BundleClaim(entities[obj["source_ref"]], ext["relation"], entities[obj["target_ref"]],
                               ext["claimant"], ext["certainty"], ext["polarity"], evidence["document"],
                               evidence["start"], evidence["end"]))
    return out


def bundle_edges(bundle: stix2.Bundle) -> set[tuple[str, str, str]]:
    """(subject, relation, object) of every edge the bundle's claims make, keyed as the store keys edges: the
    ends of a symmetric relation (allied_with, ...) in id order, whichever way each claim put them."""
    edges = set()
    for c in bundle_claims(bundle):
        ends = sorted((c.subject, c.object)) if c.relation in SYMMETRIC_RELATIONS else (c.subject, c.object)
        edges.add((ends[0], c.relation, ends[1]))
    return edges


__all__ = ["BundleClaim", "bundle_claims", "bundle_edges", "parse_bundle"]
