"""Calendar arithmetic on naive datetimes: the unit of a grain containing a moment, shifting by units, TIMEX3 values, special days."""

from __future__ import annotations

import calendar
from datetime import datetime, timedelta

from dateutil.easter import EASTER_ORTHODOX, EASTER_WESTERN, easter
from dateutil.relativedelta import relativedelta

#: grains from the finest to the coarsest
GRAIN_ORDER = ["second", "minute", "hour", "day", "week", "month", "quarter", "season",
               "year", "decade", "century"]

#: one unit of each grain (an unknown grain steps by days)
_STEP = {
    "second": timedelta(seconds=1), "minute": timedelta(minutes=1), "hour": timedelta(hours=1),
    "day": timedelta(days=1), "week": timedelta(weeks=1), "month": relativedelta(months=1),
    "quarter": relativedelta(months=3), "season": relativedelta(months=3), "year": relativedelta(years=1),
    "decade": relativedelta(years=10), "century": relativedelta(years=100),
}


def _iso_week(dt: datetime) -> str:
    y, w, _ = dt.isocalendar()
    return "%04d-W%02d" % (y, w)


#: the TIMEX3 value of the unit of each grain containing a moment (TIMEX3: "the 1990s" -> "199")
_VALUE_FORMAT = {
    "second": lambda dt: dt.strftime("%Y-%m-%dT%H:%M:%S"),
    "minute": lambda dt: dt.strftime("%Y-%m-%dT%H:%M"),
    "hour": lambda dt: dt.strftime("%Y-%m-%dT%H"),
    "week": _iso_week,
    "month": lambda dt: "%04d-%02d" % (dt.year, dt.month),
    "quarter": lambda dt: "%04d-Q%d" % (dt.year, (dt.month - 1) // 3 + 1),
    "year": lambda dt: "%04d" % dt.year,
    "decade": lambda dt: "%03d" % (dt.year // 10),
    "century": lambda dt: "%02d" % (dt.year // 100),
}


def floor(dt: datetime, grain: str) -> datetime:
    """Truncate ``dt`` to the start of its ``grain`` unit (weeks start on Monday)."""
    if grain == "second":
        return dt.replace(microsecond=0)
    if grain == "minute":
        return dt.replace(second=0, microsecond=0)
    if grain == "hour":
        return dt.replace(minute=0, second=0, microsecond=0)
    d = datetime(dt.year, dt.month, dt.day)
    if grain == "week":
        return d - timedelta(days=d.weekday())
    if grain == "month":
        return d.replace(day=1)
    if grain == "quarter":
        return datetime(dt.year, 3 * ((dt.month - 1) // 3) + 1, 1)
    if grain == "year":
        return datetime(dt.year, 1, 1)
    if grain == "decade":
        return datetime(max(1, dt.year - dt.year % 10), 1, 1)
    if grain == "century":
        return datetime(max(1, dt.year - dt.year % 100), 1, 1)
    return d


def add(dt: datetime, grain: str, n: int) -> datetime:
    """Shift ``dt`` by ``n`` (a whole number) units of ``grain``."""
    return dt + _STEP.get(grain, _STEP["day"]) * n


def value_at(dt: datetime, grain: str) -> str:
    """TIMEX3 value string for the unit of ``grain`` containing ``dt``."""
    fmt = _VALUE_FORMAT.get(grain)
    return fmt(dt) if fmt else "%04d-%02d-%02d" % (dt.year, dt.month, dt.day)


def safe_date(y: int, m: int, d: int) -> datetime | None:
    """datetime(y, m, d) or None when the day does not exist."""
    try:
        return datetime(y, m, d)
    except (ValueError, OverflowError):
        return None


def year_of(tok: str, anchor: datetime | None) -> int | None:
    """Year from "1998", "'98", "98" (two digits resolved to the anchor's century window)."""
    tok = tok.strip().lstrip("'")
    if not tok.isdigit():
        return None
    if len(tok) == 4:
        return int(tok)
    if len(tok) == 2:
        y = int(tok)
        base = anchor.year if anchor else 2000
        cand = (base // 100) * 100 + y
        if cand > base + 20:
            cand -= 100
        return cand
    return None


def nth_weekday(year: int, month: int, weekday: int, n: int) -> datetime | None:
    """The n-th (1-based; -1 = last) given weekday of a month."""
    if n > 0:
        d = datetime(year, month, 1)
        d += timedelta(days=(weekday - d.weekday()) % 7)
        d += timedelta(weeks=n - 1)
        return d if d.month == month else None
    last = datetime(year, month, calendar.monthrange(year, month)[1])
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def easter_date(y: int, delta: int = 0, orthodox: bool = False) -> datetime:
    """Easter Sunday of year ``y`` (Western, or Orthodox), shifted by ``delta`` days."""
    e = easter(y, EASTER_ORTHODOX if orthodox else EASTER_WESTERN)
    return datetime(e.year, e.month, e.day) + timedelta(days=delta)


def monday_before(y: int, m: int, d: int) -> datetime:
    """The last Monday strictly before the given date (Victoria Day style)."""
    x = datetime(y, m, d) - timedelta(days=1)
    return x - timedelta(days=x.weekday())


def observed(d: datetime) -> datetime:
    """A fixed-date observance moved off the weekend (Saturday -> Friday, Sunday -> Monday)."""
    return d - timedelta(days=1) if d.weekday() == 5 else d + timedelta(days=1) \
        if d.weekday() == 6 else d
