"""Composition rules: phrases made of two expressions the direct rules read apart: ranges ("from 2012 to 2017") and a day with a clock time ("Friday 3pm", "noon Thursday")."""

from __future__ import annotations

import re
from datetime import datetime

from pipeline.normalise.dates.context import Ctx
from pipeline.normalise.dates.registry import DATE_RULES, duckling, ex
from pipeline.normalise.dates.rules.clock import clock_time
from pipeline.normalise.dates.values import DateValue, point
from pipeline.normalise.dates.vocabulary import MONTH_RE, ORD_RE, PART_WORDS, WORDNUM_RE

_YEAR_SPAN = re.compile(r"(?P<a>\d{4})\s*[-/]\s*(?P<b>\d{2}|\d{4})")
_RANGE_RE = re.compile(r"(?:(?:from|between)\s+)?(?P<a>.+?)\s*(?:-|–|\bto\b|\bthrough\b|\bthru\b|"
                       r"\buntil\b|\btill\b|\band\b)\s*(?P<b>.+)")
_RANGE_CONNECTIVE = re.compile(r"-|\bto\b|\bthrough\b|\bthru\b|\buntil\b|\btill\b")
_DAY_NUMBER = re.compile(r"\d{1,2}(?:st|nd|rd|th)?|" + ORD_RE)
_LEADING_DAY_NUMBER = re.compile(r"^(?:the\s+)?(?:\d{1,2}(?:st|nd|rd|th)?|" + ORD_RE + r")\s*")
_MONTH = re.compile(MONTH_RE)
_FIRST_WORD = re.compile(r"^(?:\w+)\s*")
_MONTH_AND_DAY = re.compile(r"(" + MONTH_RE + r")\s+\d{1,2}(?:st|nd|rd|th)?(?P<y>,?\s+\d{4})?")
_DIGIT_DAY = re.compile(r"\d{1,2}(?:st|nd|rd|th)?")
_ONE_OR_TWO_DIGITS = re.compile(r"\d{1,2}")


