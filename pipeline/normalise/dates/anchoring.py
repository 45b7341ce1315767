"""Placing an under-specified expression relative to the anchor: the year of a bare month or day, the date of a weekday, the unit "this"/"last"/"next" names.

The direction comes from the context (:class:`~.context.Ctx`): ``prefer`` ("past" for news,
"future" for scheduling, "nearest") and the tense of the clause.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from dateutil.relativedelta import relativedelta

from pipeline.normalise.dates.calendar import add, floor, safe_date, value_at
from pipeline.normalise.dates.context import Ctx
from pipeline.normalise.dates.values import DateValue, point
from pipeline.normalise.dates.vocabulary import MONTH_RE, MONTHS, ORDINALS, SEASONS, TZ_OFF

_MONTH_AND_YEAR = re.compile(r"(?P<m>" + MONTH_RE + r")(?:\s*,?\s*(?:of\s+)?(?P<y>\d{4}))?")
_LAST = re.compile(r"last|previous")
_NEXT = re.compile(r"next|following|coming")
_DIGIT_ORDINAL = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?")


def resolve_month(mo: int, ctx: Ctx) -> int | None:
    """Year for a month named without one: the anchor's year, shifted by tense."""
    a = ctx.anchor
    if a is None:
        return None
    y = a.year
    if ctx.prefer == "future":
        return y + 1 if mo < a.month else y
    if ctx.prefer == "nearest":
        return min((y - 1, y, y + 1), key=lambda yy: abs((datetime(yy, mo, 15) - a).days))
    if ctx.tense == "future":
        return y + 1 if mo < a.month else y
    if ctx.tense == "past":
        return y - 1 if mo > a.month + 1 else y
    # no tense cue: the nearest such month
    return min((y - 1, y, y + 1), key=lambda yy: abs((datetime(yy, mo, 15) - a).days))


def resolve_day(mo: int, d: int, ctx: Ctx) -> datetime | None:
    """Date for "Feb 10" without year: nearest reading given tense (same year by default)."""
    a = ctx.anchor
    if a is None:
        return None
    cand = safe_date(a.year, mo, d)
    if ctx.prefer in ("future", "nearest"):
        cands = [c for c in (safe_date(y, mo, d) for y in (a.year - 1, a.year, a.year + 1,
                                                            a.year + 4)) if c is not None]
        today = floor(a, "day")
        if not cands:
            return None
        if ctx.prefer == "future":
            return min((c for c in cands if c >= today), default=cands[-1])
        return min(cands, key=lambda c: abs((c - today).days))
    if cand is None:
        cand = safe_date(a.year + 1, mo, d) or safe_date(a.year - 1, mo, d)
        return cand
    if ctx.tense == "future" and cand < floor(a, "day") - timedelta(days=30):
        return safe_date(a.year + 1, mo, d) or cand
    if ctx.tense == "past" and cand > a + timedelta(days=45):
        return safe_date(a.year - 1, mo, d) or cand
    if ctx.tense is None:  # no cue: the nearest reading
        cands = [c for c in (safe_date(a.year - 1, mo, d), cand, safe_date(a.year + 1, mo, d))
                 if c is not None]
        return min(cands, key=lambda c: abs((c - floor(a, "day")).days))
    return cand


def weekday_date(a: datetime, wd: int, rel: str | None, tense: str | None,
                  prefer: str = "past") -> datetime:
    """Resolve a weekday name against the anchor (news style unless ``prefer`` says otherwise)."""
    today = floor(a, "day")
    diff = (wd - today.weekday()) % 7
    if rel is None and prefer == "future":
        return today + timedelta(days=diff or 7)
    if rel is None and prefer == "nearest":
        back = (today.weekday() - wd) % 7
        return today + timedelta(days=diff) if diff <= back else today - timedelta(days=back)
    if rel in ("next", "coming", "this coming"):
        return today + timedelta(days=diff or 7)
    if rel in ("last", "past", "this past", "previous"):
        back = (today.weekday() - wd) % 7
        return today - timedelta(days=back or 7)
    if rel == "this":
        return today + timedelta(days=diff)
    if diff == 0:
        return today
    if tense == "future":
        return today + timedelta(days=diff)
    back = (today.weekday() - wd) % 7
    return today - timedelta(days=back)


