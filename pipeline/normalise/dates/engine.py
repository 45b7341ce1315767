"""The date engine: reads a phrase with the registered rules in an explicit order, and reads the phrase's context around it.

Reading a cleaned phrase (:func:`read_phrase`) is, in order:

1. the direct rules (:data:`DIRECT_ORDER`) on the whole phrase: the first that gives a value wins;
2. a trailing "approximately"/"or so"/"-ish" is taken off and the rest read (mod APPROX);
3. up to three leading modifiers ("about", "more than", "early", "until") are taken off, and
   the direct rules tried after each (the modifier becomes the TIMEX3 mod);
4. leading prepositions ("on", "in", "since") are taken off and the direct rules tried again;
5. the composition rules (:data:`COMPOSITION_ORDER`) on the whole phrase: ranges, a day with a
   clock time; each reads its parts with the whole engine (without ranges).

Around that, :func:`normalise_date` reads the context: a bare number that is an age
("Kutcher, 42,") or "that year" after a year written before (the context rules), the tense of
the clause and whether the story reports company results (passed to the rules), and afterwards
a modifier the model left outside the span ("about"), a duration followed by "old" (an age) and
a part of the day used attributively ("morning talk show": no time).
"""

from __future__ import annotations

import functools
import re
from datetime import date, datetime

from pipeline.normalise.dates import compose  # noqa: F401  (registers the composition rules)
from pipeline.normalise.dates.context import (
    PREFERENCES,
    Ctx,
    clean,
    is_age,
    is_attributive,
    modifier_before,
    reports_results,
    tense_of,
    year_mentioned_before,
)
from pipeline.normalise.dates.narrative import anaphor_grain
from pipeline.normalise.dates.registry import DATE_RULES, ex
from pipeline.normalise.dates.rules import DIRECT_ORDER
from pipeline.normalise.dates.rules.years import spoken_year
from pipeline.normalise.dates.values import DateValue, narrow, point, read_by, with_mod
from pipeline.normalise.dates.vocabulary import MONTH_RE, WEEKDAY_RE

#: composition rules, tried after the direct rules failed on the whole phrase and on it without
#: its modifiers and prepositions.  A range is tried first: its ends may themselves be a day and a
#: clock time.  The day-and-clock readings go from the most specific shape (a clock word next to a
#: day word, either order) to the loosest (any two expressions around a comma).
COMPOSITION_ORDER = ("range", "day_and_clock", "split_at_comma", "clock_then_day", "day_then_clock")

_DIRECT = DATE_RULES.ordered(DIRECT_ORDER)
_COMPOSITION = DATE_RULES.ordered(COMPOSITION_ORDER)

_TRAIL_APPROX = re.compile(r"(.*?[a-z0-9.])(?:,?\s+(?:approximately|approx\.?|or so|roughly|"
                           r"or thereabouts)|-?ish)")
#: leading modifiers and the TIMEX3 mod each gives
_MODS = [
    (re.compile(r"^(?:about|around|approximately|roughly|some|nearly|almost|close to|"
                r"an estimated|circa|about the|around the|sometime in|sometime|some time in)\s+"),
     "APPROX"),
    (re.compile(r"^(?:more than|over|upwards of|longer than|in excess of|beyond)\s+"), "MORE_THAN"),
    (re.compile(r"^(?:less than|under|fewer than|shorter than|within|inside of)\s+"), "LESS_THAN"),
    (re.compile(r"^(?:at least|no less than|not less than|a minimum of|no fewer than)\s+"),
     "EQUAL_OR_MORE"),
    (re.compile(r"^(?:at most|no more than|not more than|up to|a maximum of|as much as|"
                r"as many as)\s+"), "EQUAL_OR_LESS"),
    (re.compile(r"^(?:the )?(?:early|earlier|beginning of|the beginning of|start of|"
                r"the start of|dawn of|the dawn of|first part of|the first part of|"
                r"earlier in|early in|at the start of|at the beginning of)\s+"), "START"),
    (re.compile(r"^(?:the )?(?:mid|middle of|the middle of|midway through|mid-?)\s*-?\s*"), "MID"),
    (re.compile(r"^(?:the )?(?:late|later|end of|the end of|close of|the close of|"
                r"last part of|the last part of|latter part of|the latter part of|"
                r"later in|late in|at the end of|the tail end of|tail end of)\s+"), "END"),
    (re.compile(r"^(?:before|prior to|until|till|by|through|up until|up to)\s+"), "BEFORE"),
    (re.compile(r"^(?:after|since|following|from|starting|beginning|as of|starting in)\s+"),
     "AFTER"),
]
#: prepositions before a date that do not change its value
_LEAD_STRIP = re.compile(
    r"^(?:(?:on|in|at|during|by|for|of|within|throughout|over|from|since|until|till|til|"
    r"through|thru|before|after|as of|as early as|as late as|as recently as|starting|"
    r"beginning|effective|circa|ca\.?|c\.)\s+)+")
