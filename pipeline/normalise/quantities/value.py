"""The QuantityValue record: a number, its range, modifier, unit and currency, and the steps that read it."""

from __future__ import annotations

from dataclasses import dataclass, field

#: the values ``QuantityValue.mod`` can take (besides None)
MODIFIERS = ("APPROX", "MORE_THAN", "LESS_THAN", "AT_LEAST", "AT_MOST")


@dataclass(frozen=True)
class QuantityValue:
    """The normalised reading of one numeric mention (see :mod:`pipeline.normalise.quantities`
    for the conventions).  ``read_by`` names the registered steps that shaped the reading (not a
    column, not compared)."""

    value: float | None
    low: float | None
    high: float | None
    mod: str | None
    unit: str | None
    currency: str | None
    read_by: tuple[str, ...] = field(default=(), compare=False)
