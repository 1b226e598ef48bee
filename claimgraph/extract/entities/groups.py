"""Unnamed collectives the text treats as actors ("the al Qaeda-linked cell", "22 people", "the men").

A noun phrase headed by a collective noun becomes a `group` candidate when it acts (subject) or is acted
on by an arrest/training-type verb, and it is specific (a number, a defining modifier, or a definite
repeat of an earlier group). A definite repeat ("the cell", "the cell's members") joins the most recent
group with the same head; one with a defining modifier joins an earlier group sharing a named entity in it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from claimgraph.extract.entities.lexicons import cues, states

_PEOPLE = {"people", "men", "women", "suspects", "militants", "operatives", "fighters", "terrorists", "gunmen",
           "assailants", "attackers", "bombers", "insurgents", "rebels", "recruits", "plotters", "kidnappers",
           "hijackers"}
# Nouns for many individuals that make a group only when counted: "10 individuals", "seven members of ...",
# "eight employees", "six government officials" (uncounted, "officials said" is everyone and no one).
_COUNTED = {"individuals", "defendants", "members", "officials", "employees", "companies", "entities", "persons",
            "nationals", "citizens", "agents", "officers", "soldiers", "leaders", "commanders", "hackers", "smugglers",
            "traffickers", "families", "firms", "accomplices", "associates", "businesses", "men", "people"}
_ACTED_ON = {"arrest", "detain", "capture", "charge", "accuse", "convict", "sentence", "extradite", "train",
             "recruit", "dispatch", "send", "disrupt", "disband", "dismantle", "assemble", "release", "hold",
             "indict", "identify"}
_ROLES = {"nsubj", "nsubjpass", "dobj"}
# Officials named by whom they serve ("U.S. officials", "Iranian intelligence officials", "Chilean authorities") are
# a group of their own, not the state: they speak, act and are quoted as a body (a claim they make still reaches the
# state's gold name when the annotation folds them into it, since entities map by name); unmodified "officials
# said" stays no one in particular.
_OFFICIALS = {"officials", "authorities", "diplomats", "investigators", "prosecutors"}
_OWNER_ENTS = {"NORP", "GPE", "ORG"}
_VICTIM_VERBS = {"die", "kill", "injure", "wound", "hurt", "commute", "live", "work", "leave"}


@dataclass
class GroupMention:
    start: int
    end: int
    head: Token
    named: set[str] = field(default_factory=set)  # entity ids named inside the phrase


@dataclass
class Group:
    head_lemma: str
    mentions: list[GroupMention] = field(default_factory=list)
    named: set[str] = field(default_factory=set)
    modifiers: set[str] = field(default_factory=set)


def _served(head: Token, token_entity: dict[int, str]) -> bool:
    """`U.S. officials`, `Iranian officials`, `Hamas officials`: a name or nationality before the noun says whom
    the officials serve."""
    demonyms = states().demonyms
    return any(k.dep_ in ("amod", "compound", "nmod", "poss")
               and (k.i in token_entity or k.ent_type_ in _OWNER_ENTS or k.text in demonyms) for k in head.lefts)


def _modifier_words(head: Token) -> set[str]:
    return {k.lemma_.lower() for k in head.lefts if k.dep_ in ("amod", "compound") and k.is_alpha and k.is_lower}


def _phrase(head: Token) -> tuple[int, int]:
    """The phrase without its determiner or possessor: 'al Qaeda-linked cell'."""
    lefts = [t.left_edge.i for t in head.lefts if t.dep_ not in ("det", "poss", "case", "punct")]
    return min(lefts + [head.i]), head.i + 1


def _is_specific(head: Token) -> tuple[bool, bool]:
    """(specific, bare definite): a number or modifier makes it specific; 'the' + head alone is a repeat."""
    kids = list(head.lefts)
    modifiers = [k for k in kids if k.dep_ not in ("det", "poss", "case", "punct")]
    if any(t.lower_ in cues().nondefining_modifiers for k in kids for t in k.subtree):
        return False, False  # "the other cells", "three more suspects": relative to other collectives
    definite = any(k.lower_ == "the" for k in kids)
    return bool(modifiers), definite and not modifiers


def find_groups(doc: Doc, token_entity: dict[int, str], skip: set[int]) -> list[Group]:
    """Acting unnamed collectives, with definite repeats resolved to the most recent matching group."""
    if not doc.has_annotation("DEP"):
        return []
    heads = cues().collective_heads
    groups: list[Group] = []
    for token in doc:
        counted = token.lower_ in _COUNTED and any(k.dep_ == "nummod" and k.like_num for k in token.children)
        owned = token.lower_ in _OFFICIALS and _served(token, token_entity)
        if token.i in skip or (token.lower_ not in heads and not counted and not owned) \
                or token.i in token_entity or token.pos_ not in ("NOUN", "PROPN"):
            continue
        poss_of = token.head if token.dep_ == "poss" else None
        role_ok = token.dep_ in _ROLES or poss_of is not None
        verb = token.head
        if owned and not counted:
            role_ok = token.dep_ in _ROLES or (token.dep_ == "pobj" and token.head.lower_ in ("to", "by"))
        elif counted and token.lower_ not in heads:
            role_ok = token.dep_ in _ROLES and not (token.dep_ == "nsubj" and verb.lemma_ in _VICTIM_VERBS)
        elif token.lower_ in _PEOPLE and token.dep_ in ("dobj", "nsubjpass"):
            role_ok = verb.lemma_ in _ACTED_ON
        elif token.lower_ in _PEOPLE and token.dep_ == "nsubj" and verb.lemma_ in _VICTIM_VERBS:
            role_ok = False
        if not role_ok:
            continue
        specific, bare_definite = _is_specific(token)
        start, end = _phrase(token)
        if any(i in skip for i in range(start, end)):
            continue
        named = {token_entity[i] for i in range(start, end) if i in token_entity}
        mention = GroupMention(start, end, token, named)
        lemma = "people" if token.lower_ in _PEOPLE else token.lemma_.lower()
        if bare_definite:
            target = next((g for g in reversed(groups) if g.head_lemma == lemma), None)
            if target is not None:
                target.mentions.append(mention)
                continue
            if token.dep_ not in ("nsubj", "nsubjpass"):
                continue
        elif not specific:
            continue
        else:
            mods = _modifier_words(token)
            target = next((g for g in reversed(groups) if g.head_lemma == lemma
                           and ((named and g.named & named) or (mods and g.modifiers & mods))), None)
            if target is not None:
                target.mentions.append(mention)
                target.named |= named
                continue
            if token.lower_ in _PEOPLE and not any(k.like_num for k in token.lefts):
                continue  # "local people", "young fighters": not a specific collective
        groups.append(Group(lemma, [mention], set(named), _modifier_words(token)))
    return groups


def group_span(doc: Doc, mention: GroupMention) -> Span:
    return doc[mention.start:mention.end]
