"""The book of quantity rules and the shape of their examples (a span in its text, a label, the reading expected)."""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.normalise.rules import RuleBook

#: every step of reading a number, registered where it is defined (``reading`` applies them in order)
QUANTITY_RULES = RuleBook("quantities")


@dataclass(frozen=True)
class QuantityExample:
    """A span (or a text with the span in [brackets]) with its model label, and the fields of the
    reading expected (any of value, low, high, mod, unit, currency)."""

    text: str
    label: str
    expect: dict = field(default_factory=dict)
    local_currency: str | None = None


def qx(text: str, label: str = "CARDINAL", local_currency: str | None = None, **expect) -> QuantityExample:
    """An example (or, with no expected fields, a negative example) of a quantity rule."""
    return QuantityExample(text, label, expect, local_currency)