#: the mods a duration keeps ("about three years"); others apply to points only
_DURATION_MODS = {"LESS_THAN", "MORE_THAN", "EQUAL_OR_MORE", "EQUAL_OR_LESS"}
_NEUTRAL_PREPOSITIONS = ("from", "by", "until", "till", "through", "up", "as")


def _apply_rules(p: str, ctx: Ctx) -> DateValue | None:
    """The value of the first direct rule (in :data:`DIRECT_ORDER`) that reads ``p``."""
    for rule in _DIRECT:
        v = rule.apply(p, ctx)
        if v is not None:
            return read_by(v, rule.name)
    return None


def _strip_and_mod(p: str) -> tuple[str, str | None]:
    """Remove a leading modifier ("about", "more than", "early", "late") and return its TIMEX mod."""
    for rx, mod in _MODS:
        m = rx.match(p)
        if m and m.end() < len(p):
            return p[m.end():], mod
    return p, None


def _without_modifiers(p: str, ctx: Ctx) -> DateValue | None:
    """Steps 3: the phrase read after up to three leading modifiers, with the TIMEX3 mod they give."""
    mod = None
    q = p
    for _ in range(3):
        q2, m2 = _strip_and_mod(q)
        if m2 is None:
            break
        neutral = m2 in ("BEFORE", "AFTER") and q.split()[0] in _NEUTRAL_PREPOSITIONS
        if not neutral and mod is None:
            mod = m2
        q = q2
        v = _apply_rules(q, ctx)
        if v is not None:
            if mod in ("BEFORE", "AFTER") and v.kind == "duration":
                mod = None
            if mod in ("APPROX", "MORE_THAN", "LESS_THAN", "EQUAL_OR_MORE", "EQUAL_OR_LESS") \
                    or v.kind != "duration":
                return with_mod(v, mod)
            return v
    return None


def read_phrase(p: str, ctx: Ctx, allow_range: bool = True) -> DateValue | None:
    """Read a cleaned phrase with the rules, in the order the module docstring gives."""
    if not p or len(p) > 120:
        return None
    v = _apply_rules(p, ctx)
    if v is not None:
        return v
    m = _TRAIL_APPROX.fullmatch(p)
    if m:  # "3pm approximately", "tomorrow afternoonish", "noon or so"
        v = read_phrase(m.group(1), ctx, allow_range)
        if v is not None and v.kind in ("point", "interval", "unresolved"):
            return with_mod(v, "APPROX")
    v = _without_modifiers(p, ctx)
    if v is not None:
        return v
    q3 = _LEAD_STRIP.sub("", p)
    if q3 != p and q3:
        v = _apply_rules(q3, ctx)
        if v is not None:
            return v
    for rule in _COMPOSITION:
        if rule.name == "range" and not allow_range:
            continue
        v = rule.apply(p, ctx)
        if v is not None:
            return read_by(v, rule.name)
    return None


# bare unit plurals without an amount ("minutes", "in days", "for months") are not timexes
_BARE_UNITS = re.compile(r"(?:(?:the|in|for|of|within|over)\s+)?(?:seconds|minutes|hours|days|"
                         r"nights|weeks|months|quarters|years|decades|centuries)")


@functools.lru_cache(maxsize=131072)
def _normalise_phrase(p: str, anchor: datetime | None, tense: str | None, label: str,
                      fin: bool = False, prefer: str = "past",
                      ref_off: int | None = None) -> DateValue | None:
    """Cached reading of a cleaned phrase in a context."""
    if _BARE_UNITS.fullmatch(p):
        return None
    v = read_phrase(p, Ctx(anchor, tense, label, fin, prefer, ref_off, read_phrase))
    return narrow(v) if v is not None else None


_PRIME_UNITS = re.compile(r"\s*((?:(?:in|for|within|after)\s+)?\d+(?:\.\d+)?)\s*(['\u2019\u2032]|[\"\u201d\u2033])\s*")
_LETTER_OR_DIGIT = re.compile(r"[a-z0-9]")
_SPOKEN_YEAR_IN = re.compile(r"\b(?:nineteen|two thousand)[\s-]+(?:and[\s-]+)?(?:(?:twenty|thirty|"
                             r"forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|"
                             r"five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|"
                             r"fifteen|sixteen|seventeen|eighteen|nineteen)\b")
