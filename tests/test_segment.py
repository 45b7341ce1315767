"""Tests of pipeline.segment (block kinds, sentences, metadata, invariants) and pipeline.evaluation.web."""

from __future__ import annotations

import json
import math
import time
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.evaluation import web
from pipeline.segment import (
    ALL_RULES,
    AUTHOR_FEATURES,
    DATE_FEATURES,
    KINDS,
    MAIN_KINDS,
    MODEL_PATH,
    SENTENCE_KINDS,
    STAGE2_FEATURES,
    TITLE_FEATURES,
    Segmentation,
    analyse,
    common_lines,
    current_model,
    line_key,
    segment_text,
    stage1_names,
    stage1_rows,
    stage2_rows,
    use_model,
)
from pipeline.segment.features import stage2_columns

RAW = Path(__file__).resolve().parent.parent / "raw"


def _seed(prefix: str) -> str:
    (path,) = sorted(RAW.glob(f"{prefix}_*.txt"))
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seeds() -> dict[str, tuple[str, Segmentation]]:
    out = {}
    for prefix in ("000", "001", "002", "003"):
        text = _seed(prefix)
        out[prefix] = (text, segment_text(text))
    return out


def _blocks_with(text: str, seg: Segmentation, needle: str, *, exact: bool = False):
    """Blocks whose text contains (or, with exact=True, equals) the needle."""
    found = []
    for b in seg.blocks:
        s = text[b.char_start : b.char_end]
        if (s == needle) if exact else (needle in s):
            found.append(b)
    assert found, f"no block with {needle!r}"
    return found


def _check_invariants(text: str, seg: Segmentation) -> None:
    prev_end = 0
    for b in seg.blocks:
        assert 0 <= prev_end <= b.char_start < b.char_end <= len(text)
        s = text[b.char_start : b.char_end]
        assert s == s.strip() and s
        assert b.kind in KINDS
        assert 0.0 <= b.score <= 1.0
        assert isinstance(b.rule, str) and b.rule
        prev_end = b.char_end
    prev = -1
    for s in seg.sentences:
        b = seg.blocks[s.block]
        assert b.kind in SENTENCE_KINDS
        assert b.char_start <= s.char_start < s.char_end <= b.char_end
        assert s.char_start >= prev
        sent = text[s.char_start : s.char_end]
        assert sent == sent.strip() and sent
        prev = s.char_end
    m = seg.meta
    for span, value in ((m.title_span, m.title), (m.author_span, m.author)):
        if span is not None:
            assert text[span[0] : span[1]] == value
    if m.published_span is not None:
        assert 0 <= m.published_span[0] < m.published_span[1] <= len(text)
        assert m.published_grain in ("day", "month", "year", "minute")


# ---------------------------------------------------------------------------- seed corpus


def test_seed_invariants(seeds):
    for text, seg in seeds.values():
        _check_invariants(text, seg)
        assert seg.blocks


def test_titles(seeds):
    for prefix in ("000", "002", "003"):
        text, seg = seeds[prefix]
        first_line = next(line.strip() for line in text.splitlines() if line.strip())
        if prefix == "003":  # first line there is a menu item ("Latest Posts"); the headline follows
            first_line = [line.strip() for line in text.splitlines() if line.strip()][1]
        assert seg.meta.title == first_line
        titles = [b for b in seg.blocks if b.kind == "title"]
        assert len(titles) == 1 and text[titles[0].char_start : titles[0].char_end] == first_line


def test_repeated_title_is_not_body(seeds):
    text, seg = seeds["002"]
    title = seg.meta.title
    copies = _blocks_with(text, seg, title, exact=True)
    assert len(copies) == 2
    assert copies[0].kind == "title" and copies[1].kind != "body"


def test_byline_000(seeds):
    text, seg = seeds["000"]
    (b,) = _blocks_with(text, seg, "by Jerriann Sullivan", exact=True)
    assert b.kind == "byline"
    assert seg.meta.author == "Jerriann Sullivan"
    (img,) = _blocks_with(text, seg, "Image via YouTube.", exact=True)
    assert img.kind in ("caption", "credit")


