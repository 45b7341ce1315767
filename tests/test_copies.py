"""Copies (issue 14): near-duplicate articles, reused passages, figure groups and quote groups.

Unit tests on texts written here for each syndication transformation; the seeds through the real
CLI (``extract``) for the checks the issue names; incremental updates equal a full build."""

from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from pipeline.copies.compare import pair_kind, passages, similarity
from pipeline.copies.figures import figure_groups, figure_keys_table, interval, modifiers, update_figure_groups
from pipeline.copies.index import build_index, candidates
from pipeline.copies.params import BANDS, NUM_PERM, ROWS
from pipeline.copies.quote_groups import quote_groups
from pipeline.copies.signature import article_signature, band_keys, minhash, winnow
from pipeline.copies.text import shingle_hashes, words_of
from pipeline.copies.update import assign_clusters, published_map, table_loader, update_copies
from pipeline.schemas import COPY_SIGNATURES, PASSAGE_HASHES, make_id
from tests.conftest import run_cli

# -- a story and its syndicated variants (written for these tests) ---------------------------------
TITLE = "City council approves new budget for river clean-up"
PARAS = [
    "The city council voted on Tuesday to approve a budget of 12 million dollars for cleaning the river "
    "that runs through the old industrial district, ending a debate that had lasted for almost two years.",
    "“We have waited far too long for this day,” said council member Maria Lopez, who first proposed the plan. "
    "“Families along the river deserve clean water, safe banks, and a park their children can enjoy.”",
    "The plan calls for removing contaminated soil from four former factory sites, planting trees along three "
    "miles of riverbank and building a walking trail that will connect the district to the city centre.",
    "Opponents argued that the money would be better spent on roads and schools, and two members voted against "
    "the budget after a long evening of public comments from residents of the neighbourhood.",
    "Work is expected to begin in the spring and to take about five years, according to the city engineer, "
    "who said the first section of the trail could open to the public by the end of next summer.",
    "The state environmental agency will inspect the sites every six months and publish its findings, "
    "a condition that several residents had demanded during the hearings held over the past year.",
]


def article(title: str | None, paras: list[str], extra: list[str] = ()) -> tuple[str, list[dict]]:
    """Text and segments rows (title + body main, ``extra`` lines as boilerplate)."""
    blocks = ([(title, "title")] if title else []) + [(p, "body") for p in paras] + [(x, "boilerplate") for x in extra]
    text, rows, pos = "", [], 0
    for i, (block, kind) in enumerate(blocks):
        rows.append({"seq": i, "char_start": pos, "char_end": pos + len(block), "kind": kind, "is_main": kind != "boilerplate"})
        text += block + "\n\n"
        pos = len(text)
    return text, rows


def words(title, paras, extra=()):
    text, segs = article(title, paras, extra)
    return words_of(text, [(s["char_start"], s["char_end"]) for s in segs if s["is_main"]])


def sim(a, b):
    return similarity(shingle_hashes(a.words), shingle_hashes(b.words))


ORIGINAL = words(TITLE, PARAS)


def test_normalisation_ignores_case_quotes_punctuation_and_whitespace():
    a = words_of("“It’s a simple notion, the right to pursue happiness,” he said.", [(0, 70)]).words
    b = words_of('"IT\'S a simple notion: the right  to pursue\nhappiness" -- he said', [(0, 70)]).words
    assert a == b
    assert words_of("6,000 victims; anti-trafficking", [(0, 40)]).words == ["6000", "victims", "anti", "trafficking"]


@pytest.mark.parametrize("dateline", ["WASHINGTON (AP) — ", "NAIROBI, Kenya (Reuters) - ", "LONDON _ ", "NEW YORK -- "])
def test_wire_dateline_is_not_part_of_the_story(dateline):
    with_dateline = words(TITLE, [dateline + PARAS[0]] + PARAS[1:])
    assert with_dateline.words == ORIGINAL.words
    # offsets still point into the text that has the dateline
    text, _ = article(TITLE, [dateline + PARAS[0]] + PARAS[1:])
    assert text[with_dateline.starts[8]:with_dateline.ends[8]].lower() == with_dateline.words[8]


def test_headline_rewritten_is_a_near_duplicate():
    s = sim(ORIGINAL, words("River clean-up gets 12 million dollars after two-year fight", PARAS))
    assert s.jaccard > 0.8 and pair_kind(s) == "near_duplicate"


