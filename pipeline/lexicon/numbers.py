"""English number words and the one number-word parser that dates and quantities share.

Origin: written by hand from English usage (cardinals, ordinals, fractions), plus the scale words
of news copy ("bn", "mln") and of Indian English ("lakh", "crore").  Standard runs of number
words are evaluated by ``text2num``; :func:`words_value` handles what it does not (Indian
scales, stacked scales, "one twenty two").

- :func:`words_value` reads the longest well-formed run of number words at the start of a
  sequence ("seven hundred twenty-one thousand twelve", "three crore twelve lakh");
- :func:`parse_number` reads a whole short phrase: digits ("1,500", "2.5", "1/2", "2 1/2"),
  number words ("twenty-five"), idioms ("a couple of", "half an", "a dozen") and
  "<n> and a half/quarter".
"""

from __future__ import annotations

import re
from functools import lru_cache

from text_to_num import text2num

UNIT_WORDS = {
    "zero": 0, "naught": 0, "nought": 0, "nil": 0, "one": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
}
TEEN_WORDS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
#: "fourty" is a common misspelling, read like "forty"
TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
#: scale words that text2num knows (singular) and their values
STANDARD_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
#: every scale word (>= 1000) accepted after a number, including Indian and news abbreviations
SCALE_WORDS = {
    **STANDARD_SCALES,
    "thousands": 1e3, "millions": 1e6, "billions": 1e9, "trillions": 1e12,
    "lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "lacs": 1e5, "lkh": 1e5, "lkhs": 1e5,
    "crore": 1e7, "crores": 1e7, "cr": 1e7, "crs": 1e7, "krore": 1e7, "krores": 1e7, "koti": 1e7,
    "bn": 1e9, "bln": 1e9, "mn": 1e6, "mln": 1e6, "mio": 1e6, "tn": 1e12, "trn": 1e12,
}
DOZEN_WORDS = frozenset({"dozen", "dozens"})
#: plural scales that make a vague count ("hundreds of", "tens of thousands")
PLURAL_SCALES = {"hundreds": 100.0, "thousands": 1e3, "millions": 1e6, "billions": 1e9,
                 "trillions": 1e12, "dozens": 12.0, "tens": 10.0, "scores": 20.0,
                 "lakhs": 1e5, "crores": 1e7}
#: words that stand for a small count ("a couple", "a pair", "a few")
APPROX_COUNTS = {"couple": 2.0, "pair": 2.0, "few": 3.0}
#: denominators of fractions ("two-thirds", "a quarter", "tenth of a gallon")
FRACTION_DENOMINATORS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
    "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7,
    "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10,
    "tenths": 10, "twelfth": 12, "twelfths": 12, "twentieth": 20, "twentieths": 20,
    "hundredth": 100, "hundredths": 100, "thousandth": 1000, "thousandths": 1000,
}
#: ordinals whose cardinal is not the ordinal minus "th"
ORDINAL_IRREGULAR = {
    "first": "one", "second": "two", "third": "three", "fifth": "five", "eighth": "eight",
    "ninth": "nine", "twelfth": "twelve",
}
#: ordinal words of the days of a month
ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty-second": 22,
    "twenty-third": 23, "twenty-fourth": 24, "twenty-fifth": 25, "twenty-sixth": 26,
    "twenty-seventh": 27, "twenty-eighth": 28, "twenty-ninth": 29, "thirtieth": 30,
    "thirty-first": 31,
}
#: phrases that stand for a number without being number words (read whole by parse_number)
NUMBER_IDIOMS = {
    "a": 1, "an": 1, "single": 1, "one and a half": 1.5, "a couple of": 2, "a couple": 2,
    "couple of": 2, "a dozen": 12, "dozen": 12, "half a": 0.5, "half an": 0.5, "half": 0.5,
    "a half": 0.5, "a hundred": 100, "a thousand": 1000,
}
#: a number written in words, as the date rules read it (one word, a tens-and-unit pair or an idiom)
NUMBER_WORD_PATTERN = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|"
    r"three|four|five|six|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
    r"eighteen|nineteen|a hundred|one hundred|a thousand|a dozen|dozen|a couple of|"
    r"a couple|couple of|half an|half a|a half|half|an|a|single)")

_TEXT2NUM_WORDS = (set(UNIT_WORDS) | set(TEEN_WORDS) | set(TENS_WORDS) | {"hundred"}
                   | set(STANDARD_SCALES)) - {"nil", "fourty"}


def word_kind(w: str) -> str | None:
    """The kind of a number word: "unit", "teen", "tens", "hundred", "scale"; None for any other word."""
    if w in UNIT_WORDS:
        return "unit"
    if w in TEEN_WORDS:
        return "teen"
    if w in TENS_WORDS:
        return "tens"
    if w == "hundred":
        return "hundred"
    if w in SCALE_WORDS:
        return "scale"
    return None


def _word_value(w: str) -> float:
    return float(UNIT_WORDS.get(w) or TEEN_WORDS.get(w) or TENS_WORDS.get(w) or 0)