def test_header_002(seeds):
    text, seg = seeds["002"]
    (b,) = _blocks_with(text, seg, "Caden Pearson", exact=True)
    assert b.kind == "byline"
    assert seg.meta.author == "Caden Pearson"
    dates = _blocks_with(text, seg, "9/15/2023", exact=True)
    assert dates[0].kind == "dateline"
    assert all(d.kind != "body" for d in dates)
    assert seg.meta.published == datetime(2023, 9, 15)
    assert seg.meta.published_grain == "day"
    assert text[seg.meta.published_span[0] : seg.meta.published_span[1]] == "9/15/2023"
    for label in ("Updated:", "0:00"):
        (b,) = _blocks_with(text, seg, label, exact=True)
        assert b.kind != "body"


def test_photo_captions_002(seeds):
    text, seg = seeds["002"]
    for credit in ("(Mario Anzuoni/Reuters)", "/Getty Images for Disney)"):
        blocks = _blocks_with(text, seg, credit)
        assert blocks[0].kind == "caption"
        assert all(b.kind != "body" for b in blocks)


def test_003_boilerplate_credit_embed_caption(seeds):
    text, seg = seeds["003"]
    for s in ("Latest Posts", "Don't Miss"):
        for b in _blocks_with(text, seg, s, exact=True):
            assert b.kind == "boilerplate"
    (b,) = _blocks_with(text, seg, "Photo by Anna Webber/Getty Images for Netflix", exact=True)
    assert b.kind == "credit"
    for s in ("View this post on Instagram", "A post shared by Ashton Kutcher (@aplusk)"):
        (b,) = _blocks_with(text, seg, s, exact=True)
        assert b.kind == "embed"
    captions = _blocks_with(text, seg, "Ashton and his wife Mila Kunis", exact=True)
    assert all(b.kind == "caption" for b in captions)


def test_embeds_001(seeds):
    text, seg = seeds["001"]
    (b,) = _blocks_with(text, seg, "View this post on Instagram", exact=True)
    assert b.kind == "embed"
    (tweet,) = _blocks_with(text, seg, "https://t.co/")
    assert tweet.kind == "embed"
    (tail,) = _blocks_with(text, seg, "(@aplusk) September 21, 2020")
    assert tail.kind == "embed"
    assert seg.meta.published is None or seg.meta.published != datetime(2020, 9, 21)


def test_real_paragraphs_are_body(seeds):
    for text, seg in seeds.values():
        for b in seg.blocks:
            s = text[b.char_start : b.char_end]
            if len(s.split()) >= 20 and s.rstrip("”\"’").endswith((".", "!", "?")) and "(" not in s[-40:]:
                assert b.kind == "body", s[:80]


def test_seed_sentences(seeds):
    text, seg = seeds["002"]
    sents = [text[s.char_start : s.char_end] for s in seg.sentences]
    assert any(x.startswith("Mr. Kutcher acknowledged") for x in sents)
    assert not any(x.endswith(("Mr.", "Ms.", "Calif.", "Jan.")) for x in sents)


# ---------------------------------------------------------------------------- units


def test_sentence_splitter():
    text = (
        "Mr. Smith met Dr. J. Doe in Sacramento, Calif., on Jan. 29, 2017. He paid $3.50 for it. "
        "“It works.” She agreed! The U.S. Army left. Why? Because."
    )
    seg = segment_text(text)
    sents = [text[s.char_start : s.char_end] for s in seg.sentences]
    assert sents == [
        "Mr. Smith met Dr. J. Doe in Sacramento, Calif., on Jan. 29, 2017.",
        "He paid $3.50 for it.",
        "“It works.”",
        "She agreed!",
        "The U.S. Army left.",
        "Why?",
        "Because.",
    ]


def test_hard_wrapped_paragraph_is_one_block():
    para = (
        "The council met on Tuesday evening to discuss the new budget, which\n"
        "includes more money for schools and roads than in any year since the\n"
        "town was founded, according to the mayor.\n"
    )
    text = para + "\nA second paragraph starts here and it is a complete sentence of its own.\n"
    seg = segment_text(text)
    assert text[seg.blocks[0].char_start : seg.blocks[0].char_end] == para.strip()
    assert len(seg.blocks) == 2
    _check_invariants(text, seg)


