"""Which candidate mentions name the same referent: surface keys, acronyms, a.k.a., surnames, org variants.

Clustering is a union-find over candidates (a handful per document), so every rule compares entities,
never tokens against tokens.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

from spacy.tokens import Doc

from claimgraph.disjoint_sets import DisjointSets
from claimgraph.extract.entities.lexicons import cues, states
from claimgraph.extract.entities.spans import Candidate

_FUNCTION = {"of", "the", "and", "for", "in", "on", "to", "de", "&"}


def name_key(text: str) -> str:
    """Comparable form of a name: accents, quotes, case, hyphens, a leading 'the' and possessive removed."""
    s = unicodedata.normalize("NFKD", text)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.replace("\u2019", "'").replace("\u2018", "'").casefold().strip()
    s = re.sub(r"('s|s')$", "", s)
    s = re.sub(r"[^0-9a-z]+", " ", s).strip()
    return re.sub(r"^the ", "", s)


def initials(words: list[str], skip_function: bool) -> str:
    return "".join(w[0] for w in words if w and w[0].isalpha() and not (skip_function and w.lower() in _FUNCTION))


def is_acronym_of(acronym: str, long_words: list[str]) -> bool:
    """'MOIS' ~ 'Ministry of Intelligence and Security'; 'AQI' ~ 'al Qaeda in Iraq'."""
    acr = re.sub(r"[^A-Za-z]", "", acronym).lower()
    if len(acr) < 2 or len(long_words) < 2:
        return False
    words = [w.lower() for w in long_words if re.search(r"[A-Za-z]", w)]
    return _initials_match(acr, words)


def _initials_match(acr: str, words: list[str]) -> bool:
    """Each content word gives its initial; function words ('of', 'and') may or may not: MOIS, MIS."""
    if not words:
        return not acr
    head, rest = words[0], words[1:]
    if acr and head[0] == acr[0] and _initials_match(acr[1:], rest):
        return True
    return head in _FUNCTION and _initials_match(acr, rest)


def is_acronym(text: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", text)
    return 2 <= len(letters) <= 8 and letters.isupper()


def cluster_type(members: list[Candidate]) -> str:
    votes: dict[str, float] = defaultdict(float)
    for c in members:
        for k, v in c.votes.items():
            votes[k] += v
    if any(c.state for c in members) and votes.get("state", 0) >= max(votes.values(), default=0) / 2:
        return "state"
    if not votes:
        return "organization"
    return max(sorted(votes), key=lambda k: votes[k])


def _org_words(text: str) -> frozenset[str]:
    """Content words of an org name without state modifiers and generic heads: 'US State Department' -> {state}."""
    c, st = cues(), states()
    words = [w for w in name_key(text.replace(".", "")).split() if w not in _FUNCTION]
    agency = any(w in c.agency_words for w in words)  # only agencies drop their country: 'Saudi Ministry of ...'
    out = set()
    for w in words:
        if w in c.generic_org_words or (agency and (w in st.canonical or w.capitalize() in st.demonyms)):
            continue
        out.add(w)
    if words and (words[0] == "us" or words[0] == "u s"):
        out.discard("us")
    return frozenset(out)


def cluster(doc: Doc, cands: list[Candidate]) -> list[list[Candidate]]:
    """Group candidates into referents and return the groups in order of first mention."""
    uf = DisjointSets(len(cands))
    texts = [c.span(doc).text for c in cands]
    keys = [name_key(t) for t in texts]
    # 1. same surface key, same country, same gazetteer record, explicit links
    first: dict[str, int] = {}
    for i, c in enumerate(cands):
        key = f"state:{c.state}" if c.state else keys[i]
        if key in first:
            uf.union(first[key], i)
        else:
            first[key] = i
        for ref in c.refs:
            rk = f"ref:{ref}"
            if rk in first:
                uf.union(first[rk], i)
            else:
                first[rk] = i
        for j in c.links:
            uf.union(i, j)
    _link_acronyms(doc, cands, texts, uf)
    _link_aka(doc, cands, uf)

    def groups() -> list[list[int]]:
        return sorted(uf.groups().values(), key=min)

    # 2. structural merges that need each referent's type
    types = {min(g): cluster_type([cands[i] for i in g]) for g in groups()}

    def tp(i: int) -> str:
        return types[uf.find(i)] if uf.find(i) in types else cluster_type([cands[i]])

    _link_surnames(cands, texts, keys, uf, tp)
    _link_org_variants(cands, texts, uf, tp)
    _link_place_variants(doc, cands, keys, uf, tp)
    _link_truncated(doc, cands, keys, uf)
    return [[cands[i] for i in g] for g in groups()]


def _link_acronyms(doc: Doc, cands: list[Candidate], texts: list[str], uf: DisjointSets) -> None:
    by_start = {c.start: i for i, c in enumerate(cands)}
    long_forms = [(i, t.split()) for i, t in enumerate(texts) if len(t.split()) > 1 and not cands[i].state]
    for i, c in enumerate(cands):
        if not is_acronym(texts[i]) or c.state:
            continue
        # defined in parentheses right after a long name: "Islamic Movement of Uzbekistan (IMU)"
        if c.start >= 2 and doc[c.start - 1].text == "(":
            j = next((k for k, cc in enumerate(cands) if cc.end == c.start - 1), None)
            if j is not None and is_acronym_of(texts[i], texts[j].split()):
                uf.union(i, j)
                c.vote("organization", 2.0)
                continue
        for j, words in long_forms:
            if is_acronym_of(texts[i], words):
                uf.union(i, j)
                break
    del by_start


_AKA_PUNCT = re.compile(r"[(),\"\u201c\u201d\u2018\u2019]")


def _link_aka(doc: Doc, cands: list[Candidate], uf: DisjointSets) -> None:
    """'X (also known as Y)', 'X, alias "Y"', 'X (better known as Y)', 'X, or Y,' join X and Y; so does a
    parenthesis that holds nothing but another name of the same kind ('Korvath Liberation Army (Velmari Dawn
    Front)')."""
    aka = cues().aka_cues
    for i, c in enumerate(cands[:-1]):
        nxt = cands[i + 1]
        raw = " ".join(doc[c.end:nxt.start].text.lower().split())
        between = " ".join(_AKA_PUNCT.sub(" ", raw).split())
        after = doc[nxt.end].text if nxt.end < len(doc) else ""
        if between == "or":
            if c.state or nxt.state or after not in (",", ")"):
                continue
            uf.union(i, i + 1)
        elif between in aka:
            uf.union(i, i + 1)
        elif raw == "(" and after == ")" and c.label == nxt.label and c.label in ("ORG", "PERSON") \
                and not c.state and not nxt.state:
            uf.union(i, i + 1)


