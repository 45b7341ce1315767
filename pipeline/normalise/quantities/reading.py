"""Reading one numeric span: the registered steps, in order, from the numbers the scanner finds to a QuantityValue.

The steps share a :class:`_Reading` (the span, the numbers found, the value so far); each step
records its name in ``read_by`` when it changes the reading.  Order: the label is checked
(a percentage mislabelled as money; ordinals read apart), the numbers are scanned, then
sign, modifier, two numbers (compound measure, dollars and cents, range), modifier after, unit,
currency, and a scale word left after the span.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.normalise.quantities.currencies import (
    CONTEXT_CURRENCY_RE,
    CURRENCY_ALIASES,
    CurrencyHit,
    currency_hits,
    currency_near,
    resolve_currency,
)
from pipeline.normalise.quantities.modifiers import POST_MOD_RE, modifier_before
from pipeline.normalise.quantities.registry import QUANTITY_RULES, qx
from pipeline.normalise.quantities.scanner import GLUED_TENS_RE, Num, Scanner, ordinal_value
from pipeline.normalise.quantities.units import UNIT_FACTOR, UnitHit, convert, sum_compound, unit_after, unit_symbol
from pipeline.normalise.quantities.value import QuantityValue

_DASHES_RE = re.compile(r"[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")
_SPACES_RE = re.compile(r"[\s\u00a0\u2009\u202f]+")
_PERCENT_IN_SPAN_RE = re.compile(r"%|\bper ?cent\b|\bpct\b")
_BELOW_ZERO_RE = re.compile(r"\bbelow (?:zero|freezing)\b")
_RANGE_START_RE = re.compile(r"(?:^|[^a-z])(between|from|range of|ranging from)\s*$")
_GAP_FILLER_RE = re.compile(r"\b(?:about|around|approximately|roughly|nearly|almost|some|an estimated)\b|~|≈")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_RANGE_GAPS = ("-", "to", "through", "thru", "till", "until", "or", "-to")
_COMPOUND_GAPS = ("", ",", "and", ", and", ",and")
_OPEN_MODS = ("MORE_THAN", "LESS_THAN", "AT_LEAST", "AT_MOST")


def prepare(s: str) -> str:
    """One kind of dash, straight quotes, single spaces."""
    s = _DASHES_RE.sub("-", s)
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u201d", '"').replace("\u201c", '"')
    s = _SPACES_RE.sub(" ", s)
    return s


@dataclass
class _Reading:
    """The state of reading one span (see the module docstring)."""

    label: str
    orig: str
    low: str
    ctx: str
    local: str | None
    nums: list[Num] = field(default_factory=list)
    cur_hits: list[CurrencyHit] = field(default_factory=list)
    value: float | None = None
    low_v: float | None = None
    high_v: float | None = None
    mod: str | None = None
    unit: str | None = None
    currency: str | None = None
    negative: bool = False
    prefix: str = ""
    range_start: bool = False
    unit_hits: list[UnitHit | None] = field(default_factory=list)
    combined: bool = False
    read_by: list[str] = field(default_factory=list)

    @property
    def money(self) -> bool:
        return self.label == "MONEY"

    @property
    def first(self) -> Num:
        return self.nums[0]

    @property
    def second(self) -> Num | None:
        return self.nums[1] if len(self.nums) > 1 else None

    def scale(self, factor: float) -> None:
        """Multiply the value and both ends of a range by ``factor``."""
        self.value *= factor
        self.low_v = None if self.low_v is None else self.low_v * factor
        self.high_v = None if self.high_v is None else self.high_v * factor


rule = QUANTITY_RULES.rule


@rule("percent_in_span", examples=[qx("around 40 per cent", "MONEY", value=40, unit="%", mod="APPROX")],
      negatives=[qx("40 cents", "MONEY")])
def percent_in_span(r: _Reading) -> None:
    """A percentage the model labelled as money or a count ("around 40 per cent" tagged MONEY) is one."""
    if r.label in ("MONEY", "CARDINAL", "QUANTITY") and _PERCENT_IN_SPAN_RE.search(r.low):
        r.label = "PERCENT"
        r.read_by.append("percent_in_span")


@rule("ordinal", examples=[qx("third", "ORDINAL", value=3), qx("21st", "ORDINAL", value=21),
                           qx("twenty-fifth", "ORDINAL", value=25), qx("twentyfifth", "ORDINAL", value=25),
                           qx("one hundred and first", "ORDINAL", value=101), qx("100th", "ORDINAL", value=100),
                           qx("first", "ORDINAL", value=1), qx("forty—second", "ORDINAL", value=42),
                           qx("ninetieth", "ORDINAL", value=90)],
      negatives=[qx("last", "ORDINAL"), qx("a third", "CARDINAL")])
def ordinal(r: _Reading) -> QuantityValue | None:
    """ORDINAL spans give the rank ("third" -> 3, "21st" -> 21); failing that, the first number."""
    v = ordinal_value(r.low)
    if v is None:
        nums = Scanner(r.low, "CARDINAL").numbers()
        v = nums[0].value if nums else None
    return None if v is None else QuantityValue(v, None, None, None, None, None, ("ordinal",))


@rule("glued_tens", examples=[qx("twentyfive", value=25)], negatives=[qx("twenty-five")])
def glued_tens(r: _Reading) -> None:
    """A tens word glued to a unit word is two words ("twentyfive" -> "twenty five")."""
    if any(t in r.low for t in _TENS):
        low2 = GLUED_TENS_RE.sub(r"\1 ", r.low)
        if low2 != r.low:
            r.low = low2
            r.orig = low2  # only lower-case words changed length; ISO codes are not affected
            r.read_by.append("glued_tens")


@rule("coin_alone", genre="duckling", examples=[qx("dime", "MONEY", value=0.1, currency="USD"),
                                                qx("nickels", "MONEY", value=0.05, currency="USD")],
      negatives=[qx("dollars", "MONEY")])
def coin_alone(r: _Reading) -> None:
    """A coin named alone ("dime", "a nickel") is one of it."""
    h = r.cur_hits
    if not r.nums and r.money and h and h[0].minor < 1.0 and not r.low[: h[0].start].strip():
        r.nums = [Num(1.0, 0, 0, False, False, 1.0)]
        r.read_by.append("coin_alone")


@rule("negative_sign", examples=[qx("-504", value=-504), qx("minus 1,200,000", value=-1_200_000),
                                 qx("negative five hundred and four", value=-504)],
      negatives=[qx("3-1"), qx("1 - 2")])
def negative_sign(r: _Reading) -> None:
    """A leading minus sign or "minus"/"negative" makes the number negative."""
    before = r.low[: r.first.start].rstrip()
    if (before.endswith("-") and not before[:-1].strip(" ~")) or before.endswith(("minus", "negative")):
        r.negative = True
        r.read_by.append("negative_sign")


@rule("below_zero", examples=[qx("5 degrees below zero", "QUANTITY", value=-5, unit="°")],
      negatives=[qx("5 degrees", "QUANTITY")])
def below_zero(r: _Reading) -> None:
    """ "below zero" / "below freezing" after the number makes it negative."""
    if _BELOW_ZERO_RE.search(r.low, r.first.end):
        r.negative = True
        r.read_by.append("below_zero")


def _prefix(r: _Reading) -> str:
    """What stands before the first number, without its sign."""
    before = r.low[: r.first.start].rstrip()
    prefix = before[:-1] if before.endswith("-") and r.negative else before
    if prefix.endswith(("minus", "negative")):
        prefix = prefix.rsplit(" ", 1)[0] if " " in prefix else ""
    return prefix


@rule("modifier_in_span", examples=[qx("nearly 50", value=50, mod="APPROX"), qx("more than 27,000", mod="MORE_THAN"),
                                    qx("up to 100", mod="AT_MOST"), qx("at least 12", mod="AT_LEAST"),
                                    qx("under 5", mod="LESS_THAN"), qx("over $2m", "MONEY", mod="MORE_THAN")],
      negatives=[qx("exactly 7"), qx("between 10 and 20")])
def modifier_in_span(r: _Reading) -> None:
    """A modifier before the number inside the span ("nearly 50", "more than 27,000")."""
    r.prefix = _prefix(r)
    r.mod = modifier_before(r.prefix)
    prefix_core = r.prefix
    cm = CONTEXT_CURRENCY_RE.search(prefix_core) if r.money else None
    if cm:
        prefix_core = prefix_core[: cm.start(1)].rstrip()
    r.range_start = _RANGE_START_RE.search(prefix_core) is not None
    if r.mod is not None:
        r.read_by.append("modifier_in_span")


@rule("modifier_in_context", examples=[qx("Officials said nearly [50] people were hurt.", value=50, mod="APPROX"),
                                       qx("It drew more than [27,000] visitors.", mod="MORE_THAN"),
                                       qx("He paid about $[10]", "MONEY", mod="APPROX")],
      negatives=[qx("The nearly finished report counted [50] cases.")])
def modifier_in_context(r: _Reading) -> None:
    """A modifier spaCy left just before the span ("nearly [50] people")."""
    if r.mod is None and not r.range_start:
        stripped = r.prefix
        if not stripped or CONTEXT_CURRENCY_RE.fullmatch(stripped.strip()) or stripped in ("a", "an"):
            r.mod = modifier_before((r.ctx + " " + r.prefix).strip())
            if r.mod is not None:
                r.read_by.append("modifier_in_context")


@rule("approx_sign", examples=[qx("~+50", value=50, mod="APPROX")], negatives=[qx("50"), qx("~50")])
def approx_sign(r: _Reading) -> None:
    """A tilde or ≈ before the number that is not a modifier word's place ("~+50"; "~50" is read in the span)."""
    if r.mod is None and ("~" in r.prefix or "≈" in r.prefix):
        r.mod = "APPROX"
        r.read_by.append("approx_sign")


