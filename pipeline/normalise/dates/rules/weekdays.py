"""Weekday and day-of-month rules: "Thursday", "last Monday", "the first Tuesday of October", "the 15th", "3 Fridays from now"."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from pipeline.lexicon.numbers import parse_number
from pipeline.normalise.dates.anchoring import month_ref, ordinal_value, weekday_date
from pipeline.normalise.dates.calendar import add, floor, nth_weekday, safe_date, value_at
from pipeline.normalise.dates.context import Ctx
from pipeline.normalise.dates.registry import DATE_RULES, DUCKLING_NOW, duckling, ex
from pipeline.normalise.dates.values import DateValue, point, unresolved
from pipeline.normalise.dates.vocabulary import (
    MONTH_RE,
    MONTHS,
    NUM_RE,
    ORD_RE,
    PARTS_OF_DAY,
    WEEKDAY_RE,
    WEEKDAYS,
)

_PART_RE = r"(?P<part>morning|afternoon|evening|night|noon|midday|midnight|overnight)"
_WK_REL = r"(?:this|the current|current|next|the next|the following|following|last|the last|" \
          r"the previous|previous|the past|past)"
#: "Monday of this week", "Sunday from last week", "last week's Sunday"
_WD_OF_WEEK = re.compile(
    r"(?:on\s+)?(?:(?P<wd1>" + WEEKDAY_RE + r")\s+(?:of|from|in)\s+(?P<r1>" + _WK_REL +
    r")\s+week|(?P<r2>" + _WK_REL + r")\s+week'?s\s+(?P<wd2>" + WEEKDAY_RE + r"))")
_WEEK_WORD = {"this": "this", "the current": "this", "current": "this", "next": "next",
              "the next": "next", "the following": "next", "following": "next",
              "last": "last", "the last": "last", "the previous": "last", "previous": "last",
              "the past": "last", "past": "last"}
_WEEKDAY = re.compile(r"(?:(?P<rel>this coming|this past|next|last|this|coming|past|previous|"
                      r"the previous|the following|the next|the last|on|early|late|the)\s+)?(?P<wd>" + WEEKDAY_RE +
                      r")(?:'s)?(?:\s+" + _PART_RE + r")?(?:\s+(?P<wk>next week|last week|this week))?")


@DATE_RULES.rule("weekday", examples=[
    ex("Thursday", "2023-09-14", kind="point"), ex("Friday", "2023-09-15"), ex("last Monday", "2023-09-11"),
    ex("next Friday", "2023-09-22"), ex("Sunday night", "2023-09-10TNI"), ex("monday of this week", "2023-09-11"),
    ex("Wednesday of next week", "2023-09-20"), ex("sunday from last week", "2023-09-10"),
    ex("last week's Sunday", "2023-09-10"), ex("Thursday", "XXXX-WXX-4", at=None, kind="unresolved"),
    ex("It will meet on [Thursday]", "2023-09-21"),
    ex("saturday", "2013-02-09", at=DUCKLING_NOW, prefer="nearest"), duckling("thursday", "2013-02-14"),
    duckling("thursday next week", "2013-02-21"), ex("Tuesday of the following week", "2023-09-19"),
    ex("friday of last week", "2023-09-08"),
], negatives=["Thursdays", "Sunday school"])
def weekday(p: str, ctx: Ctx) -> DateValue | None:
    """"Thursday", "last Monday", "next Friday", "Sunday night", "this Monday", "Monday of this
    week", "Sunday from last week", "last week's Sunday"."""
    mw = _WD_OF_WEEK.fullmatch(p)
    if mw:  # normalise the week-relative forms to "<weekday> <this|next|last> week"
        p = "%s %s week" % (mw.group("wd1") or mw.group("wd2"), _WEEK_WORD[mw.group("r1") or mw.group("r2")])
    m = _WEEKDAY.fullmatch(p)
    if not m:
        return None
    wd = WEEKDAYS[m.group("wd").rstrip(".")]
    rel = m.group("rel")
    a = ctx.anchor
    part = m.group("part")
    if a is None:
        return DateValue("DATE", "XXXX-WXX-%d" % (wd + 1), "unresolved", "day", None, None, None, "weekday")
    if m.group("wk"):
        wk = {"next week": 1, "last week": -1, "this week": 0}[m.group("wk")]
        d = floor(a, "week") + timedelta(weeks=wk, days=wd)
    else:
        rel = {"the previous": "previous", "the last": "last", "the following": "next",
               "the next": "next"}.get(rel or "", rel)
        d = weekday_date(a, wd, rel if rel not in ("on", "early", "late", "the") else None, ctx.tense, ctx.prefer)
    if part and part in ("morning", "afternoon", "evening", "night", "overnight"):
        code, h0, h1 = PARTS_OF_DAY[part]
        return DateValue("DATE", value_at(d, "day") + "T" + code, "point", "hour",
                         d + timedelta(hours=h0), d + timedelta(hours=h1), None, "weekday")
    return point(d, "day", "weekday")


