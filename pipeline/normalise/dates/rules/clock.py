"""Clock-time rules: "10:35 a.m.", "noon", "at 1030", "half past three", "ten thirty am", "15h", "9 tomorrow morning"."""

from __future__ import annotations

import re
from datetime import timedelta

from pipeline.lexicon.numbers import parse_number
from pipeline.normalise.dates.anchoring import clock_direction, tz_shift
from pipeline.normalise.dates.calendar import floor
from pipeline.normalise.dates.context import Ctx
from pipeline.normalise.dates.registry import DATE_RULES, duckling, ex
from pipeline.normalise.dates.values import DateValue, point
from pipeline.normalise.dates.vocabulary import NAMED_HOURS, WORDNUM_RE

_SIMPLE_CLOCK = re.compile(r"(?P<h>\d{1,2}|" + WORDNUM_RE + r")(?::(?P<mi>\d\d))?\s*(?P<ap>a\.?m\.?|"
                           r"p\.?m\.?)?")


def clock_hm(t: str) -> tuple[int, int, bool] | None:
    """(hour, minute, has_meridiem) of a simple clock expression such as "3pm", "noon", "three"."""
    t = t.strip()
    if t in NAMED_HOURS:
        return NAMED_HOURS[t], 0, True
    m = _SIMPLE_CLOCK.fullmatch(t)
    if not m:
        return None
    h = int(m.group("h")) if m.group("h").isdigit() else parse_number(m.group("h"))
    if h is None or h != int(h) or not 0 <= h <= 23:
        return None
    h = int(h)
    ap = (m.group("ap") or "").replace(".", "")
    if ap == "pm" and h < 12:
        h += 12
    elif ap == "am" and h == 12:
        h = 0
    return h, int(m.group("mi") or 0), bool(ap) or h > 12


def clock_value(h: int, mi: int, ctx: Ctx, ambiguous: bool, rule: str) -> DateValue:
    """The minute ``h``:``mi`` on the anchor's day, moved in the preferred direction (an
    ``ambiguous`` hour may be read pm when looking forward)."""
    a = ctx.anchor
    if a is None:
        return DateValue("TIME", "XXXX-XX-XXT%02d:%02d" % (h, mi), "unresolved", "minute", None,
                         None, None, rule)
    d = floor(a, "day") + timedelta(hours=h, minutes=mi)
    d = clock_direction(d, a, ctx.prefer, ambiguous=ambiguous and h < 12)
    return point(d, "minute", rule, typ="TIME")


#: a time of day said after the clock time, dropped before reading it ("3pm today")
_DAY_AFTER = re.compile(r"\s+(?:today|tonight|this morning|this afternoon|this evening)$")
_ZONES = r"(?:[ecmpa][sd]t|bst|cet|cest|eet|eest|wet|west|ist|jst|hkt|sgt|aest|aedt|nzst|nzdt|msk|gmt|utc|z)\b"
_TIME_RE = re.compile(
    r"(?:(?P<pre>at|@|around|about|by|until|till|from|before|after)\s+)?"
    r"(?:(?P<h>\d{1,2})(?:(?::|\.|h)(?P<mi>\d{2}))?(?::(?P<s>\d{2}))?\s*(?P<ap>a\.?\s?m\.?|p\.?\s?m\.?|"
    r"am|pm|a|p)?|(?P<hw>" + WORDNUM_RE + r")\s*(?P<ap2>a\.?m\.?|p\.?m\.?)|(?:the\s+)?(?P<named>noon|"
    r"midnight|midday|mid[\s-]day))(?:\s*(?P<oc>o'clock|oclock|hours|hrs))?(?:\s+(?P<tz>" + _ZONES + r"))?"
    r"(?:\s+(?:in\s+(?:the\s+)?|this\s+|at\s+)?(?P<part>morning|afternoon|evening|night|tonight|"
    r"a\.?m\b\.?|p\.?m\b\.?))?")
