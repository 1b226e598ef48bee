"""Arguments of relation rules: from a parse token to the entity ids it stands for.

A rule finds a grammatical slot (subject, by-phrase, object of `of`); this module says which entities fill it:
the mention itself, a pronoun's antecedent, the antecedent of `who`/`which`, the actor behind a generic noun
(`Korvath Brigade operatives`, `Valdorian security forces`), and every member of a coordination (`X and Y`).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from claimgraph.extract import lexicons
from claimgraph.extract.entities.mentions import EntityTable

try:  # the entity rules' country lexicon (names and demonyms), when present
    from claimgraph.extract.entities.lexicons import states as STATES
except ImportError:  # pragma: no cover - entities may ship without it
    STATES = None

PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "himself", "herself"})
THING_PRONOUNS = frozenset({"it", "its", "itself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "themselves"})
RELATIVE = frozenset({"who", "whom", "which", "that", "whose"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
ACTOR_TYPES = frozenset({"organization", "state", "group"})
MODIFIER_DEPS = ("compound", "poss", "nmod", "npadvmod", "amod")
OBJECT_CONTROL = frozenset({"allow", "permit", "order", "ask", "tell", "force", "instruct", "direct", "urge",
                            "encourage", "enable", "help", "send", "recruit", "persuade", "dispatch", "pay", "hire"})
INDIVIDUAL_PROXIES = frozenset({"operative", "member", "fighter", "militant", "agent", "soldier", "investigator",
                                "prosecutor", "diplomat", "envoy", "recruit", "jihadist"})
LIST_SKIP = frozenset({",", "(", ")", "and", "or", "the", "its", "their", "both", "also"})


def _pronoun_types(word: str) -> frozenset[str] | None:
    if word in PERSON_PRONOUNS:
        return frozenset({"person"})
    if word in THING_PRONOUNS or word in PLURAL_PRONOUNS:
        return ACTOR_TYPES
    return None


class Resolver:
    """Token -> entity ids for one parsed document and its entity table."""

    def __init__(self, table: EntityTable) -> None:
        self.table = table
        self.doc = table.doc
        self.types = {e.id: e.type for e in table.entities}
        self.aliases: dict[str, str] = {}
        ambiguous: set[str] = set()
        for e in table.entities:
            for name in [e.name, *e.aliases]:
                key = name.lower().strip()
                if key in self.aliases and self.aliases[key] != e.id:
                    ambiguous.add(key)
                self.aliases.setdefault(key, e.id)
        for key in ambiguous:
            self.aliases.pop(key, None)
        self._actors = lexicons.actors()
        self.strict = False  # when set, a noun for one person (`members`) never stands for their group

    # -- mentions -----------------------------------------------------------------------------------------
    def eid(self, token: Token) -> str | None:
        return self.table.token_entity.get(token.i)

    def type_of(self, entity_id: str | None) -> str | None:
        return self.types.get(entity_id) if entity_id else None

    def mention(self, token: Token) -> Span | None:
        """The contiguous run of tokens mapped to the same entity as `token`."""
        entity_id = self.eid(token)
        if entity_id is None:
            return None
        start = end = token.i
        sent = token.sent
        while start - 1 >= sent.start and self.table.token_entity.get(start - 1) == entity_id:
            start -= 1
        while end + 1 < sent.end and self.table.token_entity.get(end + 1) == entity_id:
            end += 1
        return self.doc[start:end + 1]

    def mentions_in(self, span: Span) -> list[tuple[Span, str]]:
        out: list[tuple[Span, str]] = []
        i = span.start
        while i < span.end:
            entity_id = self.table.token_entity.get(i)
            if entity_id is None:
                i += 1
                continue
            m = self.mention(self.doc[i])
            assert m is not None
            out.append((m, entity_id))
            i = m.end
        return out

    def alias(self, token: Token, types: frozenset[str] | None = None) -> str | None:
        """A bare word that is a known alias (a demonym like `Valdorian` naming a state)."""
        entity_id = self.aliases.get(token.text.lower())
        if entity_id is None and STATES is not None:
            lexicon = STATES()
            canonical = lexicon.demonyms.get(token.text) or lexicon.canonical.get(token.text.lower())
            entity_id = self.aliases.get(canonical.lower()) if canonical else None
        if entity_id and (types is None or self.type_of(entity_id) in types):
            return entity_id
        return None

    # -- single token -----------------------------------------------------------------------------------
    def entity(self, token: Token, depth: int = 0, proxy: bool = True) -> str | None:
        """The entity a token stands for, or None; proxy=False: never the group behind a generic noun."""
        if depth > 4:
            return None
        entity_id = self.eid(token)
        if entity_id:
            if self.strict and any(c.dep_ == "nummod" for c in token.children) \
                    and self.type_of(entity_id) == "state":
                return None  # `two Valdorians were arrested`: people, not their state
            return entity_id
        word = token.lower_
        if _pronoun_types(word) is not None and token.pos_ == "PRON":
            return self.pronoun(token)
        if word in RELATIVE and token.tag_ in ("WDT", "WP", "WP$"):
            antecedent = self.antecedent(token)
            return self.entity(antecedent, depth + 1) if antecedent is not None else None
        if token.pos_ in ("NOUN", "PROPN", "NUM"):
            for child in token.children:
                if child.dep_ == "appos" and self.eid(child):
                    return self.eid(child)
        if token.pos_ not in ("NOUN", "PROPN"):
            if token.dep_ in ("amod", "compound", "npadvmod", "nmod", "poss"):
                return self.alias(token, frozenset({"state"}))
            return None
        named = self._known_as(token)
        if named:
            return named
        same = self._same_group(token) or self._same_agency(token)
        if same:
            return same
        if token.dep_ == "appos" and token.pos_ == "NOUN" and self.eid(token.head) and token.head.i < token.i:
            first = min(t.i for t in token.subtree)
            if self.doc[first - 1].text == ",":  # `X, a group spanning Y` (set off by a comma)
                return self.eid(token.head)
        if token.dep_ == "attr" and token.pos_ == "NOUN":
            for subject in subjects_of(token.head):
                if self.eid(subject):
                    return self.eid(subject)
        if token.dep_ == "compound" and token.pos_ == "NOUN" and self.eid(token.head):
            return self.eid(token.head)
        lemma = token.lemma_.lower()
        if self._is_anaphor(token):
            named = self._named_by_modifier(token)
            return named if named is not None else self._last_organization(token)
        if proxy and (lemma in self._actors.proxy_nouns or word in self._actors.proxy_nouns):
            if self.strict and (lemma in self._actors.person_nouns or word in self._actors.person_nouns
                                or lemma in INDIVIDUAL_PROXIES):
                return None
            return self.owner(token, depth)
        return None

    def _same_group(self, token: Token) -> str | None:
        """`the Tolvesk cell` after `the cell`: a definite noun whose head word is the name of an unnamed `group`
        entity of this document refers to that group (the entity rules may have missed this mention)."""
        if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children):
            return None
        entity_id = self.aliases.get(token.lower_)
        return entity_id if self.type_of(entity_id) == "group" else None

    def _same_agency(self, token: Token) -> str | None:
        """`the treasury said` after `the U.S. Department of the Treasury`: a bare definite agency noun refers to
        the one organization named before it whose name has that word (none when two could be meant)."""
        lemma = token.lemma_.lower()
        if lemma not in self._actors.agency_nouns or token.i in self.table.token_entity:
            return None
        children = list(token.children)
        if len(children) != 1 or children[0].dep_ != "det" or children[0].lower_ != "the":
            return None
        found = {entity_id for mention, entity_id in self.mentions_in(self.doc[0:token.i])
                 if self.type_of(entity_id) == "organization"
                 and any(lemma in name.lower().split() or token.lower_ in name.lower().split()
                         for name in self._names(entity_id))}
        return found.pop() if len(found) == 1 else None

    def _is_anaphor(self, token: Token) -> bool:
        """`the movement`, also `the Colombian rebel group`: a definite group noun whose other words only
        describe it (adjectives, nouns in compound, a name) refers back; `a group`, `the group behind X` and
        `the group's leader`'s owner do not (those bring or restrict a new referent)."""
        if token.lemma_.lower() not in lexicons.anaphor_nouns() or token.i in self.table.token_entity:
            return False
        children = list(token.children)
        if not children or children[0].dep_ != "det" or children[0].lower_ != "the":
            return False
        return all(c.dep_ in ("amod", "compound") and c.pos_ in ("ADJ", "NOUN", "PROPN")
                   and not any(g.dep_ in ("prep", "npadvmod") for g in c.children) for c in children[1:])

    def _named_by_modifier(self, token: Token) -> str | None:
        """`the Islamic State militant group`: the name in compound before the noun is the group meant."""
        for child in token.children:
            if child.dep_ == "compound":
                entity_id = self.eid(child)
                if entity_id and self.type_of(entity_id) in ("organization", "group"):
                    return entity_id
        return None

    def _last_organization(self, token: Token) -> str | None:
        """The nearest organization named before `token`, in its sentence or the two before it, that is not an
        agency (a name with `Bureau`, `Ministry`, ...): `the group` and `the movement` point back to armed groups."""
        sent = token.sent
        start = sent.start
        for _ in range(2):
            if start > 0:
                start = self.doc[start - 1].sent.start
        agencies = self._actors.agency_nouns
        found: list[tuple[Span, str]] = []
        for mention, entity_id in reversed(self.mentions_in(self.doc[start:token.i])):
            if self.type_of(entity_id) != "organization":
                continue
            words = {w.lower() for w in self._names(entity_id) for w in w.split()}
            if not words & agencies:  # `the group` is not the bureau or ministry named in between
                found.append((mention, entity_id))
        for mention, entity_id in found:  # a name used as a modifier (`BSP spokesman`, `two Kessel newspapers`)
            if mention.root.dep_ not in MODIFIER_DEPS:  # is the topic less often than a named actor: last resort
                return entity_id
        return found[0][1] if found else None

    def _names(self, entity_id: str) -> list[str]:
        return [n for e in self.table.entities if e.id == entity_id for n in (e.name, *e.aliases)]

    def _known_as(self, token: Token) -> str | None:
        """`an operative ... known as X`: the participle that names the noun (also as a coordinated participle)."""
        participles = [c for c in token.children if c.dep_ == "acl"]
        participles += [c for p in participles for c in p.children if c.dep_ == "conj"]
        for verb in participles:
            if verb.lemma_.lower() not in ("know", "call", "name", "identify"):
                continue
            for pobj in prep_objects(verb, ("as",)):
                if self.eid(pobj):
                    return self.eid(pobj)
            for child in verb.children:
                if child.dep_ == "oprd" and self.eid(child):
                    return self.eid(child)
        return None

    def owner(self, token: Token, depth: int = 0) -> str | None:
        """The actor named by a noun's modifier: `the Brigade's network`, `Valdoria-based`, `Valdorian forces`."""
        for dep in MODIFIER_DEPS:
            for child in token.children:
                if child.dep_ != dep or child.i == token.i:
                    continue
                entity_id = self.entity(child, depth + 1)
                if entity_id:
                    return entity_id
                if child.dep_ in ("compound", "nmod"):
                    inner = self.owner(child, depth + 1)
                    if inner:
                        return inner
        for child in token.children:
            if child.dep_ == "acl" and child.tag_ == "VBN" and child.lemma_.lower() in self._actors.issuing_verbs:
                for agent in child.children:
                    if agent.dep_ == "agent":
                        for pobj in agent.children:
                            entity_id = self.entity(pobj, depth + 1) if pobj.dep_ == "pobj" else None
                            if entity_id:
                                return entity_id
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        entity_id = self.entity(pobj, depth + 1)
                        if entity_id:
                            return entity_id
        return None

    def antecedent(self, token: Token) -> Token | None:
        """The noun a relative pronoun points back to (the head of its relative clause)."""
        node = token
        for _ in range(4):
            if node.dep_ == "relcl":
                return node.head
            if node.head.i == node.i:
                return None
            node = node.head
        return None

    # -- pronouns -----------------------------------------------------------------------------------------
    def pronoun(self, token: Token) -> str | None:
        own = self.own_pronoun(token)
        if own is not None:
            return own
        resolve = getattr(self.table, "resolve_pronoun", None)
        if resolve is not None:
            found = resolve(token)
            if found is not None:
                return found if isinstance(found, str) else getattr(found, "id", None)
        return None

    def _compatible(self, entity_id: str | None, types: frozenset[str]) -> bool:
        return entity_id is not None and self.type_of(entity_id) in types

    def own_pronoun(self, token: Token) -> str | None:
        """Fallback antecedent: the governing clause's subject, the nearest earlier mention, the last actor."""
        types = _pronoun_types(token.lower_)
        if types is None:
            return None
        sent = token.sent
        node = token
        possessive, first_verb = token.tag_ == "PRP$", True
        while node.head.i != node.i:
            node = node.head
            if node.pos_ not in ("VERB", "AUX"):
                continue
            if possessive and first_verb:
                for child in node.children:
                    if child.dep_ == "dobj" and child.i < token.i and not child.is_ancestor(token):
                        found = self.entity(child, 3)
                        if self._compatible(found, types):
                            return found
            first_verb = False
            for child in subjects_of(node):
                if child.i >= token.i or child.is_ancestor(token):
                    continue
                found = self.entity(child, 3) if child.pos_ != "PRON" else self.own_pronoun(child)
                if self._compatible(found, types):
                    return found
        for mention, entity_id in reversed(self.mentions_in(self.doc[sent.start:token.i])):
            if self._compatible(entity_id, types) and mention.root.dep_ not in ("compound", "npadvmod"):
                return entity_id
        previous = sent.start - 1
        for _ in range(2):
            if previous < 0:
                break
            prev = self.doc[previous].sent
            for t in prev:
                if t.dep_ in SUBJECT_DEPS and t.head.dep_ == "ROOT" and t.pos_ != "PRON":
                    found = self.entity(t, 3)
                    if self._compatible(found, types):
                        return found
            for t in prev:
                if t.dep_ in SUBJECT_DEPS and t.pos_ != "PRON":
                    found = self.entity(t, 3)
                    if self._compatible(found, types):
                        return found
            previous = prev.start - 1
        return None

    # -- coordination -------------------------------------------------------------------------------------
    def entities(self, token: Token) -> list[str]:
        """The entity a slot names plus every entity coordinated with it, in text order, without repeats."""
        out: list[str] = []
        group = self._group(token)
        if group:
            return group
        self._collect(token, out, 0)
        if out:
            self._listed_after(token, out)
        return out

    def _group(self, token: Token) -> list[str]:
        """`both of which` / `all of whom`: the entities listed just before; a bare subject `Both`: the last
        coordinated pair of actors in the two sentences before."""
        if token.lower_ not in ("both", "all", "each"):
            return []
        has_rel = any(p.lower_ == "of" and any(w.lower_ in RELATIVE for w in p.children) for p in token.children)
        if not has_rel:
            if token.lower_ == "both" and token.dep_ in SUBJECT_DEPS and not list(token.children):
                return self._previous_pair(token)
            return []
        found: list[str] = []
        i = token.i - 1
        sent = token.sent
        while i >= sent.start and self.doc[i].pos_ not in ("VERB", "AUX"):
            entity_id = self.table.token_entity.get(i)
            if entity_id and entity_id not in found and self.type_of(entity_id) != "place":
                found.insert(0, entity_id)
            i -= 1
        if token.lower_ == "both":
            found = found[-2:]
        return found

    def _previous_pair(self, token: Token) -> list[str]:
        start = token.sent.start
        for _ in range(2):
            if start == 0:
                return []
            prev = self.doc[start - 1].sent
            for t in reversed(list(prev)):
                if t.dep_ != "conj":
                    continue
                pair = [self.entity(t.head), self.entity(t)]
                if all(self.type_of(e) in ACTOR_TYPES for e in pair) and pair[0] != pair[1]:
                    return [e for e in pair if e]
            start = prev.start
        return []

    def _collect(self, token: Token, out: list[str], depth: int) -> None:
        if depth > 6:
            return
        entity_id = self.entity(token)
        if entity_id is None:
            return
        if entity_id not in out:
            out.append(entity_id)
        mention = self.mention(token)
        members = list(mention) if mention is not None else [token]
        for member in members:
            for child in member.children:
                if mention is not None and child.i in range(mention.start, mention.end):
                    continue
                if child.dep_ == "conj":
                    self._collect(child, out, depth + 1)
                elif child.dep_ == "appos" and self.eid(child) and self.eid(child) != entity_id:
                    self._collect(child, out, depth + 1)

    def _listed_after(self, token: Token, out: list[str]) -> None:
        """Surface fallback for lists the parser broke: `X and its offshoot, Y` / `X, Y and Z`."""
        mention = self.mention(token)
        if mention is None:
            return
        i, sent, saw_and = mention.end, token.sent, False
        nouns = 0
        while i < sent.end:
            t = self.doc[i]
            entity_id = self.table.token_entity.get(i)
            if entity_id:
                if entity_id in out and not saw_and:
                    m = self.mention(t)
                    i = m.end if m is not None else i + 1
                    continue
                if not saw_and:
                    return
                if entity_id not in out:
                    out.append(entity_id)
                m = self.mention(t)
                i = m.end if m is not None else i + 1
                saw_and = False
                nouns = 0
                continue
            word = t.lower_
            if word in ("and", "or"):
                saw_and = True
            elif word in LIST_SKIP or t.pos_ in ("ADJ", "DET") or t.tag_ == "PRP$":
                pass
            elif t.pos_ == "NOUN" and nouns == 0 and t.lemma_.lower() in lexicons.relation_nouns():
                nouns += 1
            else:
                return
            i += 1


