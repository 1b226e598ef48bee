"""Candidate entity spans: the model's named entities, gazetteer names and lexicon cues, cleaned and typed.

The statistical model's spans are often a little wrong: a leading "the" or title, a trailing possessive,
a descriptor glued to a name ("Chechen Doku Umarov"), a parenthesised acronym swallowed into the name,
two lines run together. Each raw span is cleaned into zero or more `Candidate`s; each candidate carries
type votes from its label and its context, which the clustering step sums per referent.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from claimgraph.extract.entities.gazetteer import Gazetteer
from claimgraph.extract.entities.lexicons import cues, states
from claimgraph.extract.text.truecase import case_lexicon_of

LABEL_VOTES = {"PERSON": {"person": 1.0}, "ORG": {"organization": 0.3}, "GPE": {"place": 0.6},
               "LOC": {"place": 1.0}, "FAC": {"place": 1.0}, "NORP": {"state": 0.2}}
QUOTES = {'"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "`", "``", "''"}
POSSESSIVE = {"'s", "\u2019s", "'", "\u2019"}
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}
LOCATIVE_PREPS = {"in", "into", "across", "throughout", "near", "inside", "around"}


@dataclass
class Candidate:
    """A cleaned mention span with what we know about its referent."""

    start: int  # token indices into the doc, end exclusive
    end: int
    label: str
    rule: str
    votes: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    refs: list[str] = field(default_factory=list)
    state: str | None = None  # canonical state name when the span names or stands for a country
    weak: bool = False  # kept only if its referent is also named by a strong mention
    gaz_name: str | None = None  # gazetteer record name, when matched
    nickname: str | None = None  # quoted nickname inside a person name
    links: list[int] = field(default_factory=list)  # indices of candidates known to co-refer (acronym, a.k.a.)

    def span(self, doc: Doc) -> Span:
        return doc[self.start:self.end]

    def vote(self, etype: str, weight: float) -> None:
        self.votes[etype] += weight


def chrome_tokens(doc: Doc) -> set[int]:
    """Tokens on navigation/UI lines (menus, share bars, archive links) that never hold entities."""
    c = cues()
    out: set[int] = set()
    line: list[Token] = []

    def flush() -> None:
        words = [t for t in line if t.is_alpha]
        if not words or len(words) > 12:
            return
        if line[0].text.startswith("=") and line[-1].text.endswith("="):
            out.update(t.i for t in line)  # a wiki section heading: "== Background =="
            return
        last = [t for t in line if not t.is_space][-1]
        if last.text in {".", "?", "!", "\u201d", '"', ":"}:
            return
        ui = sum(t.lower_ in c.chrome_words for t in words)
        if ui / len(words) >= 0.5 or words[0].lower_ in c.chrome_words or words[-1].lower_ in c.chrome_words:
            out.update(t.i for t in line)

    for token in doc:
        if "\n" in token.text:
            flush()
            line = []
        else:
            line.append(token)
    flush()
    return out


def _is_name_word(token: Token) -> bool:
    return token.is_alpha and (token.is_title or token.is_upper) and not token.is_stop


def _trim(doc: Doc, start: int, end: int, label: str) -> tuple[int, int]:
    """Drop determiners, quotes, punctuation, possessive markers and titles at the edges."""
    c = cues()
    while start < end:
        t = doc[start]
        low = t.lower_
        if low in DETERMINERS or t.is_punct or t.is_space or t.text in QUOTES:
            start += 1
        elif label == "PERSON" and low.rstrip(".") in c.titles and end - start > 1 and doc[start + 1].is_title:
            start += 1
            if start < end and doc[start].text == ".":
                start += 1
        else:
            break
    while end > start:
        t = doc[end - 1]
        if t.text in POSSESSIVE or t.tag_ == "POS" or t.is_space or t.text in QUOTES or (t.is_punct and t.text != "."):
            end -= 1
        elif t.text == "." and end - start > 1 and not doc[end - 2].is_upper:
            end -= 1
        elif end - start > 1 and t.pos_ in ("VERB", "AUX") and t.tag_ in ("VBZ", "VBD", "VBP"):
            end -= 1  # "The IJU Emerges": a headline verb swallowed into the name
        else:
            break
    return start, end


def _split_lines(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    parts, s = [], start
    for i in range(start, end):
        if "\n" in doc[i].text:
            if i > s:
                parts.append((s, i))
            s = i + 1
    if end > s:
        parts.append((s, end))
    return parts


def _extend_person_left(doc: Doc, start: int, end: int) -> int:
    """Model PERSON spans sometimes miss given names: 'Adel Radi Saker [al Wahabi al Harbi]'."""
    c = cues()
    if not (doc[start].is_lower and doc[start].lower_ in c.name_particles):
        return start
    while start > 0:
        prev = doc[start - 1]
        if "\n" in prev.whitespace_ or "\n" in prev.text:
            break
        if _is_name_word(prev) and prev.lower_ not in c.titles and prev.text not in c.peoples \
                and prev.text not in states().demonyms and prev.lower_ not in states().canonical:
            start -= 1
        else:
            break
    return start


def _extend_hyphen_left(doc: Doc, start: int) -> int:
    """'Riyad-us-[Saliheen Martyr Brigade]': a hyphenated name is never cut inside."""
    while start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ and doc[start - 2].is_alpha \
            and not doc[start - 2].whitespace_:
        start -= 2
    return start


def _extend_title_left(doc: Doc, start: int) -> int | None:
    """'[Country Reports on] Terrorism': an ORG cut after a linking word; None when it is a post title."""
    c = cues()
    new = start
    while new >= 2 and doc[new - 1].lower_ in ("of", "on", "for") and _is_name_word(doc[new - 2]) \
            and "\n" not in doc[new - 2].whitespace_:
        new -= 1
        while new >= 1 and _is_name_word(doc[new - 1]) and "\n" not in doc[new - 1].whitespace_:
            new -= 1
    if new != start and doc[new].lower_ in c.titles:
        return None  # "Under Secretary for Terrorism ...": a post, not an organization
    if any(_state_of(doc[i].text) for i in range(new, start)):
        return start  # "Iran for Terrorism"? keep the model's span
    return new


def _state_of(text: str) -> str | None:
    st = states()
    text = text.strip("".join(QUOTES) + " ")
    return st.canonical.get(text.lower()) or st.canonical.get(text.lower().replace(".", ""))


def _peel_descriptors(doc: Doc, cand_start: int, end: int, out: list[Candidate]) -> int:
    """'Chechen Doku Umarov' -> person 'Doku Umarov' plus a demonym mention for 'Chechen'."""
    c, st = cues(), states()
    start = cand_start
    while end - start > 1:
        t = doc[start]
        if t.text in st.demonyms:
            out.append(Candidate(start, start + 1, "NORP", "entities/descriptor-demonym", state=st.demonyms[t.text],
                                 weak=True))
            start += 1
        elif t.text in c.peoples or (t.is_lower and t.is_alpha and t.lower_ not in c.name_particles):
            start += 1
        else:
            break
    return start


def _possessive_split(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """'Iran's Ministry of Intelligence' -> ('Iran', 'Ministry of Intelligence'); but a possessor that is an
    ordinary capitalised word is part of the name ("Donetsk People's Republic", "the Prosecutor's Office")."""
    for i in range(start + 1, end - 1):
        if doc[i].tag_ == "POS" or doc[i].text in ("'s", "\u2019s"):
            if _common_word(doc, doc[i - 1]) and doc[i + 1].lower_ not in cues().titles:
                return [(start, end)]
            return [(start, i), (i + 1, end)]
    return [(start, end)]


def _common_word(doc: Doc, token: Token) -> bool:
    """A capitalised word that the model's vocabulary knows as an ordinary word ("People", "Prosecutor")."""
    lexicon = case_lexicon_of(doc.vocab)
    word = token.lower_
    return lexicon is not None and token.is_alpha and lexicon.is_common(word) and not lexicon.is_name(word) \
        and not _state_of(token.text)


