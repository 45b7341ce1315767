"""Units of measure: their surface forms (as data), the unit written after a number, conversions and compound measures (pint).

Origin of the table: written by hand from SI, US customary and imperial units as news writes
them ("km", "kms", "klicks", "sq ft"); pint (lazily loaded) supplies symbols, conversions and
units the table lacks ("furlongs").
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from pipeline.normalise.quantities.scanner import Num

#: surface form -> pint unit expression (or a special key starting with "@")
_UNIT_ALIASES: dict[str, str] = {}


def _alias(target: str, *forms: str) -> None:
    """Register ``forms`` as surface forms of the unit ``target``."""
    for f in forms:
        _UNIT_ALIASES[f] = target


_alias("kilometer", "km", "kms", "kilometer", "kilometers", "kilometre", "kilometres", "klick",
       "klicks", "kilometer", "k.m.")
_alias("meter", "m", "meter", "meters", "metre", "metres", "mtr", "mtrs")
_alias("centimeter", "cm", "cms", "centimeter", "centimeters", "centimetre", "centimetres")
_alias("millimeter", "mm", "millimeter", "millimeters", "millimetre", "millimetres")
_alias("micrometer", "micrometer", "micrometers", "micrometre", "micrometres", "micron",
       "microns", "µm", "μm")
_alias("nanometer", "nm", "nanometer", "nanometers", "nanometre", "nanometres")
_alias("mile", "mi", "mile", "miles")
_alias("nautical_mile", "nautical mile", "nautical miles", "nmi")
_alias("yard", "yd", "yds", "yard", "yards")
_alias("foot", "ft", "foot", "feet", "'", "’")
_alias("inch", "in", "ins", "inch", "inches", '"', "''", "”", "’’")
_alias("light_year", "light year", "light years", "light-year", "light-years")
_alias("gram", "g", "gs", "gr", "gm", "gms", "gram", "grams", "gramme", "grammes")
_alias("kilogram", "kg", "kgs", "k.g.", "k.g", "k.gs", "kilo", "kilos", "kilogram", "kilograms",
       "kilogramme", "kilogrammes")
_alias("milligram", "mg", "mgs", "milligram", "milligrams", "milligramme", "milligrammes")
_alias("microgram", "microgram", "micrograms", "mcg", "µg", "μg")
_alias("pound", "lb", "lbs", "pound", "pounds", "lb.", "lbs.")
_alias("ounce", "oz", "ozs", "ounce", "ounces", "oz.")
_alias("stone", "stone", "stones", "st")
_alias("metric_ton", "t", "tonne", "tonnes", "metric ton", "metric tons", "metric tonne",
       "metric tonnes", "mt")
_alias("ton", "ton", "tons", "short ton", "short tons")
_alias("long_ton", "long ton", "long tons")
_alias("liter", "l", "ltr", "ltrs", "liter", "liters", "litre", "litres", "lt")
_alias("milliliter", "ml", "mls", "milliliter", "milliliters", "millilitre", "millilitres")
_alias("centiliter", "cl", "centiliter", "centiliters", "centilitre", "centilitres")
_alias("deciliter", "dl", "deciliter", "deciliters", "decilitre", "decilitres")
_alias("hectoliter", "hl", "hectoliter", "hectoliters", "hectolitre", "hectolitres")
_alias("gallon", "gal", "gals", "gallon", "gallons")
_alias("quart", "qt", "qts", "quart", "quarts")
_alias("pint", "pt", "pint", "pints")
_alias("cup", "cup", "cups")
_alias("fluid_ounce", "fl oz", "fl. oz.", "fluid ounce", "fluid ounces")
_alias("tablespoon", "tbsp", "tablespoon", "tablespoons")
_alias("teaspoon", "tsp", "teaspoon", "teaspoons")
_alias("barrel", "barrel", "barrels", "bbl", "bbls")
_alias("meter**3", "cubic meter", "cubic meters", "cubic metre", "cubic metres", "m3", "m³",
       "cu m")
_alias("foot**3", "cubic foot", "cubic feet", "cu ft")
_alias("kilometer**2", "square kilometer", "square kilometers", "square kilometre",
       "square kilometres", "sq km", "sq. km", "km2", "km²", "sqkm")
_alias("meter**2", "square meter", "square meters", "square metre", "square metres", "sq m",
       "m2", "m²", "sqm")
_alias("mile**2", "square mile", "square miles", "sq mi", "sq miles", "sq. miles")
_alias("foot**2", "square foot", "square feet", "sq ft", "sq. ft", "sq. ft.", "ft2", "ft²")
_alias("hectare", "ha", "hectare", "hectares")
_alias("acre", "acre", "acres")
_alias("kilometer/hour", "km/h", "kmh", "kph", "km/hr", "kilometers per hour",
       "kilometres per hour", "kilometers an hour", "kilometres an hour")
_alias("mile/hour", "mph", "miles per hour", "miles an hour", "mi/h")
_alias("meter/second", "m/s", "meters per second", "metres per second")
_alias("knot", "knot", "knots", "kt", "kts")
_alias("watt", "w", "watt", "watts")
_alias("kilowatt", "kw", "kilowatt", "kilowatts")
_alias("megawatt", "mw", "megawatt", "megawatts")
_alias("gigawatt", "gw", "gigawatt", "gigawatts")
_alias("kilowatt_hour", "kwh", "kilowatt hour", "kilowatt hours", "kilowatt-hour",
       "kilowatt-hours")
_alias("megawatt_hour", "mwh", "megawatt hour", "megawatt hours")
_alias("gigawatt_hour", "gwh", "gigawatt hour", "gigawatt hours")
_alias("calorie", "calorie", "calories", "cal")
_alias("kilocalorie", "kcal", "kilocalorie", "kilocalories")
_alias("byte", "byte", "bytes")
_alias("kilobyte", "kb", "kilobyte", "kilobytes")
_alias("megabyte", "mb", "megabyte", "megabytes")
_alias("gigabyte", "gb", "gigabyte", "gigabytes")
_alias("terabyte", "tb", "terabyte", "terabytes")
_alias("@C", "°c", "° c", "ºc", "℃", "° celsius", "degrees celsius", "degree celsius",
       "degrees c", "degree c", "deg c", "celsius", "centigrade", "degrees centigrade", "c°",
       "c")
_alias("@F", "°f", "° f", "ºf", "℉", "° fahrenheit", "degrees fahrenheit", "degree fahrenheit",
       "degrees f", "degree f", "deg f", "fahrenheit", "f°", "f")
_alias("kelvin", "kelvin", "kelvins")
_alias("@deg", "°", "º", "degree", "degrees", "deg", "deg.", "degs")
_alias("@pct", "%", "percent", "per cent", "pct", "pc", "per-cent", "percentage")
_alias("@pp", "percentage point", "percentage points", "percent points", "pts", "ppt", "ppts",
       "basis point", "basis points", "bps", "bp")

_SPECIAL_UNIT_SYMBOL = {"@C": "°C", "@F": "°F", "@deg": "°", "@pct": "%", "@pp": "pp",
                        "cup": "cup", "metric_ton": "t", "barrel": "bbl", "mile/hour": "mph"}
#: basis points are hundredths of a percentage point
UNIT_FACTOR = {"basis point": 0.01, "basis points": 0.01, "bps": 0.01, "bp": 0.01}


def alternation(forms) -> str:
    """A regex alternation of ``forms`` (escaped), longest first."""
    return "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))


def _bounded(forms) -> str:
    """Alternation of forms; those ending in a letter or digit must end a word."""
    wordy = [f for f in forms if f[-1].isalnum()]
    other = [f for f in forms if not f[-1].isalnum()]
    alts = ["(?:" + alternation(wordy) + r")(?![a-z0-9])"] if wordy else []
    if other:
        alts.append("(?:" + alternation(other) + ")")
    return "|".join(alts)


_UNIT_AFTER_RE = re.compile(
    r"\s*(?:-\s*)?(?:of\s+)?(?:(?:an?|the)\s+)?(" + _bounded(_UNIT_ALIASES) + r")"
)
ARTICLE_UNIT_RE = re.compile(r"\s+(?:" + _bounded(_UNIT_ALIASES) + r")(?!\s*[\d.])")
_PCT_FORMS = [f for f, t in _UNIT_ALIASES.items() if t in ("@pct", "@pp")]
_PCT_AFTER_RE = re.compile(r"\s*(?:-\s*)?(" + _bounded(_PCT_FORMS) + r")")
_WORD_AFTER_RE = re.compile(r"\s*([a-z]+)")
#: words pint would take for units but which are ordinary English words after a number
_PINT_STOPWORDS = frozenset(
    "a an and are as at be by day days do for from hour hours in into is it its minute minutes "
    "month months my no not of off on or our per second seconds so than that the their them "
    "then they this to up us was we week weeks were with year years your".split()
)


_UREG = None


def unit_registry():
    """The shared pint registry, built on first use (it takes about half a second)."""
    global _UREG
    if _UREG is None:
        import pint

        _UREG = pint.UnitRegistry()
    return _UREG


@lru_cache(maxsize=512)
def unit_symbol(target: str) -> str:
    if target in _SPECIAL_UNIT_SYMBOL:
        return _SPECIAL_UNIT_SYMBOL[target]
    try:
        return f"{unit_registry().Unit(target):~P}"
    except Exception:
        return target


@lru_cache(maxsize=4096)
def _pint_word(word: str) -> str | None:
    """A unit word pint knows but our table does not ("furlongs", "megatonnes"), else None."""
    if len(word) < 4 or word in _PINT_STOPWORDS:
        return None
    try:
        u = unit_registry().parse_units(word)
    except Exception:
        return None
    if u.dimensionless:
        return None
    return str(u)


class UnitHit(NamedTuple):
    target: str  # pint expression or "@..." special
    surface: str
    start: int
    end: int


def unit_after(s: str, pos: int, label: str) -> UnitHit | None:
    """The unit written right after position pos (QUANTITY and PERCENT spans)."""
    rx = _PCT_AFTER_RE if label == "PERCENT" else _UNIT_AFTER_RE
    m = rx.match(s, pos)
    if m:
        surface = m.group(1)
        target = _UNIT_ALIASES[surface]
        return UnitHit(target, surface, m.start(1), m.end(1))
    if label == "QUANTITY":
        if s.startswith("k", pos) and not s[pos + 1: pos + 2].isalpha():
            return UnitHit("kilometer", "k", pos, pos + 1)  # "a 5k run", "3k"
        m = _WORD_AFTER_RE.match(s, pos)
        if m:
            target = _pint_word(m.group(1))
            if target:
                return UnitHit(target, m.group(1), m.start(1), m.end(1))
    return None


@lru_cache(maxsize=1024)
def factor(src: str, dst: str) -> float | None:
    try:
        u = unit_registry()
        return float(u.Quantity(1.0, src).to(dst).magnitude)
    except Exception:
        return None


def convert(value: float, src: str, dst: str) -> float | None:
    if src.startswith("@") or dst.startswith("@"):
        return None
    f = factor(src, dst)
    return None if f is None else value * f


def sum_compound(nums: list[Num], hits: list[UnitHit | None], low: str) -> tuple[float, str] | None:
    """Add "7 feet 10 inches"-style measures, in the smallest of the units written."""
    parts: list[tuple[float, str]] = []
    for k, (n, h) in enumerate(zip(nums, hits)):
        if h is None or h.target.startswith("@"):
            break
        if k:
            prev = hits[k - 1]
            gap = low[prev.end:n.start].strip() if prev is not None else "x"
            if gap not in ("", ",", "and", ", and", ",and"):
                break
        parts.append((n.value, h.target))
    if len(parts) < 2:
        return None
    smallest = parts[0][1]
    for _, t in parts[1:]:
        f = factor(t, smallest)
        if f is None:
            return None
        if f < 1:
            smallest = t
    total = 0.0
    for v, t in parts:
        f = factor(t, smallest)
        if f is None:
            return None
        total += v * f
    return total, unit_symbol(smallest)
