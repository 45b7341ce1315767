"""Date-span finding: spaCy's DATE/TIME entities turned into TIMEX3 extents, plus the temporal words the model misses.

:func:`find_date_spans` trims prepositions and punctuation, widens a span to "ago"/"earlier" (but
leaves a "later"/"before"/"after" that follows a counted length out: a TimeML signal) and
to the day after a clock time, splits ranges into their ends, drops spans that do not read as a
date, and adds expressions the model misses ("now", "currently", "yesterday", weekdays, years,
durations).  Whether a stretch of text reads as a date is asked of ``read_date`` (the date
normaliser, passed in by the caller: recognise does not import normalise), always without an
anchor: only the shape matters here.
"""

from __future__ import annotations

import re
from typing import Protocol, Sequence

from pipeline.lexicon.calendar_words import (
    MONTH_PATTERN,
    TIME_UNIT_PATTERN,
    TIME_ZONE_PATTERN,
    WEEKDAY_PATTERN,
)
from pipeline.lexicon.numbers import NUMBER_PATTERN, VAGUE_AMOUNT_PATTERN
from pipeline.recognise.spans import keep_longest


class DateReader(Protocol):
    """What span finding needs of the date normaliser: ``text[start:end]`` read as a date (an
    object with a ``type``, "DATE" or "TIME"...) or None (``anchor`` is always None here)."""

    def __call__(self, text: str, start: int, end: int, anchor: None, *, label: str = "DATE") -> object | None: ...


Span = tuple[int, int, str]

#: temporal words and phrases the model often misses, found by pattern
_EXTRA_PATTERNS = re.compile(
    r"\b(?:now|currently|presently|recently|nowadays|lately|formerly|"
    r"today|yesterday|tomorrow|tonight|the past|the future|recent (?:years|months|weeks|days)|"
    r"(?:the year )?(?:nineteen|two thousand)(?:[- ](?:and[- ])?(?:(?:twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|one|two|"
    r"three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen))?(?= [a-z]|[.,;]|$)|"
    r"current(?! (?:account|affairs|events|assets|liabilities|law|rules|and)\b)|daily|every day|"
    r"(?:first|second|third|fourth)[- ]quarter|"
    r"the (?:coming|next|past|last) (?:few )?(?:years|months|weeks|days)|in the past|"
    r"this (?:morning|afternoon|evening|week|month|year|weekend|quarter)|"
    r"last (?:night|week|month|year|weekend|quarter)|next (?:week|month|year|quarter)|"
    r"(?:early|earlier|later) this (?:week|month|year)|"
    r"the (?:(?:fiscal|latest|first|second|third|fourth)[\s-]+)*(?:year|quarter|half)(?=\s+(?:ended|ending)\s+(?:(?-i:[A-Z0-9])|today|tomorrow|yesterday))|"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?|"
    r"(?:19|20)\d\d(?:'s|s)?|the (?:19|20)\d0s|"
    r"(?:" + NUMBER_PATTERN + r"|" + VAGUE_AMOUNT_PATTERN + r")[\s-]+" + TIME_UNIT_PATTERN + r"(?:\s+ago)?)\b",
    re.I)
#: words before a date that are not part of its TIMEX3 extent
_TRIM_LEFT = re.compile(r"^(?:(?:about|around|approximately|roughly|nearly|almost|some|only|just|"
                        r"early|earlier|late|later|mid-|mid|sometime|even|since|"
                        r"more than|less than|fewer than|at least|up to|over|under|as many as|"
                        r"as much as|as long as|as early as|as late as|as recently as|no later than|"
                        r"no earlier than|on|in|at|by|during|for|since|until|till|from|through|"
                        r"within|after|before|of|between|throughout|into|with|to)\s+)+", re.I)
_ABSOLUTE_START = re.compile(r"(?:\d|'\d|" + MONTH_PATTERN.replace(r"\.?", "") + r"\b|" +
                             WEEKDAY_PATTERN.replace(r"\.?", "") + r"\b)", re.I)
_ADJ_SET = re.compile(r"(?:annual|quarterly|monthly|weekly|daily|yearly|nightly|hourly)$", re.I)
#: recognisable dates inside an entity that does not read as a date as a whole
_INNER = re.compile(
    r"(?:" + MONTH_PATTERN + r"\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?|" + MONTH_PATTERN +
    r"\s+\d{4}|\d{1,2}\s+" + MONTH_PATTERN + r"(?:\s+\d{4})?|" + WEEKDAY_PATTERN + r"|(?:19|20)\d\d|"
    r"(?:last|next|this)\s+(?:week|month|year|quarter)|yesterday|today|tomorrow|"
    r"(?:" + NUMBER_PATTERN + r")[\s-]+" + TIME_UNIT_PATTERN + r"(?:\s+(?:ago|earlier))?)(?![\w])", re.I)

