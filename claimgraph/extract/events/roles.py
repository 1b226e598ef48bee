"""Event participants: who did it, to whom or what, who arrested, designated or trained, read off the parse.

Arguments come from the trigger's syntax (subject, object, passive agent, "on/against/of" phrases,
possessives) and from verbs that govern a nominal trigger ("carried out the attack", "ordered the
bombing", "claimed responsibility for"). An argument inside a named-entity mention becomes that
entity; an unnamed noun phrase that the role lexicon knows ("guerrillas", "a bus", "peasants")
becomes a `group` (people) or `place` (physical target) entity with id prefix `np_`.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from claimgraph.extract.entities.mentions import EntityTable
from claimgraph.extract.events.lexicons import load_lexicon
from claimgraph.extract.events.triggers import Trigger
from claimgraph.extract.records import Entity, Mention, Participant

AGENT_TYPES = ("arrest", "designation", "training")
_PERSON_TYPES = ("person", "group")


def _words(key: str) -> set[str]:
    return set(load_lexicon("roles")[key])


def _conjuncts(token: Token) -> list[Token]:
    out = [token]
    for t in token.conjuncts:
        if t.i > token.i:
            out.append(t)
    return out


def _subject_of(verb: Token) -> list[Token]:
    """The subject of a verb, climbing through conjunctions, relative clauses and participles."""
    for c in verb.children:
        if c.dep_ in ("nsubj", "csubj"):
            if c.lower_ in ("which", "who", "that") and verb.dep_ == "relcl":
                return [verb.head]
            return [c]
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return _subject_of(verb.head)
    if verb.dep_ in ("xcomp", "advcl") and verb.head.pos_ == "VERB":
        return _subject_of(verb.head)
    if verb.dep_ in ("relcl", "acl") and verb.tag_ != "VBN":
        return [verb.head]
    return []


def arguments(trigger: Trigger) -> dict[str, list[Token]]:
    """Argument heads of a trigger by slot: subj, obj, agent, poss, mod, and one slot per preposition."""
    tok = trigger.token
    args: dict[str, list[Token]] = {}

    def add(slot: str, t: Token) -> None:
        args.setdefault(slot, []).extend(_conjuncts(t))

    for c in tok.children:
        if c.dep_ in ("nsubj",) and not trigger.nominal:
            if c.lower_ in ("which", "who", "that") and tok.dep_ == "relcl":
                add("subj", tok.head)
            else:
                add("subj", c)
        elif c.dep_ in ("dobj", "nsubjpass"):
            add("obj", c)
        elif c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    add("agent", g)
        elif c.dep_ == "poss":
            add("poss", c)
        elif c.dep_ in ("compound", "amod", "nmod") and trigger.nominal:
            add("mod", c)
        elif c.dep_ == "prep":
            for g in c.children:
                if g.dep_ == "pobj":
                    add(c.lower_, g)
    if not trigger.nominal and "subj" not in args and "agent" not in args:
        if tok.dep_ == "relcl" and tok.tag_ == "VBN":
            add("obj", tok.head)  # "the farm attacked by ..." / "the man killed yesterday"
        else:
            for s in _subject_of(tok):
                add("subj", s)
    if trigger.nominal:
        _governing_verb(tok, args)
    return args


def _governing_verb(noun: Token, args: dict[str, list[Token]]) -> None:
    """Roles from the verb that governs a nominal trigger ("Umarov ordered the bombing")."""
    verbs = load_lexicon("triggers")["perpetrating_verbs"]
    head, dep = noun.head, noun.dep_
    if dep == "pobj" and head.lower_ == "for" and head.head.lemma_.lower() == "responsibility":
        head, dep = head.head.head, "dobj"  # "claimed responsibility for the attack"
    if dep == "conj":
        while head.dep_ == "conj":
            head = head.head
        dep = head.dep_
        head = head.head
    role = verbs.get(head.lemma_.lower())
    if role is None or dep not in ("dobj", "nsubjpass", "pobj"):
        return
    subjects = [c for c in head.children if c.dep_ == "nsubj"]
    agents = [g for c in head.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if not subjects and head.dep_ in ("xcomp", "conj", "ccomp", "advcl"):
        subjects = _subject_of(head)
    for s in subjects + agents:
        args.setdefault(f"gov:{role}", []).extend(_conjuncts(s))


def _np_span(head: Token) -> tuple[int, int]:
    """Token range of a noun phrase's head with its left modifiers, without determiners or possessives."""
    start = head.i
    for child in sorted(head.lefts, key=lambda t: -t.i):
        if child.dep_ in ("det", "poss", "predet", "case", "nummod", "punct", "cc", "preconj"):
            break
        if child.i < start:
            start = child.left_edge.i if child.dep_ in ("compound", "amod", "nmod") else child.i
    while start < head.i and head.doc[start].dep_ in ("det", "punct", "poss", "case"):
        start += 1
    return start, head.i + 1


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "np"