def test_line_key_and_common_lines():
    assert line_key("  Updated:  9/15/2023 ") == line_key("updated 1/2/2024")
    assert line_key("Share on Facebook") == "share on facebook"
    docs = [f"Article {i} headline here\nShare on Facebook\nSome text number {i}." for i in range(4)]
    keys = common_lines(docs, min_docs=3)
    assert line_key("Share on Facebook") in keys
    assert line_key("Article 1 headline here") in keys  # digits are folded
    assert common_lines(docs[:2], min_docs=3) == frozenset()
    text = (
        "A long and proper paragraph that tells the reader what happened in the town today, "
        "with enough words to count as body text.\nShare on Facebook\n"
    )
    seg = segment_text(text, common_lines=keys)
    assert seg.blocks[-1].kind == "boilerplate"


def test_lines_without_a_letter_are_never_common():
    # score lines fold to one key ("3-1" and "2-0" are both "0 0"): repeated across results pages, they
    # are still no page furniture, unlike a share bar repeated as often
    docs = [f"Results of the cup games on day {i} :\nRiverside {i} 3-1 Hillview\n{i}-0\nShare this page\nPlayed on Sunday ." for i in range(5)]
    keys = common_lines(docs, min_docs=3)
    assert line_key("Share this page") in keys
    assert line_key("2-0") not in keys and line_key("7") not in keys
    lines = ["Results of the weekend games in the northern league , with the scorers :"] + [
        f"Team{c} {i % 4}-{i % 3} Club{c} ( Scorer{c} {10 + i} )" for i, c in enumerate("ABCDEFGH")]
    lines.insert(4, "2-1")
    seg = segment_text("\n".join(lines), common_lines=common_lines(["\n".join(lines)] + docs, min_docs=3))
    assert all(b.rule != "common_line" for b in seg.blocks)


def test_dates_in_various_languages():
    cases = {
        "Veröffentlicht am 3. Oktober 2021": datetime(2021, 10, 3),
        "Publié le 12 mars 2020": datetime(2020, 3, 12),
        "March 5, 2019": datetime(2019, 3, 5),
        "12.01.2022 | 13:10 Uhr": datetime(2022, 1, 12, 13, 10),
        "2020-04-26": datetime(2020, 4, 26),
    }
    body = (
        "\nThe committee published its long awaited report on the state of the river today, "
        "and the findings were worse than expected by most of the experts.\n"
    )
    for line, expected in cases.items():
        seg = segment_text("A headline about the river report\n" + line + body)
        assert seg.meta.published == expected, line


def test_empty_and_whitespace():
    for text in ("", "   \n\n\t ", "\n"):
        seg = segment_text(text)
        assert seg.blocks == [] and seg.sentences == []
        assert seg.meta.title is None and seg.meta.published is None


def test_huge_single_line_is_fast():
    text = ("word " * 200_000)[:1_000_000]
    t0 = time.perf_counter()
    seg = segment_text(text)
    assert time.perf_counter() - t0 < 10
    _check_invariants(text, seg)
    text = "a." * 500_000
    t0 = time.perf_counter()
    seg = segment_text(text)
    assert time.perf_counter() - t0 < 10
    _check_invariants(text, seg)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_never_raises_and_offsets_valid(text):
    seg = segment_text(text)
    _check_invariants(text, seg)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([
    "By Jane Doe", "9/15/2023", "Updated:", "0:00", "Photo: Reuters", "(@handle)", "* Home",
    "Mr. Smith said the plan works. It does.", "View this post on Instagram", "", "  ", "März 2020",
    "— someone (@x) May 1, 2020", "https://t.co/abc", "A headline that is here", "3. Oktober",
]), max_size=30))
def test_never_raises_on_article_like_text(lines):
    text = "\n".join(lines)
    seg = segment_text(text, common_lines=frozenset({line_key("* Home")}))
    _check_invariants(text, seg)


