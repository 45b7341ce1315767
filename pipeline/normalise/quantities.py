"""Normalise numeric entity mentions (CARDINAL, ORDINAL, QUANTITY, MONEY, PERCENT) to numbers.

:func:`normalise_quantity` turns the text of a spaCy numeric span into a :class:`QuantityValue`:
the number, an optional range (``low``/``high``), a modifier (``APPROX``, ``MORE_THAN`` ...), a
unit symbol for quantities and an ISO 4217 code for money.  (The noun a count counts is read from
the parse at recognise time: :mod:`pipeline.recognise.counting`.)

Conventions (callers rely on these):

* ``value`` is the number as written, scaled by multipliers ("3.5bn" -> 3.5e9, "two dozen" -> 24,
  "30 lakh" -> 3e6); fractions are floats ("two-thirds" -> 0.666...); negatives keep their sign.
* Closed ranges ("10-20", "between 10 and 20", "from 3km to 5km", "two or three") set
  ``low`` and ``high``, and ``value`` is ``low`` (the conservative figure actually written).
  A scale written once applies to both ends ("2-3 million" -> 2e6..3e6).
  ``low``/``high`` are None for everything that is not a closed range.
* Open bounds are told by ``mod`` alone: "more than 27,000" -> value 27000, mod ``MORE_THAN``.
  ``mod`` is one of ``APPROX``, ``MORE_THAN``, ``LESS_THAN``, ``AT_LEAST``, ``AT_MOST`` or None.
  Modifiers are read inside the span and, when the span has none, just before it in ``text``
  (spaCy often leaves "nearly"/"some" outside the entity).  Vague plurals ("hundreds",
  "dozens of", "tens of thousands") give twice the scale with ``AT_LEAST`` (hundreds -> 200).
* ``unit``: ``"%"`` for percentages, ``"pp"`` for percentage points, a pint-style symbol for
  QUANTITY ("km", "mi", "kg", "lb", "l", "ml", "gal", "cup", "°C", "°F"; a bare "degrees" is
  ``"°"``), None otherwise.  Compound measures ("7 feet 10 inches", "2 km and 1 metre") are
  summed with pint and expressed in the smallest unit written (94 in, 2001 m).
* ``currency``: ISO 4217 for MONEY.  Dollar forms ("$", "dollars", "bucks", "grand", cents and
  US coin names) resolve to ``local_currency`` when that is a dollar currency, else USD; pound
  forms ("£", "pounds", "quid") to ``local_currency`` when that is a pound currency, else GBP;
  "grand" means a thousand of ``local_currency`` when given.  Names that are ambiguous without
  a nationality ("dinars", "riyals", "rials", "pesos", "shillings", "kroner") give None.
  Minor units are converted to the major unit: "10 cents" -> 0.10 USD, "50p" -> 0.50 GBP,
  "$20 and 43c" -> 20.43 USD.
* ORDINAL spans give the rank ("third" -> 3, "21st" -> 21).  For other labels, ordinal words
  after a numerator or article are fractions ("a third" -> 0.333..., "tenth of a gallon" -> 0.1).

Everything is pure string work on the span (no spaCy needed) and cached with ``lru_cache``; all
regular expressions are compiled once at import time.  :func:`normalise_quantity` never raises.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from pipeline.lexicon.numbers import (
    APPROX_COUNTS,
    DOZEN_WORDS,
    FRACTION_DENOMINATORS,
    ORDINAL_IRREGULAR,
    PLURAL_SCALES,
    SCALE_WORDS,
    UNIT_WORDS,
    word_kind,
    words_value,
)

__all__ = ["QuantityValue", "normalise_quantity", "MODIFIERS"]

#: the values ``QuantityValue.mod`` can take (besides None)
MODIFIERS = ("APPROX", "MORE_THAN", "LESS_THAN", "AT_LEAST", "AT_MOST")


@dataclass(frozen=True)
class QuantityValue:
    """The normalised reading of one numeric mention (see the module docstring for conventions)."""

    value: float | None
    low: float | None
    high: float | None
    mod: str | None
    unit: str | None
    currency: str | None


# ---------------------------------------------------------------------------------------------
# number vocabulary
# ---------------------------------------------------------------------------------------------

_UNIT_WORDS = UNIT_WORDS
_SCALE_WORDS = SCALE_WORDS
#: scale words that only make sense in a bare count (in money "kr" is a krona, "l" a litre...)
_CARDINAL_ONLY_SCALES = {"kr": 1e7, "krs": 1e7, "l": 1e5}
#: one-letter multipliers glued to digits ("100K", "3.5B", "1.2M", ".0012G")
_SUFFIX_SCALES = {"k": 1e3, "m": 1e6, "b": 1e9, "g": 1e9, "t": 1e12}
_DOZEN_WORDS = DOZEN_WORDS
_PLURAL_SCALES = PLURAL_SCALES
_APPROX_COUNTS = APPROX_COUNTS
_FRACTION_DENOMS = FRACTION_DENOMINATORS
_ORDINAL_IRREGULAR = ORDINAL_IRREGULAR
_word_kind = word_kind
_words_value = words_value

_MINUS_WORDS = {"minus", "negative"}

# ---------------------------------------------------------------------------------------------
# compiled expressions
# ---------------------------------------------------------------------------------------------

_TOKEN_RE = re.compile(
    r"(?P<num>\d+(?:,\d{3})+(?:\.\d+)?|\d*\.\d+|\d+)|(?P<word>[a-z]+)|(?P<sym>\S)"
)
_DASHES_RE = re.compile(r"[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")
_SPACES_RE = re.compile(r"[\s\u00a0\u2009\u202f]+")
_GLUED_TENS_RE = re.compile(
    r"\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?=(?:one|two|three|four|five|six|seven|eight|nine|first|second|third|fourth|fifth|"
    r"sixth|seventh|eighth|ninth)\b)"
)
_ORDINAL_DIGITS_RE = re.compile(r"(\d+(?:,\d{3})*)\s*(?:st|nd|rd|th|d)\b")

_MOD_PHRASES = {
    "APPROX": [
        "about", "around", "approximately", "approx", "approx.", "roughly", "nearly", "almost",
        "some", "an estimated", "estimated", "est.", "circa", "ca.", "c.", "close to",
        "closer to", "just about", "more or less", "in the region of", "in the neighbourhood of",
        "in the neighborhood of", "on the order of", "the best part of", "~", "≈", "an approximate",
        "approximate", "give or take",
    ],
    "MORE_THAN": [
        "more than", "over", "above", "upwards of", "upward of", "in excess of", "exceeding",
        "greater than", "higher than", "larger than", "bigger than", "beyond", "north of",
        "just over", "well over", "well above", "just above", "topping", ">", "more then",
        "well in excess of", "a little over", "slightly over", "slightly more than",
    ],
    "LESS_THAN": [
        "less than", "under", "below", "fewer than", "lower than", "smaller than", "shy of",
        "short of", "just under", "just below", "well under", "well below", "south of", "<",
        "less then", "slightly under", "slightly less than", "a little under", "barely",
    ],
    "AT_LEAST": [
        "at least", "no less than", "not less than", "no fewer than", "not fewer than",
        "a minimum of", "minimum of", "minimum", "as few as", "as little as", "at a minimum",
        "≥", ">=",
    ],
    "AT_MOST": [
        "at most", "no more than", "not more than", "up to", "a maximum of", "maximum of",
        "maximum", "as many as", "as much as", "not exceeding", "at a maximum", "≤", "<=",
        "up until",
    ],
}
_MOD_OF = {p: m for m, ps in _MOD_PHRASES.items() for p in ps}
_MOD_RE = re.compile(
    r"(?:^|(?<=[^a-z]))("
    + "|".join(re.escape(p) for p in sorted(_MOD_OF, key=len, reverse=True))
    + r")\s*$"
)
_POST_MOD_RE = re.compile(
    r"\s*-?\s*(?:(or more|or over|or above|or higher|or greater|plus|\+)"
    r"|(or less|or fewer|or under|or below|or lower)"
    r"|(or so|-?odd|-?ish|or thereabouts))(?![a-z])"
)
_PERCENT_IN_SPAN_RE = re.compile(r"%|\bper ?cent\b|\bpct\b")
#: a scale word spaCy left just outside the span ("Rs [500] crore")
_TAIL_SCALE_RE = re.compile(
    r"[ \u00a0]?(million|billion|trillion|bn|mn|crore|crores|lakh|lakhs)\b", re.IGNORECASE
)
_BELOW_ZERO_RE = re.compile(r"\bbelow (?:zero|freezing)\b")
_RANGE_START_RE = re.compile(r"(?:^|[^a-z])(between|from|range of|ranging from)\s*$")
_GAP_FILLER_RE = re.compile(
    r"\b(?:about|around|approximately|roughly|nearly|almost|some|an estimated)\b|~|≈"
)

# ---- units ---------------------------------------------------------------------------------

#: surface form -> pint unit expression (or a special key starting with "@")
_UNIT_ALIASES: dict[str, str] = {}


def _alias(target: str, *forms: str) -> None:
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
_UNIT_FACTOR = {"basis point": 0.01, "basis points": 0.01, "bps": 0.01, "bp": 0.01}


def _alt(forms) -> str:
    return "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))


def _bounded(forms) -> str:
    """Alternation of forms; those ending in a letter or digit must end a word."""
    wordy = [f for f in forms if f[-1].isalnum()]
    other = [f for f in forms if not f[-1].isalnum()]
    alts = ["(?:" + _alt(wordy) + r")(?![a-z0-9])"] if wordy else []
    if other:
        alts.append("(?:" + _alt(other) + ")")
    return "|".join(alts)


_UNIT_AFTER_RE = re.compile(
    r"\s*(?:-\s*)?(?:of\s+)?(?:(?:an?|the)\s+)?(" + _bounded(_UNIT_ALIASES) + r")"
)
_ARTICLE_UNIT_RE = re.compile(r"\s+(?:" + _bounded(_UNIT_ALIASES) + r")(?!\s*[\d.])")
_PCT_FORMS = [f for f, t in _UNIT_ALIASES.items() if t in ("@pct", "@pp")]
_PCT_AFTER_RE = re.compile(r"\s*(?:-\s*)?(" + _bounded(_PCT_FORMS) + r")")
_WORD_AFTER_RE = re.compile(r"\s*([a-z]+)")
#: words pint would take for units but which are ordinary English words after a number
_PINT_STOPWORDS = frozenset(
    "a an and are as at be by day days do for from hour hours in into is it its minute minutes "
    "month months my no not of off on or our per second seconds so than that the their them "
    "then they this to up us was we week weeks were with year years your".split()
)

# ---- currencies ----------------------------------------------------------------------------

_DOLLAR_ISO = frozenset(
    "USD AUD CAD NZD SGD HKD TWD JMD TTD BZD BSD BBD BMD FJD GYD LRD NAD SBD SRD XCD KYD ZWL "
    "BND".split()
)
_POUND_ISO = frozenset("GBP EGP LBP SYP SDG SSP FKP GIP SHP".split())

#: surface form -> ISO code, "$" (dollar family), "£" (pound family), "?" (ambiguous name)
_CURRENCY_ALIASES: dict[str, str] = {}
#: minor units: surface form -> (family or ISO, fraction of the major unit)
_MINOR_ALIASES: dict[str, tuple[str, float]] = {}


def _cur(target: str, *forms: str) -> None:
    for f in forms:
        _CURRENCY_ALIASES[f] = target


def _minor(target: str, factor: float, *forms: str) -> None:
    for f in forms:
        _MINOR_ALIASES[f] = (target, factor)


_cur("$", "$", "dollar", "dollars", "buck", "bucks", "grand")
_cur("USD", "usd", "us$", "us $", "u.s.$", "us dollar", "us dollars", "u.s. dollar",
     "u.s. dollars", "american dollars")
_cur("AUD", "aud", "a$", "au$", "aus$", "australian dollar", "australian dollars")
_cur("CAD", "cad", "c$", "ca$", "can$", "canadian dollar", "canadian dollars")
_cur("NZD", "nzd", "nz$", "new zealand dollar", "new zealand dollars")
_cur("HKD", "hkd", "hk$", "hong kong dollar", "hong kong dollars")
_cur("SGD", "sgd", "s$", "singapore dollar", "singapore dollars")
_cur("TWD", "twd", "nt$", "taiwan dollar", "taiwan dollars", "new taiwan dollars")
_cur("JMD", "jmd", "j$", "jamaican dollar", "jamaican dollars")
_cur("TTD", "ttd", "tt$", "trinidad and tobago dollars")
_cur("ZWL", "zimbabwe dollars", "zimbabwean dollars")
_cur("EUR", "€", "eur", "euro", "euros", "€ur", "eur.")
_cur("£", "£", "pound", "pounds", "quid", "pound sterling", "pounds sterling")
_cur("GBP", "gbp", "sterling", "british pound", "british pounds", "uk£")
_cur("EGP", "egp", "egyptian pound", "egyptian pounds", "egyptianpound", "egyptianpounds",
     "le", "l.e", "l.e.", "geneh", "genihat", "genihat masriya", "egp.")
_cur("LBP", "lbp", "lebanese pound", "lebanese pounds", "lebanesepound", "lira lubnaniya")
_cur("SYP", "syp", "syrian pound", "syrian pounds")
_cur("JPY", "jpy", "¥", "yen", "円")
_cur("CNY", "cny", "rmb", "yuan", "renminbi", "元")
_cur("INR", "inr", "₹", "rs", "rs.", "rupee", "rupees", "indian rupee", "indian rupees")
_cur("PKR", "pkr", "pakistani rupee", "pakistani rupees", "pakistan rupees")
_cur("LKR", "lkr", "sri lankan rupee", "sri lankan rupees")
_cur("NPR", "npr", "nepalese rupee", "nepalese rupees", "nepali rupees")
_cur("MYR", "myr", "rm", "ringgit", "ringgits", "malaysia ringgit", "malaysia ringgits",
     "malaysian ringgit", "malaysian ringgits")
_cur("ILS", "ils", "nis", "₪", "shekel", "shekels", "sheqel", "sheqels", "new shekels",
     "new israeli shekels")
_cur("KWD", "kwd", "kuwaiti dinar", "kuwaiti dinars", "kd")
_cur("IQD", "iqd", "iraqi dinar", "iraqi dinars")
_cur("JOD", "jod", "jordanian dinar", "jordanian dinars")
_cur("BHD", "bhd", "bahraini dinar", "bahraini dinars")
_cur("DZD", "dzd", "algerian dinar", "algerian dinars")
_cur("TND", "tnd", "tunisian dinar", "tunisian dinars")
_cur("LYD", "lyd", "libyan dinar", "libyan dinars")
_cur("RSD", "rsd", "serbian dinar", "serbian dinars")
_cur("SAR", "sar", "saudi riyal", "saudi riyals", "saudiriyal", "saudiriyals", "sr")
_cur("QAR", "qar", "qatari riyal", "qatari riyals", "qataririyal", "qr")
_cur("IRR", "irr", "iranian rial", "iranian rials", "iranianrial")
_cur("OMR", "omr", "omani rial", "omani rials")
_cur("YER", "yer", "yemeni rial", "yemeni rials")
_cur("AED", "aed", "dirham", "dirhams", "dhs", "uae dirham", "uae dirhams", "emirati dirhams")
_cur("MAD", "mad", "moroccan dirham", "moroccan dirhams")
_cur("BGN", "bgn", "lev", "leva", "bulgarian lev")
_cur("MNT", "mnt", "₮", "tugrik", "tugriks", "tögrög", "tughrik", "tughriks")
_cur("UAH", "uah", "₴", "hryvnia", "hryvnias", "hryvnya", "hryvnyas", "grivna", "grivnas")
_cur("RUB", "rub", "₽", "rouble", "roubles", "ruble", "rubles")
_cur("BRL", "brl", "r$", "real", "reais", "brazilian real", "brazilian reais")
_cur("ZAR", "zar", "rand", "rands", "south african rand")
_cur("NGN", "ngn", "₦", "naira", "nairas")
_cur("GHS", "ghs", "gh₵", "₵", "cedi", "cedis")
_cur("KES", "kes", "ksh", "kshs", "kenyan shilling", "kenyan shillings")
_cur("UGX", "ugx", "ush", "ugandan shilling", "ugandan shillings")
_cur("TZS", "tzs", "tsh", "tanzanian shilling", "tanzanian shillings")
_cur("ETB", "etb", "birr", "birrs")
_cur("TRY", "₺", "lira", "liras", "turkish lira", "turkish liras", "tl")
_cur("KRW", "krw", "₩", "won", "korean won", "south korean won")
_cur("KPW", "kpw", "north korean won")
_cur("PHP", "₱", "philippine peso", "philippine pesos")
_cur("MXN", "mxn", "mex$", "mexican peso", "mexican pesos")
_cur("ARS", "ars", "argentine peso", "argentine pesos", "argentinian pesos")
_cur("CLP", "clp", "chilean peso", "chilean pesos")
_cur("COP", "cop", "colombian peso", "colombian pesos")
_cur("CHF", "chf", "swiss franc", "swiss francs", "sfr", "fr.")
_cur("XOF", "xof", "cfa franc", "cfa francs", "cfa")
_cur("SEK", "sek", "swedish krona", "swedish kronor", "kronor", "krona")
_cur("NOK", "nok", "norwegian krone", "norwegian kroner")
_cur("DKK", "dkk", "danish krone", "danish kroner")
_cur("ISK", "isk", "icelandic krona", "icelandic kronur")
_cur("PLN", "pln", "zloty", "zlotys", "zlotych", "zł")
_cur("CZK", "czk", "koruna", "korunas", "czech crowns", "kč")
_cur("HUF", "huf", "forint", "forints")
_cur("RON", "ron", "lei", "romanian lei")
_cur("THB", "thb", "฿", "baht")
_cur("IDR", "idr", "rupiah", "rupiahs", "rp")
_cur("VND", "vnd", "₫", "dong", "vietnamese dong")
_cur("BDT", "bdt", "৳", "taka", "takas")
_cur("AFN", "afn", "afghani", "afghanis")
_cur("KZT", "kzt", "₸", "tenge")
_cur("GEL", "gel", "₾", "lari")
_cur("AMD", "amd", "dram", "drams")
_cur("AZN", "azn", "₼", "manat", "manats")
_cur("ZMW", "zmw", "zambian kwacha")
_cur("MWK", "mwk", "malawian kwacha")
_cur("XBT", "bitcoin", "bitcoins", "btc", "₿")
_cur("?", "dinar", "dinars", "riyal", "riyals", "rial", "rials", "peso", "pesos", "shilling",
     "shillings", "krone", "kroner", "franc", "francs", "kwacha")
_minor("$", 0.01, "cent", "cents", "c", "¢", "penny", "pennies", "c.")
_minor("$", 0.05, "nickel", "nickels")
_minor("$", 0.10, "dime", "dimes")
_minor("$", 0.25, "quarter", "quarters")
_minor("£", 0.01, "pence", "p", "pennies")
_minor("MYR", 0.01, "sen", "sens")
_minor("UAH", 0.01, "kopiyka", "kopiykas", "kopiyok", "kopeck", "kopecks", "kopek", "kopeks")
_minor("INR", 0.01, "paise", "paisa")
_minor("EUR", 0.01, "eurocent", "eurocents", "euro cent", "euro cents")
_minor("?", 0.01, "centavo", "centavos", "centime", "centimes", "fils", "halala", "halalas")

#: ISO codes recognised when written in capitals in the original text ("42 KWD", "USD3.14")
_ISO_CODES = frozenset(
    {v for v in _CURRENCY_ALIASES.values() if len(v) == 3}
    | set("MOP BOB PEN UYU PYG VES DOP GTQ HNL NIO CRC CUP MUR SCR MVR MMK KHR LAK BTN MGA "
          "XAF RWF BIF SOS SZL LSL BWP ALL MKD BAM MDL BYN TJS TMT UZS KGS ISK HRK".split())
)
_ISO_RE = re.compile(r"(?<![A-Za-z])(" + "|".join(sorted(_ISO_CODES)) + r")(?![A-Za-z])")
_CURRENCY_WORD_RE = re.compile(
    r"(?<![a-z])(" + _alt(list(_CURRENCY_ALIASES) + list(_MINOR_ALIASES)) + r")(?![a-z])"
)
_ARTICLE_CURRENCY_RE = re.compile(
    r"\s+(?:" + _alt(list(_CURRENCY_ALIASES) + list(_MINOR_ALIASES)) + r")(?![a-z0-9])(?!\s*[\d.])"
)
_CONTEXT_CURRENCY_RE = re.compile(
    r"(?<![a-z])(" + _alt([f for f in _CURRENCY_ALIASES if not f.isalpha() or len(f) <= 4])
    + r")\s*$"
)


# ---------------------------------------------------------------------------------------------
# tokens and numbers
# ---------------------------------------------------------------------------------------------


class _Tok(NamedTuple):
    kind: str  # "num" | "word" | "sym"
    text: str
    start: int
    end: int


class _Num(NamedTuple):
    value: float
    start: int
    end: int
    scaled: bool  # a multiplier was applied ("2 million", "3.5bn")
    vague: bool   # a vague plural ("hundreds of") -> AT_LEAST
    scale: float  # the multiplier (1.0 when none)


def _tokenise(s: str) -> list[_Tok]:
    return [_Tok(m.lastgroup or "sym", m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(s)]


def _digits_value(text: str) -> float:
    return float(text.replace(",", ""))


def _is_adjacent(a: _Tok, b: _Tok) -> bool:
    return a.end == b.start


class _Scanner:
    """Finds number expressions in a lower-cased, normalised span, left to right."""

    def __init__(self, s: str, label: str):
        self.s = s
        self.toks = _tokenise(s)
        self.label = label
        self.n = len(self.toks)

    def word(self, i: int) -> str | None:
        if 0 <= i < self.n and self.toks[i].kind == "word":
            return self.toks[i].text
        return None

    def sym(self, i: int) -> str | None:
        if 0 <= i < self.n and self.toks[i].kind == "sym":
            return self.toks[i].text
        return None

    # -- helpers -------------------------------------------------------------------------
    def _scale_word(self, w: str | None) -> float | None:
        if w is None:
            return None
        if w in _SCALE_WORDS:
            return _SCALE_WORDS[w]
        if w == "hundred":
            return 100.0
        if w in _DOZEN_WORDS:
            return 12.0
        if self.label == "CARDINAL" and w in _CARDINAL_ONLY_SCALES:
            return _CARDINAL_ONLY_SCALES[w]
        return None

    def _apply_scales(self, value: float, j: int) -> tuple[float, int, float]:
        """Multiply by the scale words that follow at j ("2 million", "two hundred dozens")."""
        scale = 1.0
        while True:
            sc = self._scale_word(self.word(j))
            if sc is None:
                # "tens of thousands": a plural scale joined by "of"
                if self.word(j) == "of" and self.word(j + 1) in _PLURAL_SCALES and scale > 1:
                    sc = _PLURAL_SCALES[self.word(j + 1) or ""]
                    j += 1
                else:
                    break
            if sc < scale and sc >= 1000 and scale >= 1000:
                break  # "three million thousand" is not a number
            value *= sc
            scale *= sc
            j += 1
        return value, j, scale

    def _decimal_digits(self, j: int) -> tuple[str, int] | None:
        """Digits after "point": "point 77", "point seven seven", "point two"."""
        t = self.toks[j] if j < self.n else None
        if t is None:
            return None
        if t.kind == "num" and t.text.isdigit():
            return t.text, j + 1
        digits = ""
        while self.word(j) in _UNIT_WORDS and (self.word(j) not in ("nil",)):
            digits += str(_UNIT_WORDS[self.word(j) or ""])
            j += 1
        return (digits, j) if digits else None

    def _and_a_fraction(self, j: int) -> tuple[float, int]:
        """ "and a half" / "and a quarter" / "and three quarters" after a whole number."""
        if self.word(j) == "and":
            if self.word(j + 1) in ("a", "an", "one") and self.word(j + 2) in _FRACTION_DENOMS:
                w = self.word(j + 2) or ""
                if w in ("half", "third", "quarter", "fourth", "fifth", "eighth", "tenth"):
                    return 1.0 / _FRACTION_DENOMS[w], j + 3
            if self.word(j + 1) in _UNIT_WORDS and self.word(j + 2) in _FRACTION_DENOMS:
                w = self.word(j + 2) or ""
                if w.endswith("s"):
                    return _UNIT_WORDS[self.word(j + 1) or ""] / _FRACTION_DENOMS[w], j + 3
        return 0.0, j

    def _fraction_after(self, value: float, j: int) -> tuple[float, int] | None:
        """ "two-thirds", "three quarters", "1 third": a small whole number over a denominator."""
        k = j
        if self.sym(k) == "-" and _is_adjacent(self.toks[k - 1], self.toks[k]):
            k += 1
        w = self.word(k)
        if w in _FRACTION_DENOMS and value == int(value) and 0 < value < 1000:
            if self.label == "ORDINAL" or (self.label == "MONEY" and w.startswith("quarter")):
                return None
            if value == 1 or w.endswith("s") or w in ("half", "quarter", "third"):
                return value / _FRACTION_DENOMS[w], k + 1
        return None

    # -- main ----------------------------------------------------------------------------
    def number_at(self, i: int) -> _Num | None:
        t = self.toks[i]
        if t.kind == "num":
            return self._digits_number(i)
        if t.kind == "word":
            return self._word_number(i)
        return None

    def _digits_number(self, i: int) -> _Num | None:
        t = self.toks[i]
        value = _digits_value(t.text)
        j = i + 1
        end = t.end
        # "1 point 1"
        if self.word(j) == "point" and "." not in t.text:
            dec = self._decimal_digits(j + 1)
            if dec:
                value = float(f"{t.text.replace(',', '')}.{dec[0]}")
                j = dec[1]
        # "3/4", "2/10"
        elif (self.sym(j) == "/" and j + 1 < self.n and self.toks[j + 1].kind == "num"
              and _is_adjacent(t, self.toks[j]) and _is_adjacent(self.toks[j], self.toks[j + 1])
              and "," not in t.text and "." not in t.text):
            den = _digits_value(self.toks[j + 1].text)
            if den and self.label not in ("MONEY",):
                value = value / den
                j += 2
        # "1 1/2", "2 3/4": a whole number and a proper fraction
        elif (j + 2 < self.n and self.toks[j].kind == "num" and self.sym(j + 1) == "/"
              and self.toks[j + 2].kind == "num" and t.text.isdigit()
              and _is_adjacent(self.toks[j], self.toks[j + 1])
              and _is_adjacent(self.toks[j + 1], self.toks[j + 2])
              and self.toks[j].text.isdigit() and self.toks[j + 2].text.isdigit()
              and 0 < int(self.toks[j].text) < int(self.toks[j + 2].text)):
            value += int(self.toks[j].text) / int(self.toks[j + 2].text)
            j += 3
        frac, j = self._and_a_fraction(j)
        value += frac
        scale = 1.0
        # glued multiplier: "100K", "3.5bn", "1.2M", "10k$"; in QUANTITY these letters are units
        w = self.word(j)
        if w is not None and _is_adjacent(self.toks[j - 1], self.toks[j]):
            if w in _SUFFIX_SCALES and self.label in ("CARDINAL", "MONEY", "PERCENT") and not (
                w == "t" and self.label != "MONEY") and not (w == "g" and self.label == "MONEY"):
                scale = _SUFFIX_SCALES[w]
                value *= scale
                j += 1
        value, j, more = self._apply_scales(value, j)
        scale *= more
        end = self.toks[j - 1].end
        return _Num(value, t.start, end, scale > 1, False, scale)

    def _word_number(self, i: int) -> _Num | None:
        w = self.toks[i].text
        start = self.toks[i].start
        nxt = self.word(i + 1)
        # "a couple (of)", "a pair", "a few", "few", "couple"
        if w in _APPROX_COUNTS or (w in ("a", "an") and nxt in _APPROX_COUNTS):
            k = i if w in _APPROX_COUNTS else i + 1
            value = _APPROX_COUNTS[self.toks[k].text]
            j = k + 1
            if self.word(j) == "of":
                j += 1
            value, j2, scale = self._apply_scales(value, j)
            if j2 > j:
                return _Num(value, start, self.toks[j2 - 1].end, True, False, scale)
            return _Num(value, start, self.toks[j - 1].end, False, False, 1.0)
        # "several hundred", "many thousands": vague, at least two of the scale
        if w in ("several", "many", "numerous") and (
                self._scale_word(nxt) is not None or nxt in _PLURAL_SCALES):
            sc = self._scale_word(nxt) or _PLURAL_SCALES[nxt or ""]
            value, j, scale = self._apply_scales(2.0 * sc, i + 2)
            return _Num(value, start, self.toks[j - 1].end, True, True, sc * scale)
        if w == "single" and self.label in ("CARDINAL", "QUANTITY"):
            return _Num(1.0, start, self.toks[i].end, False, False, 1.0)
        # "point 77" / "point seven seven"
        if w == "point":
            dec = self._decimal_digits(i + 1)
            if dec:
                value, j, scale = self._apply_scales(float(f"0.{dec[0]}"), dec[1])
                return _Num(value, start, self.toks[j - 1].end, scale > 1, False, scale)
            return None
        # "a dozen", "a million", "a hundred", "a half", "a quarter", "a third"
        if w in ("a", "an") and nxt is not None:
            sc = self._scale_word(nxt)
            if sc is not None and nxt not in _PLURAL_SCALES:
                value, j, scale = self._apply_scales(1.0, i + 1)
                if self.word(j) == "of" and nxt in _DOZEN_WORDS:
                    j += 1
                return _Num(value, start, self.toks[j - 1].end, True, False, scale)
            # "a dollar", "a grand", "a nickel", "a liter", "an ml": an implicit one
            rx = _ARTICLE_CURRENCY_RE if self.label == "MONEY" else (
                _ARTICLE_UNIT_RE if self.label == "QUANTITY" else None)
            prev = self.word(i - 1)
            if (rx is not None and rx.match(self.s, self.toks[i].end)
                    and prev not in _FRACTION_DENOMS and prev != "of"):
                return _Num(1.0, start, self.toks[i].end, False, False, 1.0)
            if (nxt in _FRACTION_DENOMS and self.label != "ORDINAL" and not nxt.endswith("s")
                    and not (self.label == "MONEY" and nxt == "quarter")):
                value = 1.0 / _FRACTION_DENOMS[nxt]
                k = i + 2
                if self.word(k) == "of":
                    k += 1
                if self.word(k) in ("a", "an"):
                    k += 1
                value, j, scale = self._apply_scales(value, k)
                if j == k:
                    j = i + 2
                return _Num(value, start, self.toks[j - 1].end, scale > 1, False, scale)
            return None
        # "half", "quarter", "tenth of": a bare fraction word
        if w in _FRACTION_DENOMS and self.label != "ORDINAL" and not (
                self.label == "MONEY" and w.startswith("quarter")):
            if w in ("half", "quarter") or nxt in ("of", "a", "an"):
                # "half a million", "a quarter of a billion"
                k = i + 1
                if self.word(k) == "of":
                    k += 1
                if self.word(k) in ("a", "an"):
                    k += 1
                value, j, scale = self._apply_scales(1.0 / _FRACTION_DENOMS[w], k)
                if j == k:
                    j = i + 1
                return _Num(value, start, self.toks[j - 1].end, scale > 1, False, scale)
            return None
        # vague plurals: "hundreds", "dozens of", "tens of thousands"
        if w in _PLURAL_SCALES and not (i > 0 and self.toks[i - 1].kind == "num"):
            if w == "tens" and not (nxt == "of" and self.word(i + 2) in _PLURAL_SCALES):
                return None
            value = 2.0 * _PLURAL_SCALES[w]
            j = i + 1
            while self.word(j) == "of" and self.word(j + 1) in _PLURAL_SCALES:
                value *= _PLURAL_SCALES[self.word(j + 1) or ""]
                j += 2
            return _Num(value, start, self.toks[j - 1].end, True, True, value / 2)
        if _word_kind(w) is None:
            return None
        # a run of number words, joined by hyphens or "and"
        words: list[str] = []
        idx: list[int] = []
        j = i
        while j < self.n:
            tw = self.word(j)
            if tw is not None and _word_kind(tw) is not None:
                words.append(tw)
                idx.append(j)
                j += 1
                continue
            if (self.sym(j) == "-" and words and j + 1 < self.n
                    and _is_adjacent(self.toks[j - 1], self.toks[j])
                    and _is_adjacent(self.toks[j], self.toks[j + 1])
                    and self.word(j + 1) is not None and _word_kind(self.word(j + 1) or "")):
                j += 1
                continue
            if (tw == "and" and words and self.word(j + 1) is not None
                    and _word_kind(self.word(j + 1) or "") in ("unit", "teen", "tens")
                    and _word_kind(words[-1]) in ("hundred", "scale")):
                j += 1
                continue
            break
        value, used = _words_value(tuple(words))
        if used == 0:
            return None
        j = idx[used - 1] + 1
        # "two point two million"
        if self.word(j) == "point" and value == int(value):
            dec = self._decimal_digits(j + 1)
            if dec:
                value = float(f"{int(value)}.{dec[0]}")
                j = dec[1]
        frac = self._fraction_after(value, j)
        if frac is not None:
            value, j = frac
        else:
            extra, j = self._and_a_fraction(j)
            value += extra
        value, j, scale = self._apply_scales(value, j)
        if self.word(j) == "of" and self.word(j - 1) in _DOZEN_WORDS:
            j += 1
        return _Num(value, start, self.toks[j - 1].end, scale > 1 or any(
            _word_kind(x) == "scale" for x in words[:used]), False, scale)

    def numbers(self) -> list[_Num]:
        out: list[_Num] = []
        i = 0
        while i < self.n:
            num = self.number_at(i)
            if num is None:
                i += 1
                continue
            out.append(num)
            while i < self.n and self.toks[i].start < num.end:
                i += 1
        return out


# ---------------------------------------------------------------------------------------------
# helpers for units, currencies and modifiers
# ---------------------------------------------------------------------------------------------

_UREG = None


def _ureg():
    """The shared pint registry, built on first use (it takes about half a second)."""
    global _UREG
    if _UREG is None:
        import pint

        _UREG = pint.UnitRegistry()
    return _UREG


@lru_cache(maxsize=512)
def _unit_symbol(target: str) -> str:
    if target in _SPECIAL_UNIT_SYMBOL:
        return _SPECIAL_UNIT_SYMBOL[target]
    try:
        return f"{_ureg().Unit(target):~P}"
    except Exception:
        return target


@lru_cache(maxsize=4096)
def _pint_word(word: str) -> str | None:
    """A unit word pint knows but our table does not ("furlongs", "megatonnes"), else None."""
    if len(word) < 4 or word in _PINT_STOPWORDS:
        return None
    try:
        u = _ureg().parse_units(word)
    except Exception:
        return None
    if u.dimensionless:
        return None
    return str(u)


class _UnitHit(NamedTuple):
    target: str  # pint expression or "@..." special
    surface: str
    start: int
    end: int


def _unit_after(s: str, pos: int, label: str) -> _UnitHit | None:
    """The unit written right after position pos (QUANTITY and PERCENT spans)."""
    rx = _PCT_AFTER_RE if label == "PERCENT" else _UNIT_AFTER_RE
    m = rx.match(s, pos)
    if m:
        surface = m.group(1)
        target = _UNIT_ALIASES[surface]
        return _UnitHit(target, surface, m.start(1), m.end(1))
    if label == "QUANTITY":
        if s.startswith("k", pos) and not s[pos + 1: pos + 2].isalpha():
            return _UnitHit("kilometer", "k", pos, pos + 1)  # "a 5k run", "3k"
        m = _WORD_AFTER_RE.match(s, pos)
        if m:
            target = _pint_word(m.group(1))
            if target:
                return _UnitHit(target, m.group(1), m.start(1), m.end(1))
    return None


class _CurHit(NamedTuple):
    target: str
    minor: float  # 1.0 for a major unit, else the fraction (cent = 0.01)
    start: int
    end: int


def _currency_hits(low: str, orig: str, coins: bool) -> list[_CurHit]:
    hits: list[_CurHit] = []
    for m in _CURRENCY_WORD_RE.finditer(low):
        f = m.group(1)
        if f in _CURRENCY_ALIASES:
            target = _CURRENCY_ALIASES[f]
            if f in ("le", "rs", "rm", "sr", "qr", "kd", "tl", "rp", "lev", "lei", "real", "won",
                     "dong", "rand", "lari", "dram", "cfa", "sar", "mad", "gel", "amd", "all",
                     "cop", "ron") and len(f) <= 4:
                # short or common-word forms count only next to a number
                before = low[: m.start()].rstrip()
                after = low[m.end():].lstrip()
                if not (before[-1:].isdigit() or after[:1].isdigit() or after[:1] == "."):
                    continue
            hits.append(_CurHit(target, 1.0, m.start(1), m.end(1)))
        else:
            target, factor = _MINOR_ALIASES[f]
            if f in ("quarter", "quarters", "nickel", "nickels", "dime", "dimes") and not coins:
                continue
            if f in ("c", "p", "c.") and not low[: m.start()].rstrip()[-1:].isdigit():
                continue
            hits.append(_CurHit(target, factor, m.start(1), m.end(1)))
    for m in _ISO_RE.finditer(orig):
        hits.append(_CurHit(m.group(1), 1.0, m.start(1), m.end(1)))
    hits.sort(key=lambda h: (h.start, -h.end))
    # drop hits nested in a longer one ("us$" vs "$")
    out: list[_CurHit] = []
    for h in hits:
        if out and h.start < out[-1].end:
            if h.end - h.start > out[-1].end - out[-1].start:
                out[-1] = h
            continue
        out.append(h)
    return out


def _resolve_currency(target: str, local: str | None) -> str | None:
    if target == "$":
        return local if local in _DOLLAR_ISO else "USD"
    if target == "£":
        return local if local in _POUND_ISO else "GBP"
    if target == "?":
        return None
    return target


def _modifier_before(prefix: str) -> str | None:
    p = prefix.rstrip()
    # a currency sign or article between the modifier and the number: "over $2m", "about a dozen"
    for _ in range(2):
        m = _CONTEXT_CURRENCY_RE.search(p)
        if m and m.group(1):
            p = p[: m.start(1)].rstrip()
        if p.endswith(" a") or p.endswith(" an") or p in ("a", "an"):
            p = p.rsplit(" ", 1)[0] if " " in p else ""
    m = _MOD_RE.search(p)
    return _MOD_OF[m.group(1)] if m else None


# ---------------------------------------------------------------------------------------------
# the normaliser
# ---------------------------------------------------------------------------------------------


def _prepare(s: str) -> str:
    s = _DASHES_RE.sub("-", s)
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u201d", '"').replace("\u201c", '"')
    s = _SPACES_RE.sub(" ", s)
    return s


def _ordinal(low: str) -> float | None:
    m = _ORDINAL_DIGITS_RE.search(low)
    if m:
        return _digits_value(m.group(1))
    s = _GLUED_TENS_RE.sub(r"\1 ", low)
    toks = re.split(r"[\s\-]+|(?<=\w)(?=[^\w\s])", s)
    words = [t for t in toks if t.isalpha()]
    for k, w in enumerate(words):
        card = _ORDINAL_IRREGULAR.get(w)
        if card is None:
            if w.endswith("ieth"):
                card = w[:-4] + "y"
            elif w.endswith("th") and _word_kind(w[:-2]) is not None:
                card = w[:-2]
        if card is None:
            continue
        run = [card]
        b = k - 1
        while b >= 0 and (_word_kind(words[b]) is not None or words[b] == "and"):
            run.insert(0, words[b])
            b -= 1
        run = [x for x in run if x != "and"]
        # keep the longest suffix of the run that is well formed
        for a in range(len(run)):
            value, used = _words_value(tuple(run[a:]))
            if used == len(run) - a:
                return value
        return None
    return None


@lru_cache(maxsize=65536)
def _normalise(span: str, context: str, label: str, local: str | None,
               tail_scale: float = 1.0) -> QuantityValue | None:
    """The cached core of normalise_quantity: span text, 48 characters of left context, label,
    local currency, and the multiplier of a scale word written just after the span."""
    label = label.upper()
    orig = _prepare(span).strip()
    low = orig.lower()
    if label in ("MONEY", "CARDINAL", "QUANTITY") and _PERCENT_IN_SPAN_RE.search(low):
        label = "PERCENT"  # a mislabelled percentage ("around 40 per cent" tagged MONEY)
    if label == "ORDINAL":
        v = _ordinal(low)
        if v is None:
            nums = _Scanner(low, "CARDINAL").numbers()
            v = nums[0].value if nums else None
        return None if v is None else QuantityValue(v, None, None, None, None, None)
    if "twenty" in low or "thirty" in low or "forty" in low or "fifty" in low or "sixty" in low \
            or "seventy" in low or "eighty" in low or "ninety" in low:
        low2 = _GLUED_TENS_RE.sub(r"\1 ", low)
        if low2 != low:
            low = low2
            orig = low2  # only lower-case words changed length; ISO codes are not affected
    scanner = _Scanner(low, label)
    nums = scanner.numbers()
    ctx = _prepare(context).lower()

    money = label == "MONEY"
    cur_hits = _currency_hits(low, orig, coins=money) if money else []

    # a coin named alone ("dime", "quarter") is one of it
    if not nums and money and cur_hits and cur_hits[0].minor < 1.0 and not low[: cur_hits[0].start].strip():
        nums = [_Num(1.0, 0, 0, False, False, 1.0)]
    if not nums:
        return None

    first = nums[0]
    value = first.value
    low_v: float | None = None
    high_v: float | None = None
    mod: str | None = None
    unit: str | None = None
    currency: str | None = None

    # -- sign --------------------------------------------------------------------------------
    before = low[: first.start].rstrip()
    negative = False
    if before.endswith("-") and not before[:-1].strip(" ~"):
        negative = True
    elif before.endswith(("minus", "negative")):
        negative = True
    if _BELOW_ZERO_RE.search(low, first.end):
        negative = True

    # -- modifier ----------------------------------------------------------------------------
    prefix = before[:-1] if before.endswith("-") and negative else before
    if prefix.endswith(("minus", "negative")):
        prefix = prefix.rsplit(" ", 1)[0] if " " in prefix else ""
    mod = _modifier_before(prefix)
    prefix_core = prefix
    cm = _CONTEXT_CURRENCY_RE.search(prefix_core) if money else None
    if cm:
        prefix_core = prefix_core[: cm.start(1)].rstrip()
    range_start = _RANGE_START_RE.search(prefix_core) is not None
    if mod is None and not range_start:
        stripped = prefix
        if not stripped or _CONTEXT_CURRENCY_RE.fullmatch(stripped.strip()) or stripped in ("a", "an"):
            mod = _modifier_before((ctx + " " + prefix).strip())
    if mod is None and ("~" in prefix or "≈" in prefix):
        mod = "APPROX"
    if first.vague and mod is None:
        mod = "AT_LEAST"

    # -- units / currency of the first number ------------------------------------------------
    unit_hits: list[_UnitHit | None] = []
    if label in ("QUANTITY", "PERCENT"):
        unit_hits = [_unit_after(low, n.end, label) for n in nums]

    # -- two numbers: range, compound measure, or dollars and cents -------------------------
    second = nums[1] if len(nums) > 1 else None
    combined = False
    if second is not None:
        gap_end = second.start
        gap_start = first.end
        if unit_hits and unit_hits[0] is not None:
            gap_start = max(gap_start, unit_hits[0].end)
        gap = low[gap_start:gap_end]
        gap_core = _GAP_FILLER_RE.sub(" ", gap)
        if money:
            for h in cur_hits:
                if gap_start <= h.start and h.end <= gap_end:
                    gap_core = gap_core.replace(low[h.start:h.end], " ")
        gap_core = " ".join(gap_core.split())
        is_range_gap = gap_core in ("-", "to", "through", "thru", "till", "until", "or", "-to") or (
            range_start and gap_core in ("and", "to", "-"))

        # compound measures: "7 feet 10 inches", "2 km and 1 metre"
        if (label == "QUANTITY" and not is_range_gap and unit_hits and unit_hits[0] is not None
                and unit_hits[1] is not None and gap_core in ("", ",", "and", ", and", ",and")
                and not unit_hits[0].target.startswith("@")
                and not unit_hits[1].target.startswith("@")):
            total = _sum_compound(nums, unit_hits, low)
            if total is not None:
                value, unit = total
                combined = True
        # dollars and cents: "$20 and 43c", "20 dollars 43 cents", "US$3 and fourteen"
        elif money and gap_core in ("", "and", ",") and not range_start:
            major = _currency_near(cur_hits, first, low)
            after2 = [h for h in cur_hits if h.start >= second.end]
            nxt = after2[0] if after2 and not low[second.end:after2[0].start].strip() else None
            if (major is not None and major.minor == 1.0 and second.value == int(second.value)
                    and 0 <= second.value < 100 and not second.scaled
                    and (nxt is None or nxt.minor < 1.0) and major.end <= second.start):
                value = first.value + second.value / 100.0
                combined = True
        if not combined and is_range_gap:
            a, b = first.value, second.value
            if second.scaled and not first.scaled and a * second.scale <= b:
                a *= second.scale
            if label == "QUANTITY" and unit_hits:
                u1 = unit_hits[0]
                u2 = unit_hits[1]
                if u1 is not None and u2 is not None and u1.target != u2.target:
                    conv = _convert(a, u1.target, u2.target)
                    if conv is not None:
                        a = conv
            if negative:
                a = -a
                negative = False
            if a < b:
                low_v, high_v = a, b
                value = a
                combined = True
                if mod in ("MORE_THAN", "LESS_THAN", "AT_LEAST", "AT_MOST"):
                    mod = None

    if negative:
        value = -value

    # -- post modifiers ("50 or more", "100-odd", "40-plus") ---------------------------------
    if mod is None:
        tail_from = (nums[1] if (combined and second is not None) else first).end
        if unit_hits:
            uh = unit_hits[1] if (combined and second is not None and len(unit_hits) > 1) else unit_hits[0]
            if uh is not None:
                tail_from = max(tail_from, uh.end)
        pm = _POST_MOD_RE.match(low, tail_from)
        if pm:
            mod = "AT_LEAST" if pm.group(1) else "AT_MOST" if pm.group(2) else "APPROX"

    # -- unit ---------------------------------------------------------------------------------
    if label == "PERCENT":
        hit = next((h for h in unit_hits if h is not None), None)
        if hit is not None and hit.target == "@pp":
            unit = "pp"
            factor = _UNIT_FACTOR.get(hit.surface, 1.0)
            value *= factor
            low_v = None if low_v is None else low_v * factor
            high_v = None if high_v is None else high_v * factor
        else:
            unit = "%"
    elif label == "QUANTITY" and unit is None:
        if _BELOW_ZERO_RE.search(low) or "above zero" in low:
            unit = "°"
        hit = None
        if low_v is not None and len(unit_hits) > 1 and unit_hits[1] is not None:
            hit = unit_hits[1]
        if hit is None:
            hit = next((h for h in unit_hits if h is not None), None)
        if hit is not None:
            unit = _unit_symbol(hit.target)

    # -- currency -----------------------------------------------------------------------------
    if money:
        hit = _currency_near(cur_hits, first, low)
        if hit is None:
            cm = _CONTEXT_CURRENCY_RE.search(ctx)
            if cm:
                f = cm.group(1)
                hit = _CurHit(_CURRENCY_ALIASES.get(f, "?"), 1.0, -1, -1)
        if hit is not None:
            surface = low[hit.start:hit.end] if hit.start >= 0 else ""
            if hit.minor < 1.0 and not combined:
                major_hit = next((h for h in cur_hits if h.minor == 1.0), None)
                target = major_hit.target if major_hit else hit.target
                factor = hit.minor
                value *= factor
                low_v = None if low_v is None else low_v * factor
                high_v = None if high_v is None else high_v * factor
                currency = _resolve_currency(target, local)
            elif surface == "grand":
                value *= 1000.0
                low_v = None if low_v is None else low_v * 1000.0
                high_v = None if high_v is None else high_v * 1000.0
                currency = local or "USD"
            else:
                currency = _resolve_currency(hit.target, local)

    if tail_scale != 1.0 and not any(n.scaled for n in nums):
        value *= tail_scale
        low_v = None if low_v is None else low_v * tail_scale
        high_v = None if high_v is None else high_v * tail_scale
    if not all(x is None or math.isfinite(x) for x in (value, low_v, high_v)):
        return None
    return QuantityValue(value, low_v, high_v, mod, unit, currency)


def _currency_near(hits: list[_CurHit], num: _Num, low: str) -> _CurHit | None:
    """The currency marker that belongs to num: adjacent before it, else the first after it."""
    best: _CurHit | None = None
    best_d = 10 ** 9
    for h in hits:
        if h.end <= num.start:
            d = len(low[h.end:num.start].strip()) * 10 + (num.start - h.end)
            if d > 30:
                continue
        elif h.start >= num.end:
            d = h.start - num.end
        else:
            continue
        if d < best_d:
            best, best_d = h, d
    return best


@lru_cache(maxsize=1024)
def _factor(src: str, dst: str) -> float | None:
    try:
        u = _ureg()
        return float(u.Quantity(1.0, src).to(dst).magnitude)
    except Exception:
        return None


def _convert(value: float, src: str, dst: str) -> float | None:
    if src.startswith("@") or dst.startswith("@"):
        return None
    f = _factor(src, dst)
    return None if f is None else value * f


def _sum_compound(nums: list[_Num], hits: list[_UnitHit | None], low: str) -> tuple[float, str] | None:
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
        f = _factor(t, smallest)
        if f is None:
            return None
        if f < 1:
            smallest = t
    total = 0.0
    for v, t in parts:
        f = _factor(t, smallest)
        if f is None:
            return None
        total += v * f
    return total, _unit_symbol(smallest)


def normalise_quantity(
    text: str, start: int, end: int, label: str, *, local_currency: str | None = None
) -> QuantityValue | None:
    """Normalise the number in ``text[start:end]``, a spaCy CARDINAL/QUANTITY/MONEY/PERCENT/ORDINAL span.

    ``text`` is the surrounding block: up to 48 characters before ``start`` are read for a
    modifier ("nearly", "more than") or a currency sign that spaCy left outside the span.
    ``local_currency`` (keyword only) is the ISO code of the article's home market; it decides
    what "$", "dollars", "grand" and coin names mean (default: US dollars).  Returns None when
    the span holds no number; never raises.
    """
    try:
        if not isinstance(text, str):
            return None
        n = len(text)
        s = max(0, min(int(start), n))
        e = max(s, min(int(end), n))
        span = text[s:e]
        if not span.strip() or len(span) > 400:
            return None
        context = text[max(0, s - 48):s]
        tail = _TAIL_SCALE_RE.match(text, e)
        tail_scale = _SCALE_WORDS[tail.group(1).lower()] if tail else 1.0
        return _normalise(span, context, str(label), local_currency, tail_scale)
    except Exception:
        return None
