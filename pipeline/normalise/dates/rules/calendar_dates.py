"""Calendar-date rules: months ("May 2018", "last May"), days of a month ("Feb. 10", "the 3rd of October"), numeric dates ("9/14/2023") and seasons."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from pipeline.normalise.dates.anchoring import ordinal_value, resolve_day, resolve_month, season_value
from pipeline.normalise.dates.calendar import safe_date, year_of
from pipeline.normalise.dates.context import Ctx
from pipeline.normalise.dates.registry import DATE_RULES, DUCKLING_NOW, duckling, ex
from pipeline.normalise.dates.values import DateValue, point
from pipeline.normalise.dates.vocabulary import MONTH_RE, MONTHS, ORD_RE, SEASONS, WEEKDAY_RE, WEEKDAYS

_MONTH = re.compile(r"(?:(?P<rel>this|last|next|early|late|mid|mid-|the end of|the beginning of|"
                    r"the middle of|end of|beginning of|middle of|the month of|in)\s*)?(?P<m>" +
                    MONTH_RE + r")(?:,?\s*(?:of\s+)?(?P<y>\d{4}|'\d\d)|\s+(?:of\s+)?(?P<ry>this|"
                    r"last|next)\s+year)?")
_ISO_DATE = re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?(?:[t ](?P<h>\d{1,2}):"
                       r"(?P<mi>\d{2})(?::(?P<s>\d{2}))?)?")
_SEPARATED_DATE = re.compile(r"(?P<a>\d{1,2})\s*(?P<sep>[/.-])\s*(?P<b>\d{1,2})(?:\s*(?P=sep)\s*(?P<y>\d{4}|"
                             r"\d{2}))?")
_MONTH_SLASH_YEAR = re.compile(r"(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})")
_SPACED_DATE = re.compile(r"(?P<a>\d{1,2}) (?P<b>\d{1,2}) (?P<y>\d{4})")
_DAY_MONTH_ABBREVIATED = re.compile(r"(?P<d>\d{1,2})\s*(?P<sep>[-/.])\s*(?P<m>" + MONTH_RE + r")\s*(?P=sep)\s*"
                                    r"(?P<y>\d{4}|\d{2})")
_SEASON = re.compile(r"(?:(?P<rel>this|last|next|this past|this coming|the|early|late|mid|"
                     r"the coming|the past|the last|the next)\s+)?(?P<s>spring|summer|autumn|fall|"
                     r"winter)(?:\s*(?:of\s+)?(?P<y>\d{4}|'\d\d))?")


@DATE_RULES.rule("month", examples=[
    ex("May 2018", "2018-05"), ex("May", "2023-05"), ex("last May", "2023-05"), ex("next March", "2024-03"),
    ex("May of last year", "2022-05"), ex("mid-May", "2023-05"), ex("early March", "2013-03", at=DUCKLING_NOW),
    ex("Dec. 1998", "1998-12"), duckling("January nineteen ninety-seven", "1997-01"), ex("January", "XXXX-01", at=None, kind="unresolved"),
], negatives=["Mayday", "may be"])
def month(p: str, ctx: Ctx) -> DateValue | None:
    """"May 2018", "May", "last May", "next March", "May of last year", "mid-May"."""
    m = _MONTH.fullmatch(p)
    if not m:
        return None
    mo = MONTHS[m.group("m").rstrip(".")]
    rel = m.group("rel")
    mod = {"early": "START", "late": "END", "mid": "MID", "mid-": "MID", "the end of": "END",
           "end of": "END", "the beginning of": "START", "beginning of": "START",
           "the middle of": "MID", "middle of": "MID"}.get(rel or "")
    a = ctx.anchor
    if m.group("y"):
        y = year_of(m.group("y"), a)
    elif m.group("ry"):
        if a is None:
            return DateValue("DATE", "XXXX-%02d" % mo, "unresolved", "month", None, None, mod,
                             "month")
        y = a.year + {"this": 0, "last": -1, "next": 1}[m.group("ry")]
    elif rel in ("last", "next", "this"):
        if a is None:
            return DateValue("DATE", "XXXX-%02d" % mo, "unresolved", "month", None, None, mod,
                             "month")
        if rel == "last":
            y = a.year if mo < a.month - 1 else a.year - 1
        elif rel == "next":
            y = a.year if mo > a.month else a.year + 1
        else:
            y = a.year
    else:
        y = resolve_month(mo, ctx)
        if y is None:
            return DateValue("DATE", "XXXX-%02d" % mo, "unresolved", "month", None, None, mod,
                             "month")
    if y is None:
        return None
    return point(datetime(y, mo, 1), "month", "month", mod)


_DAY_MONTH = re.compile(
    r"(?:(?P<wd>" + WEEKDAY_RE + r"),?\s+)?(?:(?:the\s+)?(?P<d1>\d{1,2}|" + ORD_RE +
    r")(?:st|nd|rd|th)?\s+(?:of\s+|day\s+of\s+)?(?P<m1>" + MONTH_RE + r")|(?P<m2>" + MONTH_RE +
    r")\s*(?:the\s+)?(?P<d2>\d{1,2}|" + ORD_RE + r")(?:st|nd|rd|th)?)(?:,?\s*(?:of\s+)?"
    r"(?P<y>\d{4}|'\d\d))?(?:,?\s+(?P<wd2>" + WEEKDAY_RE + r"))?")


@DATE_RULES.rule("day_and_month", examples=[
    ex("Feb. 10", "2024-02-10"), ex("10 February 2013", "2013-02-10"), ex("Thursday, April 6", "2023-04-06"),
    ex("the 3rd of October", "2023-10-03"), ex("Jul 18, Fri", "2025-07-18"), ex("Sept. 14", "2023-09-14"),
    ex("March 5", "XXXX-03-05", at=None),
], negatives=["Feb. 40", "March 2023", "Feb 30 2023"])
def day_and_month(p: str, ctx: Ctx) -> DateValue | None:
    """"Feb. 10", "10 February 2013", "Thursday, April 6", "the 3rd of October"."""
    m = _DAY_MONTH.fullmatch(p)
    if not m:
        return None
    mo = MONTHS[(m.group("m1") or m.group("m2")).rstrip(".")]
    d = ordinal_value(m.group("d1") or m.group("d2") or "")
    if d is None or d < 1 or d > 31:
        return None
    a = ctx.anchor
    if m.group("y"):
        y = year_of(m.group("y"), a)
        dt = safe_date(y, mo, d) if y else None
        if dt is None:
            return None
        return point(dt, "day", "date")
    if a is None:
        return DateValue("DATE", "XXXX-%02d-%02d" % (mo, d), "unresolved", "day", None, None,
                         None, "date")
    wd = m.group("wd") or m.group("wd2")
    if wd:
        wdn = WEEKDAYS[wd.rstrip(".")]
        for y in (a.year, a.year + 1, a.year - 1, a.year + 2, a.year - 2):
            dt = safe_date(y, mo, d)
            if dt and dt.weekday() == wdn:
                return point(dt, "day", "date")
    dt = resolve_day(mo, d, ctx)
    if dt is None:
        return None
    return point(dt, "day", "date")


@DATE_RULES.rule("numeric_date", examples=[
    ex("2023-09-14", "2023-09-14"), ex("9/14/2023", "2023-09-14"), ex("14.09.2023", "2023-09-14"),
    ex("2023-09", "2023-09"), ex("31 10 1974", "1974-10-31"), ex("10 31 1974", "1974-10-31"), ex("05 04 1974", "1974-05-04"), ex("31-Oct-74", "1974-10-31"),
    ex("7/Nov/2001", "2001-11-07"), ex("9/14", "2023-09-14"), ex("2023-09-14T10:30", "2023-09-14T10:30"),
], negatives=["31 13 1974", "10 31", "14.09"])
def numeric_date(p: str, ctx: Ctx) -> DateValue | None:
    """ISO and slashed dates: "2023-09-14", "9/14/2023", "14.09.2023", "2023-09"."""
    m = _ISO_DATE.fullmatch(p)
    if m:
        y, mo = int(m.group("y")), int(m.group("m"))
        if not 1 <= mo <= 12:
            return None
        if m.group("d"):
            dt = safe_date(y, mo, int(m.group("d")))
            if dt is None:
                return None
            if m.group("h"):
                dt = dt + timedelta(hours=int(m.group("h")), minutes=int(m.group("mi")))
                return point(dt, "minute", "numeric", typ="TIME")
            return point(dt, "day", "numeric")
        return point(datetime(y, mo, 1), "month", "numeric")
    m = _SEPARATED_DATE.fullmatch(p)
    if m:
        a1, b1 = int(m.group("a")), int(m.group("b"))
        if m.group("y") is None and m.group("sep") == ".":
            return None
        mo, d = (a1, b1) if a1 <= 12 else (b1, a1)
        if mo > 12:
            return None
        if m.group("y"):
            y = year_of(m.group("y"), ctx.anchor)
            dt = safe_date(y, mo, d) if y else None
            return point(dt, "day", "numeric") if dt else None
        if ctx.anchor is None:
            return DateValue("DATE", "XXXX-%02d-%02d" % (mo, d), "unresolved", "day", None, None,
                             None, "numeric")
        dt = resolve_day(mo, d, ctx)
        return point(dt, "day", "numeric") if dt else None
    m = _MONTH_SLASH_YEAR.fullmatch(p)
    if m:
        mo, y = int(m.group("m")), int(m.group("y"))
        if 1 <= mo <= 12:
            return point(datetime(y, mo, 1), "month", "numeric")
    # "31 10 1974" / "10 31 1974": space-separated day and month need a four-digit year (a
    # bare "3 30" is not a date); ambiguous ones are month-first like the slashed form
    m = _SPACED_DATE.fullmatch(p)
    if m:
        a1, b1, y = int(m.group("a")), int(m.group("b")), int(m.group("y"))
        mo, d = (a1, b1) if a1 <= 12 else (b1, a1)
        if mo > 12 or not 1000 <= y <= 2200:
            return None
        dt = safe_date(y, mo, d)
        return point(dt, "day", "numeric") if dt else None
    # "31-Oct-74", "31-oct-1974", "31/Oct/74"
    m = _DAY_MONTH_ABBREVIATED.fullmatch(p)
    if m:
        y = year_of(m.group("y"), ctx.anchor)
        dt = safe_date(y, MONTHS[m.group("m").rstrip(".")], int(m.group("d"))) if y else None
        return point(dt, "day", "numeric") if dt else None
    return None


@DATE_RULES.rule("season", examples=[
    ex("this summer", "2023-SU"), ex("last fall", "2022-FA"), ex("summer 2023", "2023-SU"),
    ex("the spring of 1998", "1998-SP"), ex("winter", "2023-WI"), ex("next winter", "2023-WI"),
], negatives=["summery", "springs"])
def season(p: str, ctx: Ctx) -> DateValue | None:
    """"this summer", "last fall", "summer 2023", "the spring of 1998", "winter"."""
    m = _SEASON.fullmatch(p)
    if not m:
        return None
    name = m.group("s")
    rel = m.group("rel") or ""
    mod = {"early": "START", "late": "END", "mid": "MID"}.get(rel)
    a = ctx.anchor
    if m.group("y"):
        y = year_of(m.group("y"), a)
        return season_value(a, name, 0, "season", mod, year=y)
    if a is None:
        return season_value(None, name, 0, "season", mod)
    code, m0 = SEASONS[name]
    cur = season_value(a, None, 0, "season")
    y = a.year
    if rel in ("last", "this past", "the past", "the last"):
        y = a.year if m0 < a.month - 2 else a.year - 1
        if name == "winter":
            y = a.year - 1
    elif rel in ("next", "this coming", "the coming", "the next"):
        y = a.year if m0 > a.month else a.year + 1
    else:
        if name == "winter" and a.month <= 2:
            y = a.year - 1
        elif ctx.tense == "past" and m0 > a.month and cur.value and code not in cur.value:
            y = a.year - 1
        elif ctx.tense == "future" and m0 + 2 < a.month:
            y = a.year + 1
    return season_value(a, name, 0, "season", mod, year=y)
