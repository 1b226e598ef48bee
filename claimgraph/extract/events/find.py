"""Events: attacks, plots, arrests, killings, designations and training with roles, dates and counts.

Triggers come from extract/event_triggers.py, participants from extract/event_roles.py, dates from
extract/dates.py, counts from extract/counts.py, weapons from extract/weapons.py; mentions of the same
incident are merged by extract/event_merge.py.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from claimgraph.extract.attribution.certainty import certainty_of
from claimgraph.extract.attribution.frames import Frame, attribute, frames
from claimgraph.extract.entities.lexicons import cues, states
from claimgraph.extract.entities.mentions import EntityTable
from claimgraph.extract.events.counts import along_with_others, count_of
from claimgraph.extract.events.dates import DateMention, find_dates, reference_date
from claimgraph.extract.events.lexicons import load_lexicon
from claimgraph.extract.events.merge import Candidate, merge
from claimgraph.extract.events.roles import RoleFiller, _subject_of, is_participant, participants
from claimgraph.extract.events.triggers import Trigger, find_triggers
from claimgraph.extract.events.weapons import find_weapons
from claimgraph.extract.records import Entity, Event, Evidence, Participant
from claimgraph.extract.syntax import Resolver
from claimgraph.ingest.document import Document

_ANAPHORIC_DETS = {"the", "this", "that", "these", "those", "its", "their", "his", "her"}
_LOCATION_PREPS = {"in", "at", "near", "outside", "inside", "on", "into", "across", "throughout", "around", "from"}
PLACE_TYPES = ("place", "state")
_SERIES_NOUNS = {"series", "wave", "spate", "string", "number", "campaign", "history", "kind", "type"}
_RANGE_PREPS = ("since ", "until ", "till ", "from ")


def _ancestor_within(a: Token, b: Token, hops: int = 4) -> bool:
    """True when a is b's head, grand-head, ... within `hops` steps."""
    t = b
    for _ in range(hops):
        if t.head.i == t.i:
            return False
        t = t.head
        if t.i == a.i:
            return True
    return False


def _killed_in_attack(triggers: list[Trigger]) -> None:
    """"assassinated ... in a bombing", "killed in an attack": the attack noun names how the killing was done."""
    for t in triggers:
        tok = t.token
        if t.type != "attack" or not t.nominal or tok.dep_ != "pobj" or tok.head.lower_ != "in":
            continue
        if any(c.lower_ in _ANAPHORIC_DETS for c in tok.children if c.dep_ in ("det", "poss")):
            continue  # "killed in the attack" refers back to an attack already told
        for k in triggers:
            if k.type == "killing" and k.token.sent.start == tok.sent.start and 0 < tok.i - k.token.i <= 15:
                t.type = "killing"
                break


def _reports_toll(kill: Token, attack: Token) -> bool:
    if attack.dep_ == "nsubj" and attack.head.i == kill.i:
        return True
    definite = any(c.lower_ in _ANAPHORIC_DETS for c in attack.children if c.dep_ in ("det", "poss"))
    return definite and attack.dep_ == "pobj" and attack.head.lower_ == "in" and attack.head.head.i == kill.i


def _tie_triggers(triggers: list[Trigger]) -> dict[int, set[int]]:
    """Attack/killing pairs in one clause take the type of the governing trigger ("bombing ... which killed 40"
    is an attack, "assassination ... in a bombing" a killing); returns which triggers each one governs."""
    governed: dict[int, set[int]] = {t.token.i: set() for t in triggers}
    for a in triggers:
        for b in triggers:
            if a is b or a.token.sent.start != b.token.sent.start:
                continue
            if _ancestor_within(a.token, b.token):
                if a.type == "killing" and b.type == "attack" and _reports_toll(a.token, b.token):
                    a.type = "attack"  # "the bombing killed two", "killed in the attack": the kill verb gives the toll
                if {a.type, b.type} <= {"attack", "killing", "plot"} and a.type != b.type:
                    if not (b.type == "plot" and a.type == "killing"):
                        b.type = a.type
                        if a.type == "killing" and b.subtype and not a.subtype:
                            a.subtype = None
                if a.type == b.type:
                    governed[a.token.i].add(b.token.i)
    return governed