#: words before a four-digit number that also introduce years ("since 1200", "by 1430")
_CLOCK4_YEARISH = ("around", "about", "approximately", "approx", "approx.", "roughly", "circa",
                   "by", "until", "till", "before", "after", "from", "since")
_CLOCK4_MOD = {"around": "APPROX", "about": "APPROX", "approximately": "APPROX",
               "approx": "APPROX", "approx.": "APPROX", "roughly": "APPROX"}
# military/compact clock times: "at 1030", "by 1430 GMT", "330 p.m.", "at 730 in the evening",
# "at 3 15".  The preposition or a clock marker is what keeps "1030" from being a year.
_CLOCK4_RE = re.compile(
    r"(?:(?P<pre>at|@|around|about|approximately|approx\.?|roughly|circa|by|until|till|before|"
    r"after|from|since)\s+)?(?P<h>[01]?\d|2[0-3])(?P<sp>\s)?(?P<mi>[0-5]\d)(?P<ish>\s*ish)?"
    r"(?:\s*(?P<ap>a\.?\s?m\b\.?|p\.?\s?m\b\.?))?(?:\s*(?P<oc>hours|hrs|h)\b)?"
    r"(?:\s*(?P<tz>" + _ZONES + r"))?(?:\s+(?:in\s+(?:the\s+)?|this\s+|at\s+)?(?P<part>morning|"
    r"afternoon|evening|night|tonight))?")


def _compact_is_clock(m: re.Match) -> bool:
    """Whether a compact number ("1030", "3 15") reads as a clock time rather than a year or two numbers."""
    pre = m.group("pre")
    digits = m.group("h") + m.group("mi")
    ap = (m.group("ap") or "").replace(".", "").replace(" ", "")
    # "1200 hours" alone may be a duration; "0800 hours" / "at 1200 hours" are clock times
    oc = bool(m.group("oc")) and (pre is not None or digits.startswith("0"))
    marker = bool(ap or m.group("tz") or oc or m.group("part"))
    if m.group("sp") and pre not in ("at", "@"):
        return False  # "3 30" alone is two numbers
    if m.group("ish") and not pre:
        return False
    if not marker and pre is None:
        return False
    if len(digits) == 3 and not (marker or pre in ("at", "@")):
        return False
    if not marker and len(digits) == 4 and not digits.startswith("0") and (
            pre in _CLOCK4_YEARISH and (pre not in _CLOCK4_MOD or 1500 <= int(digits) <= 2099)):
        return False  # "since 1200", "by 1430", "around 1850": years unless a marker follows
    return True


@DATE_RULES.rule("compact_clock", examples=[
    ex("at 1030", "2023-09-15T10:30"), ex("around 1030", "2023-09-15T10:30"), ex("by 1430 GMT", "2023-09-15T14:30"),
    ex("330 p.m.", "2023-09-15T15:30"), ex("at 730 in the evening", "2023-09-15T19:30"), ex("0800 hours", "2023-09-15T08:00"),
    ex("until 0930", "2023-09-15T09:30"), ex("approximately 0930", "2023-09-15T09:30"), ex("at 2010", "2023-09-15T20:10"), duckling("at 3 15", "2013-02-12T15:15"),
], negatives=["1030", "around 1850", "since 1200", "3 30", "at 2575", "1200 hours"])
def compact_clock(p: str, ctx: Ctx) -> DateValue | None:
    """Compact clock times written without a colon: "at 1030", "around 0930", "by 1430 GMT",
    "330 p.m.", "at 730 in the evening", "at 3 15".  A bare "1030" stays a year; after words
    that also introduce years ("around", "by", "until", ...) a number that reads as a modern
    year (1500-2099) stays a year unless a clock marker (am/pm, zone, "hours") follows."""
    m = _CLOCK4_RE.fullmatch(_DAY_AFTER.sub("", p))
    if m is None or not _compact_is_clock(m):
        return None
    pre = m.group("pre")
    digits = m.group("h") + m.group("mi")
    ap = (m.group("ap") or "").replace(".", "").replace(" ", "")
    h, mi = int(m.group("h")), int(m.group("mi"))
    if ap:
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if ap.startswith("p") else 0)
    elif m.group("part") in ("afternoon", "evening", "night", "tonight") and h < 12:
        h += 12
    a = ctx.anchor
    mod = _CLOCK4_MOD.get(pre or "") or ("APPROX" if m.group("ish") else None)
    if a is None:
        return DateValue("TIME", "XXXX-XX-XXT%02d:%02d" % (h, mi), "unresolved", "minute", None,
                         None, mod, "clock")
    d = floor(a, "day") + timedelta(hours=h, minutes=mi)
    ambiguous = not ap and not m.group("part") and h < 12 and len(digits) == 3
    d = clock_direction(d, a, ctx.prefer, ambiguous=ambiguous)
    d = tz_shift(d, m.group("tz"), ctx)
    return point(d, "minute", "clock", mod=mod, typ="TIME")