def _paren_split(doc: Doc, start: int, end: int) -> tuple[int, int, int | None]:
    """'Islamic Movement of Uzbekistan (IMU' -> name end and the acronym token inside the parenthesis."""
    for i in range(start + 1, end):
        if doc[i].text == "(":
            acr = i + 1 if i + 1 < len(doc) and doc[i + 1].is_upper and doc[i + 1].is_alpha else None
            return start, i, acr
    return start, end, None


def model_candidates(doc: Doc, skip: set[int]) -> list[Candidate]:
    """Clean the model's entity spans into candidates."""
    out: list[Candidate] = []
    c = cues()
    ents = [(e.start, e.end, e.label_) for e in doc.ents if e.label_ in LABEL_VOTES]
    merged: list[tuple[int, int, str]] = []
    for start, end, label in ents:
        if merged and merged[-1][2] == "GPE" and label == "FAC" and merged[-1][1] == start \
                and not doc[start - 1].whitespace_.count("\n"):
            merged[-1] = (merged[-1][0], end, "FAC")  # "Moscow" + "Metro" -> "Moscow Metro"
        elif merged and merged[-1][2] == "NORP" and label == "ORG" and merged[-1][1] == start \
                and not doc[start - 1].whitespace_.count("\n") and doc[merged[-1][0]].text not in states().demonyms \
                and all(_common_word(doc, t) for t in doc[start:end]):
            merged[-1] = (merged[-1][0], end, "ORG")  # "Islamic" + "State": the ORG alone is no name
        else:
            merged.append((start, end, label))
    for ent_start, ent_end, ent_label in merged:
        for s0, e0 in _split_lines(doc, ent_start, ent_end):
            s0 = _extend_hyphen_left(doc, s0)
            s0, e0, acr = _paren_split(doc, s0, e0)
            if acr is not None:
                out.append(Candidate(acr, acr + 1, "ORG", "entities/acronym-in-name"))
            for s1, e1 in _possessive_split(doc, s0, e0):
                label = ent_label
                if s1 != s0 and doc[s1].lower_ in c.titles:
                    continue  # "the Department of State's Coordinator for ...": a post, not a name
                s, e = _trim(doc, s1, e1, label)
                if s >= e:
                    continue  # nothing but punctuation or titles: no name at all
                if label == "PERSON":
                    s = _peel_descriptors(doc, s, e, out)
                    s = _extend_person_left(doc, s, e)
                elif label == "ORG" and e - s == 1 and s > 0 and doc[s - 1].lower_ in ("of", "on", "for"):
                    extended = _extend_title_left(doc, s)
                    if extended is None:
                        continue
                    s = extended
                if s >= e or any(i in skip for i in range(s, e)):
                    continue
                if (s1, e1) != (s0, e0) and s1 == s0 and label not in ("GPE",) and _state_of(doc[s:e].text):
                    label = "GPE"  # the possessor of a split span: "Iran's Ministry" -> Iran
                out.append(Candidate(s, e, label, f"entities/ner-{label.lower()}"))
    return out


