"""Literal vocabularies shared by every stage (see ../shared/eval/FORMAT.md)."""

from typing import Literal

EntityType = Literal["person", "organization", "state", "place", "group"]
RelationType = Literal[
    "member_of", "leader_of", "part_of", "split_from", "affiliated_with", "allied_with",
    "opposes", "directs", "supports", "trains", "facilitates", "operates_in", "targets",
    "designated_by", "arrested_by", "killed_by", "appointed_by",
]
Certainty = Literal["certain", "probable", "possible", "unknown"]
Polarity = Literal["positive", "negative"]
EventType = Literal["attack", "plot", "arrest", "killing", "designation", "training"]
Role = Literal["perpetrator", "ordered_by", "target", "victim", "agent", "sponsor"]

ENTITY_TYPES: tuple[str, ...] = EntityType.__args__  # type: ignore[attr-defined]
RELATION_TYPES: tuple[str, ...] = RelationType.__args__  # type: ignore[attr-defined]
SYMMETRIC_RELATIONS = frozenset({"affiliated_with", "allied_with", "opposes"})
CERTAINTIES: tuple[str, ...] = Certainty.__args__  # type: ignore[attr-defined]
EVENT_TYPES: tuple[str, ...] = EventType.__args__  # type: ignore[attr-defined]
ROLES: tuple[str, ...] = Role.__args__  # type: ignore[attr-defined]
