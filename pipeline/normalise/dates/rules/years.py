"""Rules for years and their parts: years ("1998", "fiscal 1989", "nineteen ninety-six"), decades and centuries, quarters and halves."""

from __future__ import annotations

import re
from datetime import datetime

from dateutil.relativedelta import relativedelta

from pipeline.lexicon.numbers import parse_number
from pipeline.normalise.dates.calendar import year_of
from pipeline.normalise.dates.context import Ctx
from pipeline.normalise.dates.registry import DATE_RULES, ex
from pipeline.normalise.dates.values import DateValue, point
from pipeline.normalise.dates.vocabulary import DECADE_WORDS, ORD_RE, ORDINALS

_MOD = {"early": "START", "mid": "MID", "mid-": "MID", "late": "END"}
_DECADE_DIGITS = re.compile(r"(?:the\s+)?(?:(?P<mod>early|mid|late|mid-)[\s-]*)?(?:(?P<y>1\d|20)?(?P<d>\d)0|"
                            r"'(?P<d2>\d)0)'?s")
_DECADE_WORD = re.compile(r"(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]*)?(?P<w>" + "|".join(DECADE_WORDS) + r")")
_CENTURY_DIGITS = re.compile(r"(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]*)?(?P<o>\d{1,2})(?:st|nd|rd|th)"
                             r"[\s-]+century")
_CENTURY_WORD = re.compile(r"(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]*)?(?P<w>" + ORD_RE + r")[\s-]+century")


