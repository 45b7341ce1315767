"""The last rule: dateparser (``languages=['en']``, cached) for absolute dates no other rule reads."""

from __future__ import annotations

import functools
import re
from datetime import datetime

from pipeline.normalise.dates.anchoring import resolve_day, resolve_month
from pipeline.normalise.dates.context import Ctx
from pipeline.normalise.dates.registry import DATE_RULES, duckling
from pipeline.normalise.dates.values import DateValue, point
from pipeline.normalise.dates.vocabulary import MONTH_RE

_DP_PARSER = None
#: what dateparser is asked about: a month name or a numeric day and month
_ABSOLUTE = re.compile(MONTH_RE.replace(r"\.?", "") + r"|\d{1,2}[/.-]\d{1,2}")
#: relative words dateparser would resolve against today: left to the rules
_RELATIVE = re.compile(r"\b(?:ago|last|next|this|past|later|earlier|from now|before|after|hence)\b")
_HAS_YEAR = re.compile(r"\b\d{4}\b|'\d\d\b")
_CLOCK_WRITTEN = re.compile(r"\d:\d|am|pm|midnight")


def _dp_parser():
    global _DP_PARSER
    if _DP_PARSER is None:
        from dateparser.date import DateDataParser

        _DP_PARSER = DateDataParser(
            languages=["en"],
            settings={"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False,
                      "PREFER_DATES_FROM": "current_period",
                      "RELATIVE_BASE": datetime(2000, 1, 1)})
    return _DP_PARSER


@functools.lru_cache(maxsize=65536)
def _dateparser(phrase: str) -> tuple[datetime, str] | None:
    """(datetime, period) from dateparser for an absolute phrase; None if it cannot parse."""
    try:
        dd = _dp_parser().get_date_data(phrase)
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    if dd is None or dd.date_obj is None:
        return None
    return dd.date_obj.replace(tzinfo=None), (dd.period or "day")


@DATE_RULES.rule("dateparser", examples=[
    duckling("2014/10", "2014-10"), duckling("14april 2015", "2015-04-14"), duckling("on 2/15", "2013-02-15"),
], negatives=["next september", "the company"])
def dateparser_fallback(p: str, ctx: Ctx) -> DateValue | None:
    """Fallback to dateparser for absolute dates containing a month, weekday or numeric date."""
    if not _ABSOLUTE.search(p):
        return None
    if _RELATIVE.search(p):
        return None
    r = _dateparser(p)
    if r is None:
        return None
    dt, period = r
    has_year = bool(_HAS_YEAR.search(p))
    grain = {"day": "day", "week": "week", "month": "month", "year": "year",
             "time": "minute"}.get(period, "day")
    if not has_year:
        if ctx.anchor is None:
            if grain == "month":
                return DateValue("DATE", "XXXX-%02d" % dt.month, "unresolved", "month", None,
                                 None, None, "dateparser")
            if grain == "day":
                return DateValue("DATE", "XXXX-%02d-%02d" % (dt.month, dt.day), "unresolved",
                                 "day", None, None, None, "dateparser")
            return None
        if grain == "day":
            dt2 = resolve_day(dt.month, dt.day, ctx)
            if dt2 is not None:
                dt = dt2
        elif grain == "month":
            y = resolve_month(dt.month, ctx)
            dt = dt.replace(year=y) if y else dt
        else:
            dt = dt.replace(year=ctx.anchor.year)
    if grain == "minute" and dt.hour == 0 and dt.minute == 0 and not _CLOCK_WRITTEN.search(p):
        grain = "day"
    return point(dt, grain, "dateparser")