_MONTH_REF = (r"(?P<mref>" + MONTH_RE + r"(?:\s*,?\s*(?:of\s+)?(?:\d{4}))?|(?:the|this|current|"
              r"the current|next|the next|last|the last|previous|the previous|the following|"
              r"coming|the coming)\s+month)")
_NTH_WD = re.compile(r"(?:the\s+)?(?P<o>" + ORD_RE + r"|last|final)\s+(?P<wd>" + WEEKDAY_RE +
                     r")\s+(?:of|in)\s+" + _MONTH_REF)


@DATE_RULES.rule("nth_weekday_of_month", examples=[
    duckling("first tuesday of october 2014", "2014-10-07"), duckling("last friday in october 2013", "2013-10-25"),
    duckling("the first Monday of next month", "2013-03-04"),
], negatives=["first tuesday", "the fifth friday of february 2013"])
def nth_weekday_of_month(p: str, ctx: Ctx) -> DateValue | None:
    """"first Tuesday of October", "last Friday in October 2013", "the first Monday of the month"."""
    m = _NTH_WD.fullmatch(p)
    if not m:
        return None
    o = m.group("o")
    n = -1 if o in ("last", "final") else ordinal_value(o)
    ms = month_ref(m.group("mref"), ctx)
    if n is None or ms is None:
        return unresolved(None, "day", "nth_weekday") if ctx.anchor is None else None
    d = nth_weekday(ms.year, ms.month, WEEKDAYS[m.group("wd").rstrip(".")], n)
    return point(d, "day", "nth_weekday") if d else None


_NTH_DAY_OF = re.compile(r"(?:the\s+)?(?:(?P<o>" + ORD_RE + r")\s+)?(?P<last>last\s+)?"
                         r"(?P<u>day|week|weekend|week-end|week end|wkend)\s+(?:of|in)\s+" + _MONTH_REF)


def _nth_weekend(ms: datetime, nxt: datetime, o: int, last: bool) -> DateValue:
    """The ``o``-th weekend of the month starting ``ms`` (last: counted back from its last Sunday)."""
    if last:
        sun = nxt - timedelta(days=1)
        sun -= timedelta(days=(sun.weekday() - 6) % 7)
        sat = sun - timedelta(days=1 + 7 * (o - 1))
    else:
        sat = ms + timedelta(days=(5 - ms.weekday()) % 7 + 7 * (o - 1))
    y, w, _ = sat.isocalendar()
    return DateValue("DATE", "%04d-W%02d-WE" % (y, w), "point", "day", sat, sat + timedelta(days=2), None, "nth_day")


def _nth_week(ms: datetime, nxt: datetime, o: int, last: bool) -> DateValue:
    """The ``o``-th week of the month: the first starting in it, or (last) the last with most of its days in it."""
    if last:
        last_day = nxt - timedelta(days=1)
        wk = floor(last_day, "week")
        if last_day.weekday() < 3:  # fewer than 4 of that week's days are in the month
            wk -= timedelta(weeks=1)
        wk -= timedelta(weeks=o - 1)
    else:
        first_mon = ms + timedelta(days=(7 - ms.weekday()) % 7)
        wk = first_mon + timedelta(weeks=o - 1)
    return point(wk, "week", "nth_day")


@DATE_RULES.rule("nth_day_of_month", examples=[
    duckling("last day of october 2015", "2015-10-31"), ex("last weekend of October 2017", "2017-W43-WE"),
    ex("last week of September 2014", "2014-W39"), ex("the last week of June 2023", "2023-W26"),
    ex("2nd last week of October 2018", "2018-W42"), ex("first weekend of June 2023", "2023-W22-WE"),
], negatives=["the day of the month", "the 40th day of May"])
def nth_day_of_month(p: str, ctx: Ctx) -> DateValue | None:
    """"last day of October", "the first weekend of June", "the last week of the month"."""
    m = _NTH_DAY_OF.fullmatch(p)
    if not (m and (m.group("o") or m.group("last"))):
        return None
    ms = month_ref(m.group("mref"), ctx)
    if ms is None:
        return unresolved(None, "day", "nth_day") if ctx.anchor is None else None
    o = ordinal_value(m.group("o")) if m.group("o") else 1
    if o is None or o < 1:
        return None
    nxt = add(ms, "month", 1)
    if m.group("u") not in ("day", "week"):  # weekend: n-th Saturday (last: last Sunday - 1)
        return _nth_weekend(ms, nxt, o, bool(m.group("last")))
    if m.group("u") == "day":
        d = nxt - timedelta(days=o) if m.group("last") else ms + timedelta(days=o - 1)
        return point(d, "day", "nth_day") if ms <= d < nxt else None
    return _nth_week(ms, nxt, o, bool(m.group("last")))