_NEEDS_TENSE = re.compile(WEEKDAY_RE.replace(r"\.?", "") + "|" + MONTH_RE.replace(r"\.?", "") +
                          r"|quarter|half|spring|summer|autumn|fall|winter|\d{1,2}/\d{1,2}")
_ANAPHORIC_YEAR = re.compile(r"(?:(?P<m>later|earlier|late|early)(?:\s+in)?\s+)?(?:that|the\s+(?P<w>"
                             r"following|previous|preceding|same))\s+year")
_OLD_AFTER = re.compile(r"[\s-](?:old|olds)\b")
_OF_AGE_AFTER = re.compile(r"\s*(?:old|of age)\b")


def _phrase(raw: str) -> str | None:
    """The cleaned phrase of a span: 2' = two minutes, 30" = thirty seconds (Duckling style),
    spoken years in figures ("January nineteen ninety-seven" -> "january 1997")."""
    mm = _PRIME_UNITS.fullmatch(raw)
    if mm:
        raw = mm.group(1) + (" minutes" if mm.group(2) in "'\u2019\u2032" else " seconds")
    p = clean(raw)
    if not p or not _LETTER_OR_DIGIT.search(p):
        return None
    if ("nineteen " in p or "two thousand" in p) and spoken_year(p) is None:
        p = _SPOKEN_YEAR_IN.sub(lambda mm: str(spoken_year(mm.group(0)) or mm.group(0)), p)
    return p