def _choose_date(trigger: Trigger, sent: Span, dates: list[DateMention], governed: bool,
                 doc_text: str) -> DateMention | None:
    """The date inside the trigger's phrase, else (unless another trigger governs it) the nearest in the sentence.
    `doc_text` is the doc's text, built once per document by the caller (doc.text joins every token)."""
    in_sent = [d for d in dates if sent.start_char <= d.start < sent.end_char and d.value
               and not doc_text[max(0, d.start - 6):d.start].lower().endswith(_RANGE_PREPS)]
    if not in_sent:
        return None
    tok = trigger.token
    lo, hi = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)
    inside = [d for d in in_sent if lo <= d.start and d.end <= hi]
    if not inside and governed:
        return None
    pool = inside or in_sent
    return min(pool, key=lambda d: abs(d.start - tok.idx))


def _location(trigger: Trigger, sent: Span, table: EntityTable, exclude: set[str]) -> Entity | None:
    """The place the clause ties the event to: a place/state inside the trigger's phrase, nearest first."""
    tok = trigger.token
    scopes = [tok]
    if trigger.nominal and tok.head.pos_ == "VERB":
        scopes.append(tok.head)
    best: tuple[int, Entity] | None = None
    for scope in scopes:
        for t in scope.subtree:
            e = table.entity_of(t)
            if e is None or e.type not in PLACE_TYPES or e.id in exclude:
                continue
            prep = governing_prep(t)
            mod_of_trigger = t.head.i == tok.i and t.dep_ in ("compound", "nmod", "amod", "poss")
            poss_of_prep_obj = t.dep_ == "poss" and governing_prep(t.head) in _LOCATION_PREPS
            if prep in _LOCATION_PREPS or mod_of_trigger or poss_of_prep_obj:
                dist = abs(t.i - tok.i)
                if best is None or dist < best[0]:
                    best = (dist, e)
    return best[1] if best else None


def _containing_place(entity: Entity, table: EntityTable) -> Entity:
    """A facility's city: "Moscow Metro" -> Moscow, "Domodedovo airport in Moscow" -> Moscow."""
    doc = table.doc
    for m in entity.mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        for t in span:
            e = table.entity_of(t)
            if e is not None and e.id != entity.id and e.type in PLACE_TYPES:
                return e
        for prep in span.root.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "of"):
                for obj in prep.children:
                    e = table.entity_of(obj)
                    if e is not None and e.id != entity.id and e.type in PLACE_TYPES:
                        return e
    for other in table.entities:  # the facility's name begins with a city's name
        if other.id != entity.id and other.type in PLACE_TYPES and len(other.name) < len(entity.name) and \
                entity.name.lower().startswith(other.name.lower() + " "):
            return other
    return entity


def _generic(trigger: Trigger) -> bool:
    """Bare or quantified plurals without a determiner ("uses bombings", "such attacks would continue") name a kind
    of event, not an incident."""
    tok = trigger.token
    if not trigger.nominal or tok.tag_ not in ("NNS", "NNPS"):
        return False
    dets = [c for c in tok.children if c.dep_ in ("det", "poss", "nummod")]
    quantifiers = {"such", "similar", "numerous", "many", "several", "other", "more", "some", "future", "further"}
    if any(c.lower_ in quantifiers for c in tok.children):
        return True
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in _SERIES_NOUNS:
        return True  # "a series of attacks"
    if dets:
        return False
    return not any(c.ent_type_ in ("DATE", "TIME") for c in tok.subtree)


def governing_prep(t: Token) -> str | None:
    """The preposition whose object phrase contains t ("in [northern] Pakistan", "at Bangkok's airport", "near the
    town of Circasia")."""
    while True:
        while t.dep_ in ("compound", "amod", "nmod", "appos", "conj", "poss") and t.head.i != t.i:
            t = t.head
        if t.dep_ != "pobj":
            return None
        prep = t.head
        if prep.lower_ == "of" and prep.head.lower_ in cues().place_heads and prep.head.i != prep.i:
            t = prep.head  # "near the town of Circasia": the town's preposition places the event
            continue
        return prep.lower_


def dateline_entity(document: Document, table: EntityTable) -> Entity | None:
    place = (document.metadata.dateline_place or "").strip().lower()
    if not place:
        return None
    for e in table.entities:
        if e.type in PLACE_TYPES and place in ({e.name.lower()} | {a.lower() for a in e.aliases}):
            return e
    return None


def _attribution(token: Token, resolver: Resolver, sent_frames: list[Frame]) -> tuple[str, str]:
    """(source, certainty) of an event, by the same engine as claims: the speech frame that holds the trigger
    (`according to X`, `X said`, quoted speech) and the hedges that govern it."""
    who = attribute(token, ("", ""), sent_frames)
    certainty, _ = certainty_of(token)
    if certainty == "certain" and who.certainty:
        certainty = who.certainty
    return who.source, certainty


