"""Names, beyond each rule's own examples (tests/test_rules.py): the span API, short names, propagation across
blocks, ids and offsets (no model needed)."""

from __future__ import annotations

import re

from pipeline.evaluation.conll import score, to_conll
from pipeline.normalise.names import abbreviates, resolve_names, tidy_span
from pipeline.recognise import Mention
from pipeline.schemas import make_id

ART = "a1"
KEYS = {
    "mention_id", "article_id", "segment_id", "sentence_id", "char_start", "char_end", "text", "label", "model_label",
    "source", "segment_kind", "name", "entity_id", "counted", "counted_char_start", "counted_char_end",
}


def mention(text: str, surface: str, label: str, nth: int = 0, segment: str = "s1", kind: str = "body") -> Mention:
    starts = [m.start() for m in re.finditer(re.escape(surface), text)]
    a = starts[nth]
    return Mention.create(ART, segment, kind, "sent-" + segment, a, a + len(surface), text, label, "model")


def labels_of(mentions: list[dict], surface: str) -> set[str]:
    return {m.label for m in mentions if m.text == surface}


def check_offsets(mentions: list[dict], text: str) -> None:
    for m in mentions:
        assert set(m.row()) == KEYS
        assert text[m.char_start : m.char_end] == m.text
    ids = [m.mention_id for m in mentions]
    assert len(ids) == len(set(ids))