@rule("vague_plural", examples=[qx("hundreds", value=200, mod="AT_LEAST"), qx("tens of thousands", value=20_000, mod="AT_LEAST"),
                                qx("several hundred", value=200, mod="AT_LEAST")],
      negatives=[qx("two hundred"), qx("tens")])
def vague_plural(r: _Reading) -> None:
    """A vague plural ("hundreds", "dozens of", "several hundred") is at least twice its scale."""
    if r.first.vague and r.mod is None:
        r.mod = "AT_LEAST"
        r.read_by.append("vague_plural")


def _gap(r: _Reading) -> tuple[str, bool]:
    """What stands between the first two numbers (fillers and currency signs out), and whether it makes a range."""
    first, second = r.first, r.second
    gap_start = first.end
    if r.unit_hits and r.unit_hits[0] is not None:
        gap_start = max(gap_start, r.unit_hits[0].end)
    gap_core = _GAP_FILLER_RE.sub(" ", r.low[gap_start:second.start])
    if r.money:
        for h in r.cur_hits:
            if gap_start <= h.start and h.end <= second.start:
                gap_core = gap_core.replace(r.low[h.start:h.end], " ")
    gap_core = " ".join(gap_core.split())
    return gap_core, gap_core in _RANGE_GAPS or (r.range_start and gap_core in ("and", "to", "-"))