def _count_cues(sent: Span, table: EntityTable) -> list[tuple[Token, str, int]]:
    """(cue token, killed|wounded|arrested, number) for every count the sentence states."""
    lex = load_lexicon("counts")
    out: list[tuple[Token, str, int]] = []
    for t in sent:
        lemma = t.lemma_.lower()
        kind = None
        if t.pos_ in ("VERB", "AUX") or t.tag_ in ("VBN", "VBG"):
            if lemma in lex["killed_verbs"]:
                kind = "killed"
            elif lemma in lex["wounded_verbs"]:
                kind = "wounded"
            elif lemma in lex["arrested_verbs"]:
                kind = "arrested"
        if kind is not None:
            value = _verb_count(t, kind, table)
            if value is not None:
                out.append((t, kind, value))
            continue
        lower = t.lower_
        if lower in lex["killed_adjectives"] or lower in lex["wounded_adjectives"]:
            kind = "killed" if lower in lex["killed_adjectives"] else "wounded"
            value = count_of(t)
            if value is None:
                for left in reversed(list(sent.doc[max(sent.start, t.i - 3):t.i])):
                    if left.like_num:
                        value = count_of(left)
                        break
                    if left.pos_ in ("VERB", "ADP", "PUNCT", "CCONJ"):
                        break
            if value is not None:
                out.append((t, kind, value))
    return out


def _verb_count(verb: Token, kind: str, table: EntityTable) -> int | None:
    objs = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if verb.lemma_.lower() == "die":
        objs = [c for c in verb.children if c.dep_ == "nsubj"]
    if not objs and verb.dep_ in ("relcl", "acl") and verb.tag_ == "VBN":
        objs = [verb.head]
    if not objs and verb.tag_ == "VBN":  # "and over 100 injured"
        for left in reversed(list(verb.doc[max(verb.sent.start, verb.i - 3):verb.i])):
            if left.like_num:
                value = count_of(left)
                return value if value is not None and value < 100000 else None
            if left.pos_ in ("VERB", "PUNCT", "CCONJ", "NOUN", "PROPN"):
                break
    for obj in objs:
        value = count_of(obj)
        if value is None and obj.lower_ in ("more", "others", "other") :
            value = count_of(obj) or next((count_of(c) for c in obj.children if c.like_num), None)
        if value is not None:
            return value if value < 100000 else None
        entity = table.entity_of(obj)
        if kind == "arrested" and obj.tag_ == "NN" and not obj.conjuncts and \
                obj.lemma_.lower() in load_lexicon("roles")["person_nouns"]:
            return 1  # "the man who brought them was arrested"
        if entity is not None and entity.type == "person":
            others = along_with_others(obj)
            if others is not None:
                return 1 + others
            if kind == "arrested":
                return len([c for c in [obj, *obj.conjuncts] if table.entity_of(c) is not None])
    return None


def _evidence(sent: Span, document: Document) -> Evidence:
    return Evidence.of_span(document.text, sent.start_char, sent.end_char)


def _named_view(table: EntityTable) -> EntityTable:
    """The table as the events see it: its entities (the same list, so new participants join the table), but no
    token of an unnamed participant found before, so roles are read from the words again and the events come out
    as on a table without them ("FMLN guerrillas" is the guerrillas and the FMLN, not only the participant)."""
    participants = {e.id for e in table.entities if is_participant(e)}
    if not participants:
        return table
    return EntityTable(table.doc, table.entities,
                       {i: eid for i, eid in table.token_entity.items() if eid not in participants})


