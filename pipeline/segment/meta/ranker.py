"""Choosing one candidate (title, date or author) with a learned softmax ranker that can also answer 'none'."""

from __future__ import annotations

import math
from typing import Any, Sequence

from pipeline.segment.model import current_model
from pipeline.segment.registry import FeatureSet


def linear_stump_scores(X, mean, scale, coef, stumps: Sequence[tuple[int, float, float, float]]):
    """Candidates' scores: linear in their standardised features, plus boosted decision stumps."""
    import numpy as np

    z = ((X - mean) / scale) @ coef
    if len(stumps) == 0:
        return z
    table = np.asarray(stumps, dtype=float)  # one row per stump: feature, threshold, below, at or above
    steps = np.where(X[:, table[:, 0].astype(np.intp)] < table[:, 1], table[:, 2], table[:, 3])
    # the stumps' values are added to z one at a time, in order (cumsum adds left to right), so the
    # sums are the same floats as adding them in a loop
    return np.cumsum(np.column_stack([z, steps]), axis=1)[:, -1]


def softmax_choice(z, null: float, threshold: float, use_null: bool) -> int | None:
    """Index of the best-scoring candidate, or None when its softmax probability (against the
    others and a 'none of them' option scoring ``null``) is under ``threshold``, or, with
    ``use_null``, when 'none' scores higher."""
    import numpy as np

    zmax = max(float(z.max()), null)
    ez = np.exp(z - zmax)
    p = ez / (ez.sum() + math.exp(null - zmax))
    j = int(np.argmax(z))
    if float(p[j]) < threshold or (use_null and float(z[j]) < null):
        return None
    return j


def rank(cands: list[tuple[Any, list[float]]], which: str, features: FeatureSet) -> tuple[bool, Any]:
    """Pick among (payload, feature row) candidates with the ranker ``which`` of the current model.

    Returns (True, payload or None) when a ranker trained on ``features`` is there, else
    (False, None) and the caller's hand-set scores choose.
    """
    model = current_model()
    rk = model.rankers.get(which) if model is not None else None
    if rk is None or rk.linear.names != features.names:
        return False, None
    if not cands:
        return True, None
    import numpy as np

    X = np.asarray([row for _, row in cands], dtype=float)
    if X.shape[1] != len(rk.linear.mean):
        return False, None
    z = linear_stump_scores(X, rk.linear.mean, rk.linear.scale, rk.linear.coef, rk.stumps)
    j = softmax_choice(z, rk.null, rk.threshold, rk.use_null)
    return True, None if j is None else cands[j][0]
