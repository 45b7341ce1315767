"""English month and weekday names with their abbreviations, as tables and as regular-expression fragments.

Origin: written by hand (the usual English names and newspaper abbreviations: "Sept.", "Thurs.").
The patterns list the same words as the tables, longest form first where one form starts another,
and take an optional full stop; ``tests/test_lexicon.py`` checks that tables and patterns agree.
"""

from __future__ import annotations

import re

#: month word (lower case) -> month number
MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}
#: any month word, with an optional full stop (lower case; compile with re.I for other cases)
MONTH_PATTERN = (r"(?:january|february|march|april|may|june|july|august|september|october|november|"
                 r"december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?")

#: weekday word (lower case) -> weekday number (Monday = 0, as ``datetime.weekday``)
WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "tuesday": 1, "tues": 1, "tue": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thurs": 3, "thur": 3, "thu": 3, "friday": 4, "fri": 4, "saturday": 5,
    "sat": 5, "sunday": 6, "sun": 6,
}
#: any weekday word, with an optional full stop
WEEKDAY_PATTERN = (r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues|tue|wed|"
                   r"thurs|thur|thu|fri|sat|sun)\.?")

#: a unit of time, singular or plural, with its news abbreviations ("hrs", "wks", "mos")
TIME_UNIT_PATTERN = (r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|wks?|fortnights?|"
                     r"months?|mos?|quarters?|years?|yrs?|decades?|century|centuries)")

#: standard offsets (hours from UTC) of common time-zone abbreviations (lower case)
TIME_ZONE_OFFSETS = {"est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6, "pst": -8,
                     "pdt": -7, "akst": -9, "akdt": -8, "hst": -10, "ast": -4, "adt": -3, "gmt": 0,
                     "utc": 0, "z": 0, "wet": 0, "west": 1, "bst": 1, "cet": 1, "cest": 2, "eet": 2,
                     "eest": 3, "msk": 3, "ist": 5.5, "sgt": 8, "hkt": 8, "jst": 9, "kst": 9, "aest": 10,
                     "aedt": 11, "nzst": 12, "nzdt": 13}
#: any time-zone abbreviation of the table, longest first
TIME_ZONE_PATTERN = "|".join(sorted(TIME_ZONE_OFFSETS, key=len, reverse=True))

#: month names and abbreviations in several languages → month number
MONTHS_ANY_LANGUAGE: dict[str, int] = {}
for _num, _names in enumerate(
    [
        "january jan januar janvier janv enero ene gennaio genn janeiro januari stycznia styczeń styczen tammikuuta jänner jän",
        "february feb febr februar février fevrier févr fevr febrero febbraio fevereiro fev februari lutego luty helmikuuta",
        "march mar märz maerz mär mars marzo março marco maart marca marzec maaliskuuta",
        "april apr avril avr abril abr aprile aprilie kwietnia kwiecień kwiecien huhtikuuta",
        "may mai mayo maggio mag maio mei maja maj toukokuuta",
        "june jun juni juin junio giugno giu junho czerwca czerwiec kesäkuuta",
        "july jul juli juillet juil julio luglio lug julho lipca lipiec heinäkuuta",
        "august aug août aout agosto ago augustus sierpnia sierpień sierpien elokuuta",
        "september sep sept septembre septiembre settembre set setembro setiembre września wrzesien wrzesień syyskuuta",
        "october oct okt oktober octobre octubre ottobre ott outubro out października pazdziernika październik lokakuuta",
        "november nov novembre noviembre novembro listopada listopad marraskuuta",
        "december dec dez dezember décembre decembre déc diciembre dic dicembre dezembro grudnia grudzień grudzien joulukuuta",
    ],
    start=1,
):
    for _n in _names.split():
        MONTHS_ANY_LANGUAGE[_n] = _num
for _num, _n in enumerate("января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split(), 1):
    MONTHS_ANY_LANGUAGE[_n] = _num
#: regex alternation of every month word, longest first
MONTH_ANY_LANGUAGE_PATTERN = "|".join(sorted((re.escape(m) for m in MONTHS_ANY_LANGUAGE), key=len, reverse=True))
