"""The book of date rules and the shape of their examples (a phrase, a reference time, the TIMEX3 value expected)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pipeline.normalise.rules import RuleBook

#: every date rule, registered where it is defined (the engine decides the order)
DATE_RULES = RuleBook("dates")

#: the default reference time of an example: a Friday, a news story's publication date
FRIDAY = datetime(2023, 9, 15)
#: the reference time of the Duckling corpus (Tuesday 12 February 2013, 04:30)
DUCKLING_NOW = datetime(2013, 2, 12, 4, 30)


@dataclass(frozen=True)
class DateExample:
    """A phrase (or a sentence with the phrase in [brackets]) read at ``anchor``: the value expected
    (None in a negative example: this rule must not read it), and optionally the kind."""

    text: str
    value: str | None
    anchor: datetime | None = FRIDAY
    prefer: str = "past"
    label: str = "DATE"
    kind: str | None = None


def ex(text: str, value: str | None, at: datetime | None = FRIDAY, prefer: str = "past", label: str = "DATE",
       kind: str | None = None) -> DateExample:
    """An example (or, with ``value`` None, a negative example) of a date rule."""
    return DateExample(text, value, at, prefer, label, kind)


def duckling(text: str, value: str | None, kind: str | None = None) -> DateExample:
    """An example read the way the Duckling corpus is: at its reference time, looking forward."""
    return DateExample(text, value, DUCKLING_NOW, "future", "DATE", kind)