@rule("compound_measure", examples=[qx("7 feet 10 inches", "QUANTITY", value=94, unit="in"),
                                    qx("2 km and 1 meter", "QUANTITY", value=2001, unit="m")],
      negatives=[qx("10-20 km", "QUANTITY")])
def compound_measure(r: _Reading) -> bool:
    """ "7 feet 10 inches", "2 km and 1 metre": summed in the smallest unit written."""
    total = sum_compound(r.nums, r.unit_hits, r.low)
    if total is None:
        return False
    r.value, r.unit = total
    r.combined = True
    r.read_by.append("compound_measure")
    return True


@rule("dollars_and_cents", genre="duckling", examples=[qx("$20 and 43c", "MONEY", value=20.43, currency="USD"),
                                                       qx("20 dollars 43 cents", "MONEY", value=20.43)],
      negatives=[qx("$20 and 143", "MONEY"), qx("between $20 and 43", "MONEY")])
def dollars_and_cents(r: _Reading) -> None:
    """ "$20 and 43c", "20 dollars 43 cents", "US$3 and fourteen": a whole amount and its cents."""
    first, second = r.first, r.second
    major = currency_near(r.cur_hits, first, r.low)
    after2 = [h for h in r.cur_hits if h.start >= second.end]
    nxt = after2[0] if after2 and not r.low[second.end:after2[0].start].strip() else None
    if (major is not None and major.minor == 1.0 and second.value == int(second.value)
            and 0 <= second.value < 100 and not second.scaled
            and (nxt is None or nxt.minor < 1.0) and major.end <= second.start):
        r.value = first.value + second.value / 100.0
        r.combined = True
        r.read_by.append("dollars_and_cents")


@rule("range", examples=[qx("between 10 and 20", low=10, high=20), qx("10-20 km", "QUANTITY", low=10, high=20, unit="km"),
                         qx("from 3km to 5km", "QUANTITY", low=3, high=5), qx("2-3 million", low=2e6, high=3e6),
                         qx("two or three", low=2, high=3), qx("10 to 15 per cent", "PERCENT", low=10, high=15, unit="%")],
      negatives=[qx("3-1"), qx("10 and 20")])
