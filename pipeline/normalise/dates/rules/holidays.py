"""The holiday rule: a named holiday, with an optional year or "last"/"next"/"this" ("Thanksgiving 2013", "last Christmas", "Ramadan")."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from pipeline.normalise.dates.calendar import floor, value_at
from pipeline.normalise.dates.context import Ctx
from pipeline.normalise.dates.holidays import holiday_date, is_holiday
from pipeline.normalise.dates.registry import DATE_RULES, duckling, ex
from pipeline.normalise.dates.values import DateValue, point

_HOLIDAY = re.compile(r"(?:(?P<rel>this|last|next|the|this past|this coming|the next|the last)\s+)?"
                      r"(?P<name>.+?)(?:\s+(?:in|of)?\s*(?P<y>\d{4})|\s+(?:of\s+)?(?P<ry>this|next|"
                      r"last)\s+year)?")
_WEEKEND_OR_HOLIDAY = re.compile(r"\s+(?:weekend|holiday)$")


def _first_day(r) -> datetime:
    return r[0] if isinstance(r, tuple) else r


def _year_without_one(name: str, rel: str, ctx: Ctx) -> int | None:
    """The year of a holiday named without one: this year's, moved by "last"/"next"/"this",
    by the preferred direction and by the tense of the clause."""
    a = ctx.anchor
    today = floor(a, "day")
    y = a.year
    r = holiday_date(name, y)
    if r is None:
        return None
    first = _first_day(r)
    if rel in ("last", "this past", "the last"):
        if first >= today:
            y -= 1
    elif rel in ("next", "this coming", "the next"):
        if first < today:
            y += 1
    elif not rel and ctx.prefer == "future" and first < today:
        y += 1
    elif not rel and ctx.prefer == "past" and ctx.tense != "future" and first > today + timedelta(days=7):
        y -= 1
    elif not rel and ctx.prefer == "nearest":
        cands = [(yy, holiday_date(name, yy)) for yy in (y - 1, y, y + 1)]
        cands = [(yy, _first_day(r2)) for yy, r2 in cands if r2]
        if cands:
            y = min(cands, key=lambda c: abs((c[1] - today).days))[0]
    elif not rel and ctx.tense == "future" and (today - first).days > 0:
        y += 1
    elif rel == "this" and first < today:
        y += 1
    return y


@DATE_RULES.rule("holiday", examples=[
    ex("Thanksgiving 2013", "2013-11-28"), ex("Easter 2024", "2024-03-31"), ex("christmas", "2022-12-25"),
    duckling("christmas", "2013-12-25"), duckling("Thanksgiving 2014", "2014-11-27"), duckling("Canada Day 2015", "2015-07-01"),
    duckling("Eid al-Fitr 1950", "1950-07-16"), duckling("id ul-adha 2018", "2018-08-21"),
    duckling("night of power 2018", "2018-06-11"), duckling("chinese new year", "2014-01-31"),
    duckling("last chinese new year", "2013-02-10"), duckling("Ramadan 2018", "2018-05-16"),
    duckling("new year's day", "2014-01-01"),
], negatives=["Martin Luther King' day", "the election", "christmas tree"])
def holiday(p: str, ctx: Ctx) -> DateValue | None:
    """Named holidays with optional year / "last" / "next" / "this"."""
    m = _HOLIDAY.fullmatch(p)
    if not m:
        return None
    name = m.group("name").strip()
    name = _WEEKEND_OR_HOLIDAY.sub("", name) if not is_holiday(name) else name
    if not is_holiday(name):
        return None
    a = ctx.anchor
    if m.group("y"):
        y = int(m.group("y"))
    elif a is None:
        return DateValue("DATE", None, "unresolved", "day", None, None, None, "holiday")
    elif m.group("ry"):
        y = a.year + {"this": 0, "next": 1, "last": -1}[m.group("ry")]
    else:
        y = _year_without_one(name, m.group("rel") or "", ctx)
        if y is None:
            return None
    r = holiday_date(name, y)
    if r is None:
        return None
    if isinstance(r, tuple):
        s, e = r
        return DateValue("DATE", value_at(s, "day"), "interval", "day", s, e, None, "holiday")
    if r.hour or r.minute:
        return point(r, "minute", "holiday", typ="TIME")
    return point(r, "day", "holiday")
