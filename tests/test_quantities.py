"""Tests for pipeline.normalise.quantities: number normalisation and the counted noun."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.normalise.quantities import MODIFIERS, QuantityValue, normalise_quantity

LABELS = ["CARDINAL", "QUANTITY", "MONEY", "PERCENT", "ORDINAL"]


def nq(phrase: str, label: str = "CARDINAL", **kw) -> QuantityValue | None:
    """Normalise a whole phrase."""
    return normalise_quantity(phrase, 0, len(phrase), label, **kw)


def approx(a: float | None, b: float) -> bool:
    return a is not None and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


# ---------------------------------------------------------------------------------------------
# plain numbers
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phrase,expected",
    [
        ("6,000", 6000),
        ("6,608", 6608),
        ("two", 2),
        ("a dozen", 12),
        ("two dozen", 24),
        ("thirty-three", 33),
        ("1.1k", 1100),
        ("100K", 100_000),
        ("2 million", 2_000_000),
        ("3.5bn", 3.5e9),
        ("one hundred thousand", 100_000),
        ("seven hundred twenty-one thousand and twelve", 721_012),
        ("three crore twelve lakh fifty-six thousand seven hundred twenty-one", 31_256_721),
        ("12 lakhs", 1_200_000),
        ("two point two million", 2_200_000),
        ("point 77", 0.77),
        (".77", 0.77),
        ("0033", 33),
        ("100,000.0", 100_000),
        ("-504", -504),
        ("minus 1,200,000", -1_200_000),
        ("negative five hundred and four", -504),
        ("one and a half", 1.5),
        ("2 and a half million", 2_500_000),
        ("half a million", 500_000),
        ("a quarter of a million", 250_000),
        ("1 1/2", 1.5),
        ("3/4", 0.75),
        ("forty-five (45)", 45),
        ("a couple of", 2),
        ("zero", 0),
    ],
)
def test_cardinal_values(phrase, expected):
    got = nq(phrase)
    assert got is not None, phrase
    assert approx(got.value, expected), (phrase, got)
    assert got.unit is None and got.currency is None


@pytest.mark.parametrize(
    "phrase,expected",
    [("two-thirds", 2 / 3), ("three quarters", 0.75), ("a third", 1 / 3), ("one-fifth", 0.2)],
)
def test_fractions(phrase, expected):
    got = nq(phrase)
    assert got is not None and approx(got.value, expected), (phrase, got)


def test_two_thirds_rounds_to_brief_value():
    got = nq("two-thirds")
    assert got is not None and round(got.value, 4) == 0.6667


# ---------------------------------------------------------------------------------------------
# modifiers and ranges
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phrase,value,mod",
    [
        ("nearly 50", 50, "APPROX"),
        ("about 1,500", 1500, "APPROX"),
        ("some 2,000", 2000, "APPROX"),
        ("an estimated 1.2 million", 1_200_000, "APPROX"),
        ("more than 27,000", 27_000, "MORE_THAN"),
        ("over 2 million", 2_000_000, "MORE_THAN"),
        ("upwards of 300", 300, "MORE_THAN"),
        ("less than 10", 10, "LESS_THAN"),
        ("fewer than 10", 10, "LESS_THAN"),
        ("under 5", 5, "LESS_THAN"),
        ("at least 12", 12, "AT_LEAST"),
        ("no more than 6", 6, "AT_MOST"),
        ("up to 100", 100, "AT_MOST"),
        ("100 or more", 100, "AT_LEAST"),
        ("exactly 7", 7, None),
        ("hundreds", 200, "AT_LEAST"),
        ("tens of thousands", 20_000, "AT_LEAST"),
    ],
)
def test_modifiers_inside_span(phrase, value, mod):
    got = nq(phrase)
    assert got is not None and approx(got.value, value) and got.mod == mod, (phrase, got)


def test_modifier_in_context_before_span():
    text = "Officials said nearly 50 people were hurt."
    start = text.index("50")
    got = normalise_quantity(text, start, start + 2, "CARDINAL")
    assert got == QuantityValue(50, None, None, "APPROX", None, None)
    text = "It drew more than 27,000 visitors."
    start = text.index("27,000")
    got = normalise_quantity(text, start, start + 6, "CARDINAL")
    assert got is not None and got.value == 27_000 and got.mod == "MORE_THAN"


def test_no_modifier_from_unrelated_context():
    text = "The nearly finished report counted 50 cases."
    start = text.index("50")
    got = normalise_quantity(text, start, start + 2, "CARDINAL")
    assert got is not None and got.mod is None


@pytest.mark.parametrize(
    "phrase,label,low,high,unit",
    [
        ("between 10 and 20", "CARDINAL", 10, 20, None),
        ("10-20 km", "QUANTITY", 10, 20, "km"),
        ("from 3km to 5km", "QUANTITY", 3, 5, "km"),
        ("2-3 million", "CARDINAL", 2e6, 3e6, None),
        ("two or three", "CARDINAL", 2, 3, None),
        ("10 to 15 per cent", "PERCENT", 10, 15, "%"),
    ],
)
def test_ranges(phrase, label, low, high, unit):
    got = nq(phrase, label)
    assert got is not None, phrase
    assert approx(got.low, low) and approx(got.high, high), (phrase, got)
    assert got.value == got.low  # documented: value is the low end
    assert got.unit == unit


def test_score_is_not_a_range():
    got = nq("3-1")
    assert got is not None and got.low is None and got.high is None


# ---------------------------------------------------------------------------------------------
# percent, money, quantities
# ---------------------------------------------------------------------------------------------


def test_percent():
    assert nq("25%", "PERCENT") == QuantityValue(25, None, None, None, "%", None)
    got = nq("twenty-five per cent", "PERCENT")
    assert got is not None and got.value == 25 and got.unit == "%"
    got = nq("2.5 percentage points", "PERCENT")
    assert got is not None and got.value == 2.5 and got.unit == "pp"


@pytest.mark.parametrize(
    "phrase,value,currency",
    [
        ("$3.5bn", 3.5e9, "USD"),
        ("£20", 20, "GBP"),
        ("£20m", 20e6, "GBP"),
        ("€1.2 billion", 1.2e9, "EUR"),
        ("20 euros", 20, "EUR"),
        ("500 yen", 500, "JPY"),
        ("Rs 5 crore", 5e7, "INR"),
        ("US$4.7 billion", 4.7e9, "USD"),
        ("HK$3bn", 3e9, "HKD"),
        ("50p", 0.5, "GBP"),
        ("10 cents", 0.1, "USD"),
        ("$20 and 43c", 20.43, "USD"),
        ("42 KWD", 42, "KWD"),
        ("a dollar", 1, "USD"),
    ],
)
def test_money(phrase, value, currency):
    got = nq(phrase, "MONEY")
    assert got is not None and approx(got.value, value) and got.currency == currency, (phrase, got)


def test_money_currency_sign_left_outside_the_span():
    text = "He paid $3.5bn for it"
    start = text.index("3.5bn")
    got = normalise_quantity(text, start, start + 5, "MONEY")
    assert got is not None and got.value == 3.5e9 and got.currency == "USD"


def test_scale_word_left_outside_the_span():
    text = "The fund has \u20b91,200 crore for roads."
    start = text.index("1,200")
    got = normalise_quantity(text, start, start + 5, "MONEY")
    assert got is not None and got.value == 1.2e10 and got.currency == "INR"


def test_percentage_mislabelled_as_money():
    got = nq("around 40 per cent", "MONEY")
    assert got == QuantityValue(40, None, None, "APPROX", "%", None)


def test_money_local_currency():
    assert nq("$10", "MONEY", local_currency="AUD").currency == "AUD"
    assert nq("$10", "MONEY", local_currency="GBP").currency == "USD"
    got = nq("10 grand", "MONEY", local_currency="GBP")
    assert got is not None and got.value == 10_000 and got.currency == "GBP"


def test_money_without_number_is_none():
    assert nq("exactly dollars", "MONEY") is None
    assert nq("grand", "MONEY") is None


@pytest.mark.parametrize(
    "phrase,value,unit",
    [
        ("3 km", 3, "km"),
        ("8 miles", 8, "mi"),
        ("5 kg", 5, "kg"),
        ("6 lbs", 6, "lb"),
        ("2l", 2, "l"),
        ("250ml", 250, "ml"),
        ("37°C", 37, "°C"),
        ("70 degrees F", 70, "°F"),
        ("5,000 square kilometres", 5000, "km²"),
        ("half a gallon", 0.5, "gal"),
        ("7 feet 10 inches", 94, "in"),
        ("2 km and 1 meter", 2001, "m"),
        ("- 2 degrees", -2, "°"),
    ],
)
def test_quantities(phrase, value, unit):
    got = nq(phrase, "QUANTITY")
    assert got is not None and approx(got.value, value) and got.unit == unit, (phrase, got)


def test_no_number_gives_none():
    for phrase, label in [("several", "CARDINAL"), ("the", "CARDINAL"), ("dollars", "MONEY"),
                          ("percent", "PERCENT"), ("last", "ORDINAL")]:
        assert nq(phrase, label) is None, phrase


def test_bad_offsets_and_inputs_do_not_raise():
    assert normalise_quantity("", 0, 0, "CARDINAL") is None
    assert normalise_quantity("abc 12", 10, 2, "CARDINAL") is None
    assert normalise_quantity("abc 12", -5, 100, "CARDINAL").value == 12
    assert normalise_quantity(None, 0, 3, "CARDINAL") is None  # type: ignore[arg-type]
    assert normalise_quantity("12", 0, 2, "WHATEVER").value == 12


# ---------------------------------------------------------------------------------------------
# property tests
# ---------------------------------------------------------------------------------------------

_alphabet = st.sampled_from(
    list("0123456789 ,.-/%$£€¥~'\"°()+abcdefghijklmnopqrstuvwxyzKMBT")
    + ["million", "thousand", "dozen", "half", "and", "between", "to", "point", "minus", "a ",
       "over ", "km", "degrees", "cents", "US$", "third", "lakh", "—", "\u00a0", "İ", "ﬁ"]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=60), start=st.integers(-10, 80), end=st.integers(-10, 80),
       label=st.sampled_from(LABELS + ["DATE", ""]))
def test_never_raises_on_arbitrary_text(text, start, end, label):
    got = normalise_quantity(text, start, end, label)
    assert got is None or isinstance(got, QuantityValue)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parts=st.lists(_alphabet, max_size=14), label=st.sampled_from(LABELS))
def test_never_raises_on_number_like_text(parts, label):
    text = "".join(parts)
    got = normalise_quantity(text, 0, len(text), label)
    if got is not None:
        assert got.mod is None or got.mod in MODIFIERS
        for x in (got.value, got.low, got.high):
            assert x is None or math.isfinite(x)
        if got.low is not None:
            assert got.high is not None and got.low < got.high


@settings(max_examples=200, deadline=None)
@given(n=st.integers(0, 10**12))
def test_digit_grouping_round_trips(n):
    assert nq(f"{n:,}").value == n
    assert nq(str(n)).value == n
