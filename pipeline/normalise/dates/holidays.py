"""Named holidays as data: the name as a pattern and how its date falls in a year.

Each :class:`Holiday` is a pattern (matched whole against the cleaned phrase, first match wins,
so a more specific name is listed before a name it contains) and a date rule built from
:func:`fixed`, :func:`nth`, :func:`easter`, :func:`monday_before`, :func:`lunar` or
:func:`between`.  Origin: the dates of US, UK, Canadian, Australian and other holidays and
observances as published by their governments and churches; lunar dates from :mod:`.lunar`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Callable, Union

from pipeline.normalise.dates import calendar as cal
from pipeline.normalise.dates import lunar as lunar_table

#: what a date rule gives for a year: the day (or an instant), or (first day, end) of a multi-day span
HolidayDate = Union[datetime, tuple, None]
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


def fixed(month: int, day: int, observed: bool = False) -> Callable[[int], HolidayDate]:
    """The same day every year; ``observed``: moved off a weekend (Saturday -> Friday, Sunday -> Monday)."""
    if observed:
        return lambda y: cal.observed(datetime(y, month, day))
    return lambda y: datetime(y, month, day)


def nth(month: int, weekday: int, n: int, days: int = 0, at: tuple[int, int] = (0, 0)) -> Callable[[int], HolidayDate]:
    """The ``n``-th (-1: last) ``weekday`` of ``month``, ``days`` later, at ``at`` (hour, minute)."""
    return lambda y: cal.nth_weekday(y, month, weekday, n) + timedelta(days=days, hours=at[0], minutes=at[1])


def easter(days: int, orthodox: bool = False) -> Callable[[int], HolidayDate]:
    """``days`` after (before, when negative) Easter Sunday."""
    return lambda y: cal.easter_date(y, days, orthodox)


def monday_before(month: int, day: int) -> Callable[[int], HolidayDate]:
    """The last Monday strictly before ``month``/``day``."""
    return lambda y: cal.monday_before(y, month, day)


def lunar(key: str) -> Callable[[int], HolidayDate]:
    """The first day of a lunar holiday in the Gregorian year (1950-2050, else None)."""
    return lambda y: lunar_table.lunar(key, y)


def between(first: Callable[[int], HolidayDate], end: Callable[[int], HolidayDate]) -> Callable[[int], HolidayDate]:
    """A span of days, from ``first`` to ``end`` (exclusive)."""
    return lambda y: (first(y), end(y))


ramadan_days = lunar_table.ramadan


@dataclass(frozen=True)
class Holiday:
    """A holiday: its name as a pattern, and its date rule."""

    pattern: str
    date_of: Callable[[int], HolidayDate]
    regex: re.Pattern = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "regex", re.compile(self.pattern))


HOLIDAYS: tuple[Holiday, ...] = (
    Holiday(r"(?:us |american )?thanks ?giving(?: day)?", nth(11, THU, 4)),
    Holiday(r"canadian thanks ?giving(?: day)?", nth(10, MON, 2)),
    Holiday(r"black friday", nth(11, THU, 4, days=1)),
    Holiday(r"cyber monday", nth(11, THU, 4, days=4)),
    Holiday(r"mother'?s'? day", nth(5, SUN, 2)),
    Holiday(r"mothering sunday", easter(-21)),
    Holiday(r"father'?s'? day", nth(6, SUN, 3)),
    Holiday(r"(?:national )?grandparents'? day", nth(9, SUN, 1, days=7)),
    Holiday(r"(?:martin luther king(?:'s|s'?)?|mlk)(?: jr\.?)?(?:'s)? day", nth(1, MON, 3)),
    Holiday(r"(?:presidents?'?s?'?|washington'?s? birthday)(?: day)?", nth(2, MON, 3)),
    Holiday(r"memorial day", nth(5, MON, -1)),
    Holiday(r"labou?r day", nth(9, MON, 1)),
    Holiday(r"columbus day", nth(10, MON, 2)),
    Holiday(r"(?:veterans?'?|armistice|remembrance) day", fixed(11, 11)),
    Holiday(r"(?:the )?(?:4th|fourth) of july|independence day|july (?:4th|fourth)", fixed(7, 4)),
    Holiday(r"(?:christmas|xmas)(?: day)?", fixed(12, 25)),
    Holiday(r"(?:christmas|xmas) eve", fixed(12, 24)),
    Holiday(r"boxing day", fixed(12, 26)),
    Holiday(r"new year'?s'? eve", fixed(12, 31)),
    Holiday(r"new year'?s'?(?: day)?", fixed(1, 1)),
    Holiday(r"(?:saint |st\.? )?valentine'?s'?(?: day)?", fixed(2, 14)),
    Holiday(r"(?:saint |st\.? )?(?:patrick|paddy)'?s'?(?: day)?", fixed(3, 17)),
    Holiday(r"hallowe'?en", fixed(10, 31)),
    Holiday(r"all saints'? day", fixed(11, 1)),
    Holiday(r"groundhog'?s? day", fixed(2, 2)),
    Holiday(r"(?:us )?tax day", fixed(4, 15)),
    Holiday(r"earth day", fixed(4, 22)),
    Holiday(r"april fool'?s'?(?: day)?", fixed(4, 1)),
    Holiday(r"may day", fixed(5, 1)),
    Holiday(r"lincoln'?s'? birthday", fixed(2, 12)),
    Holiday(r"(?:guy fawkes|bonfire)(?: day| night)?", fixed(11, 5)),
    Holiday(r"anzac day", fixed(4, 25)),
    Holiday(r"(?:koningsdag|king'?s day)", fixed(4, 27)),
    Holiday(r"(?:world )?vegan day", fixed(11, 1)),
    Holiday(r"(?:siblings?'?|national siblings?'?) day", fixed(4, 10)),
    Holiday(r"(?:boss'?s'?|bosses'?)(?: day)?", fixed(10, 16, observed=True)),
    Holiday(r"(?:canada|dominion) day", fixed(7, 1)),
    Holiday(r"(?:lei|law) day", fixed(5, 1)),
    Holiday(r"decoration day", nth(5, MON, -1)),
    Holiday(r"(?:family|louis riel|heritage|islander|daisy gatson bates) day", nth(2, MON, 3)),
    Holiday(r"(?:natal|saskatchewan|terry fox|new brunswick|british columbia) day", nth(8, MON, 1)),
    Holiday(r"(?:sovereign'?s'? birthday|(?:national )?patriots'? day)", monday_before(5, 25)),
    Holiday(r"vimy ridge day", fixed(4, 9)),
    Holiday(r"kruger day", fixed(10, 10)),
    Holiday(r"day of the (?:vow|covenant)", fixed(12, 16)),
    Holiday(r"(?:the )?glorious twelfth", fixed(8, 12)),
    Holiday(r"(?:juneteenth|freedom day)", fixed(6, 19)),
    Holiday(r"(?:bastille day|la f[eê]te nationale)", fixed(7, 14)),
    Holiday(r"(?:saint |st\.? )?george'?s'? day", fixed(4, 23)),
    Holiday(r"(?:saint |st\.? )?andrew'?s'? day", fixed(11, 30)),
    Holiday(r"(?:saint |st\.? )?david'?s'? day", fixed(3, 1)),
    Holiday(r"epiphany|three kings'? day", fixed(1, 6)),
    Holiday(r"(?:international )?women'?s'? day", fixed(3, 8)),
    Holiday(r"(?:world )?aids day", fixed(12, 1)),
    Holiday(r"(?:us |american )?flag day", fixed(6, 14)),
    Holiday(r"australia day", fixed(1, 26)),
    Holiday(r"waitangi day", fixed(2, 6)),
    Holiday(r"earth hour", nth(3, SAT, -1, at=(20, 30))),
    Holiday(r"(?:admin(?:istrative)?(?: professionals?'?s?'?)?|secretaries'?|secretary'?s) day", nth(4, WED, -1)),
    Holiday(r"easter(?: sunday)?", easter(0)),
    Holiday(r"easter mon(?:day)?", easter(1)),
    Holiday(r"(?:orthodox )?(?:good|great|holy) friday", easter(-2)),
    Holiday(r"orthodox (?:good|great|holy) friday", easter(-2, orthodox=True)),
    Holiday(r"orthodox easter(?: sunday)?", easter(0, orthodox=True)),
    Holiday(r"(?:maundy|holy) thursday", easter(-3)),
    Holiday(r"holy saturday", easter(-1)),
    Holiday(r"palm sunday", easter(-7)),
    Holiday(r"(?:shrove|pancake) tuesday|pancake day|mardi gras", easter(-47)),
    Holiday(r"ash wednesday", easter(-46)),
    Holiday(r"(?:pentecost|whit[e]? ?sunday)", easter(49)),
    Holiday(r"(?:branch|willow|yew) sunday", easter(-7)),
    Holiday(r"whit ?monday|pentecost monday", easter(50)),
    Holiday(r"trinity sunday", easter(56)),
    Holiday(r"ascension(?: day| thursday)?", easter(39)),
    Holiday(r"corpus christi", easter(60)),
    Holiday(r"clean monday", easter(-48, orthodox=True)),
    Holiday(r"lazarus saturday", easter(-8, orthodox=True)),
    Holiday(r"(?:great )?lent", between(easter(-46), easter(-3))),
    Holiday(r"victoria day", monday_before(5, 25)),
    Holiday(r"(?:august |summer )?bank holiday", nth(8, MON, -1)),
    Holiday(r"civic holiday", nth(8, MON, 1)),
    Holiday(r"(?:daylight saving(?:s)?(?: time)? start(?: day)?|dst start)", nth(3, SUN, 2)),
    Holiday(r"(?:daylight saving(?:s)?(?: time)? end(?: day)?|dst end)", nth(11, SUN, 1)),
    Holiday(r"super tuesday", nth(3, TUE, 1)),
    Holiday(r"(?:the )?twelfth", fixed(7, 12)),
    Holiday(r"rizal day", fixed(12, 30)),
    Holiday(r"emancipation day", fixed(8, 1)),
    Holiday(r"loyalty day", fixed(5, 1)),
    Holiday(r"(?:day of )?reconciliation day|day of reconciliation", fixed(12, 16)),
    Holiday(r"military spouse day", nth(5, FRI, 1, days=7)),
    # lunar calendars (table in .lunar, 1950-2050)
    Holiday(r"(?:eid|id)(?:[\s-]+(?:al|ul|el))?[\s-]*fitr|(?:the )?feast of breaking the fast|"
     r"(?:the )?sugar feast", lunar("eid_al_fitr")),
    Holiday(r"(?:eid|id)(?:[\s-]+(?:al|ul|el))?[\s-]*(?:adha|azha)|(?:the )?(?:feast of (?:the )?)?"
     r"sacrifice feast|(?:the )?feast of (?:the )?sacrifice|bakr[ai]?[\s-]?eid|bakrid|"
     r"kurban bayrami?", lunar("eid_al_adha")),
    Holiday(r"rama[dz]h?a+n|ramzaa?n", ramadan_days),
    Holiday(r"(?:the )?(?:islamic|hijri|arabic) new year(?:'?s)?(?: day)?|amun jadid", lunar("hijri_new_year")),
    Holiday(r"mawlid(?:[\s-]+(?:al|an)[\s-]+nab(?:awi|i))?|milad[\s-]+un[\s-]+nabi|"
     r"(?:the )?prophet'?s birthday", lunar("mawlid")),
    Holiday(r"(?:(?:the )?day of )?ashura", lunar("ashura")),
    Holiday(r"isra'?(?: and|&)? ?mi'?raj|(?:the )?prophet'?s ascension|(?:the )?night journey|"
     r"ascension to heaven", lunar("isra_miraj")),
    Holiday(r"laylat[\s-]+al[\s-]*(?:qadr|kadr)|(?:the )?night of (?:power|measures|decree|destiny)",
            lunar("laylat_al_qadr")),
    Holiday(r"jumu'?atul[\s-]*wida|jamat[\s-]*ul[\s-]*vida", lunar("jumuatul_wida")),
    Holiday(r"(?:chinese (?:lunar )?|lunar )new years?(?:'s)?(?: day)?|(?:the )?spring festival",
            lunar("chinese_new_year")),
)


#: every holiday's pattern in one: a name that matches none (nearly every phrase asked about) is
#: turned away by one regex instead of one per holiday
_ANY_HOLIDAY = re.compile("|".join(f"(?:{h.pattern})" for h in HOLIDAYS))


def holiday_date(name: str, year: int) -> HolidayDate:
    """Date (or (start, end) pair) of a named holiday in ``year``; None if unknown."""
    if not _ANY_HOLIDAY.fullmatch(name):
        return None
    for h in HOLIDAYS:
        if h.regex.fullmatch(name):
            try:
                return h.date_of(year)
            except (ValueError, OverflowError, TypeError):
                return None
    return None


def is_holiday(name: str) -> bool:
    """True when ``name`` (cleaned, lower case) names a holiday of the table."""
    return _ANY_HOLIDAY.fullmatch(name) is not None