def gazetteer_candidates(doc: Doc, gazetteer: Gazetteer | None, skip: set[int]) -> list[Candidate]:
    if gazetteer is None:
        return []
    out = []
    for m in gazetteer.find(doc):
        if any(i in skip for i in range(m.start, m.end)):
            continue
        s, e = _trim(doc, m.start, m.end, "")
        if s >= e:
            continue
        label = "PERSON" if m.record.type == "person" else "ORG"
        cand = Candidate(s, e, label, "entities/gazetteer", refs=[m.record.ref], gaz_name=m.record.name)
        cand.vote(m.record.type, 5.0)
        out.append(cand)
    return out


def lexicon_candidates(doc: Doc, skip: set[int]) -> list[Candidate]:
    """Country names and demonyms the model missed (e.g. 'Azerbaijani' authorities)."""
    st = states()
    out = []
    for t in doc:
        if t.i in skip or not t.is_alpha or not (t.is_title or t.is_upper):
            continue
        if t.text in st.demonyms:
            out.append(Candidate(t.i, t.i + 1, "NORP", "entities/demonym", state=st.demonyms[t.text]))
        elif t.text in st.canonical.values() or t.text in ("US", "USA", "UK", "UAE"):
            out.append(Candidate(t.i, t.i + 1, "GPE", "entities/state-name"))
    return out


def _priority(c: Candidate) -> tuple:
    return (c.end - c.start, c.rule == "entities/nickname", c.rule == "entities/gazetteer", c.label != "NORP")


