"""Rules for expressions built on another date: "the week of October 7th", "the morning of Christmas", "three days after Easter", "this year's third quarter"."""

from __future__ import annotations

import re
from datetime import timedelta

from pipeline.normalise.dates.calendar import GRAIN_ORDER, floor, value_at
from pipeline.normalise.dates.context import Ctx
from pipeline.normalise.dates.durations import parse_duration_parts, shift
from pipeline.normalise.dates.registry import DATE_RULES, ex
from pipeline.normalise.dates.values import DateValue, point, unresolved
from pipeline.normalise.dates.vocabulary import PARTS_OF_DAY

_WEEK_OF = re.compile(r"(?:the\s+)?week\s+of\s+(?:the\s+)?(?P<x>.+)")


@DATE_RULES.rule("week_of", examples=[
    ex("the week of October 7th, 2023", "2023-W40"), ex("the week of October 8, 2023", "2023-W41"),
    ex("week of Oct. 11, 2023", "2023-W41"),
], negatives=["the week of the election", "the week of March"])
def week_of(p: str, ctx: Ctx) -> DateValue | None:
    """"the week of October 7th": the ISO week holding the day (a Sunday opens the following
    week, as in US usage)."""
    m = _WEEK_OF.fullmatch(p)
    if not m:
        return None
    x = ctx.read(m.group("x"))
    if x is None or x.grain != "day" or x.kind != "point":
        return None
    if x.start is None:
        return unresolved(None, "week", "week_of")
    d = x.start + timedelta(days=1 if x.start.weekday() == 6 else 0)
    return point(d, "week", "week_of")


_PART_OF = re.compile(r"(?:the\s+)?(?P<part>morning|afternoon|evening|night)\s+of\s+(?:the\s+)?"
                      r"(?P<x>.+)")


@DATE_RULES.rule("part_of_day_of", examples=[
    ex("the morning of Christmas 2013", "2013-12-25TMO"), ex("the evening of March 3, 2020", "2020-03-03TEV"),
], negatives=["the morning of the attack"])
def part_of_day_of(p: str, ctx: Ctx) -> DateValue | None:
    """"the morning of Christmas", "the evening of March 3": that part of that day."""
    m = _PART_OF.fullmatch(p)
    if not m:
        return None
    x = ctx.read(m.group("x"))
    if x is None or x.grain != "day" or x.kind not in ("point", "unresolved"):
        return None
    if x.start is None:
        return unresolved(None, "hour", "part_of_day", typ="TIME")
    code, h0, h1 = PARTS_OF_DAY[m.group("part")]
    d = floor(x.start, "day")
    return DateValue("TIME", value_at(d, "day") + "T" + code, "point", "hour",
                     d + timedelta(hours=h0), d + timedelta(hours=h1), None, "part_of_day")


_OFFSET = re.compile(r"(?P<d>.+?)\s+(?P<dir>after|before|from|following|prior to)\s+"
                     r"(?P<x>.+)")
_ARTICLE_AMOUNT = re.compile(r"^(?:a|an)\s+(?=\w)")
_FOR = re.compile(r"for\s+")


@DATE_RULES.rule("offset_from_date", examples=[
    ex("three days after Easter 2023", "2023-04-12"), ex("two weeks before March 3, 2023", "2023-02-17"),
    ex("a day after Christmas 2020", "2020-12-26"), ex("for 10 days from Dec 18, 2022", "2022-12-18/2022-12-27"),
], negatives=["two days after the election", "days after Easter"])
def offset_from_date(p: str, ctx: Ctx) -> DateValue | None:
    """"three days after Easter", "two weeks before March 3"; "for 10 days from Dec 18" is the
    interval from that day."""
    m = _OFFSET.fullmatch(p)
    if not m:
        return None
    dur = _ARTICLE_AMOUNT.sub("1 ", m.group("d"))
    span = _FOR.match(dur)  # "for 10 days from Dec 18": an interval
    if span:
        if m.group("dir") != "from":
            return None
        dur = _ARTICLE_AMOUNT.sub("1 ", dur[span.end():])
    parts = parse_duration_parts(dur)
    if not parts or any(n is None for n, _ in parts):
        return None
    x = ctx.read(m.group("x"))
    if x is None or x.kind != "point" or x.start is None or x.grain is None or \
            x.grain not in GRAIN_ORDER or x.type == "DURATION":
        return None
    sign = -1 if m.group("dir") in ("before", "prior to") else 1
    d = shift(x.start, parts, sign)
    if d is None:
        return None
    if span:
        s0 = floor(x.start, x.grain)
        return DateValue(x.type, "%s/%s" % (x.value, value_at(d - timedelta(seconds=1), x.grain)),
                         "interval", x.grain, s0, floor(d, x.grain), None, "offset")
    return point(d, x.grain, "offset", typ=x.type if x.grain in ("hour", "minute", "second") else None)


_POSSESSIVE_PERIOD = re.compile(r"(?:the\s+)?(?P<x>.+?)'s\s+(?P<part>(?:first|second|third|fourth|final|last)"
                                r"\s+(?:quarter|half))")


@DATE_RULES.rule("period_of_year", examples=[
    ex("this year's third quarter", "2023-Q3"), ex("last year's second half", "2022-H2"),
    ex("1990's first quarter", "1990-Q1"), ex("next year's first half", "2024-H1"),
], negatives=["the company's third quarter", "this year's", "last week's third quarter"])
def period_of_year(p: str, ctx: Ctx) -> DateValue | None:
    """"this year's third quarter", "1990's first half": the part of the year named before it
    (read as "the third quarter of this year")."""
    m = _POSSESSIVE_PERIOD.fullmatch(p)
    if not m:
        return None
    x = ctx.read(m.group("x"))
    if x is None or x.grain != "year" or x.kind not in ("point", "unresolved") or x.type != "DATE":
        return None
    part = m.group("part").replace("final", "fourth")
    if part.startswith("last"):
        part = "fourth quarter" if part.endswith("quarter") else "second half"
    v = ctx.read("the %s of %s" % (part, m.group("x")))
    return DateValue(v.type, v.value, v.kind, v.grain, v.start, v.end, v.mod, "period_of_year") if v else None
