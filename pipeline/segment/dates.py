"""Dates written in page furniture ("Veröffentlicht am 3. Oktober 2021", "9/15/2023 13:10"), found by pattern."""

from __future__ import annotations

import re
from datetime import datetime
from typing import NamedTuple

from pipeline.lexicon.calendar_words import MONTH_ANY_LANGUAGE_PATTERN as MONTH_RE
from pipeline.lexicon.calendar_words import MONTHS_ANY_LANGUAGE as MONTHS

#: a clock time ("13:10", "5.30 pm", "9h05")
TIME_RE = re.compile(r"\b([01]?\d|2[0-3])[:.h]([0-5]\d)\b(?:\s*(am|pm|a\.m\.|p\.m\.))?", re.IGNORECASE)
DIGIT_RE = re.compile(r"\d")


class FoundDate(NamedTuple):
    """A date in a block: its offsets in the article, its value and grain ("day", "month", "minute")."""

    start: int
    end: int
    value: datetime
    grain: str


_D = r"(?<![\d.])"
_YE = r"(?:(?!\d)|(?=\d{1,2}[:.h]\d\d)|(?=\d{1,2}\.\s))"  # end of a 4-digit year, glued text allowed
_DATE_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(_D + r"(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)"), "ymd"),
    (re.compile(_D + r"(\d{4})/(\d{1,2})/(\d{1,2})(?!\d)"), "ymd"),
    (re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"), "ymd"),
    (re.compile(_D + r"(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}" + _YE + r"|\d{2}(?![\d]))"), "dmy"),
    (re.compile(_D + r"(\d{1,2})/(\d{1,2})/(\d{4}" + _YE + r"|\d{2}(?!\d))"), "slash"),
    (re.compile(_D + r"(\d{1,2})-(\d{1,2})-(\d{4})(?!\d)"), "dmy"),
    (re.compile(_D + r"(\d{1,2})\s?\|\s?(\d{1,2})\s?\|\s?(\d{4})(?!\d)"), "dmy"),
    (
        re.compile(
            r"(?<![\d.])(\d{1,2})(?:\.|er|st|nd|rd|th|º|°)?\s*(?:de\s+|di\s+|\w+\s+)??(" + MONTH_RE
            + r")\.?,?\s+(?:de\s+|del\s+)?(\d{4})" + _YE,
            re.IGNORECASE,
        ),
        "d_mon_y",
    ),
    (
        re.compile(
            r"(?<![\w])(" + MONTH_RE + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s*(\d{4})" + _YE,
            re.IGNORECASE,
        ),
        "mon_d_y",
    ),
    (re.compile(r"(?<![\w])(" + MONTH_RE + r")\.?,?\s+(\d{4})(?!\d)", re.IGNORECASE), "mon_y"),
]


def _year(y: str) -> int:
    n = int(y)
    if len(y) == 2:
        n += 2000 if n < 40 else 1900
    return n


def find_dates(s: str, offset: int) -> list[FoundDate]:
    """All plausible dates in ``s`` as (start, end, datetime, grain), offsets shifted by ``offset``."""
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for pat, kind in _DATE_PATTERNS:
        for m in pat.finditer(s):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            g = m.groups()
            try:
                grain = "day"
                if kind == "ymd":
                    y, mo, d = int(g[0]), int(g[1]), int(g[2])
                elif kind == "dmy":
                    y, mo, d = _year(g[2]), int(g[1]), int(g[0])
                elif kind == "slash":
                    a, b, y = int(g[0]), int(g[1]), _year(g[2])
                    mo, d = (b, a) if a > 12 else (a, b)
                elif kind == "d_mon_y":
                    y, mo, d = int(g[2]), MONTHS[g[1].lower()], int(g[0])
                elif kind == "mon_d_y":
                    y, mo, d = int(g[2]), MONTHS[g[0].lower()], int(g[1])
                else:
                    word = g[0].lower()
                    if len(word) <= 3 and word in ("mar", "may", "mai", "set", "out", "die"):
                        continue
                    y, mo, d, grain = int(g[1]), MONTHS[word], 1, "month"
                if not 1990 <= y <= 2035:
                    continue
                dt = datetime(y, mo, d)
            except (ValueError, KeyError):
                continue
            end = m.end()
            if grain == "day":
                tm = TIME_RE.search(s, end, min(len(s), end + 25))
                if tm and not DIGIT_RE.search(s[end : tm.start()].replace(",", "")):
                    hh, mm = int(tm.group(1)), int(tm.group(2))
                    ap = (tm.group(3) or "").lower().replace(".", "")
                    if ap == "pm" and hh < 12:
                        hh += 12
                    elif ap == "am" and hh == 12:
                        hh = 0
                    dt = dt.replace(hour=hh, minute=mm)
                    grain = "minute"
                    end = tm.end()
            taken.append((m.start(), end))
            found.append(FoundDate(offset + m.start(), offset + end, dt, grain))
    found.sort()
    return found
