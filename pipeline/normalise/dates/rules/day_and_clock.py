"""A day and a clock time together: "4/25 at 4:00pm", "Fri, Jul 18, 2014 07:00 PM", "tonight at 11"; and clock ranges: "3-4pm", "Thursday from 9:30 to 11:00"."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from pipeline.normalise.dates.anchoring import tz_shift
from pipeline.normalise.dates.calendar import floor, value_at
from pipeline.normalise.dates.context import Ctx
from pipeline.normalise.dates.registry import DATE_RULES, duckling, ex
from pipeline.normalise.dates.values import DateValue, point, unresolved
from pipeline.normalise.dates.vocabulary import NAMED_HOURS, TZ_ALT

_AP = r"(?:[ap]\.?\s?m\b\.?)"
#: a clock time inside a longer phrase ("at 4:00pm", "07:00 PM", "noon", "8 (GMT)")
_CLK_TOKEN = re.compile(
    r"(?:(?<=[\s,])|^)(?:(?:at|@)\s*)?(?P<clk>\d{1,2}(?:[:.h]\d{2})?\s*" + _AP + r"|\d{1,2}:\d{2}|"
    r"\d{1,2}h(?:\d{2})?|noon|midnight|\d{1,2}\s*o'?clock|\d{1,2}(?=\s*\(?(?:" + TZ_ALT +
    r")\b))(?:\s*\(?(?P<tz>" + TZ_ALT + r")\)?)?"
    r"(?=[\s,]|$)")
#: a bare hour after "at" ("tonight at 11"): a clock time only with a part of the day
_CLK_BARE = re.compile(r"(?:(?<=\s)|^)(?:at|@)\s*(?P<clk>\d{1,2})(?P<tz>)(?=[\s,]|$)")
_PART_IN = re.compile(r"\b(?:(?:this|in the|at|early|late)\s+)?(?P<w>morning|afternoon|evening|"
                      r"night|tonight|tonite)\b")
#: what is left around the clock time must not be a range or a duration
_RANGE_WORD = re.compile(r"(?:^|\s)(?:-|–|to|until|untill|till|thru|through|between|and|"
                         r"before|after|for|in|ago|from)(?:\s|$)|\d")
_NUMERIC_DAY = re.compile(r"\d{1,2}/\d{1,2}(?:/\d{2,4})?|\d{4}|\b\d{1,2}(?:st|nd|rd|th)?\b")
_CLOCK_TOKEN_PARTS = re.compile(r"(\d{1,2})(?:[:.h](\d{2}))?\s*(?:h|o'?clock)?\s*(?:([ap])\.?\s?m\.?|([ap]))?")
_SPACES = re.compile(r"\s+")
_EDGE_PREPOSITION = re.compile(r"^(?:on|at|of|,)\s+|\s+(?:on|at|of)$")
_EDGE_ON_OF = re.compile(r"^(?:on|of)\s+|\s+(?:on|of)$")
#: the reference time span finding reads a shape against (the value is then left unresolved)
_PROBE = datetime(2000, 1, 1)


def clock_token_hm(clk: str, part: str | None) -> tuple[int, int, bool] | None:
    """(hour, minute, explicit minutes) of a clock token, using a part of day for a bare hour."""
    clk = clk.strip()
    if clk in NAMED_HOURS:
        return NAMED_HOURS[clk], 0, False
    m = _CLOCK_TOKEN_PARTS.fullmatch(clk)
    if not m:
        return None
    h, mi = int(m.group(1)), int(m.group(2) or 0)
    ap = m.group(3) or m.group(4)
    if h > 24 or mi > 59 or (ap and not 1 <= h <= 12):
        return None
    if ap == "p" and h < 12:
        h += 12
    elif ap == "a" and h == 12:
        h = 0
    elif not ap and part in ("afternoon", "evening", "night", "tonight", "tonite") and h < 12:
        h += 12
    return h % 24, mi, m.group(2) is not None


def day_part(rest: str, ctx: Ctx) -> tuple[DateValue | None, str | None]:
    """The day a clock time is attached to ("tomorrow", "Fri, Jul 18, 2014", "tonight",
    "saturday morning"), plus the part of day named, if any."""
    rest = _SPACES.sub(" ", rest).strip(" ,")
    rest = _EDGE_PREPOSITION.sub("", rest).strip(" ,")
    if not rest:
        return None, None
    part = None
    pm = _PART_IN.search(rest)
    if pm:
        part = pm.group("w")
        rest = (rest[:pm.start()] + " " + rest[pm.end():]).strip(" ,")
        rest = _EDGE_ON_OF.sub("", rest).strip(" ,")
        if not rest:
            rest = "today"
    dv = ctx.read(rest)
    if dv is None or dv.start is None or dv.kind != "point" or dv.grain != "day":
        return None, part
    return dv, part


@DATE_RULES.rule("date_and_clock", examples=[
    duckling("4/25 at 4:00pm", "2013-04-25T16:00"), duckling("4/25 at 16h", "2013-04-25T16:00"),
    duckling("Fri, Jul 18, 2014 07:00 PM", "2014-07-18T19:00"), duckling("at 7:30 PM on Fri, Sep 20", "2013-09-20T19:30"),
    duckling("tonight at 11", "2013-02-12T23:00"), duckling("Saturday morning at 9", "2013-02-16T09:00"),
    ex("5 p.m. EST Nov. 9", "1989-11-09T17:00", at=datetime(1989, 11, 2)),
    ex("tomorrow at 5pm", None, at=None, kind="unresolved"),
], negatives=["at 5pm", "from 3 to 5 tomorrow", "tomorrow at 11"])
def date_and_clock(p: str, ctx: Ctx) -> DateValue | None:
    """A day plus a clock time, either order: "4/25 at 4:00pm", "Fri, Jul 18, 2014 07:00 PM",
    "at 7:30 PM on Fri, Sep 20", "tonight at 11", "Saturday morning at 9", "Thursday 8:00 GMT"."""
    if ctx.anchor is None:
        # no anchor: recognise the shape (span finding) but leave the value unresolved
        probe = ctx.at(_PROBE, label=ctx.label, tense=ctx.tense, fin=ctx.fin, prefer=ctx.prefer)
        if date_and_clock(p, probe) is None:
            return None
        return unresolved(None, "minute", "datetime", typ="TIME")
    m = _CLK_TOKEN.search(p)
    if m is None:
        m = _CLK_BARE.search(p)
        if m is None:
            return None
    rest = p[:m.start()] + " " + p[m.end():]
    if not rest.strip(" ,") or _RANGE_WORD.search(_NUMERIC_DAY.sub("", rest)):
        return None
    dv, part = day_part(rest, ctx)
    if dv is None:
        return None
    if m.re is _CLK_BARE and part is None:
        return None
    hm = clock_token_hm(m.group("clk"), part)
    if hm is None:
        return None
    dt = floor(dv.start, "day") + timedelta(hours=hm[0], minutes=hm[1])
    dt = tz_shift(dt, m.group("tz"), ctx)
    return point(dt, "minute", "datetime", typ="TIME")


_CLK_RANGE = re.compile(
    r"(?:(?:from|between)\s+)?(?P<a>\d{1,2}(?:[:.h]\d{2})?)\s*(?P<apa>" + _AP + r"|[ap]\b|h\b)?"
    r"(?:\s*(?P<tza>" + TZ_ALT + r")\b)?\s*(?:-|–|\bto\b|\buntil\b|\buntill\b|\btill\b|\band\b|"
    r"\bthru\b|\bthrough\b)\s*(?P<b>\d{1,2}(?:[:.h]\d{2})?)\s*(?P<apb>" + _AP + r"|[ap]\b|h\b)?"
    r"(?:\s*\(?(?P<tz>" + TZ_ALT + r")\)?\b)?")
_CLOCKISH = re.compile(r"[:h.]")
_PART_AFTER = re.compile(r"\b(?:pm|p\.m\.|am|a\.m\.|afternoon|morning|evening|night|tonight)\b")
_THE_MERIDIEM = re.compile(r"\b(?:in the|the)\s+(pm|am)\b")
_MERIDIEM_WORD = re.compile(r"(?:^|\s)(pm|p\.m\.|am|a\.m\.)(?:\s|$)")
_FILLER_WORDS = re.compile(r"\b(?:ish|approximately|around|about|in between|in|on|from)\b")


def _range_day(p: str, m: re.Match, ctx: Ctx) -> tuple[datetime | None, str | None]:
    """The day a clock range falls on (the anchor's, unless the rest of the phrase names one) and
    the part of the day the phrase names; (None, None) when the rest is not a day."""
    rest = p[:m.start()] + " " + p[m.end():]
    rest = _THE_MERIDIEM.sub(r"\1", rest.strip())
    part = None
    pm = _MERIDIEM_WORD.search(rest)
    if pm:
        part = "afternoon" if pm.group(1).startswith("p") else "morning"
        rest = rest[:pm.start()] + " " + rest[pm.end():]
    rest = _FILLER_WORDS.sub(" ", rest).strip(" ,")
    if not rest:
        return floor(ctx.anchor, "day"), part
    dv, part2 = day_part(rest, ctx)
    part = part or part2
    if dv is None:
        if part2 is None:
            return None, None
        dv = point(ctx.anchor, "day", "dayword")
    return floor(dv.start, "day"), part


@DATE_RULES.rule("clock_range", examples=[
    duckling("9h30 - 11h", "2013-02-12T09:30/2013-02-12T11:00"), duckling("3-4pm", "2013-02-12T15:00/2013-02-12T16:00"),
    duckling("from 3 to 4 in the PM", "2013-02-12T15:00/2013-02-12T16:00"),
    duckling("8am until 6", "2013-02-12T08:00/2013-02-12T18:00"),
    duckling("Thursday from 9:30 to 11:00", "2013-02-14T09:30/2013-02-14T11:00"),
], negatives=["from 3 to 5", "1990 to 1995", "3-1"])
def clock_range(p: str, ctx: Ctx) -> DateValue | None:
    """Clock-time intervals, optionally on a day: "9h30 - 11h", "3-4pm", "8am - 1pm",
    "from 3 to 5 in the afternoon", "Thursday from 9:30 to 11:00", "15:00 GMT - 18:00 GMT".
    The end is exclusive at the grain written (to 4pm -> 17:00; to 11:00 -> 11:01)."""
    if ctx.anchor is None:
        return None
    m = _CLK_RANGE.search(p)
    if m is None:
        return None
    sa, sb = m.group("a"), m.group("b")
    apa = (m.group("apa") or "").replace(".", "").replace(" ", "")
    apb = (m.group("apb") or "").replace(".", "").replace(" ", "")
    if not (_CLOCKISH.search(sa) or apa or _CLOCKISH.search(sb) or apb):
        # "from 3 to 5" needs a part of day ("in the PM", "in the afternoon")
        if not _PART_AFTER.search(p[m.end():]):
            return None
    day, part = _range_day(p, m, ctx)
    if day is None:
        return None
    hb = clock_token_hm(sb + (" " + apb if apb not in ("", "h") else ""), part)
    if hb is None:
        return None
    ap_a = apa if apa not in ("", "h") else ""
    if not ap_a and apb and apb not in ("h",):
        # "3-4pm", "9-11am": the left side takes the right side's am/pm unless that inverts it
        ha0 = clock_token_hm(sa + " " + apb, None)
        ha = ha0 if ha0 is not None and ha0[0] * 60 + ha0[1] < hb[0] * 60 + hb[1] else clock_token_hm(sa, None)
    else:
        ha = clock_token_hm(sa + (" " + ap_a if ap_a else ""), part)
    if ha is None:
        return None
    s = day + timedelta(hours=ha[0], minutes=ha[1])
    e = day + timedelta(hours=hb[0], minutes=hb[1])
    if e <= s and not apb and hb[0] < 12:
        e += timedelta(hours=12)  # "8am until 6"
    if e <= s:
        return None
    e_last = e
    e = e + (timedelta(minutes=1) if hb[2] else timedelta(hours=1))
    tz = m.group("tz") or m.group("tza")
    s, e, e_last = (tz_shift(x, tz, ctx) for x in (s, e, e_last))
    return DateValue("TIME", "%s/%s" % (value_at(s, "minute"), value_at(e_last, "minute")),
                     "interval", "minute", s, e, None, "clock_range")
