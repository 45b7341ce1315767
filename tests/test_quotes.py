"""Quotes (issue 13): the quote-mark finder and the cue lexicon on text written for these tests,
the whole stage on short articles of our own through spaCy, and the real CLI on the seeds."""

from __future__ import annotations

import pytest

from pipeline.quotes.cues import lemma_of, needs_parse
from pipeline.quotes.marks import classify_span, quote_spans


def spans(text: str) -> list[tuple[str, list[str]]]:
    """(class, fragment texts) of every quote-marked span."""
    return [(classify_span(text, q), [text[s:e] for s, e in q.fragments]) for q in quote_spans(text)]


def quotations(text: str) -> list[list[str]]:
    return [frags for cls, frags in spans(text) if cls == "quotation"]


# --- quote marks -----------------------------------------------------------------------------

def test_curly_and_straight_marks():
    text = "“We will rebuild the bridge,” the mayor said. The council replied: \"Not this year.\""
    assert quotations(text) == [["“We will rebuild the bridge,”"], ['"Not this year."']]


def test_two_single_marks_make_a_double_one():
    text = "''The budget is balanced,'' the treasurer said."
    assert quotations(text) == [["''The budget is balanced,''"]]


def test_single_marks_inside_double_are_part_of_the_quotation():
    text = "“She told me, ‘Keep the lights on,’ and then she left,” the caretaker recalled."
    assert quotations(text) == [["“She told me, ‘Keep the lights on,’ and then she left,”"]]


def test_single_marks_in_a_headline():
    text = "Harbour chief: ‘We need two more cranes’\n\nThe port is busy."
    assert quotations(text) == [["‘We need two more cranes’"]]


def test_apostrophes_are_not_quote_marks():
    text = "The farmers’ union said it wasn’t the mayor’s plan, and the ’80s were different."
    assert spans(text) == []


def test_quotation_over_several_paragraphs():
    text = ("The captain wrote: “The ice came early this year.\n\n"
            "“We turned back twice before the pass opened.”\n\nThe ship docked on Monday.")
    assert quotations(text) == [["“The ice came early this year.", "“We turned back twice before the pass opened.”"]]


def test_unbalanced_mark_never_swallows_the_next_paragraphs():
    text = ("The coach said: “We played well and we will be back\n\n"
            "The next match is in March. Tickets go on sale on Friday.\n\nThe club thanked its fans.")
    found = quotations(text)
    assert found == [["“We played well and we will be back"]]


def test_titles_of_works_and_scare_quotes_are_not_quotations():
    text = ("She starred in “Harbour Lights” and the film “The Long Winter Road” before critics called "
            "her a “national treasure” at the festival.")
    assert {cls for cls, _ in spans(text)} == {"title", "scare"}
    assert quotations(text) == []


def test_embeds_and_boilerplate_are_skipped():
    text = "Body text here.\n“Follow us for more,” says the footer.\n"
    footer = text.index("“")
    assert quote_spans(text, skip=[(footer, len(text) - 1)]) == []


# --- lexicon and the parse predicate -------------------------------------------------------

def test_inflected_forms_map_to_lemmas():
    assert lemma_of("said") == "say" and lemma_of("Told") == "tell" and lemma_of("denies") == "deny"
    assert lemma_of("admitted") == "admit" and lemma_of("tweeting") == "tweet" and lemma_of("table") is None


@pytest.mark.parametrize("sentence, expected", [
    ("The minister said the plan would be delayed.", True),
    ("According to the agency, prices rose.", True),
    ("“Not yet,” came the answer.", True),
    ("Harbour chief: more cranes needed", True),
    ("The bridge opened in 1932 and carries four lanes.", False),
    ("Prices rose by 3 percent in May.", False),
])
def test_needs_parse(sentence, expected):
    assert needs_parse(sentence) is expected


# --- the stage on our own articles, through spaCy ---------------------------------------------