NP_RULE = "events/np_participant"
GROUP_RULE = "model/groups"  # the entities of the unnamed-group detector (models/unnamed_groups.py)


class RoleFiller:
    """Turns argument heads into entity ids, creating `np_` entities for unnamed participants."""

    def __init__(self, table: EntityTable, text: str) -> None:
        self.table = table
        self.text = text  # document.text: mention offsets and names use the original characters

    def np_entity(self, head: Token, etype: str) -> Entity:
        start, end = _np_span(head)
        span = head.doc[start:end]
        name = self.text[span.start_char:span.end_char]
        core_start = head.i
        while core_start > start and head.doc[core_start - 1].dep_ == "compound":
            core_start -= 1
        core = self.text[head.doc[core_start].idx:head.idx + len(head.text)]
        eid = "np_" + _slug(name)
        entity = self.table.by_id(eid)
        if entity is None:
            entity = Entity(id=eid, name=name, type=etype, aliases=[name], rule=NP_RULE)
            self.table.entities.append(entity)
        for alias in (core, head.text, self._counted_name(head, span.end_char)):
            if alias and alias.lower() not in (a.lower() for a in entity.aliases):
                entity.aliases.append(alias)  # "FMLN rebels" is also "rebels"; "two policemen" also "policemen"
        if not any(m.start == span.start_char for m in entity.mentions):
            entity.mentions.append(Mention(span.start_char, span.end_char, name))
        for t in span:
            self.table.token_entity.setdefault(t.i, eid)
        return entity

    def _counted_name(self, head: Token, end_char: int) -> str | None:
        """The phrase with its number word or digits ("two policemen", "45 soldiers"), when it has one."""
        nums = [c for c in head.lefts if c.dep_ == "nummod"]
        if not nums:
            return None
        return self.text[nums[0].idx:end_char]

    def resolve(self, head: Token, role: str) -> list[Entity]:
        """The entities an argument head stands for in a role (empty when it is no usable participant)."""
        entity = self.table.entity_of(head)
        lemma, lower = head.lemma_.lower(), head.lower_
        if entity is not None:
            if role in ("perpetrator", "ordered_by", "agent", "sponsor") and entity.type == "place":
                return []
            if role in ("victim", "target") and entity.rule.startswith(GROUP_RULE) \
                    and (lemma in _words("person_nouns") or lower in _words("person_nouns")):
                return []  # unnamed victims are counted, not listed, whichever model found the phrase
            return [entity]
        if lower in _words("pronouns") or head.pos_ not in ("NOUN", "PROPN"):
            return []
        out: list[Entity] = []
        for child in head.lefts:  # "Israeli diplomats", "FMLN guerrillas", "Russian security forces"
            if child.dep_ in ("compound", "amod", "poss", "nmod"):
                e = self.table.entity_of(child)
                if e is not None and e.type in ("organization", "state") and e not in out:
                    out.append(e)
        if role in ("victim", "target"):
            for child in head.children:  # "the Jesuit [priest] Ignacio ...", "the mayor, X,"
                if child.dep_ not in ("appos", "compound"):
                    continue
                for x in [child, *child.conjuncts]:  # "three journalists: X, a photographer, and Y"
                    e = self.table.entity_of(x)
                    if e is not None and e.type == "person" and e not in out:
                        out.append(e)
        if lower in ("members", "member") or lemma == "member":  # "members of the Front"
            for prep in head.children:
                for obj in prep.children if prep.lower_ == "of" else []:
                    e = self.table.entity_of(obj)
                    if e is not None and e.type in ("organization", "group") and e not in out:
                        out.append(e)
        if role == "agent" and (lemma in _words("organization_nouns") or lower in _words("organization_nouns")):
            return [self.np_entity(head, "organization")] + out
        if role in ("perpetrator", "ordered_by"):
            if lemma in _words("organization_nouns") or lower in _words("organization_nouns"):
                return [self.np_entity(head, "organization")] + out
            if lemma in _words("perpetrator_nouns") or lower in _words("perpetrator_nouns"):
                return [self.np_entity(head, "group")] + out
        if role in ("victim", "target") and (lemma in _words("person_nouns") or lower in _words("person_nouns")):
            return out  # unnamed victims ("40 people") are counted, not listed as entities
        if role == "target" and (lemma in _words("target_nouns") or lower in _words("target_nouns")):
            return [self.np_entity(head, "place")] + out
        return out


