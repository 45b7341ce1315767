"""English month and weekday names with their abbreviations, as tables and as regular-expression fragments.

Origin: written by hand (the usual English names and newspaper abbreviations: "Sept.", "Thurs.").
The patterns list the same words as the tables, longest form first where one form starts another,
and take an optional full stop; ``tests/test_lexicon.py`` checks that tables and patterns agree.
"""

from __future__ import annotations

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
