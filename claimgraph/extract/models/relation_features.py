"""Candidate pairs for the relation model and the features that describe them.

A candidate is two entity mentions in one sentence (names, and pronouns or `the group` resolved by the
Resolver). Its features say what the parse and the rules say about the pair: the dependency path between the two
heads with the words on it, the words between and around them, the entity types, the word that governs both,
and which relation rule fired for the pair and which cue words of our lexicons lie on the path. Entity names are
never features: every token inside a mention is replaced by its entity type, so the model learns how English
states a tie, not who is tied to whom.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from claimgraph.extract import lexicons
from claimgraph.extract.records import Event
from claimgraph.extract.relations.rules import Candidate
from claimgraph.extract.syntax import Resolver, dependency_path

ANAPHOR_POS = frozenset({"PRON"})
MAX_GAP = 40  # tokens between two mentions beyond which a pair is not proposed
NONE = "none"


@dataclass
class Mention:
    entity: str
    start: int  # token offsets
    end: int
    root: Token
    pronoun: bool = False


@dataclass
class Pair:
    """Two mentions in one sentence, `a` before `b` in the text; labels name a direction relative to that order."""

    a: Mention
    b: Mention
    sent: Span
    rules: list[Candidate] = field(default_factory=list)

    @property
    def ends(self) -> tuple[str, str]:
        return self.a.entity, self.b.entity


def sentence_mentions(sent: Span, resolver: Resolver) -> list[Mention]:
    """Named mentions (from the entity table) and resolved pronouns/anaphors, in text order."""
    out = [Mention(eid, span.start, span.end, span.root) for span, eid in resolver.mentions_in(sent)]
    covered = {i for m in out for i in range(m.start, m.end)}
    anaphors = lexicons.anaphor_nouns()
    for t in sent:
        if t.i in covered:
            continue
        if t.pos_ in ANAPHOR_POS or (t.lemma_.lower() in anaphors and t.pos_ == "NOUN"):
            try:
                eid = resolver.entity(t)
            except RecursionError:
                eid = None
            if eid:
                out.append(Mention(eid, t.i, t.i + 1, t, pronoun=True))
    out.sort(key=lambda m: m.start)
    return out


def sentence_pairs(sent: Span, resolver: Resolver, rules: list[Candidate]) -> list[Pair]:
    """Every pair of mentions of two different entities, each carrying the rule candidates for its two ends."""
    mentions = sentence_mentions(sent, resolver)
    by_ends: dict[frozenset[str], list[Candidate]] = {}
    for c in rules:
        by_ends.setdefault(frozenset((c.subject, c.object)), []).append(c)
    pairs = []
    for i, a in enumerate(mentions):
        for b in mentions[i + 1:]:
            if a.entity == b.entity or b.start - a.end > MAX_GAP:
                continue
            pairs.append(Pair(a, b, sent, by_ends.get(frozenset((a.entity, b.entity)), [])))
    return pairs


@dataclass
class SentenceEvent:
    """What one event found in a sentence says of its actors: their roles, and its place."""

    type: str
    roles: dict[str, str]  # entity id -> role (the first role it plays)
    location: str | None


def events_by_sentence(events: list[Event], doc: Doc) -> dict[int, list[SentenceEvent]]:
    """The events keyed by the first token of the sentence they were found in."""
    out: dict[int, list[SentenceEvent]] = {}
    for event in events:
        if event.anchor is not None and event.anchor < len(doc):
            token = doc[event.anchor]
        else:
            span = doc.char_span(event.evidence.start, event.evidence.end, alignment_mode="expand")
            if span is None:
                continue
            token = span[0]
        roles: dict[str, str] = {}
        for p in event.participants:
            roles.setdefault(p.entity, p.role)
        out.setdefault(token.sent.start, []).append(SentenceEvent(event.type, roles, event.location))
    return out


class FeatureContext:
    """Per-document view the features need: which token belongs to which entity, the entity types, and the
    events the event rules found (the roles they give the two ends are features: `targets` is the perpetrator
    and the target of one attack)."""

    def __init__(self, resolver: Resolver, events: list[Event] | None = None) -> None:
        self.resolver = resolver
        self._events_by_sentence = events_by_sentence(events or [], resolver.table.doc)
        self.token_entity = resolver.table.token_entity
        self.verb_cues = lexicons.relation_verbs()
        self.noun_cues = lexicons.relation_nouns()
        self.action_cues = lexicons.action_nouns()
        self.cue_words = lexicons.relation_cue_words()
        self._words: dict[int, str] = {}  # per token, memoised: every pair of a sentence reads the same tokens
        self._cues: dict[int, list[str]] = {}

    def word(self, t: Token) -> str:
        """The lemma; the entity type for a token inside a mention, and `<propn>` for any other proper noun, so
        names never become features (not even the names our entity rules missed)."""
        word = self._words.get(t.i)
        if word is None:
            word = self._words[t.i] = self._word(t)
        return word

    def _word(self, t: Token) -> str:
        eid = self.token_entity.get(t.i)
        if eid is not None:
            return "<" + (self.resolver.type_of(eid) or "ent") + ">"
        if t.pos_ == "PROPN":
            return "<propn>"
        if t.like_num:
            return "<num>"
        return t.lemma_.lower()

    def sentence_events(self, sent: Span) -> list[SentenceEvent]:
        return self._events_by_sentence.get(sent.start, [])

    def stands_for(self, t: Token) -> str | None:
        """The entity a common noun on the path stands for (`the splinter` in apposition to a name), if any."""
        if t.pos_ != "NOUN" or t.i in self.token_entity:
            return None
        try:
            return self.resolver.entity(t)
        except RecursionError:
            return None

    def cues(self, t: Token) -> list[str]:
        """The relation types our cue lexicons give this word (as verb, role noun, action noun)."""
        found = self._cues.get(t.i)
        if found is None:
            found = self._cues[t.i] = self._lexicon_cues(t)
        return found

    def _lexicon_cues(self, t: Token) -> list[str]:
        lemma = t.lemma_.lower()
        out = [f"v:{c.type}" for c in self.verb_cues.get(lemma, ())]
        if lemma in self.noun_cues:
            out.append(f"n:{self.noun_cues[lemma].type}")
        if lemma in self.action_cues:
            out.append(f"a:{self.action_cues[lemma].type}")
        out.extend(f"w:{rtype}" for rtype in self.cue_words.get(lemma, ()))
        return out


def _bin(n: int) -> str:
    return str(n) if n < 4 else "4-6" if n < 7 else "7-11" if n < 12 else "12+"


def pair_features(pair: Pair, ctx: FeatureContext) -> dict[str, float]:
    """Binary features of one candidate pair (see the module docstring)."""
    a, b = pair.a, pair.b
    ta = ctx.resolver.type_of(a.entity) or "ent"
    tb = ctx.resolver.type_of(b.entity) or "ent"
    types = f"{ta}|{tb}"
    f: dict[str, float] = {"bias": 1.0, f"tt={types}": 1.0, f"ta={ta}": 1.0, f"tb={tb}": 1.0}
    if a.pronoun:
        f["a_pron"] = 1.0
    if b.pronoun:
        f["b_pron"] = 1.0
    doc = a.root.doc
    up, top, down = dependency_path(a.root, b.root)
    deps_up = [t.dep_ for t in up]
    deps_down = [t.dep_ for t in down]
    inner = [t for t in up[1:] + down[1:]]
    if top is not None and top.i not in (a.root.i, b.root.i):
        inner.append(top)
    path = "/".join(deps_up) + "^" + "\\".join(reversed(deps_down))
    lex = "/".join(ctx.word(t) for t in up[1:]) + "|" + (ctx.word(top) if top is not None else "-") + "|" + \
        "\\".join(ctx.word(t) for t in reversed(down[1:]))
    f[f"path={path}"] = 1.0
    f[f"tt+path={types}:{path}"] = 1.0
    if len(up) + len(down) <= 6:
        f[f"lexpath={lex}"] = 1.0
        f[f"lexpath+dirs={path}:{lex}"] = 1.0
    f[f"pathlen={_bin(len(up) + len(down))}"] = 1.0
    for t in inner:
        w = ctx.word(t)
        other = ctx.stands_for(t)
        if other is not None and other not in (a.entity, b.entity):
            # `EGA, the TLF splinter led by Z`: the noun on the path stands for a third actor, who is the one
            # the words around it speak of
            f["via_other_actor"] = 1.0
            f[f"via_other_actor={w}"] = 1.0
        f[f"on_path={w}"] = 1.0
        f[f"tt+on_path={types}:{w}"] = 1.0
        for cue in ctx.cues(t):
            f[f"cue={cue}"] = 1.0
            f[f"tt+cue={types}:{cue}"] = 1.0
    if top is not None:
        w = ctx.word(top)
        f[f"top={w}"] = 1.0
        f[f"top_pos={top.pos_}"] = 1.0
        f[f"top+dirs={w}:{deps_up[-1] if deps_up else '='}:{deps_down[-1] if deps_down else '='}"] = 1.0
        f[f"tt+top={types}:{w}"] = 1.0
        if any(c.dep_ in ("auxpass", "nsubjpass") for c in top.children):
            f["top_passive"] = 1.0
        if any(c.dep_ == "neg" for c in top.children):
            f["top_neg"] = 1.0
    for side, m in (("a", a), ("b", b)):
        head = m.root.head
        f[f"{side}_dep={m.root.dep_}"] = 1.0
        if head.i != m.root.i:
            hw = ctx.word(head)
            f[f"{side}_head={m.root.dep_}:{hw}"] = 1.0
            if head.dep_ == "prep":
                f[f"{side}_head2={hw}:{ctx.word(head.head)}"] = 1.0
        for cue in ctx.cues(head):
            f[f"{side}_headcue={cue}"] = 1.0
    gap = [doc[i] for i in range(a.end, b.start)]
    f[f"gap={_bin(len(gap))}"] = 1.0
    words = [ctx.word(t) for t in gap if not t.is_punct or t.text in (",", "(", ")", "'s", "-")]
    if len(gap) <= 8:
        f[f"between={' '.join(words)}"] = 1.0
    for w in set(words):
        f[f"bw={w}"] = 1.0
    for t in gap:
        for cue in ctx.cues(t):
            f[f"bw_cue={cue}"] = 1.0
    others = sum(1 for i in range(a.end, b.start) if i in ctx.token_entity) if gap else 0
    f[f"ents_between={_bin(others)}"] = 1.0
    before = doc[a.start - 1] if a.start > pair.sent.start else None
    after = doc[b.end] if b.end < pair.sent.end else None
    f[f"before={ctx.word(before) if before is not None else '<s>'}"] = 1.0
    f[f"after={ctx.word(after) if after is not None else '</s>'}"] = 1.0
    if a.root.dep_ == "poss" and a.root.head.i >= b.start - 1:
        f["a_poss"] = 1.0
    for c in pair.rules:
        direction = ">" if c.subject == a.entity else "<"
        f[f"rule={c.type}{direction}"] = 1.0
        f[f"rule_name={c.rule}{direction}"] = 1.0
        if c.negative:
            f["rule_negative"] = 1.0
    if not pair.rules:
        f["no_rule"] = 1.0
    for event in ctx.sentence_events(pair.sent):
        ra = event.roles.get(a.entity) or ("<place>" if event.location == a.entity else None)
        rb = event.roles.get(b.entity) or ("<place>" if event.location == b.entity else None)
        if ra and rb:
            f[f"ev_roles={ra}>{rb}"] = 1.0
            f[f"ev_roles={event.type}:{ra}>{rb}"] = 1.0
        elif ra or rb:
            f[f"ev_one={event.type}:{'a' if ra else 'b'}:{ra or rb}"] = 1.0
    return f
