"""Names: span cleanup, document-level labels, short names, propagation (no model needed)."""

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


def test_majority_label_wins_in_the_article():
    text = "Thorn said on Monday. Thorn builds tools. Later Thorn hired staff."
    ms = [mention(text, "Thorn", "ORG", 0), mention(text, "Thorn", "PERSON", 1), mention(text, "Thorn", "ORG", 2)]
    resolve_names(ms, text)
    assert [m.label for m in ms] == ["ORG", "ORG", "ORG"]
    assert len({m.entity_id for m in ms}) == 1
    check_offsets(ms, text)


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


def test_capitalised_the_kept_mid_sentence():
    text = "He flew to The Hague."
    a = text.index("The")
    assert tidy_span(text, a, a + 9, "GPE") == [(a, a + 9)]


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


def test_surname_of_full_name_is_propagated():
    text = "Franz Fischler spoke. Later Fischler left."
    ms = [mention(text, "Franz Fischler", "PERSON")]
    blocks = [{"segment_id": "s1", "kind": "body", "char_start": 0, "char_end": len(text)}]
    resolve_names(ms, text, blocks)
    assert [(m.text, m.label, m.name) for m in ms] == [
        ("Franz Fischler", "PERSON", "Franz Fischler"), ("Fischler", "PERSON", "Franz Fischler")]
    check_offsets(ms, text)


def test_dateline_and_result_lines():
    text = "AMSTERDAM 1996-08-28\nAjax beat the champions.\nLotte 6 Hyundai 2"
    ms = [mention(text, "AMSTERDAM", "ORG", kind="dateline", segment="d"), mention(text, "Lotte", "GPE", segment="r")]
    blocks = [
        {"segment_id": "d", "kind": "dateline", "char_start": 0, "char_end": 20},
        {"segment_id": "b", "kind": "body", "char_start": 21, "char_end": 45},
        {"segment_id": "r", "kind": "body", "char_start": 46, "char_end": len(text)},
    ]
    resolve_names(ms, text, blocks)
    labels = by_text(ms)
    assert labels["AMSTERDAM"] == {"GPE"}
    assert labels["Lotte"] == {"ORG"} and labels["Hyundai"] == {"ORG"}
    check_offsets(ms, text)


def test_standings_rows_name_teams_but_not_people():
    text = ("Standings after Sunday's games:\nNEW YORK 59 76 .437 25 1/2\nPortland 4 1 1 2 5 10 4\n"
            "Leading scorers after three rounds:\nIain Pyman 71 75 75")
    ms = [mention(text, "NEW YORK", "GPE"), mention(text, "Iain Pyman", "PERSON")]
    blocks = [{"segment_id": "s1", "kind": "body", "char_start": 0, "char_end": len(text)}]
    resolve_names(ms, text, blocks)
    labels = by_text(ms)
    assert labels["NEW YORK"] == {"ORG"}
    assert labels["Portland"] == {"ORG"}  # the model missed it: the row adds it
    assert labels["Iain Pyman"] == {"PERSON"}  # a person's full name heading a row of scores stays a person
    assert "Standings" not in labels and "Leading" not in labels  # prose lines are no rows
    check_offsets(ms, text)


def test_lone_person_word_in_a_side_slot_is_a_team():
    text = ("Surrey beat Kent by an innings.\nBrighton 1 Scunthorpe 1\n"
            "Captain Alec Stewart praised Stewart's bowlers, and Jones said the pitch was poor.")
    ms = [mention(text, "Surrey", "PERSON"), mention(text, "Kent", "PERSON"), mention(text, "Alec Stewart", "PERSON"),
          mention(text, "Stewart", "PERSON", nth=1), mention(text, "Jones", "PERSON")]
    resolve_names(ms, text, [{"segment_id": "s1", "kind": "body", "char_start": 0, "char_end": len(text)}])
    labels = by_text(ms)
    assert labels["Surrey"] == {"ORG"} and labels["Kent"] == {"ORG"}
    assert labels["Alec Stewart"] == {"PERSON"} and labels["Stewart"] == {"PERSON"}
    assert labels["Jones"] == {"PERSON"}  # not in a side's slot: the model's label stands


def test_bracketed_abbreviation_takes_the_name_label_and_spreads():
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


def test_competitor_with_nationality_in_brackets_is_a_person():
    text = "4. Leah Pells ( Canada ) 4:09.95\nSiemens AG ( Germany ) won the contract.\nRed Star ( Yugoslavia ) 70"
    ms = [mention(text, "Leah Pells", "ORG"), mention(text, "Canada", "GPE"), mention(text, "Siemens AG", "ORG"),
          mention(text, "Germany", "GPE"), mention(text, "Red Star", "ORG")]
    resolve_names(ms, text, [{"segment_id": "s1", "kind": "body", "char_start": 0, "char_end": len(text)}])
    labels = by_text(ms)
    assert labels["Leah Pells"] == {"PERSON"}
    assert labels["Siemens AG"] == {"ORG"}  # a company word: not a person's name
    assert labels["Red Star"] == {"ORG"}  # no recognised place in the brackets: the model's label stands
    text = "Pete Sampras ( U.S. ) beat Jiri Novak ( Czech Republic ) 6-3\nReal Madrid ( Spain ) 2"
    ms = [mention(text, "U.S.", "GPE"), mention(text, "Czech Republic", "GPE"), mention(text, "Spain", "GPE")]
    resolve_names(ms, text, [{"segment_id": "s1", "kind": "body", "char_start": 0, "char_end": len(text)}])
    labels = by_text(ms)
    assert labels["Pete Sampras"] == {"PERSON"} and labels["Jiri Novak"] == {"PERSON"}  # the model missed them
    assert "Real Madrid" not in labels  # a club's word: no person added
    check_offsets(ms, text)