# ---------------------------------------------------------------------------- evaluation


def test_web_score():
    gold = {
        "a": {"id": "a", "with": ["main one", "main two"], "without": ["menu"], "author": "Jane Doe",
              "date": "2020-01-02", "title": "A Title"},
        "b": {"id": "b", "with": ["x"], "without": ["y"], "author": None, "date": "", "title": None},
    }
    pred = {"a": {"main_text": "main one\nmain two menu", "title": "a title!", "author": "By JANE DOE",
                  "date": "2020-01-02"}}
    fig = web.score(gold, pred)
    assert fig["web.tp"] == 2 and fig["web.fp"] == 1 and fig["web.fn"] == 1 and fig["web.tn"] == 1
    assert fig["web.precision"] == pytest.approx(2 / 3)
    assert fig["web.recall"] == pytest.approx(2 / 3)
    assert fig["web.date_accuracy"] == 1.0
    assert fig["web.author_accuracy"] == 1.0
    assert fig["web.title_accuracy"] == 1.0
    assert web.lenient_match("Jane", ["Max Muster", "Jane Doe"])
    assert not web.lenient_match("", "Jane Doe")
    assert not web.lenient_match("Bob Smith", "Jane Doe")


# ---------------------------------------------------------------------------- metadata choice


def test_menu_heading_is_not_author_003(seeds):
    text, seg = seeds["003"]
    assert seg.meta.author != "Latest Posts"
    for b in _blocks_with(text, seg, "Latest Posts", exact=True):
        assert b.kind != "byline"


def test_embed_date_is_not_published_with_common_lines():
    texts = [_seed(p) for p in ("000", "001", "002", "003")]
    common = common_lines(texts, min_docs=2)
    text = texts[1]
    seg = segment_text(text, common_lines=common)
    assert seg.meta.published is None or seg.meta.published != datetime(2020, 9, 21)
    if seg.meta.published_span is not None:
        (blk,) = [b for b in seg.blocks if b.char_start <= seg.meta.published_span[0] < b.char_end]
        assert blk.kind not in ("embed", "caption", "credit")


def test_rankers_loaded_and_valid():
    model = current_model()
    if model is None:
        pytest.skip("no trained model")
    assert set(model.rankers) == {"title", "date", "author"}


def test_byline_with_date_piece():
    text = (
        "Council approves the new river budget\n"
        "Jane Doe 19.10.2019, 05:00 Uhr\n"
        "The council met on Tuesday evening to discuss the new budget, which includes more money "
        "for schools and roads than in any year since the town was founded, the mayor said.\n"
        "A second paragraph follows with more detail about the plan and the reactions of residents.\n"
    )
    seg = segment_text(text)
    _check_invariants(text, seg)
    assert seg.meta.title == "Council approves the new river budget"
    assert seg.meta.author == "Jane Doe"
    assert seg.meta.published == datetime(2019, 10, 19, 5, 0)


def test_feature_names_and_values_agree():
    """Every feature set yields as many values as it has (unique) names, and the trained weights
    were made with the code's feature names (else the model would be silently dropped)."""
    page = analyse(_seed("001"), frozenset())
    names, rows = stage1_names(), stage1_rows(page.feats)
    assert len(names) == len(set(names))
    assert rows and all(len(r) == len(names) for r in rows)
    assert all(math.isfinite(x) for r in rows for x in r)
    p1 = [0.5] * len(rows)
    assert all(len(r) == len(names) + len(STAGE2_FEATURES) for r in stage2_rows(rows, p1))
    # the classifier builds the stage-2 rows from the stage-1 rows and stage2_columns: the same rows
    p1 = [i / len(rows) for i in range(len(rows))]
    assert [r + c for r, c in zip(rows, stage2_columns(p1))] == stage2_rows(rows, p1)
    collected: dict = {}
    segment_text(_seed("002"), collect=collected)
    for which, features in (("title", TITLE_FEATURES), ("date", DATE_FEATURES), ("author", AUTHOR_FEATURES)):
        assert collected[which], which
        assert all(len(row) == len(features.names) for _value, row in collected[which]), which
    if MODEL_PATH.exists():
        raw = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
        assert raw["stage1"]["feature_names"] == names
        assert raw["stage2"]["feature_names"] == names + STAGE2_FEATURES.names
        for which, features in (("title", TITLE_FEATURES), ("date", DATE_FEATURES), ("author", AUTHOR_FEATURES)):
            assert raw["rankers"][which]["feature_names"] == features.names