def subjects_of(verb: Token) -> list[Token]:
    """The tokens that fill a predicate's subject, following English control and attachment."""
    own = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if own:
        before = [c for c in own if c.i < verb.i]
        return [before[-1]] if before else own[:1]
    dep, head = verb.dep_, verb.head
    if head.i == verb.i:
        return []
    if dep in ("relcl", "acl", "amod"):
        return [head]
    if dep == "xcomp":
        subjects = [c for c in head.children if c.dep_ in SUBJECT_DEPS]
        relative = [c for c in subjects if c.lower_ in RELATIVE and c.tag_ in ("WDT", "WP")]
        if relative and len(subjects) > 1:  # `X, which it says directs Y`: the relative is the embedded subject
            return relative
        dobj = [c for c in head.children if c.dep_ == "dobj"]
        if dobj and head.lemma_.lower() in OBJECT_CONTROL:
            return dobj
        return subjects_of(head)
    if dep == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        dobj = [c for c in head.children if c.dep_ == "dobj"]
        if dobj:
            return dobj
    if dep in ("conj", "advcl", "ccomp", "acomp", "oprd", "attr"):
        if dep == "ccomp":
            return []
        return subjects_of(head)
    if dep in ("pcomp", "pobj") and head.dep_ == "prep":
        governor = head.head
        dobj = [c for c in governor.children if c.dep_ == "dobj"]
        if head.lower_ in ("with", "of", "for") and dobj and governor.pos_ == "VERB":
            return dobj
        if head.lower_ == "as":
            dobj = [c for c in governor.children if c.dep_ == "dobj"]
            return dobj or subjects_of(governor)
        if governor.pos_ in ("VERB", "AUX", "ADJ"):
            return subjects_of(governor)
    return []