def _accumulate(words: list[str]) -> tuple[float, int]:
    """Value of the longest well-formed prefix of number words, and how many words it used.

    Handles English ("seven hundred twenty-one thousand twelve"), Indian ("three crore twelve
    lakh"), stacked scales ("three thousand millions") and the colloquial "one twenty two" (122).
    """
    total = 0.0
    current = 0.0
    last: str | None = None
    biggest = 0.0
    used = 0
    for i, w in enumerate(words):
        kind = word_kind(w)
        if kind is None:
            break
        if kind == "unit":
            if last in ("unit", "teen", "unit_after_tens"):
                break
            current += _word_value(w)
            last = "unit_after_tens" if last == "tens" else "unit"
        elif kind == "teen":
            if last not in (None, "hundred", "scale"):
                break
            current += _word_value(w)
            last = "teen"
        elif kind == "tens":
            if last == "unit" and i == 1 and 0 < current < 10 and total == 0:
                current = current * 100 + _word_value(w)  # "one twenty two"
                last = "tens"
                used = i + 1
                continue
            if last not in (None, "hundred", "scale"):
                break
            current += _word_value(w)
            last = "tens"
        elif kind == "hundred":
            if last == "hundred" or (last == "tens" and current % 100 == 0 and current >= 100):
                break
            if current >= 1000:
                break
            current = (current or 1.0) * 100
            last = "hundred"
        else:  # scale
            scale = SCALE_WORDS[w]
            if current == 0 and total == 0:
                current = 1.0
            if total and scale > biggest:
                total = (total + current) * scale
            elif current == 0:
                break
            else:
                total += current * scale
            biggest = max(biggest, scale)
            current = 0.0
            last = "scale"
        used = i + 1
    return total + current, used


@lru_cache(maxsize=8192)
def words_value(words: tuple[str, ...]) -> tuple[float, int]:
    """The value of the longest well-formed run of number words at the start of ``words`` (lower
    case, one word each, no "and") and how many words it used; (0.0, 0) when it starts with none."""
    value, used = _accumulate(list(words))
    if used == 0:
        return 0.0, 0
    run = words[:used]
    if all(w in _TEXT2NUM_WORDS for w in run) and not (
        used >= 2 and word_kind(run[0]) == "unit" and word_kind(run[1]) == "tens"
    ):
        try:
            return float(text2num(" ".join(run), "en")), used
        except ValueError:
            pass
    return value, used


_SPACES = re.compile(r"\s+")
_AND_FRACTION = re.compile(r"(.+?) and (a |an |one |two |three )?(half|quarters?)")
_GROUPED_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+")
_DECIMAL = re.compile(r"\d+(?:\.\d+)?")
_MIXED_FRACTION = re.compile(r"(\d+)\s+(\d)\s*/\s*(\d)")
_FRACTION = re.compile(r"(\d+)\s*/\s*(\d+)")


def parse_number(s: str) -> float | None:
    """The number a short phrase writes ("twenty-five", "1,500", "2.5", "1/2", "2 1/2", "a couple
    of", "an", "two and a half", "one hundred"), or None when the whole phrase is not a number."""
    s = s.strip().lower().replace("-", " ")
    s = _SPACES.sub(" ", s)
    if not s:
        return None
    m = _AND_FRACTION.fullmatch(s)
    if m:
        base = parse_number(m.group(1))
        if base is None:
            return None
        frac = {"half": 0.5, "quarter": 0.25, "quarters": 0.25}[m.group(3)]
        mult = {"two ": 2, "three ": 3}.get(m.group(2) or "", 1)
        return base + frac * mult
    if _GROUPED_DIGITS.fullmatch(s):
        return float(s.replace(",", ""))
    if _DECIMAL.fullmatch(s):
        return float(s)
    m = _MIXED_FRACTION.fullmatch(s)
    if m:
        d = int(m.group(3))
        return int(m.group(1)) + int(m.group(2)) / d if d else None
    m = _FRACTION.fullmatch(s)
    if m:
        d = int(m.group(2))
        return int(m.group(1)) / d if d else None
    if s in NUMBER_IDIOMS:
        return float(NUMBER_IDIOMS[s])
    words = tuple(s.split(" "))
    if all(word_kind(w) for w in words):
        value, used = words_value(words)
        if used == len(words):
            return value
    return None


#: a number as date and duration phrases write it: digits, a fraction, grouped digits or words,
#: with an optional "and a half" / "and three quarters"
NUMBER_PATTERN = (r"(?:(?:\d+\s+\d\s*/\s*\d|\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|\d+\s*/\s*\d+|" + NUMBER_WORD_PATTERN +
                  r")(?:\s+and\s+(?:a\s+|an\s+|one\s+|two\s+|three\s+)?(?:half|quarters?))?)")
#: a vague amount standing where a number would ("several", "a few", "dozens of")
VAGUE_AMOUNT_PATTERN = (r"(?:a\s+few|few|several|some|many|a\s+number\s+of|numerous|dozens\s+of|hundreds\s+of|"
                        r"thousands\s+of|a\s+couple\s+of|couple\s+of)")
