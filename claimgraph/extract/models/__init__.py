"""Trained components of extraction: the unnamed-group detector, the entity merge model, the entity type model,
the relation classifier, the event-place chooser and the entity and event filters.

Artifacts live in `data/` as plain `.npz` arrays (no pickle), are rebuilt by `make train` from ../shared, and
are loaded once per process. A missing artifact switches its component off: extraction still works, on the
rules alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from claimgraph.extract.models.entity_merge import MergeModel, default_merge_model
from claimgraph.extract.models.entity_types import TypeModel, default_type_model
from claimgraph.extract.models.event_locations import LocationModel, default_location_model
from claimgraph.extract.models.filters import Filters, default_filters
from claimgraph.extract.models.relation_model import RelationModel, default_relation_model
from claimgraph.extract.models.unnamed_groups import GroupModel, default_group_model


@dataclass
class Models:
    groups: GroupModel | None = None
    merges: MergeModel | None = None
    types: TypeModel | None = None
    relations: RelationModel | None = None
    locations: LocationModel | None = None
    filters: Filters = field(default_factory=Filters)


@lru_cache(maxsize=1)
def default_models() -> Models:
    return Models(default_group_model(), default_merge_model(), default_type_model(), default_relation_model(),
                  default_location_model(), default_filters())


RULES_ONLY = Models()

__all__ = ["Models", "RULES_ONLY", "default_models"]