def month_ref(ref: str, ctx: Ctx) -> datetime | None:
    """First day of the month named by ``ref`` ("october", "october 2014", "next month")."""
    a = ctx.anchor
    ref = ref.strip()
    m = _MONTH_AND_YEAR.fullmatch(ref)
    if m:
        mo = MONTHS[m.group("m").rstrip(".")]
        if m.group("y"):
            return datetime(int(m.group("y")), mo, 1)
        y = resolve_month(mo, ctx)
        return datetime(y, mo, 1) if y else None
    if a is None:
        return None
    off = -1 if _LAST.search(ref) else 1 if _NEXT.search(ref) else 0
    return add(floor(a, "month"), "month", off)


def season_value(a: datetime | None, name: str | None, off: int, rule: str,
                  mod: str | None = None, year: int | None = None) -> DateValue | None:
    """TIMEX3 season (2023-SU) containing/relative to the anchor, or for an explicit year."""
    if name is None:
        if a is None:
            return None
        m = a.month
        name = ("winter" if m in (12, 1, 2) else "spring" if m <= 5 else "summer" if m <= 8
                else "fall")
    code, m0 = SEASONS[name]
    if year is None:
        if a is None:
            return DateValue("DATE", "XXXX-" + code, "unresolved", "season", None, None, mod, rule)
        year = a.year
        if name == "winter" and a.month <= 2:
            year -= 1
        year += off
    s = safe_date(year, m0, 1) or datetime(year, m0, 1)
    if name == "winter":
        s = datetime(year, 12, 1)
    return DateValue("DATE", "%04d-%s" % (year, code), "point", "season", s,
                     s + relativedelta(months=3), mod, rule)


def rel_unit_value(a: datetime, unit: str, off: int, rule: str, mod: str | None = None
                    ) -> DateValue:
    """The calendar ``unit`` that is ``off`` units from the one containing the anchor."""
    if unit == "weekend":
        base = floor(a, "week") + timedelta(weeks=off, days=5)
        y, w, _ = base.isocalendar()
        return DateValue("DATE", "%04d-W%02d-WE" % (y, w), "point", "day", base,
                         base + timedelta(days=2), mod, rule)
    if unit == "half":
        h = 0 if a.month <= 6 else 1
        idx = a.year * 2 + h + off
        y, hh = divmod(idx, 2)
        s = datetime(y, 1 + 6 * hh, 1)
        return DateValue("DATE", "%04d-H%d" % (y, hh + 1), "point", "quarter", s,
                         s + relativedelta(months=6), mod, rule)
    if unit == "season":
        return season_value(a, None, off, rule, mod)
    if unit == "fortnight":
        s = floor(a, "day") + timedelta(weeks=2 * off)
        return DateValue("DATE", value_at(s, "week"), "point", "week", s,
                         s + timedelta(weeks=2), mod, rule)
    d = add(floor(a, unit), unit, off)
    return point(d, unit, rule, mod)


def reported_quarter(a: datetime) -> datetime:
    """Start of the quarter a financial story dated ``a`` most likely reports on: the current
    quarter late in it, otherwise the one just completed."""
    cur = floor(a, "quarter")
    if (a.month - 1) % 3 == 0 or ((a.month - 1) % 3 == 1 and a.day < 15):
        return add(cur, "quarter", -1)
    return cur


def clock_direction(d: datetime, a: datetime, prefer: str, ambiguous: bool = False) -> datetime:
    """Place a clock time given as ``d`` (on the anchor's day) relative to the anchor instant.
    "past" keeps the anchor's day; "future" takes the first occurrence strictly after the anchor
    (trying the pm reading of an ambiguous "at 3" first); "nearest" the closest occurrence."""
    if prefer == "future":
        if d <= a and ambiguous and d + timedelta(hours=12) > a:
            return d + timedelta(hours=12)
        return d + timedelta(days=1) if d <= a else d
    if prefer == "nearest":
        return min((d - timedelta(days=1), d, d + timedelta(days=1)),
                   key=lambda x: abs((x - a).total_seconds()))
    return d


def tz_shift(dt: datetime, tz: str | None, ctx: Ctx) -> datetime:
    """Convert a wall-clock time written in zone ``tz`` into the anchor's offset, when the anchor
    carried one (naive anchors: the time is kept as written)."""
    if not tz or ctx.ref_off is None or tz.lower() not in TZ_OFF:
        return dt
    return dt + timedelta(minutes=ctx.ref_off - TZ_OFF[tz.lower()] * 60)


def ordinal_value(s: str) -> int | None:
    """The day number of "3rd", "3", "twenty-first" (and -1 for "last")."""
    s = s.strip()
    m = _DIGIT_ORDINAL.fullmatch(s)
    if m:
        return int(m.group(1))
    return ORDINALS.get(s)
