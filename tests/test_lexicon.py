"""The shared lexicon: word tables agree with their patterns, and the one number-word parser."""

from __future__ import annotations

import re

import pytest

from pipeline.lexicon.calendar_words import MONTH_PATTERN, MONTHS, WEEKDAY_PATTERN, WEEKDAYS
from pipeline.lexicon.numbers import NUMBER_WORD_PATTERN, parse_number, words_value


@pytest.mark.parametrize("table,pattern", [(MONTHS, MONTH_PATTERN), (WEEKDAYS, WEEKDAY_PATTERN)])
def test_calendar_patterns_match_their_tables(table, pattern):
    rx = re.compile(pattern)
    assert all(rx.fullmatch(w) and rx.fullmatch(w + ".") for w in table)
    alternatives = set(pattern[3 : pattern.index(")")].split("|"))
    assert alternatives == set(table)


@pytest.mark.parametrize("phrase,value", [
    ("twenty-five", 25), ("1,500", 1500), ("2.5", 2.5), ("1/2", 0.5), ("2 1/2", 2.5), ("a couple of", 2),
    ("an", 1), ("half an", 0.5), ("two and a half", 2.5), ("one and three quarters", 1.75), ("one hundred", 100),
    ("a thousand", 1000), ("nineteen", 19), ("seven hundred and", None), ("several", None), ("10/0", None),
    ("", None), ("forty two", 42),
])
def test_parse_number(phrase, value):
    assert parse_number(phrase) == value


def test_every_number_word_pattern_form_parses():
    forms = NUMBER_WORD_PATTERN[NUMBER_WORD_PATTERN.index("))?|") + 4 : -1].split("|")  # after the tens group
    assert len(forms) > 20 and all(parse_number(f) is not None for f in forms)
    assert all(parse_number(f"{tens}-{unit}") for tens in ("twenty", "ninety") for unit in ("one", "nine"))


@pytest.mark.parametrize("words,value,used", [
    ("seven hundred twenty one thousand twelve", 721_012, 6),
    ("three crore twelve lakh", 31_200_000, 4),
    ("one twenty two", 122, 3),
    ("two three", 2, 1),
    ("people", 0, 0),
])
def test_words_value_reads_the_longest_well_formed_run(words, value, used):
    assert words_value(tuple(words.split())) == (value, used)