def by_text(mentions: list[dict]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for m in mentions:
        out.setdefault(m.text, set()).add(m.label)
    return out


def test_short_name_resolves_to_full_name_and_becomes_person():
    text = "Ashton Kutcher spoke in Washington. Kutcher said the bill matters."
    ms = [mention(text, "Ashton Kutcher", "PERSON"), mention(text, "Washington", "GPE"), mention(text, "Kutcher", "ORG", 1)]
    resolve_names(ms, text)
    short = [m for m in ms if m.text == "Kutcher"][0]
    assert short.label == "PERSON"
    assert short.name == "Ashton Kutcher"
    assert short.entity_id == ms[0].entity_id
    check_offsets(ms, text)


def test_span_cleanup_honorific_the_possessive_abbreviation():
    text = "President Bill Clinton met the European Union in the U.S. on Monday."
    assert tidy_span(text, 0, 22, "PERSON") == [(10, 22)]
    a = text.index("the European")
    assert tidy_span(text, a, a + len("the European Union"), "ORG") == [(a + 4, a + len("the European Union"))]
    u = text.index("U.S.")
    assert tidy_span(text, u, u + 3, "GPE") == [(u, u + 4)]  # "U.S" gets its period back
    t2 = "Germany 's representative"
    assert tidy_span(t2, 0, 7, "GPE") == [(0, 7)]


def test_span_split_at_score_and_numbers_trimmed():
    text = "Kilmarnock 1 Celtic 4\nSobotzik 67th"
    assert tidy_span(text, 0, 19, "ORG") == [(0, 10), (13, 19)]
    s = text.index("Sobotzik")
    assert tidy_span(text, s, len(text), "PERSON") == [(s, s + 8)]
    assert tidy_span("3 1 1 1 2", 0, 9, "PRODUCT") == []
    fixture = "Postponed: Birmingham v Barnsley"
    s = fixture.index("Birmingham")
    assert [fixture[a:b] for a, b in tidy_span(fixture, s, len(fixture), "PERSON")] == ["Birmingham", "Barnsley"]


def test_propagation_adds_missed_occurrences_with_doc_label():
    text = "Fischler proposed a ban. Critics said Fischler was wrong. Fischler's plan failed. Fischlers are rare."
    ms = [mention(text, "Fischler", "PERSON", 0)]
    blocks = [{"segment_id": "s1", "kind": "body", "char_start": 0, "char_end": len(text)}]
    resolve_names(ms, text, blocks)
    found = [(m.char_start, m.source) for m in ms]
    starts = [m.start() for m in re.finditer(r"Fischler\b", text)]
    assert [s for s, _ in found] == starts  # "Fischlers" is not word-bounded: not added
    assert [src for _, src in found] == ["model", "propagated", "propagated"]
    for m in ms:
        assert m.label == "PERSON" and m.segment_id == "s1" and m.segment_kind == "body"
        assert m.name == "Fischler" and m.entity_id
    new = ms[1]
    assert new.mention_id == make_id("mention", ART, new.char_start, new.char_end, "PERSON")
    check_offsets(ms, text)


def test_propagation_respects_blocks_and_longer_names():
    furniture = ["Subscribe to Hong Kong news", "Home", "Sport", "Business", "Opinion", "Contact us", "Terms"]
    text = "Hong Kong police said.\nHong Kong Open results\n" + "\n".join(furniture)
    ms = [mention(text, "Hong Kong", "GPE", 0)]
    blocks = [
        {"segment_id": "s1", "kind": "body", "char_start": 0, "char_end": 22},
        {"segment_id": "s2", "kind": "body", "char_start": 23, "char_end": 45},
    ]
    for i, line in enumerate(furniture):
        start = text.index(line)
        blocks.append({"segment_id": f"f{i}", "kind": "boilerplate", "char_start": start, "char_end": start + len(line)})
    resolve_names(ms, text, blocks)
    assert len(ms) == 1  # "Hong Kong Open" is a longer name; the page's furniture is not read
    # with hardly anything around the story (a clean article), its last line is the story's: read
    clean = blocks[:3]
    ms = [mention(text, "Hong Kong", "GPE", 0)]
    resolve_names(ms, text, clean)
    assert [m.segment_id for m in ms] == ["s1", "f0"]


def test_propagation_without_blocks_stays_inside_known_blocks():
    text = "Smith won. Smith lost. Other text about Smith here."
    ms = [mention(text, "Smith", "PERSON", 0), mention(text, "Smith", "PERSON", 1)]
    resolve_names(ms, text)  # old call: no blocks, only the stretch the mentions cover is used
    assert [m.char_start for m in ms] == [0, 11]


def test_bracketed_abbreviation_takes_the_name_label_and_spreads():
    """The abbreviation gets the name's label and propagation finds its other occurrences."""
    text = ("Kurdistan Democratic Party ( KDP ) forces took the city.\nA KDP spokesman said the talks failed.\n"
            "Apple Inc (IBM) was not involved.")
    ms = [mention(text, "Kurdistan Democratic Party", "ORG"), mention(text, "Apple Inc", "ORG")]
    resolve_names(ms, text, [{"segment_id": "s1", "kind": "body", "char_start": 0, "char_end": len(text)}])
    kdp = [(m.char_start, m.label) for m in ms if m.text == "KDP"]
    assert kdp == [(text.index("KDP"), "ORG"), (text.rindex("KDP"), "ORG")]
    assert not [m for m in ms if m.text == "IBM"]  # brackets that do not abbreviate the name are left alone
    assert abbreviates("OSCE", "Organisation for Security and Co-operation in Europe")
    assert not abbreviates("PDI", "Indonesian Democratic Party")
    check_offsets(ms, text)


def test_numbers_and_dates_untouched():
    text = "Seven people died on Monday in Paris."
    ms = [mention(text, "Seven", "CARDINAL"), mention(text, "Monday", "DATE"), mention(text, "Paris", "GPE")]
    resolve_names(ms, text)
    assert [(m.text, m.label) for m in ms] == [("Seven", "CARDINAL"), ("Monday", "DATE"), ("Paris", "GPE")]
    assert ms[0].entity_id is None


def test_conll_mapping_and_score():
    assert to_conll("PERSON") == "PER" and to_conll("GPE") == "LOC" and to_conll("NORP") == "MISC"
    assert to_conll("DATE") is None
    gold = [{"doc_id": "d", "entities": [{"start": 0, "end": 5, "label": "PER"}, {"start": 10, "end": 15, "label": "LOC"}]}]
    r = score(gold, {"d": [(0, 5, "PERSON"), (10, 15, "ORG"), (20, 22, "DATE")]})
    assert r["conll2003.PER.f1"] == 1.0
    assert r["conll2003.LOC.f1"] == 0.0 and r["conll2003.ORG.p"] == 0.0
    assert abs(r["conll2003.micro.f1"] - 0.5) < 1e-9
