"""A linear classifier over named sparse features, stored as plain arrays (no pickle: safe to load anywhere).

Training happens with scikit-learn (claimgraph/training/); what the package keeps is only what prediction needs:
the feature names, the class names and the weight matrix, in one `.npz` read with `allow_pickle=False`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from claimgraph.errors import ExtractError

FORMAT_VERSION = 1


@dataclass
class LinearModel:
    """Softmax class probabilities from feature dictionaries."""

    classes: list[str]
    features: dict[str, int]
    weights: np.ndarray  # (n_features, n_classes) float32
    bias: np.ndarray  # (n_classes,)
    info: dict[str, str] | None = None  # free-form provenance: version, training data, date of the rules

    def scores(self, rows: Iterable[Mapping[str, float]]) -> np.ndarray:
        """Class probabilities, one row per feature dictionary (unknown features are ignored)."""
        rows = list(rows)
        index, values, owner = [], [], []
        for i, row in enumerate(rows):
            for name, value in row.items():
                j = self.features.get(name)
                if j is not None:
                    index.append(j)
                    values.append(value)
                    owner.append(i)
        out = np.tile(self.bias.astype(np.float64), (len(rows), 1))
        if index:  # one gather and one scatter-add for the whole batch
            np.add.at(out, np.asarray(owner), self.weights[np.asarray(index)] * np.asarray(values)[:, None])
        out -= out.max(axis=1, keepdims=True)
        np.exp(out, out=out)
        out /= out.sum(axis=1, keepdims=True)
        return out

    def save(self, path: Path) -> None:
        names = sorted(self.features, key=self.features.__getitem__)
        info = self.info or {}
        np.savez_compressed(
            path, version=np.array(FORMAT_VERSION), classes=np.array(self.classes, dtype=np.str_),
            features=np.array(names, dtype=np.str_), weights=self.weights.astype(np.float16),
            bias=self.bias.astype(np.float32),
            info_keys=np.array(list(info), dtype=np.str_), info_values=np.array(list(info.values()), dtype=np.str_))

    @classmethod
    def load(cls, path: Path) -> LinearModel:
        try:
            with np.load(path, allow_pickle=False) as data:
                if int(data["version"]) != FORMAT_VERSION:
                    raise ExtractError(f"model format {int(data['version'])}, expected {FORMAT_VERSION}",
                                       where=str(path), code="E220")
                return cls(classes=[str(c) for c in data["classes"]],
                           features={str(f): i for i, f in enumerate(data["features"])},
                           weights=data["weights"].astype(np.float32), bias=data["bias"].astype(np.float32),
                           info=dict(zip(map(str, data["info_keys"]), map(str, data["info_values"]), strict=True)))
        except (OSError, KeyError, ValueError) as err:
            raise ExtractError(f"cannot load model ({err})", where=str(path), code="E220") from err


def load_thresholded(path: Path, default: float) -> tuple[LinearModel, float]:
    """A model and the decision threshold `make train` stored in its info (`default` when it stored none)."""
    model = LinearModel.load(path)
    return model, float((model.info or {}).get("threshold", default))