def _year_span(m: re.Match) -> DateValue | None:
    """ "1998-99", "2012/2014": the years from the first to the last, inclusive."""
    y0 = int(m.group("a"))
    b = m.group("b")
    y1 = int(b) if len(b) == 4 else (y0 // 100) * 100 + int(b)
    if len(b) == 2 and y1 < y0:
        y1 += 100
    if not (1000 <= y0 < y1 <= 2200):
        return None
    return DateValue("DATE", "%04d/%04d" % (y0, y1), "interval", "year", datetime(y0, 1, 1),
                     datetime(y1 + 1, 1, 1), None, "range")


def _ends(left: str, right: str, ctx: Ctx) -> tuple[DateValue | None, DateValue | None]:
    """Both ends of a range, each completed from the other where it is written short: "13th to
    15th of July" (the left borrows the month), "July 13 to 15" (the right borrows it)."""
    rv = ctx.read(right)
    lv = ctx.read(left)
    if rv is not None and _DAY_NUMBER.fullmatch(left.replace("the ", "")) and \
            (lv is None or lv.kind in ("duration", "set") or _MONTH.search(right)):
        tail = _LEADING_DAY_NUMBER.sub("", right)
        lv = ctx.read(left + " " + tail)
    if rv is None and lv is not None:
        tail = _FIRST_WORD.sub("", left)
        mm = _MONTH_AND_DAY.fullmatch(left)
        if mm and _DIGIT_DAY.fullmatch(right):
            rv = ctx.read(mm.group(1) + " " + right + (mm.group("y") or ""))
        elif _ONE_OR_TWO_DIGITS.fullmatch(right) and tail:
            rv = ctx.read(tail + " " + right if tail[0].isalpha() else right + " " + tail)
        elif _ONE_OR_TWO_DIGITS.fullmatch(right):
            rv = ctx.read(left.split()[0] + " " + right)
    return lv, rv


@DATE_RULES.rule("range", examples=[
    ex("from 2012 to 2017", "2012/2017", kind="interval"), ex("1998-99", "1998/1999"),
    ex("between May and June", "2023-05/2023-06"), ex("Monday through Friday", "2023-09-11/2023-09-15"),
    duckling("July 13 to 15", "2013-07-13/2013-07-15"), duckling("from the 13th to the 15th of July", "2013-07-13/2013-07-15"),
], negatives=["May and June", "3-1", "2012 to 1999"])
def date_range(p: str, ctx: Ctx) -> DateValue | None:
    """"from 2012 to 2017", "between May and June", "1998-99", "Monday through Friday"."""
    m = _YEAR_SPAN.fullmatch(p)
    if m:
        return _year_span(m)
    m = _RANGE_RE.fullmatch(p)
    if not m:
        return None
    left, right = m.group("a").strip(" ,"), m.group("b").strip(" ,")
    if not left or not right:
        return None
    if not (p.startswith(("from ", "between ")) or _RANGE_CONNECTIVE.search(m.group(0))):
        return None
    lv, rv = _ends(left, right, ctx)
    if lv is None or rv is None or lv.kind in ("duration", "set", "age") or rv.kind in ("duration", "set", "age"):
        return None
    if lv.start is None or rv.start is None:
        value = "%s/%s" % (lv.value, rv.value) if lv.value and rv.value else None
        return DateValue(lv.type, value, "unresolved", lv.grain, None, None, None, "range")
    s, e = lv.start, rv.end or rv.start
    if e <= s:
        return None
    return DateValue(lv.type if lv.type == rv.type else "DATE", "%s/%s" % (lv.value, rv.value),
                     "interval", lv.grain, s, e, None, "range")


_SEPARATOR = re.compile(r"\s*(?:,|\bat\b|\bon\b|\bfor\b|@)\s*|\s+")
_BARE_PART = re.compile(r"(?:morning|afternoon|evening|night)")
_PART_AT_END = re.compile(r"\s*(?:this |in the |at )?(?:morning|afternoon|evening|night)$")
_DAYISH = re.compile(r"[a-z]{3}|\d[/-]\d|\d{4}")
_AT = re.compile(r"^(?:at|@)\s+")
_BARE_HOUR = re.compile(r"\d{1,2}(?::\d\d)?|" + WORDNUM_RE)
_AT_IN_SEPARATOR = re.compile(r"\bat\b|@")


def _day_of(dpart: str, ctx: Ctx) -> tuple[DateValue | None, str | None]:
    """The day named by one side of a day-and-clock phrase, and the part of the day it names."""
    part = None
    for w, pw in PART_WORDS.items():
        if dpart == w or dpart.endswith(" " + w):
            part = pw
    if _BARE_PART.fullmatch(dpart):
        part = dpart
    if part is not None:
        base = _PART_AT_END.sub("", dpart).strip()
        base = {"tonight": "today", "": "today"}.get(base, base)
        return ctx.read(base), part
    if not _DAYISH.search(dpart):
        return None, None
    return ctx.read(dpart), None


def _clock_on(day: DateValue, tpart: str, part: str | None, separator: str, ctx: Ctx) -> DateValue | None:
    """The clock time ``tpart`` on ``day`` (a bare hour takes am/pm from the part of the day)."""
    t = _AT.sub("", tpart)
    if part is not None and _BARE_HOUR.fullmatch(t):
        t = t + (" am" if part == "morning" else " pm")
    at_day = ctx.at(day.start, label="TIME")
    tv = clock_time(t, at_day)
    if tv is None and (t != tpart or _AT_IN_SEPARATOR.search(separator)):
        tv = clock_time("at " + t, at_day)  # "at 150ish"
    return tv


@DATE_RULES.rule("day_and_clock", examples=[
    duckling("day after tomorrow 5pm", "2013-02-14T17:00"), duckling("in the evening at eight", "2013-02-12T20:00"),
    duckling("on Saturday for 9am", "2013-02-16T09:00"), duckling("9 tomorrow evening", "2013-02-13T21:00"),
], negatives=["5pm", "Saturday"])
def day_and_clock(p: str, ctx: Ctx) -> DateValue | None:
    """A day expression plus a clock time in either order ("Fri, Jul 18, 2014 07:00 PM",
    "4/25 at 4:00pm", "tonight at 8", "9 tomorrow morning", "at 9am on Saturday")."""
    for m in _SEPARATOR.finditer(p):
        left, right = p[:m.start()].strip(), p[m.end():].strip()
        if not left or not right:
            continue
        for dpart, tpart in ((left, right), (right, left)):
            dv, part = _day_of(dpart, ctx)
            if dv is None or dv.grain not in ("day",) or dv.start is None:
                continue
            tv = _clock_on(dv, tpart, part, m.group(0), ctx)
            if tv is None or tv.start is None:
                continue
            return DateValue("TIME", tv.value, "point", tv.grain, tv.start, tv.end, None, "datetime")
    return None


_SPLIT_AT_COMMA = re.compile(r"(?P<a>.+?)\s*(?:,|\bat\b|\bon\b|@)\s*(?P<b>.+)")


@DATE_RULES.rule("split_at_comma", examples=[
    duckling("in 7 days at 5pm", "2013-02-19T17:00"), duckling("tomorrow at lunch", "2013-02-13"),
], negatives=["Paris, France"])
def split_at_comma(p: str, ctx: Ctx) -> DateValue | None:
    """Two expressions joined by a comma, "at" or "on": a date and a time make a time ("10 am on
    Friday"); otherwise the first, when it is a day or finer ("Monday, Feb 10")."""
    m = _SPLIT_AT_COMMA.fullmatch(p)
    if not m:
        return None
    av = ctx.read(m.group("a"))
    bv = ctx.read(m.group("b"))
    if av and bv:
        t, dpart = (av, bv) if av.type == "TIME" else (bv, av)
        if t.type == "TIME" and dpart.type == "DATE" and t.start and dpart.start and \
                t.grain in ("minute", "hour", "second"):
            dt = dpart.start.replace(hour=t.start.hour, minute=t.start.minute, second=t.start.second)
            return point(dt, t.grain, "datetime", typ="TIME")
        if av.kind == "point" and av.grain in ("day", "hour", "minute"):
            return av
    if av and not bv and av.kind in ("point", "unresolved"):
        return av
    return None


_CLOCK_THEN_DAY = re.compile(r"(?P<b>(?:\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)|noon|midnight))\s+"
                             r"(?:on\s+)?(?P<a>.+)")


@DATE_RULES.rule("clock_then_day", examples=[
    ex("noon the day after tomorrow", None, at=None, kind="unresolved"),
], negatives=["noon"])
def clock_then_day(p: str, ctx: Ctx) -> DateValue | None:
    """A clock time before a day: "noon Thursday", "10 a.m. yesterday", "midnight on Friday"."""
    m = _CLOCK_THEN_DAY.fullmatch(p)
    if not m:
        return None
    av = ctx.read(m.group("a"))
    if av is not None and av.grain == "day" and av.start is not None:
        tv = clock_time(m.group("b"), ctx.at(av.start, label="TIME"))
        if tv is not None:
            return tv
    elif av is not None and av.grain == "day":
        return av
    return None


_DAY_THEN_CLOCK = re.compile(r"(?P<a>.+?)\s+(?P<b>(?:\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)|noon|"
                             r"midnight|morning|afternoon|evening|night))")
_STARTS_WITH_DIGIT = re.compile(r"\d")


@DATE_RULES.rule("day_then_clock", examples=[
    ex("the 20th of next month morning", "2023-10-20"),
], negatives=["3pm"])
def day_then_clock(p: str, ctx: Ctx) -> DateValue | None:
    """A day then a clock time or part of the day: "Friday 3pm" (the part alone keeps the day)."""
    m = _DAY_THEN_CLOCK.fullmatch(p)
    if not m:
        return None
    av = ctx.read(m.group("a"))
    if av is not None and av.grain == "day":
        if av.start is not None and _STARTS_WITH_DIGIT.match(m.group("b")):
            tv = clock_time(m.group("b"), ctx.at(av.start, label="TIME"))
            if tv is not None:
                return tv
        return av
    return None
