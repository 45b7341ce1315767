"""The number scanner: the number expressions in a lower-cased span, left to right (digits, words, fractions, scales)."""

from __future__ import annotations

import re
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
from pipeline.normalise.quantities.currencies import ARTICLE_CURRENCY_RE
from pipeline.normalise.quantities.units import ARTICLE_UNIT_RE

#: scale words that only make sense in a bare count (in money "kr" is a krona, "l" a litre...)
_CARDINAL_ONLY_SCALES = {"kr": 1e7, "krs": 1e7, "l": 1e5}
#: one-letter multipliers glued to digits ("100K", "3.5B", "1.2M", ".0012G")
_SUFFIX_SCALES = {"k": 1e3, "m": 1e6, "b": 1e9, "g": 1e9, "t": 1e12}
_TOKEN_RE = re.compile(
    r"(?P<num>\d+(?:,\d{3})+(?:\.\d+)?|\d*\.\d+|\d+)|(?P<word>[a-z]+)|(?P<sym>\S)"
)
#: a tens word glued to a unit word ("twentyfive", "fortysecond")
GLUED_TENS_RE = re.compile(
    r"\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?=(?:one|two|three|four|five|six|seven|eight|nine|first|second|third|fourth|fifth|"
    r"sixth|seventh|eighth|ninth)\b)"
)
_ORDINAL_DIGITS_RE = re.compile(r"(\d+(?:,\d{3})*)\s*(?:st|nd|rd|th|d)\b")
_ORDINAL_TOKENS = re.compile(r"[\s\-]+|(?<=\w)(?=[^\w\s])")


class Tok(NamedTuple):
    kind: str  # "num" | "word" | "sym"
    text: str
    start: int
    end: int


class Num(NamedTuple):
    value: float
    start: int
    end: int
    scaled: bool  # a multiplier was applied ("2 million", "3.5bn")
    vague: bool   # a vague plural ("hundreds of") -> AT_LEAST
    scale: float  # the multiplier (1.0 when none)