def test_last_paragraphs_cut_is_contained():
    s = sim(ORIGINAL, words(TITLE, PARAS[:4]))
    assert s.containment == 1.0 and pair_kind(s) == "contained"


def test_paragraph_inserted_or_dropped_is_a_near_duplicate():
    inserted = PARAS[:2] + ["Local businesses said they hoped the project would bring visitors back to the area."] + PARAS[2:]
    assert pair_kind(sim(ORIGINAL, words(TITLE, inserted))) in ("near_duplicate", "contained")
    assert pair_kind(sim(ORIGINAL, words(TITLE, PARAS[:2] + PARAS[3:]))) in ("near_duplicate", "contained")


def test_boilerplate_lines_added_change_nothing():
    extra = ["Advertisement", "Share this article", "Copyright 2024 Example Media. All rights reserved."]
    assert pair_kind(sim(ORIGINAL, words(TITLE, PARAS, extra))) == "exact"


def test_quotes_repunctuated_are_exact():
    repunct = [p.replace("“", '"').replace("”", '"').replace(", and", " and").replace("day,", "day.") for p in PARAS]
    assert pair_kind(sim(ORIGINAL, words(TITLE, repunct))) == "exact"


def test_different_story_on_the_same_topic_is_not_a_copy():
    other = words("Council delays vote on river park", [
        "The city council postponed on Tuesday a vote on the river park, saying it needed more time to study the costs "
        "of cleaning the old industrial district and the views of residents.",
        "Council member Maria Lopez said she was disappointed but would bring the plan back next month.",
        "The river has been polluted for decades by factories that closed in the 1980s."])
    s = sim(ORIGINAL, other)
    assert pair_kind(s) is None and s.jaccard < 0.1


def test_reused_passage_with_small_edits_is_found_with_offsets():
    block = PARAS[1] + " " + PARAS[2]
    edited = block.replace("said council member Maria Lopez, who first proposed the plan", "Lopez said").replace(", and a", " and a")
    host_paras = ["A different story about the state elections, with its own long opening paragraph about candidates "
                  "and their campaigns across the counties in the north.", edited,
                  "The elections will be held in November, and polls show a close race between the two main parties."]
    host_text, host_segs = article("Elections ahead", host_paras)
    a, b = ORIGINAL, words_of(host_text, [(s["char_start"], s["char_end"]) for s in host_segs])
    assert pair_kind(sim(a, b)) is None
    found = passages(a, b)
    assert len(found) == 1 and found[0].n_words >= 25
    start, end = int(b.starts[found[0].b_start]), int(b.ends[found[0].b_end - 1])
    assert host_text[start:end].startswith("We have waited") and host_text[start:end].endswith("city centre")


def test_minhash_estimate_and_band_keys():
    a, b = shingle_hashes(ORIGINAL.words), shingle_hashes(words(TITLE, PARAS[:5]).words)
    ma, mb = minhash(a & np.uint64(0xFFFFFFFF)), minhash(b & np.uint64(0xFFFFFFFF))
    assert ma.shape == (NUM_PERM,) and ma.dtype == np.uint32
    assert abs(float(np.mean(ma == mb)) - sim(ORIGINAL, words(TITLE, PARAS[:5])).jaccard) < 0.1
    ka, kb = band_keys(ma), band_keys(mb)
    assert ka.shape == (BANDS,) and (ka == kb).any()
    assert BANDS * ROWS == NUM_PERM


def test_winnowing_keeps_a_fingerprint_in_every_window():
    h = np.random.default_rng(0).integers(0, 2**32, 500).astype(np.uint32)
    picks = winnow(h, 8)
    assert all(any(i <= p < i + 8 for p in picks) for i in range(0, 493))


# -- the driver: index, incremental updates, clusters ---------------------------------------------
def corpus_tables(stories: dict[str, tuple[str, list[dict]]], published: dict[str, str | None]):
    sigs, fps = [], []
    for aid, (text, segs) in stories.items():
        rows = article_signature(aid, text, segs)
        sigs.append(rows["_copy_signatures"])
        fps.append(rows["_passage_hashes"])
    arts = pd.DataFrame({"article_id": list(stories), "text": [t for t, _ in stories.values()],
                         "published": pd.to_datetime([published.get(a) for a in stories])})
    return arts, pa.Table.from_pylist(sigs, schema=COPY_SIGNATURES), pa.Table.from_pylist(fps, schema=PASSAGE_HASHES)