def test_person_spans_refined():
    text = ("American Dennis Mitchell won. American athletes cheered.\n"
            "Laurent Cabannes and Laurent Benezech scored.\nK. Curran 52 not out")
    ms = [mention(text, "American Dennis Mitchell", "PERSON"), mention(text, "American", "NORP", nth=1),
          mention(text, "Laurent Cabannes and Laurent Benezech", "PERSON"), mention(text, "K", "PERSON")]
    resolve_names(ms, text, [{"segment_id": "s1", "kind": "body", "char_start": 0, "char_end": len(text)}])
    people = sorted(m.text for m in ms if m.label == "PERSON")
    assert people == ["Dennis Mitchell", "K. Curran", "Laurent Benezech", "Laurent Cabannes"]
    check_offsets(ms, text)


def test_company_legal_form_makes_the_name_and_its_head_an_organisation():
    text = "Pirelli SpA announced a venture. Pirelli shares rose.\nHenry Ford founded Ford Motor Co. Ford said so."
    ms = [mention(text, "Pirelli SpA", "PERSON"), mention(text, "Pirelli", "PERSON", nth=1),
          mention(text, "Henry Ford", "PERSON"), mention(text, "Ford Motor Co", "ORG"), mention(text, "Ford", "PERSON", nth=2)]
    resolve_names(ms, text, [{"segment_id": "s1", "kind": "body", "char_start": 0, "char_end": len(text)}])
    labels = {(m.char_start, m.text): m.label for m in ms}
    assert labels[(0, "Pirelli SpA")] == "ORG" and labels[(text.index("Pirelli shares"), "Pirelli")] == "ORG"
    assert labels[(text.index("Ford said"), "Ford")] == "PERSON"  # Henry Ford's surname: the person stands


def test_person_shapes_inside_other_labels():
    text = ("Centre Walter Little scored.\nNew Zealand - 10 - Andrew Mehrtens , 9 - Justin Marshall\n"
            "Laurent Cabannes and Laurent Benezech scored.\nD. Gough run out 0\nCentral Bank of Kenya")
    ms = [mention(text, "Centre Walter Little", "ORG"), mention(text, "10 - Andrew Mehrtens", "CARDINAL"),
          mention(text, "Laurent Cabannes and Laurent Benezech", "ORG"), mention(text, "D", "NORP"),
          mention(text, "Central Bank of Kenya", "ORG")]
    resolve_names(ms, text, [{"segment_id": "s1", "kind": "body", "char_start": 0, "char_end": len(text)}])
    people = sorted(m.text for m in ms if m.label == "PERSON")
    assert people == ["Andrew Mehrtens", "D. Gough", "Laurent Benezech", "Laurent Cabannes", "Walter Little"]
    assert [m.text for m in ms if m.label == "CARDINAL"] == ["10"]
    assert labels_of(ms, "Central Bank of Kenya") == {"ORG"}
    check_offsets(ms, text)


def test_a_nationality_is_not_a_given_name():
    text = "Rwandan Kagame spoke. Rwandan troops crossed the border. Rwandan officials agreed."
    ms = [mention(text, "Rwandan Kagame", "PERSON"), mention(text, "Rwandan", "NORP", nth=1), mention(text, "Rwandan", "NORP", nth=2)]
    resolve_names(ms, text, [{"segment_id": "s1", "kind": "body", "char_start": 0, "char_end": len(text)}])
    assert labels_of(ms, "Rwandan") == {"NORP"}
    assert labels_of(ms, "Kagame") == {"PERSON"}
    check_offsets(ms, text)


def test_wire_slug_is_not_a_name():
    text = "SOCCER - JAPAN GET LUCKY WIN .\nTOKYO 1996-12-06\nJapan beat Syria 2-1 in the Asian Cup ."
    ms = [mention(text, "SOCCER", "ORG"), mention(text, "JAPAN", "GPE"), mention(text, "Japan", "GPE", nth=0),
          mention(text, "Syria", "GPE")]
    resolve_names(ms, text, [{"segment_id": "s1", "kind": "body", "char_start": 0, "char_end": len(text)}])
    assert "SOCCER" not in {m.text for m in ms}
    places = "CHINA - Beijing says talks will resume .\nBEIJING 1996-12-06"
    ms = [mention(places, "CHINA", "GPE")]
    resolve_names(ms, places, [{"segment_id": "s1", "kind": "body", "char_start": 0, "char_end": len(places)}])
    assert labels_of(ms, "CHINA") == {"GPE"}  # a slug the model calls a place stays


def test_a_list_of_people_is_completed():
    text = ("Mike Hulbert , Brian Henninger , Tiger Woods , Steve Jurgenson , Jim Furyk , Tom Lehman\n"
            "Sponsors : Acme Corp , Blue Sky , Green Field")
    ms = [mention(text, "Mike Hulbert", "PERSON"), mention(text, "Tiger Woods", "PERSON"),
          mention(text, "Steve Jurgenson", "ORG"), mention(text, "Jim Furyk", "PERSON"),
          mention(text, "Tom Lehman", "PERSON"), mention(text, "Blue Sky", "PERSON")]
    blocks = [{"segment_id": "s1", "kind": "body", "char_start": 0, "char_end": text.index("\n")},
              {"segment_id": "s2", "kind": "body", "char_start": text.index("Sponsors"), "char_end": len(text)}]
    resolve_names(ms, text, blocks)
    assert labels_of(ms, "Brian Henninger") == {"PERSON"} and labels_of(ms, "Steve Jurgenson") == {"PERSON"}
    assert not labels_of(ms, "Green Field")  # one person among three items is no list of people
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
