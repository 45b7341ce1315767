"""Durations: reading "2 years, 3 months and 4 days" into parts, writing TIMEX3/ISO-8601 values, shifting a moment by them.

A duration is a list of parts ``(amount, symbol)``: the amount a float (None when vague:
"several weeks"), the symbol one of S, MIN, H, D, W, FN (fortnight), WE (weekend), M, Q, Y,
DE (decade), CE (century).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from pipeline.lexicon.numbers import parse_number
from pipeline.normalise.dates.calendar import add
from pipeline.normalise.dates.values import DateValue
from pipeline.normalise.dates.vocabulary import NUM_RE, SYM_GRAIN, UNIT_RE, UNIT_SECONDS, UNITS, VAGUE_RE

Parts = list[tuple[float | None, str]]

#: words that say nothing about a duration's length ("an additional three years", "a full day")
_FILLERS = re.compile(r"\b(?:more|additional|extra|less|fewer|long|full|straight|consecutive|"
                      r"whole|entire|solid|other|odd|plus)\b\s*")
_SPACES = re.compile(r"\s+")
#: abbreviated units written against the number: "2m", "1/2h", "90s", "2 hrs"
_COMPACT = re.compile(r"(?P<num>\d+(?:\.\d+)?|\d+\s*/\s*\d+)\s*(?P<u>h|m|s|min|mins|hr|hrs)")
_COMPACT_UNITS = {"h": "H", "hr": "H", "hrs": "H", "m": "MIN", "min": "MIN", "mins": "MIN", "s": "S"}
#: "an hour and a half", "a month and a half", "one hour and half"
_UNIT_AND_FRACTION = re.compile(r"(?P<num>" + NUM_RE + r")[\s-]+(?P<unit>" + UNIT_RE +
                                r")\s+and\s+(?:a\s+|an\s+)?(?P<frac>half|(?:a |one |three )?quarters?)")
#: "one and three quarters of hour", "two and a quarter hour"
_NUMBER_OF_UNIT = re.compile(r"(?P<num>" + NUM_RE + r")\s+(?:of\s+(?:an?\s+)?)?(?P<unit>" + UNIT_RE + r")")
#: "1 hour thirty", "2 hours ten": a trailing bare number of the next-smaller unit
_UNIT_THEN_NUMBER = re.compile(r"(?P<num>" + NUM_RE + r")\s+(?P<unit>hours?|hrs?|h|minutes?|mins?)"
                               r"(?:\s+and)?\s+(?P<rest>" + NUM_RE + r")")
#: one amount and unit of a list ("2 years", "several weeks", "months")
_AMOUNT_AND_UNIT = re.compile(r"(?:(?P<num>" + NUM_RE + r"|" + VAGUE_RE + r")[\s-]*)?(?P<unit>" + UNIT_RE + r")\b")
_VAGUE = re.compile(VAGUE_RE)
_WHOLE_NUMBER = re.compile(r"\b\d+\b")


def fmt_num(x: float) -> str:
    """Format a duration amount: integers without a decimal point."""
    if x == int(x):
        return str(int(x))
    return ("%.2f" % x).rstrip("0").rstrip(".")


def duration_value(parts: Parts) -> str:
    """Build an ISO-8601/TIMEX3 duration from (amount, symbol) pairs; amount None -> X."""
    date_part, time_part = "", ""
    for amount, sym in parts:
        a = "X" if amount is None else None
        if sym == "FN":
            sym, amount = "W", (None if amount is None else amount * 2)
        if sym == "Q":
            sym, amount = "M", (None if amount is None else amount * 3)
        if sym == "DE":
            sym, amount = "Y", (None if amount is None else amount * 10)
        if sym == "CE":
            sym, amount = "Y", (None if amount is None else amount * 100)
        if a is None:
            a = fmt_num(amount)
        if sym in ("H", "S"):
            time_part += a + sym
        elif sym == "MIN":
            time_part += a + "M"
        else:
            date_part += a + sym
    return "P" + date_part + ("T" + time_part if time_part else "")


def unit_sym(word: str) -> str | None:
    """The duration symbol of a unit word ("weeks" -> "W", "centuries" -> "CE")."""
    w = word.lower()
    if w in UNITS:
        return UNITS[w][0]
    if w == "centuries":
        return "CE"
    if w.endswith("s") and w[:-1] in UNITS:
        return UNITS[w[:-1]][0]
    return None


def frac_to_parts(n: float, u: str) -> Parts:
    """Turn 1.5 hours into [(1,'H'),(30,'MIN')] so durations stay integral where possible."""
    if n == int(n):
        return [(n, u)]
    whole = int(n)
    frac = n - whole
    smaller = {"H": ("MIN", 60), "MIN": ("S", 60), "D": ("H", 24), "M": ("D", 30),
               "Y": ("M", 12), "W": ("D", 7)}.get(u)
    if smaller and (frac * smaller[1]) == int(frac * smaller[1]):
        out = [(float(whole), u)] if whole else []
        out.append((frac * smaller[1], smaller[0]))
        return out
    return [(n, u)]


def _unit_list(p: str) -> Parts | None:
    """ "2 years, 3 months and 4 days", "several weeks", "months": amounts and units in a list."""
    parts: Parts = []
    pos = 0
    for mm in _AMOUNT_AND_UNIT.finditer(p):
        gap = p[pos:mm.start()]
        if gap.strip(" ,-") not in ("", "and", ", and"):
            return None
        unit = unit_sym(mm.group("unit"))
        if unit is None:
            return None
        num_s = mm.group("num")
        unit_word = mm.group("unit")
        plural = unit_word.endswith("s") and unit_word not in ("hrs", "s") or unit_word in (
            "centuries",)
        if num_s is None:
            if not plural:
                return None
            n = None
        elif _VAGUE.fullmatch(num_s.strip()):
            n = None
        else:
            n = parse_number(num_s)
            if n is None:
                return None
        parts.append((n, unit))
        pos = mm.end()
    if not parts or p[pos:].strip(" ,"):
        return None
    if len(parts) > 1 and any(n is None for n, _ in parts):
        return None
    return parts


def parse_duration_parts(p: str) -> Parts | None:
    """Split "2 years, 3 months and 4 days" into [(2,'Y'),(3,'M'),(4,'D')]; None if not a duration."""
    p = _FILLERS.sub("", p).strip()
    p = _SPACES.sub(" ", p)
    if not p:
        return None
    m = _COMPACT.fullmatch(p)
    if m:
        n = parse_number(m.group("num"))
        return frac_to_parts(n, _COMPACT_UNITS[m.group("u")]) if n else None
    m = _UNIT_AND_FRACTION.fullmatch(p)
    if m:
        n = parse_number(m.group("num"))
        u = unit_sym(m.group("unit"))
        if n is None or u is None:
            return None
        fr = m.group("frac")
        f = 0.5 if fr == "half" else (0.75 if fr.startswith("three") else 0.25)
        return frac_to_parts(n + f, u)
    m = _NUMBER_OF_UNIT.fullmatch(p)
    if m:
        n = parse_number(m.group("num"))
        u = unit_sym(m.group("unit"))
        if n is not None and u is not None:
            return frac_to_parts(n, u)
    m = _UNIT_THEN_NUMBER.fullmatch(p)
    if m:
        n = parse_number(m.group("num"))
        r = parse_number(m.group("rest"))
        u = unit_sym(m.group("unit"))
        if n is not None and r is not None and u in ("H", "MIN"):
            return [(n, u), (r, "MIN" if u == "H" else "S")]
    parts = _unit_list(p)
    if parts is None:
        return None
    # a year written as a number ("the 2000 season") is no amount of years
    words = set(_WHOLE_NUMBER.findall(p))
    for n, u in parts:
        if n is not None and 1000 <= n <= 2200 and n == int(n) and u not in ("S", "MIN") and str(int(n)) in words:
            return None
    return parts


def duration(parts: Parts, rule: str, mod: str | None = None, kind: str = "duration",
             anchor_start: datetime | None = None, anchor_end: datetime | None = None) -> DateValue:
    """A DURATION value of ``parts`` (with the interval it covers from the anchor, when known)."""
    grain = SYM_GRAIN.get(parts[-1][1])
    return DateValue("DURATION", duration_value(parts), kind, grain, anchor_start, anchor_end, mod, rule)


def shift(a: datetime, parts: Parts, sign: int) -> datetime | None:
    """Anchor shifted by a duration; None when the amount is vague."""
    d = a
    for n, u in parts:
        if n is None:
            return None
        g = SYM_GRAIN[u]
        if u == "FN":
            n *= 2
        if n != int(n):
            secs = n * UNIT_SECONDS[u] * sign
            d = d + timedelta(seconds=secs)
        else:
            d = add(d, g, int(n) * sign)
    return d
