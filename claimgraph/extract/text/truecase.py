"""Length-preserving true-casing of upper-case wire copy, so the statistical model sees normal text.

All-caps text (MUC-4 style wire reports) makes every token look like a proper noun to the tagger and
NER. We lower-case each word and capitalise it back only where the evidence says it is a name: sentence
starts, words the model's own vocabulary has never seen in lower case, and words the vocabulary knows
capitalised but the lemmatizer's common-word index does not know. Every replacement keeps the length
of the word, so character offsets into `document.text` stay valid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language

from claimgraph.extract.events.lexicons import load_lexicon

_WORD = re.compile(r"[A-Za-z][A-Za-z']*")
_VOWELS = set("aeiouy")
_ABSTRACT_SUFFIXES = ("ity", "tion", "sion", "ment", "ness", "ery", "ance", "ence", "ism", "ing", "ship", "age", "ure",
                      "dom", "hood", "ics", "cy", "ty")


@dataclass(frozen=True)
class CaseLexicon:
    """What the model's vocabulary tells us about the usual case of a lower-cased word."""

    known: frozenset[str]  # every string the model's vocabulary holds, lower-cased
    capitalised: frozenset[str]  # lower-cased words that the vocabulary also holds capitalised
    common: frozenset[str]  # lemmas of ordinary nouns, verbs, adjectives and adverbs
    nouns_only: frozenset[str]  # lemmas the index knows only as nouns (proper names hide among them)
    always_capital: frozenset[str]  # months, weekdays and name particles (lexicon file)

    def is_name(self, word: str) -> bool:
        """True when the lower-cased word is more likely a name than a common word."""
        if word in self.always_capital:
            return True
        if word not in self.known:
            return len(word) > 2
        if word not in self.capitalised:
            return False
        if word in self.nouns_only and not self._has_plural(word) and not word.endswith(_ABSTRACT_SUFFIXES):
            return True  # a noun with no plural in the vocabulary: mostly places and names ("peru")
        return not self.is_common(word)

    def _has_plural(self, word: str) -> bool:
        if word.endswith("s"):
            return True
        forms = (word + "s", word + "es", word[:-1] + "ies" if word.endswith("y") else "")
        return any(f in self.known for f in forms if f)

    def is_common(self, word: str) -> bool:
        if word in self.common:
            return True
        for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e")):
            if word.endswith(suffix) and word[: -len(suffix)] + repl in self.common:
                return True
        return False


_BY_VOCAB: dict[int, CaseLexicon] = {}


def case_lexicon_of(vocab: object) -> CaseLexicon | None:
    """The case lexicon built for the pipeline that owns `vocab` (None for a doc no loaded pipeline made), so
    rules that get only a Doc can ask whether a capitalised word is an ordinary word."""
    return _BY_VOCAB.get(id(vocab))


@lru_cache(maxsize=4)
def case_lexicon(nlp: Language) -> CaseLexicon:
    """Build the case lexicon from the loaded model (vocabulary strings and lemmatizer tables)."""
    lexicon = _case_lexicon(nlp)
    _BY_VOCAB[id(nlp.vocab)] = lexicon
    return lexicon


def _case_lexicon(nlp: Language) -> CaseLexicon:
    strings = [s for s in nlp.vocab.strings if s.isalpha()]
    known = frozenset(s.lower() for s in strings)
    capitalised = frozenset(s.lower() for s in strings if s[0].isupper())
    common: set[str] = set()
    by_pos: dict[str, set[str]] = {}
    if "lemmatizer" in nlp.pipe_names:
        lookups = nlp.get_pipe("lemmatizer").lookups
        if lookups.has_table("lemma_index"):
            index = lookups.get_table("lemma_index")
            for pos in ("noun", "verb", "adj", "adv"):
                by_pos[pos] = {w for w in index.get(pos, []) if w.isalpha()}
                common.update(by_pos[pos])
        if lookups.has_table("lemma_exc"):
            exc = lookups.get_table("lemma_exc")
            for pos in ("noun", "verb", "adj", "adv"):
                forms = {w for w in exc.get(pos, {}) if w.isalpha()}
                common.update(forms)
                # irregular forms and the lemmas they inflect are ordinary words ("stole", "spokesman")
                by_pos.setdefault("inflected", set()).update(forms)
                by_pos["inflected"].update(lemma for w in forms for lemma in exc[pos][w])
    function_words = set(load_lexicon("case")["common"])
    common.update(function_words)
    others = set().union(*(by_pos.get(p, set()) for p in ("verb", "adj", "adv", "inflected")), function_words)
    nouns_only = frozenset(by_pos.get("noun", set()) - others)
    return CaseLexicon(known, capitalised, frozenset(common), nouns_only, frozenset(load_lexicon("case")["capital"]))