def _decade_digits(m: re.Match, ctx: Ctx) -> DateValue:
    """ "the 1990s", "the '80s", "the mid-80s": a decade, in the century the anchor makes likely."""
    mod = _MOD.get(m.group("mod"))
    d = m.group("d") or m.group("d2")
    cent = m.group("y")
    if cent is None:
        if ctx.anchor is None and m.group("d2") is None and m.group("d") is not None:
            cent = "19"
        else:
            base = ctx.anchor.year if ctx.anchor else 1990
            cent = str(base // 100)
            if int(cent + d + "0") > base:
                cent = str(int(cent) - 1)
    y0 = int(cent + d + "0")
    s = datetime(y0, 1, 1)
    return DateValue("DATE", "%s%s" % (cent, d), "interval", "decade", s, datetime(y0 + 10, 1, 1), mod, "decade")


@DATE_RULES.rule("decade", examples=[
    ex("the 1990s", "199", kind="interval"), ex("the '80s", "198"), ex("the nineties", "199"),
    ex("the early 2000s", "200"), ex("the 20th century", "19"), ex("the twenty-first century", "20"),
], negatives=["1990", "the 1990 season"])
def decade(p: str, ctx: Ctx) -> DateValue | None:
    """"the 1990s" -> 199 (TIMEX3 decade form), "the '80s", "the nineties", "the 20th century" -> 19."""
    m = _DECADE_DIGITS.fullmatch(p)
    if m:
        return _decade_digits(m, ctx)
    m = _DECADE_WORD.fullmatch(p)
    if m:
        d = DECADE_WORDS[m.group("w")]
        base = ctx.anchor.year if ctx.anchor else 1999
        y0 = (base // 100) * 100 + d * 10
        if y0 > base:
            y0 -= 100
        mod = {"early": "START", "mid": "MID", "late": "END"}.get(m.group("mod"))
        return DateValue("DATE", "%03d" % (y0 // 10), "interval", "decade", datetime(y0, 1, 1),
                         datetime(y0 + 10, 1, 1), mod, "decade")
    m = _CENTURY_DIGITS.fullmatch(p) or _CENTURY_WORD.fullmatch(p)
    if m:
        o = int(m.group("o")) if m.groupdict().get("o") else ORDINALS.get(m.group("w"))
        if not o or o < 1:
            return None
        y0 = (o - 1) * 100
        mod = {"early": "START", "mid": "MID", "late": "END"}.get(m.group("mod"))
        return DateValue("DATE", "%02d" % (o - 1), "interval", "century",
                         datetime(max(1, y0), 1, 1), datetime(y0 + 100, 1, 1), mod, "century")
    return None


_QUARTER_RE = re.compile(
    r"(?:the\s+)?(?:(?P<fy>fiscal)\s+)?(?P<o>first|second|third|fourth|1st|2nd|3rd|4th|final|last)"
    r"[\s-]+(?:(?:fiscal|calendar)[\s-]+)?(?P<u>quarter|half|qtr)s?(?:\s+(?:of\s+)?(?:(?:fiscal|"
    r"calendar)\s+)?(?P<y>(?:\d{4}|'\d\d))|\s+of\s+(?:the\s+)?(?P<rel>this|last|next|"
    r"current|previous|the)\s+(?:fiscal\s+)?year|\s+(?P<rel2>this|last|next)\s+year)?")
_QUARTER_SHORT = re.compile(r"(?:(?P<y1>\d{4})[\s-]*|(?P<y2>'?\d\d)(?=q))?q(?P<q>[1-4])"
                            r"(?:\s*(?:of\s+|[-/]\s*)?(?P<y>\d{4}|'\d\d))?|"
                            r"(?P<q2>[1-4])q\s*(?P<y3>\d{4}|'?\d\d)")
_QUARTER_NUMBER = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


def _quarter_words(m: re.Match, a: datetime | None) -> tuple[int, int | None, str] | None:
    """(quarter or half number, year or None, "quarter" or "half") of "the third quarter of 1998"."""
    o = m.group("o")
    unit = "half" if m.group("u") == "half" else "quarter"
    if o in ("final", "last"):
        q = 4 if unit == "quarter" else 2
    else:
        q = _QUARTER_NUMBER[o]
    if unit == "half" and q > 2:
        return None
    yr = year_of(m.group("y"), a) if m.group("y") else None
    rel = m.group("rel") or m.group("rel2")
    if rel and a is not None:
        yr = a.year + {"last": -1, "previous": -1, "next": 1}.get(rel, 0)
    return q, yr, unit


def _quarter_short(m: re.Match, a: datetime | None) -> tuple[int, int | None, str]:
    """(quarter, year or None, "quarter") of "Q3 2023", "2018Q4", "4Q18"."""
    q = int(m.group("q") or m.group("q2"))
    ys = m.group("y") or m.group("y1") or m.group("y2") or m.group("y3")
    if ys and len(ys.lstrip("'")) == 2:
        ys = "'" + ys.lstrip("'")
    return q, (year_of(ys, a) if ys else None), "quarter"


@DATE_RULES.rule("quarter", examples=[
    ex("the third quarter of 2023", "2023-Q3"), ex("the third quarter", "2023-Q3"), ex("Q4 2018", "2018-Q4"),
    ex("2018Q4", "2018-Q4"), ex("4Q18", "2018-Q4"), ex("18q4", "2018-Q4"), ex("Q4-2018", "2018-Q4"), ex("4q 2018", "2018-Q4"), ex("the first half", "2023-H1"), ex("the fourth quarter", "2022-Q4"),
    ex("the second half of next year", "2024-H2"),
], negatives=["the third half", "quarterly"])
def quarter(p: str, ctx: Ctx) -> DateValue | None:
    """"the third quarter" (of 1998), "Q3 2023", "first half", "fiscal 1989"."""
    a = ctx.anchor
    m = _QUARTER_RE.fullmatch(p)
    if m:
        read = _quarter_words(m, a)
        if read is None:
            return None
    else:
        m = _QUARTER_SHORT.fullmatch(p)
        if not m:
            return None
        read = _quarter_short(m, a)
    q, yr, unit = read
    if yr is None:
        if a is None:
            return DateValue("DATE", ("XXXX-Q%d" if unit == "quarter" else "XXXX-H%d") % q,
                             "unresolved", "quarter", None, None, None, "quarter")
        cur = (a.month - 1) // 3 + 1 if unit == "quarter" else (1 if a.month <= 6 else 2)
        yr = a.year
        if ctx.prefer == "future":
            yr += 1 if q < cur else 0
        elif q > cur and ctx.tense != "future" and ctx.prefer == "past":
            yr -= 1
    if unit == "quarter":
        s = datetime(yr, 3 * (q - 1) + 1, 1)
        return DateValue("DATE", "%04d-Q%d" % (yr, q), "point", "quarter", s,
                         s + relativedelta(months=3), None, "quarter")
    s = datetime(yr, 6 * (q - 1) + 1, 1)
    return DateValue("DATE", "%04d-H%d" % (yr, q), "point", "quarter", s,
                     s + relativedelta(months=6), None, "quarter")


_SPOKEN_YEAR = re.compile(r"(?:the\s+year\s+)?(?P<c>nineteen|eighteen|seventeen|two thousand)"
                          r"(?:[\s-]+(?:and[\s-]+)?(?P<r>[a-z]+(?:[\s-][a-z]+)?))?")


def spoken_year(p: str) -> int | None:
    """1996 from "nineteen ninety-six", 2018 from "two thousand (and) eighteen"."""
    m = _SPOKEN_YEAR.fullmatch(p)
    if not m:
        return None
    base = {"nineteen": 1900, "eighteen": 1800, "seventeen": 1700, "two thousand": 2000}[
        m.group("c")]
    if m.group("r") is None:
        return base if base == 2000 else None
    r = parse_number(m.group("r"))
    if r is None or r != int(r) or not 0 < r < 100 or (base < 2000 and r < 10 and
                                                       not m.group("r").startswith("o")):
        return None
    return base + int(r)


_YEAR = re.compile(r"(?:(?:the\s+)?(?:calendar\s+)?year\s+|(?:fiscal|fy|financial)\s*(?:year\s+)?|"
                   r"the\s+)?(?P<y>\d{4}|'\d\d)(?:'s)?")
_ERA_YEAR = re.compile(r"(?:in\s+)?(?P<y>\d{1,4})\s*(?P<era>bc|b\.c\.|bce|ad|a\.d\.|ce)")


@DATE_RULES.rule("year", examples=[
    ex("2012", "2012"), ex("'98", "1998"), ex("the year 2000", "2000"), ex("fiscal 1989", "1989"),
    ex("nineteen ninety-six", "1996"), ex("2014 bc", "BC2014"), ex("1030", "1030"), ex("circa 1030", "1030"),
    ex("since 1200", "1200"), ex("by 1430", "1430"), ex("by 2020", "2020"), ex("since 1999", "1999"),
], negatives=["12345", "nineteen", "at 1030"])
def year(p: str, ctx: Ctx) -> DateValue | None:
    """"1998", "fiscal 1989", "'98", "the year 2000", "1998-99", "2014 bc", "nineteen
    ninety-six"."""
    sy = spoken_year(p)
    if sy is not None:
        return point(datetime(sy, 1, 1), "year", "year")
    m = _YEAR.fullmatch(p)
    if m:
        y = year_of(m.group("y"), ctx.anchor)
        if y is None or not (1000 <= y <= 2200 or m.group("y").startswith("'")):
            return None
        if not p[0].isdigit() and p.startswith(("fiscal", "fy", "financial")):
            s = datetime(y, 1, 1)
            return DateValue("DATE", "%04d" % y, "point", "year", s, datetime(y + 1, 1, 1), None,
                             "fiscal_year")
        return point(datetime(y, 1, 1), "year", "year")
    m = _ERA_YEAR.fullmatch(p)
    if m:
        y = int(m.group("y"))
        if m.group("era").startswith("b"):
            return DateValue("DATE", "BC%04d" % y, "point", "year", None, None, None, "year")
        if 1 <= y <= 9999:
            return point(datetime(y, 1, 1), "year", "year")
    return None
