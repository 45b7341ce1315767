"""Rules for lengths of time and for repetition: ages ("7-year-old"), sets ("every week", "Mondays") and plain durations ("six months")."""

from __future__ import annotations

import re

from pipeline.lexicon.numbers import parse_number
from pipeline.normalise.dates.context import Ctx
from pipeline.normalise.dates.durations import duration, duration_value, parse_duration_parts, unit_sym
from pipeline.normalise.dates.registry import DATE_RULES, ex
from pipeline.normalise.dates.values import DateValue
from pipeline.normalise.dates.vocabulary import (
    MONTH_RE,
    MONTHS,
    NUM_RE,
    SET_ADVERBS,
    SYM_GRAIN,
    UNIT_RE,
    WEEKDAY_RE,
    WEEKDAYS,
)

_AGE = re.compile(r"(?:aged?\s+|ages\s+)?(?P<n>" + NUM_RE + r")[\s-]*(?:(?P<u>years?|months?|"
                  r"weeks?|days?)[\s-]*)?(?:olds?|of age)")
_AGED = re.compile(r"(?:aged?|ages)\s+(?P<n>\d{1,3})(?P<u>)")


@DATE_RULES.rule("age", examples=[
    ex("7-year-old", "P7Y", kind="age"), ex("42 years old", "P42Y", kind="age"), ex("aged 42", "P42Y", kind="age"),
    ex("six-month-old", "P6M", kind="age"),
], negatives=["42 years", "old"])
def age(p: str, ctx: Ctx) -> DateValue | None:
    """"7-year-old", "42 years old", "aged 42", "age 42"."""
    m = _AGE.fullmatch(p)
    if not m:
        m = _AGED.fullmatch(p)
    if not m:
        return None
    n = parse_number(m.group("n"))
    if n is None:
        return None
    u = unit_sym(m.group("u") or "year") or "Y"
    return DateValue("DURATION", duration_value([(n, u)]), "age", SYM_GRAIN[u], None, None,
                     None, "age")


_EVERY = re.compile(r"(?:every|each|per|once a|once an|once every|twice a|twice an|once per|"
                    r"twice per|every other|each and every|three times a|several times a)\s+(?:(?P<num>" + NUM_RE +
                    r")\s+)?(?P<unit>" + UNIT_RE + r"|" + WEEKDAY_RE + r"|" + MONTH_RE + r"|morning|evening|night|"
                    r"afternoon|weekend)")
_PLURAL_WEEKDAY = re.compile(r"(?:on\s+)?(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)s"
                             r"(?:\s+(?P<part>mornings|afternoons|evenings|nights))?")


def _every(m: re.Match, p: str) -> DateValue | None:
    """The set "every <unit>" names: a weekday, a month, a part of the day, weekends or a period."""
    unit = m.group("unit").rstrip(".")
    if unit in WEEKDAYS:
        return DateValue("SET", "XXXX-WXX-%d" % (WEEKDAYS[unit] + 1), "set", "day", None, None, None, "set")
    if unit in MONTHS:
        return DateValue("SET", "XXXX-%02d" % MONTHS[unit], "set", "month", None, None, None, "set")
    if unit in ("morning", "evening", "night", "afternoon"):
        return DateValue("SET", "TMO" if unit == "morning" else "T" + unit[:2].upper(),
                         "set", "hour", None, None, None, "set")
    if unit == "weekend":
        return DateValue("SET", "XXXX-WXX-WE", "set", "day", None, None, None, "set")
    sym = unit_sym(unit)
    if sym is None:
        return None
    n = parse_number(m.group("num")) if m.group("num") else 1.0
    if p.startswith("every other"):
        n = (n or 1) * 2
    return DateValue("SET", duration_value([(n, sym)]), "set", SYM_GRAIN[sym], None, None, None, "set")


@DATE_RULES.rule("set", examples=[
    ex("every week", "P1W", kind="set"), ex("each year", "P1Y"), ex("weekly", "P1W"), ex("Mondays", "XXXX-WXX-1"),
    ex("every other day", "P2D"), ex("every march", "XXXX-03"), ex("every morning", "TMO"),
    ex("a year", "P1Y", label="TIME"),
], negatives=["a year", "week"])
def every(p: str, ctx: Ctx) -> DateValue | None:
    """"every week" -> P1W, "each year" -> P1Y, "Mondays" -> XXXX-WXX-1, "weekly" -> P1W."""
    if p in SET_ADVERBS and (ctx.label != "DATE" or p not in ("a year", "a day", "a month", "a week")):
        return DateValue("SET", SET_ADVERBS[p], "set", None, None, None, None, "set")
    m = _EVERY.fullmatch(p)
    if m:
        return _every(m, p)
    m = _PLURAL_WEEKDAY.fullmatch(p)
    if m:
        return DateValue("SET", "XXXX-WXX-%d" % (WEEKDAYS[m.group("wd")] + 1), "set", "day",
                         None, None, None, "set")
    return None


_ARTICLE_AND_REST = re.compile(r"(?:the|a|an|another|those|these|nearly|almost|some|about|around|"
                               r"(?:for\s+)?the\s+entire|the\s+full)\s+(?P<rest>.+)")
_RECENT_UNITS = re.compile(r"(?:in\s+)?(?:recent|the\s+(?:most\s+)?recent)\s+(?P<u>" + UNIT_RE + r")|"
                           r"(?:the\s+)?(?P<u2>" + UNIT_RE + r")\s+ahead")
#: words after an article that belong to the amount ("a few days", "a dozen years")
_AMOUNT_WORD = re.compile(r"(?:few|couple|dozen|half|hundred|thousand|number)\b")


@DATE_RULES.rule("duration", examples=[
    ex("six months", "P6M", kind="duration"), ex("30 years", "P30Y"), ex("several weeks", "PXW"),
    ex("2 years and 3 months", "P2Y3M"), ex("1/2h", "PT30M"), ex("2m", "PT2M"), ex("5 and a half minutes", "PT5M30S"),
    ex("a [three-year] investigation", "P3Y"), ex("recent years", "PXY"), ex("the entire three weeks", "P3W"),
    ex("1200 hours", "PT1200H"), ex("2'", "PT2M"), ex('30"', "PT30S"),
], negatives=["minutes", "in days", "the 2000 season"])
def plain_duration(p: str, ctx: Ctx) -> DateValue | None:
    """Plain durations: "six months", "30 years", "three-year", "several weeks", "2 hours 10"."""
    m = _ARTICLE_AND_REST.fullmatch(p)
    m2 = _RECENT_UNITS.fullmatch(p)
    if m2:
        u = unit_sym(m2.group("u") or m2.group("u2"))
        if u is not None and (m2.group("u") or m2.group("u2")).endswith("s"):
            return duration([(None, u)], "duration")
    q = p
    if m and not _AMOUNT_WORD.match(m.group("rest")):
        q = m.group("rest")
        if p.startswith(("a ", "an ")):
            q = p
    parts = parse_duration_parts(q)
    if not parts:
        return None
    if len(parts) == 1 and parts[0][0] is not None and parts[0][0] < 0:
        return None
    return duration(parts, "duration")