def test_feature_registry_refuses_duplicate_names():
    from pipeline.segment.registry import Feature, FeatureSet

    with pytest.raises(ValueError):
        FeatureSet([Feature("a", lambda x: 0.0), Feature("a", lambda x: 1.0)])


def test_tree_margin_and_model_with_trees():
    import numpy as np

    from pipeline.segment.classifier import tree_margin
    from pipeline.segment.model import prepare_trees

    trees = prepare_trees({"features": [[0, 1]], "thresholds": [[0.5, 0.5]], "leaves": [[1.0, 2.0, 3.0, 4.0]]}, 2)
    X = np.asarray([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    assert list(tree_margin(X, trees)) == [1.0, 2.0, 3.0, 4.0]
    with pytest.raises(ValueError):
        prepare_trees({"features": [[5]], "thresholds": [[0.0]], "leaves": [[0.0, 0.0]]}, 2)
    if current_model() is None:
        pytest.skip("no trained model")
    seg = segment_text(_seed("002"))
    assert any(b.rule in ("boosted", "logreg") for b in seg.blocks)


def test_model_with_fewer_features_still_applies():
    """A model trained on a subset of the code's features (by name) is still used."""
    k = 10
    stage = {"feature_names": stage1_names()[:k], "mean": [0.0] * k, "scale": [1.0] * k, "coef": [0.1] * k,
             "intercept": 0.0}
    with use_model({"stage1": stage, "stage2": None, "threshold": 0.5}):
        seg = segment_text(_seed("000"))
    assert any(b.rule == "logreg" for b in seg.blocks)
    with use_model(None):
        seg = segment_text(_seed("000"))
    assert not any(b.rule == "logreg" for b in seg.blocks)


def test_author_after_inline_label():
    text = (
        "River budget approved after long debate\n"
        "12.03.2021 Region | Politik | Text & Fotos: Maria Keller 0 12\n"
        "The council met on Tuesday evening to discuss the new budget, which includes more money "
        "for schools and roads than in any year since the town was founded, the mayor said.\n"
        "A second paragraph follows with more detail about the plan and the reactions of residents.\n"
    )
    collected: dict = {}
    seg = segment_text(text, collect=collected)
    _check_invariants(text, seg)
    assert "Maria Keller" in {value for value, _row in collected["author"]}
    assert all(len(row) == len(AUTHOR_FEATURES.names) for _value, row in collected["author"])


def test_dev_driver_uses_corpus_common_lines():
    texts = {str(i): f"Home\nShare this article now\nUnique line number {i} with more words here\n" for i in range(4)}
    texts["4"] = "Home\nsomething else\n"
    got = web.corpus_common_lines(texts)
    assert got == common_lines(texts.values())
    assert line_key("Home") in got and line_key("Share this article now") in got


# ---------------------------------------------------------------------------- layout rules


def _run_layout_example(rule, lines: tuple[str, ...]):
    """Segment an example page (lines; the one starting with '▶ ' is the block under test)."""
    (marked,) = [k for k, line in enumerate(lines) if line.startswith("▶ ")]
    clean = [line[2:] if line.startswith("▶ ") else line for line in lines]
    text = "\n".join(clean)
    start = sum(len(line) + 1 for line in clean[:marked])
    common = frozenset({line_key(clean[marked])}) if rule.examples_common else frozenset()
    if rule.examples_model is not None:
        with use_model(rule.examples_model):
            seg = segment_text(text, common_lines=common)
    else:
        seg = segment_text(text, common_lines=common)
    _check_invariants(text, seg)
    (block,) = [b for b in seg.blocks if b.char_start == start]
    return block


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.name)
def test_layout_rule_examples(rule):
    """Every layout rule types the marked block of each of its examples, and not of its negatives."""
    assert rule.examples, f"{rule.name} has no example"
    assert rule.kind in KINDS
    for lines in rule.examples:
        block = _run_layout_example(rule, lines)
        assert block.rule in rule.labels and block.kind == rule.kind, (rule.name, lines)
    for lines in rule.negatives:
        block = _run_layout_example(rule, lines)
        assert block.rule not in rule.labels, (rule.name, lines)


def test_layout_rule_names_are_unique():
    names = [r.name for r in ALL_RULES]
    assert len(names) == len(set(names))


def test_credit_word_lower_case_path_agrees():
    """The lower-case shortcut of the picture-agency search finds what CREDIT_ANY_RE finds."""
    from pipeline.segment.blocks import CREDIT_ANY_RE, _has_credit_word

    assert CREDIT_ANY_RE.pattern == CREDIT_ANY_RE.pattern.lower()
    samples = ["Photo: GETTY Images", "(C) 2020", "via AFP.", "AFPX", "Adobe Stock", "ReUTERS", "keyStone",
               "AP Photo/Jane", "dpa-infocom", "no credit here", "(c)x", "PICTURE-Alliance", "İstock", "ſhutterstock"]
    for s in samples:
        assert _has_credit_word(s) == bool(CREDIT_ANY_RE.search(s)), s


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("gettyimagesSHUTTERSTOCKdpafpAP phto()c©-?ADOBE ReutersKEYSTONE\t.İſ")), max_size=40))
def test_credit_word_lower_case_path_agrees_on_any_text(s):
    from pipeline.segment.blocks import CREDIT_ANY_RE, _has_credit_word

    assert _has_credit_word(s) == bool(CREDIT_ANY_RE.search(s))