def find_events(doc: Doc, table: EntityTable, document: Document, participants_only: bool = False) -> list[Event]:
    """All events of the document, one per incident. `participants_only`: only add the unnamed participants
    ("two men", "the gunmen") to the table, as the full run would, skipping dates, places, weapons, attribution,
    counts and merging, and return no events (pipeline.entity_table)."""
    table = _named_view(table)
    ref = reference_date(document)
    doc_text = doc.text
    dates = [] if participants_only else find_dates(doc_text, ref)
    triggers = find_triggers(doc)
    _killed_in_attack(triggers)
    governed = _tie_triggers(triggers)
    filler = RoleFiller(table, document.text)
    sentences = list(doc.sents)
    sent_index = {s.start: i for i, s in enumerate(sentences)}
    dateline = dateline_entity(document, table)
    resolver = Resolver(table)
    sentence_frames: dict[int, list[Frame]] = {}
    candidates: list[Candidate] = []
    by_token: dict[int, Candidate] = {}
    for trig in triggers:
        sent = trig.token.sent
        parts = participants(trig, filler)
        if trig.type in ("attack", "killing") and not any(p.role == "perpetrator" for p in parts):
            parts.extend(_attackers_in_sentence(sent, filler))
        if trig.type == "attack":
            parts.extend(p for p in _damaged_in_sentence(sent, filler) if p not in parts)
        if _generic(trig):
            continue
        if participants_only:
            event = Event(type=trig.type, evidence=_evidence(sent, document), participants=parts, anchor=trig.token.i)
            candidates.append(Candidate(event, trig.token.i, sent_index[sent.start], False, False, False, set()))
            continue
        date = _choose_date(trig, sent, dates, any(trig.token.i in g for g in governed.values()), doc_text)
        where = _location(trig, sent, table, {p.entity for p in parts if p.role != "agent"})
        event = Event(type=trig.type, subtype=trig.subtype, evidence=_evidence(sent, document),
                      participants=parts, rule=f"events/{trig.type}.{'noun' if trig.nominal else 'verb'}",
                      anchor=trig.token.i)
        event.date = date.value if date else None
        where = _containing_place(where, table) if where else None
        event.location = where.id if where else None
        event.weapons = find_weapons(sent) if trig.type in ("attack", "killing", "plot") else []
        if sent.start not in sentence_frames:
            sentence_frames[sent.start] = frames(sent, resolver)
        event.source, event.certainty = _attribution(trig.token, resolver, sentence_frames[sent.start])
        anaphoric = trig.nominal and any(c.lower_ in _ANAPHORIC_DETS for c in trig.token.children
                                         if c.dep_ in ("det", "poss"))
        cand = Candidate(event, trig.token.i, sent_index[sent.start], anaphoric, date is not None, where is not None,
                         set(governed.get(trig.token.i, set())))
        candidates.append(cand)
        by_token[trig.token.i] = cand
    _blamed_actors(doc, candidates, filler)
    _victim_statements(doc, candidates, filler)
    if participants_only:
        return []
    _casualty_statements(candidates, table)
    _attach_counts(sentences, candidates, table)
    _fill_missing(candidates, dates, sentences, table, dateline)
    kept = merge(candidates)
    return [c.event for c in kept]


def _damaged_in_sentence(sent: Span, filler: RoleFiller) -> list[Participant]:
    """Physical things an attack sentence says were destroyed, damaged, burned or hit ("the blast destroyed two
    houses", "a bomb exploded at the bank") are its targets."""
    lex = load_lexicon("roles")
    verbs, things = set(lex["damage_verbs"]), set(lex["target_nouns"])
    out: list[Participant] = []
    for t in sent:
        if t.lemma_.lower() not in things and t.lower_ not in things:
            continue
        head = t.head
        hit = t.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in verbs
        if t.dep_ == "pobj" and head.lower_ in ("at", "against", "to") and head.head.lemma_.lower() in verbs:
            hit = True
        if t.dep_ == "conj":
            first = t.head
            while first.dep_ == "conj":
                first = first.head
            hit = first.dep_ in ("dobj", "nsubjpass") and first.head.lemma_.lower() in verbs
        if hit and filler.table.entity_of(t) is None:
            for e in filler.resolve(t, "target"):
                p = Participant("target", e.id)
                if p not in out:
                    out.append(p)
    return out


def _attackers_in_sentence(sent: Span, filler: RoleFiller) -> list[Participant]:
    """When the trigger's own syntax names no perpetrator, an attacker noun acting in the same sentence ("the
    guerrillas fled after the attack") is taken as one."""
    words = set(load_lexicon("roles")["attacker_nouns"])
    out: list[Participant] = []
    for t in sent:
        if t.dep_ in ("nsubj", "pobj") and (t.lemma_.lower() in words or t.lower_ in words):
            if t.dep_ == "pobj" and t.head.dep_ != "agent":
                continue
            for e in filler.resolve(t, "perpetrator"):
                p = Participant("perpetrator", e.id)
                if p not in out:
                    out.append(p)
    return out