def closed_range(r: _Reading) -> None:
    """Two numbers joined by "-", "to", "or" (or "and" after "between"): a closed range; the
    value is its low end, and a scale written once applies to both ends ("2-3 million")."""
    first, second = r.first, r.second
    a, b = first.value, second.value
    if second.scaled and not first.scaled and a * second.scale <= b:
        a *= second.scale
    if r.label == "QUANTITY" and r.unit_hits:
        u1, u2 = r.unit_hits[0], r.unit_hits[1]
        if u1 is not None and u2 is not None and u1.target != u2.target:
            conv = convert(a, u1.target, u2.target)
            if conv is not None:
                a = conv
    if r.negative:
        a = -a
        r.negative = False
    if a < b:
        r.low_v, r.high_v = a, b
        r.value = a
        r.combined = True
        if r.mod in _OPEN_MODS:
            r.mod = None
        r.read_by.append("range")


def _two_numbers(r: _Reading) -> None:
    """The first two numbers together: a compound measure, dollars and cents, or a range."""
    gap_core, is_range_gap = _gap(r)
    hits = r.unit_hits
    if (r.label == "QUANTITY" and not is_range_gap and hits and hits[0] is not None
            and hits[1] is not None and gap_core in _COMPOUND_GAPS
            and not hits[0].target.startswith("@") and not hits[1].target.startswith("@")):
        compound_measure(r)
    elif r.money and gap_core in ("", "and", ",") and not r.range_start:
        dollars_and_cents(r)
    if not r.combined and is_range_gap:
        closed_range(r)


@rule("post_modifier", examples=[qx("100 or more", value=100, mod="AT_LEAST"), qx("100-odd", mod="APPROX"),
                                 qx("40-plus", mod="AT_LEAST"), qx("5 km or so", "QUANTITY", mod="APPROX")],
      negatives=[qx("100 more")])
def post_modifier(r: _Reading) -> None:
    """A modifier after the number ("50 or more", "100-odd", "40-plus")."""
    if r.mod is not None:
        return
    two = r.combined and r.second is not None
    tail_from = (r.nums[1] if two else r.first).end
    if r.unit_hits:
        uh = r.unit_hits[1] if (two and len(r.unit_hits) > 1) else r.unit_hits[0]
        if uh is not None:
            tail_from = max(tail_from, uh.end)
    pm = POST_MOD_RE.match(r.low, tail_from)
    if pm:
        r.mod = "AT_LEAST" if pm.group(1) else "AT_MOST" if pm.group(2) else "APPROX"
        r.read_by.append("post_modifier")


@rule("percentage_points", examples=[qx("2.5 percentage points", "PERCENT", value=2.5, unit="pp"),
                                     qx("25 basis points", "PERCENT", value=0.25, unit="pp")],
      negatives=[qx("25%", "PERCENT")])
def percent_unit(r: _Reading) -> None:
    """A percentage's unit: "%", or "pp" for percentage points (basis points are hundredths of one)."""
    hit = next((h for h in r.unit_hits if h is not None), None)
    if hit is not None and hit.target == "@pp":
        r.unit = "pp"
        r.scale(UNIT_FACTOR.get(hit.surface, 1.0))
        r.read_by.append("percentage_points")
    else:
        r.unit = "%"


@rule("quantity_unit", examples=[qx("3 km", "QUANTITY", unit="km"), qx("37°C", "QUANTITY", unit="°C"),
                                 qx("5,000 square kilometres", "QUANTITY", unit="km²"), qx("half a gallon", "QUANTITY", unit="gal"),
                                 qx("- 2 degrees", "QUANTITY", value=-2, unit="°"), qx("three furlongs", "QUANTITY", unit="fur")],
      negatives=[qx("3 people", "QUANTITY")])
def quantity_unit(r: _Reading) -> None:
    """The unit written after a measure ("3 km", "70 degrees F"; a bare "degrees" below zero is "°")."""
    if _BELOW_ZERO_RE.search(r.low) or "above zero" in r.low:
        r.unit = "°"
    hit = None
    if r.low_v is not None and len(r.unit_hits) > 1 and r.unit_hits[1] is not None:
        hit = r.unit_hits[1]
    if hit is None:
        hit = next((h for h in r.unit_hits if h is not None), None)
    if hit is not None:
        r.unit = unit_symbol(hit.target)
    if r.unit is not None:
        r.read_by.append("quantity_unit")


@rule("currency", examples=[qx("$3.5bn", "MONEY", value=3.5e9, currency="USD"), qx("£20m", "MONEY", currency="GBP"),
                            qx("Rs 5 crore", "MONEY", value=5e7, currency="INR"), qx("42 KWD", "MONEY", currency="KWD"),
                            qx("$10", "MONEY", local_currency="AUD", currency="AUD"), qx("a dollar", "MONEY", value=1)],
      negatives=[qx("20 dinars", "MONEY")])
