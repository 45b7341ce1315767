"""Relative rules: a period counted from the anchor ("three years ago", "in 3 weeks", "last year", "the past 15 years", "upcoming two weeks")."""

from __future__ import annotations

import re

from dateutil.relativedelta import relativedelta

from pipeline.lexicon.numbers import parse_number
from pipeline.normalise.dates.anchoring import rel_unit_value
from pipeline.normalise.dates.calendar import add, floor
from pipeline.normalise.dates.context import Ctx
from pipeline.normalise.dates.durations import duration, parse_duration_parts, shift
from pipeline.normalise.dates.registry import DATE_RULES, duckling, ex
from pipeline.normalise.dates.values import DateValue, point, unresolved
from pipeline.normalise.dates.vocabulary import ABBREVIATIONS, NUM_RE, SYM_GRAIN, UNIT_RE, VAGUE_RE

_DURATION_AND_DIRECTION = re.compile(r"(?P<d>.+?)\s+(?P<dir>ago|back|before|earlier|later|after|hence|"
                                     r"from now|from today|since|previously|before now)")
_IN_DURATION = re.compile(r"(?:in|within|after)\s+(?P<d>.+)")
_HEDGE = re.compile(r"^(?:about|around|some|nearly|almost|roughly|more than|less than|just|only)\s+")


@DATE_RULES.rule("units_ago", examples=[
    ex("three years ago", "2020"), ex("two weeks ago", "2023-W35"), ex("5 days from now", "2023-09-20"),
    duckling("in two weeks", "2013-W09"),
    ex("a week earlier", "2023-W36"), ex("several years ago", "PAST_REF"), ex("two weeks ago", None, at=None),
], negatives=["ago", "the day before", "in May"])
def units_ago(p: str, ctx: Ctx) -> DateValue | None:
    """"three years ago", "a week earlier", "two days later", "in 3 weeks", "5 days from now"."""
    m = _DURATION_AND_DIRECTION.fullmatch(p)
    if m:
        dirw = m.group("dir")
        sign = -1 if dirw in ("ago", "back", "before", "earlier", "previously", "before now", "since") else 1
        dur = m.group("d")
    else:
        m = _IN_DURATION.fullmatch(p)
        if not m:
            return None
        sign = 1
        dur = m.group("d")
    dur = _HEDGE.sub("", dur)
    parts = parse_duration_parts(dur)
    if not parts:
        return None
    grain = SYM_GRAIN[parts[-1][1]]
    a = ctx.anchor
    if a is None or any(n is None for n, _ in parts):
        if any(n is None for n, _ in parts):
            return DateValue("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF",
                             "point" if a else "unresolved", None, None, None, None, "ago")
        return unresolved(None, grain, "ago")
    d = shift(a, parts, sign)
    if d is None:
        return None
    # value keeps the unit's granularity (TimeML: "two years ago" -> "2021"); start/end give
    # the exact reference day (minute for sub-day units)
    fine = "second" if grain in ("second", "minute") else "minute" if grain == "hour" else \
        "hour" if grain == "day" else "day"
    v = point(d, grain, "ago")
    s = floor(d, fine)
    return DateValue(v.type, v.value, v.kind, fine, s, add(s, fine, 1), None, "ago")


_LEADING_MOD = re.compile(r"(?P<m>earlier|early|later|late|the end of|the start of|the beginning of|"
                          r"the middle of|end of|start of|beginning of|middle of|the rest of|rest of)"
                          r"\s+(?:in\s+)?(?P<rest>(?:this|the|last|next|that)\s+.+)")
_LEADING_MOD_VALUE = {"earlier": "START", "early": "START", "later": "END", "late": "END",
                      "the end of": "END", "end of": "END", "the start of": "START",
                      "start of": "START", "the beginning of": "START", "beginning of": "START",
                      "the middle of": "MID", "middle of": "MID", "the rest of": "END", "rest of": "END"}
#: "15 past years" -> "past 15 years"
_NUMBER_BEFORE_DIRECTION = re.compile(r"(?P<n>" + NUM_RE + r")\s+(?P<dir>upcoming|coming|next|past|last|previous)\s+"
                                      r"(?P<u>" + UNIT_RE + r")")
#: "the past 15 years", "the last two weeks", "the next three quarters": a duration
_SPAN_OF_UNITS = re.compile(r"(?:the\s+|this\s+|over\s+the\s+|in\s+the\s+|for\s+the\s+|during\s+the\s+|"
                            r"each\s+of\s+the\s+|all\s+of\s+the\s+)?(?P<dir>past|last|previous|next|"
                            r"coming|following|preceding|final|upcoming|prior|ensuing|"
                            r"latest|recent|subsequent)\s+(?P<d>(?:" + NUM_RE + r"|" + VAGUE_RE +
                            r")[\s-]+(?:full\s+)?" + UNIT_RE + r")")
_ONE_UNIT = re.compile(r"(?:a|an|one|single)\s+\w+")
_REL_UNIT = r"(?P<unit>week|month|year|quarter|weekend|decade|century|season|day|hour|minute|" \
            r"half|fortnight)"
