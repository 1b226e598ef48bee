"""Relation rules over the dependency parse: each yields (subject, type, object) with the token that triggered it.

Four families, each written for an English construction and driven by the cue lexicons:
verbs (active, passive, participles, relative clauses, hyphenated `X-backed`), role nouns (`X, the leader of Y`,
`Y's proxy X`, `X is a member of Y`), action nouns (`ties to X`, `its support of X`, `a network inside X`,
`the deal between X and Y`) and agencies of a state (`Valdoria's Ministry of ...`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from claimgraph.extract import lexicons
from claimgraph.extract.attribution.certainty import trailing_appos
from claimgraph.extract.syntax import Resolver, is_passive, prep_objects, subjects_of
from claimgraph.types import SYMMETRIC_RELATIONS

PLACE_TYPES = frozenset({"place", "state"})
UNDERGOER_TYPES = frozenset({"killed_by", "arrested_by", "designated_by", "appointed_by"})
PLACE_OBJECT_TYPES = frozenset({"operates_in"})
NO_PLACE_SUBJECT = True


@dataclass(frozen=True)
class Candidate:
    subject: str
    type: str
    object: str
    trigger: Token
    rule: str
    negative: bool = False
    presupposed: bool = False  # stated by a name or apposition, not asserted by the clause: no hedge applies


def _pairs(resolver: Resolver, subjects: list[str], rtype: str, objects: list[str], trigger: Token, rule: str,
           negative: bool = False, presupposed: bool = False) -> Iterator[Candidate]:
    for s in subjects:
        for o in objects:
            if s == o or not types_ok(resolver, s, rtype, o):
                continue
            yield Candidate(s, rtype, o, trigger, f"relations/{rtype}.{rule}", negative, presupposed)


def types_ok(resolver: Resolver, s: str, rtype: str, o: str) -> bool:
    st, ot = resolver.type_of(s), resolver.type_of(o)
    if st == "place":
        return False
    if rtype == "operates_in":
        return ot in PLACE_TYPES
    if ot == "place":
        return rtype == "targets"
    if rtype in ("part_of", "split_from") and st == "person":
        return False
    if rtype in ("leader_of", "member_of", "part_of") and ot == "person":
        return False
    return True


def _ents(resolver: Resolver, tokens: list[Token], strict: bool = False) -> list[str]:
    """Entities filling a slot; strict: a noun for individuals (`members`) does not stand for their group."""
    out: list[str] = []
    resolver.strict = strict
    try:
        for t in tokens:
            for e in resolver.entities(t):
                if e not in out:
                    out.append(e)
    finally:
        resolver.strict = False
    return out


# -- verbs ------------------------------------------------------------------------------------------------
def _hyphen_modifiers(verb: Token) -> list[Token]:
    """`Valdoria` in `Valdoria-based` / `Valdorian-backed`: the modifier glued to a participle by a hyphen."""
    if verb.dep_ != "amod":
        return []
    return [c for c in verb.children if c.dep_ in ("npadvmod", "compound", "amod", "nmod") and c.i < verb.i]


def verb_candidates(sent: Span, resolver: Resolver) -> Iterator[Candidate]:
    cues = lexicons.relation_verbs()
    for verb in sent:
        if verb.pos_ not in ("VERB", "ADJ", "AUX") and verb.tag_ not in ("VBN", "VBG"):
            continue
        for cue in cues.get(verb.lemma_.lower(), ()) + cues.get(verb.lower_, ()):
            if cue.particle and not any(c.lower_ == cue.particle for c in verb.children):
                continue
            if cue.dobj and not any(c.dep_ == "dobj" and c.lemma_.lower() in cue.dobj for c in verb.children):
                continue
            required = _required(verb, cue)
            if cue.requires and not required:
                continue
            yield from _verb_cue(verb, cue, resolver, required)


def _required(verb: Token, cue: lexicons.VerbCue) -> list[Token]:
    """Objects of a required prepositional phrase (`added to the list`), with the lemma the cue asks for."""
    out: list[Token] = []
    for prep, lemmas in cue.requires:
        out.extend(p for p in prep_objects(verb, (prep,)) if p.lemma_.lower() in lemmas or p.lower_ in lemmas)
    return out


def _verb_cue(verb: Token, cue: lexicons.VerbCue, resolver: Resolver, required: list[Token]) -> Iterator[Candidate]:
    passive = is_passive(verb)
    hyphen = _hyphen_modifiers(verb)
    surface = subjects_of(verb)
    if hyphen:
        pattern = "hyphen"
        agent = hyphen if passive else surface
        patient = surface if passive else [c for c in verb.children if c.dep_ == "dobj"]
        prep = hyphen + prep_objects(verb, cue.preps) if cue.preps else []
    else:
        pattern = "passive" if passive else "active"
        by = _by_phrase(verb) if passive else []
        agent = by if passive else surface
        patient = surface if passive else [c for c in verb.children if c.dep_ in ("dobj",)]
        prep = prep_objects(verb, cue.preps) if cue.preps else []
        if cue.preps and not prep:  # `took its orders from X`: the phrase hung on the object noun
            prep = [p for c in verb.children if c.dep_ == "dobj" for p in prep_objects(c, cue.preps)]
        if verb.dep_ == "relcl":
            pattern = "relative"
        elif verb.dep_ in ("acl", "advcl") and verb.tag_ in ("VBN", "VBG"):
            pattern = "participle"
    if passive and not agent and required:
        owners = [resolver.owner(p) for p in required]
        agent = [p for p, o in zip(required, owners, strict=True) if o]
        if agent:
            pattern = "list_owner"
            roles_owner = [o for o in owners if o]
            yield from _pairs(resolver, _ents(resolver, surface, strict=True), cue.type, roles_owner, verb, pattern)
            return
    if passive and not agent and cue.type == "arrested_by":
        agent = _nested_agent(verb)
        pattern = "passive_nested_agent"
        if not agent:
            agent = _reporting_authority(verb, resolver)
            pattern = "passive_reported"
    roles = {"agent": agent, "patient": patient, "surface": surface, "prep": prep}
    if cue.subject == "prep" or cue.object == "prep":
        pattern = f"{pattern}_{cue.preps[0].replace(' ', '_')}" if pattern != "hyphen" else pattern
    patient_subject = cue.subject == "patient" and cue.type in UNDERGOER_TYPES
    subjects = _ents(resolver, roles[cue.subject], strict=patient_subject)
    if cue.subject_types:  # `a dock worker who fought with X` joins X; `the army fought with X` opposes X
        subjects = [s for s in subjects if resolver.type_of(s) in cue.subject_types]
    objects = _ents(resolver, roles[cue.object])
    if subjects and objects:
        yield from _pairs(resolver, subjects, cue.type, objects, verb, pattern, cue.negative)


def _by_phrase(verb: Token) -> list[Token]:
    """The passive agent, also when the parser hung `by X` on the predicate noun (`named head of Y by X`)."""
    by = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    if by:
        return by
    hosts = [verb] + [c for c in verb.children if c.dep_ in ("oprd", "attr", "dobj")]
    return [p for h in hosts for c in h.children if c.dep_ == "prep" and c.lower_ == "by"
            for p in c.children if p.dep_ == "pobj"]


def _nested_agent(verb: Token) -> list[Token]:
    """`X was arrested in a raid conducted by Y`, `... in an operation by Y`: the agent of the action the arrest
    happened in (a `by` phrase under one of the verb's prepositional phrases)."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.text.lower() not in ("in", "during"):
            continue
        for t in prep.subtree:
            if t.text.lower() == "by" and t.dep_ in ("agent", "prep") and t.i != prep.i:
                objects = [p for p in t.children if p.dep_ == "pobj"]
                if objects:
                    return objects
    return []


def _reporting_authority(verb: Token, resolver: Resolver) -> list[Token]:
    """`Police said X was arrested`: an authority reporting an agentless arrest is the one that made it."""
    speech = lexicons.speech_verbs()
    node = verb
    while node.head.i != node.i:
        node = node.head
        if node.lemma_.lower() in speech and node.pos_ == "VERB":
            subjects = subjects_of(node)
            if any(resolver.type_of(resolver.entity(s)) in ("state", "organization") for s in subjects):
                return subjects
            return []
    return []


# -- role nouns -------------------------------------------------------------------------------------------
def _holders(noun: Token, resolver: Resolver, depth: int = 0) -> list[str]:
    """The entities a role noun describes: its appositive, the subject it is predicated of, its name."""
    if depth > 2:
        return []
    for child in noun.children:
        if child.dep_ == "appos" and resolver.entity(child):
            return [resolver.entity(child)]
    dep, head = noun.dep_, noun.head
    if dep == "appos":
        return [resolver.entity(head)] if resolver.entity(head) else []
    if dep == "compound" and resolver.eid(head):
        return [resolver.eid(head)]
    if dep == "npadvmod" and head.pos_ in ("VERB", "AUX"):
        return _ents(resolver, subjects_of(head))
    if dep in ("attr", "acomp"):
        return _ents(resolver, subjects_of(head))
    if dep == "oprd":
        if is_passive(head):
            return _ents(resolver, subjects_of(head))
        return _ents(resolver, [c for c in head.children if c.dep_ == "dobj"])
    if dep == "pobj" and head.lower_ == "as":
        governor = head.head
        dobj = [c for c in governor.children if c.dep_ == "dobj"]
        return _ents(resolver, dobj or subjects_of(governor))
    if dep == "pobj" and head.lower_ == "of" and head.head.lower_ in ("one", "some", "two", "three", "several"):
        return _holders(head.head, resolver, depth + 1)
    if dep == "conj":
        return _holders(head, resolver, depth + 1)
    if dep == "pobj" and head.lower_ == "on" and head.head.pos_ in ("AUX", "VERB"):
        return _ents(resolver, subjects_of(head.head))
    compound = [c for c in noun.children if c.dep_ == "compound" and resolver.entity(c)]
    if compound and _possessor(noun) is not None:
        return [resolver.entity(compound[0])]
    named = resolver.entity(noun, proxy=False)
    return [named] if named else []


def _possessor(noun: Token) -> Token | None:
    """`X's` on the noun, or on its compound modifier (`X's Y handlers` parses `X's` under `Y`)."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for child in noun.children:
        if child.dep_ == "compound":
            for inner in child.children:
                if inner.dep_ == "poss":
                    return inner
    return None


def _others(noun: Token, cue: lexicons.NounCue, resolver: Resolver, holders: list[str]) -> list[str]:
    """The other end of a role noun: `of X`, `X's`, or (for roles a holder has, not is given) `X leader`."""
    found = _ents(resolver, prep_objects(noun, cue.preps))
    if found:
        return found
    possessor = _possessor(noun)
    if possessor is not None:
        entity_id = resolver.entity(possessor)
        if entity_id and entity_id not in holders:
            return [entity_id]
    if cue.holder == "object":  # `Navy Lieutenant X` is a rank, `X's lieutenant` a tie
        return []
    deps = ("compound", "nmod", "npadvmod") if cue.type == "leader_of" else ("compound", "nmod", "npadvmod", "amod")
    for dep in deps:
        for child in noun.children:
            if child.dep_ != dep:
                continue
            entity_id = resolver.entity(child)
            if entity_id is None and dep == "amod":
                hyphen = _hyphen_modifiers(child)
                entity_id = resolver.entity(hyphen[0]) if hyphen else None
            if entity_id and entity_id not in holders:
                if cue.type == "leader_of" and resolver.type_of(entity_id) in PLACE_TYPES:
                    continue  # `the Kessel police commander` leads the police, not the place
                return [entity_id]
    return []


def noun_candidates(sent: Span, resolver: Resolver) -> Iterator[Candidate]:
    cues = lexicons.relation_nouns()
    for noun in sent:
        if noun.pos_ not in ("NOUN", "PROPN") or resolver.eid(noun):
            continue
        cue = cues.get(noun.lemma_.lower()) or cues.get(noun.lower_)
        if cue is None:
            continue
        if cue.lemma == "side" and any(c.lower_ == "opposite" for c in noun.children):
            sides = _holders(noun, resolver)
            for i, a in enumerate(sides):
                for b in sides[i + 1:]:
                    yield from _pairs(resolver, [a], "opposes", [b], noun, "opposite_sides")
            continue
        holders = _holders(noun, resolver)
        if not holders:
            continue
        others = _others(noun, cue, resolver, holders)
        if cue.lemma == "side" and not any(c.dep_ == "poss" for c in noun.children):
            continue
        rule = f"role_noun_{cue.lemma}"
        named = (noun.dep_ in ("appos", "compound") and not trailing_appos(noun)) \
            or any(c.dep_ == "appos" for c in noun.children)
        if cue.holder == "subject":
            yield from _pairs(resolver, holders, cue.type, others, noun, rule, presupposed=named)
        else:
            yield from _pairs(resolver, others, cue.type, holders, noun, rule, presupposed=named)


# -- action nouns -----------------------------------------------------------------------------------------
def _clause_owner(noun: Token, resolver: Resolver) -> list[str]:
    """Whoever does what the noun names: the subject of the agentive verb whose object it is."""
    agentive = lexicons.agentive_verbs()
    node = noun
    for _ in range(5):
        if node.dep_ not in ("dobj", "pobj", "prep", "pcomp", "conj", "xcomp", "attr"):
            return []
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            if node.lemma_.lower() not in agentive:
                return []
            return _ents(resolver, subjects_of(node))
    return []


def action_candidates(sent: Span, resolver: Resolver) -> Iterator[Candidate]:
    cues = lexicons.action_nouns()
    between = lexicons.between_nouns()
    for noun in sent:
        if noun.pos_ not in ("NOUN", "PROPN", "VERB") or resolver.eid(noun):
            continue
        lemma = noun.lemma_.lower()
        if lemma in between and noun.pos_ != "VERB":
            holders = [noun] + [c for c in noun.children if c.dep_ in ("relcl", "acl")]
            for prep in (p for h in holders for p in h.children):
                if prep.lower_ == "between":
                    ends = _ents(resolver, [c for c in prep.children if c.dep_ == "pobj"])
                    for i, a in enumerate(ends):
                        for b in ends[i + 1:]:
                            yield from _pairs(resolver, [a], between[lemma], [b], noun, f"between_{lemma}")
        cue = cues.get(lemma)
        if cue is None or noun.pos_ == "VERB" and noun.tag_ != "VBG":
            continue
        pobjs = prep_objects(noun, cue.preps)
        if not pobjs and noun.dep_ == "dobj":
            pobjs = [p for p in prep_objects(noun.head, cue.preps) if p.i > noun.i]
        objects = _ents(resolver, pobjs)
        if not objects and cue.type == "targets":
            objects = [o for o in (resolver.owner(p) for p in pobjs) if o]
        if cue.object_types:
            objects = [o for o in objects if resolver.type_of(o) in cue.object_types]
        if cue.type == "targets":
            in_only = {o for o in objects if resolver.type_of(o) not in PLACE_TYPES}
            on_objects = _ents(resolver, prep_objects(noun, tuple(p for p in cue.preps if p != "in")))
            objects = [o for o in objects if o not in in_only or o in on_objects]
        if not objects:
            continue
        owners: list[str] = []
        for child in noun.children:
            if child.dep_ == "poss":
                owners = _ents(resolver, [child])
        if not owners:
            for child in noun.children:
                if child.dep_ in ("compound", "nmod", "npadvmod") and child.i < noun.i:
                    entity_id = resolver.entity(child) or resolver.owner(child)
                    if entity_id:
                        owners = [entity_id]
                        break
        rule = f"action_noun_{lemma}"
        if not owners and noun.dep_ == "pobj" and noun.head.lower_ == "of" \
                and noun.head.head.lemma_.lower() in lexicons.agent_nouns():
            owners = _holders(noun.head.head, resolver)
            rule = f"agent_noun_{lemma}"
        if not owners:
            owners = _clause_owner(noun, resolver)
            rule = f"clause_{lemma}"
        yield from _pairs(resolver, owners, cue.type, objects, noun, rule)


# -- agencies of a state ----------------------------------------------------------------------------------
def agency_candidates(sent: Span, resolver: Resolver) -> Iterator[Candidate]:
    """`Valdoria's Ministry of ...`, `the Valdorian Interior Ministry`, `the Security Committee of Valdoria`."""
    agency = lexicons.actors().agency_nouns
    states = frozenset({"state"})
    for mention, entity_id in resolver.mentions_in(sent):
        if resolver.type_of(entity_id) != "organization":
            continue
        words = {t.lower_ for t in mention} | {t.lemma_.lower() for t in mention}
        if not words & agency or words & lexicons.actors().non_state_words:
            continue
        found: str | None = None
        for t in mention:
            for child in t.children:
                if child.dep_ == "poss" and child.i not in range(mention.start, mention.end):
                    candidate = resolver.entity(child)
                    if resolver.type_of(candidate) in states:
                        found = candidate
        if found is None:
            before = mention.start - 1
            if before >= sent.start and resolver.doc[before].lower_ in ("'s", "’s", "'"):
                candidate = resolver.table.token_entity.get(before - 1)
                if resolver.type_of(candidate) in states:
                    found = candidate
        if found is None:
            for t in mention:
                candidate = resolver.alias(t, states)
                if candidate and candidate != entity_id:
                    found = candidate
                    break
        if found is None and mention.end < sent.end and resolver.doc[mention.end].lower_ == "of":
            if mention.end + 1 < sent.end:
                candidate = resolver.table.token_entity.get(mention.end + 1)
                if resolver.type_of(candidate) in states:
                    found = candidate
        if found:
            yield from _pairs(resolver, [entity_id], "part_of", [found], mention.root, "agency_of_state",
                              presupposed=True)


def under_candidates(sent: Span, resolver: Resolver) -> Iterator[Candidate]:
    """`The IJU splintered from the IMU under the leadership of X`: X leads the clause's subject."""
    under = lexicons.under_nouns()
    for noun in sent:
        rtype = under.get(noun.lemma_.lower())
        if rtype is None or noun.dep_ != "pobj" or noun.head.lower_ != "under":
            continue
        leaders = _ents(resolver, prep_objects(noun, ("of",)))
        governor = noun.head.head
        led = _ents(resolver, subjects_of(governor)) if governor.pos_ in ("VERB", "AUX") else []
        yield from _pairs(resolver, leaders, rtype, led, noun, f"under_{noun.lemma_.lower()}")


def role_place_candidates(sent: Span, resolver: Resolver) -> Iterator[Candidate]:
    """`X was named head of fighters in Kessel`: the leader of a body located in a place works there."""
    cues = lexicons.relation_nouns()
    for noun in sent:
        cue = cues.get(noun.lemma_.lower())
        if cue is None or cue.type != "leader_of" or resolver.eid(noun):
            continue
        bodies = prep_objects(noun, ("of",))
        places = _ents(resolver, [p for b in bodies for p in prep_objects(b, ("in", "inside"))])
        places = [p for p in places if resolver.type_of(p) in PLACE_TYPES]
        if places:
            holders = [h for h in _holders(noun, resolver) if resolver.type_of(h) == "person"]
            yield from _pairs(resolver, holders, "operates_in", places, noun, f"role_place_{cue.lemma}")


RULES = (verb_candidates, noun_candidates, action_candidates, agency_candidates, under_candidates,
         role_place_candidates)


def candidates(sent: Span, resolver: Resolver) -> list[Candidate]:
    out: list[Candidate] = []
    for rule in RULES:
        out.extend(rule(sent, resolver))
    return out


def canonical(c: Candidate) -> tuple[str, str, str]:
    if c.type in SYMMETRIC_RELATIONS:
        a, b = sorted((c.subject, c.object))
        return a, c.type, b
    return c.subject, c.type, c.object