# -- clipping
_ABBREVIATED_END = re.compile(
    r"(?:\b[A-Za-z]\.[A-Za-z]\.|\b(?:[Jj]an|[Ff]eb|[Mm]ar|[Aa]pr|[Jj]un|[Jj]ul|[Aa]ug|[Ss]ept?|"
    r"[Oo]ct|[Nn]ov|[Dd]ec|[Jj]r|[Ss]t)\.)$")
_DIGIT_S_END = re.compile(r"\d'?s$")
# -- range splitting
#: also "the year ended March 31", "the quarter ending Sept. 30": the period and its last day are
#: two timexes (TimeBank)
_RANGE_CONNECTIVE = re.compile(r"\s+(?:to|through|thru|until|till|and|or|-|(?:that\s+|which\s+)?(?:ended|ending))\s+|(?<=\d)\s*[-\u2013]\s*(?=\d)|"
                               r"\s*[-\u2013]\s*(?=(?:19|20)\d\d)")
_NUMBER_ALONE = re.compile(r"\s*(?:between\s+|from\s+)?(?:" + NUMBER_PATTERN + r")\s*", re.I)
_UNIT_AT_END = re.compile(TIME_UNIT_PATTERN + r"\s*$", re.I)
_SMALL_NUMBER = re.compile(r"\s*\d{1,2}\s*")
_FOUR_DIGITS = re.compile(r"\d{4}")
_TWO_DIGITS = re.compile(r"\d{2}")
# -- widening
_DAY_WORD = re.compile(WEEKDAY_PATTERN + r"|yesterday|today|tomorrow", re.I)
_PART_OF_DAY_AFTER = re.compile(r"\s+(?:morning|afternoon|evening|night)\b", re.I)
_CLOCK_ALONE = re.compile(r"(?:\d{1,2}(?::\d\d)?\s*(?:a\.?m\.?|p\.?m\.?)|noon|midnight)"
                          r"(?:\s*\(?(?:" + TIME_ZONE_PATTERN + r")\)?)?", re.I)
#: a clock time and the day it falls on form one TIMEX3 ("5 p.m. EST Nov. 9")
_DAY_AFTER_CLOCK = re.compile(r"(?:\s*\(?(?:" + TIME_ZONE_PATTERN + r")\)?(?!\w))?"
                              r"\s*,?\s+(?:on\s+)?(?:(?:" + WEEKDAY_PATTERN + r"|yesterday|today|tomorrow)(?!\w)"
                              r"|(?:" + MONTH_PATTERN + r")\s+\d{1,2}(?!\d)(?:(?:st|nd|rd|th)\b)?)", re.I)
_DIRECTION_AFTER = re.compile(r"\s+(?:ago|earlier|later|before|hence|from now|old)\b", re.I)
_NOT_DIRECTION = re.compile(r"\s+(?:before|later)\s+(?:the|a|an|he|she|it|they)\b", re.I)
#: after a counted length ("three days later", "30 days before closing") these words are a TimeML
#: signal, not part of the timex: the timex is the duration ("three days", P3D)
_SIGNAL_WORD = re.compile(r"\s+(?:later|before|after)\b", re.I)
_SIGNAL_AT_END = re.compile(r"\s+(?:later|before|after)$", re.I)
_DETERMINER_BEFORE = re.compile(r"\b(?:the|this|last|next|each|every|this past|this coming)\s+$", re.I)
_DETERMINED = re.compile(r"(?:the|this|last|next|each|every|early|late|mid)\b", re.I)
# -- model spans
_THE = re.compile(r"the\s+", re.I)
_THE_IS_PART = re.compile(r"the\s+\d{4}\s+(?:period|quarter|half|fiscal)|the\s+'?\d0s|the\s+\d{4}s|"
                          r"the\s+\d+(?:st|nd|rd|th)\s+century", re.I)
_LOWER_WORD_AFTER = re.compile(r"\s+[a-z]")
# -- pattern matches
_NOW_THAT = re.compile(r"\s+(?:that|you)\b")
_YEAR_WORD = re.compile(r"(?:19|20)\d\d")
_MONEY_OR_NUMBER_BEFORE = re.compile(r"[$\u20ac\u00a3#]\s*$|\d[.,]?$")
_NOT_YEAR_AFTER = re.compile(r"[.,]\d|\s*(?:percent|%|people|shares|cars|units|\$)")
_YEAR_PREPOSITION_BEFORE = re.compile(r"\b(?:in|since|by|until|of|from|to|before|after|during|early|late|"
                                      r"mid|fiscal|year|through)\s+$")


