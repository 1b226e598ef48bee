"""Fitting the relation model: logistic regression (scikit-learn) over the pair features.

Why a linear model: the features are thousands of sparse, readable indicators (parse paths, cue words, rule
hits); a multinomial logistic regression learns them in seconds on two cores, is deterministic, and its weights
can be read back to explain a decision. It is stored as plain arrays (extract/models/linear.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from claimgraph.extract.models.linear import LinearModel

MIN_COUNT = 2  # a feature seen once in training is noise (and bloats the model)
C = 0.1
SEED = 13


def fit_linear(rows: Sequence[dict[str, float]], labels: Sequence[str], *, c: float = C,
               min_count: int = MIN_COUNT, info: dict[str, str] | None = None) -> LinearModel:
    """A multinomial logistic regression over the features seen at least `min_count` times."""
    counts: Counter[str] = Counter()
    for row in rows:
        counts.update(row.keys())
    kept = [{k: v for k, v in row.items() if counts[k] >= min_count} for row in rows]
    vectorizer = DictVectorizer(sort=True)
    x = vectorizer.fit_transform(kept)
    clf = LogisticRegression(C=c, max_iter=400, random_state=SEED)
    clf.fit(x, list(labels))
    classes = [str(k) for k in clf.classes_]
    weights, bias = clf.coef_.T, clf.intercept_
    if len(classes) == 2:  # scikit-learn keeps one column for two classes: make it a softmax pair
        weights = np.hstack([-weights / 2, weights / 2])
        bias = np.array([-bias[0] / 2, bias[0] / 2])
    return LinearModel(classes=classes, features=dict(vectorizer.vocabulary_), weights=weights.astype(np.float32),
                       bias=bias.astype(np.float32), info=info)
