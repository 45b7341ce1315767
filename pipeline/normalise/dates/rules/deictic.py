"""Deictic rules: words whose value is the reference time itself or a day counted from it ("now", "recently", "yesterday", "tonight", "this morning")."""

from __future__ import annotations

import re
from datetime import timedelta

from pipeline.normalise.dates.calendar import floor, value_at
from pipeline.normalise.dates.context import Ctx
from pipeline.normalise.dates.registry import DATE_RULES, ex
from pipeline.normalise.dates.values import DateValue, point, unresolved
from pipeline.normalise.dates.vocabulary import DAY_WORDS, FUTURE_WORDS, PARTS_OF_DAY, PAST_WORDS, PRESENT_WORDS

@DATE_RULES.rule("deictic", examples=[
    ex("now", "PRESENT_REF"), ex("currently", "PRESENT_REF"), ex("right now", "PRESENT_REF"),
    ex("recently", "PAST_REF"), ex("the past", "PAST_REF"), ex("soon", "FUTURE_REF"),
    ex("the coming years", "FUTURE_REF"), ex("now", "PRESENT_REF", at=None, kind="unresolved"),
], negatives=["nowhere", "the present moment", "pasta"])
def deictic(p: str, ctx: Ctx) -> DateValue | None:
    """now/currently -> PRESENT_REF; recently/the past -> PAST_REF; soon/the future -> FUTURE_REF."""
    a = ctx.anchor
    if p in PRESENT_WORDS:
        if p in ("just now", "right now", "at the moment") and a is not None:
            return DateValue("DATE", "PRESENT_REF", "point", "second", a, a + timedelta(seconds=1),
                             None, "deictic")
        if p == "at this time" and a is not None:
            return DateValue("DATE", "PRESENT_REF", "point", "day", floor(a, "day"),
                             floor(a, "day") + timedelta(days=1), None, "deictic")
        return DateValue("DATE", "PRESENT_REF", "point" if a else "unresolved", None, a, a, None,
                         "deictic")
    if p in PAST_WORDS:
        return DateValue("DATE", "PAST_REF", "point" if a else "unresolved", None, None, a, None,
                         "deictic")
    if p in FUTURE_WORDS:
        return DateValue("DATE", "FUTURE_REF", "point" if a else "unresolved", None, a, None,
                         None, "deictic")
    return None


_BARE_PART = re.compile(r"(?:(?P<pre>in the|during the|the|today|tomorrow|yesterday)\s+)?"
                        r"(?P<part>morning|afternoon|evening|night)")


@DATE_RULES.rule("day_word", examples=[
    ex("yesterday", "2023-09-14"), ex("today", "2023-09-15"), ex("the day after tomorrow", "2023-09-17"),
    ex("tonight", "2023-09-15TNI", kind="point"), ex("last night", "2023-09-14TNI"), ex("this morning", "2023-09-15TMO"),
    ex("morning", "2023-09-15TMO"), ex("in the afternoon", "2023-09-15TAF"), ex("today evening", "2023-09-15TEV"),
    ex("tomorrow afternoon", "2023-09-16TAF"), ex("the night", "2023-09-14TNI"),
    ex("yesterday", None, at=None, kind="unresolved"),
], negatives=["the days", "every morning", ex("He said on a [morning] talk show", None)])
def day_word(p: str, ctx: Ctx) -> DateValue | None:
    """today / yesterday / tomorrow / tonight / this morning / last night ...; a bare part of
    day ("morning", "in the afternoon", "evening") is that part of the anchor's day, like "this
    morning"; "today evening" / "tomorrow afternoon" name the day explicitly."""
    if p not in DAY_WORDS:
        m = _BARE_PART.fullmatch(p)
        if m is None or p == "the night":
            return None
        off = {"today": 0, "tomorrow": 1, "yesterday": -1}.get(m.group("pre") or "", 0)
        code, h0, h1 = PARTS_OF_DAY[m.group("part")]
        a = ctx.anchor
        if a is None:
            return unresolved(None, "hour", "dayword", typ="TIME")
        d = floor(a, "day") + timedelta(days=off)
        return DateValue("TIME", value_at(d, "day") + "T" + code, "point", "hour",
                         d + timedelta(hours=h0), d + timedelta(hours=h1), None, "dayword")
    off = DAY_WORDS[p]
    part = None
    for w, spec in PARTS_OF_DAY.items():
        if p.endswith(w) or p == w:
            part = spec
    if p in ("today", "yesterday", "tomorrow", "this day", "the same day", "that day", "the day",
             "earlier today", "later today", "today's", "tomorrow's", "yesterday's"):
        part = None
    a = ctx.anchor
    if a is None:
        return unresolved(None, "day", "dayword")
    d = floor(a, "day") + timedelta(days=off)
    if part:
        code, h0, h1 = part
        return DateValue("TIME", value_at(d, "day") + "T" + code, "point", "hour",
                         d + timedelta(hours=h0), d + timedelta(hours=h1), None, "dayword")
    return point(d, "day", "dayword")