def _link_surnames(cands: list[Candidate], texts: list[str], keys: list[str], uf: DisjointSets, tp) -> None:
    """'Umarov' and 'al Harbi' stand for the full name mentioned nearest before (or after)."""
    particles = cues().name_particles
    full: dict[str, list[int]] = defaultdict(list)
    for i, key in enumerate(keys):
        words = key.split()
        if len(words) < 2 or tp(i) != "person" or cands[i].state:
            continue
        full[words[-1]].append(i)
        if len(words) >= 3 and words[-2] in particles:
            full[" ".join(words[-2:])].append(i)
        first_last = f"{words[0]}|{words[-1]}"
        full[first_last].append(i)
    for key, idx in list(full.items()):
        if "|" in key:
            for j in idx[1:]:
                uf.union(idx[0], j)  # spelling variants of one full name: same first and last word
    linked: dict[str, int] = {}  # bare-name key -> the full name it was joined to
    for i, key in enumerate(keys):
        if cands[i].state or tp(i) in ("state",):
            continue
        words = key.split()
        if not words:
            continue
        if len(words) == 1 or (len(words) == 2 and words[0] in particles) or (
                len(words) <= 4 and tp(i) == "person" and words[0] not in particles):
            targets = full.get(words[-1] if len(words) == 1 or words[0] not in particles else key)
            if not targets:
                continue
            targets = [j for j in targets if keys[j] != key and keys[j].endswith(" " + key)]
            if not targets:
                continue
            before = [j for j in targets if cands[j].start < cands[i].start]
            j = before[-1] if before else targets[0]
            if key in linked and uf.find(linked[key]) != uf.find(j):
                # 'Haqqani' after 'Sirajuddin Haqqani' and later after 'Yahya Haqqani': the bare name's mentions
                # are one referent (same surface), so it stays with the first full name, never joins the two
                continue
            linked.setdefault(key, j)
            uf.union(i, j)


def _link_org_variants(cands: list[Candidate], texts: list[str], uf: DisjointSets, tp) -> None:
    """'Treasury' = 'US Treasury Department'; 'Caucasus Emirate' = 'Islamic Caucasus Emirate'."""
    orgs = [i for i in range(len(cands)) if tp(i) == "organization" and not is_acronym(texts[i])]
    by_words: dict[frozenset[str], list[int]] = defaultdict(list)
    for i in orgs:
        words = _org_words(texts[i])
        if words:
            by_words[words].append(i)
    for members in by_words.values():
        # 'Swedish police' and 'Turkish police' share their words but not their country: join per country; a
        # variant that names none ('the Interior Ministry') joins the only country named, if only one is
        countries: dict[str | None, list[int]] = defaultdict(list)
        for i in members:
            countries[states().named_in(texts[i])].append(i)
        named = [c for c in countries if c is not None]
        if len(named) == 1:
            countries[named[0]] += countries.pop(None, [])
        for same in countries.values():
            for i in same[1:]:
                uf.union(same[0], i)
    keyed = [(i, name_key(texts[i]).split()) for i in orgs]
    for i, wi in keyed:
        if len(wi) < 2:
            continue
        for j, wj in keyed:
            if len(wj) > len(wi) and wj[-len(wi):] == wi and all(w[0].isupper() for w in texts[j].split()[:1]):
                uf.union(i, j)
                break


def _link_place_variants(doc: Doc, cands: list[Candidate], keys: list[str], uf: DisjointSets, tp) -> None:
    """'Domodedovo' = 'Domodedovo Airport' = 'Domodedovo international airport', unless the bare name is a city."""
    suffixes = cues().same_place_suffixes
    places = [i for i in range(len(cands)) if tp(i) == "place"]
    bare: dict[str, list[int]] = defaultdict(list)
    for i in places:
        words = keys[i].split()
        while len(words) > 1 and words[-1] in suffixes:
            words.pop()
        bare[" ".join(words)].append(i)
    city_roots = {uf.find(i) for i, c in enumerate(cands) if c.label == "GPE"}
    for key, idx in bare.items():
        if len(idx) < 2:
            continue
        if any(uf.find(i) in city_roots and keys[i] == key for i in idx):
            continue
        for j in idx[1:]:
            uf.union(idx[0], j)


def _link_truncated(doc: Doc, cands: list[Candidate], keys: list[str], uf: DisjointSets) -> None:
    """A name cut off by the end of an excerpt ('the North Caucasu') joins the full name it starts."""
    last = max((t.i for t in doc if not t.is_space and not t.is_punct), default=-1)
    for i, c in enumerate(cands):
        if c.end - 1 != last:
            continue
        for j, key in enumerate(keys):
            if j != i and key.startswith(keys[i]) and len(key) > len(keys[i]):
                uf.union(i, j)
                break