#: "last year", "this month", "the coming week", "the year-earlier quarter", "the weekend"
_NAMED_UNIT = re.compile(r"(?:the\s+)?(?P<dir>this past|this coming|all|past|last|previous|next|"
                         r"coming|following|this|current|"
                         r"present|preceding|prior|latest|most recent|recent|same|year-earlier|"
                         r"year-ago|year earlier|year ago|comparable|corresponding|that|"
                         r"upcoming|ensuing|first|subsequent|new|fiscal|just-ended|just ended|"
                         r"just-completed|just completed|second|third|fourth)?\s*" + _REL_UNIT +
                         r"(?:'s)?(?:\s+(?:ago|earlier))?")

_BACK = ("past", "last", "previous", "preceding", "prior", "just-ended", "just ended", "just-completed", "just completed")
_FORWARD = ("next", "coming", "following", "upcoming", "ensuing", "subsequent")
_YEAR_AGO = ("year-earlier", "year-ago", "year earlier", "year ago", "comparable", "corresponding")


def _span_of_units(p: str, ctx: Ctx, mod: str | None) -> DateValue | None:
    """ "the past 15 years": a duration, with the interval it covers back (or forward) from the anchor."""
    m = _SPAN_OF_UNITS.fullmatch(p)
    if not m or _ONE_UNIT.fullmatch(m.group("d")):
        return None
    parts = parse_duration_parts(m.group("d"))
    if not parts:
        return None
    a = ctx.anchor
    back = m.group("dir") in ("past", "last", "previous", "preceding", "prior", "latest", "recent")
    s = e = None
    if a is not None and all(n is not None for n, _ in parts):
        g = SYM_GRAIN[parts[-1][1]]
        base = floor(a, g) if back else add(floor(a, g), g, 1)
        other = shift(base, parts, -1 if back else 1)
        s, e = (other, base) if back else (base, other)
    return duration(parts, "duration", mod, anchor_start=s, anchor_end=e)


def _unit_as_duration(d: str, unit: str, had_the: bool, ctx: Ctx, mod: str | None) -> DateValue | None:
    """ "the past year", "the last decade", "the next day": what TimeBank marks as durations."""
    a = ctx.anchor
    if d in _BACK and had_the and unit not in ("quarter", "half", "weekend"):
        if unit in ("decade", "century"):
            if a is None:
                return unresolved(None, unit, "relunit", mod)
            return rel_unit_value(a, unit, -1, "relunit", mod)
        if d in ("past", "last") and unit in ("week", "month", "year", "day", "hour", "fortnight"):
            sym = {"week": "W", "month": "M", "year": "Y", "day": "D", "hour": "H", "fortnight": "FN"}[unit]
            parts = [(1.0, sym)]
            s = e = None
            if a is not None:
                s, e = shift(a, parts, -1), a
            return duration(parts, "duration", mod, anchor_start=s, anchor_end=e)
    if d in _FORWARD and had_the and unit in ("day", "hour", "minute"):
        sym = {"day": "D", "hour": "H", "minute": "MIN"}[unit]
        return duration([(1.0, sym)], "duration", mod)
    return None


def _offset(d: str, unit: str) -> int:
    """How many units from the anchor's the direction word points (-1, 0 or 1)."""
    if d in _BACK + _YEAR_AGO + ("this past",):
        return -1
    if d in _FORWARD + ("this coming",):
        return 1
    if d in ("latest", "most recent", "recent"):
        return -1 if unit == "quarter" else 0
    return 0


def _named_unit(m: re.Match, p: str, ctx: Ctx, mod: str | None) -> DateValue | None:
    """ "last year", "this month", "the weekend", "the year-earlier quarter": the calendar unit meant."""
    a = ctx.anchor
    d = m.group("dir") or ""
    unit = m.group("unit")
    had_the = p.startswith("the ")
    if unit in ("day", "hour", "minute") and d not in ("next", "last", "previous", "past", "following", "same"):
        return None
    if d in ("first", "second", "third", "fourth") and unit != "half":
        return None
    as_duration = _unit_as_duration(d, unit, had_the, ctx, mod)
    if as_duration is not None:
        return as_duration
    if d == "all" and unit not in ("week", "month", "year", "weekend"):
        return None
    off = _offset(d, unit)
    if unit in ("day", "hour", "minute"):
        if d == "same":
            off = 0
        if a is None:
            return unresolved(None, unit, "relunit", mod)
        return point(add(a, unit, off), unit, "relunit", mod)
    if unit == "quarter" and d in _YEAR_AGO:
        if a is None:
            return unresolved(None, "quarter", "relunit", mod)
        cur = rel_unit_value(a, "quarter", -1, "relunit", mod)
        return point(cur.start - relativedelta(years=1), "quarter", "relunit", mod)
    if unit == "quarter" and not d and had_the and a is not None:
        off = -1 if a.month in (1, 4, 7, 10) and a.day < 25 else 0
    if unit == "quarter" and p.endswith((" ago", " earlier")) and a is not None:
        return point(add(a, "year", -1), "quarter", "relunit", mod)
    if a is None:
        return unresolved(None, unit if unit not in ("weekend", "half", "fortnight") else "day", "relunit", mod)
    if unit == "weekend" and had_the and not d:
        return rel_unit_value(a, unit, -1 if (a.weekday() <= 2 and ctx.tense != "future") else 0, "relunit", mod)
    return rel_unit_value(a, unit, off, "relunit", mod)


