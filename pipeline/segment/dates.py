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
#: every run of four digits (overlapping), for the year gate of :func:`find_dates`
_FOUR_DIGITS_RE = re.compile(r"(?=(\d{4}))")
#: the years a date found in page furniture may have
MIN_YEAR, MAX_YEAR = 1990, 2035


class FoundDate(NamedTuple):
    """A date in a block: its offsets in the article, its value and grain ("day", "month", "minute")."""

    start: int
    end: int
    value: datetime
    grain: str


_D = r"(?<![\d.])"
_YE = r"(?:(?!\d)|(?=\d{1,2}[:.h]\d\d)|(?=\d{1,2}\.\s))"  # end of a 4-digit year, glued text allowed
#: (pattern, kind, a character every match holds (None: no such gate), whether every match it keeps
#: holds a four-digit year in range): the last two only let :func:`find_dates` skip a pattern that
#: cannot find a date it would keep (they never change what it finds)
_DATE_PATTERNS: list[tuple[re.Pattern[str], str, str | None, bool]] = [
    (re.compile(_D + r"(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)"), "ymd", "-", True),
    (re.compile(_D + r"(\d{4})/(\d{1,2})/(\d{1,2})(?!\d)"), "ymd", "/", True),
    (re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"), "ymd", "年", True),
    (re.compile(_D + r"(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}" + _YE + r"|\d{2}(?![\d]))"), "dmy", ".", False),
    (re.compile(_D + r"(\d{1,2})/(\d{1,2})/(\d{4}" + _YE + r"|\d{2}(?!\d))"), "slash", "/", False),
    (re.compile(_D + r"(\d{1,2})-(\d{1,2})-(\d{4})(?!\d)"), "dmy", "-", True),
    (re.compile(_D + r"(\d{1,2})\s?\|\s?(\d{1,2})\s?\|\s?(\d{4})(?!\d)"), "dmy", "|", True),
    (
        re.compile(
            r"(?<![\d.])(\d{1,2})(?:\.|er|st|nd|rd|th|º|°)?\s*(?:de\s+|di\s+|\w+\s+)??(" + MONTH_RE
            + r")\.?,?\s+(?:de\s+|del\s+)?(\d{4})" + _YE,
            re.IGNORECASE,
        ),
        "d_mon_y", None, True,
    ),
    (
        re.compile(
            r"(?<![\w])(" + MONTH_RE + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s*(\d{4})" + _YE,
            re.IGNORECASE,
        ),
        "mon_d_y", None, True,
    ),
    (re.compile(r"(?<![\w])(" + MONTH_RE + r")\.?,?\s+(\d{4})(?!\d)", re.IGNORECASE), "mon_y", None, True),
]


def _year(y: str) -> int:
    n = int(y)
    if len(y) == 2:
        n += 2000 if n < 40 else 1900
    return n


def _has_year(s: str) -> bool:
    """Whether ``s`` holds four digits in a row that read as a year the patterns keep."""
    return any(MIN_YEAR <= int(y) <= MAX_YEAR for y in _FOUR_DIGITS_RE.findall(s))


def find_dates(s: str, offset: int) -> list[FoundDate]:
    """All plausible dates in ``s`` as (start, end, datetime, grain), offsets shifted by ``offset``."""
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    if not DIGIT_RE.search(s):
        return found
    has_year = _has_year(s)
    for pat, kind, needs_char, needs_year in _DATE_PATTERNS:
        if (needs_year and not has_year) or (needs_char is not None and needs_char not in s):
            continue  # no match of this pattern could be kept: skip the scan
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
                if not MIN_YEAR <= y <= MAX_YEAR:
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