@pytest.fixture(scope="module")
def nlp():
    """The worker with its model loaded (the stage runs through the worker's own chain)."""
    from pipeline.run import work
    from pipeline.settings import DEFAULT_COMPONENTS, DEFAULT_MODEL

    work.init_worker(DEFAULT_MODEL, DEFAULT_COMPONENTS)
    return work


def run_stage(work, text: str) -> list[dict]:
    """The quotes rows of one article, as a worker computes them (segment, recognise, names, quotes)."""
    (res,), _ = work.process_chunk([work.ArticleTask("a1", text, "en", None, None)])
    rows = res.rows["quotes"]
    for r in rows:
        r["content"] = " | ".join(text[s:e] for s, e in zip(r["content_starts"], r["content_ends"]))
    return rows


def find(rows: list[dict], words: str) -> dict:
    hits = [r for r in rows if words in r["content"]]
    assert hits, f"no attribution holds {words!r}: {[r['content'] for r in rows]}"
    return hits[0]


ARTICLE = """Harbour Board Backs New Cranes

Maria Lopez, the chair of the Harbour Board, spoke to reporters on Tuesday.

“We need two more cranes before the winter,” Lopez said. “Without them the ships will wait for days.”

She added: “The board has the money, and the contracts are ready.”

According to the Port Authority, traffic rose by a fifth last year. David Chen, a dock worker, said the night shifts were already too long.

“It is hard work,” he said, “but it pays the rent.”

The union said in a statement that it would support the plan.

The crane maker is best known for the documentary “Steel Giants of the North” and for what critics called a “bold” design.
"""


@pytest.fixture(scope="module")
def article_rows(nlp):
    return run_stage(nlp, ARTICLE)


def test_trailing_attribution_to_a_named_person(article_rows):
    row = find(article_rows, "We need two more cranes")
    assert row["kind"] == "direct" and row["source_text"] == "Lopez" and row["cue_lemma"] == "say"
    assert row["speaker_name"] == "Maria Lopez"


def test_a_quotation_right_after_its_attributed_one_is_the_same_attribution(article_rows):
    row = find(article_rows, "We need two more cranes")
    assert "Without them the ships will wait" in row["content"]
    assert len(row["content_starts"]) == 2


def test_colon_introduction_and_pronoun_gender(article_rows):
    row = find(article_rows, "The board has the money")
    assert row["kind"] == "direct" and row["source_text"] == "She" and row["cue_lemma"] == "add"
    assert row["speaker_name"] == "Maria Lopez"  # "she": the woman named last, not David Chen


def test_quotation_split_by_its_cue_is_one_attribution_with_two_fragments(article_rows):
    row = find(article_rows, "It is hard work")
    assert row["content"] == "“It is hard work,” | “but it pays the rent.”"
    assert row["source_text"] == "he" and row["speaker_name"] == "David Chen"


def test_reported_speech_and_according_to(article_rows):
    said = find(article_rows, "the night shifts were already too long")
    assert said["kind"] == "indirect" and said["speaker_name"] == "David Chen"
    acc = find(article_rows, "traffic rose by a fifth last year")
    assert acc["cue_lemma"] == "according to" and "Port Authority" in acc["source_text"]
    union = find(article_rows, "it would support the plan")
    assert union["cue_lemma"] == "say" and union["source_text"] == "The union"


def test_titles_and_scare_quotes_are_not_attributions(article_rows):
    assert not any(r["content"].startswith("“Steel Giants") for r in article_rows)
    assert not any(r["content"] == "“bold”" for r in article_rows)


def test_rows_fit_the_schema_and_offsets_rebuild_the_text(article_rows):
    from pipeline.tables import to_table

    table = to_table("quotes", [{k: v for k, v in r.items() if k != "content"} for r in article_rows])
    assert table.num_rows == len(article_rows)
    for r in article_rows:
        assert len(r["content_starts"]) == len(r["content_ends"]) >= 1
        assert all(s < e for s, e in zip(r["content_starts"], r["content_ends"]))
        assert r["content_starts"] == sorted(r["content_starts"])
        if r["source_char_start"] is not None:
            assert ARTICLE[r["source_char_start"]:r["source_char_end"]] == r["source_text"]