def is_upper_case_text(text: str, threshold: float = 0.8) -> bool:
    """True when nearly all letters are capitals (wire copy)."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 20:
        return False
    return sum(c.isupper() for c in letters) / len(letters) >= threshold


def _sentence_start(text: str, pos: int) -> bool:
    """A word at pos begins a sentence: start of text, after . ! ? -- or a blank line, or a paragraph indent."""
    before = text[:pos].rstrip(" \t\n\"'([")
    if not before:
        return True
    if before[-1] in ".!?:" or (before.endswith("--") and "--" not in before[:-2]):
        return True
    if before.endswith("]"):  # after a wire tag such as "-- [TEXT]" that opens the body
        opening = before.rfind("[")
        lead = before[:opening].rstrip(" \t")
        return not lead or lead.endswith(("--", "\n", "]"))
    gap = text[len(before):pos]
    return gap.count("\n") > 1 or ("\n" in gap and gap.endswith(("  ", "\t")))


def truecase(text: str, lexicon: CaseLexicon) -> str:
    """Re-case an upper-case text word by word; the result has exactly the length of the input."""
    out: list[str] = []
    last = 0
    for m in _WORD.finditer(text):
        word = m.group()
        out.append(text[last:m.start()])
        last = m.end()
        if not word.isupper():
            out.append(word)
            continue
        low = word.lower()
        bare = low.split("'")[0]
        acronym = len(bare) >= 2 and not (set(bare) & _VOWELS)
        in_parens = m.start() > 0 and text[m.start() - 1] == "(" and text[m.end():m.end() + 1] == ")"
        if acronym or (in_parens and len(word) <= 6 and bare not in lexicon.known):
            out.append(word)
        elif lexicon.is_name(bare) or _sentence_start(text, m.start()):
            out.append(low[0].upper() + low[1:])
        else:
            out.append(low)
    out.append(text[last:])
    result = _capitalise_expansions(text, "".join(out))
    assert len(result) == len(text)
    return result


_NAME_PARTICLES = {"of", "the", "for", "and", "de", "del", "la", "las", "los", "el", "y", "in"}
_EXPANSION = re.compile(r"\b([A-Z]{2,6})\s*\[([A-Z' ]+)\]|((?:[A-Z']+ ){1,8}?)\(([A-Z]{2,6})\)")


def _capitalise_expansions(original: str, cased: str) -> str:
    """An acronym and the words it abbreviates are a name. Wire copy spells names out in brackets after the acronym
    ("EPL [POPULAR LIBERATION ARMY]", often translated, so the initials need not match) or gives the acronym in
    parentheses after the name ("THE POPULAR LIBERATION ARMY (PLA)", initials in order). Length-preserving."""
    chars = list(cased)
    for m in _EXPANSION.finditer(original):
        acronym = m.group(1) or m.group(4)
        start = m.start(2) if m.group(1) else m.start(3)
        words = list(re.finditer(r"[A-Z']+", m.group(2) or m.group(3)))
        content = [w for w in words if w.group().lower() not in _NAME_PARTICLES]
        if m.group(1):
            if not len(acronym) - 1 <= len(content) <= len(acronym) + 2:
                continue
        else:
            content = content[-len(acronym):] if len(content) >= len(acronym) else []
            if not content or "".join(w.group()[0] for w in content) != acronym:
                continue
        for w in content:
            chars[start + w.start()] = chars[start + w.start()].upper()
        a = m.start(1) if m.group(1) else m.start(4)
        chars[a:a + len(acronym)] = list(acronym)
    return "".join(chars)