def _naive_anchor(anchor) -> tuple[datetime | None, int | None]:
    """The anchor as a naive datetime (a date is its midnight), and its UTC offset in minutes."""
    if anchor is not None and not isinstance(anchor, datetime):
        anchor = datetime(anchor.year, anchor.month, anchor.day) if isinstance(anchor, date) else None
    ref_off = None
    if anchor is not None and anchor.tzinfo is not None:
        off = anchor.utcoffset()
        ref_off = int(off.total_seconds() // 60) if off is not None else None
        anchor = anchor.replace(tzinfo=None)
    return anchor, ref_off


def age_in_context(text: str, start: int, end: int, p: str) -> DateValue | None:
    """A bare number that is a person's age: "Kutcher, 42,", "aged 42", "(42)"."""
    if is_age(text, start, end, p):
        return DateValue("DURATION", "P%dY" % int(p), "age", "year", None, None, None, "age")
    return None


def anaphoric_year(text: str, start: int, p: str, anchor: datetime | None,
                   ref: datetime | None = None) -> DateValue | None:
    """"that year", "the following year", "later that year": the last year written before it in
    the block, else the year of the article's narrative reference ``ref`` (:mod:`.narrative`)."""
    ana = _ANAPHORIC_YEAR.fullmatch(p)
    if not ana or anchor is None:
        return None
    y = year_mentioned_before(text, start)
    if y is None and ref is not None:
        y = ref.year
    if y is None:
        return None
    y += {"following": 1, "previous": -1, "preceding": -1}.get(ana.group("w"), 0)
    mod = {"later": "END", "earlier": "START", "late": "END", "early": "START"}.get(ana.group("m") or "")
    return point(datetime(y, 1, 1), "year", "anaphoric", mod)


_YEAR_WORD = re.compile(r"(?:the\s+)?(?:(?:fiscal|financial|latest|full)\s+)?year")
_ENDED_AFTER = re.compile(r"\s+(?:that\s+|which\s+)?(?:ended|ending|ends)\s+(?:[A-Z0-9]|(?:today|tomorrow|"
                          r"yesterday|last|this|next)\b)")


def year_ending(text: str, end: int, p: str) -> DateValue | None:
    """"the year" followed by "ended March 31" / "ending June 30" is the twelve months up to that
    day (TimeML: a duration, P1Y; the day is a timex of its own), not the calendar year."""
    if _YEAR_WORD.fullmatch(p) and _ENDED_AFTER.match(text[end:end + 30]):
        return DateValue("DURATION", "P1Y", "duration", "year", None, None, None, "year_ending")
    return None


def duration_then_old(v: DateValue, text: str, end: int) -> DateValue | None:
    """A duration followed by "old" or "of age" is an age ("[42 years] old")."""
    if v.kind == "duration" and (_OLD_AFTER.search(text[end:end + 6].lower()) or
                                 _OF_AGE_AFTER.match(text[end:end + 10].lower())):
        return DateValue("DURATION", v.value, "age", v.grain, None, None, None, "age")
    return None


DATE_RULES.add("age_in_context", age_in_context, examples=[
    ex("Ashton Kutcher, [42], has joined the cast.", "P42Y", kind="age"), ex("The victim, aged [42]", "P42Y"),
], negatives=[ex("The company sold [42] cars.", None)])
DATE_RULES.add("anaphoric_year", anaphoric_year, examples=[
    ex("Farkas was promoted on May 22, 1995, and [the following year] he moved to Rome.", "1996",
       at=datetime(1998, 4, 18)),
], negatives=["the following year"])
DATE_RULES.add("year_ending", year_ending, examples=[
    ex("Net income for [the year] ended March 31 rose.", "P1Y", kind="duration"),
    ex("It expects a loss for [the fiscal year] ending June 30, 2024.", "P1Y"),
], negatives=[ex("Sales for [the year] rose.", None), ex("[The year] ended with a rally.", None)])
DATE_RULES.add("duration_then_old", duration_then_old, examples=[
    ex("The [42 years] old man", "P42Y", kind="age"),
], negatives=["42 years"])


def _after_reading(v: DateValue, text: str, start: int, end: int, p: str) -> DateValue | None:
    """What the words around the span change: a greeting or modifier use of a part of the day
    (no time), a modifier left before the span, "old" after a duration."""
    if v.rule == "dayword" and p in ("morning", "afternoon", "evening", "night") and is_attributive(text, start, end):
        return None  # "good evening", "morning talk show": not a time of this day
    if v.mod is None and v.kind in ("point", "interval", "duration", "unresolved"):
        mod = modifier_before(text, start)
        if mod and (v.kind == "duration") == (mod in _DURATION_MODS):
            v = with_mod(v, mod)
    age = duration_then_old(v, text, end)
    return read_by(age, "duration_then_old") if age is not None else v


def _normalise(text: str, start: int, end: int, anchor, label: str, prefer: str,
               refs: dict[str, datetime] | None) -> DateValue | None:
    if prefer not in PREFERENCES:
        prefer = "past"
    if not isinstance(text, str) or start is None or end is None:
        return None
    start = max(0, int(start))
    end = min(len(text), int(end))
    if end <= start:
        return None
    p = _phrase(text[start:end])
    if p is None:
        return None
    anchor, ref_off = _naive_anchor(anchor)
    v = age_in_context(text, start, end, p)
    if v is not None:
        return read_by(v, "age_in_context")
    refs = refs or {}
    v = anaphoric_year(text, start, p, anchor, refs.get("year"))
    if v is not None:
        return read_by(v, "anaphoric_year")
    v = year_ending(text, end, p)
    if v is not None:
        return read_by(v, "year_ending")
    grain = anaphor_grain(p) if anchor is not None else None
    if grain is not None and refs.get(grain) is not None:  # "that day": the story's day, not today
        anchor, ref_off = refs[grain], None
    tense = tense_of(text, start, end) if anchor is not None and _NEEDS_TENSE.search(p) else None
    fin = anchor is not None and reports_results(text, start, end, p)
    v = _normalise_phrase(p, anchor, tense, label if label in ("DATE", "TIME") else "DATE", fin, prefer, ref_off)
    if v is None:
        return None
    return _after_reading(v, text, start, end, p)


def normalise_date(text: str, start: int, end: int, anchor: datetime | None, *,
                   label: str = "DATE", prefer: str = "past",
                   refs: dict[str, datetime] | None = None) -> DateValue | None:
    """Normalise ``text[start:end]`` to a :class:`DateValue`; None if it is not temporal.

    ``text`` is the surrounding block, used for context (ages such as "Kutcher, 42,", the tense
    of the sentence for bare weekdays/months).  ``anchor`` is the publication date (naive) or
    None.  Never raises.

    ``prefer`` is the direction in which an under-specified expression (a bare weekday, month
    name, day of month such as "the 15th", clock time, or holiday without a year) is placed
    relative to the anchor:

    * ``"past"`` (default; news reading): the most recent such day/month, the anchor day itself
      included, nudged by the tense of the sentence ("will meet on Thursday" looks forward);
    * ``"future"`` (scheduling/assistant reading): the next one strictly after the anchor for
      weekdays and clock times, the current or next one for months, days and holidays;
    * ``"nearest"``: whichever occurrence is closest to the anchor.

    Explicit expressions ("last Tuesday", "next March", "May 2018") ignore ``prefer``.

    ``refs`` are the article's narrative references before the span
    (:meth:`.narrative.Narrative.refs`): an anaphoric expression ("that day", "the following
    month", "that year") is placed against them instead of ``anchor`` when one fits.
    """
    try:
        return _normalise(text, start, end, anchor, label, prefer, refs)
    except Exception:  # the contract is: never raise on any input
        return None