def tokenise(s: str) -> list[Tok]:
    return [Tok(m.lastgroup or "sym", m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(s)]


def digits_value(text: str) -> float:
    return float(text.replace(",", ""))


def is_adjacent(a: Tok, b: Tok) -> bool:
    return a.end == b.start


class Scanner:
    """Finds number expressions in a lower-cased, normalised span, left to right."""

    def __init__(self, s: str, label: str):
        self.s = s
        self.toks = tokenise(s)
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
        if w in SCALE_WORDS:
            return SCALE_WORDS[w]
        if w == "hundred":
            return 100.0
        if w in DOZEN_WORDS:
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
                if self.word(j) == "of" and self.word(j + 1) in PLURAL_SCALES and scale > 1:
                    sc = PLURAL_SCALES[self.word(j + 1) or ""]
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
        while self.word(j) in UNIT_WORDS and (self.word(j) not in ("nil",)):
            digits += str(UNIT_WORDS[self.word(j) or ""])
            j += 1
        return (digits, j) if digits else None

    def _and_a_fraction(self, j: int) -> tuple[float, int]:
        """ "and a half" / "and a quarter" / "and three quarters" after a whole number."""
        if self.word(j) == "and":
            if self.word(j + 1) in ("a", "an", "one") and self.word(j + 2) in FRACTION_DENOMINATORS:
                w = self.word(j + 2) or ""
                if w in ("half", "third", "quarter", "fourth", "fifth", "eighth", "tenth"):
                    return 1.0 / FRACTION_DENOMINATORS[w], j + 3
            if self.word(j + 1) in UNIT_WORDS and self.word(j + 2) in FRACTION_DENOMINATORS:
                w = self.word(j + 2) or ""
                if w.endswith("s"):
                    return UNIT_WORDS[self.word(j + 1) or ""] / FRACTION_DENOMINATORS[w], j + 3
        return 0.0, j

    def _fraction_after(self, value: float, j: int) -> tuple[float, int] | None:
        """ "two-thirds", "three quarters", "1 third": a small whole number over a denominator."""
        k = j
        if self.sym(k) == "-" and is_adjacent(self.toks[k - 1], self.toks[k]):
            k += 1
        w = self.word(k)
        if w in FRACTION_DENOMINATORS and value == int(value) and 0 < value < 1000:
            if self.label == "ORDINAL" or (self.label == "MONEY" and w.startswith("quarter")):
                return None
            if value == 1 or w.endswith("s") or w in ("half", "quarter", "third"):
                return value / FRACTION_DENOMINATORS[w], k + 1
        return None

    # -- main ----------------------------------------------------------------------------
    def number_at(self, i: int) -> Num | None:
        t = self.toks[i]
        if t.kind == "num":
            return self._digits_number(i)
        if t.kind == "word":
            return self._word_number(i)
        return None

    def _digits_number(self, i: int) -> Num | None:
        t = self.toks[i]
        value = digits_value(t.text)
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
              and is_adjacent(t, self.toks[j]) and is_adjacent(self.toks[j], self.toks[j + 1])
              and "," not in t.text and "." not in t.text):
            den = digits_value(self.toks[j + 1].text)
            if den and self.label not in ("MONEY",):
                value = value / den
                j += 2
        # "1 1/2", "2 3/4": a whole number and a proper fraction
        elif (j + 2 < self.n and self.toks[j].kind == "num" and self.sym(j + 1) == "/"
              and self.toks[j + 2].kind == "num" and t.text.isdigit()
              and is_adjacent(self.toks[j], self.toks[j + 1])
              and is_adjacent(self.toks[j + 1], self.toks[j + 2])
              and self.toks[j].text.isdigit() and self.toks[j + 2].text.isdigit()
              and 0 < int(self.toks[j].text) < int(self.toks[j + 2].text)):
            value += int(self.toks[j].text) / int(self.toks[j + 2].text)
            j += 3
        frac, j = self._and_a_fraction(j)
        value += frac
        scale = 1.0
        # glued multiplier: "100K", "3.5bn", "1.2M", "10k$"; in QUANTITY these letters are units
        w = self.word(j)
        if w is not None and is_adjacent(self.toks[j - 1], self.toks[j]):
            if w in _SUFFIX_SCALES and self.label in ("CARDINAL", "MONEY", "PERCENT") and not (
                w == "t" and self.label != "MONEY") and not (w == "g" and self.label == "MONEY"):
                scale = _SUFFIX_SCALES[w]
                value *= scale
                j += 1
        value, j, more = self._apply_scales(value, j)
        scale *= more
        end = self.toks[j - 1].end
        return Num(value, t.start, end, scale > 1, False, scale)

    def _word_number(self, i: int) -> Num | None:
        """A number starting with the word at ``i``: counts ("a couple"), vague amounts ("several
        hundred", "hundreds"), "point 77", fractions ("a quarter of a million") or number words."""
        w = self.toks[i].text
        nxt = self.word(i + 1)
        if w in APPROX_COUNTS or (w in ("a", "an") and nxt in APPROX_COUNTS):
            return self._approximate_count(i)
        if w in ("several", "many", "numerous") and (self._scale_word(nxt) is not None or nxt in PLURAL_SCALES):
            # "several hundred", "many thousands": vague, at least two of the scale
            sc = self._scale_word(nxt) or PLURAL_SCALES[nxt or ""]
            value, j, scale = self._apply_scales(2.0 * sc, i + 2)
            return Num(value, self.toks[i].start, self.toks[j - 1].end, True, True, sc * scale)
        if w == "single" and self.label in ("CARDINAL", "QUANTITY"):
            return Num(1.0, self.toks[i].start, self.toks[i].end, False, False, 1.0)
        if w == "point":  # "point 77" / "point seven seven"
            dec = self._decimal_digits(i + 1)
            if dec:
                value, j, scale = self._apply_scales(float(f"0.{dec[0]}"), dec[1])
                return Num(value, self.toks[i].start, self.toks[j - 1].end, scale > 1, False, scale)
            return None
        if w in ("a", "an") and nxt is not None:
            return self._after_article(i, nxt)
        if w in FRACTION_DENOMINATORS and self.label != "ORDINAL" and not (
                self.label == "MONEY" and w.startswith("quarter")):
            return self._bare_fraction(i, w, nxt)
        if w in PLURAL_SCALES and not (i > 0 and self.toks[i - 1].kind == "num"):
            return self._vague_plural(i, w, nxt)
        if word_kind(w) is None:
            return None
        return self._word_run(i)

    def _approximate_count(self, i: int) -> Num:
        """ "a couple (of)", "a pair", "a few", "few", "couple", with a scale after it."""
        start = self.toks[i].start
        k = i if self.toks[i].text in APPROX_COUNTS else i + 1
        value = APPROX_COUNTS[self.toks[k].text]
        j = k + 1
        if self.word(j) == "of":
            j += 1
        value, j2, scale = self._apply_scales(value, j)
        if j2 > j:
            return Num(value, start, self.toks[j2 - 1].end, True, False, scale)
        return Num(value, start, self.toks[j - 1].end, False, False, 1.0)

    def _after_article(self, i: int, nxt: str) -> Num | None:
        """ "a dozen", "a million", "a hundred", "a half", "a quarter", "a third"; "a dollar",
        "a liter" (an implicit one)."""
        start = self.toks[i].start
        sc = self._scale_word(nxt)
        if sc is not None and nxt not in PLURAL_SCALES:
            value, j, scale = self._apply_scales(1.0, i + 1)
            if self.word(j) == "of" and nxt in DOZEN_WORDS:
                j += 1
            return Num(value, start, self.toks[j - 1].end, True, False, scale)
        rx = ARTICLE_CURRENCY_RE if self.label == "MONEY" else (
            ARTICLE_UNIT_RE if self.label == "QUANTITY" else None)
        prev = self.word(i - 1)
        if (rx is not None and rx.match(self.s, self.toks[i].end)
                and prev not in FRACTION_DENOMINATORS and prev != "of"):
            return Num(1.0, start, self.toks[i].end, False, False, 1.0)
        if (nxt in FRACTION_DENOMINATORS and self.label != "ORDINAL" and not nxt.endswith("s")
                and not (self.label == "MONEY" and nxt == "quarter")):
            value = 1.0 / FRACTION_DENOMINATORS[nxt]
            k = i + 2
            if self.word(k) == "of":
                k += 1
            if self.word(k) in ("a", "an"):
                k += 1
            value, j, scale = self._apply_scales(value, k)
            if j == k:
                j = i + 2
            return Num(value, start, self.toks[j - 1].end, scale > 1, False, scale)
        return None

    def _bare_fraction(self, i: int, w: str, nxt: str | None) -> Num | None:
        """ "half", "quarter", "tenth of": a fraction word without a numerator ("half a million",
        "a quarter of a billion")."""
        if w in ("half", "quarter") or nxt in ("of", "a", "an"):
            k = i + 1
            if self.word(k) == "of":
                k += 1
            if self.word(k) in ("a", "an"):
                k += 1
            value, j, scale = self._apply_scales(1.0 / FRACTION_DENOMINATORS[w], k)
            if j == k:
                j = i + 1
            return Num(value, self.toks[i].start, self.toks[j - 1].end, scale > 1, False, scale)
        return None

    def _vague_plural(self, i: int, w: str, nxt: str | None) -> Num | None:
        """ "hundreds", "dozens of", "tens of thousands": twice the scale, at least."""
        if w == "tens" and not (nxt == "of" and self.word(i + 2) in PLURAL_SCALES):
            return None
        value = 2.0 * PLURAL_SCALES[w]
        j = i + 1
        while self.word(j) == "of" and self.word(j + 1) in PLURAL_SCALES:
            value *= PLURAL_SCALES[self.word(j + 1) or ""]
            j += 2
        return Num(value, self.toks[i].start, self.toks[j - 1].end, True, True, value / 2)

    def _word_run(self, i: int) -> Num | None:
        """A run of number words joined by hyphens or "and" ("seven hundred and twenty-one"),
        with a decimal part, a fraction and scales after it."""
        words: list[str] = []
        idx: list[int] = []
        j = i
        while j < self.n:
            tw = self.word(j)
            if tw is not None and word_kind(tw) is not None:
                words.append(tw)
                idx.append(j)
                j += 1
                continue
            if (self.sym(j) == "-" and words and j + 1 < self.n
                    and is_adjacent(self.toks[j - 1], self.toks[j])
                    and is_adjacent(self.toks[j], self.toks[j + 1])
                    and self.word(j + 1) is not None and word_kind(self.word(j + 1) or "")):
                j += 1
                continue
            if (tw == "and" and words and self.word(j + 1) is not None
                    and word_kind(self.word(j + 1) or "") in ("unit", "teen", "tens")
                    and word_kind(words[-1]) in ("hundred", "scale")):
                j += 1
                continue
            break
        value, used = words_value(tuple(words))
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
        if self.word(j) == "of" and self.word(j - 1) in DOZEN_WORDS:
            j += 1
        return Num(value, self.toks[i].start, self.toks[j - 1].end, scale > 1 or any(
            word_kind(x) == "scale" for x in words[:used]), False, scale)

    def numbers(self) -> list[Num]:
        out: list[Num] = []
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


def ordinal_value(low: str) -> float | None:
    """The rank an ordinal span writes ("third" -> 3, "21st" -> 21, "one hundred and first" -> 101)."""
    m = _ORDINAL_DIGITS_RE.search(low)
    if m:
        return digits_value(m.group(1))
    s = GLUED_TENS_RE.sub(r"\1 ", low)
    toks = _ORDINAL_TOKENS.split(s)
    words = [t for t in toks if t.isalpha()]
    for k, w in enumerate(words):
        card = ORDINAL_IRREGULAR.get(w)
        if card is None:
            if w.endswith("ieth"):
                card = w[:-4] + "y"
            elif w.endswith("th") and word_kind(w[:-2]) is not None:
                card = w[:-2]
        if card is None:
            continue
        run = [card]
        b = k - 1
        while b >= 0 and (word_kind(words[b]) is not None or words[b] == "and"):
            run.insert(0, words[b])
            b -= 1
        run = [x for x in run if x != "and"]
        # keep the longest suffix of the run that is well formed
        for a in range(len(run)):
            value, used = words_value(tuple(run[a:]))
            if used == len(run) - a:
                return value
        return None
    return None