def is_participant(entity: Entity) -> bool:
    """An entity a role filler made for an unnamed participant ("two men", "the gunmen"): its type is the one
    its role gave it, and the merge and type models leave it as it is."""
    return entity.rule.startswith(NP_RULE)


def _is_person_like(head: Token, entities: list[Entity]) -> bool:
    if entities:
        return entities[0].type in _PERSON_TYPES
    return head.lemma_.lower() in _words("person_nouns")


def participants(trigger: Trigger, filler: RoleFiller) -> list[Participant]:
    """Role-labelled participants of one trigger."""
    args = arguments(trigger)
    out: list[Participant] = []

    def put(role: str, heads: list[Token]) -> None:
        for h in heads:
            if h.i == trigger.token.i:
                continue
            target_role = role
            if role == "patient":
                if trigger.type in AGENT_TYPES:
                    target_role = "target"
                else:
                    probe = filler.table.entity_of(h)
                    person = _is_person_like(h, [probe] if probe else [])
                    target_role = "victim" if person else "target"
            for e in filler.resolve(h, target_role):
                if target_role == "victim" and e.type not in _PERSON_TYPES:
                    target_role_e = "target"
                else:
                    target_role_e = target_role
                p = Participant(target_role_e, e.id)
                if p not in out:
                    out.append(p)

    actor = "agent" if trigger.type in AGENT_TYPES else "perpetrator"
    put(actor, args.get("subj", []) + args.get("agent", []) + args.get("by", []))
    put("patient", args.get("obj", []) + args.get("on", []) + args.get("against", []))
    if trigger.type == "attack":  # "a bomb exploded at the bank", "set fire to the house"
        places = args.get("at", []) + args.get("near", []) + args.get("outside", []) + args.get("to", []) + \
            args.get("inside", []) + args.get("in", [])
        put("patient", [h for h in places if filler.table.entity_of(h) is None
                        and (h.lemma_.lower() in _words("target_nouns") or h.lower_ in _words("target_nouns"))])
    if trigger.nominal:
        put("patient", args.get("of", []))
        put(actor, args.get("poss", []))
        mods = [m for m in args.get("mod", []) if filler.table.entity_of(m) is not None]
        mod_actor = [m for m in mods if filler.table.entity_of(m).type in ("organization", "person")]
        put(actor, mod_actor)
    for key, heads in args.items():
        if key.startswith("gov:"):
            put(key[4:] if trigger.type not in AGENT_TYPES else "agent", heads)
    _sponsors(trigger, filler, out)
    return out


def _sponsors(trigger: Trigger, filler: RoleFiller, out: list[Participant]) -> None:
    """'Iranian-backed attacks': the entity before a -backed/-sponsored modifier is the sponsor."""
    words = set(load_lexicon("triggers")["sponsor_adjectives"])
    tok = trigger.token
    for child in tok.lefts:
        if child.lower_ in words or child.lemma_.lower() in words:
            for t in tok.doc[max(child.left_edge.i, child.i - 3):child.i]:
                e = filler.table.entity_of(t)
                if e is not None and Participant("sponsor", e.id) not in out:
                    out.append(Participant("sponsor", e.id))