_DOM = re.compile(r"(?:on\s+)?(?:(?P<wd>" + WEEKDAY_RE + r")\s*,?\s+)?(?:the\s+)?(?P<d>\d{1,2}(?:st|nd|rd|th)|" +
                  ORD_RE + r"|(?<=the )\d{1,2}|\d{1,2}(?=\s+of\s))(?:\s+(?:of|in)\s+" + _MONTH_REF + r")?")


def _day_in_month_around(d: int, weekday_word: str | None, ctx: Ctx) -> datetime | None:
    """The day ``d`` of a month near the anchor (on the weekday given, when one is)."""
    a = ctx.anchor
    cur = floor(a, "month")
    ks = range(-12, 13) if weekday_word else (-2, -1, 0, 1, 2)
    cands = [c for c in (safe_date(x.year, x.month, d) for x in (add(cur, "month", k) for k in ks)) if c]
    if weekday_word:
        wd = WEEKDAYS[weekday_word.rstrip(".")]
        cands = [c for c in cands if c.weekday() == wd] or [c for c in cands if abs((c - cur).days) < 70]
    today = floor(a, "day")
    if ctx.prefer == "future":
        return min((c for c in cands if c >= today), default=None)
    if ctx.prefer == "nearest" or weekday_word:
        return min(cands, key=lambda c: abs((c - today).days), default=None)
    return max((c for c in cands if c <= today), default=None)


@DATE_RULES.rule("day_of_month", examples=[
    ex("the 15th", "2023-09-15"), ex("the 15th", "2013-01-15", at=DUCKLING_NOW), duckling("the 15th", "2013-02-15"),
    ex("20 of next month", "2023-10-20"), duckling("20th of next month", "2013-03-20"), duckling("Thu 15th", "2013-08-15"),
], negatives=["15th", "the 40th"])
def day_of_month(p: str, ctx: Ctx) -> DateValue | None:
    """"the 15th", "Tuesday the 19th", "20th of next month"."""
    m = _DOM.fullmatch(p)
    if not (m and (m.group("mref") or m.group("wd") or p.startswith(("the ", "on ")))):
        return None
    d = ordinal_value(m.group("d"))
    if d is None or not 1 <= d <= 31:
        return None
    if ctx.anchor is None:
        return DateValue("DATE", "XXXX-XX-%02d" % d, "unresolved", "day", None, None, None, "day_of_month")
    if m.group("mref"):
        ms = month_ref(m.group("mref"), ctx)
        dt = safe_date(ms.year, ms.month, d) if ms else None
        return point(dt, "day", "day_of_month") if dt else None
    dt = _day_in_month_around(d, m.group("wd"), ctx)
    return point(dt, "day", "day_of_month") if dt else None


_N_WEEKDAYS = re.compile(r"(?P<n>" + NUM_RE + r")\s+(?P<wd>monday|tuesday|wednesday|thursday|friday|"
                         r"saturday|sunday)s\s+(?P<dir>from now|hence|ago|later|earlier|back)")


@DATE_RULES.rule("weekdays_from_now", genre="duckling", examples=[
    duckling("3 fridays from now", "2013-03-01"), duckling("2 thursdays back", "2013-01-31"),
], negatives=["fridays"])
def weekdays_from_now(p: str, ctx: Ctx) -> DateValue | None:
    """"3 Fridays from now", "2 Thursdays ago"."""
    m = _N_WEEKDAYS.fullmatch(p)
    if not m:
        return None
    n = parse_number(m.group("n"))
    a = ctx.anchor
    if n is None or n != int(n) or a is None:
        return None
    wd = WEEKDAYS[m.group("wd")]
    today = floor(a, "day")
    if m.group("dir") in ("ago", "earlier", "back"):
        d = today - timedelta(days=(today.weekday() - wd) % 7 or 7) - timedelta(weeks=int(n) - 1)
    else:
        d = today + timedelta(days=(wd - today.weekday()) % 7 or 7) + timedelta(weeks=int(n) - 1)
    return point(d, "day", "weekday")


_AFTER_NEXT = re.compile(r"(?P<x>" + WEEKDAY_RE + r"|" + MONTH_RE + r")\s+after\s+next")


@DATE_RULES.rule("after_next", genre="duckling", examples=[
    duckling("friday after next", "2013-02-22"), duckling("march after next", "2014-03"),
], negatives=["the day after next"])
def after_next(p: str, ctx: Ctx) -> DateValue | None:
    """"<weekday|month> after next": "Friday after next", "March after next"."""
    m = _AFTER_NEXT.fullmatch(p)
    a = ctx.anchor
    if not m or a is None:
        return None
    x = m.group("x").rstrip(".")
    if x in WEEKDAYS:
        d = weekday_date(a, WEEKDAYS[x], "next", None) + timedelta(weeks=1)
        return point(d, "day", "weekday")
    mo = MONTHS[x]
    y = a.year + (1 if mo <= a.month else 0) + 1
    return point(datetime(y, mo, 1), "month", "month")
