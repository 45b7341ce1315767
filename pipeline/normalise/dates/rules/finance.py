"""The periods of company results: "the year-earlier quarter", "the 1988 period", "the latest quarter", "a year ago" in an earnings story."""

from __future__ import annotations

import re
from datetime import datetime

from dateutil.relativedelta import relativedelta

from pipeline.normalise.dates.anchoring import reported_quarter
from pipeline.normalise.dates.context import Ctx
from pipeline.normalise.dates.registry import DATE_RULES, ex
from pipeline.normalise.dates.values import DateValue, point, unresolved
from pipeline.normalise.dates.vocabulary import MONTHS

_QUARTER_NUMBER = {"first": 1, "second": 2, "third": 3, "fourth": 4}
#: "the 1988 period", "the 1997 third quarter", "the 1996 fiscal year"
_YEAR_PERIOD = re.compile(r"(?:the\s+)?(?P<y>\d{4})\s+(?:(?P<o>first|second|third|fourth)[\s-]+)?"
                          r"(?P<u>quarter|period|half|fiscal year|year)")
#: "the year-earlier quarter", "the prior-year period", "last year's third quarter"
_YEAR_EARLIER = re.compile(r"(?:the\s+)?(?:comparable\s+|corresponding\s+|same\s+)?(?:year[\s-]earlier|"
                           r"year[\s-]ago|prior[\s-]year|previous[\s-]year|last[\s-]year's)(?:\s+(?P<o>"
                           r"first|second|third|fourth))?(?:\s+(?P<u>quarter|period|half|results|"
                           r"level|figure))?")
#: "the comparable period (a year ago)", "the same quarter last year"
_SAME_PERIOD = re.compile(r"(?:the\s+)?(?:comparable|corresponding|same)\s+(?:period|quarter)"
                          r"(?:\s+(?:a year (?:ago|earlier)|last year|of last year|the year before))?")
_MONTH_QUARTER = re.compile(r"the (september|june|december|march) quarter")
_YEAR_AGO = ("a year ago", "a year earlier", "one year ago", "one year earlier", "the year before", "last year's",
             "a year before")
_LATEST_QUARTER = ("the quarter", "the latest quarter", "the most recent quarter", "the latest period",
                   "the period", "the recent quarter", "the just-ended quarter", "the just-completed quarter",
                   "the latest fiscal quarter", "the fiscal quarter", "latest quarter", "the september quarter",
                   "the june quarter", "the december quarter", "the march quarter")


def _year_period(m: re.Match, a: datetime | None) -> DateValue | None:
    """ "the 1988 period": the reported quarter of that year; "the 1997 third quarter", "the 1996 year"."""
    y = int(m.group("y"))
    if not 1000 <= y <= 2200:
        return None
    if m.group("u") in ("fiscal year", "year"):
        return point(datetime(y, 1, 1), "year", "fin")
    if m.group("o"):
        q = _QUARTER_NUMBER[m.group("o")]
        if m.group("u") == "half":
            if q > 2:
                return None
            s = datetime(y, 6 * q - 5, 1)
            return DateValue("DATE", "%04d-H%d" % (y, q), "point", "quarter", s,
                             s + relativedelta(months=6), None, "fin")
        return point(datetime(y, 3 * q - 2, 1), "quarter", "fin")
    if a is None:
        return DateValue("DATE", "%04d-QX" % y, "unresolved", "quarter", None, None, None, "fin")
    rq = reported_quarter(a)
    return point(datetime(y, rq.month, 1), "quarter", "fin")


def _year_earlier(m: re.Match, ctx: Ctx) -> DateValue:
    """ "the year-earlier quarter": the reported quarter a year before; "last year's third quarter"."""
    a = ctx.anchor
    if a is None:
        return unresolved(None, "quarter", "fin")
    if m.group("o"):
        q = _QUARTER_NUMBER[m.group("o")]
        return point(datetime(a.year - 1, 3 * q - 2, 1), "quarter", "fin")
    if m.group("u") in ("quarter", "period") or ctx.fin:
        return point(reported_quarter(a) - relativedelta(years=1), "quarter", "fin")
    return point(datetime(a.year - 1, 1, 1), "year", "fin")


def _latest_quarter(p: str, ctx: Ctx) -> DateValue | None:
    """ "the latest quarter", "the quarter", "the June quarter": the quarter the story reports."""
    a = ctx.anchor
    if p in ("the period",) and not ctx.fin:
        return None
    if a is None:
        return unresolved(None, "quarter", "fin")
    mm = _MONTH_QUARTER.match(p)
    if mm:
        mo = MONTHS[mm.group(1)]
        y = a.year if mo <= a.month + 1 else a.year - 1
        return point(datetime(y, mo, 1), "quarter", "fin")
    return point(reported_quarter(a), "quarter", "fin")


@DATE_RULES.rule("earnings_period", genre="finance", examples=[
    ex("the 1988 period", "1988-Q3"), ex("the 1997 third quarter", "1997-Q3"), ex("the year-earlier quarter", "2022-Q3"),
    ex("the year-earlier period", "2022-Q3"), ex("the comparable period", "2022-Q3"), ex("the latest quarter", "2023-Q3"),
    ex("the june quarter", "2023-Q2"), ex("the 1996 fiscal year", "1996"),
    ex("Net income rose in the quarter. Profit was $5 a share, up from $4 [a year ago].", "2022-Q3"),
], negatives=["the period", "the 1988 season", "a year ago"])
def earnings_period(p: str, ctx: Ctx) -> DateValue | None:
    """Earnings-report periods: "the year-earlier quarter", "the 1988 period", "a year ago"
    (in a story about quarterly results), "the latest quarter", "the quarter"."""
    a = ctx.anchor
    m = _YEAR_PERIOD.fullmatch(p)
    if m:
        return _year_period(m, a)
    m = _YEAR_EARLIER.fullmatch(p)
    if m:
        return _year_earlier(m, ctx)
    m = _SAME_PERIOD.fullmatch(p)
    if m:
        if a is None:
            return unresolved(None, "quarter", "fin")
        return point(reported_quarter(a) - relativedelta(years=1), "quarter", "fin")
    if ctx.fin and a is not None and p in _YEAR_AGO:
        return point(reported_quarter(a) - relativedelta(years=1), "quarter", "fin")
    if p in _LATEST_QUARTER:
        return _latest_quarter(p, ctx)
    return None
