"""The trained segmenter weights (``models/segmenter/weights.json``): read once, checked, swappable for training.

The file holds the block classifier (two stacked logistic regressions and boosted trees, see
:mod:`pipeline.segment.classifier`) and the title/date/author rankers
(:mod:`pipeline.segment.meta.ranker`), as plain JSON numbers written by
``python -m pipeline.train_segmenter``.  A part that does not match the code (other feature names,
wrong sizes) is dropped, and the segmenter falls back to its hand-set rules for it.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from pipeline.segment.features import STAGE2_FEATURES

MODEL_PATH = Path(__file__).resolve().parent.parent.parent / "models" / "segmenter" / "weights.json"


@dataclass
class Linear:
    """A linear score over standardised features: ((x - mean) / scale) · coef + intercept."""

    names: list[str]
    mean: Any  # numpy arrays
    scale: Any
    coef: Any
    intercept: float = 0.0


@dataclass
class Ranker:
    """A softmax ranker over candidates: linear score plus boosted stumps, and a 'none of them' score."""

    linear: Linear
    null: float
    threshold: float
    use_null: bool
    stumps: list[tuple[int, float, float, float]]  # (feature, threshold, value below, value at or above)


@dataclass
class Trees:
    """Boosted oblivious trees added to the stage-2 logit: features, thresholds (k, depth), leaves (k, 2**depth)."""

    features: Any
    thresholds: Any
    leaves: Any


@dataclass
class Model:
    """Everything read from weights.json, checked against the code."""

    stage1: Linear
    stage2: Linear | None
    threshold: float
    rankers: dict[str, Ranker] = field(default_factory=dict)
    trees: Trees | None = None
    sequence_penalty: float = 0.0


def _linear(raw: dict, ranker_names: list[str] | None = None) -> Linear:
    """A stage (its own feature names and an intercept) or, given its names, a ranker's linear part."""
    import numpy as np

    linear = Linear(
        names=list(ranker_names if ranker_names is not None else raw["feature_names"]),
        mean=np.asarray([float(x) for x in raw["mean"]]),
        scale=np.asarray([float(x) or 1.0 for x in raw["scale"]]),
        coef=np.asarray([float(x) for x in raw["coef"]]),
        intercept=float(raw["intercept"]) if ranker_names is None else 0.0,
    )
    if not (len(linear.names) == len(linear.mean) == len(linear.scale) == len(linear.coef)):
        raise ValueError("inconsistent linear model")
    return linear


def _ranker(raw: dict) -> Ranker:
    """A ranker as stored; whether its feature names are the code's is checked where it is applied."""
    names = list(raw["feature_names"])
    rk = Ranker(
        linear=_linear(raw, names),
        null=float(raw["null"]),
        threshold=float(raw.get("threshold", 0.0)),
        use_null=bool(raw.get("use_null", True)),
        stumps=[(int(j), float(t), float(a), float(b)) for j, t, a, b in (raw.get("stumps") or [])],
    )
    if any(not 0 <= j < len(names) for j, _, _, _ in rk.stumps):
        raise ValueError("stump feature out of range")
    return rk


def prepare_trees(raw: dict | None, n_features: int) -> Trees | None:
    """Boosted oblivious trees on top of stage 2 (added to its logit); None when absent."""
    import numpy as np

    if not raw:
        return None
    F = np.asarray(raw["features"], dtype=np.int64)
    T = np.asarray(raw["thresholds"], dtype=float)
    V = np.asarray(raw["leaves"], dtype=float)
    if F.ndim != 2 or T.shape != F.shape or V.shape != (F.shape[0], 2 ** F.shape[1]):
        raise ValueError("inconsistent trees")
    if F.size and (F.min() < 0 or F.max() >= n_features):
        raise ValueError("tree feature out of range")
    return Trees(F, T, V)


def prepare_model(raw: dict | None) -> Model | None:
    """Check a model as stored in weights.json; None when it is unusable (then rules decide)."""
    if not isinstance(raw, dict):
        return None
    try:
        stage1 = _linear(raw["stage1"] if "stage1" in raw else raw)
        stage2 = _linear(raw["stage2"]) if raw.get("stage2") else None
        if stage2 is not None and len(stage2.names) != len(stage1.names) + len(STAGE2_FEATURES):
            return None
        rankers = {}
        for name, rk in (raw.get("rankers") or {}).items():
            try:
                rankers[name] = _ranker(rk)
            except (KeyError, TypeError, ValueError):
                continue
        trees = prepare_trees(raw.get("trees"), len(stage2.names)) if stage2 is not None else None
        penalty = float(raw.get("sequence_penalty") or 0.0)
        if not 0.0 <= penalty < 50.0:
            return None
        return Model(stage1, stage2, float(raw.get("threshold", 0.5)), rankers, trees, penalty)
    except (KeyError, TypeError, ValueError, ImportError):
        return None


_CACHE: dict[str, Model | None] = {}


def current_model() -> Model | None:
    """The model in use: the one set by :func:`use_model`, else weights.json (read once), else None."""
    if "m" not in _CACHE:
        raw = None
        try:
            with open(MODEL_PATH, encoding="utf-8") as fh:
                raw = json.load(fh)
        except (OSError, ValueError):
            raw = None
        _CACHE["m"] = prepare_model(raw if isinstance(raw, dict) else None)
    return _CACHE["m"]


@contextmanager
def use_model(raw: dict | None) -> Iterator[Model | None]:
    """Segment with this model (weights.json format; None = rules only) inside the ``with`` block.

    For training and tests; afterwards weights.json is read again on the next call.
    """
    _CACHE["m"] = prepare_model(raw)
    try:
        yield _CACHE["m"]
    finally:
        _CACHE.pop("m", None)