def small_corpus():
    rng = random.Random(1)
    vocab = [f"w{i}" for i in range(3000)]
    stories = {
        "a-orig": article(TITLE, PARAS),
        "b-copy": article("River clean-up approved", ["WASHINGTON (AP) — " + PARAS[0]] + PARAS[1:4], ["Advertisement"]),
        "c-trim": article(TITLE, PARAS[:4]),
        "d-host": article("Elections ahead", [" ".join(rng.choice(vocab) for _ in range(60)), PARAS[1] + " " + PARAS[2],
                                              " ".join(rng.choice(vocab) for _ in range(60))]),
    }
    for i in range(12):
        stories[f"z-{i:02d}"] = article(f"Story {i}", [" ".join(rng.choice(vocab) for _ in range(80)) for _ in range(4)])
    published = {"a-orig": "2024-03-01", "b-copy": "2024-03-02", "c-trim": "2024-03-03", "d-host": "2024-03-05"}
    return corpus_tables(stories, published)


def full_build(arts, sigs, fps, ids=None):
    keep = set(ids if ids is not None else arts.article_id)
    mask = sigs.column("article_id").to_pandas().isin(keep).to_numpy()
    index = build_index(sigs.filter(mask), fps.filter(mask))
    return index, update_copies(index, keep, [], table_loader(arts, sigs), published_map(arts))


def test_driver_finds_copies_passages_and_first_article():
    arts, sigs, fps = small_corpus()
    _, out = full_build(arts, sigs, fps)
    dups = out.duplicates.to_pandas()
    pairs = set(zip(dups.article_id_1, dups.article_id_2))
    assert pairs == {("a-orig", "b-copy"), ("a-orig", "c-trim"), ("b-copy", "c-trim")}
    assert (dups.article_id_1 < dups.article_id_2).all()
    assert dups.set_index("article_id_2").loc["c-trim"].query("article_id_1 == 'a-orig'").kind.iloc[0] == "contained"
    assert set(dups.first_article_id) == {"a-orig", "b-copy"}
    pas = out.passages.to_pandas()
    assert {"d-host"} <= set(pas.article_id_2) and (pas.n_words >= 25).all()
    assert not set(zip(pas.article_id_1, pas.article_id_2)) & pairs


def test_incremental_update_equals_full_build():
    arts, sigs, fps = small_corpus()
    ids = list(arts.article_id)
    first = [a for a in ids if a not in ("b-copy", "d-host")]
    _, step1 = full_build(arts, sigs, fps, first)
    final = [a for a in ids if a != "c-trim"]  # b-copy and d-host added, c-trim removed
    mask = sigs.column("article_id").to_pandas().isin(final).to_numpy()
    index = build_index(sigs.filter(mask), fps.filter(mask))
    step2 = update_copies(index, ["b-copy", "d-host"], ["c-trim"], table_loader(arts, sigs), published_map(arts),
                          step1.duplicates, step1.passages)
    _, again = full_build(arts, sigs, fps, final)
    assert step2.duplicates.to_pylist() == again.duplicates.to_pylist()
    assert step2.passages.to_pylist() == again.passages.to_pylist()
    # a query touches only the candidates of the new articles, not the corpus
    assert step2.stats["articles_read"] <= 4


def test_candidates_of_one_article_are_its_copies():
    arts, sigs, fps = small_corpus()
    index = build_index(sigs, fps)
    cand = candidates(index, index.positions(["b-copy"]))
    ids = index.article_ids
    found = {frozenset((ids[i], ids[j])) for i, j in zip(cand.i, cand.j) if cand.duplicate_candidate[cand.i == i].any()}
    assert frozenset(("a-orig", "b-copy")) in found and frozenset(("b-copy", "c-trim")) in found
    assert not any("z-" in a for pair in found for a in pair)


