"""The DateValue record and the few ways rules build one (a point at a grain, an unresolved value, a modified value)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from dateutil.relativedelta import relativedelta

from pipeline.normalise.dates.calendar import add, floor, value_at


@dataclass(frozen=True)
class DateValue:
    """One normalised temporal expression.

    ``type``/``value``/``mod`` follow TIMEX3; ``kind`` says how to read it ("point", "interval",
    "duration", "set", "age", "unresolved"); ``start``/``end`` give the naive wall-clock
    half-open interval covered (None when not anchored); ``rule`` is the producer written to the
    ``dates`` table.  ``read_by`` names the registered rule that read the phrase (finer than
    ``rule``; not a column, not compared).
    """

    type: str
    value: str | None
    kind: str
    grain: str | None
    start: datetime | None
    end: datetime | None
    mod: str | None
    rule: str
    read_by: str | None = field(default=None, compare=False)


def point(dt: datetime, grain: str, rule: str, mod: str | None = None, typ: str | None = None,
          value: str | None = None, kind: str = "point") -> DateValue:
    """A DateValue covering the ``grain`` unit that contains ``dt``."""
    s = floor(dt, grain)
    e = add(s, grain, 1)
    if typ is None:
        typ = "TIME" if grain in ("hour", "minute", "second") else "DATE"
    return DateValue(typ, value or value_at(s, grain), kind, grain, s, e, mod, rule)


def unresolved(value: str | None, grain: str | None, rule: str, mod: str | None = None,
               typ: str = "DATE") -> DateValue:
    """A relative expression that cannot be placed on the calendar without an anchor."""
    return DateValue(typ, value, "unresolved", grain, None, None, mod, rule)


def with_mod(v: DateValue, mod: str | None) -> DateValue:
    """``v`` with the TIMEX3 modifier ``mod``, unless it has one already."""
    if mod is None or v.mod is not None:
        return v
    return dataclasses.replace(v, mod=mod)


def read_by(v: DateValue | None, name: str) -> DateValue | None:
    """``v`` marked as read by rule ``name``."""
    return None if v is None else dataclasses.replace(v, read_by=name)


def narrow(v: DateValue) -> DateValue:
    """Give START/MID/END-modified months, years and weeks the sub-interval they denote
    (early month = days 1-10, late month = 21-end; early year = Jan-Apr, late year = Sep-Dec;
    start of week = Mon-Wed, end of week = Fri-Sun).  The TIMEX value is unchanged."""
    if v.mod not in ("START", "MID", "END") or v.kind != "point" or v.start is None or \
            v.grain not in ("month", "year", "week"):
        return v
    s, e = v.start, v.end
    if v.grain == "month":
        bounds = {"START": (0, 10), "MID": (10, 20)}
        if v.mod == "END":
            s2 = s + timedelta(days=20)
        else:
            s2, e = s + timedelta(days=bounds[v.mod][0]), s + timedelta(days=bounds[v.mod][1])
    elif v.grain == "year":
        m0, m1 = {"START": (0, 4), "MID": (4, 8), "END": (8, 12)}[v.mod]
        s2, e = s + relativedelta(months=m0), s + relativedelta(months=m1)
    else:
        d0, d1 = {"START": (0, 3), "MID": (2, 5), "END": (4, 7)}[v.mod]
        s2, e = s + timedelta(days=d0), s + timedelta(days=d1)
    return dataclasses.replace(v, start=s2, end=e)
