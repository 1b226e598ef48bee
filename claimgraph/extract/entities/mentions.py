"""EntityTable: the bridge between the parse and entity ids, shared by relation and event rules."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from claimgraph.extract.records import Entity


@dataclass
class EntityTable:
    """The document's entities and, for every token inside a mention, the entity it refers to."""

    doc: Doc
    entities: list[Entity] = field(default_factory=list)
    token_entity: dict[int, str] = field(default_factory=dict)
    _pronoun_index: object | None = field(default=None, repr=False, compare=False)

    def by_id(self, entity_id: str) -> Entity | None:
        for entity in self.entities:
            if entity.id == entity_id:
                return entity
        return None

    def entity_of(self, token: Token) -> Entity | None:
        entity_id = self.token_entity.get(token.i)
        return self.by_id(entity_id) if entity_id else None

    def entities_in(self, span: Span) -> list[Entity]:
        """Distinct entities mentioned inside a span, in order of first mention."""
        seen: list[str] = []
        for token in span:
            entity_id = self.token_entity.get(token.i)
            if entity_id and entity_id not in seen:
                seen.append(entity_id)
        return [e for e in (self.by_id(i) for i in seen) if e is not None]

    def resolve_pronoun(self, token: Token) -> Entity | None:
        """He/She/They/It/Their/Its -> the previous salient entity of a compatible type, or None."""
        from claimgraph.extract.entities.coref import MentionIndex

        if self._pronoun_index is None:
            types = {e.id: e.type for e in self.entities}
            self._pronoun_index = MentionIndex.build(self.doc, self.token_entity, types)
        entity_id = self._pronoun_index.resolve(self.doc, token)
        return self.by_id(entity_id) if entity_id else None
