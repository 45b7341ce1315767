"""Every registered rule's examples and negative examples, read end to end by the public normalisers.

An example must be read by its own rule (not merely give the right value through another one);
a negative example must not be read by it.
"""

from __future__ import annotations

import pytest

from pipeline.normalise.dates import DATE_RULES, normalise_date
from pipeline.normalise.dates.engine import COMPOSITION_ORDER
from pipeline.normalise.dates.registry import DateExample
from pipeline.normalise.dates.rules import DIRECT_ORDER
from pipeline.normalise.names import NAME_RULES, resolve_names
from pipeline.normalise.quantities import QUANTITY_RULES, normalise_quantity
from pipeline.normalise.rules import GENRES, counting, marked


def _date_case(example) -> DateExample:
    return DateExample(example, None) if isinstance(example, str) else example


def _read_date(example: DateExample):
    text, start, end = marked(example.text)
    return normalise_date(text, start, end, example.anchor, label=example.label, prefer=example.prefer)


DATE_EXAMPLES = [(r.name, _date_case(e)) for r in DATE_RULES for e in r.examples]
DATE_NEGATIVES = [(r.name, _date_case(e)) for r in DATE_RULES for e in r.negatives]


@pytest.mark.parametrize("rule,example", DATE_EXAMPLES, ids=[f"{r}:{e.text}" for r, e in DATE_EXAMPLES])
def test_date_rule_examples(rule, example):
    v = _read_date(example)
    assert v is not None, "not read"
    assert (v.read_by, v.value) == (rule, example.value)
    if example.kind:
        assert v.kind == example.kind


@pytest.mark.parametrize("rule,example", DATE_NEGATIVES, ids=[f"{r}:{e.text}" for r, e in DATE_NEGATIVES])
def test_date_rule_negatives(rule, example):
    v = _read_date(example)
    assert v is None or v.read_by != rule


def test_every_date_rule_is_placed_once_and_documented():
    context_rules = {"age_in_context", "anaphoric_year", "duration_then_old", "year_ending"}
    placed = list(DIRECT_ORDER) + list(COMPOSITION_ORDER) + sorted(context_rules)
    assert sorted(placed) == sorted(r.name for r in DATE_RULES)
    for r in DATE_RULES:
        assert r.doc, r.name
        assert r.examples, r.name
        assert r.genre is None or r.genre in GENRES


QUANTITY_EXAMPLES = [(r.name, e) for r in QUANTITY_RULES for e in r.examples]
QUANTITY_NEGATIVES = [(r.name, e) for r in QUANTITY_RULES for e in r.negatives]


def _read_quantity(example):
    text, start, end = marked(example.text)
    return normalise_quantity(text, start, end, example.label, local_currency=example.local_currency)


@pytest.mark.parametrize("rule,example", QUANTITY_EXAMPLES, ids=[f"{r}:{e.text}" for r, e in QUANTITY_EXAMPLES])
def test_quantity_rule_examples(rule, example):
    v = _read_quantity(example)
    assert v is not None, "not read"
    assert rule in v.read_by
    for name, want in example.expect.items():
        got = getattr(v, name)
        assert got == pytest.approx(want) if isinstance(want, float | int) else got == want, name


@pytest.mark.parametrize("rule,example", QUANTITY_NEGATIVES, ids=[f"{r}:{e.text}" for r, e in QUANTITY_NEGATIVES])
def test_quantity_rule_negatives(rule, example):
    v = _read_quantity(example)
    assert v is None or rule not in v.read_by


def test_every_quantity_rule_is_documented():
    for r in QUANTITY_RULES:
        assert r.doc and r.examples and r.negatives, r.name
        assert r.genre is None or r.genre in GENRES


NAME_EXAMPLES = [(r.name, e) for r in NAME_RULES for e in r.examples]
NAME_NEGATIVES = [(r.name, e) for r in NAME_RULES for e in r.negatives]


def _resolve(example):
    text, mentions, blocks = example.mentions_and_blocks()
    with counting() as counts:
        resolve_names(mentions, text, blocks)
    return mentions, counts


@pytest.mark.parametrize("rule,example", NAME_EXAMPLES, ids=[f"{r}:{e.text[:40]}" for r, e in NAME_EXAMPLES])
def test_name_rule_examples(rule, example):
    mentions, counts = _resolve(example)
    assert counts[("names", rule)] > 0, "the rule did not fire"
    for surface, label in example.expect.items():
        labels = {m.label for m in mentions if m.text == surface}
        assert labels == ({label} if label else set()), surface


@pytest.mark.parametrize("rule,example", NAME_NEGATIVES, ids=[f"{r}:{e.text[:40]}" for r, e in NAME_NEGATIVES])
def test_name_rule_negatives(rule, example):
    _, counts = _resolve(example)
    assert counts[("names", rule)] == 0


def test_every_name_rule_is_documented():
    for r in NAME_RULES:
        assert r.doc and r.examples and r.negatives, r.name
        assert r.genre is None or r.genre in GENRES
