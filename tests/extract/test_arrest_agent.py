"""`X was arrested in a raid conducted by Y`: the arresting force is Y, found under the arrest's own phrase (a
hand-built parse, so a model update cannot change what this pins)."""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.vocab import Vocab

from claimgraph.extract.relations.rules import _nested_agent

WORDS = ["Abdo", "was", "arrested", "in", "a", "raid", "conducted", "by", "Turkish", "forces", "."]
HEADS = [2, 2, 2, 2, 5, 3, 5, 6, 9, 7, 2]
DEPS = ["nsubjpass", "auxpass", "ROOT", "prep", "det", "pobj", "acl", "agent", "amod", "pobj", "punct"]


def test_the_agent_of_the_raid_is_the_arresting_force():
    doc = Doc(Vocab(), words=WORDS, heads=HEADS, deps=DEPS)
    assert [t.text for t in _nested_agent(doc[2])] == ["forces"]


def test_a_place_is_no_agent():
    words = ["Abdo", "was", "arrested", "in", "Ankara", "."]
    doc = Doc(Vocab(), words=words, heads=[2, 2, 2, 2, 3, 2], deps=["nsubjpass", "auxpass", "ROOT", "prep", "pobj",
                                                                      "punct"])
    assert _nested_agent(doc[2]) == []