@DATE_RULES.rule("relative_unit", examples=[
    ex("last year", "2022"), ex("this month", "2023-09"), ex("next week", "2023-W38"),
    ex("earlier this month", "2023-09"), ex("earlier this week", "2023-W37"), ex("the past 15 years", "P15Y"),
    ex("the past year", "P1Y", kind="duration"), ex("the last decade", "201"), ex("this past weekend", "2023-W36-WE"),
    ex("the weekend", "2023-W37-WE"), ex("the upcoming two weeks", "P2W"), ex("last year", None, at=None),
], negatives=["last", "the year 2000", "this"])
def relative_unit(p: str, ctx: Ctx) -> DateValue | None:
    """"last year", "this month", "next week", "the past year", "the past 15 years", "the coming
    months", "earlier this week", "the year-earlier quarter", "the latest quarter"."""
    mod = None
    m = _LEADING_MOD.fullmatch(p)
    if m:
        mod = _LEADING_MOD_VALUE[m.group("m")]
        p = m.group("rest")
    m2 = _NUMBER_BEFORE_DIRECTION.fullmatch(p)
    if m2:
        p = "%s %s %s" % (m2.group("dir"), m2.group("n"), m2.group("u"))
    v = _span_of_units(p, ctx, mod)
    if v is not None:
        return v
    m = _NAMED_UNIT.fullmatch(p)
    return _named_unit(m, p, ctx, mod) if m else None


_UPCOMING_N = re.compile(r"(?:upcoming\s+(?P<n1>" + NUM_RE + r")|(?P<n2>" + NUM_RE +
                         r")\s+upcoming)\s+(?P<u>day|week|month|quarter|year)s?")


@DATE_RULES.rule("upcoming_n", genre="duckling", examples=[
    duckling("upcoming 2 weeks", "2013-W09"), duckling("two upcoming days", "2013-02-14"),
], negatives=["the upcoming two weeks", "upcoming weeks"])
def upcoming_n(p: str, ctx: Ctx) -> DateValue | None:
    """"upcoming two weeks" / "2 upcoming days" without an article: the unit that many units
    ahead (Duckling's reading); "the upcoming two weeks" stays a duration."""
    m = _UPCOMING_N.fullmatch(p)
    if m is None or ctx.anchor is None:
        return None
    n = parse_number(m.group("n1") or m.group("n2"))
    if n is None or n != int(n) or not 1 <= n <= 100:
        return None
    g = m.group("u")
    return point(add(floor(ctx.anchor, g), g, int(n)), g, "upcoming")


_PERIOD_ABBREVIATION = re.compile(r"(?:the|at the)\s+(?:eod|eom|bom|eoy|boy|eow)")


@DATE_RULES.rule("period_abbreviation", genre="duckling", examples=[
    duckling("EOM", "2013-02"), duckling("by the EOY", "2013"), duckling("BOY", "2013"),
], negatives=["eo", "the end"])
def period_abbreviation(p: str, ctx: Ctx) -> DateValue | None:
    """Business shorthand: "EOM" (the end of the month), "BOY", "EOD", "the EOW"."""
    if p in ABBREVIATIONS or _PERIOD_ABBREVIATION.fullmatch(p):
        return ctx.read(ABBREVIATIONS[p.split()[-1]])
    return None


#: "<expression> in <duration>" / "<expression> <duration> ago"
_SHIFTED = re.compile(r"(?P<x>.+?)\s+(?:(?P<pre>in|after)\s+(?P<d1>.+)|(?P<d2>.+?)\s+(?P<post>ago|"
                      r"from now|hence|later|earlier))")
_ARTICLE_AMOUNT = re.compile(r"^(?:a|an)\s+(?=\w)")


@DATE_RULES.rule("shifted_expression", genre="duckling", examples=[
    duckling("Thanksgiving in 9 months", "2013-11-28"), duckling("March in a year", "2014-03"),
    duckling("christmas two years ago", "2011-12-25"),
], negatives=["two years ago", "May in Paris"])
def shifted_expression(p: str, ctx: Ctx) -> DateValue | None:
    """"<expression> in <duration>" / "<expression> <duration> ago": the expression as seen from
    the shifted anchor ("Thanksgiving in 9 months", "March in a year", "tax day two years ago")."""
    a = ctx.anchor
    m = _SHIFTED.fullmatch(p)
    if not m or a is None:
        return None
    dur = m.group("d1") or m.group("d2")
    parts = parse_duration_parts(_ARTICLE_AMOUNT.sub("1 ", dur))
    if parts and all(n is not None for n, _ in parts):
        sign = -1 if m.group("post") in ("ago", "earlier") else 1
        base = shift(a, parts, sign)
        x = ctx.at(base, label=ctx.label, prefer=ctx.prefer).read(m.group("x"))
        if x is not None and x.kind == "point" and x.start is not None:
            return x
    return None