def _blamed_actors(doc: Doc, candidates: list[Candidate], filler: RoleFiller) -> None:
    """"X claimed responsibility", "police blamed X", "attributed to X": X is a perpetrator of the attack or killing
    told in that sentence, else of the one told last before it."""
    cues = load_lexicon("attribution")["blame"]
    violent = [c for c in candidates if c.event.type in ("attack", "killing")]
    if not violent:
        return
    for t in doc:
        slot = cues.get(t.lemma_.lower())
        if not slot or slot.startswith("_"):
            continue
        if t.lemma_.lower() in ("claim", "assume", "admit") and not any(
                g.lemma_.lower() == "responsibility" for g in t.subtree):
            continue
        if slot.startswith("pobj:"):
            heads = [g for c in t.children if c.dep_ == "prep" and c.lower_ == slot[5:] for g in c.children
                     if g.dep_ == "pobj"]
        else:
            heads = [c for c in t.children if c.dep_ == slot]
            if slot == "nsubj" and t.pos_ == "ADJ":  # "X was responsible", "X is held responsible"
                heads = [c for c in t.head.children if c.dep_ in ("nsubj", "nsubjpass")]
            elif slot == "nsubj" and not heads and t.pos_ == "VERB":  # "X issued a leaflet claiming responsibility"
                heads = _subject_of(t)
                if t.dep_ == "acl" and t.head.head.pos_ == "VERB":  # "... distributed leaflets claiming ..."
                    heads = heads + _subject_of(t.head.head)
        actors = [e for h in heads for x in [h, *h.conjuncts] for e in filler.resolve(x, "perpetrator")]
        if not actors:
            continue
        sent_i = next((c.sentence_i for c in violent if doc[c.trigger_i].sent.start == t.sent.start), None)
        pool = [c for c in violent if (c.sentence_i == sent_i if sent_i is not None else doc[c.trigger_i].i < t.i)]
        if not pool:
            continue
        target = pool[-1] if sent_i is None else min(pool, key=lambda c: abs(c.trigger_i - t.i))
        for e in actors:
            p = Participant("perpetrator", e.id)
            if p not in target.event.participants:
                target.event.participants.append(p)


_VICTIM_NOUNS = {"victim", "dead", "deceased", "body", "hostage", "casualty", "fatality"}


def _persons_in(heads: list[Token], filler: RoleFiller) -> list[Entity]:
    """Named people a phrase lists: the heads, their conjuncts and appositions ("A, 42; B; and C")."""
    out: list[Entity] = []
    for h in heads:
        for x in [h, *h.conjuncts, *(c for c in h.children if c.dep_ == "appos")]:
            for y in [x, *x.conjuncts]:
                e = filler.table.entity_of(y)
                if e is not None and e.type == "person" and e not in out:
                    out.append(e)
    return out


def _stated_victims(verb: Token, filler: RoleFiller) -> list[Entity]:
    """Who a casualty statement names: "X died in the explosion", "the victims were identified as X and Y",
    "the dead are X and Y", "X was found dead"."""
    lemma = verb.lemma_.lower()
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if lemma == "die" and verb.pos_ == "VERB":
        return _persons_in(subjects, filler)
    if lemma == "find" and any(c.lower_ == "dead" for c in verb.children if c.dep_ in ("acomp", "oprd", "xcomp")):
        return _persons_in(subjects, filler)
    if not any(s.lemma_.lower() in _VICTIM_NOUNS for s in subjects):
        return []
    if lemma in ("identify", "name"):
        return _persons_in([g for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"
                            for g in c.children if g.dep_ == "pobj"], filler)
    if lemma in ("be", "include"):
        return _persons_in([c for c in verb.children if c.dep_ in ("attr", "dobj")], filler)
    return []


def _victim_statements(doc: Doc, candidates: list[Candidate], filler: RoleFiller) -> None:
    """Casualty statements name the victims of the attack or killing told in that sentence, else of the one told
    last within the two sentences before."""
    violent = [c for c in candidates if c.event.type in ("attack", "killing")]
    if not violent:
        return
    sent_of = {s.start: i for i, s in enumerate(doc.sents)}
    for t in doc:
        if t.pos_ not in ("VERB", "AUX"):
            continue
        victims = _stated_victims(t, filler)
        if not victims:
            continue
        here = sent_of[t.sent.start]
        same = [c for c in violent if c.sentence_i == here]
        before = [c for c in violent if here - 2 <= c.sentence_i < here]
        if same:
            target = min(same, key=lambda c: abs(c.trigger_i - t.i))
        elif before:
            target = before[-1]
        else:
            continue
        for e in victims:
            if any(p.entity == e.id for p in target.event.participants):
                continue
            target.event.participants.append(Participant("victim", e.id))