def test_candidates_in_query_chunks_equal_one_pass(monkeypatch):
    """A full build joins the query in chunks (bounded memory); the pairs and the counts of shared
    fingerprints are those of one pass, also for pairs whose two articles fall in different chunks."""
    from pipeline.copies import index as index_module

    arts, sigs, fps = small_corpus()
    index = build_index(sigs, fps)
    query = index.positions(list(arts.article_id))
    whole = candidates(index, query)
    monkeypatch.setattr(index_module, "QUERY_CHUNK", 3)
    chunked = candidates(index, query)
    assert len(whole) >= 4 and whole.equals(chunked)


def test_clusters_and_earliest_article():
    arts, sigs, fps = small_corpus()
    _, out = full_build(arts, sigs, fps)
    clusters = assign_clusters(list(arts.article_id), published_map(arts), out.duplicates).to_pandas().set_index("article_id")
    copies = clusters.loc[["a-orig", "b-copy", "c-trim"]]
    assert copies.cluster_id.nunique() == 1 and set(copies.cluster_first_article_id) == {"a-orig"}
    assert (copies.cluster_size == 3).all()
    assert clusters.loc["d-host"].cluster_id not in set(copies.cluster_id) and clusters.loc["d-host"].cluster_size == 1
    assert clusters.cluster_id.nunique() == len(clusters) - 2


def test_short_articles_get_no_signature():
    rows = article_signature("x", "Too short to judge.", [{"char_start": 0, "char_end": 19, "is_main": True}])
    assert rows["_copy_signatures"]["band_keys"] == b"" and rows["_passage_hashes"]["hashes"] == b""


# -- figures and quotations -----------------------------------------------------------------------
def test_figure_intervals_and_modifiers():
    assert interval(6000, None, None, "MORE_THAN") == (6000, 6300)
    assert interval(6000, None, None, None) == pytest.approx((5700, 6300))  # a round figure
    assert interval(5791, None, None, None) == (5791, 5791) and interval(54, None, None, None) == (54, 54)
    assert interval(10, 8, 12, None) == (8, 12)
    text = "nearly 6,000 child sex trafficking victims and 2,000 of which are minors"
    assert modifiers(text, 12, text.index("victims")) == {"child", "sex", "trafficking"}
    assert modifiers(text, text.index(" of which"), text.index("minors")) == frozenset()


def test_figure_groups_keep_other_modifiers_and_values_apart():
    texts = {"a": "over 6,000 trafficking victims", "b": "nearly 6,000 child sex trafficking victims",
             "c": "6,000 adult victims", "d": "6,000 trafficking victims", "e": "9,000 trafficking victims"}
    mods = {"a": "MORE_THAN", "b": "APPROX"}
    q = pd.DataFrame([{"quantity_id": make_id(a), "article_id": a, "char_start": 0, "char_end": t.index(" ", t.index("0")),
                       "text": t[:t.index(" ", t.index("0"))], "label": "CARDINAL", "value": 9000.0 if a == "e" else 6000.0,
                       "low": None, "high": None, "mod": mods.get(a), "unit": None, "currency": None, "counted": "victim",
                       "counted_char_start": t.index("victims"), "counted_char_end": len(t)} for a, t in texts.items()])
    arts = pd.DataFrame({"article_id": list(texts), "text": list(texts.values()),
                         "published": pd.to_datetime(["2017-01-01", "2023-09-01", "2018-01-01", "2019-01-01", "2020-01-01"])})
    keys = figure_keys_table(q, arts)
    g = figure_groups(keys, published_map(arts)).to_pandas()
    assert len(g) == 1
    row = g.iloc[0]
    assert sorted(row.article_ids) == ["a", "b", "d"] and row.first_article_id == "a"
    assert row.description == "child sex trafficking victim" and row.first_text == "over 6,000 trafficking victims"
    assert row.n_articles == 3 and str(row.first_published.date()) == "2017-01-01"
    # incremental: "d" removed, "c" changed to a trafficking figure -> only the victim key is regrouped
    keys2 = keys[keys.article_id != "d"].copy()
    keys2["mods"] = [["trafficking"] if a == "c" else m for a, m in zip(keys2.article_id, keys2.mods)]
    step = update_figure_groups(figure_groups(keys, published_map(arts)), keys2, ["c", "d"], published_map(arts))
    assert step.to_pylist() == figure_groups(keys2, published_map(arts)).to_pylist()
    assert sorted(step.to_pandas().article_ids.iloc[0]) == ["a", "b", "c"]


