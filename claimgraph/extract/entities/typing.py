"""Document-level typing of unfamiliar names from the context of all their mentions.

The model labels each mention on its own and guesses wrong on names it has never seen (a country read as a
person, a person as an organisation). A name keeps one type per document, so the cues around every mention are
summed: a title or role before it, "X's men" after a first name + surname (person); "the capital of X", "X's
government", a demonym derived from the name in front of a government noun (state); "in/from X" (place) against
"X said" (an actor, not a place). A bare demonym entity ("Lusovari") joins the state it derives from, and a
surname entity joins the person whose full name ends with it. Only names without a lexicon state are touched.
"""

from __future__ import annotations

from collections import defaultdict

from spacy.tokens import Doc, Span

from claimgraph.extract.entities.aliases import is_acronym, is_acronym_of, name_key
from claimgraph.extract.entities.lexicons import cues, states
from claimgraph.extract.entities.mentions import EntityTable
from claimgraph.extract.records import Entity

_ROLE_WORDS = {"spokesman", "spokeswoman", "spokesperson", "leader", "commander", "chief", "founder", "major",
               "colonel", "general", "captain", "lieutenant", "sergeant", "minister", "president", "prosecutor",
               "judge", "lawyer", "smuggler", "financier", "deputy", "director", "fellow", "researcher", "ambassador"}
_PEOPLE_AFTER = {"men", "fighters", "lieutenants", "followers", "deputies", "bodyguards", "family", "wife",
                 "brother", "son", "lawyer", "lawyers", "death", "arrest", "killing"}
_STATE_AFTER = {"ministry", "ministries", "president", "prime", "embassy", "capital", "border", "parliament",
                "cabinet", "treasury", "defence", "defense", "foreign", "interior"}
_PLACE_PREPS = {"in", "to", "from", "near", "into", "across", "at", "outside", "inside", "through", "toward",
                "towards"}
_SPEECH = {"say", "tell", "claim", "deny", "state", "accuse", "announce", "insist", "confirm", "add"}
_DEMONYM_SUFFIXES = ("i", "ian", "ese", "ish", "an", "n")
_TYPES = ("person", "organization", "state", "place")


def _spans(doc: Doc, entity: Entity) -> list[Span]:
    out = []
    for m in entity.mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and len(span):
            out.append(span)
    return out


def demonym_forms(name: str) -> set[str]:
    """Adjectives a country name may derive: 'Lusovar' -> 'Lusovari', 'Norvaine' -> 'Norvainian'."""
    forms = {name + s for s in _DEMONYM_SUFFIXES}
    if name.endswith("e"):
        forms |= {name[:-1] + s for s in ("ian", "ese", "an")}
    if name.endswith(("a", "ia")):
        forms.add(name + "n")
    return forms - {name}


def _is_person_shape(entity: Entity) -> bool:
    words = entity.name.split()
    c = cues()
    particles = c.name_particles
    return 2 <= len(words) <= 4 and words[0][:1].isupper() and words[-1][:1].isupper() \
        and all((w[:1].isupper() and w.isalpha()) or w.lower() in particles for w in words) \
        and not any(w.lower() in c.org_heads or w.lower() in c.place_heads or w.lower() in c.generic_org_words
                    for w in words)


def _context_votes(doc: Doc, spans: list[Span], person_shape: bool) -> dict[str, float]:
    c = cues()
    gov = c.government_nouns | c.security_nouns | c.agency_words | _STATE_AFTER
    votes: dict[str, float] = defaultdict(float)
    for span in spans:
        before = doc[span.start - 1] if span.start > 0 else None
        before2 = doc[span.start - 2] if span.start > 1 else None
        after = doc[span.end] if span.end < len(doc) else None
        after2 = doc[span.end + 1] if span.end + 1 < len(doc) else None
        if before is not None and (before.lower_.rstrip(".") in c.titles or before.lower_ in _ROLE_WORDS):
            votes["person"] += 3.0
        elif before is not None and before.text == "," and before2 is not None and before2.lower_ in _ROLE_WORDS:
            votes["person"] += 3.0  # "its founder, X"
        if after is not None and after.text == ",":
            tail = doc[span.end + 1:min(span.end + 6, len(doc))]
            words = [t.lower_ for t in tail]
            cut = next((k for k, t in enumerate(tail) if t.is_punct and t.text not in ("'s", "’s")), len(words))
            if words[:1] in (["the"], ["a"], ["an"]) and 0 < cut and words[cut - 1] in _ROLE_WORDS:
                votes["person"] += 2.0  # "X, the group's founder"
        if person_shape:
            pass  # "the Assad regime": a person's name before a government noun stays a person
        elif before is not None and before2 is not None and before.lower_ == "of" and before2.lower_ == "capital":
            votes["state"] += 5.0
        if after is not None and after.text in ("'s", "’s") and after2 is not None:
            if after2.lower_ in gov and not person_shape:
                votes["state"] += 4.0
            elif after2.lower_ in _PEOPLE_AFTER and person_shape:
                votes["person"] += 3.0
        elif after is not None and after.lower_ in c.government_nouns and not person_shape:
            votes["state"] += 2.0
        if before is not None and before.lower_ in _PLACE_PREPS and votes["place"] < 3.0:
            votes["place"] += 1.0  # a state is also "in X": this cue only separates places from actors
        root = span.root
        if root.dep_ == "nsubj" and root.head.lemma_ in _SPEECH:
            votes["place"] -= 2.0
            votes["person" if person_shape else "organization"] += 1.0
    return votes