def _clock_hour(m: re.Match) -> tuple[int, int, int] | None:
    """(hour, minute, second) of a clock time matched by ``_TIME_RE`` (None: not a clock time)."""
    if m.group("named"):
        return (0 if m.group("named") == "midnight" else 12), 0, 0
    if m.group("h") is not None:
        h = int(m.group("h"))
    else:
        n = parse_number(m.group("hw") or "")
        if n is None:
            return None
        h = int(n)
    mi = int(m.group("mi") or 0)
    s = int(m.group("s") or 0)
    ap = (m.group("ap") or m.group("ap2") or "").replace(".", "").replace(" ", "")
    if not ap and m.group("part") and m.group("part")[0] in "ap" and \
            m.group("part").replace(".", "") in ("am", "pm"):
        ap = m.group("part").replace(".", "")  # "3 in the AM"
    has_clock = bool(ap or m.group("mi") or m.group("oc") or m.group("part") or m.group("tz"))
    if not has_clock:
        return None
    if m.group("mi") is None and m.group("oc") in ("hours", "hrs") and not ap:
        return None
    if ap in ("a", "p") and m.group("mi") is None and m.group("pre") is None:
        return None
    if h > 24 or mi > 59 or s > 59:
        return None
    if ap.startswith("p") and h < 12:
        h += 12
    elif ap.startswith("a") and h == 12:
        h = 0
    if not ap and m.group("part") in ("afternoon", "evening", "night", "tonight") and h < 12:
        h += 12
    return (0 if h == 24 else h), mi, s


def _has_meridiem(m: re.Match) -> bool:
    ap = (m.group("ap") or m.group("ap2") or "").replace(".", "").replace(" ", "")
    part = m.group("part")
    return bool(ap) or bool(part and part[0] in "ap" and part.replace(".", "") in ("am", "pm"))


@DATE_RULES.rule("clock", examples=[
    ex("10:35 a.m.", "2023-09-15T10:35", label="TIME"), ex("3 pm", "2023-09-15T15:00"), ex("noon", "2023-09-15T12:00"),
    ex("at midnight", "2023-09-16T00:00"), ex("15h15", "2023-09-15T15:15"), ex("at 8 o'clock", "2023-09-15T08:00"),
    duckling("4pm CET", "2013-02-12T16:00"),
    duckling("at 3am", "2013-02-13T03:00"), ex("at noon", "XXXX-XX-XXT12:00", at=None),
], negatives=["3", "4a", "1200 hours", "8 hours"])
def clock(p: str, ctx: Ctx) -> DateValue | None:
    """Clock times: "10:35 a.m.", "3 pm", "noon", "midnight", "15h15", "at 8 o'clock"."""
    m = _TIME_RE.fullmatch(_DAY_AFTER.sub("", p))
    if not m:
        return None
    hms = _clock_hour(m)
    if hms is None:
        return None
    h, mi, s = hms
    a = ctx.anchor
    grain = "second" if m.group("s") else "minute"
    if a is None:
        return DateValue("TIME", "XXXX-XX-XXT%02d:%02d" % (h, mi), "unresolved", grain, None, None, None, "clock")
    d = floor(a, "day") + timedelta(hours=h, minutes=mi, seconds=s)
    if "tonight" in p and h < 12:
        d += timedelta(hours=12)
    if m.group("named") == "midnight":  # "at midnight": the one ending the anchor's day
        d += timedelta(days=1)
        return point(tz_shift(d, m.group("tz"), ctx), grain, "clock", typ="TIME")
    d = clock_direction(d, a, ctx.prefer, ambiguous=not _has_meridiem(m) and m.group("named") is None and
                        h < 12 and not m.group("part"))
    d = tz_shift(d, m.group("tz"), ctx)
    return point(d, grain, "clock", typ="TIME")