def test_quotation_in_a_headline_with_a_name_and_a_colon(nlp):
    text = ("Lopez: “We will not sell the harbour”\n\nMaria Lopez, the chair of the Harbour Board, "
            "spoke on Tuesday about the future of the port and its workers.\n")
    row = find(run_stage(nlp, text), "We will not sell the harbour")
    assert row["kind"] == "direct" and row["source_text"] == "Lopez" and row["speaker_name"] == "Maria Lopez"


def test_organisation_speaker_and_unbalanced_mark(nlp):
    text = ("The Harbour Trust is a charity that runs the old lighthouse.\n\n"
            "“We remain committed to the lighthouse and to the town,” the Harbour Trust said.\n\n"
            "A visitor wrote “best view in the county on the guest book.\n\n"
            "The lighthouse opens again in May, and tickets are on sale now at the gate.\n")
    rows = run_stage(nlp, text)
    row = find(rows, "We remain committed")
    assert row["speaker_label"] == "ORG" and row["speaker_name"] == "Harbour Trust"
    assert not any("tickets are on sale" in r["content"] for r in rows)


# --- the real CLI on the seed articles ------------------------------------------------------

@pytest.fixture(scope="module")
def seed_quotes(tmp_path_factory):
    import pandas as pd

    from tests.conftest import SEEDS, run_cli

    out = tmp_path_factory.mktemp("seeds") / "output"
    proc = run_cli("extract", "--raw", str(SEEDS), "--out", str(out), "--no-progress", "--processes", "1")
    assert proc.returncode == 0, proc.stderr
    quotes = pd.read_parquet(out / "quotes")
    arts = pd.read_parquet(out / "articles", columns=["article_id", "source_path", "text"])
    quotes = quotes.merge(arts, on="article_id")
    quotes["content"] = [" | ".join(t[s:e] for s, e in zip(ss, ee))
                         for t, ss, ee in zip(quotes.text, quotes.content_starts, quotes.content_ends)]
    return quotes


def _seed(quotes, prefix: str, words: str):
    rows = quotes[quotes.source_path.str.contains(prefix) & quotes.content.str.contains(words, regex=False)]
    assert len(rows), f"no attribution in seed {prefix} holds {words!r}"
    return rows.iloc[0]


@pytest.mark.parametrize("seed", ["000_", "001_"])
def test_seed_kutcher_testimony(seed_quotes, seed):
    row = _seed(seed_quotes, seed, "I’m here today to defend the right to pursue happiness")
    assert row.speaker_name == "Ashton Kutcher"


def test_seed_kunis_and_allen_and_thorn(seed_quotes):
    assert _seed(seed_quotes, "003_", "We support victims").speaker_name == "Mila Kunis"
    assert _seed(seed_quotes, "002_", "He has been a strong champion for children").speaker_name == "Ernie Allen"
    thorn = _seed(seed_quotes, "002_", "While the last few days have challenged us all")
    assert thorn.speaker_name == "Thorn" and thorn.speaker_label == "ORG"


def test_seed_titles_of_works_are_not_quotations(seed_quotes):
    starts = [c.split(" | ")[0] for c in seed_quotes.content]
    assert not any(c.startswith(("“That ‘70s Show", '"The Ranch')) for c in starts)
    assert not any("That ’70s Show" == c.strip("“”") for c in starts)


def test_relative_pronoun_source_resolves_to_its_antecedent(nlp):
    text = ("Ferry timetable to change\n\nThe ferry company will add a late boat. Passengers welcomed it, and "
            "the route was sailed for years by Tom Baker, who said the crossings would be safer.\n")
    rows = run_stage(nlp, text)
    row = find(rows, "the crossings would be safer")
    assert row["kind"] == "indirect" and row["source_text"] == "who" and row["speaker_name"] == "Tom Baker"


