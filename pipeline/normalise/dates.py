"""Temporal-expression normalisation (TIMEX3 style) for news text.

:func:`normalise_date` maps one span to a :class:`DateValue` (TIMEX3 type/value plus a
half-open wall-clock interval ``[start, end)`` and a grain), resolving relative expressions
against the article's publication date the way a news reader would.  (Finding the spans is
recognise's job: :mod:`pipeline.recognise.dates`.)

A rule layer handles what dateparser lacks (durations, ages, sets, decades, quarters, seasons,
halves, fiscal years, deictic words, relative units, weekdays, ranges, holidays, clock times);
dateparser (``languages=['en']`` always, results cached) is used for the remaining absolute
calendar dates.  Without an anchor, relative expressions come back as kind ``"unresolved"``:
nothing is ever resolved against today's date.
"""
from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dateutil.easter import EASTER_ORTHODOX, EASTER_WESTERN, easter
from dateutil.relativedelta import relativedelta

from pipeline.lexicon.calendar_words import MONTH_PATTERN, MONTHS, WEEKDAY_PATTERN, WEEKDAYS
from pipeline.lexicon.numbers import NUMBER_WORD_PATTERN, ORDINAL_WORDS, parse_number


@dataclass(frozen=True)
class DateValue:
    """One normalised temporal expression.

    ``type``/``value``/``mod`` follow TIMEX3; ``kind`` says how to read it ("point", "interval",
    "duration", "set", "age", "unresolved"); ``start``/``end`` give the naive wall-clock
    half-open interval covered (None when not anchored); ``rule`` names the producing rule.
    """

    type: str
    value: str | None
    kind: str
    grain: str | None
    start: datetime | None
    end: datetime | None
    mod: str | None
    rule: str


# --------------------------------------------------------------------------------------------
# Lexicon
# --------------------------------------------------------------------------------------------

_MONTHS = MONTHS
_MONTH_RE = MONTH_PATTERN
_WEEKDAYS = WEEKDAYS
_WEEKDAY_RE = WEEKDAY_PATTERN
_ORDINALS = {**ORDINAL_WORDS, "last": -1}
_ORD_RE = r"(?:\d{1,2}(?:st|nd|rd|th)|" + "|".join(
    sorted((k for k in _ORDINALS if k != "last"), key=len, reverse=True)) + ")"

_WORDNUM_RE = NUMBER_WORD_PATTERN
_NUM_RE = (r"(?:(?:\d+\s+\d\s*/\s*\d|\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|\d+\s*/\s*\d+|" + _WORDNUM_RE +
           r")(?:\s+and\s+(?:a\s+|an\s+|one\s+|two\s+|three\s+)?(?:half|quarters?))?)")
_VAGUE_RE = (r"(?:a\s+few|few|several|some|many|a\s+number\s+of|numerous|dozens\s+of|hundreds\s+of|"
             r"thousands\s+of|a\s+couple\s+of|couple\s+of)")

# unit word -> (duration symbol, grain)
_UNITS = {
    "second": ("S", "second"), "sec": ("S", "second"), "s": ("S", "second"),
    "minute": ("MIN", "minute"), "min": ("MIN", "minute"), "m": ("MIN", "minute"),
    "hour": ("H", "hour"), "hr": ("H", "hour"), "h": ("H", "hour"),
    "day": ("D", "day"), "night": ("D", "day"), "week": ("W", "week"), "wk": ("W", "week"),
    "fortnight": ("FN", "week"), "weekend": ("WE", "day"),
    "month": ("M", "month"), "mo": ("M", "month"), "quarter": ("Q", "quarter"),
    "year": ("Y", "year"), "yr": ("Y", "year"), "decade": ("DE", "decade"),
    "century": ("CE", "century"), "centurie": ("CE", "century"),
}
_UNIT_RE = (r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|wks?|fortnights?|"
            r"months?|mos?|quarters?|years?|yrs?|decades?|century|centuries)")
_UNIT_SECONDS = {"S": 1, "MIN": 60, "H": 3600, "D": 86400, "W": 604800, "FN": 1209600,
                 "M": 2592000, "Q": 7776000, "Y": 31536000, "DE": 315360000, "CE": 3153600000,
                 "WE": 172800}

_SEASONS = {"spring": ("SP", 3), "summer": ("SU", 6), "autumn": ("FA", 9), "fall": ("FA", 9),
            "winter": ("WI", 12)}
_PARTS_OF_DAY = {"morning": ("MO", 0, 12), "afternoon": ("AF", 12, 18), "evening": ("EV", 18, 24),
                 "night": ("NI", 18, 24), "tonight": ("NI", 18, 24), "overnight": ("NI", 18, 24),
                 "midday": ("MI", 12, 13), "dawn": ("MO", 4, 8), "daybreak": ("MO", 4, 8)}

_GRAIN_ORDER = ["second", "minute", "hour", "day", "week", "month", "quarter", "season",
                "year", "decade", "century"]


# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------

def _fmt_num(x: float) -> str:
    """Format a duration amount: integers without a decimal point."""
    if x == int(x):
        return str(int(x))
    return ("%.2f" % x).rstrip("0").rstrip(".")


def _floor(dt: datetime, grain: str) -> datetime:
    """Truncate ``dt`` to the start of its ``grain`` unit (weeks start on Monday)."""
    if grain == "second":
        return dt.replace(microsecond=0)
    if grain == "minute":
        return dt.replace(second=0, microsecond=0)
    if grain == "hour":
        return dt.replace(minute=0, second=0, microsecond=0)
    d = datetime(dt.year, dt.month, dt.day)
    if grain == "day":
        return d
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


def _add(dt: datetime, grain: str, n: int) -> datetime:
    """Shift ``dt`` by ``n`` units of ``grain``."""
    if grain == "second":
        return dt + timedelta(seconds=n)
    if grain == "minute":
        return dt + timedelta(minutes=n)
    if grain == "hour":
        return dt + timedelta(hours=n)
    if grain == "day":
        return dt + timedelta(days=n)
    if grain == "week":
        return dt + timedelta(weeks=n)
    if grain == "month":
        return dt + relativedelta(months=n)
    if grain == "quarter":
        return dt + relativedelta(months=3 * n)
    if grain == "season":
        return dt + relativedelta(months=3 * n)
    if grain == "year":
        return dt + relativedelta(years=n)
    if grain == "decade":
        return dt + relativedelta(years=10 * n)
    if grain == "century":
        return dt + relativedelta(years=100 * n)
    return dt + timedelta(days=n)