def _casualty_statements(candidates: list[Candidate], table: EntityTable) -> None:
    """"At least 40 people were killed" after an attack reports its toll: the killing mention joins the attack."""
    last_attack: Candidate | None = None
    for c in candidates:
        ev = c.event
        if ev.type == "attack":
            last_attack = c
            continue
        if ev.type != "killing" or last_attack is None or c.sentence_i - last_attack.sentence_i > 2:
            continue
        if not ev.rule.endswith(".verb"):
            continue
        roles = {p.role for p in ev.participants}
        named_victims = [p for p in ev.participants if p.role == "victim" and not p.entity.startswith("np_")]
        if "perpetrator" not in roles and not named_victims:
            ev.type = "attack"
            c.date_explicit = False


def _attach_counts(sentences: list[Span], candidates: list[Candidate], table: EntityTable) -> None:
    by_sentence: dict[int, list[Candidate]] = {}
    for c in candidates:
        by_sentence.setdefault(c.sentence_i, []).append(c)
    for i, sent in enumerate(sentences):
        cands = by_sentence.get(i)
        if not cands:
            continue
        for cue, kind, value in _count_cues(sent, table):
            types = ("arrest",) if kind == "arrested" else ("attack", "killing")
            pool = [c for c in cands if c.event.type in types]
            if not pool:
                continue
            doc = sent.doc

            def rank(c: Candidate, cue: Token = cue, doc: Doc = doc) -> tuple[int, int]:
                trig = doc[c.trigger_i]
                tied = trig.i == cue.i or _ancestor_within(trig, cue) or _ancestor_within(cue, trig)
                return (0 if tied else 1, abs(trig.i - cue.i))

            best = min(pool, key=rank)
            if getattr(best.event, kind) is None:
                setattr(best.event, kind, value)


def _state_of_group(group: Entity, table: EntityTable) -> Entity | None:
    """The state whose name or demonym a group's name carries ("Azerbaijani authorities" -> Azerbaijan), when
    that state is an entity of the document."""
    lexicon = states()
    for word in group.name.replace("’", "'").split():
        canonical = lexicon.named_in(word)
        if canonical:
            for e in table.entities:
                if e.type == "state" and (e.name == canonical or canonical in e.aliases):
                    return e
    return None


def _fill_missing(candidates: list[Candidate], dates: list[DateMention], sentences: list[Span],
                  table: EntityTable, dateline: Entity | None) -> None:
    """Defaults for what the sentence does not say: the arresting state as place, the last date of the previous
    sentences (weak), the dateline place."""
    for c in candidates:
        ev = c.event
        if ev.location is None and ev.type == "arrest":
            for p in ev.participants:
                e = table.by_id(p.entity)
                if p.role == "agent" and e is not None and e.type == "group":
                    e = _state_of_group(e, table)  # `Azerbaijani authorities arrested ...`: in Azerbaijan
                if p.role == "agent" and e is not None and e.type == "state":
                    ev.location = e.id
                    break
        if ev.date is None:
            sent = sentences[c.sentence_i]
            start = sentences[max(0, c.sentence_i - 2)].start_char
            prior = [d for d in dates if start <= d.start < sent.start_char and d.value]
            end = sentences[min(len(sentences) - 1, c.sentence_i + 1)].end_char
            following = [d for d in dates if sent.end_char <= d.start < end and d.value]
            if prior:
                ev.date = prior[-1].value
            elif following:  # "... was bombed. The attack, on 3 May, ..." tells the date just after
                ev.date = following[0].value
        if ev.location is None:
            ev.location = _place_in_sentence(sentences[c.sentence_i], c.trigger_i, ev, table)
        if ev.location is None and dateline is not None:
            ev.location = dateline.id


ACTOR_ROLES = frozenset({"perpetrator", "agent", "sponsor", "ordered_by"})  # who acts, not where


def _place_in_sentence(sent: Span, trigger_i: int, event: Event, table: EntityTable) -> str | None:
    """The place or state named in the event's sentence nearest its trigger (weak: the clause did not tie it to
    the event), never one of the event's actors (`Iran attacked ...` is not located in Iran)."""
    actors = {p.entity for p in event.participants if p.role in ACTOR_ROLES}
    best: tuple[int, str] | None = None
    for t in sent:
        e = table.entity_of(t)
        if e is None or e.type not in PLACE_TYPES or e.id in actors or t.pos_ == "ADJ" or t.dep_ == "amod":
            continue  # a demonym as an adjective ("Orlandian troops") names who, not where
        distance = abs(t.i - trigger_i)
        if best is None or distance < best[0]:
            best = (distance, e.id)
    return best[1] if best else None