def test_quote_groups_link_repunctuated_and_trimmed_quotations():
    texts = {
        "a": "He said: “I’m here today to defend the right to pursue happiness. It is a simple notion.”",
        "b": 'Kutcher began, "I\'m here today to defend the right to pursue happiness," and went on.',
        "c": "“We would never want to do that,” she said.",
        "d": "Another quotation: “The mission must always be the priority.”",
    }
    spans = {"a": ("I’m", "notion."), "b": ("I'm", "happiness,"), "c": ("We", "that,"), "d": ("The", "priority.")}
    rows = []
    for a, (s, e) in spans.items():
        start, end = texts[a].index(s), texts[a].index(e) + len(e)
        rows.append({"quote_id": f"q{a}", "article_id": a, "content_starts": [start], "content_ends": [end]})
    g = quote_groups(pd.DataFrame(rows), texts).to_pandas().set_index("quote_id")
    assert g.loc["qa"].quote_group == g.loc["qb"].quote_group and g.loc["qa"].group_n_articles == 2
    assert len({g.loc["qa"].quote_group, g.loc["qc"].quote_group, g.loc["qd"].quote_group}) == 3


# -- the seeds, through the real CLI ----------------------------------------------------------------
@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    """The tables `python -m pipeline extract` writes for the seeds (copies stage included)."""
    from tests.conftest import SEEDS

    out = tmp_path_factory.mktemp("copies") / "output"
    proc = run_cli("extract", "--raw", str(SEEDS), "--out", str(out), "--no-progress")
    assert proc.returncode == 0, proc.stderr
    tables = {t: pd.read_parquet(out / t) for t in ("articles", "quantities", "duplicates", "passages", "figure_groups")}
    name = {a: p[:3] for a, p in zip(tables["articles"].article_id, tables["articles"].source_path)}
    return tables, name


def test_no_two_seeds_are_copies(seeds):
    tables, _ = seeds
    assert len(tables["duplicates"]) == 0
    assert tables["articles"].cluster_id.is_unique and (tables["articles"].cluster_size == 1).all()


def test_seed_testimony_is_a_reused_passage(seeds):
    tables, name = seeds
    text = dict(zip(tables["articles"].article_id, tables["articles"].text))
    rows = [r for r in tables["passages"].itertuples() if {name[r.article_id_1], name[r.article_id_2]} == {"000", "001"}]
    assert len(rows) == 1
    r = rows[0]
    for aid, s, e in ((r.article_id_1, r.char_start_1, r.char_end_1), (r.article_id_2, r.char_start_2, r.char_end_2)):
        span = text[aid][s:e]
        assert span.startswith("I’m here today to defend the right to pursue happiness")
        assert span.endswith("It is sold for the momentary happiness of another")
    assert r.n_words >= 80


def test_seed_victims_figures_are_one_group(seeds):
    tables, name = seeds
    groups, quantities = tables["figure_groups"], tables["quantities"]
    victims = groups[groups.counted == "victim"]
    assert len(victims) == 1
    row = victims.iloc[0]
    assert {name[a] for a in row.article_ids} == {"000", "001"}
    assert 6000.0 in set(quantities.set_index("quantity_id").loc[list(row.quantity_ids)].value)


# -- the benchmark harnesses (small runs) -----------------------------------------------------------
def test_adding_one_article_to_a_synthetic_index(tmp_path):
    from pipeline.evaluation.copies_incremental import bench_incremental

    figures = bench_incremental(tmp_path, n=3000, lsh_sample=0)
    assert figures["duplicates_found"] == 1 and figures["passages_found"] == 1  # seed 000's copy; seed 001's testimony
    assert figures["articles_read"] <= 4 and figures["index_bytes_per_article"] < 2000


def test_benchmark_sample_gate(tmp_path):
    from tests.conftest import SHARED_BENCH

    if not SHARED_BENCH.is_dir():
        pytest.skip(f"benchmark data not found at {SHARED_BENCH}")
    from pipeline.evaluation.copies import evaluate

    f = evaluate(SHARED_BENCH, tmp_path, web_pages=40, log=lambda m: None, sample=60)
    assert f["duplicates.precision"] >= 0.98 and f["duplicates.recall"] >= 0.93
    assert f["duplicates.false_pairs_same_topic"] == 0
    assert f["copies.incremental_equal.read"] == 1.0 and f["copies.incremental_equal.validation"] == 1.0