def test_feature_rows_equal_values_item_by_item():
    """FeatureSet.rows (feature by feature) gives the rows FeatureSet.values gives item by item."""
    from pipeline.segment.features import BLOCK_FEATURES, PAGE_FEATURES, PageContext
    from pipeline.segment.registry import FeatureSet

    feats = analyse(_seed("001"), frozenset()).feats
    assert BLOCK_FEATURES.rows(feats) == [BLOCK_FEATURES.values(f) for f in feats]
    context = PageContext(feats)
    n = len(feats)
    assert PAGE_FEATURES.rows([context] * n, range(n)) == [PAGE_FEATURES.values(context, i) for i in range(n)]
    assert FeatureSet([]).rows([1, 2]) == [[], []] and BLOCK_FEATURES.rows([]) == []


def test_lower_case_search_agrees_with_ignorecase_on_every_character():
    """Outside blocks._CASE_ODD, a character lower-cases to one character of the same \\w/\\s class
    that equals a lower-case ASCII letter (or © ( ) - ? space) exactly when IGNORECASE matches them:
    so CREDIT_ANY_RE on a block finds what its case-sensitive copy finds on the lower-cased block."""
    import re

    from pipeline.segment.blocks import _CASE_ODD, CREDIT_ANY_RE

    literals = set("abcdefghijklmnopqrstuvwxyz©()-? ")
    assert set(CREDIT_ANY_RE.pattern.replace("\\b", "").replace("\\s", "").replace("\\", "")) - {"|"} <= literals
    any_literal = re.compile("(?i)[" + re.escape("".join(sorted(literals))) + "]")
    word, space = re.compile(r"\w"), re.compile(r"\s")
    odd = set()
    for cp in range(0x110000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        c = chr(cp)
        low = c.lower()
        if len(low) != 1 or bool(word.match(c)) != bool(word.match(low)) or bool(space.match(c)) != bool(space.match(low)):
            odd.add(c)
        elif any_literal.match(c) or low in literals:
            if any(bool(re.fullmatch("(?i)" + re.escape(p), c)) != (low == p) for p in literals):
                odd.add(c)
    assert odd == set(_CASE_ODD)