def currency(r: _Reading) -> None:
    """The currency of an amount: the marker next to the number (or just before the span), resolved
    to an ISO code (dollar and pound signs to the article's home currency when it is one); minor
    units ("cents", "50p") and "grand" scale the value."""
    hit = currency_near(r.cur_hits, r.first, r.low)
    if hit is None:
        cm = CONTEXT_CURRENCY_RE.search(r.ctx)
        if cm:
            hit = CurrencyHit(CURRENCY_ALIASES.get(cm.group(1), "?"), 1.0, -1, -1)
            r.read_by.append("currency_in_context")
    if hit is None:
        return
    surface = r.low[hit.start:hit.end] if hit.start >= 0 else ""
    if hit.minor < 1.0 and not r.combined:
        major_hit = next((h for h in r.cur_hits if h.minor == 1.0), None)
        r.scale(hit.minor)
        r.currency = resolve_currency(major_hit.target if major_hit else hit.target, r.local)
        r.read_by.append("minor_unit")
    elif surface == "grand":
        r.scale(1000.0)
        r.currency = r.local or "USD"
        r.read_by.append("grand")
    else:
        r.currency = resolve_currency(hit.target, r.local)
    if r.currency is not None:
        r.read_by.append("currency")


QUANTITY_RULES.add("currency_in_context", currency, examples=[
    qx("He paid $[3.5bn] for it", "MONEY", value=3.5e9, currency="USD")], negatives=[qx("3.5bn", "MONEY")])
QUANTITY_RULES.add("minor_unit", currency, examples=[
    qx("10 cents", "MONEY", value=0.1, currency="USD"), qx("50p", "MONEY", value=0.5, currency="GBP")],
    negatives=[qx("$10", "MONEY")])
QUANTITY_RULES.add("grand", currency, genre="duckling", examples=[
    qx("10 grand", "MONEY", local_currency="GBP", value=10_000, currency="GBP")], negatives=[qx("grand", "MONEY")])


@rule("scale_after_span", examples=[qx("The fund has \u20b9[1,200] crore for roads.", "MONEY", value=1.2e10, currency="INR")],
      negatives=[qx("[1,200 crore]", "MONEY"), qx("[2 million] million")])
def scale_after_span(r: _Reading, tail_scale: float) -> None:
    """A scale word spaCy left just after the span ("Rs [500] crore") multiplies it, unless the span has one."""
    if tail_scale != 1.0 and not any(n.scaled for n in r.nums):
        r.scale(tail_scale)
        r.read_by.append("scale_after_span")


def _sign_and_modifiers(r: _Reading) -> None:
    negative_sign(r)
    below_zero(r)
    modifier_in_span(r)
    modifier_in_context(r)
    approx_sign(r)
    vague_plural(r)


@lru_cache(maxsize=65536)
def read_span(span: str, context: str, label: str, local: str | None,
              tail_scale: float = 1.0) -> QuantityValue | None:
    """The cached reading of a span: its text, 48 characters of left context, label, local
    currency, and the multiplier of a scale word written just after the span."""
    orig = prepare(span).strip()
    r = _Reading(label.upper(), orig, orig.lower(), prepare(context).lower(), local)
    percent_in_span(r)
    if r.label == "ORDINAL":
        return ordinal(r)
    glued_tens(r)
    r.nums = Scanner(r.low, r.label).numbers()
    r.cur_hits = currency_hits(r.low, r.orig, coins=r.money) if r.money else []
    coin_alone(r)
    if not r.nums:
        return None
    r.value = r.first.value
    _sign_and_modifiers(r)
    if r.label in ("QUANTITY", "PERCENT"):
        r.unit_hits = [unit_after(r.low, n.end, r.label) for n in r.nums]
    if r.second is not None:
        _two_numbers(r)
    if r.negative:
        r.value = -r.value
    post_modifier(r)
    if r.label == "PERCENT":
        percent_unit(r)
    elif r.label == "QUANTITY" and r.unit is None:
        quantity_unit(r)
    if r.money:
        currency(r)
    scale_after_span(r, tail_scale)
    if not all(x is None or math.isfinite(x) for x in (r.value, r.low_v, r.high_v)):
        return None
    return QuantityValue(r.value, r.low_v, r.high_v, r.mod, r.unit, r.currency, tuple(r.read_by))
