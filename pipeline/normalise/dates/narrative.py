"""The narrative reference time of an article: the date an anaphoric expression ("that day", "the following month") points back to.

TimeML and HeidelTime tell two kinds of relative expression apart.  Deictic ones ("today",
"yesterday", "last week", "next month") are placed against the document creation time, the
anchor every rule already uses.  Anaphoric ones ("that day", "the same day", "the next morning",
"the following month", "later that year") are placed against the last suitable date the story
mentioned before them -- in news it is often in an earlier paragraph ("In March, ... <new
paragraph> The following month, ...").  A time of day with no day of its own ("at 10 p.m.",
"noon", "in the afternoon") is anaphoric too: it falls on the day the story last named ("The bomb
went off on Aug. 7 ... at 10:30 a.m."), not on the publication day, whenever the story named one.
:class:`Narrative` follows an article's readings in text order and gives, for each grain an
anaphor needs, the start of the latest date fine enough to name it (a day for "that day"; a day or
month for "that month"; anything within a year for "that year"); :func:`anaphor_grain` says
whether a phrase is anaphoric and which grain it needs.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Callable

from pipeline.lexicon.calendar_words import TIME_ZONE_PATTERN
from pipeline.normalise.dates.values import DateValue
from pipeline.normalise.dates.vocabulary import WEEKDAY_RE

_DAY_PARTS = r"(?:day|morning|afternoon|evening|night)"
_BEFORE_AFTER = r"(?:(?:earlier|later|early|late)\s+(?:in\s+|on\s+)?)?"
#: a time of day written alone: "10 p.m.", "at 6:30 a.m. EDT", "noon", "around midnight", "9 o'clock"
_CLOCK_ALONE = (r"(?:(?:at|around|about|by|until|till|before|after|shortly\s+(?:before|after)|"
                r"just\s+(?:before|after))\s+)?(?:\d{1,2}(?::\d\d)?\s*(?:a\.?m\.?|p\.?m\.?)|"
                r"\d{1,2}:\d\d|\d{1,2}\s+o'clock|noon|midnight)(?:\s+\(?(?:" + TIME_ZONE_PATTERN + r")\)?)?")
#: a part of the day written alone: "the afternoon", "in the early morning", "mid-afternoon" (not
#: "this morning", "tomorrow evening", nor "the night"/"overnight": the night before the anchor)
_PART_OF_DAY_ALONE = (r"(?:(?:in|during)\s+)?(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?"
                      r"(?:morning|afternoon|evening)")
#: anaphoric phrases (cleaned, lower case) by the grain of the reference they need; "the next
#: day" is anaphoric but "next month" and "the next month" ("over the next month") are not
ANAPHORS: tuple[tuple[str, re.Pattern], ...] = (
    ("day", re.compile(_BEFORE_AFTER + r"(?:that(?:\s+same)?|the\s+same)\s+" + _DAY_PARTS)),
    ("day", re.compile(r"the\s+(?:following|next|previous|preceding|prior)\s+" + _DAY_PARTS)),
    ("day", re.compile(r"the\s+following\s+" + WEEKDAY_RE.replace(r"\.?", ""))),
    ("day", re.compile(_CLOCK_ALONE)),
    ("day", re.compile(_PART_OF_DAY_ALONE)),
    ("week", re.compile(_BEFORE_AFTER + r"(?:that(?:\s+same)?|the\s+same|the\s+following|"
                        r"the\s+previous|the\s+preceding|the\s+prior)\s+week(?:end)?")),
    ("month", re.compile(_BEFORE_AFTER + r"(?:that(?:\s+same)?|the\s+same|the\s+following|"
                         r"the\s+previous|the\s+preceding|the\s+prior)\s+month")),
)
#: the grains of a reference date fine enough for each anaphor grain
_FINE_ENOUGH = {
    "day": {"day", "hour", "minute", "second", "night"},
    "week": {"week", "day", "hour", "minute", "second", "night"},
    "month": {"month", "day", "hour", "minute", "second", "night"},
    "year": {"year", "half", "season", "quarter", "month", "week", "day", "hour", "minute",
             "second", "night"},
}
#: rules whose value names no date of its own (a bare clock time is put on the story's day)
_NOT_REFERENCES = {"clock", "age"}


def anaphor_grain(p: str) -> str | None:
    """The grain of the reference the cleaned phrase ``p`` needs, if it is anaphoric."""
    for grain, rx in ANAPHORS:
        if rx.fullmatch(p):
            return grain
    return None


class Narrative:
    """The reference dates of one article so far, read in text order."""

    __slots__ = ("_refs",)

    def __init__(self) -> None:
        self._refs: dict[str, datetime] = {}

    def refs(self) -> dict[str, datetime]:
        """For each anaphor grain, the start of the latest date seen that is fine enough."""
        return dict(self._refs)

    def read(self, normalise: Callable[..., DateValue | None], *args, **kwargs) -> DateValue | None:
        """``normalise(*args, refs=..., **kwargs)`` of the next date expression of the article
        (:func:`~pipeline.normalise.dates.normalise_date`), against the references so far, then seen."""
        v = normalise(*args, refs=self.refs(), **kwargs)
        self.see(v)
        return v

    def see(self, v: DateValue | None) -> None:
        """Take the reading of the next date expression of the article into account."""
        if v is None or v.kind != "point" or v.start is None or v.rule in _NOT_REFERENCES:
            return
        for grain, fine in _FINE_ENOUGH.items():
            if v.grain in fine:
                self._refs[grain] = v.start
