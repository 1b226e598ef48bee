"""The trained relation classifier: scores candidate pairs and turns the confident ones into rule-like candidates.

Each mention pair gets a probability per class (`none`, or a relation type with its direction relative to text
order: `member_of>` means the first mention is the subject). An entity pair takes its best-scoring mention pair;
a relation is proposed when its best class other than `none` clears the model's threshold. (A two-stage
variant, a related/none detector then a typer, was tried: under cross-validation it lost precision faster than it
gained recall.) The trigger word (for
attribution, certainty and polarity) is the rule's trigger when a rule found the same link, else the word that
governs both mentions in the parse.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from claimgraph.extract.models.linear import LinearModel, load_thresholded
from claimgraph.extract.models.relation_features import (
    NONE,
    FeatureContext,
    Pair,
    dependency_path,
    pair_features,
)
from claimgraph.extract.relations.rules import Candidate, types_ok
from claimgraph.settings import get_settings
from claimgraph.types import SYMMETRIC_RELATIONS

MODEL_DIR = Path(__file__).resolve().parent / "data"
RELATIONS_FILE = MODEL_DIR / "relations.npz"
DEFAULT_THRESHOLD = 0.5


def split_label(label: str) -> tuple[str, bool]:
    """`member_of<` -> ("member_of", True): the second mention is the subject."""
    if label.endswith(("<", ">")):
        return label[:-1], label.endswith("<")
    return label, False


def label_of(rtype: str, second_is_subject: bool) -> str:
    if rtype in SYMMETRIC_RELATIONS:
        return rtype
    return rtype + ("<" if second_is_subject else ">")


@dataclass
class RelationModel:
    model: LinearModel
    threshold: float = DEFAULT_THRESHOLD
    keep_rules: bool = True  # the rules' own claims stand beside the model's (see combine)

    @classmethod
    def load(cls, path: Path = RELATIONS_FILE) -> RelationModel:
        return cls(*load_thresholded(path, DEFAULT_THRESHOLD))

    def combine(self, rules: list[Candidate], predicted: list[Candidate]) -> list[Candidate]:
        """The model's claims, plus (keep_rules) each rule claim whose two ends the model left unlinked."""
        if not self.keep_rules:
            return predicted
        linked = {frozenset((c.subject, c.object)) for c in predicted}
        return predicted + [c for c in rules if frozenset((c.subject, c.object)) not in linked]

    def predict(self, pairs: list[Pair], ctx: FeatureContext) -> list[Candidate]:
        """Relations the model finds among one sentence's pairs (one per pair of entities, its best type).

        Tried and left out, each measured by cross-validation: a second type per pair when it also clears the
        threshold (no gain), and pooling a link's scores over its sentences, 1 - prod(1 - p) (+0.004 F1, but a
        systematic error then passes twice as easily)."""
        if not pairs:
            return []
        probs = self.model.scores(pair_features(p, ctx) for p in pairs)
        probs[:, self.model.classes.index(NONE)] = -1.0
        best: dict[frozenset[str], tuple[float, int, Pair]] = {}
        for row, pair in zip(probs, pairs, strict=True):
            k = int(row.argmax())
            p = float(row[k])
            key = frozenset(pair.ends)
            if p >= self.threshold and (key not in best or p > best[key][0]):
                best[key] = (p, k, pair)
        out = []
        for p, k, pair in best.values():
            rtype, flipped = split_label(self.model.classes[k])
            subject, obj = (pair.b.entity, pair.a.entity) if flipped else pair.ends
            if types_ok(ctx.resolver, subject, rtype, obj):  # the same type constraints the rules obey
                out.append(_candidate(pair, subject, rtype, obj, p))
        return out


def _candidate(pair: Pair, subject: str, rtype: str, obj: str, p: float) -> Candidate:
    for c in pair.rules:
        if c.type == rtype and {c.subject, c.object} == {subject, obj}:
            return Candidate(subject, rtype, obj, c.trigger, f"model/relations<{c.rule}>", c.negative,
                             c.presupposed)
    _, top, _ = dependency_path(pair.a.root, pair.b.root)
    trigger = top if top is not None else pair.b.root
    return Candidate(subject, rtype, obj, trigger, f"model/relations p={p:.2f}")


@lru_cache(maxsize=1)
def default_relation_model() -> RelationModel | None:
    """The packaged model, or None when it has not been trained (the rules then work alone)."""
    if not RELATIONS_FILE.is_file():
        return None
    model = RelationModel.load(RELATIONS_FILE)
    threshold = get_settings().relation_threshold  # CLAIMGRAPH_RELATION_THRESHOLD: lower finds more, less surely
    if threshold is not None:
        model.threshold = threshold
    return model