def _clip(text: str, s: int, e: int) -> tuple[int, int]:
    """Shrink [s, e) so it does not start/end with whitespace or stray punctuation."""
    while s < e and (text[s].isspace() or text[s] in ",;:!?\"'()[]{}-_`\u201c\u201d"):
        if text[s] == "'" and s + 1 < e and text[s + 1].isdigit():
            break
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:!?\"()[]{}-_`\u201c\u201d"):
        e -= 1
    while e > s and text[e - 1] == "." and not _ABBREVIATED_END.search(text[s:e]):
        e -= 1
    while e > s and text[e - 1] == "'" and not text[s:e].lower().endswith(("s'",)):
        e -= 1
    if e > s and text[s:e].endswith("'s") and not _DIGIT_S_END.search(text[s:e][:-1] + "s"):
        e -= 2
    return s, e


def _split_ranges(text: str, s: int, e: int, read_date: DateReader) -> list[tuple[int, int]]:
    """Split "1990 to 1995" / "Monday through Friday" / "May and June" into separate timexes."""
    seg = text[s:e]
    m = _RANGE_CONNECTIVE.search(seg)
    if not m:
        return [(s, e)]
    left = seg[:m.start()]
    right = seg[m.end():]
    if not left.strip() or not right.strip():
        return [(s, e)]
    # ranges inside a duration ("two to three years") stay whole
    if _NUMBER_ALONE.fullmatch(left) and _UNIT_AT_END.search(right):
        return [(s, e)]
    if _SMALL_NUMBER.fullmatch(left) and _SMALL_NUMBER.fullmatch(right):
        return [(s, e)]
    # "1998-99": keep whole (TimeBank annotates it as one timex)
    if _FOUR_DIGITS.fullmatch(left.strip()) and _TWO_DIGITS.fullmatch(right.strip()):
        return [(s, e)]
    out = []
    for a, b in ((s, s + m.start()), (s + m.end(), e)):
        a, b = _clip(text, a, b)
        if b > a:
            out.append((a, b))
    ok = all(read_date(text, a, b, None) is not None for a, b in out)
    return out if ok and len(out) == 2 else [(s, e)]


def _widen(text: str, s: int, e: int, read_date: DateReader) -> tuple[int, int]:
    """Extend a span to include adjacent TIMEX words ("ago", "earlier", "morning" after a
    weekday, the day after a clock time, "the"/"last"/"every" before it)."""
    right = text[e:e + 40]
    seg = text[s:e]
    if _DAY_WORD.fullmatch(seg):
        m = _PART_OF_DAY_AFTER.match(right)
        if m:
            e += m.end()
            right = text[e:e + 40]
    if _CLOCK_ALONE.fullmatch(seg):
        m = _DAY_AFTER_CLOCK.match(right)
        if m:
            e += m.end()
            right = text[e:e + 40]
    m = _DIRECTION_AFTER.match(right)
    if m and not _NOT_DIRECTION.match(right) and not (_SIGNAL_WORD.match(right) and _is_length(text, s, e, read_date)):
        e += m.end()
    left = text[max(0, s - 30):s]
    m = _DETERMINER_BEFORE.search(left)
    if m and not _DETERMINED.match(text[s:e]) \
            and not (m.group(0).lower().startswith("the") and _ABSOLUTE_START.match(text, s)):
        cand = text[s - (len(left) - m.start()):e]
        if read_date(text, s - (len(left) - m.start()), e, None) is not None and len(cand) < 60:
            s = s - (len(left) - m.start())
    return s, e


def _is_length(text: str, s: int, e: int, read_date: DateReader) -> bool:
    """Whether ``text[s:e]`` reads as a duration ("three days", "an hour")."""
    v = read_date(text, s, e, None)
    return v is not None and getattr(v, "type", None) == "DURATION"


def _drop_signal(text: str, s: int, e: int, read_date: DateReader) -> int:
    """The end of a span without a final "later"/"before"/"after" that follows a counted length
    ("Three days later" -> "Three days"): TimeML annotates the duration, the word is a signal."""
    m = _SIGNAL_AT_END.search(text, s, e)
    if m and m.start() > s and _is_length(text, s, m.start(), read_date):
        return m.start()
    return e


def _year_context(text: str, a: int, b: int) -> bool:
    """A bare 4-digit number found by pattern counts as a year only after a date-ish preposition."""
    left = text[max(0, a - 12):a].lower()
    if _MONEY_OR_NUMBER_BEFORE.search(left):
        return False
    if _NOT_YEAR_AFTER.match(text[b:b + 10]):
        return False
    return bool(_YEAR_PREPOSITION_BEFORE.search(left))