def test_noun_cue_with_its_clause_and_possessor(nlp):
    text = ("Bridge inspection\n\nEngineers returned to the old bridge on Monday. The mayor's claim that "
            "the bridge is safe was challenged by the council.\n")
    row = find(run_stage(nlp, text), "the bridge is safe")
    assert row["cue_lemma"] == "claim" and row["source_text"].startswith("The mayor")


def test_short_quotation_dash_attribution_inversion_and_according_to(nlp):
    text = ("Voices from the market\n\n"
            "“Too expensive,” Anna Berg said, and walked on.\n\n"
            "“The rents keep rising and the stalls keep closing.” ― Peter Olsen\n\n"
            "“What a morning!” beamed Carla Ruiz, a florist from the harbour.\n\n"
            "According to the Market Board, “trade is better than last year.”\n")
    rows = run_stage(nlp, text)
    assert find(rows, "Too expensive")["speaker_name"] == "Anna Berg"
    dash = find(rows, "The rents keep rising")
    assert dash["source_text"] == "Peter Olsen" and dash["cue_lemma"] == "—"
    assert find(rows, "What a morning")["source_text"].startswith("Carla Ruiz")
    assert "Market Board" in find(rows, "trade is better than last year")["source_text"]


def test_a_failure_in_the_quotes_stage_costs_only_the_quotes(monkeypatch):
    from pipeline.run import work as process
    from pipeline.settings import DEFAULT_COMPONENTS, DEFAULT_MODEL

    def broken(*args, **kwargs):
        raise ValueError("broken on purpose")

    process.init_worker(DEFAULT_MODEL, DEFAULT_COMPONENTS)
    import pipeline.quotes

    monkeypatch.setattr(pipeline.quotes, "quote_rows", broken)
    task = process.ArticleTask("a2", ARTICLE, "en", None, None)
    (res,), _ = process.process_chunk([task])
    assert res.rows["mentions"] and res.rows["quotes"] == []
    assert [(stage, reason) for stage, reason, _ in res.rejects] == [("quotes", "error")]


def test_verb_outside_the_lexicon_after_a_closing_mark_is_the_cue(nlp):
    text = ("The long road\n\nAnna Berg walked into the hall at noon and looked at the crowd.\n\n"
            "“I am here to talk about the harbour. It is a simple question: ‘who pays for it,’” she began.\n")
    row = find(run_stage(nlp, text), "I am here to talk about the harbour")
    assert row["cue_text"] == "began" and row["source_text"] == "she" and row["speaker_name"] == "Anna Berg"


def test_a_quotation_that_ends_its_sentence_takes_no_cue_from_the_next(nlp):
    text = ("Harbour talks\n\nThe board met the union on Monday. A harbour official who asked not to be named "
            "said on Tuesday, “There are talks between the board and the union.” The spokesman declined to give "
            "the date of the next meeting.\n")
    rows = run_stage(nlp, text)
    quote = find(rows, "There are talks between the board and the union")
    assert quote["cue_text"] == "said" and quote["source_text"].startswith("A harbour official")
    declined = find(rows, "to give the date of the next meeting")
    assert declined["cue_text"] == "declined" and declined["source_text"] == "The spokesman"


def test_a_complement_after_the_cue_before_one_the_parse_hung_ahead_of_it(nlp):
    text = ("Harbour vote\n\nThe vote was delayed again on Friday: councillors said they were increasingly "
            "worried that the board had misjudged the costs.\n")
    row = find(run_stage(nlp, text), "they were increasingly worried")
    assert row["cue_text"] == "said" and row["source_text"] == "councillors"
    assert "The vote was delayed" not in row["content"]


def test_a_content_noun_phrase_object_of_a_reporting_verb_is_reported_content(nlp):
    text = ("Harbour budget\n\nThe harbour master discussed the new dredging budget at the meeting on Monday. "
            "Later she told the board about the tides, and she thanked Tom Baker.\n")
    rows = run_stage(nlp, text)
    row = find(rows, "the new dredging budget")
    assert row["cue_text"] == "discussed" and row["source_text"] == "The harbour master"
    assert not any(r["content"].startswith(("the board", "Tom Baker")) for r in rows)