def clock_time(p: str, ctx: Ctx) -> DateValue | None:
    """A clock time, compact ("at 1030") or not ("10:30 a.m."): the two clock rules in turn."""
    return compact_clock(p, ctx) or clock(p, ctx)


_CLOCK_BASE = (r"(?:\d{1,2}(?::\d\d)?\s*(?:a\.?m\.?|p\.?m\.?)?|noon|midnight|midday|" + WORDNUM_RE +
               r"(?:\s*(?:a\.?m\.?|p\.?m\.?))?)")
_PAST_TO = re.compile(r"(?:at\s+|for\s+)?(?P<n>half|(?:a\s+)?quarter|" + WORDNUM_RE +
                      r"|\d{1,2})(?:\s+minutes?)?\s+(?P<dir>past|after|to|till|before|of|from)\s+"
                      r"(?P<h>" + _CLOCK_BASE + r")")


@DATE_RULES.rule("minutes_past_hour", genre="duckling", examples=[
    duckling("half past three", "2013-02-12T15:30"), duckling("a quarter to noon", "2013-02-12T11:45"),
    duckling("20 minutes past 3pm", "2013-02-12T15:20"), duckling("ten of five", "2013-02-12T04:50"),
], negatives=["ninety minutes after five", "half past"])
def minutes_past_hour(p: str, ctx: Ctx) -> DateValue | None:
    """"half past three", "a quarter to noon", "20 past 3pm", "ten of five"."""
    m = _PAST_TO.fullmatch(p)
    if not m:
        return None
    hm = clock_hm(m.group("h"))
    n = m.group("n")
    mins = 30 if n == "half" else 15 if n.endswith("quarter") else parse_number(n)
    if hm is None or mins is None or not 0 < mins < 60 or mins != int(mins):
        return None
    h, mi, has_ap = hm
    total = h * 60 + mi + (int(mins) if m.group("dir") in ("past", "after", "from") else -int(mins))
    total %= 1440
    return clock_value(total // 60, total % 60, ctx, not has_ap, "clock")


_HALF_HOUR = re.compile(r"(?:at\s+)?half\s+(?P<h>" + WORDNUM_RE + r"|\d{1,2})")


@DATE_RULES.rule("half_hour", genre="duckling", examples=[duckling("half three", "2013-02-12T15:30")],
                 negatives=["half fifteen", "half"])
def half_hour(p: str, ctx: Ctx) -> DateValue | None:
    """British "half three" = 3:30."""
    m = _HALF_HOUR.fullmatch(p)
    if m:
        hm = clock_hm(m.group("h"))
        if hm and hm[0] <= 12:
            return clock_value(hm[0], 30, ctx, True, "clock")
    return None


_CLOCK_IN_WORDS = re.compile(r"(?:at\s+)?(?P<h>one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                             r"twelve)[\s-]+(?:(?:o|oh|zero)[\s-]+(?P<z>one|two|three|four|five|six|seven|"
                             r"eight|nine)|(?P<mi>(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
                             r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty)(?:[\s-](?:one|two|"
                             r"three|four|five|six|seven|eight|nine))?))(?:\s*(?P<ap>a\.?m\.?|p\.?m\.?))?")
_HYPHENATED_WORDS = re.compile(r"[a-z]-[a-z]")


@DATE_RULES.rule("clock_in_words", genre="duckling", examples=[
    duckling("ten thirty am", "2013-02-12T10:30"), duckling("twelve oh three", "2013-02-12T12:03"),
    duckling("at three twenty", "2013-02-12T15:20"),
], negatives=["three twenty"])
def clock_in_words(p: str, ctx: Ctx) -> DateValue | None:
    """"ten thirty am", "twelve oh three", "at three twenty" ("three twenty" alone is a number)."""
    m = _CLOCK_IN_WORDS.fullmatch(p)
    if m and m.group("mi") and not m.group("ap") and not _HYPHENATED_WORDS.search(p) and not p.startswith("at "):
        return None  # "three twenty" alone is a number, not a time
    if not m:
        return None
    h = int(parse_number(m.group("h")))
    mi = int(parse_number(m.group("z") or m.group("mi")))
    ap = (m.group("ap") or "").replace(".", "")
    if ap == "pm" and h < 12:
        h += 12
    elif ap == "am" and h == 12:
        h = 0
    return clock_value(h, mi, ctx, not ap, "clock")


_HOUR_H = re.compile(r"(?:at\s+)?(?P<h>[01]?\d|2[0-3])h")


@DATE_RULES.rule("hour_h", genre="duckling", examples=[duckling("at 15h", "2013-02-12T15:00")],
                 negatives=["25h", "15h"])
def hour_h(p: str, ctx: Ctx) -> DateValue | None:
    """A whole hour written with "h": "15h", "at 9h"."""
    m = _HOUR_H.fullmatch(p)
    return clock_value(int(m.group("h")), 0, ctx, False, "clock") if m else None


_HOUR_MERIDIEM = re.compile(r"(?:at\s+)?(?P<h>\d{1,2})\s*(?:o'?clock|ish)?\s*(?:(?P<ap>[ap])\.?m\.?|"
                            r"(?P<ap2>p))")


@DATE_RULES.rule("hour_meridiem", genre="duckling", examples=[duckling("3ish pm", "2013-02-12T15:00")],
                 negatives=["13pm"])
def hour_meridiem(p: str, ctx: Ctx) -> DateValue | None:
    """An hour with a short am/pm: "at 3p", "3ish pm", "8 o'clock am"."""
    m = _HOUR_MERIDIEM.fullmatch(p)
    if m and int(m.group("h")) <= 12:
        h = int(m.group("h")) % 12 + (12 if "p" in (m.group("ap"), m.group("ap2")) else 0)
        return clock_value(h, 0, ctx, False, "clock")
    return None


_HOUR_WITH_DAY = re.compile(r"(?P<h>\d{1,2}|" + WORDNUM_RE + r")\s+(?P<part>tonight|this evening|"
                            r"this afternoon|this morning|tomorrow morning|tomorrow night|tomorrow)")
_DAY_OF_PART = {"tonight": "today", "this evening": "today", "this afternoon": "today", "this morning": "today"}


@DATE_RULES.rule("hour_with_day", genre="duckling", examples=[
    duckling("9 tomorrow morning", "2013-02-13T09:00"), duckling("eight tonight", "2013-02-12T20:00"),
], negatives=["13 tomorrow"])
def hour_with_day(p: str, ctx: Ctx) -> DateValue | None:
    """An hour then the day it falls on: "9 tomorrow morning", "eight tonight"."""
    m = _HOUR_WITH_DAY.fullmatch(p)
    if not m:
        return None
    hm = clock_hm(m.group("h"))
    day = ctx.read(_DAY_OF_PART.get(m.group("part"), m.group("part").split()[0]))
    if hm and day is not None and day.start is not None and hm[0] <= 12:
        h = hm[0]
        if m.group("part") in ("tonight", "this evening", "this afternoon", "tomorrow night") and h < 12:
            h += 12
        return point(day.start + timedelta(hours=h, minutes=hm[1]), "minute", "clock", typ="TIME")
    return None