def _token_positions(doc: Doc) -> dict[str, list[int]]:
    """Token text (title-cased when upper-case) -> its positions; built once per document, so the demonym
    search per entity is a few lookups instead of a pass over every token."""
    out: dict[str, list[int]] = defaultdict(list)
    for i, token in enumerate(doc):
        out[token.text.title() if token.is_upper else token.text].append(i)
    return out


def _demonym_votes(doc: Doc, name: str, positions: dict[str, list[int]]) -> tuple[float, set[str]]:
    """(state weight, demonym forms used) for a one-word name whose derived adjective (or its plural)
    appears in the text."""
    forms = demonym_forms(name)
    c = cues()
    gov = c.government_nouns | c.security_nouns | c.agency_words | _STATE_AFTER
    weight, used = 0.0, set()
    for i in sorted({i for form in forms for text in (form, form + "s") for i in positions.get(text, ())}):
        used.add(doc[i].text)
        nxt = doc[i + 1].lower_ if i + 1 < len(doc) else ""
        weight += 3.0 if nxt in gov else 1.0
    return (weight + 2.0 if used else 0.0), used


def merge_into(table: EntityTable, keep: Entity, gone: Entity) -> None:
    """Fold `gone` into `keep`: its mentions, aliases, references and tokens."""
    for m in gone.mentions:
        keep.mentions.append(m)
        if m.text not in keep.aliases:
            keep.aliases.append(m.text)
    for alias in gone.aliases:
        if alias not in keep.aliases:
            keep.aliases.append(alias)
    keep.mentions.sort(key=lambda m: m.start)
    keep.refs.extend(r for r in gone.refs if r not in keep.refs)
    for i, eid in list(table.token_entity.items()):
        if eid == gone.id:
            table.token_entity[i] = keep.id
    table.entities.remove(gone)


def _known_state(entity: Entity) -> bool:
    st = states()
    return any(a.lower() in st.canonical or a in st.demonyms or a.title() in st.demonyms for a in entity.aliases)


def retype_by_context(doc: Doc, table: EntityTable) -> None:
    """Sum context cues over every mention of each entity and retype it; join demonyms and surnames."""
    positions: dict[str, list[int]] | None = None
    for entity in list(table.entities):
        if entity.type == "group" or _known_state(entity) or entity not in table.entities:
            continue
        person_shape = _is_person_shape(entity)
        spans = _spans(doc, entity)
        if person_shape:  # the surname alone is the same referent: its cues count too
            last = entity.name.split()[-1]
            spans += [s for e in table.entities if e is not entity and e.name == last for s in _spans(doc, e)]
        votes = _context_votes(doc, spans, person_shape)
        if person_shape:
            votes["person"] += 1.0
        words = entity.name.split()
        demonyms: set[str] = set()
        if len(words) == 1 and words[0][:1].isupper() and words[0].isalpha():
            positions = positions if positions is not None else _token_positions(doc)
            weight, demonyms = _demonym_votes(doc, words[0], positions)
            votes["state"] += weight * 2.0
        votes[entity.type] += 2.0  # the model's and the span rules' verdict, as a prior
        best = max(_TYPES, key=lambda t: (votes.get(t, 0.0), t == entity.type))
        if votes.get(best, 0.0) > votes.get(entity.type, 0.0) + 0.5:
            entity.type = best
        if entity.type == "state" and demonyms:
            keys = {name_key(d) for d in demonyms}
            for other in list(table.entities):
                if other is not entity and other.type != "group" and name_key(other.name) in keys:
                    merge_into(table, entity, other)
    _join_surnames(table)
    join_short_forms(table)


def _join_surnames(table: EntityTable) -> None:
    """'Tennoch' typed apart from 'Sabir Tennoch': one person, whose type the full name settles."""
    people = [e for e in table.entities if e.type == "person" and _is_person_shape(e)]
    for entity in list(table.entities):
        if entity not in table.entities or entity.type in ("group", "state") or len(entity.name.split()) != 1:
            continue
        owners = [p for p in people if p is not entity and p in table.entities
                  and p.name.split()[-1] == entity.name]
        if len(owners) == 1:
            merge_into(table, owners[0], entity)


def _size(entity: Entity) -> int:
    return len(entity.mentions)


def _absorb(table: EntityTable, long: Entity, short: Entity) -> None:
    """Merge a short form into its long name; the type with more mentions behind it wins (the model types each
    form on its own and often gets the rarer one wrong)."""
    if _size(short) > _size(long) and short.type not in ("state", "group"):
        long.type = short.type
    merge_into(table, long, short)


def join_short_forms(table: EntityTable) -> None:
    """Forms of one name that typing kept apart, whatever types they were given: the same name key; a single
    capitalised word that ends exactly one longer name ('Navalny', 'Brotherhood'); an acronym of exactly one
    longer name, also past a leading country or agency prefix ('DEA' of 'U.S. Drug Enforcement Administration')."""
    def candidates_for(short: Entity) -> list[Entity]:
        word = short.name
        key = name_key(word)
        out = []
        for other in table.entities:
            if other is short or other.type == "group" or other not in table.entities:
                continue
            words = other.name.split()
            if name_key(other.name) == key and other.type != short.type:
                out.append(other)
            elif len(words) >= 2 and is_acronym(word) and (is_acronym_of(word, words) or (
                    len(words) >= 3 and is_acronym_of(word, words[1:]))):
                out.append(other)
            elif len(words) >= 2 and " " not in word and word[:1].isupper() and not is_acronym(word) \
                    and words[-1] == word:
                out.append(other)
        return out

    for short in sorted(table.entities, key=lambda e: len(e.name)):
        if short not in table.entities or short.type in ("group", "state") or len(short.name.split()) > 1:
            continue
        found = candidates_for(short)
        if len(found) == 1 and found[0].type != "state":
            _absorb(table, found[0], short)