def resolve_overlaps(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """Keep one candidate per token: gazetteer names over the model where they cover it, else the longer."""
    gaz = [c for c in cands if c.rule == "entities/gazetteer"]
    rest = [c for c in cands if c.rule != "entities/gazetteer"]
    kept: list[Candidate] = []
    for c in rest:
        inside = [g for g in gaz if g.start >= c.start and g.end <= c.end and (g.start, g.end) != (c.start, c.end)]
        if inside and all(_is_descriptor(doc, i) for i in range(c.start, c.end)
                          if not any(g.start <= i < g.end for g in inside)):
            continue  # the model span is the gazetteer name plus descriptors: drop it
        for g in gaz:
            if g.start < c.end and c.start < g.end and g.start <= c.start and g.end >= c.end:
                break
        else:
            for g in gaz:  # gazetteer name inside a longer model span: the span inherits its refs
                if g.start >= c.start and g.end <= c.end:
                    c.refs.extend(r for r in g.refs if r not in c.refs)
                    c.votes.update({k: c.votes.get(k, 0) + v for k, v in g.votes.items()})
            kept.append(c)
            continue
        for g in gaz:  # model span inside/equal to a gazetteer name: keep the gazetteer one, add the label
            if g.start <= c.start and g.end >= c.end:
                g.label = g.label if c.label == "NORP" else c.label
    pool = sorted(gaz + kept, key=_priority, reverse=True)
    taken: set[int] = set()
    out: list[Candidate] = []
    for c in pool:
        if any(i in taken for i in range(c.start, c.end)):
            continue
        taken.update(range(c.start, c.end))
        out.append(c)
    out.sort(key=lambda c: c.start)
    return out


def _is_descriptor(doc: Doc, i: int) -> bool:
    t = doc[i]
    c = cues()
    return (t.text in states().demonyms or t.text in c.peoples or t.lower_ in c.titles or t.lower_ in DETERMINERS
            or t.is_punct or t.text in POSSESSIVE or t.is_lower)


def _alone_on_line(doc: Doc, i: int) -> bool:
    before = i == 0 or "\n" in doc[i - 1].text or "\n" in doc[i - 1].whitespace_
    after = i + 1 >= len(doc) or "\n" in doc[i].whitespace_ or "\n" in doc[i + 1].text
    return before and after


def _agency_end(doc: Doc, i: int, is_demonym: bool, c) -> int | None:
    """End of `[demonym | state's] [modifiers] security-or-agency noun` starting at token i, or None."""
    if not is_demonym:
        if i >= len(doc) or doc[i].lower_ not in ("'s", "’s"):
            return None
        i += 1
    j = i
    while j < len(doc) and j - i < 2 and doc[j].lower_ in c.agency_modifiers and doc[j].is_lower:
        j += 1
    for start in dict.fromkeys((i, j)):  # "security services" as listed, else modifiers + "ministry"
        for size in (2, 1):  # the longest agency noun first
            words = doc[start:start + size]
            if start + size <= len(doc) and all(t.is_lower for t in words) \
                    and " ".join(t.lower_ for t in words) in c.security_nouns:
                return start + size
    return None


def add_context_votes(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """Type votes from the span's words and surroundings; states and demonyms resolved to a country."""
    c, st = cues(), states()
    out: list[Candidate] = []
    for cand in cands:
        span = cand.span(doc)
        text = span.text
        words = [t.lower_ for t in span]
        for k, v in LABEL_VOTES.get(cand.label, {}).items():
            cand.vote(k, v)
        nxt = doc[cand.end] if cand.end < len(doc) else None
        prev = doc[cand.start - 1] if cand.start > 0 else None
        if len(span) == 1 and _alone_on_line(doc, cand.start):
            cand.weak = True  # a one-word line is a heading ("Background"), not a mention
        state = cand.state or _state_of(text) or st.demonyms.get(text.strip("".join(QUOTES)))
        if state is None and len(span) > 1 and words[-1] in c.government_nouns:
            state = _state_of(doc[cand.start:cand.end - 1].text) or st.demonyms.get(doc[cand.start:cand.end - 1].text)
        if state is not None:
            cand.state = state
            is_demonym = text in st.demonyms
            if nxt is not None and nxt.lower_ in c.government_nouns:
                cand.end += 1  # "the Iranian government", "US government"
                cand.weak = False
            elif cand.label != "ORG" and (end := _agency_end(doc, cand.end, is_demonym, c)) is not None:
                # "Thai police", "Russian security forces", "Libyan coastguard", "Russia's foreign ministry": an
                # agency of that state, not the state
                org = Candidate(cand.start, end, "ORG", "entities/state-agency")
                org.vote("organization", 3.0)
                out.append(org)
                continue
            elif is_demonym:
                acting = text in st.plural_demonyms and (span.root.dep_ in ("nsubj", "nsubjpass")
                                                         or (prev is not None and prev.lower_ == "the"))
                cand.weak = not acting
            cand.vote("state", 4.0 if not cand.weak else 1.0)
            out.append(cand)
            continue
        if cand.label == "NORP":
            if text in c.peoples or all(t.text in c.peoples or t.is_lower for t in span):
                continue  # religions, ideologies, peoples: not actors by themselves
            cand.weak = True
            cand.vote("organization", 0.5)
        before = doc[cand.start - 1] if cand.start > 0 else None
        at_line_start = before is None or "\n" in before.text or "\n" in before.whitespace_
        if text.isupper() and at_line_start and nxt is not None and nxt.text in ("(", ",", "\u2014", "-"):
            cand.vote("place", 3.0)  # dateline: "JERUSALEM (AP) -"
        elif text.isupper() and len(text.replace(".", "")) <= 6 and cand.label in ("GPE", "ORG", "NORP", "PERSON"):
            if prev is not None and (prev.like_num or any(ch.isdigit() for ch in prev.text)):
                continue  # "7:57 MSD": a time zone, not an actor
            cand.vote("organization", 2.0)  # an acronym the model took for a country or person
        if words[-1].rstrip(".") in c.biblio_abbrevs and len(words) == 1:
            continue
        if words[-1] in c.org_heads:
            cand.vote("organization", 3.0)
        if words[-1] in c.place_heads or (nxt is not None and nxt.lower_ in c.place_heads and nxt.is_lower):
            cand.vote("place", 3.0)
        if words[0] in c.compass and len(words) > 1 and words[-1] not in c.org_heads:
            cand.vote("place", 2.0)
        if cand.label == "PERSON" and nxt is not None and nxt.is_lower and nxt.lower_ in c.org_heads:
            cand.end += 1  # "the Haqqani network": a name the model took for a person, plus its org head
            cand.vote("organization", 3.0)
        gov = doc[cand.start - 2] if prev is not None and prev.lower_ == "the" and cand.start > 1 else prev
        locative = gov is not None and (gov.lower_ in LOCATIVE_PREPS or (
            gov.lower_ == "to" and gov.head.pos_ == "VERB" and gov.head.lower_ != "according"))
        if locative and words[-1] not in c.org_heads \
                and cand.label in ("ORG", "PERSON"):
            cand.vote("place", 0.5)
        if prev is not None and prev.lower_.rstrip(".") in c.titles and prev.is_title:
            cand.vote("person", 2.0)
        out.append(cand)
    return out


def nickname_candidates(doc: Doc, skip: set[int]) -> list[Candidate]:
    """'Ibrahimkhalil "Saleh" Davudov', 'Oskan "the Chemist" Brevdar': one person whose quoted nickname is an
    alias."""
    out = []
    for t in doc:
        i = t.i
        if t.text not in QUOTES or i < 1 or i in skip or not _is_name_word(doc[i - 1]):
            continue
        close = next((j for j in range(i + 2, min(i + 5, len(doc))) if doc[j].text in QUOTES), None)
        if close is None or close + 1 >= len(doc) or not _is_name_word(doc[close + 1]):
            continue
        first = i + 2 if doc[i + 1].lower_ == "the" and close > i + 2 else i + 1  # '"the Chemist"'
        if not all(_is_name_word(doc[j]) for j in range(first, close)):
            continue
        start = i - 1
        while start > 0 and _is_name_word(doc[start - 1]) and "\n" not in doc[start - 1].whitespace_:
            start -= 1
        cand = Candidate(start, close + 2, "PERSON", "entities/nickname", nickname=doc[i + 1:close].text)
        cand.vote("person", 4.0)
        out.append(cand)
    return out


def pattern_candidates(doc: Doc, skip: set[int]) -> list[Candidate]:
    """Capitalised names ending in an organization or place head the model missed: 'Caucasus Emirate'."""
    c = cues()
    out = []
    for t in doc:
        head = t.lower_
        if t.i in skip or not t.is_title or (head not in c.org_heads and head not in c.place_heads):
            continue
        start = t.i
        while start > 0:
            prev = doc[start - 1]
            if "\n" in prev.text or "\n" in prev.whitespace_:
                break
            if _is_name_word(prev) or (prev.lower_ in ("of", "for", "and") and start - 2 >= 0
                                       and _is_name_word(doc[start - 2])):
                start -= 1
            else:
                break
        while start < t.i and not _is_name_word(doc[start]):
            start += 1
        if t.i + 1 - start < 2:
            continue
        label = "ORG" if head in c.org_heads else "FAC"
        cand = Candidate(start, t.i + 1, label, "entities/name-pattern")
        cand.vote("organization" if label == "ORG" else "place", 1.0)
        out.append(cand)
    return out


def acronym_candidates(doc: Doc, cands: list[Candidate], skip: set[int]) -> list[Candidate]:
    """'Iran's Ministry of Intelligence and Security (MOIS)': the parenthesised acronym, even if untagged."""
    taken = {i for c in cands for i in range(c.start, c.end)}
    out = []
    for c in cands:
        i = c.end
        if i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")" and i + 1 not in taken \
                and i + 1 not in skip and doc[i + 1].is_upper and len(doc[i + 1].text) >= 2 and c.end - c.start > 1:
            acr = Candidate(i + 1, i + 2, "ORG", "entities/acronym-defined")
            out.append(acr)
    return out