def _value_at(dt: datetime, grain: str) -> str:
    """TIMEX3 value string for the unit of ``grain`` containing ``dt``."""
    if grain == "second":
        return dt.strftime("%Y-%m-%dT%H:%M:%S")
    if grain == "minute":
        return dt.strftime("%Y-%m-%dT%H:%M")
    if grain == "hour":
        return dt.strftime("%Y-%m-%dT%H")
    if grain == "day":
        return "%04d-%02d-%02d" % (dt.year, dt.month, dt.day)
    if grain == "week":
        y, w, _ = dt.isocalendar()
        return "%04d-W%02d" % (y, w)
    if grain == "month":
        return "%04d-%02d" % (dt.year, dt.month)
    if grain == "quarter":
        return "%04d-Q%d" % (dt.year, (dt.month - 1) // 3 + 1)
    if grain == "year":
        return "%04d" % dt.year
    if grain == "decade":  # TIMEX3: "the 1990s" -> value="199"
        return "%03d" % (dt.year // 10)
    if grain == "century":
        return "%02d" % (dt.year // 100)
    return "%04d-%02d-%02d" % (dt.year, dt.month, dt.day)


def _point(dt: datetime, grain: str, rule: str, mod: str | None = None, typ: str | None = None,
           value: str | None = None, kind: str = "point") -> DateValue:
    """A DateValue covering the ``grain`` unit that contains ``dt``."""
    s = _floor(dt, grain)
    e = _add(s, grain, 1)
    if typ is None:
        typ = "TIME" if grain in ("hour", "minute", "second") else "DATE"
    return DateValue(typ, value or _value_at(s, grain), kind, grain, s, e, mod, rule)


def _unresolved(value: str | None, grain: str | None, rule: str, mod: str | None = None,
                typ: str = "DATE") -> DateValue:
    """A relative expression that cannot be placed on the calendar without an anchor."""
    return DateValue(typ, value, "unresolved", grain, None, None, mod, rule)


def _safe_date(y: int, m: int, d: int) -> datetime | None:
    """datetime(y, m, d) or None when the day does not exist."""
    try:
        return datetime(y, m, d)
    except (ValueError, OverflowError):
        return None


def _duration_value(parts: list[tuple[float | None, str]]) -> str:
    """Build an ISO-8601/TIMEX3 duration from (amount, symbol) pairs; amount None -> X."""
    date_part, time_part = "", ""
    for amount, sym in parts:
        a = "X" if amount is None else None
        if sym == "FN":
            sym, amount = "W", (None if amount is None else amount * 2)
        if sym == "Q":
            sym, amount = "M", (None if amount is None else amount * 3)
        if sym == "DE":
            sym, amount = "Y", (None if amount is None else amount * 10)
        if sym == "CE":
            sym, amount = "Y", (None if amount is None else amount * 100)
        if a is None:
            a = _fmt_num(amount)
        if sym in ("H", "S"):
            time_part += a + sym
        elif sym == "MIN":
            time_part += a + "M"
        else:
            date_part += a + sym
    return "P" + date_part + ("T" + time_part if time_part else "")


def duration_seconds(value: str | None) -> float | None:
    """Seconds in a TIMEX3 duration value (month = 30 days, year = 365 days); None if vague."""
    if not value or not value.startswith("P") or "X" in value:
        return None
    m = re.fullmatch(r"P((?:[\d.]+(?:CE|DE|WE|Y|M|W|D))*)(?:T((?:[\d.]+[HMS])*))?", value)
    if not m:
        return None
    total = 0.0
    for num, sym in re.findall(r"([\d.]+)(CE|DE|WE|Y|M|W|D)", m.group(1) or ""):
        total += float(num) * _UNIT_SECONDS[sym]
    for num, sym in re.findall(r"([\d.]+)([HMS])", m.group(2) or ""):
        total += float(num) * {"H": 3600, "M": 60, "S": 1}[sym]
    return total


# --------------------------------------------------------------------------------------------
# Holidays
# --------------------------------------------------------------------------------------------

def _nth_weekday(year: int, month: int, weekday: int, n: int) -> datetime | None:
    """The n-th (1-based; -1 = last) given weekday of a month."""
    if n > 0:
        d = datetime(year, month, 1)
        d += timedelta(days=(weekday - d.weekday()) % 7)
        d += timedelta(weeks=n - 1)
        return d if d.month == month else None
    last = datetime(year, month, calendar.monthrange(year, month)[1])
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _easter(y: int, delta: int = 0, orthodox: bool = False) -> datetime:
    e = easter(y, EASTER_ORTHODOX if orthodox else EASTER_WESTERN)
    return datetime(e.year, e.month, e.day) + timedelta(days=delta)


def _monday_before(y: int, m: int, d: int) -> datetime:
    """The last Monday strictly before the given date (Victoria Day style)."""
    x = datetime(y, m, d) - timedelta(days=1)
    return x - timedelta(days=x.weekday())


# Generated once from the `holidays` package (python-holidays 0.109, holidays.calendars:
# _IslamicLunar tables and _ChineseLunisolar), years 1950-2050; no runtime dependency.
# name -> space-separated YYYYMMDD dates (an Islamic date can fall twice in one year).
_LUNAR_TABLE_SRC = {
    "eid_al_fitr": (
        "19500716 19510706 19520623 19530613 19540602 19550523 19560511 19570501 19580420 19590410 "
        "19600328 19610318 19620307 19630224 19640214 19650202 19660122 19670112 19680101 19681221 "
        "19691210 19701130 19711119 19721107 19731027 19741016 19751006 19760924 19770914 19780903 "
        "19790823 19800812 19810801 19820721 19830711 19840630 19850619 19860608 19870528 19880516 "
        "19890506 19900426 19910415 19920404 19930324 19940313 19950302 19960219 19970208 19980129 "
        "19990118 20000108 20001227 20011216 20021205 20031125 20041114 20051103 20061023 20071013 "
        "20081001 20090920 20100910 20110830 20120819 20130808 20140728 20150717 20160706 20170625 "
        "20180615 20190604 20200524 20210513 20220502 20230421 20240410 20250330 20260320 20270309 "
        "20280226 20290214 20300204 20310124 20320114 20330102 20331223 20341212 20351201 20361119 "
        "20371108 20381029 20391019 20401007 20410926 20420915 20430904 20440824 20450814 20460803 "
        "20470724 20480712 20490701 20500620 "
    ),
    "eid_al_adha": (
        "19500923 19510912 19520831 19530820 19540809 19550730 19560719 19570708 19580627 19590617 "
        "19600604 19610525 19620514 19630503 19640422 19650411 19660401 19670321 19680309 19690227 "
        "19700216 19710206 19720126 19730114 19740103 19741224 19751213 19761201 19771121 19781110 "
        "19791031 19801019 19811008 19820927 19830917 19840905 19850826 19860815 19870804 19880723 "
        "19890713 19900702 19910622 19920611 19930531 19940520 19950509 19960427 19970417 19980407 "
        "19990327 20000316 20010305 20020222 20030211 20040201 20050121 20060110 20061231 20071220 "
        "20081208 20091127 20101116 20111106 20121026 20131015 20141004 20150923 20160911 20170901 "
        "20180821 20190811 20200731 20210720 20220709 20230628 20240616 20250606 20260527 20270516 "
        "20280505 20290424 20300413 20310402 20320322 20330311 20340301 20350218 20360207 20370126 "
        "20380116 20390105 20391226 20401214 20411204 20421123 20431112 20441031 20451021 20461010 "
        "20470930 20480919 20490908 20500828 "
    ),
    "ramadan": (
        "19500617 19510606 19520525 19530514 19540504 19550424 19560412 19570401 19580321 19590311 "
        "19600228 19610216 19620205 19630126 19640115 19650103 19651223 19661213 19671202 19681121 "
        "19691110 19701101 19711020 19721008 19730927 19740917 19750906 19760826 19770815 19780805 "
        "19790725 19800713 19810702 19820622 19830612 19840531 19850520 19860509 19870429 19880417 "
        "19890407 19900327 19910317 19920305 19930222 19940211 19950131 19960121 19970110 19971230 "
        "19981219 19991209 20001127 20011116 20021106 20031026 20041015 20051004 20060924 20070913 "
        "20080901 20090822 20100811 20110801 20120720 20130709 20140628 20150618 20160606 20170527 "
        "20180516 20190506 20200424 20210413 20220402 20230323 20240311 20250301 20260218 20270208 "
        "20280128 20290116 20300105 20301226 20311215 20321204 20331123 20341112 20351101 20361020 "
        "20371010 20380930 20390919 20400907 20410828 20420817 20430806 20440726 20450715 20460705 "
        "20470624 20480612 20490602 20500522 "
    ),
    "hijri_new_year": (
        "19501013 19511002 19520921 19530910 19540830 19550820 19560808 19570728 19580718 19590707 "
        "19600625 19610614 19620603 19630524 19640512 19650501 19660421 19670411 19680330 19690319 "
        "19700309 19710226 19720216 19730204 19740124 19750113 19760102 19761222 19771211 19781201 "
        "19791120 19801109 19811028 19821018 19831007 19840926 19850915 19860905 19870825 19880813 "
        "19890802 19900723 19910712 19920701 19930621 19940610 19950530 19960518 19970507 19980427 "
        "19990417 20000406 20010326 20020315 20030304 20040221 20050210 20060131 20070120 20080110 "
        "20081229 20091218 20101207 20111126 20121115 20131104 20141025 20151014 20161002 20170921 "
        "20180911 20190831 20200820 20210809 20220730 20230719 20240707 20250626 20260616 20270606 "
        "20280525 20290514 20300503 20310423 20320411 20330401 20340321 20350311 20360228 20370216 "
        "20380205 20390126 20400115 20410104 20411224 20421214 20431203 20441121 20451110 20461031 "
        "20471020 20481009 20490928 20500917 "
    ),
    "mawlid": (
        "19500101 19501222 19511211 19521130 19531119 19541108 19551029 19561017 19571006 19580926 "
        "19590915 19600903 19610823 19620812 19630802 19640721 19650710 19660701 19670619 19680608 "
        "19690528 19700518 19710507 19720425 19730415 19740404 19750324 19760312 19770302 19780219 "
        "19790209 19800130 19810118 19820107 19821227 19831216 19841204 19851124 19861114 19871103 "
        "19881022 19891011 19901001 19910920 19920909 19930829 19940819 19950808 19960727 19970716 "
        "19980706 19990626 20000614 20010604 20020524 20030513 20040501 20050421 20060410 20070331 "
        "20080320 20090309 20100226 20110215 20120204 20130124 20140113 20150103 20151223 20161211 "
        "20171130 20181120 20191109 20201029 20211018 20221008 20230927 20240915 20250904 20260825 "
        "20270814 20280803 20290724 20300713 20310702 20320620 20330609 20340530 20350520 20360508 "
        "20370428 20380417 20390406 20400325 20410315 20420304 20430222 20440211 20450130 20460119 "
        "20470108 20471229 20481218 20491207 20501126 "
    ),
    "ashura": (
        "19501022 19511011 19520930 19530919 19540908 19550829 19560817 19570806 19580727 19590716 "
        "19600704 19610623 19620612 19630602 19640521 19650510 19660430 19670420 19680408 19690328 "
        "19700318 19710307 19720225 19730213 19740202 19750122 19760111 19761231 19771220 19781210 "
        "19791129 19801118 19811106 19821027 19831016 19841005 19850924 19860914 19870903 19880822 "
        "19890811 19900801 19910721 19920710 19930630 19940619 19950608 19960527 19970516 19980506 "
        "19990426 20000415 20010404 20020324 20030313 20040301 20050219 20060209 20070129 20080119 "
        "20090107 20091227 20101216 20111205 20121124 20131113 20141103 20151023 20161011 20170930 "
        "20180920 20190909 20200829 20210818 20220808 20230728 20240716 20250705 20260625 20270615 "
        "20280603 20290523 20300512 20310502 20320420 20330410 20340330 20350320 20360308 20370225 "
        "20380214 20390204 20400124 20410113 20420102 20421223 20431212 20441130 20451119 20461109 "
        "20471029 20481018 20491007 20500926 "
    ),
    "isra_miraj": (
        "19500514 19510504 19520422 19530412 19540401 19550321 19560310 19570227 19580216 19590206 "
        "19600126 19610114 19620104 19621224 19631213 19641201 19651120 19661110 19671030 19681019 "
        "19691008 19700928 19710917 19720905 19730825 19740815 19750805 19760724 19770713 19780702 "
        "19790622 19800610 19810531 19820520 19830510 19840428 19850417 19860406 19870327 19880315 "
        "19890305 19900222 19910211 19920131 19930120 19940109 19941229 19951219 19961208 19971127 "
        "19981116 19991105 20001024 20011014 20021004 20030924 20040912 20050901 20060821 20070810 "
        "20080730 20090720 20100709 20110629 20120617 20130606 20140526 20150516 20160504 20170424 "
        "20180413 20190403 20200322 20210311 20220228 20230218 20240208 20250127 20260116 20270105 "
        "20271225 20281214 20291203 20301123 20311112 20321101 20331021 20341010 20350929 20360918 "
        "20370907 20380828 20390817 20400805 20410725 20420715 20430704 20440623 20450613 20460602 "
        "20470522 20480510 20490429 20500419 "
    ),
    "laylat_al_qadr": (
        "19500713 19510702 19520620 19530609 19540530 19550520 19560508 19570427 19580416 19590406 "
        "19600325 19610314 19620303 19630221 19640210 19650129 19660118 19670108 19671228 19681217 "
        "19691206 19701127 19711115 19721103 19731023 19741013 19751002 19760921 19770910 19780831 "
        "19790820 19800808 19810728 19820718 19830708 19840626 19850615 19860604 19870525 19880513 "
        "19890503 19900422 19910412 19920331 19930320 19940309 19950226 19960216 19970205 19980125 "
        "19990114 20000104 20001223 20011212 20021202 20031121 20041110 20051030 20061020 20071009 "
        "20080927 20090917 20100906 20110827 20120815 20130804 20140724 20150714 20160702 20170622 "
        "20180611 20190601 20200520 20210509 20220428 20230418 20240406 20250327 20260316 20270306 "
        "20280223 20290211 20300131 20310121 20320110 20321230 20331219 20341208 20351127 20361115 "
        "20371105 20381026 20391015 20401003 20410923 20420912 20430901 20440821 20450810 20460731 "
        "20470720 20480708 20490628 20500617 "
    ),
    "jumuatul_wida": (
        "19500714 19510629 19520620 19530612 19540528 19550520 19560504 19570426 19580418 19590403 "
        "19600325 19610317 19620302 19630222 19640207 19650129 19660121 19670106 19671229 19681220 "
        "19691205 19701127 19711112 19721103 19731026 19741011 19751003 19760917 19770909 19780901 "
        "19790817 19800808 19810731 19820716 19830708 19840629 19850614 19860606 19870522 19880513 "
        "19890505 19900420 19910412 19920403 19930319 19940311 19950224 19960216 19970207 19980123 "
        "19990115 20000107 20001222 20011214 20021129 20031121 20041112 20051028 20061020 20071012 "
        "20080926 20090918 20100903 20110826 20120817 20130802 20140725 20150710 20160701 20170623 "
        "20180608 20190531 20200522 20210507 20220429 20230414 20240405 20250328 20260313 20270305 "
        "20280225 20290209 20300201 20310117 20320109 20321231 20331216 20341208 20351130 20361114 "
        "20371106 20381022 20391014 20401005 20410920 20420912 20430828 20440819 20450811 20460727 "
        "20470719 20480710 20490625 20500617 "
    ),
    "chinese_new_year": (
        "19500217 19510206 19520127 19530214 19540203 19550124 19560212 19570131 19580218 19590208 "
        "19600128 19610215 19620205 19630125 19640213 19650202 19660121 19670209 19680130 19690217 "
        "19700206 19710127 19720215 19730203 19740123 19750211 19760131 19770218 19780207 19790128 "
        "19800216 19810205 19820125 19830213 19840202 19850220 19860209 19870129 19880217 19890206 "
        "19900127 19910215 19920204 19930123 19940210 19950131 19960219 19970207 19980128 19990216 "
        "20000205 20010124 20020212 20030201 20040122 20050209 20060129 20070218 20080207 20090126 "
        "20100214 20110203 20120123 20130210 20140131 20150219 20160208 20170128 20180216 20190205 "
        "20200125 20210212 20220201 20230122 20240210 20250129 20260217 20270206 20280126 20290213 "
        "20300203 20310123 20320211 20330131 20340219 20350208 20360128 20370215 20380204 20390124 "
        "20400212 20410201 20420122 20430210 20440130 20450217 20460206 20470126 20480214 20490202 "
        "20500123 "
    ),
}


@functools.lru_cache(maxsize=None)
def _lunar_dates(key: str) -> dict[int, list[datetime]]:
    out: dict[int, list[datetime]] = {}
    for tok in _LUNAR_TABLE_SRC.get(key, "").split():
        d = datetime(int(tok[:4]), int(tok[4:6]), int(tok[6:]))
        out.setdefault(d.year, []).append(d)
    return out


def _lunar(key: str, y: int) -> datetime | None:
    """First date of a lunar-calendar holiday in Gregorian year ``y`` (1950-2050), else None."""
    ds = _lunar_dates(key).get(y)
    return ds[0] if ds else None


def _ramadan(y: int):
    s = _lunar("ramadan", y)
    if s is None:
        return None
    e = min((d for d in _lunar_dates("eid_al_fitr").get(y, []) + _lunar_dates("eid_al_fitr").get(
        y + 1, []) if d > s), default=None)
    return (s, e) if e is not None else s


# name regex -> function(year) -> datetime (day grain) or (start, end) for multi-day spans
_HOLIDAYS: list[tuple[str, object]] = [
    (r"(?:us |american )?thanks ?giving(?: day)?", lambda y: _nth_weekday(y, 11, 3, 4)),
    (r"canadian thanks ?giving(?: day)?", lambda y: _nth_weekday(y, 10, 0, 2)),
    (r"black friday", lambda y: _nth_weekday(y, 11, 3, 4) + timedelta(days=1)),
    (r"cyber monday", lambda y: _nth_weekday(y, 11, 3, 4) + timedelta(days=4)),
    (r"mother'?s'? day", lambda y: _nth_weekday(y, 5, 6, 2)),
    (r"mothering sunday", lambda y: _easter(y, -21)),
    (r"father'?s'? day", lambda y: _nth_weekday(y, 6, 6, 3)),
    (r"(?:national )?grandparents'? day", lambda y: _nth_weekday(y, 9, 6, 1) + timedelta(days=7)),
    (r"(?:martin luther king(?:'s|s'?)?|mlk)(?: jr\.?)?(?:'s)? day", lambda y: _nth_weekday(y, 1, 0, 3)),
    (r"(?:presidents?'?s?'?|washington'?s? birthday)(?: day)?", lambda y: _nth_weekday(y, 2, 0, 3)),
    (r"memorial day", lambda y: _nth_weekday(y, 5, 0, -1)),
    (r"labou?r day", lambda y: _nth_weekday(y, 9, 0, 1)),
    (r"columbus day", lambda y: _nth_weekday(y, 10, 0, 2)),
    (r"(?:veterans?'?|armistice|remembrance) day", lambda y: datetime(y, 11, 11)),
    (r"(?:the )?(?:4th|fourth) of july|independence day|july (?:4th|fourth)", lambda y: datetime(y, 7, 4)),
    (r"(?:christmas|xmas)(?: day)?", lambda y: datetime(y, 12, 25)),
    (r"(?:christmas|xmas) eve", lambda y: datetime(y, 12, 24)),
    (r"boxing day", lambda y: datetime(y, 12, 26)),
    (r"new year'?s'? eve", lambda y: datetime(y, 12, 31)),
    (r"new year'?s'?(?: day)?", lambda y: datetime(y, 1, 1)),
    (r"(?:saint |st\.? )?valentine'?s'?(?: day)?", lambda y: datetime(y, 2, 14)),
    (r"(?:saint |st\.? )?(?:patrick|paddy)'?s'?(?: day)?", lambda y: datetime(y, 3, 17)),
    (r"hallowe'?en", lambda y: datetime(y, 10, 31)),
    (r"all saints'? day", lambda y: datetime(y, 11, 1)),
    (r"groundhog'?s? day", lambda y: datetime(y, 2, 2)),
    (r"(?:us )?tax day", lambda y: datetime(y, 4, 15)),
    (r"earth day", lambda y: datetime(y, 4, 22)),
    (r"april fool'?s'?(?: day)?", lambda y: datetime(y, 4, 1)),
    (r"may day", lambda y: datetime(y, 5, 1)),
    (r"lincoln'?s'? birthday", lambda y: datetime(y, 2, 12)),
    (r"(?:guy fawkes|bonfire)(?: day| night)?", lambda y: datetime(y, 11, 5)),
    (r"anzac day", lambda y: datetime(y, 4, 25)),
    (r"(?:koningsdag|king'?s day)", lambda y: datetime(y, 4, 27)),
    (r"(?:world )?vegan day", lambda y: datetime(y, 11, 1)),
    (r"(?:siblings?'?|national siblings?'?) day", lambda y: datetime(y, 4, 10)),
    (r"(?:boss'?s'?|bosses'?)(?: day)?", lambda y: _observed(datetime(y, 10, 16))),
    (r"(?:canada|dominion) day", lambda y: datetime(y, 7, 1)),
    (r"(?:lei|law) day", lambda y: datetime(y, 5, 1)),
    (r"decoration day", lambda y: _nth_weekday(y, 5, 0, -1)),
    (r"(?:family|louis riel|heritage|islander|daisy gatson bates) day",
     lambda y: _nth_weekday(y, 2, 0, 3)),
    (r"(?:natal|saskatchewan|terry fox|new brunswick|british columbia) day",
     lambda y: _nth_weekday(y, 8, 0, 1)),
    (r"(?:sovereign'?s'? birthday|(?:national )?patriots'? day)", lambda y: _monday_before(y, 5, 25)),
    (r"vimy ridge day", lambda y: datetime(y, 4, 9)),
    (r"kruger day", lambda y: datetime(y, 10, 10)),
    (r"day of the (?:vow|covenant)", lambda y: datetime(y, 12, 16)),
    (r"(?:the )?glorious twelfth", lambda y: datetime(y, 8, 12)),
    (r"(?:juneteenth|freedom day)", lambda y: datetime(y, 6, 19)),
    (r"(?:bastille day|la f[eê]te nationale)", lambda y: datetime(y, 7, 14)),
    (r"(?:saint |st\.? )?george'?s'? day", lambda y: datetime(y, 4, 23)),
    (r"(?:saint |st\.? )?andrew'?s'? day", lambda y: datetime(y, 11, 30)),
    (r"(?:saint |st\.? )?david'?s'? day", lambda y: datetime(y, 3, 1)),
    (r"epiphany|three kings'? day", lambda y: datetime(y, 1, 6)),
    (r"(?:international )?women'?s'? day", lambda y: datetime(y, 3, 8)),
    (r"(?:world )?aids day", lambda y: datetime(y, 12, 1)),
    (r"(?:us |american )?flag day", lambda y: datetime(y, 6, 14)),
    (r"australia day", lambda y: datetime(y, 1, 26)),
    (r"waitangi day", lambda y: datetime(y, 2, 6)),
    (r"earth hour", lambda y: _nth_weekday(y, 3, 5, -1) + timedelta(hours=20, minutes=30)),
    (r"(?:admin(?:istrative)?(?: professionals?'?s?'?)?|secretaries'?|secretary'?s) day",
     lambda y: _nth_weekday(y, 4, 2, -1)),
    (r"easter(?: sunday)?", lambda y: _easter(y)),
    (r"easter mon(?:day)?", lambda y: _easter(y, 1)),
    (r"(?:orthodox )?(?:good|great|holy) friday", lambda y: _easter(y, -2)),
    (r"orthodox (?:good|great|holy) friday", lambda y: _easter(y, -2, True)),
    (r"orthodox easter(?: sunday)?", lambda y: _easter(y, 0, True)),
    (r"(?:maundy|holy) thursday", lambda y: _easter(y, -3)),
    (r"holy saturday", lambda y: _easter(y, -1)),
    (r"palm sunday", lambda y: _easter(y, -7)),
    (r"(?:shrove|pancake) tuesday|pancake day|mardi gras", lambda y: _easter(y, -47)),
    (r"ash wednesday", lambda y: _easter(y, -46)),
    (r"(?:pentecost|whit[e]? ?sunday)", lambda y: _easter(y, 49)),
    (r"(?:branch|willow|yew) sunday", lambda y: _easter(y, -7)),
    (r"whit ?monday|pentecost monday", lambda y: _easter(y, 50)),
    (r"trinity sunday", lambda y: _easter(y, 56)),
    (r"ascension(?: day| thursday)?", lambda y: _easter(y, 39)),
    (r"corpus christi", lambda y: _easter(y, 60)),
    (r"clean monday", lambda y: _easter(y, -48, True)),
    (r"lazarus saturday", lambda y: _easter(y, -8, True)),
    (r"(?:great )?lent", lambda y: (_easter(y, -46), _easter(y, -3))),
    (r"victoria day", lambda y: _monday_before(y, 5, 25)),
    (r"(?:august |summer )?bank holiday", lambda y: _nth_weekday(y, 8, 0, -1)),
    (r"civic holiday", lambda y: _nth_weekday(y, 8, 0, 1)),
    (r"(?:daylight saving(?:s)?(?: time)? start(?: day)?|dst start)", lambda y: _nth_weekday(y, 3, 6, 2)),
    (r"(?:daylight saving(?:s)?(?: time)? end(?: day)?|dst end)", lambda y: _nth_weekday(y, 11, 6, 1)),
    (r"super tuesday", lambda y: _nth_weekday(y, 3, 1, 1)),
    (r"(?:the )?twelfth", lambda y: datetime(y, 7, 12)),
    (r"rizal day", lambda y: datetime(y, 12, 30)),
    (r"emancipation day", lambda y: datetime(y, 8, 1)),
    (r"loyalty day", lambda y: datetime(y, 5, 1)),
    (r"(?:day of )?reconciliation day|day of reconciliation", lambda y: datetime(y, 12, 16)),
    (r"military spouse day", lambda y: _nth_weekday(y, 5, 4, 1) + timedelta(days=7)),
    # lunar calendars (table above, 1950-2050)
    (r"(?:eid|id)(?:[\s-]+(?:al|ul|el))?[\s-]*fitr|(?:the )?feast of breaking the fast|"
     r"(?:the )?sugar feast", lambda y: _lunar("eid_al_fitr", y)),
    (r"(?:eid|id)(?:[\s-]+(?:al|ul|el))?[\s-]*(?:adha|azha)|(?:the )?(?:feast of (?:the )?)?"
     r"sacrifice feast|(?:the )?feast of (?:the )?sacrifice|bakr[ai]?[\s-]?eid|bakrid|"
     r"kurban bayrami?", lambda y: _lunar("eid_al_adha", y)),
    (r"rama[dz]h?a+n|ramzaa?n", _ramadan),
    (r"(?:the )?(?:islamic|hijri|arabic) new year(?:'?s)?(?: day)?|amun jadid",
     lambda y: _lunar("hijri_new_year", y)),
    (r"mawlid(?:[\s-]+(?:al|an)[\s-]+nab(?:awi|i))?|milad[\s-]+un[\s-]+nabi|"
     r"(?:the )?prophet'?s birthday", lambda y: _lunar("mawlid", y)),
    (r"(?:(?:the )?day of )?ashura", lambda y: _lunar("ashura", y)),
    (r"isra'?(?: and|&)? ?mi'?raj|(?:the )?prophet'?s ascension|(?:the )?night journey|"
     r"ascension to heaven", lambda y: _lunar("isra_miraj", y)),
    (r"laylat[\s-]+al[\s-]*(?:qadr|kadr)|(?:the )?night of (?:power|measures|decree|destiny)",
     lambda y: _lunar("laylat_al_qadr", y)),
    (r"jumu'?atul[\s-]*wida|jamat[\s-]*ul[\s-]*vida", lambda y: _lunar("jumuatul_wida", y)),
    (r"(?:chinese (?:lunar )?|lunar )new years?(?:'s)?(?: day)?|(?:the )?spring festival",
     lambda y: _lunar("chinese_new_year", y)),
]
_HOLIDAY_RES = [(re.compile(p), f) for p, f in _HOLIDAYS]


def _observed(d: datetime) -> datetime:
    """A fixed-date observance moved off the weekend (Saturday -> Friday, Sunday -> Monday)."""
    return d - timedelta(days=1) if d.weekday() == 5 else d + timedelta(days=1) \
        if d.weekday() == 6 else d


def _nearest_weekday(d: datetime, weekday: int) -> datetime:
    """The given weekday closest to ``d`` (ties go forward)."""
    delta = (weekday - d.weekday()) % 7
    if delta > 3:
        delta -= 7
    return d + timedelta(days=delta)


def _holiday(name: str, year: int):
    """Date (or (start, end) pair) of a named holiday in ``year``; None if unknown."""
    for rx, f in _HOLIDAY_RES:
        if rx.fullmatch(name):
            try:
                return f(year)
            except (ValueError, OverflowError, TypeError):
                return None
    return None


def _is_holiday(name: str) -> bool:
    return any(rx.fullmatch(name) for rx, _ in _HOLIDAY_RES)


# --------------------------------------------------------------------------------------------
# dateparser (absolute dates only; always languages=['en'])
# --------------------------------------------------------------------------------------------

_DP_PARSER = None


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


# --------------------------------------------------------------------------------------------
# Rule engine
# --------------------------------------------------------------------------------------------

_PRESENT = {"now", "currently", "current", "presently", "at present", "nowadays", "right now",
            "just now", "today's", "these days", "at the moment", "at this time", "the present",
            "present", "this time", "now on", "the moment", "these times", "immediately",
            "at the present time", "the present time", "contemporary", "as of now"}
_PAST = {"recently", "recent", "the past", "formerly", "previously", "once", "earlier",
         "in the past", "lately", "the recent past", "recent times", "before", "long ago", "years ago", "ago",
         "the old days", "a while ago", "some time ago", "historically", "last time"}
_FUTURE = {"soon", "the future", "future", "later", "eventually", "shortly", "in the future",
           "someday", "the near future", "the coming years", "coming years",
           "the years ahead", "the coming months", "coming months", "coming weeks",
           "the coming weeks", "the coming days", "coming days", "coming quarters",
           "the coming quarters", "the days ahead", "the months ahead", "the weeks ahead",
           "the long run", "the long term", "the short term", "the near term", "upcoming",
           "later this decade", "forthcoming", "down the road",
           "in coming years", "the longer term", "the medium term"}

_LEAD_STRIP = re.compile(
    r"^(?:(?:on|in|at|during|by|for|of|within|throughout|over|from|since|until|till|til|"
    r"through|thru|before|after|as of|as early as|as late as|as recently as|starting|"
    r"beginning|effective|circa|ca\.?|c\.)\s+)+")

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

_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                 "seventies": 7, "eighties": 8, "nineties": 9}


def _clean(s: str) -> str:
    """Lower-case, unify quotes/dashes, collapse whitespace, drop surrounding punctuation."""
    s = s.lower().replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    s = s.replace("\u2013", "-").replace("\u2014", "-").replace("\u00a0", " ")
    s = re.sub(r"\s+", " ", s).strip()
    s = s.strip(" ,;:!?\"()[]{}")
    s = re.sub(r"\byrs\b", "years", s)
    s = re.sub(r"\byr\b", "year", s)
    s = re.sub(r"\bqtrs\b", "quarters", s)
    s = re.sub(r"\bqtr\b", "quarter", s)
    if s.endswith(".") and not re.search(r"(?:\b[a-z]\.[a-z]\.|\b(?:jan|feb|mar|apr|jun|jul|aug|"
                                         r"sept?|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|st|"
                                         r"jr|p\.m|a\.m)\.)$", s):
        s = s[:-1].rstrip()
    return s


def _year_of(tok: str, anchor: datetime | None) -> int | None:
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


class _Ctx:
    """Per-call context that is not part of the phrase itself."""

    __slots__ = ("anchor", "tense", "label", "fin", "prefer", "ref_off")

    def __init__(self, anchor: datetime | None, tense: str | None, label: str,
                 fin: bool = False, prefer: str = "past", ref_off: int | None = None):
        self.anchor = anchor
        self.tense = tense
        self.label = label
        self.fin = fin  # financial-report context: "a year ago" means the year-ago quarter
        # direction for under-specified expressions: "past" (news), "future", "nearest"
        self.prefer = prefer
        # UTC offset (minutes) of an aware anchor: times with a named zone are converted into it
        self.ref_off = ref_off


_FUTURE_CUE = re.compile(
    r"\b(?:will|'ll|shall|going to|plans? to|planned|planning|scheduled|expects? to|expected to|"
    r"is to|are to|intends? to|next|upcoming|would begin|set to|due to|as soon as|as early as|"
    r"would be|might|until|postponed|delayed|deadline|expire|expires|payable|effective|"
    r"supposed to|is likely to|are likely to)\b")
_PAST_CUE = re.compile(r"\b(?:said|was|were|had|did|ago|last|earlier|reported|announced|"
                       r"told|died|killed|began|brought|came|took|made|went|met|saw|held|fell|"
                       r"rose|won|lost|sold|bought|gave|became|struck|since|has been|have been|"
                       r"(?<!\bbe )(?<!\bbeen )(?<!\bbeing )(?<!\bis )(?<!\bare )"
                       r"(?<!\bhas )(?<!\bhave )(?!(?:need|speed|indeed|hundred|red)\b)\w+ed)\b")


def _tense_of(text: str, start: int, end: int) -> str | None:
    """Rough tense of the clause around ``text[start:end]``: "future", "past" or None.

    The tense cue nearest the expression on its left (within the sentence) decides, since in
    news prose the governing verb usually precedes the time ("said Friday", "will meet on
    Thursday"); failing that, the first cue to its right ("On Friday, the company will ...").
    """
    lo = max(0, start - 90)
    left = text[lo:start]
    cut = max(left.rfind(". "), left.rfind("\n"), left.rfind("? "), left.rfind("! "))
    if cut >= 0:
        left = left[cut + 1:]
    right = text[end:end + 40]
    m = re.search(r"[.!?](?:\s|$)|\n", right)
    if m:
        right = right[:m.start()]
    # proper nouns ending in -ed ("United") are not past-tense verbs
    left = re.sub(r"\b[A-Z]\w*ed\b", "X", left).lower()
    right = re.sub(r"\b[A-Z]\w*ed\b", "X", right).lower()
    for weak in (False, True):  # explicit cue words before bare -ed forms (may be adjectives)
        best = None
        for tense, cue in (("future", _FUTURE_CUE), ("past", _PAST_CUE)):
            for mm in cue.finditer(left):
                if mm.group(0).endswith("ed") != weak and tense == "past":
                    continue
                if weak and tense == "future":
                    continue
                if best is None or mm.end() > best[0]:
                    best = (mm.end(), tense)
        if best is not None:
            return best[1]
    best = None
    for tense, cue in (("future", _FUTURE_CUE), ("past", _PAST_CUE)):
        mm = cue.search(right)
        if mm and (best is None or mm.start() < best[0]):
            best = (mm.start(), tense)
    return best[1] if best else None


_AGE_LEFT = re.compile(r"(?:\b(?:aged?|ages)\s*$)|(?:[A-Z][\w.'-]*(?: [A-Z][\w.'-]*)*,\s*$)")
_AGE_RIGHT_COMMA = re.compile(r"^\s*(?:,|\)|;|$|\s+(?:and|who|was|is|has|had|said)\b)")


def _age_context(text: str, start: int, end: int, phrase: str) -> bool:
    """True when a bare number at text[start:end] is a person's age ("Kutcher, 42," / "aged 42")."""
    if not re.fullmatch(r"\d{1,3}", phrase):
        return False
    n = int(phrase)
    if n == 0 or n > 120:
        return False
    left = text[max(0, start - 60):start]
    right = text[end:end + 20]
    if re.search(r"\b(?:aged?|ages|age of)\s*$", left, re.I):
        return True
    if re.search(r"[A-Z][\w.'-]+,\s*$", left) and _AGE_RIGHT_COMMA.match(right):
        return True
    if re.search(r"\(\s*$", left) and re.match(r"^\s*\)", right):
        return True
    return False


# ---- individual rules; each returns DateValue | None -----------------------------------------

def _r_deictic(p: str, ctx: _Ctx) -> DateValue | None:
    """now/currently -> PRESENT_REF; recently/the past -> PAST_REF; soon/the future -> FUTURE_REF."""
    a = ctx.anchor
    if p in _PRESENT:
        if p in ("just now", "right now", "at the moment") and a is not None:
            return DateValue("DATE", "PRESENT_REF", "point", "second", a, a + timedelta(seconds=1),
                             None, "deictic")
        if p == "at this time" and a is not None:
            return DateValue("DATE", "PRESENT_REF", "point", "day", _floor(a, "day"),
                             _floor(a, "day") + timedelta(days=1), None, "deictic")
        return DateValue("DATE", "PRESENT_REF", "point" if a else "unresolved", None, a, a, None,
                         "deictic")
    if p in _PAST:
        return DateValue("DATE", "PAST_REF", "point" if a else "unresolved", None, None, a, None,
                         "deictic")
    if p in _FUTURE:
        return DateValue("DATE", "FUTURE_REF", "point" if a else "unresolved", None, a, None,
                         None, "deictic")
    return None


_DAYWORD = {"today": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
            "the day after tomorrow": 2, "day before yesterday": -2,
            "day after tomorrow": 2, "tonight": 0, "tonite": 0, "this morning": 0,
            "this afternoon": 0, "this evening": 0, "last night": -1, "yesterday morning": -1,
            "yesterday afternoon": -1, "yesterday evening": -1, "tomorrow morning": 1,
            "tomorrow afternoon": 1, "tomorrow evening": 1, "tomorrow night": 1,
            "this day": 0, "the same day": 0, "that day": 0, "earlier today": 0,
            "later today": 0, "today's": 0, "overnight": -1,
            "the day": 0, "the night": -1, "last evening": -1,
            "yesterday night": -1, "tomorrow's": 1, "yesterday's": -1, "tonight's": 0}


_BARE_PART = re.compile(r"(?:(?P<pre>in the|during the|the|today|tomorrow|yesterday)\s+)?"
                        r"(?P<part>morning|afternoon|evening|night)")


def _r_dayword(p: str, ctx: _Ctx) -> DateValue | None:
    """today / yesterday / tomorrow / tonight / this morning / last night ...; a bare part of
    day ("morning", "in the afternoon", "evening") is that part of the anchor's day, like "this
    morning"; "today evening" / "tomorrow afternoon" name the day explicitly."""
    if p not in _DAYWORD:
        m = _BARE_PART.fullmatch(p)
        if m is None or p == "the night":
            return None
        off = {"today": 0, "tomorrow": 1, "yesterday": -1}.get(m.group("pre") or "", 0)
        code, h0, h1 = _PARTS_OF_DAY[m.group("part")]
        a = ctx.anchor
        if a is None:
            return _unresolved(None, "hour", "dayword", typ="TIME")
        d = _floor(a, "day") + timedelta(days=off)
        return DateValue("TIME", _value_at(d, "day") + "T" + code, "point", "hour",
                         d + timedelta(hours=h0), d + timedelta(hours=h1), None, "dayword")
    off = _DAYWORD[p]
    part = None
    for w, spec in _PARTS_OF_DAY.items():
        if p.endswith(w) or p == w:
            part = spec
    if p in ("today", "yesterday", "tomorrow", "this day", "the same day", "that day", "the day",
             "earlier today", "later today", "today's", "tomorrow's", "yesterday's"):
        part = None
    a = ctx.anchor
    if a is None:
        return _unresolved(None, "day", "dayword")
    d = _floor(a, "day") + timedelta(days=off)
    if part:
        code, h0, h1 = part
        return DateValue("TIME", _value_at(d, "day") + "T" + code, "point", "hour",
                         d + timedelta(hours=h0), d + timedelta(hours=h1), None, "dayword")
    return _point(d, "day", "dayword")


_DUR_ONE = re.compile(r"(?P<num>" + _NUM_RE + r"|" + _VAGUE_RE + r")?[\s-]*(?P<unit>" + _UNIT_RE +
                      r")(?:['’]s)?")


def _parse_duration_parts(p: str) -> list[tuple[float | None, str]] | None:
    """Split "2 years, 3 months and 4 days" into [(2,'Y'),(3,'M'),(4,'D')]; None if not a duration."""
    p = re.sub(r"\b(?:more|additional|extra|less|fewer|long|full|straight|consecutive|"
               r"whole|entire|solid|other|odd|plus)\b\s*", "", p).strip()
    p = re.sub(r"\s+", " ", p)
    if not p:
        return None
    # abbreviated units written against the number: "2m", "1/2h", "90s", "2 hrs"
    m = re.fullmatch(r"(?P<num>\d+(?:\.\d+)?|\d+\s*/\s*\d+)\s*(?P<u>h|m|s|min|mins|hr|hrs)", p)
    if m:
        n = parse_number(m.group("num"))
        u = {"h": "H", "hr": "H", "hrs": "H", "m": "MIN", "min": "MIN", "mins": "MIN",
             "s": "S"}[m.group("u")]
        return _frac_to_parts(n, u) if n else None
    # "an hour and a half", "a month and a half", "one hour and half"
    m = re.fullmatch(r"(?P<num>" + _NUM_RE + r")[\s-]+(?P<unit>" + _UNIT_RE +
                     r")\s+and\s+(?:a\s+|an\s+)?(?P<frac>half|(?:a |one |three )?quarters?)", p)
    if m:
        n = parse_number(m.group("num"))
        u = _unit_sym(m.group("unit"))
        if n is None or u is None:
            return None
        fr = m.group("frac")
        f = 0.5 if fr == "half" else (0.75 if fr.startswith("three") else 0.25)
        return _frac_to_parts(n + f, u)
    # "one and three quarters of hour", "two and a quarter hour"
    m = re.fullmatch(r"(?P<num>" + _NUM_RE + r")\s+(?:of\s+(?:an?\s+)?)?(?P<unit>" + _UNIT_RE + r")",
                     p)
    if m:
        n = parse_number(m.group("num"))
        u = _unit_sym(m.group("unit"))
        if n is not None and u is not None:
            return _frac_to_parts(n, u)
    # "1 hour thirty", "2 hours ten": trailing bare number of the next-smaller unit
    m = re.fullmatch(r"(?P<num>" + _NUM_RE + r")\s+(?P<unit>hours?|hrs?|h|minutes?|mins?)"
                     r"(?:\s+and)?\s+(?P<rest>" + _NUM_RE + r")", p)
    if m:
        n = parse_number(m.group("num"))
        r = parse_number(m.group("rest"))
        u = _unit_sym(m.group("unit"))
        if n is not None and r is not None and u in ("H", "MIN"):
            return [(n, u), (r, "MIN" if u == "H" else "S")]
    parts: list[tuple[float | None, str]] = []
    pos = 0
    for mm in re.finditer(r"(?:(?P<num>" + _NUM_RE + r"|" + _VAGUE_RE + r")[\s-]*)?(?P<unit>" +
                          _UNIT_RE + r")\b", p):
        gap = p[pos:mm.start()]
        if gap.strip(" ,-") not in ("", "and", ", and"):
            return None
        unit = _unit_sym(mm.group("unit"))
        if unit is None:
            return None
        num_s = mm.group("num")
        unit_word = mm.group("unit")
        plural = unit_word.endswith("s") and unit_word not in ("hrs", "s") or unit_word in (
            "centuries",)
        if num_s is None:
            if not plural:
                return None
            n = None
        elif re.fullmatch(_VAGUE_RE, num_s.strip()):
            n = None
        else:
            n = parse_number(num_s)
            if n is None:
                return None
        parts.append((n, unit))
        pos = mm.end()
    if not parts or p[pos:].strip(" ,"):
        return None
    if len(parts) > 1 and any(n is None for n, _ in parts):
        return None
    for n, u in parts:
        if n is not None and 1000 <= n <= 2200 and n == int(n) and u not in ("S", "MIN"):
            m4 = re.search(r"\b%d\b" % int(n), p)
            if m4:
                return None
    return parts


def _unit_sym(word: str) -> str | None:
    w = word.lower()
    if w in _UNITS:
        return _UNITS[w][0]
    if w == "centuries":
        return "CE"
    if w.endswith("s") and w[:-1] in _UNITS:
        return _UNITS[w[:-1]][0]
    return None


def _frac_to_parts(n: float, u: str) -> list[tuple[float | None, str]]:
    """Turn 1.5 hours into [(1,'H'),(30,'MIN')] so durations stay integral where possible."""
    if n == int(n):
        return [(n, u)]
    whole = int(n)
    frac = n - whole
    smaller = {"H": ("MIN", 60), "MIN": ("S", 60), "D": ("H", 24), "M": ("D", 30),
               "Y": ("M", 12), "W": ("D", 7)}.get(u)
    if smaller and (frac * smaller[1]) == int(frac * smaller[1]):
        out = [(float(whole), u)] if whole else []
        out.append((frac * smaller[1], smaller[0]))
        return out
    return [(n, u)]


_SYM_GRAIN = {"S": "second", "MIN": "minute", "H": "hour", "D": "day", "W": "week", "FN": "week",
              "M": "month", "Q": "quarter", "Y": "year", "DE": "decade", "CE": "century",
              "WE": "day"}


def _duration(parts, rule: str, mod: str | None = None, kind: str = "duration",
              anchor_start: datetime | None = None, anchor_end: datetime | None = None
              ) -> DateValue:
    grain = _SYM_GRAIN.get(parts[-1][1])
    return DateValue("DURATION", _duration_value(parts), kind, grain, anchor_start, anchor_end,
                     mod, rule)


def _shift(a: datetime, parts, sign: int) -> datetime | None:
    """Anchor shifted by a duration; None when the amount is vague."""
    d = a
    for n, u in parts:
        if n is None:
            return None
        g = _SYM_GRAIN[u]
        if u == "FN":
            n *= 2
        if n != int(n):
            secs = n * _UNIT_SECONDS[u] * sign
            d = d + timedelta(seconds=secs)
        else:
            d = _add(d, g, int(n) * sign)
    return d


def _r_ago(p: str, ctx: _Ctx) -> DateValue | None:
    """"three years ago", "a week earlier", "two days later", "in 3 weeks", "5 days from now"."""
    m = re.fullmatch(r"(?P<d>.+?)\s+(?P<dir>ago|back|before|earlier|later|after|hence|"
                     r"from now|from today|since|previously|before now)", p)
    sign = None
    if m:
        dirw = m.group("dir")
        sign = -1 if dirw in ("ago", "back", "before", "earlier", "previously", "before now",
                              "since") else 1
        dur = m.group("d")
    else:
        m = re.fullmatch(r"(?:in|within|after)\s+(?P<d>.+)", p)
        if not m:
            return None
        sign = 1
        dur = m.group("d")
    dur = re.sub(r"^(?:about|around|some|nearly|almost|roughly|more than|less than|just|only)\s+",
                 "", dur)
    parts = _parse_duration_parts(dur)
    if not parts:
        return None
    grain = _SYM_GRAIN[parts[-1][1]]
    if grain == "quarter" and parts[-1][0] is not None:
        pass
    a = ctx.anchor
    if a is None or any(n is None for n, _ in parts):
        if any(n is None for n, _ in parts):
            return DateValue("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF",
                             "point" if a else "unresolved", None, None, None, None, "ago")
        return _unresolved(None, grain, "ago")
    d = _shift(a, parts, sign)
    if d is None:
        return None
    # value keeps the unit's granularity (TimeML: "two years ago" -> "2021"); start/end give
    # the exact reference day (minute for sub-day units)
    fine = "second" if grain in ("second", "minute") else "minute" if grain == "hour" else \
        "hour" if grain == "day" else "day"
    v = _point(d, grain, "ago")
    s = _floor(d, fine)
    return DateValue(v.type, v.value, v.kind, fine, s, _add(s, fine, 1), None, "ago")


def _r_age(p: str, ctx: _Ctx) -> DateValue | None:
    """"7-year-old", "42 years old", "aged 42", "age 42"."""
    m = re.fullmatch(r"(?:aged?\s+|ages\s+)?(?P<n>" + _NUM_RE + r")[\s-]*(?:(?P<u>years?|months?|"
                     r"weeks?|days?)[\s-]*)?(?:olds?|of age)", p)
    if not m:
        m = re.fullmatch(r"(?:aged?|ages)\s+(?P<n>\d{1,3})(?P<u>)", p)
    if not m:
        return None
    n = parse_number(m.group("n"))
    if n is None:
        return None
    u = _unit_sym(m.group("u") or "year") or "Y"
    return DateValue("DURATION", _duration_value([(n, u)]), "age", _SYM_GRAIN[u], None, None,
                     None, "age")


_EVERY = re.compile(r"(?:every|each|per|once a|once an|once every|twice a|twice an|once per|"
                    r"twice per|every other|each and every|three times a|several times a)\s+(?:(?P<num>" + _NUM_RE + r")\s+)?(?P<unit>" +
                    _UNIT_RE + r"|" + _WEEKDAY_RE + r"|" + _MONTH_RE + r"|morning|evening|night|"
                    r"afternoon|weekend)")
_ADVERB_SET = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y",
               "annually": "P1Y", "annual": "P1Y", "quarterly": "P3M", "hourly": "PT1H",
               "nightly": "P1D", "biweekly": "P2W", "bimonthly": "P2M", "biannually": "P6M",
               "semiannually": "P6M", "semi-annually": "P6M", "fortnightly": "P2W",
               "every day": "P1D", "everyday": "P1D", "year-round": "P1Y", "per annum": "P1Y",
               "a year": "P1Y", "a day": "P1D", "a month": "P1M", "a week": "P1W"}


def _r_set(p: str, ctx: _Ctx) -> DateValue | None:
    """"every week" -> P1W, "each year" -> P1Y, "Mondays" -> XXXX-WXX-1, "weekly" -> P1W."""
    if p in _ADVERB_SET and (ctx.label != "DATE" or p not in ("a year", "a day", "a month",
                                                               "a week")):
        return DateValue("SET", _ADVERB_SET[p], "set", None, None, None, None, "set")
    m = _EVERY.fullmatch(p)
    if m:
        unit = m.group("unit").rstrip(".")
        if unit in _WEEKDAYS:
            return DateValue("SET", "XXXX-WXX-%d" % (_WEEKDAYS[unit] + 1), "set", "day", None,
                             None, None, "set")
        if unit in _MONTHS:
            return DateValue("SET", "XXXX-%02d" % _MONTHS[unit], "set", "month", None, None,
                             None, "set")
        if unit in ("morning", "evening", "night", "afternoon"):
            return DateValue("SET", "TMO" if unit == "morning" else "T" + unit[:2].upper(),
                             "set", "hour", None, None, None, "set")
        if unit == "weekend":
            return DateValue("SET", "XXXX-WXX-WE", "set", "day", None, None, None, "set")
        sym = _unit_sym(unit)
        if sym is None:
            return None
        n = parse_number(m.group("num")) if m.group("num") else 1.0
        if p.startswith("every other"):
            n = (n or 1) * 2
        return DateValue("SET", _duration_value([(n, sym)]), "set", _SYM_GRAIN[sym], None, None,
                         None, "set")
    m = re.fullmatch(r"(?:on\s+)?(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)s"
                     r"(?:\s+(?P<part>mornings|afternoons|evenings|nights))?", p)
    if m:
        return DateValue("SET", "XXXX-WXX-%d" % (_WEEKDAYS[m.group("wd")] + 1), "set", "day",
                         None, None, None, "set")
    return None


def _r_decade(p: str, ctx: _Ctx) -> DateValue | None:
    """"the 1990s" -> 199 (TIMEX3 decade form), "the '80s", "the nineties", "the 20th century" -> 19."""
    m = re.fullmatch(r"(?:the\s+)?(?:(?P<mod>early|mid|late|mid-)[\s-]*)?(?:(?P<y>1\d|20)?(?P<d>\d)0|"
                     r"'(?P<d2>\d)0)'?s", p)
    if m:
        mod = {"early": "START", "mid": "MID", "mid-": "MID", "late": "END"}.get(m.group("mod"))
        d = m.group("d") or m.group("d2")
        cent = m.group("y")
        if cent is None:
            if ctx.anchor is None and m.group("d2") is None and m.group("d") is not None:
                cent = "19"
            else:
                base = ctx.anchor.year if ctx.anchor else 1990
                cent = str(base // 100)
                if int(cent + d + "0") > base:
                    cent = str(int(cent) - 1)
        y0 = int(cent + d + "0")
        s = datetime(y0, 1, 1)
        return DateValue("DATE", "%s%s" % (cent, d), "interval", "decade", s,
                         datetime(y0 + 10, 1, 1), mod, "decade")
    m = re.fullmatch(r"(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]*)?(?P<w>" +
                     "|".join(_DECADE_WORDS) + r")", p)
    if m:
        d = _DECADE_WORDS[m.group("w")]
        base = ctx.anchor.year if ctx.anchor else 1999
        y0 = (base // 100) * 100 + d * 10
        if y0 > base:
            y0 -= 100
        mod = {"early": "START", "mid": "MID", "late": "END"}.get(m.group("mod"))
        return DateValue("DATE", "%03d" % (y0 // 10), "interval", "decade", datetime(y0, 1, 1),
                         datetime(y0 + 10, 1, 1), mod, "decade")
    m = re.fullmatch(r"(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]*)?(?P<o>\d{1,2})(?:st|nd|rd|th)"
                     r"[\s-]+century", p) or re.fullmatch(
        r"(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]*)?(?P<w>" + _ORD_RE + r")[\s-]+century", p)
    if m:
        o = int(m.group("o")) if m.groupdict().get("o") else _ORDINALS.get(m.group("w"))
        if not o or o < 1:
            return None
        y0 = (o - 1) * 100
        mod = {"early": "START", "mid": "MID", "late": "END"}.get(m.group("mod"))
        return DateValue("DATE", "%02d" % (o - 1), "interval", "century",
                         datetime(max(1, y0), 1, 1), datetime(y0 + 100, 1, 1), mod, "century")
    return None


_REL_UNIT = r"(?P<unit>week|month|year|quarter|weekend|decade|century|season|day|hour|minute|" \
            r"half|fortnight)"


def _rel_unit_value(a: datetime, unit: str, off: int, rule: str, mod: str | None = None
                    ) -> DateValue:
    """The calendar ``unit`` that is ``off`` units from the one containing the anchor."""
    if unit == "weekend":
        if off == 0 and rule == "relunit_the" and a.weekday() <= 2:
            off = -1
        base = _floor(a, "week") + timedelta(weeks=off, days=5)
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
        return _season_value(a, None, off, rule, mod)
    if unit == "fortnight":
        s = _floor(a, "day") + timedelta(weeks=2 * off)
        return DateValue("DATE", _value_at(s, "week"), "point", "week", s,
                         s + timedelta(weeks=2), mod, rule)
    d = _add(_floor(a, unit), unit, off)
    return _point(d, unit, rule, mod)


def _season_value(a: datetime | None, name: str | None, off: int, rule: str,
                  mod: str | None = None, year: int | None = None) -> DateValue | None:
    """TIMEX3 season (2023-SU) containing/relative to the anchor, or for an explicit year."""
    if name is None:
        if a is None:
            return None
        m = a.month
        name = ("winter" if m in (12, 1, 2) else "spring" if m <= 5 else "summer" if m <= 8
                else "fall")
    code, m0 = _SEASONS[name]
    if year is None:
        if a is None:
            return DateValue("DATE", "XXXX-" + code, "unresolved", "season", None, None, mod, rule)
        year = a.year
        if name == "winter" and a.month <= 2:
            year -= 1
        year += off
    s = _safe_date(year, m0, 1) or datetime(year, m0, 1)
    if name == "winter":
        s = datetime(year, 12, 1)
    return DateValue("DATE", "%04d-%s" % (year, code), "point", "season", s,
                     s + relativedelta(months=3), mod, rule)


def _reported_quarter(a: datetime) -> datetime:
    """Start of the quarter a financial story dated ``a`` most likely reports on: the current
    quarter late in it, otherwise the one just completed."""
    cur = _floor(a, "quarter")
    if (a.month - 1) % 3 == 0 or ((a.month - 1) % 3 == 1 and a.day < 15):
        return _add(cur, "quarter", -1)
    return cur


def _r_fin(p: str, ctx: _Ctx) -> DateValue | None:
    """Earnings-report periods: "the year-earlier quarter", "the 1988 period", "a year ago"
    (in a story about quarterly results), "the latest quarter", "the quarter"."""
    a = ctx.anchor
    m = re.fullmatch(r"(?:the\s+)?(?P<y>\d{4})\s+(?:(?P<o>first|second|third|fourth)[\s-]+)?"
                     r"(?P<u>quarter|period|half|fiscal year|year)", p)
    if m:
        y = int(m.group("y"))
        if not 1000 <= y <= 2200:
            return None
        if m.group("u") in ("fiscal year", "year"):
            return _point(datetime(y, 1, 1), "year", "fin")
        if m.group("o"):
            q = {"first": 1, "second": 2, "third": 3, "fourth": 4}[m.group("o")]
            if m.group("u") == "half":
                if q > 2:
                    return None
                s = datetime(y, 6 * q - 5, 1)
                return DateValue("DATE", "%04d-H%d" % (y, q), "point", "quarter", s,
                                 s + relativedelta(months=6), None, "fin")
            return _point(datetime(y, 3 * q - 2, 1), "quarter", "fin")
        if a is None:
            return DateValue("DATE", "%04d-QX" % y, "unresolved", "quarter", None, None, None,
                             "fin")
        rq = _reported_quarter(a)
        return _point(datetime(y, rq.month, 1), "quarter", "fin")
    m = re.fullmatch(r"(?:the\s+)?(?:comparable\s+|corresponding\s+|same\s+)?(?:year[\s-]earlier|"
                     r"year[\s-]ago|prior[\s-]year|previous[\s-]year|last[\s-]year's)(?:\s+(?P<o>"
                     r"first|second|third|fourth))?(?:\s+(?P<u>quarter|period|half|results|"
                     r"level|figure))?", p)
    if m:
        if a is None:
            return _unresolved(None, "quarter", "fin")
        if m.group("o"):
            q = {"first": 1, "second": 2, "third": 3, "fourth": 4}[m.group("o")]
            return _point(datetime(a.year - 1, 3 * q - 2, 1), "quarter", "fin")
        if m.group("u") in ("quarter", "period") or ctx.fin:
            return _point(_reported_quarter(a) - relativedelta(years=1), "quarter", "fin")
        return _point(datetime(a.year - 1, 1, 1), "year", "fin")
    m = re.fullmatch(r"(?:the\s+)?(?:comparable|corresponding|same)\s+(?:period|quarter)"
                     r"(?:\s+(?:a year (?:ago|earlier)|last year|of last year|the year before))?",
                     p)
    if m:
        if a is None:
            return _unresolved(None, "quarter", "fin")
        return _point(_reported_quarter(a) - relativedelta(years=1), "quarter", "fin")
    if ctx.fin and a is not None and p in ("a year ago", "a year earlier", "one year ago",
                                           "one year earlier", "the year before",
                                           "last year's", "a year before"):
        return _point(_reported_quarter(a) - relativedelta(years=1), "quarter", "fin")
    if p in ("the quarter", "the latest quarter", "the most recent quarter", "the latest period",
             "the period", "the recent quarter", "the just-ended quarter",
             "the just-completed quarter", "the latest fiscal quarter", "the fiscal quarter",
             "latest quarter", "the september quarter", "the june quarter",
             "the december quarter", "the march quarter"):
        if p in ("the period",) and not ctx.fin:
            return None
        if a is None:
            return _unresolved(None, "quarter", "fin")
        mm = re.match(r"the (september|june|december|march) quarter", p)
        if mm:
            mo = _MONTHS[mm.group(1)]
            y = a.year if mo <= a.month + 1 else a.year - 1
            return _point(datetime(y, mo, 1), "quarter", "fin")
        return _point(_reported_quarter(a), "quarter", "fin")
    return None


def _r_relunit(p: str, ctx: _Ctx) -> DateValue | None:
    """"last year", "this month", "next week", "the past year", "the past 15 years", "the coming
    months", "earlier this week", "the year-earlier quarter", "the latest quarter"."""
    a = ctx.anchor
    mod = None
    m = re.fullmatch(r"(?P<m>earlier|early|later|late|the end of|the start of|the beginning of|"
                     r"the middle of|end of|start of|beginning of|middle of|the rest of|rest of)"
                     r"\s+(?:in\s+)?(?P<rest>(?:this|the|last|next|that)\s+.+)", p)
    if m:
        mod = {"earlier": "START", "early": "START", "later": "END", "late": "END",
               "the end of": "END", "end of": "END", "the start of": "START",
               "start of": "START", "the beginning of": "START", "beginning of": "START",
               "the middle of": "MID", "middle of": "MID", "the rest of": "END",
               "rest of": "END"}[m.group("m")]
        p = m.group("rest")
    # "the past 15 years", "the last two weeks", "the next three quarters" -> duration
    m2 = re.fullmatch(r"(?P<n>" + _NUM_RE + r")\s+(?P<dir>upcoming|coming|next|past|last|previous)\s+"
                      r"(?P<u>" + _UNIT_RE + r")", p)
    if m2:
        p = "%s %s %s" % (m2.group("dir"), m2.group("n"), m2.group("u"))
    m = re.fullmatch(r"(?:the\s+|this\s+|over\s+the\s+|in\s+the\s+|for\s+the\s+|during\s+the\s+|"
                     r"each\s+of\s+the\s+|all\s+of\s+the\s+)?(?P<dir>past|last|previous|next|"
                     r"coming|following|preceding|final|upcoming|prior|ensuing|"
                     r"latest|recent|subsequent)\s+(?P<d>(?:" + _NUM_RE + r"|" + _VAGUE_RE +
                     r")[\s-]+(?:full\s+)?" + _UNIT_RE + r")", p)
    if m and not re.fullmatch(r"(?:a|an|one|single)\s+\w+", m.group("d")):
        parts = _parse_duration_parts(m.group("d"))
        if parts:
            back = m.group("dir") in ("past", "last", "previous", "preceding", "prior", "latest",
                                      "recent")
            s = e = None
            if a is not None and all(n is not None for n, _ in parts):
                g = _SYM_GRAIN[parts[-1][1]]
                base = _floor(a, g) if back else _add(_floor(a, g), g, 1)
                other = _shift(base, parts, -1 if back else 1)
                s, e = (other, base) if back else (base, other)
            return _duration(parts, "duration", mod, anchor_start=s, anchor_end=e)
    m = re.fullmatch(r"(?:the\s+)?(?P<dir>this past|this coming|all|past|last|previous|next|"
                     r"coming|following|this|current|"
                     r"present|preceding|prior|latest|most recent|recent|same|year-earlier|"
                     r"year-ago|year earlier|year ago|comparable|corresponding|that|"
                     r"upcoming|ensuing|first|subsequent|new|fiscal|just-ended|just ended|"
                     r"just-completed|just completed|second|third|fourth)?\s*" + _REL_UNIT +
                     r"(?:'s)?(?:\s+(?:ago|earlier))?", p)
    if not m:
        return None
    d = m.group("dir") or ""
    unit = m.group("unit")
    had_the = p.startswith("the ")
    if unit in ("day", "hour", "minute") and d not in ("next", "last", "previous", "past",
                                                       "following", "same"):
        return None
    if d in ("first", "second", "third", "fourth") and unit != "half":
        return None
    if d in ("past", "last", "previous", "preceding", "prior", "just-ended", "just ended",
             "just-completed", "just completed") and had_the and unit not in ("quarter", "half",
                                                                               "weekend"):
        # "the past year" / "the last decade": TimeBank marks most as durations
        if unit in ("decade", "century"):
            if a is None:
                return _unresolved(None, unit, "relunit", mod)
            return _rel_unit_value(a, unit, -1, "relunit", mod)
        if d in ("past", "last") and unit in ("week", "month", "year", "day", "hour", "fortnight"):
            sym = {"week": "W", "month": "M", "year": "Y", "day": "D", "hour": "H",
                   "fortnight": "FN"}[unit]
            parts = [(1.0, sym)]
            s = e = None
            if a is not None:
                s, e = _shift(a, parts, -1), a
            return _duration(parts, "duration", mod, anchor_start=s, anchor_end=e)
    if d in ("next", "coming", "following", "upcoming", "ensuing", "subsequent") and had_the and \
            unit in ("day", "hour", "minute"):
        sym = {"day": "D", "hour": "H", "minute": "MIN"}[unit]
        return _duration([(1.0, sym)], "duration", mod)
    if d == "all" and unit not in ("week", "month", "year", "weekend"):
        return None
    if d in ("past", "last", "previous", "preceding", "prior", "just-ended", "just ended",
             "just-completed", "just completed", "year-earlier", "year-ago", "year earlier",
             "year ago", "comparable", "corresponding", "this past"):
        off = -1
    elif d in ("next", "coming", "following", "upcoming", "ensuing", "subsequent", "this coming"):
        off = 1
    elif d in ("latest", "most recent", "recent"):
        off = -1 if unit == "quarter" else 0
    else:
        off = 0
    if unit in ("day", "hour", "minute"):
        if d == "same":
            off = 0
        if a is None:
            return _unresolved(None, unit, "relunit", mod)
        return _point(_add(a, unit, off), unit, "relunit", mod)
    if unit == "quarter" and d in ("year-earlier", "year-ago", "year earlier", "year ago",
                                   "comparable", "corresponding"):
        if a is None:
            return _unresolved(None, "quarter", "relunit", mod)
        cur = _rel_unit_value(a, "quarter", -1, "relunit", mod)
        s = cur.start - relativedelta(years=1)
        return _point(s, "quarter", "relunit", mod)
    if unit == "quarter" and not d and had_the and a is not None:
        off = -1 if a.month in (1, 4, 7, 10) and a.day < 25 else 0
    if unit == "quarter" and p.endswith((" ago", " earlier")) and a is not None:
        return _point(_add(a, "year", -1), "quarter", "relunit", mod)
    if a is None:
        return _unresolved(None, unit if unit not in ("weekend", "half", "fortnight") else "day",
                           "relunit", mod)
    if unit == "weekend" and had_the and not d:
        v = _rel_unit_value(a, unit, -1 if (a.weekday() <= 2 and ctx.tense != "future") else 0,
                            "relunit", mod)
        return v
    return _rel_unit_value(a, unit, off, "relunit", mod)


_QUARTER_RE = re.compile(
    r"(?:the\s+)?(?:(?P<fy>fiscal)\s+)?(?P<o>first|second|third|fourth|1st|2nd|3rd|4th|final|last)"
    r"[\s-]+(?:(?:fiscal|calendar)[\s-]+)?(?P<u>quarter|half|qtr)s?(?:\s+(?:of\s+)?(?:(?:fiscal|"
    r"calendar)\s+)?(?P<y>(?:\d{4}|'\d\d))|\s+of\s+(?:the\s+)?(?P<rel>this|last|next|"
    r"current|previous|the)\s+(?:fiscal\s+)?year|\s+(?P<rel2>this|last|next)\s+year)?")
_QUARTER_SHORT = re.compile(r"(?:(?P<y1>\d{4})[\s-]*|(?P<y2>'?\d\d)(?=q))?q(?P<q>[1-4])"
                            r"(?:\s*(?:of\s+|[-/]\s*)?(?P<y>\d{4}|'\d\d))?|"
                            r"(?P<q2>[1-4])q\s*(?P<y3>\d{4}|'?\d\d)")


def _r_quarter(p: str, ctx: _Ctx) -> DateValue | None:
    """"the third quarter" (of 1998), "Q3 2023", "first half", "fiscal 1989"."""
    a = ctx.anchor
    m = _QUARTER_RE.fullmatch(p)
    q = None
    yr = None
    unit = "quarter"
    if m:
        o = m.group("o")
        unit = "half" if m.group("u") == "half" else "quarter"
        if o in ("final", "last"):
            q = 4 if unit == "quarter" else 2
        else:
            q = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
                 "4th": 4}[o]
        if unit == "half" and q > 2:
            return None
        if m.group("y"):
            yr = _year_of(m.group("y"), a)
        rel = m.group("rel") or m.group("rel2")
        if rel and a is not None:
            yr = a.year + {"last": -1, "previous": -1, "next": 1}.get(rel, 0)
    else:
        m = _QUARTER_SHORT.fullmatch(p)
        if not m:
            return None
        q = int(m.group("q") or m.group("q2"))
        ys = m.group("y") or m.group("y1") or m.group("y2") or m.group("y3")
        if ys and len(ys.lstrip("'")) == 2:
            ys = "'" + ys.lstrip("'")
        if ys:
            yr = _year_of(ys, a)
    if yr is None:
        if a is None:
            return DateValue("DATE", ("XXXX-Q%d" if unit == "quarter" else "XXXX-H%d") % q,
                             "unresolved", "quarter", None, None, None, "quarter")
        cur = (a.month - 1) // 3 + 1 if unit == "quarter" else (1 if a.month <= 6 else 2)
        yr = a.year
        if ctx.prefer == "future":
            yr += 1 if q < cur else 0
        elif q > cur and ctx.tense != "future" and ctx.prefer == "past":
            yr -= 1
    if unit == "quarter":
        s = datetime(yr, 3 * (q - 1) + 1, 1)
        return DateValue("DATE", "%04d-Q%d" % (yr, q), "point", "quarter", s,
                         s + relativedelta(months=3), None, "quarter")
    s = datetime(yr, 6 * (q - 1) + 1, 1)
    return DateValue("DATE", "%04d-H%d" % (yr, q), "point", "quarter", s,
                     s + relativedelta(months=6), None, "quarter")


def _spoken_year(p: str) -> int | None:
    """1996 from "nineteen ninety-six", 2018 from "two thousand (and) eighteen"."""
    m = re.fullmatch(r"(?:the\s+year\s+)?(?P<c>nineteen|eighteen|seventeen|two thousand)"
                     r"(?:[\s-]+(?:and[\s-]+)?(?P<r>[a-z]+(?:[\s-][a-z]+)?))?", p)
    if not m:
        return None
    base = {"nineteen": 1900, "eighteen": 1800, "seventeen": 1700, "two thousand": 2000}[
        m.group("c")]
    if m.group("r") is None:
        return base if base == 2000 else None
    r = parse_number(m.group("r"))
    if r is None or r != int(r) or not 0 < r < 100 or (base < 2000 and r < 10 and
                                                       not m.group("r").startswith("o")):
        return None
    return base + int(r)


def _r_year(p: str, ctx: _Ctx) -> DateValue | None:
    """"1998", "fiscal 1989", "'98", "the year 2000", "1998-99", "2014 bc", "nineteen
    ninety-six"."""
    sy = _spoken_year(p)
    if sy is not None:
        return _point(datetime(sy, 1, 1), "year", "year")
    m = re.fullmatch(r"(?:(?:the\s+)?(?:calendar\s+)?year\s+|(?:fiscal|fy|financial)\s*(?:year\s+)?|"
                     r"the\s+)?(?P<y>\d{4}|'\d\d)(?:'s)?", p)
    if m:
        y = _year_of(m.group("y"), ctx.anchor)
        if y is None or not (1000 <= y <= 2200 or m.group("y").startswith("'")):
            return None
        if not p[0].isdigit() and p.startswith(("fiscal", "fy", "financial")):
            s = datetime(y, 1, 1)
            return DateValue("DATE", "%04d" % y, "point", "year", s, datetime(y + 1, 1, 1), None,
                             "fiscal_year")
        return _point(datetime(y, 1, 1), "year", "year")
    m = re.fullmatch(r"(?:in\s+)?(?P<y>\d{1,4})\s*(?P<era>bc|b\.c\.|bce|ad|a\.d\.|ce)", p)
    if m:
        y = int(m.group("y"))
        if m.group("era").startswith("b"):
            return DateValue("DATE", "BC%04d" % y, "point", "year", None, None, None, "year")
        if 1 <= y <= 9999:
            return _point(datetime(y, 1, 1), "year", "year")
    return None


def _resolve_month(mo: int, ctx: _Ctx) -> int | None:
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


def _resolve_day(mo: int, d: int, ctx: _Ctx) -> datetime | None:
    """Date for "Feb 10" without year: nearest reading given tense (same year by default)."""
    a = ctx.anchor
    if a is None:
        return None
    cand = _safe_date(a.year, mo, d)
    if ctx.prefer in ("future", "nearest"):
        cands = [c for c in (_safe_date(y, mo, d) for y in (a.year - 1, a.year, a.year + 1,
                                                            a.year + 4)) if c is not None]
        today = _floor(a, "day")
        if not cands:
            return None
        if ctx.prefer == "future":
            return min((c for c in cands if c >= today), default=cands[-1])
        return min(cands, key=lambda c: abs((c - today).days))
    if cand is None:
        cand = _safe_date(a.year + 1, mo, d) or _safe_date(a.year - 1, mo, d)
        return cand
    if ctx.tense == "future" and cand < _floor(a, "day") - timedelta(days=30):
        return _safe_date(a.year + 1, mo, d) or cand
    if ctx.tense == "past" and cand > a + timedelta(days=45):
        return _safe_date(a.year - 1, mo, d) or cand
    if ctx.tense is None:  # no cue: the nearest reading
        cands = [c for c in (_safe_date(a.year - 1, mo, d), cand, _safe_date(a.year + 1, mo, d))
                 if c is not None]
        return min(cands, key=lambda c: abs((c - _floor(a, "day")).days))
    return cand


def _r_month(p: str, ctx: _Ctx) -> DateValue | None:
    """"May 2018", "May", "last May", "next March", "May of last year", "mid-May"."""
    m = re.fullmatch(r"(?:(?P<rel>this|last|next|early|late|mid|mid-|the end of|the beginning of|"
                     r"the middle of|end of|beginning of|middle of|the month of|in)\s*)?(?P<m>" +
                     _MONTH_RE + r")(?:,?\s*(?:of\s+)?(?P<y>\d{4}|'\d\d)|\s+(?:of\s+)?(?P<ry>this|"
                     r"last|next)\s+year)?", p)
    if not m:
        return None
    mo = _MONTHS[m.group("m").rstrip(".")]
    if m.group("m").rstrip(".") == "may" and not m.group("y") and not m.group("rel") and \
            not m.group("ry") and ctx.label == "DATE" and p == "may" and ctx.anchor is None:
        pass
    rel = m.group("rel")
    mod = {"early": "START", "late": "END", "mid": "MID", "mid-": "MID", "the end of": "END",
           "end of": "END", "the beginning of": "START", "beginning of": "START",
           "the middle of": "MID", "middle of": "MID"}.get(rel or "")
    a = ctx.anchor
    if m.group("y"):
        y = _year_of(m.group("y"), a)
    elif m.group("ry"):
        if a is None:
            return DateValue("DATE", "XXXX-%02d" % mo, "unresolved", "month", None, None, mod,
                             "month")
        y = a.year + {"this": 0, "last": -1, "next": 1}[m.group("ry")]
    elif rel in ("last", "next", "this"):
        if a is None:
            return DateValue("DATE", "XXXX-%02d" % mo, "unresolved", "month", None, None, mod,
                             "month")
        if rel == "last":
            y = a.year if mo < a.month - 1 else a.year - 1
        elif rel == "next":
            y = a.year if mo > a.month else a.year + 1
        else:
            y = a.year
    else:
        y = _resolve_month(mo, ctx)
        if y is None:
            return DateValue("DATE", "XXXX-%02d" % mo, "unresolved", "month", None, None, mod,
                             "month")
    if y is None:
        return None
    return _point(datetime(y, mo, 1), "month", "month", mod)


_DAY_MONTH = re.compile(
    r"(?:(?P<wd>" + _WEEKDAY_RE + r"),?\s+)?(?:(?:the\s+)?(?P<d1>\d{1,2}|" + _ORD_RE +
    r")(?:st|nd|rd|th)?\s+(?:of\s+|day\s+of\s+)?(?P<m1>" + _MONTH_RE + r")|(?P<m2>" + _MONTH_RE +
    r")\s*(?:the\s+)?(?P<d2>\d{1,2}|" + _ORD_RE + r")(?:st|nd|rd|th)?)(?:,?\s*(?:of\s+)?"
    r"(?P<y>\d{4}|'\d\d))?(?:,?\s+(?P<wd2>" + _WEEKDAY_RE + r"))?")


def _ordinal_value(s: str) -> int | None:
    s = s.strip()
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", s)
    if m:
        return int(m.group(1))
    return _ORDINALS.get(s)


def _r_day_month(p: str, ctx: _Ctx) -> DateValue | None:
    """"Feb. 10", "10 February 2013", "Thursday, April 6", "the 3rd of October"."""
    m = _DAY_MONTH.fullmatch(p)
    if not m:
        return None
    mo = _MONTHS[(m.group("m1") or m.group("m2")).rstrip(".")]
    d = _ordinal_value(m.group("d1") or m.group("d2") or "")
    if d is None or d < 1 or d > 31:
        return None
    a = ctx.anchor
    if m.group("y"):
        y = _year_of(m.group("y"), a)
        dt = _safe_date(y, mo, d) if y else None
        if dt is None:
            return None
        return _point(dt, "day", "date")
    if a is None:
        return DateValue("DATE", "XXXX-%02d-%02d" % (mo, d), "unresolved", "day", None, None,
                         None, "date")
    wd = m.group("wd") or m.group("wd2")
    if wd:
        wdn = _WEEKDAYS[wd.rstrip(".")]
        for y in (a.year, a.year + 1, a.year - 1, a.year + 2, a.year - 2):
            dt = _safe_date(y, mo, d)
            if dt and dt.weekday() == wdn:
                return _point(dt, "day", "date")
    dt = _resolve_day(mo, d, ctx)
    if dt is None:
        return None
    return _point(dt, "day", "date")


def _weekday_date(a: datetime, wd: int, rel: str | None, tense: str | None,
                  prefer: str = "past") -> datetime:
    """Resolve a weekday name against the anchor (news style unless ``prefer`` says otherwise)."""
    today = _floor(a, "day")
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


_PART_RE = r"(?P<part>morning|afternoon|evening|night|noon|midday|midnight|overnight)"


_WK_REL = r"(?:this|the current|current|next|the next|the following|following|last|the last|" \
          r"the previous|previous|the past|past)"
_WD_OF_WEEK = re.compile(
    r"(?:on\s+)?(?:(?P<wd1>" + _WEEKDAY_RE + r")\s+(?:of|from|in)\s+(?P<r1>" + _WK_REL +
    r")\s+week|(?P<r2>" + _WK_REL + r")\s+week'?s\s+(?P<wd2>" + _WEEKDAY_RE + r"))")


def _r_weekday(p: str, ctx: _Ctx) -> DateValue | None:
    """"Thursday", "last Monday", "next Friday", "Sunday night", "this Monday", "Monday of this
    week", "Sunday from last week", "last week's Sunday"."""
    mw = _WD_OF_WEEK.fullmatch(p)
    if mw:  # normalise the week-relative forms to "<weekday> <this|next|last> week"
        wk = {"this": "this", "the current": "this", "current": "this", "next": "next",
              "the next": "next", "the following": "next", "following": "next",
              "last": "last", "the last": "last", "the previous": "last", "previous": "last",
              "the past": "last", "past": "last"}[mw.group("r1") or mw.group("r2")]
        p = "%s %s week" % (mw.group("wd1") or mw.group("wd2"), wk)
    m = re.fullmatch(r"(?:(?P<rel>this coming|this past|next|last|this|coming|past|previous|"
                     r"the previous|the following|the next|the last|on|early|late|the)\s+)?(?P<wd>" + _WEEKDAY_RE + r")(?:'s)?(?:\s+" + _PART_RE +
                     r")?(?:\s+(?P<wk>next week|last week|this week))?", p)
    if not m:
        return None
    wd = _WEEKDAYS[m.group("wd").rstrip(".")]
    rel = m.group("rel")
    a = ctx.anchor
    part = m.group("part")
    if a is None:
        return DateValue("DATE", "XXXX-WXX-%d" % (wd + 1), "unresolved", "day", None, None, None,
                         "weekday")
    if m.group("wk"):
        wk = {"next week": 1, "last week": -1, "this week": 0}[m.group("wk")]
        d = _floor(a, "week") + timedelta(weeks=wk, days=wd)
    else:
        rel = {"the previous": "previous", "the last": "last", "the following": "next",
               "the next": "next"}.get(rel or "", rel)
        d = _weekday_date(a, wd, rel if rel not in ("on", "early", "late", "the") else None,
                          ctx.tense, ctx.prefer)
    if part and part in ("morning", "afternoon", "evening", "night", "overnight"):
        code, h0, h1 = _PARTS_OF_DAY[part]
        if True:
            return DateValue("DATE", _value_at(d, "day") + "T" + code, "point", "hour",
                             d + timedelta(hours=h0), d + timedelta(hours=h1), None, "weekday")
    return _point(d, "day", "weekday")


_TIME_RE = re.compile(
    r"(?:(?P<pre>at|@|around|about|by|until|till|from|before|after)\s+)?"
    r"(?:(?P<h>\d{1,2})(?:(?::|\.|h)(?P<mi>\d{2}))?(?::(?P<s>\d{2}))?\s*(?P<ap>a\.?\s?m\.?|p\.?\s?m\.?|"
    r"am|pm|a|p)?|(?P<hw>" + _WORDNUM_RE + r")\s*(?P<ap2>a\.?m\.?|p\.?m\.?)|(?:the\s+)?(?P<named>noon|"
    r"midnight|midday|mid[\s-]day))(?:\s*(?P<oc>o'clock|oclock|hours|hrs))?(?:\s+(?P<tz>(?:[ecmpa][sd]t|bst|cet|cest|eet|eest|wet|west|ist|jst|hkt|sgt|aest|aedt|nzst|nzdt|msk|gmt|utc|z)\b))?"
    r"(?:\s+(?:in\s+(?:the\s+)?|this\s+|at\s+)?(?P<part>morning|afternoon|evening|night|tonight|"
    r"a\.?m\b\.?|p\.?m\b\.?))?")
# military/compact clock times: "at 1030", "by 1430 GMT", "330 p.m.", "at 730 in the evening",
# "at 3 15".  The preposition or a clock marker is what keeps "1030" from being a year.
_CLOCK4_RE = re.compile(
    r"(?:(?P<pre>at|@|around|about|approximately|approx\.?|roughly|circa|by|until|till|before|"
    r"after|from|since)\s+)?(?P<h>[01]?\d|2[0-3])(?P<sp>\s)?(?P<mi>[0-5]\d)(?P<ish>\s*ish)?"
    r"(?:\s*(?P<ap>a\.?\s?m\b\.?|p\.?\s?m\b\.?))?(?:\s*(?P<oc>hours|hrs|h)\b)?"
    r"(?:\s*(?P<tz>(?:[ecmpa][sd]t|bst|cet|cest|eet|eest|wet|west|ist|jst|hkt|sgt|aest|aedt|nzst|"
    r"nzdt|msk|gmt|utc|z)\b))?(?:\s+(?:in\s+(?:the\s+)?|this\s+|at\s+)?(?P<part>morning|"
    r"afternoon|evening|night|tonight))?")


def _clock_direction(d: datetime, a: datetime, prefer: str, ambiguous: bool = False) -> datetime:
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


_CLOCK4_YEARISH = ("around", "about", "approximately", "approx", "approx.", "roughly", "circa",
                   "by", "until", "till", "before", "after", "from", "since")
_CLOCK4_MOD = {"around": "APPROX", "about": "APPROX", "approximately": "APPROX",
               "approx": "APPROX", "approx.": "APPROX", "roughly": "APPROX"}


def _clock4(p2: str, p: str, ctx: _Ctx) -> DateValue | None:
    """Compact clock times written without a colon: "at 1030", "around 0930", "by 1430 GMT",
    "330 p.m.", "at 730 in the evening", "at 3 15".  A bare "1030" stays a year; after words
    that also introduce years ("around", "by", "until", ...) a number that reads as a modern
    year (1500-2099) stays a year unless a clock marker (am/pm, zone, "hours") follows."""
    m = _CLOCK4_RE.fullmatch(p2)
    if m is None:
        return None
    pre = m.group("pre")
    digits = m.group("h") + m.group("mi")
    ap = (m.group("ap") or "").replace(".", "").replace(" ", "")
    # "1200 hours" alone may be a duration; "0800 hours" / "at 1200 hours" are clock times
    oc = bool(m.group("oc")) and (pre is not None or digits.startswith("0"))
    marker = bool(ap or m.group("tz") or oc or m.group("part"))
    if m.group("sp") and pre not in ("at", "@"):
        return None  # "3 30" alone is two numbers
    if m.group("ish") and not pre:
        return None
    if not marker and pre is None:
        return None
    if len(digits) == 3 and not (marker or pre in ("at", "@")):
        return None
    if not marker and len(digits) == 4 and not digits.startswith("0") and (
            pre in _CLOCK4_YEARISH and (pre not in _CLOCK4_MOD or 1500 <= int(digits) <= 2099)):
        return None  # "since 1200", "by 1430", "around 1850": years unless a marker follows
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
    d = _floor(a, "day") + timedelta(hours=h, minutes=mi)
    ambiguous = not ap and not m.group("part") and h < 12 and len(digits) == 3
    d = _clock_direction(d, a, ctx.prefer, ambiguous=ambiguous)
    d = _tz_shift(d, m.group("tz"), ctx)
    return _point(d, "minute", "clock", mod=mod, typ="TIME")


def _r_clock(p: str, ctx: _Ctx) -> DateValue | None:
    """Clock times: "10:35 a.m.", "3 pm", "noon", "midnight", "15h15", "at 8 o'clock"."""
    p2 = re.sub(r"\s+(?:today|tonight|this morning|this afternoon|this evening)$", "", p)
    v = _clock4(p2, p, ctx)
    if v is not None:
        return v
    m = _TIME_RE.fullmatch(p2)
    if not m:
        return None
    if m.group("named"):
        ap = ""
        h, mi, s = (0 if m.group("named") == "midnight" else 12), 0, 0
    else:
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
        part = m.group("part")
        if not ap and part in ("afternoon", "evening", "night", "tonight") and h < 12:
            h += 12
        if h == 24:
            h = 0
    a = ctx.anchor
    grain = "second" if m.group("s") else "minute"
    if a is None:
        v = "XXXX-XX-XXT%02d:%02d" % (h, mi)
        return DateValue("TIME", v, "unresolved", grain, None, None, None, "clock")
    d = _floor(a, "day") + timedelta(hours=h, minutes=mi, seconds=s)
    if "tonight" in p and h < 12:
        d += timedelta(hours=12)
    if m.group("named") == "midnight":  # "at midnight": the one ending the anchor's day
        d += timedelta(days=1)
        return _point(_tz_shift(d, m.group("tz"), ctx), grain, "clock", typ="TIME")
    d = _clock_direction(d, a, ctx.prefer, ambiguous=not ap and m.group("named") is None and
                         h < 12 and not m.group("part"))
    d = _tz_shift(d, m.group("tz"), ctx)
    return _point(d, grain, "clock", typ="TIME")


def _r_season(p: str, ctx: _Ctx) -> DateValue | None:
    """"this summer", "last fall", "summer 2023", "the spring of 1998", "winter"."""
    m = re.fullmatch(r"(?:(?P<rel>this|last|next|this past|this coming|the|early|late|mid|"
                     r"the coming|the past|the last|the next)\s+)?(?P<s>spring|summer|autumn|fall|"
                     r"winter)(?:\s*(?:of\s+)?(?P<y>\d{4}|'\d\d))?", p)
    if not m:
        return None
    name = m.group("s")
    rel = m.group("rel") or ""
    mod = {"early": "START", "late": "END", "mid": "MID"}.get(rel)
    a = ctx.anchor
    if m.group("y"):
        y = _year_of(m.group("y"), a)
        return _season_value(a, name, 0, "season", mod, year=y)
    if a is None:
        return _season_value(None, name, 0, "season", mod)
    code, m0 = _SEASONS[name]
    cur = _season_value(a, None, 0, "season")
    y = a.year
    if rel in ("last", "this past", "the past", "the last"):
        y = a.year if m0 < a.month - 2 else a.year - 1
        if name == "winter":
            y = a.year - 1
    elif rel in ("next", "this coming", "the coming", "the next"):
        y = a.year if m0 > a.month else a.year + 1
    else:
        if name == "winter" and a.month <= 2:
            y = a.year - 1
        elif ctx.tense == "past" and m0 > a.month and cur.value and code not in cur.value:
            y = a.year - 1
        elif ctx.tense == "future" and m0 + 2 < a.month:
            y = a.year + 1
    return _season_value(a, name, 0, "season", mod, year=y)


def _r_holiday(p: str, ctx: _Ctx) -> DateValue | None:
    """Named holidays with optional year / "last" / "next" / "this"."""
    m = re.fullmatch(r"(?:(?P<rel>this|last|next|the|this past|this coming|the next|the last)\s+)?"
                     r"(?P<name>.+?)(?:\s+(?:in|of)?\s*(?P<y>\d{4})|\s+(?:of\s+)?(?P<ry>this|next|"
                     r"last)\s+year)?", p)
    if not m:
        return None
    name = m.group("name").strip()
    name = re.sub(r"\s+(?:weekend|holiday)$", "", name) if not _is_holiday(name) else name
    if not _is_holiday(name):
        return None
    a = ctx.anchor
    rel = m.group("rel") or ""
    if m.group("y"):
        y = int(m.group("y"))
    elif a is None:
        return DateValue("DATE", None, "unresolved", "day", None, None, None, "holiday")
    elif m.group("ry"):
        y = a.year + {"this": 0, "next": 1, "last": -1}[m.group("ry")]
    else:
        y = a.year
        r = _holiday(name, y)
        if r is None:
            return None
        first = r[0] if isinstance(r, tuple) else r
        if rel in ("last", "this past", "the last"):
            if first >= _floor(a, "day"):
                y -= 1
        elif rel in ("next", "this coming", "the next"):
            if first < _floor(a, "day"):
                y += 1
        elif not rel and ctx.prefer == "future" and first < _floor(a, "day"):
            y += 1
        elif not rel and ctx.prefer == "past" and ctx.tense != "future" and \
                first > _floor(a, "day") + timedelta(days=7):
            y -= 1
        elif not rel and ctx.prefer == "nearest":
            cands = [(yy, _holiday(name, yy)) for yy in (y - 1, y, y + 1)]
            cands = [(yy, r2[0] if isinstance(r2, tuple) else r2) for yy, r2 in cands if r2]
            if cands:
                y = min(cands, key=lambda c: abs((c[1] - _floor(a, "day")).days))[0]
        elif first < _floor(a, "day") - timedelta(days=0) and ctx.tense != "past" and \
                not rel and (_floor(a, "day") - first).days > 0 and ctx.tense == "future":
            y += 1
        elif rel == "this" and first < _floor(a, "day"):
            y += 1
    r = _holiday(name, y)
    if r is None:
        return None
    if isinstance(r, tuple):
        s, e = r
        return DateValue("DATE", _value_at(s, "day"), "interval", "day", s, e, None, "holiday")
    if r.hour or r.minute:
        return _point(r, "minute", "holiday", typ="TIME")
    return _point(r, "day", "holiday")


def _r_numeric_date(p: str, ctx: _Ctx) -> DateValue | None:
    """ISO and slashed dates: "2023-09-14", "9/14/2023", "14.09.2023", "2023-09"."""
    m = re.fullmatch(r"(?P<y>\d{4})-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?(?:[t ](?P<h>\d{1,2}):"
                     r"(?P<mi>\d{2})(?::(?P<s>\d{2}))?)?", p)
    if m:
        y, mo = int(m.group("y")), int(m.group("m"))
        if not 1 <= mo <= 12:
            return None
        if m.group("d"):
            dt = _safe_date(y, mo, int(m.group("d")))
            if dt is None:
                return None
            if m.group("h"):
                dt = dt + timedelta(hours=int(m.group("h")), minutes=int(m.group("mi")))
                return _point(dt, "minute", "numeric", typ="TIME")
            return _point(dt, "day", "numeric")
        return _point(datetime(y, mo, 1), "month", "numeric")
    m = re.fullmatch(r"(?P<a>\d{1,2})\s*(?P<sep>[/.-])\s*(?P<b>\d{1,2})(?:\s*(?P=sep)\s*(?P<y>\d{4}|"
                     r"\d{2}))?", p)
    if m:
        a1, b1 = int(m.group("a")), int(m.group("b"))
        if m.group("y") is None and m.group("sep") == ".":
            return None
        mo, d = (a1, b1) if a1 <= 12 else (b1, a1)
        if mo > 12:
            return None
        if m.group("y"):
            y = _year_of(m.group("y"), ctx.anchor)
            dt = _safe_date(y, mo, d) if y else None
            return _point(dt, "day", "numeric") if dt else None
        if ctx.anchor is None:
            return DateValue("DATE", "XXXX-%02d-%02d" % (mo, d), "unresolved", "day", None, None,
                             None, "numeric")
        dt = _resolve_day(mo, d, ctx)
        return _point(dt, "day", "numeric") if dt else None
    m = re.fullmatch(r"(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})", p)
    if m:
        mo, y = int(m.group("m")), int(m.group("y"))
        if 1 <= mo <= 12:
            return _point(datetime(y, mo, 1), "month", "numeric")
    # "31 10 1974" / "10 31 1974": space-separated day and month need a four-digit year (a
    # bare "3 30" is not a date); ambiguous ones are month-first like the slashed form
    m = re.fullmatch(r"(?P<a>\d{1,2}) (?P<b>\d{1,2}) (?P<y>\d{4})", p)
    if m:
        a1, b1, y = int(m.group("a")), int(m.group("b")), int(m.group("y"))
        mo, d = (a1, b1) if a1 <= 12 else (b1, a1)
        if mo > 12 or not 1000 <= y <= 2200:
            return None
        dt = _safe_date(y, mo, d)
        return _point(dt, "day", "numeric") if dt else None
    # "31-Oct-74", "31-oct-1974", "31/Oct/74"
    m = re.fullmatch(r"(?P<d>\d{1,2})\s*(?P<sep>[-/.])\s*(?P<m>" + _MONTH_RE + r")\s*(?P=sep)\s*"
                     r"(?P<y>\d{4}|\d{2})", p)
    if m:
        y = _year_of(m.group("y"), ctx.anchor)
        dt = _safe_date(y, _MONTHS[m.group("m").rstrip(".")], int(m.group("d"))) if y else None
        return _point(dt, "day", "numeric") if dt else None
    return None


_CLOCK_BASE = (r"(?:\d{1,2}(?::\d\d)?\s*(?:a\.?m\.?|p\.?m\.?)?|noon|midnight|midday|" + _WORDNUM_RE +
               r"(?:\s*(?:a\.?m\.?|p\.?m\.?))?)")
_PAST_TO = re.compile(r"(?:at\s+|for\s+)?(?P<n>half|(?:a\s+)?quarter|" + _WORDNUM_RE +
                      r"|\d{1,2})(?:\s+minutes?)?\s+(?P<dir>past|after|to|till|before|of|from)\s+"
                      r"(?P<h>" + _CLOCK_BASE + r")")
_MONTH_REF = (r"(?P<mref>" + _MONTH_RE + r"(?:\s*,?\s*(?:of\s+)?(?:\d{4}))?|(?:the|this|current|"
              r"the current|next|the next|last|the last|previous|the previous|the following|"
              r"coming|the coming)\s+month)")
_NTH_WD = re.compile(r"(?:the\s+)?(?P<o>" + _ORD_RE + r"|last|final)\s+(?P<wd>" + _WEEKDAY_RE +
                     r")\s+(?:of|in)\s+" + _MONTH_REF)
_NTH_DAY_OF = re.compile(r"(?:the\s+)?(?:(?P<o>" + _ORD_RE + r")\s+)?(?P<last>last\s+)?"
                         r"(?P<u>day|week|weekend|week-end|week end|wkend)\s+(?:of|in)\s+" +
                         _MONTH_REF)
_DOM = re.compile(r"(?:on\s+)?(?:(?P<wd>" + _WEEKDAY_RE + r")\s*,?\s+)?(?:the\s+)?(?P<d>\d{1,2}(?:st|nd|rd|th)|" +
                  _ORD_RE + r"|(?<=the )\d{1,2}|\d{1,2}(?=\s+of\s))(?:\s+(?:of|in)\s+" + _MONTH_REF + r")?")
_ABBREV = {"eod": "the end of the day", "eom": "the end of the month", "bom":
           "the beginning of the month", "eoy": "the end of the year", "boy":
           "the beginning of the year", "eow": "the end of the week"}
_SHIFTED = re.compile(r"(?P<x>.+?)\s+(?:(?P<pre>in|after)\s+(?P<d1>.+)|(?P<d2>.+?)\s+(?P<post>ago|"
                      r"from now|hence|later|earlier))")


def _month_ref(ref: str, ctx: _Ctx) -> datetime | None:
    """First day of the month named by ``ref`` ("october", "october 2014", "next month")."""
    a = ctx.anchor
    ref = ref.strip()
    m = re.fullmatch(r"(?P<m>" + _MONTH_RE + r")(?:\s*,?\s*(?:of\s+)?(?P<y>\d{4}))?", ref)
    if m:
        mo = _MONTHS[m.group("m").rstrip(".")]
        if m.group("y"):
            return datetime(int(m.group("y")), mo, 1)
        y = _resolve_month(mo, ctx)
        return datetime(y, mo, 1) if y else None
    if a is None:
        return None
    off = -1 if re.search(r"last|previous", ref) else 1 if re.search(r"next|following|coming",
                                                                      ref) else 0
    return _add(_floor(a, "month"), "month", off)


def _clock_hm(t: str, ctx: _Ctx) -> tuple[int, int, bool] | None:
    """(hour, minute, has_meridiem) of a simple clock expression such as "3pm", "noon", "three"."""
    t = t.strip()
    if t in ("noon", "midday"):
        return 12, 0, True
    if t == "midnight":
        return 0, 0, True
    m = re.fullmatch(r"(?P<h>\d{1,2}|" + _WORDNUM_RE + r")(?::(?P<mi>\d\d))?\s*(?P<ap>a\.?m\.?|"
                     r"p\.?m\.?)?", t)
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


def _clock_value(h: int, mi: int, ctx: _Ctx, ambiguous: bool, rule: str) -> DateValue:
    a = ctx.anchor
    if a is None:
        return DateValue("TIME", "XXXX-XX-XXT%02d:%02d" % (h, mi), "unresolved", "minute", None,
                         None, None, rule)
    d = _floor(a, "day") + timedelta(hours=h, minutes=mi)
    if ambiguous and ctx.prefer != "future" and h < 12 and 1 <= h <= 6 and ctx.prefer == "past":
        pass
    d = _clock_direction(d, a, ctx.prefer, ambiguous=ambiguous and h < 12)
    return _point(d, "minute", rule, typ="TIME")


def _r_extra(p: str, ctx: _Ctx) -> DateValue | None:
    """Less common explicit forms: "half past three", "a quarter to noon", "20 past 3pm",
    "ten thirty am", "twelve oh three", "15h"; "first Tuesday of October", "last Friday in
    October 2013", "the first Monday of the month", "last day of October"; "the 15th",
    "Tuesday the 19th", "20th of next month"; "3 Fridays from now", "2 Thursdays ago";
    "<weekday|month> after next"; "EOM"/"BOY"; "<expression> in <duration>" ("Thanksgiving in
    9 months", "March in a year", "tax day two years ago")."""
    a = ctx.anchor
    if p in _ABBREV or re.fullmatch(r"(?:the|at the)\s+(?:eod|eom|bom|eoy|boy|eow)", p):
        return _core(_ABBREV[p.split()[-1]], ctx, allow_range=False)
    m = _PAST_TO.fullmatch(p)
    if m:
        hm = _clock_hm(m.group("h"), ctx)
        n = m.group("n")
        mins = 30 if n == "half" else 15 if n.endswith("quarter") else parse_number(n)
        if hm is None or mins is None or not 0 < mins < 60 or mins != int(mins):
            return None
        h, mi, has_ap = hm
        total = h * 60 + mi + (int(mins) if m.group("dir") in ("past", "after", "from")
                               else -int(mins))
        total %= 1440
        return _clock_value(total // 60, total % 60, ctx, not has_ap, "clock")
    m = re.fullmatch(r"(?:at\s+)?half\s+(?P<h>" + _WORDNUM_RE + r"|\d{1,2})", p)
    if m:  # British "half three" = 3:30
        hm = _clock_hm(m.group("h"), ctx)
        if hm and hm[0] <= 12:
            return _clock_value(hm[0], 30, ctx, True, "clock")
    m = re.fullmatch(r"(?:at\s+)?(?P<h>one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                     r"twelve)[\s-]+(?:(?:o|oh|zero)[\s-]+(?P<z>one|two|three|four|five|six|seven|"
                     r"eight|nine)|(?P<mi>(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
                     r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty)(?:[\s-](?:one|two|"
                     r"three|four|five|six|seven|eight|nine))?))(?:\s*(?P<ap>a\.?m\.?|p\.?m\.?))?",
                     p)
    if m and m.group("mi") and not m.group("ap") and not re.search(r"[a-z]-[a-z]", p) and \
            not p.startswith("at "):
        m = None  # "three twenty" alone is a number, not a time
    if m:
        h = int(parse_number(m.group("h")))
        mi = int(parse_number(m.group("z") or m.group("mi")))
        ap = (m.group("ap") or "").replace(".", "")
        if ap == "pm" and h < 12:
            h += 12
        elif ap == "am" and h == 12:
            h = 0
        return _clock_value(h, mi, ctx, not ap, "clock")
    m = re.fullmatch(r"(?:at\s+)?(?P<h>[01]?\d|2[0-3])h", p)
    if m:
        return _clock_value(int(m.group("h")), 0, ctx, False, "clock")
    m = re.fullmatch(r"(?:at\s+)?(?P<h>\d{1,2})\s*(?:o'?clock|ish)?\s*(?:(?P<ap>[ap])\.?m\.?|"
                     r"(?P<ap2>p))", p)
    if m and int(m.group("h")) <= 12:
        h = int(m.group("h")) % 12 + (12 if "p" in (m.group("ap"), m.group("ap2")) else 0)
        return _clock_value(h, 0, ctx, False, "clock")
    m = re.fullmatch(r"(?P<h>\d{1,2}|" + _WORDNUM_RE + r")\s+(?P<part>tonight|this evening|"
                     r"this afternoon|this morning|tomorrow morning|tomorrow night|tomorrow)", p)
    if m:
        hm = _clock_hm(m.group("h"), ctx)
        day = _core({"tonight": "today", "this evening": "today", "this afternoon": "today",
                     "this morning": "today"}.get(m.group("part"), m.group("part").split()[0]),
                    ctx, allow_range=False)
        if hm and day is not None and day.start is not None and hm[0] <= 12:
            h = hm[0]
            if m.group("part") in ("tonight", "this evening", "this afternoon",
                                   "tomorrow night") and h < 12:
                h += 12
            return _point(day.start + timedelta(hours=h, minutes=hm[1]), "minute", "clock",
                          typ="TIME")
    # ordinal weekday of a month
    m = _NTH_WD.fullmatch(p)
    if m:
        o = m.group("o")
        n = -1 if o in ("last", "final") else _ordinal_value(o)
        ms = _month_ref(m.group("mref"), ctx)
        if n is None or ms is None:
            return _unresolved(None, "day", "nth_weekday") if a is None else None
        d = _nth_weekday(ms.year, ms.month, _WEEKDAYS[m.group("wd").rstrip(".")], n)
        return _point(d, "day", "nth_weekday") if d else None
    m = _NTH_DAY_OF.fullmatch(p)
    if m and (m.group("o") or m.group("last")):
        ms = _month_ref(m.group("mref"), ctx)
        if ms is None:
            return _unresolved(None, "day", "nth_day") if a is None else None
        o = _ordinal_value(m.group("o")) if m.group("o") else 1
        if o is None or o < 1:
            return None
        nxt = _add(ms, "month", 1)
        if m.group("u") not in ("day", "week"):  # weekend: n-th Saturday (last: last Sunday - 1)
            if m.group("last"):
                sun = nxt - timedelta(days=1)
                sun -= timedelta(days=(sun.weekday() - 6) % 7)
                sat = sun - timedelta(days=1 + 7 * (o - 1))
            else:
                sat = ms + timedelta(days=(5 - ms.weekday()) % 7 + 7 * (o - 1))
            y, w, _ = sat.isocalendar()
            return DateValue("DATE", "%04d-W%02d-WE" % (y, w), "point", "day", sat,
                             sat + timedelta(days=2), None, "nth_day")
        if m.group("u") == "day":
            d = nxt - timedelta(days=o) if m.group("last") else ms + timedelta(days=o - 1)
            return _point(d, "day", "nth_day") if ms <= d < nxt else None
        if m.group("last"):  # last week of the month: the last with most of its days in it
            last_day = nxt - timedelta(days=1)
            wk = _floor(last_day, "week")
            if last_day.weekday() < 3:  # fewer than 4 of that week's days are in the month
                wk -= timedelta(weeks=1)
            wk -= timedelta(weeks=o - 1)
        else:  # first week: the first week starting in the month
            first_mon = ms + timedelta(days=(7 - ms.weekday()) % 7)
            wk = first_mon + timedelta(weeks=o - 1)
        return _point(wk, "week", "nth_day")
    # "the 15th", "Tuesday the 19th", "20th of next month"
    m = _DOM.fullmatch(p)
    if m and (m.group("mref") or m.group("wd") or p.startswith(("the ", "on "))):
        d = _ordinal_value(m.group("d"))
        if d is None or not 1 <= d <= 31:
            return None
        if a is None:
            return DateValue("DATE", "XXXX-XX-%02d" % d, "unresolved", "day", None, None, None,
                             "day_of_month")
        if m.group("mref"):
            ms = _month_ref(m.group("mref"), ctx)
            dt = _safe_date(ms.year, ms.month, d) if ms else None
            return _point(dt, "day", "day_of_month") if dt else None
        cur = _floor(a, "month")
        ks = range(-12, 13) if m.group("wd") else (-2, -1, 0, 1, 2)
        cands = [c for c in (_safe_date(x.year, x.month, d) for x in
                             (_add(cur, "month", k) for k in ks)) if c]
        if m.group("wd"):
            wd = _WEEKDAYS[m.group("wd").rstrip(".")]
            cands = [c for c in cands if c.weekday() == wd] or \
                [c for c in cands if abs((c - cur).days) < 70]
        today = _floor(a, "day")
        if ctx.prefer == "future":
            dt = min((c for c in cands if c >= today), default=None)
        elif ctx.prefer == "nearest" or m.group("wd"):
            dt = min(cands, key=lambda c: abs((c - today).days), default=None)
        else:
            dt = max((c for c in cands if c <= today), default=None)
        return _point(dt, "day", "day_of_month") if dt else None
    m = re.fullmatch(r"(?P<n>" + _NUM_RE + r")\s+(?P<wd>monday|tuesday|wednesday|thursday|friday|"
                     r"saturday|sunday)s\s+(?P<dir>from now|hence|ago|later|earlier|back)", p)
    if m:
        n = parse_number(m.group("n"))
        if n is None or n != int(n) or a is None:
            return None
        wd = _WEEKDAYS[m.group("wd")]
        today = _floor(a, "day")
        if m.group("dir") in ("ago", "earlier", "back"):
            d = today - timedelta(days=(today.weekday() - wd) % 7 or 7) - timedelta(weeks=int(n) - 1)
        else:
            d = today + timedelta(days=(wd - today.weekday()) % 7 or 7) + timedelta(weeks=int(n) - 1)
        return _point(d, "day", "weekday")
    m = re.fullmatch(r"(?P<x>" + _WEEKDAY_RE + r"|" + _MONTH_RE + r")\s+after\s+next", p)
    if m and a is not None:
        x = m.group("x").rstrip(".")
        if x in _WEEKDAYS:
            d = _weekday_date(a, _WEEKDAYS[x], "next", None) + timedelta(weeks=1)
            return _point(d, "day", "weekday")
        mo = _MONTHS[x]
        y = a.year + (1 if mo <= a.month else 0) + 1
        return _point(datetime(y, mo, 1), "month", "month")
    # "<expression> in <duration>" / "<expression> <duration> ago": the expression as seen
    # from the shifted anchor
    m = _SHIFTED.fullmatch(p)
    if m and a is not None:
        dur = m.group("d1") or m.group("d2")
        parts = _parse_duration_parts(re.sub(r"^(?:a|an)\s+(?=\w)", "1 ", dur))
        if parts and all(n is not None for n, _ in parts):
            sign = -1 if m.group("post") in ("ago", "earlier") else 1
            base = _shift(a, parts, sign)
            x = _core(m.group("x"), _Ctx(base, None, ctx.label, False, ctx.prefer),
                      allow_range=False)
            if x is not None and x.kind == "point" and x.start is not None:
                return x
    return None


def _r_dateparser(p: str, ctx: _Ctx) -> DateValue | None:
    """Fallback to dateparser for absolute dates containing a month, weekday or numeric date."""
    if not re.search(_MONTH_RE.replace(r"\.?", "") + r"|\d{1,2}[/.-]\d{1,2}", p):
        return None
    if re.search(r"\b(?:ago|last|next|this|past|later|earlier|from now|before|after|hence)\b", p):
        return None
    r = _dateparser(p)
    if r is None:
        return None
    dt, period = r
    has_year = bool(re.search(r"\b\d{4}\b|'\d\d\b", p))
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
            dt2 = _resolve_day(dt.month, dt.day, ctx)
            if dt2 is not None:
                dt = dt2
        elif grain == "month":
            y = _resolve_month(dt.month, ctx)
            dt = dt.replace(year=y) if y else dt
        else:
            dt = dt.replace(year=ctx.anchor.year)
    if grain == "minute" and dt.hour == 0 and dt.minute == 0 and not re.search(r"\d:\d|am|pm|"
                                                                               r"midnight", p):
        grain = "day"
    return _point(dt, grain, "dateparser")


def _r_duration(p: str, ctx: _Ctx) -> DateValue | None:
    """Plain durations: "six months", "30 years", "three-year", "several weeks", "2 hours 10"."""
    m = re.fullmatch(r"(?:the|a|an|another|those|these|nearly|almost|some|about|around|"
                     r"(?:for\s+)?the\s+entire|the\s+full)\s+(?P<rest>.+)", p)
    m2 = re.fullmatch(r"(?:in\s+)?(?:recent|the\s+(?:most\s+)?recent)\s+(?P<u>" + _UNIT_RE + r")|"
                      r"(?:the\s+)?(?P<u2>" + _UNIT_RE + r")\s+ahead", p)
    if m2:
        u = _unit_sym(m2.group("u") or m2.group("u2"))
        if u is not None and (m2.group("u") or m2.group("u2")).endswith("s"):
            return _duration([(None, u)], "duration")
    q = p
    if m and not re.match(r"(?:few|couple|dozen|half|hundred|thousand|number)\b", m.group("rest")):
        q = m.group("rest")
        if p.startswith(("a ", "an ")):
            q = p
    parts = _parse_duration_parts(q)
    if not parts:
        return None
    if len(parts) == 1 and parts[0][0] is not None and parts[0][0] < 0:
        return None
    return _duration(parts, "duration")


# ---- date + clock, clock ranges, time zones -------------------------------------------------

# standard offsets (hours from UTC) of common zone abbreviations
_TZ_OFF = {"est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6, "pst": -8,
           "pdt": -7, "akst": -9, "akdt": -8, "hst": -10, "ast": -4, "adt": -3, "gmt": 0,
           "utc": 0, "z": 0, "wet": 0, "west": 1, "bst": 1, "cet": 1, "cest": 2, "eet": 2,
           "eest": 3, "msk": 3, "ist": 5.5, "sgt": 8, "hkt": 8, "jst": 9, "kst": 9, "aest": 10,
           "aedt": 11, "nzst": 12, "nzdt": 13}
_TZ_ALT = "|".join(sorted(_TZ_OFF, key=len, reverse=True))
_AP = r"(?:[ap]\.?\s?m\b\.?)"
_CLK_TOKEN = re.compile(
    r"(?:(?<=[\s,])|^)(?:(?:at|@)\s*)?(?P<clk>\d{1,2}(?:[:.h]\d{2})?\s*" + _AP + r"|\d{1,2}:\d{2}|"
    r"\d{1,2}h(?:\d{2})?|noon|midnight|\d{1,2}\s*o'?clock|\d{1,2}(?=\s*\(?(?:" + _TZ_ALT +
    r")\b))(?:\s*\(?(?P<tz>" + _TZ_ALT + r")\)?)?"
    r"(?=[\s,]|$)")
_CLK_BARE = re.compile(r"(?:(?<=\s)|^)(?:at|@)\s*(?P<clk>\d{1,2})(?P<tz>)(?=[\s,]|$)")
_PART_IN = re.compile(r"\b(?:(?:this|in the|at|early|late)\s+)?(?P<w>morning|afternoon|evening|"
                      r"night|tonight|tonite)\b")
_RANGE_WORD = re.compile(r"(?:^|\s)(?:-|–|to|until|untill|till|thru|through|between|and|"
                         r"before|after|for|in|ago|from)(?:\s|$)|\d")


def _tz_shift(dt: datetime, tz: str | None, ctx: _Ctx) -> datetime:
    """Convert a wall-clock time written in zone ``tz`` into the anchor's offset, when the anchor
    carried one (naive anchors: the time is kept as written)."""
    if not tz or ctx.ref_off is None or tz.lower() not in _TZ_OFF:
        return dt
    return dt + timedelta(minutes=ctx.ref_off - _TZ_OFF[tz.lower()] * 60)


def _hm(clk: str, part: str | None) -> tuple[int, int, bool] | None:
    """(hour, minute, explicit minutes) of a clock token, using a part of day for a bare hour."""
    clk = clk.strip()
    if clk in ("noon", "midday"):
        return 12, 0, False
    if clk == "midnight":
        return 0, 0, False
    m = re.fullmatch(r"(\d{1,2})(?:[:.h](\d{2}))?\s*(?:h|o'?clock)?\s*(?:([ap])\.?\s?m\.?|([ap]))?",
                     clk)
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


def _day_part(rest: str, ctx: _Ctx) -> tuple[DateValue | None, str | None]:
    """The day a clock time is attached to ("tomorrow", "Fri, Jul 18, 2014", "tonight",
    "saturday morning"), plus the part of day named, if any."""
    rest = re.sub(r"\s+", " ", rest).strip(" ,")
    rest = re.sub(r"^(?:on|at|of|,)\s+|\s+(?:on|at|of)$", "", rest).strip(" ,")
    if not rest:
        return None, None
    part = None
    pm = _PART_IN.search(rest)
    if pm:
        part = pm.group("w")
        rest = (rest[:pm.start()] + " " + rest[pm.end():]).strip(" ,")
        rest = re.sub(r"^(?:on|of)\s+|\s+(?:on|of)$", "", rest).strip(" ,")
        if not rest:
            rest = "today"
    dv = _core(rest, ctx, allow_range=False)
    if dv is None or dv.start is None or dv.kind != "point" or dv.grain != "day":
        return None, part
    return dv, part


def _r_date_clock(p: str, ctx: _Ctx) -> DateValue | None:
    """A day plus a clock time, either order: "4/25 at 4:00pm", "Fri, Jul 18, 2014 07:00 PM",
    "at 7:30 PM on Fri, Sep 20", "tonight at 11", "Saturday morning at 9", "Thursday 8:00 GMT"."""
    if ctx.anchor is None:
        # no anchor: recognise the shape (span finding) but leave the value unresolved
        probe = _Ctx(datetime(2000, 1, 1), ctx.tense, ctx.label, ctx.fin, ctx.prefer)
        if _r_date_clock(p, probe) is None:
            return None
        return _unresolved(None, "minute", "datetime", typ="TIME")
    m = _CLK_TOKEN.search(p)
    if m is None:
        m = _CLK_BARE.search(p)
        if m is None:
            return None
    rest = p[:m.start()] + " " + p[m.end():]
    if not rest.strip(" ,") or _RANGE_WORD.search(re.sub(r"\d{1,2}/\d{1,2}(?:/\d{2,4})?|"
                                                          r"\d{4}|\b\d{1,2}(?:st|nd|rd|th)?\b",
                                                          "", rest)):
        return None
    dv, part = _day_part(rest, ctx)
    if dv is None:
        return None
    if m.re is _CLK_BARE and part is None:
        return None
    hm = _hm(m.group("clk"), part)
    if hm is None:
        return None
    dt = _floor(dv.start, "day") + timedelta(hours=hm[0], minutes=hm[1])
    dt = _tz_shift(dt, m.group("tz"), ctx)
    return _point(dt, "minute", "datetime", typ="TIME")


_CLK_RANGE = re.compile(
    r"(?:(?:from|between)\s+)?(?P<a>\d{1,2}(?:[:.h]\d{2})?)\s*(?P<apa>" + _AP + r"|[ap]\b|h\b)?"
    r"(?:\s*(?P<tza>" + _TZ_ALT + r")\b)?\s*(?:-|–|\bto\b|\buntil\b|\buntill\b|\btill\b|\band\b|"
    r"\bthru\b|\bthrough\b)\s*(?P<b>\d{1,2}(?:[:.h]\d{2})?)\s*(?P<apb>" + _AP + r"|[ap]\b|h\b)?"
    r"(?:\s*\(?(?P<tz>" + _TZ_ALT + r")\)?\b)?")


def _r_clock_range(p: str, ctx: _Ctx) -> DateValue | None:
    """Clock-time intervals, optionally on a day: "9h30 - 11h", "3-4pm", "8am - 1pm",
    "from 3 to 5 in the afternoon", "Thursday from 9:30 to 11:00", "15:00 GMT - 18:00 GMT".
    The end is exclusive at the grain written (to 4pm -> 17:00; to 11:00 -> 11:01)."""
    a = ctx.anchor
    if a is None:
        return None
    m = _CLK_RANGE.search(p)
    if m is None:
        return None
    sa, sb = m.group("a"), m.group("b")
    apa = (m.group("apa") or "").replace(".", "").replace(" ", "")
    apb = (m.group("apb") or "").replace(".", "").replace(" ", "")
    clockish = lambda s, ap: bool(re.search(r"[:h.]", s) or ap)  # noqa: E731
    if not (clockish(sa, apa) or clockish(sb, apb)):
        # "from 3 to 5" needs a part of day ("in the PM", "in the afternoon")
        if not re.search(r"\b(?:pm|p\.m\.|am|a\.m\.|afternoon|morning|evening|night|tonight)\b",
                         p[m.end():]):
            return None
    rest = p[:m.start()] + " " + p[m.end():]
    rest = re.sub(r"\b(?:in the|the)\s+(pm|am)\b", r"\1", rest.strip())
    part = None
    pm = re.search(r"(?:^|\s)(pm|p\.m\.|am|a\.m\.)(?:\s|$)", rest)
    if pm:
        part = "afternoon" if pm.group(1).startswith("p") else "morning"
        rest = rest[:pm.start()] + " " + rest[pm.end():]
    rest = re.sub(r"\b(?:ish|approximately|around|about|in between|in|on|from)\b", " ", rest)
    rest = rest.strip(" ,")
    if rest:
        dv, part2 = _day_part(rest, ctx)
        part = part or part2
        if dv is None:
            if part2 is None:
                return None
            dv = _point(a, "day", "dayword")
        day = _floor(dv.start, "day")
    else:
        day = _floor(a, "day")
    hb = _hm(sb + (" " + apb if apb not in ("", "h") else ""), part)
    if hb is None:
        return None
    ap_a = apa if apa not in ("", "h") else ""
    if not ap_a and apb and apb not in ("h",):
        # "3-4pm", "9-11am": the left side takes the right side's am/pm unless that inverts it
        ha0 = _hm(sa + " " + apb, None)
        ha = ha0 if ha0 is not None and ha0[0] * 60 + ha0[1] < hb[0] * 60 + hb[1] else _hm(sa, None)
    else:
        ha = _hm(sa + (" " + ap_a if ap_a else ""), part)
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
    s, e, e_last = (_tz_shift(x, tz, ctx) for x in (s, e, e_last))
    return DateValue("TIME", "%s/%s" % (_value_at(s, "minute"), _value_at(e_last, "minute")),
                     "interval", "minute", s, e, None, "clock_range")


_WEEK_OF = re.compile(r"(?:the\s+)?week\s+of\s+(?:the\s+)?(?P<x>.+)")
_PART_OF = re.compile(r"(?:the\s+)?(?P<part>morning|afternoon|evening|night)\s+of\s+(?:the\s+)?"
                      r"(?P<x>.+)")
_OFFSET = re.compile(r"(?P<d>.+?)\s+(?P<dir>after|before|from|following|prior to)\s+"
                     r"(?P<x>.+)")


def _r_anchored(p: str, ctx: _Ctx) -> DateValue | None:
    """Expressions built on another date: "the week of October 7th" (the ISO week holding it; a
    Sunday opens the following week, as in US usage), "the morning of Christmas", "three days
    after Easter", "two weeks before March 3"."""
    m = _WEEK_OF.fullmatch(p)
    if m:
        x = _core(m.group("x"), ctx, allow_range=False)
        if x is None or x.grain != "day" or x.kind != "point":
            return None
        if x.start is None:
            return _unresolved(None, "week", "week_of")
        d = x.start + timedelta(days=1 if x.start.weekday() == 6 else 0)
        return _point(d, "week", "week_of")
    m = _PART_OF.fullmatch(p)
    if m:
        x = _core(m.group("x"), ctx, allow_range=False)
        if x is None or x.grain != "day" or x.kind not in ("point", "unresolved"):
            return None
        if x.start is None:
            return _unresolved(None, "hour", "part_of_day", typ="TIME")
        code, h0, h1 = _PARTS_OF_DAY[m.group("part")]
        d = _floor(x.start, "day")
        return DateValue("TIME", _value_at(d, "day") + "T" + code, "point", "hour",
                         d + timedelta(hours=h0), d + timedelta(hours=h1), None, "part_of_day")
    m = _OFFSET.fullmatch(p)
    if m:
        dur = re.sub(r"^(?:a|an)\s+(?=\w)", "1 ", m.group("d"))
        span = re.match(r"for\s+", dur)  # "for 10 days from Dec 18": an interval
        if span:
            if m.group("dir") != "from":
                return None
            dur = re.sub(r"^(?:a|an)\s+(?=\w)", "1 ", dur[span.end():])
        parts = _parse_duration_parts(dur)
        if not parts or any(n is None for n, _ in parts):
            return None
        x = _core(m.group("x"), ctx, allow_range=False)
        if x is None or x.kind != "point" or x.start is None or x.grain is None or \
                x.grain not in _GRAIN_ORDER or x.type == "DURATION":
            return None
        sign = -1 if m.group("dir") in ("before", "prior to") else 1
        d = _shift(x.start, parts, sign)
        if d is None:
            return None
        if span:
            s0 = _floor(x.start, x.grain)
            return DateValue(x.type, "%s/%s" % (x.value, _value_at(d - timedelta(seconds=1),
                                                                     x.grain)),
                             "interval", x.grain, s0, _floor(d, x.grain), None, "offset")
        return _point(d, x.grain, "offset", typ=x.type if x.grain in ("hour", "minute", "second")
                      else None)
    return None


_UPCOMING_N = re.compile(r"(?:upcoming\s+(?P<n1>" + _NUM_RE + r")|(?P<n2>" + _NUM_RE +
                         r")\s+upcoming)\s+(?P<u>day|week|month|quarter|year)s?")


def _r_upcoming_n(p: str, ctx: _Ctx) -> DateValue | None:
    """"upcoming two weeks" / "2 upcoming days" without an article: the unit that many units
    ahead (Duckling's reading); "the upcoming two weeks" stays a duration."""
    m = _UPCOMING_N.fullmatch(p)
    if m is None or ctx.anchor is None:
        return None
    n = parse_number(m.group("n1") or m.group("n2"))
    if n is None or n != int(n) or not 1 <= n <= 100:
        return None
    g = m.group("u")
    return _point(_add(_floor(ctx.anchor, g), g, int(n)), g, "upcoming")


_RULES = [_r_upcoming_n, _r_clock_range, _r_date_clock, _r_deictic, _r_dayword, _r_age, _r_set, _r_decade, _r_fin, _r_quarter, _r_year, _r_ago,
          _r_relunit, _r_season, _r_month, _r_day_month, _r_weekday, _r_numeric_date, _r_clock,
          _r_holiday, _r_duration, _r_extra, _r_anchored, _r_dateparser]

_RANGE_RE = re.compile(r"(?:(?:from|between)\s+)?(?P<a>.+?)\s*(?:-|–|\bto\b|\bthrough\b|\bthru\b|"
                       r"\buntil\b|\btill\b|\band\b)\s*(?P<b>.+)")


def _apply_rules(p: str, ctx: _Ctx, depth: int = 0) -> DateValue | None:
    for rule in _RULES:
        v = rule(p, ctx)
        if v is not None:
            return v
    return None


def _strip_and_mod(p: str) -> tuple[str, str | None]:
    """Remove a leading modifier ("about", "more than", "early", "late") and return its TIMEX mod."""
    for rx, mod in _MODS:
        m = rx.match(p)
        if m and m.end() < len(p):
            return p[m.end():], mod
    return p, None


def _with_mod(v: DateValue, mod: str | None) -> DateValue:
    if mod is None or v.mod is not None:
        return v
    return DateValue(v.type, v.value, v.kind, v.grain, v.start, v.end, mod, v.rule)


def _range(p: str, ctx: _Ctx) -> DateValue | None:
    """"from 2012 to 2017", "between May and June", "1998-99", "Monday through Friday"."""
    m = re.fullmatch(r"(?P<a>\d{4})\s*[-/]\s*(?P<b>\d{2}|\d{4})", p)
    if m:
        y0 = int(m.group("a"))
        b = m.group("b")
        y1 = int(b) if len(b) == 4 else (y0 // 100) * 100 + int(b)
        if len(b) == 2 and y1 < y0:
            y1 += 100
        if not (1000 <= y0 < y1 <= 2200):
            return None
        return DateValue("DATE", "%04d/%04d" % (y0, y1), "interval", "year", datetime(y0, 1, 1),
                         datetime(y1 + 1, 1, 1), None, "range")
    m = _RANGE_RE.fullmatch(p)
    if not m:
        return None
    left, right = m.group("a").strip(" ,"), m.group("b").strip(" ,")
    if not left or not right:
        return None
    if not (p.startswith(("from ", "between ")) or re.search(r"-|\bto\b|\bthrough\b|\bthru\b|"
                                                             r"\buntil\b|\btill\b", m.group(0))):
        return None
    rv = _core(right, ctx, allow_range=False)
    lv = _core(left, ctx, allow_range=False)
    if rv is not None and re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?|" + _ORD_RE,
                                       left.replace("the ", "")) and \
            (lv is None or lv.kind in ("duration", "set") or re.search(_MONTH_RE, right)):
        # "13th to 15th of July": borrow the month from the right side
        tail = re.sub(r"^(?:the\s+)?(?:\d{1,2}(?:st|nd|rd|th)?|" + _ORD_RE + r")\s*", "", right)
        lv = _core(left + " " + tail, ctx, allow_range=False)
    if rv is None and lv is not None:
        tail = re.sub(r"^(?:\w+)\s*", "", left)
        mm = re.fullmatch(r"(" + _MONTH_RE + r")\s+\d{1,2}(?:st|nd|rd|th)?(?P<y>,?\s+\d{4})?", left)
        if mm and re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?", right):
            # "July 13 to 15": the right side takes the left side's month (and year)
            rv = _core(mm.group(1) + " " + right + (mm.group("y") or ""), ctx, allow_range=False)
        elif re.fullmatch(r"\d{1,2}", right) and tail:
            rv = _core(tail + " " + right if tail[0].isalpha() else right + " " + tail, ctx,
                       allow_range=False)
        elif re.fullmatch(r"\d{1,2}", right):
            rv = _core(left.split()[0] + " " + right, ctx, allow_range=False)
    if lv is None or rv is None or lv.kind in ("duration", "set", "age") or rv.kind in (
            "duration", "set", "age"):
        return None
    if lv.start is None or rv.start is None:
        value = "%s/%s" % (lv.value, rv.value) if lv.value and rv.value else None
        return DateValue(lv.type, value, "unresolved", lv.grain, None, None, None, "range")
    s, e = lv.start, rv.end or rv.start
    if e <= s:
        return None
    return DateValue(lv.type if lv.type == rv.type else "DATE", "%s/%s" % (lv.value, rv.value),
                     "interval", lv.grain, s, e, None, "range")


_PART_WORDS = {"tonight": "night", "this evening": "evening", "this afternoon": "afternoon",
               "this morning": "morning", "in the evening": "evening", "in the morning": "morning",
               "in the afternoon": "afternoon", "at night": "night", "tomorrow morning": "morning",
               "tomorrow evening": "evening", "tomorrow afternoon": "afternoon",
               "tomorrow night": "night", "yesterday morning": "morning",
               "yesterday evening": "evening", "yesterday afternoon": "afternoon"}


def _combine(p: str, ctx: _Ctx) -> DateValue | None:
    """A day expression plus a clock time in either order ("Fri, Jul 18, 2014 07:00 PM",
    "4/25 at 4:00pm", "tonight at 8", "9 tomorrow morning", "at 9am on Saturday")."""
    seps = [m for m in re.finditer(r"\s*(?:,|\bat\b|\bon\b|\bfor\b|@)\s*|\s+", p)]
    for m in seps:
        left, right = p[:m.start()].strip(), p[m.end():].strip()
        if not left or not right:
            continue
        for dpart, tpart in ((left, right), (right, left)):
            part = None
            for w, pw in _PART_WORDS.items():
                if dpart == w or dpart.endswith(" " + w):
                    part = pw
            if re.fullmatch(r"(?:morning|afternoon|evening|night)", dpart):
                part = dpart
            if part is not None:
                base = re.sub(r"\s*(?:this |in the |at )?(?:morning|afternoon|evening|night)$", "",
                              dpart).strip()
                base = {"tonight": "today", "": "today"}.get(base, base)
                dv = _core(base, ctx, allow_range=False)
            else:
                if not re.search(r"[a-z]{3}|\d[/-]\d|\d{4}", dpart):
                    continue
                dv = _core(dpart, ctx, allow_range=False)
            if dv is None or dv.grain not in ("day",) or dv.start is None:
                continue
            t = re.sub(r"^(?:at|@)\s+", "", tpart)
            if part is not None and re.fullmatch(r"\d{1,2}(?::\d\d)?|" + _WORDNUM_RE, t):
                t = t + (" am" if part == "morning" else " pm")
                if part == "night" and re.fullmatch(r"(?:1[0-2]|12)", t.split()[0]):
                    pass
            tv = _r_clock(t, _Ctx(dv.start, None, "TIME"))
            if tv is None and (t != tpart or re.search(r"\bat\b|@", m.group(0))):
                tv = _r_clock("at " + t, _Ctx(dv.start, None, "TIME"))  # "at 150ish"
            if tv is None or tv.start is None:
                continue
            return DateValue("TIME", tv.value, "point", tv.grain, tv.start, tv.end, None,
                             "datetime")
    return None


_TRAIL_APPROX = re.compile(r"(.*?[a-z0-9.])(?:,?\s+(?:approximately|approx\.?|or so|roughly|"
                           r"or thereabouts)|-?ish)")


def _core(p: str, ctx: _Ctx, allow_range: bool = True) -> DateValue | None:
    """Normalise a cleaned phrase: direct rules, then leading-word stripping, mods and ranges."""
    if not p or len(p) > 120:
        return None
    v = _apply_rules(p, ctx)
    if v is not None:
        return v
    m = _TRAIL_APPROX.fullmatch(p)
    if m:  # "3pm approximately", "tomorrow afternoonish", "noon or so"
        v = _core(m.group(1), ctx, allow_range)
        if v is not None and v.kind in ("point", "interval", "unresolved"):
            return _with_mod(v, "APPROX")
    mod = None
    q = p
    for _ in range(3):
        q2, m2 = _strip_and_mod(q)
        if m2 is None:
            break
        if m2 in ("BEFORE", "AFTER") and q.split()[0] in ("from", "by", "until", "till",
                                                          "through", "up", "as"):
            # prepositions that do not change the TIMEX value
            pass
        elif mod is None:
            mod = m2
        q = q2
        v = _apply_rules(q, ctx)
        if v is not None:
            if mod in ("BEFORE", "AFTER") and v.kind == "duration":
                mod = None
            if mod in ("APPROX", "MORE_THAN", "LESS_THAN", "EQUAL_OR_MORE", "EQUAL_OR_LESS") \
                    or v.kind != "duration":
                return _with_mod(v, mod)
            return v
    q3 = _LEAD_STRIP.sub("", p)
    if q3 != p and q3:
        v = _apply_rules(q3, ctx)
        if v is not None:
            return v
    if allow_range:
        v = _range(p, ctx)
        if v is not None:
            return v
    v = _combine(p, ctx)
    if v is not None:
        return v
    # "Monday, Feb 10" / "10 am on Friday" / "Friday at 3pm" / "thanksgiving of next year"
    m = re.fullmatch(r"(?P<a>.+?)\s*(?:,|\bat\b|\bon\b|@)\s*(?P<b>.+)", p)
    if m:
        av = _core(m.group("a"), ctx, allow_range=False)
        bv = _core(m.group("b"), ctx, allow_range=False)
        if av and bv:
            t, dpart = (av, bv) if av.type == "TIME" else (bv, av)
            if t.type == "TIME" and dpart.type == "DATE" and t.start and dpart.start and \
                    t.grain in ("minute", "hour", "second"):
                dt = dpart.start.replace(hour=t.start.hour, minute=t.start.minute,
                                         second=t.start.second)
                return _point(dt, t.grain, "datetime", typ="TIME")
            if av.kind == "point" and av.grain in ("day", "hour", "minute"):
                return av
        if av and not bv and av.kind in ("point", "unresolved"):
            return av
    # clock time before a day: "noon Thursday", "10 a.m. yesterday", "midnight on Friday"
    m = re.fullmatch(r"(?P<b>(?:\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)|noon|midnight))\s+"
                     r"(?:on\s+)?(?P<a>.+)", p)
    if m:
        av = _core(m.group("a"), ctx, allow_range=False)
        if av is not None and av.grain == "day" and av.start is not None:
            tv = _r_clock(m.group("b"), _Ctx(av.start, None, "TIME"))
            if tv is not None:
                return tv
        elif av is not None and av.grain == "day":
            return av
    # trailing clock time/part of day after a date: "Friday 3pm", "Sunday night"
    m = re.fullmatch(r"(?P<a>.+?)\s+(?P<b>(?:\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)|noon|"
                     r"midnight|morning|afternoon|evening|night))", p)
    if m:
        av = _core(m.group("a"), ctx, allow_range=False)
        if av is not None and av.grain == "day":
            if av.start is not None and re.match(r"\d", m.group("b")):
                tv = _r_clock(m.group("b"), _Ctx(av.start, None, "TIME"))
                if tv is not None:
                    return tv
            return av
    return None


@functools.lru_cache(maxsize=131072)
def _normalise_phrase(p: str, anchor: datetime | None, tense: str | None, label: str,
                      fin: bool = False, prefer: str = "past",
                      ref_off: int | None = None) -> DateValue | None:
    """Cached core normalisation of a cleaned phrase."""
    if _BARE_UNITS.fullmatch(p):
        return None
    v = _core(p, _Ctx(anchor, tense, label, fin, prefer, ref_off))
    return _narrow(v) if v is not None else None


# bare unit plurals without an amount ("minutes", "in days", "for months") are not timexes
_BARE_UNITS = re.compile(r"(?:(?:the|in|for|of|within|over)\s+)?(?:seconds|minutes|hours|days|"
                         r"nights|weeks|months|quarters|years|decades|centuries)")


def _narrow(v: DateValue) -> DateValue:
    """Give START/MID/END-modified months, years and weeks the sub-interval they denote
    (early month = days 1-10, late month = 21-end; early year = Jan-Apr, late year = Sep-Dec;
    start of week = Mon-Wed, end of week = Fri-Sun).  The TIMEX value is unchanged."""
    if v.mod not in ("START", "MID", "END") or v.kind != "point" or v.start is None or \
            v.grain not in ("month", "year", "week"):
        return v
    s, e = v.start, v.end
    if v.grain == "month":
        bounds = {"START": (0, 10), "MID": (10, 20)}
        if v.mod == "END":
            s2 = s + timedelta(days=20)
        else:
            s2, e = s + timedelta(days=bounds[v.mod][0]), s + timedelta(days=bounds[v.mod][1])
    elif v.grain == "year":
        m0, m1 = {"START": (0, 4), "MID": (4, 8), "END": (8, 12)}[v.mod]
        s2, e = s + relativedelta(months=m0), s + relativedelta(months=m1)
    else:
        d0, d1 = {"START": (0, 3), "MID": (2, 5), "END": (4, 7)}[v.mod]
        s2, e = s + timedelta(days=d0), s + timedelta(days=d1)
    return DateValue(v.type, v.value, v.kind, v.grain, s2, e, v.mod, v.rule)


_LEFT_MOD = re.compile(r"\b(about|around|approximately|roughly|nearly|almost|more than|over|"
                       r"less than|under|at least|no more than|up to|early|earlier|late|later|"
                       r"mid|the middle of|the end of|the beginning of|the start of)"
                       r"(?:\s+in|\s+on)?\s*-?\s*$", re.I)
_LEFT_MOD_MAP = {"about": "APPROX", "around": "APPROX", "approximately": "APPROX",
                 "roughly": "APPROX", "nearly": "LESS_THAN", "almost": "LESS_THAN",
                 "more than": "MORE_THAN", "over": "MORE_THAN", "less than": "LESS_THAN",
                 "under": "LESS_THAN", "at least": "EQUAL_OR_MORE", "no more than": "EQUAL_OR_LESS",
                 "up to": "EQUAL_OR_LESS", "early": "START", "earlier": "START", "late": "END",
                 "later": "END", "mid": "MID", "the middle of": "MID", "the end of": "END",
                 "the beginning of": "START", "the start of": "START"}
_DURATION_MODS = {"LESS_THAN", "MORE_THAN", "EQUAL_OR_MORE", "EQUAL_OR_LESS"}


# a bare part of day used attributively ("morning talk show", "evening news")
_PART_ATTRIB = re.compile(r"[\s-]+(?:talk|news|show|shows|session|sessions|edition|paper|papers|"
                          r"program|programs|programme|bulletin|rush|commute|prayers?|meeting|shift|"
                          r"star|service|services|newscast|broadcast|briefing|flights?|trains?|"
                          r"peak|traffic|sun|sky|light|wear|dress|gown|walk|run|routine|class|"
                          r"classes|meal|snack|coffee|tea|person|people|glory|sickness|star|"
                          r"newspapers?|radio|television|tv|hours)\b", re.I)


_NEEDS_TENSE = re.compile(_WEEKDAY_RE.replace(r"\.?", "") + "|" + _MONTH_RE.replace(r"\.?", "") +
                          r"|quarter|half|spring|summer|autumn|fall|winter|\d{1,2}/\d{1,2}")


_SPOKEN_YEAR_IN = re.compile(r"\b(?:nineteen|two thousand)[\s-]+(?:and[\s-]+)?(?:(?:twenty|thirty|"
                             r"forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|"
                             r"five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|"
                             r"fifteen|sixteen|seventeen|eighteen|nineteen)\b")
_ANAPHORIC_YEAR = re.compile(r"(?:(?P<m>later|earlier|late|early)(?:\s+in)?\s+)?(?:that|the\s+(?P<w>"
                             r"following|previous|preceding|same))\s+year")


def normalise_date(text: str, start: int, end: int, anchor: datetime | None, *,
                   label: str = "DATE", prefer: str = "past") -> DateValue | None:
    """Normalise ``text[start:end]`` (see module docstring); None if it is not temporal.

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
    """
    try:
        if prefer not in ("past", "future", "nearest"):
            prefer = "past"
        if not isinstance(text, str) or start is None or end is None:
            return None
        start = max(0, int(start))
        end = min(len(text), int(end))
        if end <= start:
            return None
        raw = text[start:end]
        mm = re.fullmatch(r"\s*((?:(?:in|for|within|after)\s+)?\d+(?:\.\d+)?)\s*(['\u2019\u2032]|[\"\u201d\u2033])\s*",
                          raw)
        if mm:  # 2' = two minutes, 30" = thirty seconds (Duckling style)
            raw = mm.group(1) + (" minutes" if mm.group(2) in "'\u2019\u2032" else " seconds")
        p = _clean(raw)
        if not p or not re.search(r"[a-z0-9]", p):
            return None
        if ("nineteen " in p or "two thousand" in p) and _spoken_year(p) is None:
            # "January nineteen ninety-seven" -> "january 1997"
            p = _SPOKEN_YEAR_IN.sub(lambda mm: str(_spoken_year(mm.group(0)) or mm.group(0)), p)
        if anchor is not None and not isinstance(anchor, datetime):
            if isinstance(anchor, date):
                anchor = datetime(anchor.year, anchor.month, anchor.day)
            else:
                anchor = None
        ref_off = None
        if anchor is not None and anchor.tzinfo is not None:
            off = anchor.utcoffset()
            ref_off = int(off.total_seconds() // 60) if off is not None else None
            anchor = anchor.replace(tzinfo=None)
        if _age_context(text, start, end, p):
            n = int(p)
            return DateValue("DURATION", "P%dY" % n, "age", "year", None, None, None, "age")
        ana = _ANAPHORIC_YEAR.fullmatch(p)
        if ana and anchor is not None:
            ys = re.findall(r"(?<![\d$.,])(1[6-9]\d\d|20\d\d)(?![\d%]|\s*(?:percent|people|"
                            r"shares|units))", text[max(0, start - 600):start])
            if ys:  # "that year" / "the following year" refer to the last year mentioned
                y = int(ys[-1]) + {"following": 1, "previous": -1, "preceding": -1}.get(
                    ana.group("w"), 0)
                mod = {"later": "END", "earlier": "START", "late": "END", "early": "START"}.get(
                    ana.group("m") or "")
                return _point(datetime(y, 1, 1), "year", "anaphoric", mod)
        tense = None
        if anchor is not None and _NEEDS_TENSE.search(p):
            tense = _tense_of(text, start, end)
        fin = False
        if anchor is not None and re.search(r"year|period|quarter", p):
            window = text[max(0, start - 400):end + 200].lower()
            fin = bool(re.search(r"\bquarter|\bnet income|\bper share|\bearnings\b|\ba share\b", window))
        v = _normalise_phrase(p, anchor, tense, label if label in ("DATE", "TIME") else "DATE",
                              fin, prefer, ref_off)
        if v is None:
            return None
        if v.rule == "dayword" and p in ("morning", "afternoon", "evening", "night") and (
                re.search(r"\bgood\s*$", text[max(0, start - 10):start], re.I) or
                _PART_ATTRIB.match(text[end:end + 20])):
            return None  # "good evening", "morning talk show": not a time of this day
        if v.mod is None and v.kind in ("point", "interval", "duration", "unresolved"):
            mm = _LEFT_MOD.search(text[max(0, start - 30):start])
            if mm:
                word = re.sub(r"\s+", " ", mm.group(1).lower())
                mod = _LEFT_MOD_MAP.get(word)
                if mod and (v.kind == "duration") == (mod in _DURATION_MODS):
                    v = _with_mod(v, mod)
        if v.kind == "duration" and re.search(r"[\s-](?:old|olds)\b", text[end:end + 6].lower()):
            return DateValue("DURATION", v.value, "age", v.grain, None, None, None, "age")
        if v.kind == "duration" and re.match(r"\s*(?:old|of age)\b", text[end:end + 10].lower()):
            return DateValue("DURATION", v.value, "age", v.grain, None, None, None, "age")
        return v
    except Exception:  # the contract is: never raise on any input
        return None