def _model_candidates(text: str, ner_spans) -> list[tuple[int, int, str]]:
    """The model's DATE/TIME spans, bounded to the text; malformed ones are skipped."""
    n = len(text)
    cands = []
    for sp in ner_spans or ():
        try:
            s, e, lab = int(sp[0]), int(sp[1]), str(sp[2])
        except (TypeError, ValueError, IndexError):
            continue
        if lab not in ("DATE", "TIME"):
            continue
        s, e = max(0, s), min(n, e)
        if e <= s:
            continue
        cands.append((s, e, lab))
    return cands


def _from_model_span(text: str, s: int, e: int, lab: str, read_date: DateReader) -> list[Span]:
    """The TIMEX3 extents one model span gives: trimmed, widened, split at a range connective;
    a span that does not read as a date keeps the dates recognisable inside it."""
    s, e = _clip(text, s, e)
    if e <= s:
        return []
    m = _TRIM_LEFT.match(text[s:e])
    if m and m.end() < e - s:
        s += m.end()
    m = _THE.match(text[s:e])
    if m and _ABSOLUTE_START.match(text, s + m.end()) and not _THE_IS_PART.match(text[s:e]):
        s += m.end()
    if _ADJ_SET.fullmatch(text[s:e]) and (text[s:e].lower() == "annual" or _LOWER_WORD_AFTER.match(text[e:e + 3])):
        return []  # "annual report", "daily newspaper": an adjective, not a set
    e = _drop_signal(text, s, e, read_date)
    s, e = _widen(text, s, e, read_date)
    pieces = []
    for a, b in _split_ranges(text, s, e, read_date):
        a, b = _clip(text, a, b)
        if b <= a:
            continue
        v = read_date(text, a, b, None, label=lab)
        if v is None:
            for mm in _INNER.finditer(text, a, b):
                a2, b2 = _clip(text, mm.start(), mm.end())
                if b2 > a2 and read_date(text, a2, b2, None) is not None:
                    pieces.append((a2, b2, lab))
            continue
        pieces.append((a, b, "TIME" if v.type == "TIME" else "DATE"))
    return pieces


def _missed_by_model(text: str, taken: list[tuple[int, int]], read_date: DateReader) -> list[Span]:
    """Temporal expressions found by pattern where no span was taken yet (``taken`` grows)."""
    out = []
    for m in _EXTRA_PATTERNS.finditer(text):
        a, b = m.start(), m.end()
        if any(a < tb and ta < b for ta, tb in taken):
            continue
        word = m.group(0).lower()
        if word == "now" and _NOW_THAT.match(text[b:b + 6].lower()):
            continue
        if word in ("may", "march") or (_YEAR_WORD.fullmatch(word) and not _year_context(text, a, b)):
            continue
        a2, b2 = _widen(text, a, b, read_date)
        if any(a2 < tb and ta < b2 for ta, tb in taken):
            a2, b2 = a, b
        v = read_date(text, a2, b2, None)
        if v is None:
            continue
        out.append((a2, b2, "TIME" if v.type == "TIME" else "DATE"))
        taken.append((a2, b2))
    return out


def _find_date_spans(text: str, ner_spans, read_date: DateReader) -> list[Span]:
    if not isinstance(text, str) or not text:
        return []
    n = len(text)
    out: list[Span] = []
    for s, e, lab in _model_candidates(text, ner_spans):
        out.extend(_from_model_span(text, s, e, lab, read_date))
    taken = [(a, b) for a, b, _ in out]
    out.extend(_missed_by_model(text, taken, read_date))
    valid = [(s, e, lab) for s, e, lab in sorted(set(out))
             if 0 <= s < e <= n and not text[s].isspace() and not text[e - 1].isspace()]
    return keep_longest(valid)


def _bounded_model_spans(text: str, ner_spans) -> list[Span]:
    """The model's spans, bounded and stripped of surrounding whitespace (the fallback when span
    finding fails on odd input)."""
    out = []
    try:
        n = len(text)
        for sp in ner_spans or ():
            try:
                s, e, lab = int(sp[0]), int(sp[1]), str(sp[2])
            except Exception:
                continue
            s, e = max(0, s), min(n, e)
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if s < e:
                out.append((s, e, "TIME" if lab == "TIME" else "DATE"))
    except Exception:
        return []
    return out


def find_date_spans(text: str, ner_spans: Sequence[tuple[int, int, str]], read_date: DateReader) -> list[Span]:
    """Final temporal-expression spans (TIMEX3 extent, label "DATE" or "TIME") in one block of text.

    ``ner_spans`` are spaCy's entity spans of the block (only DATE and TIME ones are used);
    ``read_date`` is the date normaliser (see :class:`DateReader`).  Never raises; every span
    satisfies ``0 <= start < end <= len(text)`` and neither end is whitespace.
    """
    try:
        return _find_date_spans(text, ner_spans, read_date)
    except Exception:  # the contract is: never raise
        return _bounded_model_spans(text, ner_spans)
