"""Feature registry: each model input is declared once, with its name and how its value is computed.

A :class:`FeatureSet` is an ordered list of :class:`Feature`; its ``names`` and the rows that
:meth:`FeatureSet.values` returns come from the same list, so the names written into
``weights.json`` and the numbers the model reads cannot drift apart.  To add a feature, add one
``Feature(name, function)`` line to the right set (block, page, stage-2, title, date or author
features) and retrain (``make train-segmenter``); a model trained before the change is then
dropped (its names no longer match) until it is retrained.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence


@dataclass(frozen=True)
class Feature:
    """One named model input; ``value`` computes it from the set's arguments (a block, a candidate…)."""

    name: str
    value: Callable[..., float]


class FeatureSet:
    """An ordered, named list of features that yields names and value rows from one definition."""

    def __init__(self, features: Iterable[Feature]):
        self.features = tuple(features)
        self.names = [ft.name for ft in self.features]
        if len(set(self.names)) != len(self.names):
            raise ValueError(f"duplicate feature names in {self.names}")
        self._functions = tuple(ft.value for ft in self.features)

    def __len__(self) -> int:
        return len(self.features)

    def index(self, name: str) -> int:
        """Position of the feature called ``name`` in a row."""
        return self.names.index(name)

    def values(self, *args) -> list[float]:
        """The row of feature values for one item (the arguments each feature function takes)."""
        return [fn(*args) for fn in self._functions]

    def rows(self, *columns: Sequence) -> list[list[float]]:
        """The rows of many items at once: ``columns`` holds one sequence per argument, with an
        entry per item.  The same rows as :meth:`values` item by item, computed feature by feature
        (fewer Python calls; the feature functions are pure, so the order does not matter)."""
        n = len(columns[0])
        if not self._functions:
            return [[] for _ in range(n)]
        return [list(row) for row in zip(*[list(map(fn, *columns)) for fn in self._functions])]


# ------------------------------------------------------------------ value transforms shared by features


def clip(x: float, lo: float, hi: float) -> float:
    """``x`` limited to [lo, hi]."""
    return lo if x < lo else hi if x > hi else x


def signed_log_distance(i: int, ref: int | None) -> float:
    """Signed, log-compressed block distance i - ref (0.0 without a reference)."""
    if ref is None:
        return 0.0
    d = i - ref
    return math.copysign(math.log1p(abs(d)), d)


def mostly_upper(s: str) -> float:
    """1.0 when ``s`` has at least four letters and more than 80 % of them are capitals."""
    letters = [c for c in s if c.isalpha()]
    return float(len(letters) >= 4 and sum(c.isupper() for c in letters) > 0.8 * len(letters))