def is_passive(verb: Token) -> bool:
    if any(c.dep_ in ("nsubjpass", "auxpass", "csubjpass") for c in verb.children):
        return True
    return verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod", "advcl", "conj", "oprd", "pcomp", "relcl") \
        and not any(c.dep_ in ("aux", "nsubj") for c in verb.children)


def prep_objects(token: Token, preps: tuple[str, ...]) -> list[Token]:
    """Objects of the listed prepositions under a token (`out of`, `on behalf of` included)."""
    out: list[Token] = []
    children = list(token.children)
    children += [c for p in children if p.dep_ == "prep" for c in p.children if c.dep_ == "conj" and c.pos_ == "ADP"]
    for child in children:
        if child.dep_ not in ("prep", "agent", "dative", "prt", "advmod", "conj"):
            continue
        pobjs = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
        word = child.lower_
        for pobj in pobjs:
            if word in preps:
                out.append(pobj)
            nested = [p for p in pobj.children if p.dep_ == "prep"]
            for inner in nested:
                phrase = f"{word} {pobj.lower_} {inner.lower_}"
                if phrase in preps:
                    out.extend(c for c in inner.children if c.dep_ == "pobj")
        for inner in child.children:
            if inner.dep_ == "prep" and f"{word} {inner.lower_}" in preps:
                out.extend(c for c in inner.children if c.dep_ == "pobj")
    return out


def _ancestors(token: Token) -> list[Token]:
    """The token and its heads up to the root (at most 60). Each `.head` builds a new Token object, so it is
    read once per step: this runs for every candidate pair."""
    out = [token]
    while len(out) < 60:
        head = token.head
        if head.i == token.i:
            break
        out.append(head)
        token = head
    return out


def dependency_path(a: Token, b: Token) -> tuple[list[Token], Token | None, list[Token]]:
    """(a .. below the common ancestor, the common ancestor, b .. below it); ancestor None across sentences."""
    up_a = _ancestors(a)
    up_b = _ancestors(b)
    index_b = {t.i: k for k, t in enumerate(up_b)}
    for k, t in enumerate(up_a):
        if t.i in index_b:
            return up_a[:k], t, up_b[:index_b[t.i]]
    return up_a, None, []
