"""Cross-document entity resolution: per-document entities in, canonical clusters with explanations out.

Pure functions over plain records (no database): `store` loads the records, `resolve_entities` clusters them,
and the store writes the clusters back. Analyst decisions are re-applied on every run.
"""

from claimgraph.resolve.clusters import Cluster, Link, resolve_entities
from claimgraph.resolve.decisions import Decision
from claimgraph.resolve.normalize import EntityRecord, normalise_name

__all__ = ["Cluster", "Decision", "EntityRecord", "Link", "normalise_name", "resolve_entities"]
