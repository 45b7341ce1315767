"""The report: one self-contained page from the seed tables, checked as HTML and in headless Chromium."""

from __future__ import annotations

import html
import os
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from pipeline.report import browser
from pipeline.report.views import MAX_ARTICLE_VIEWS, Links
from tests.conftest import ROOT, SEEDS, SHARED_BENCH, run_cli

SEED_002 = "002_e3210c8ab43b7d4a.txt"


@pytest.fixture(scope="module")
def seed_out(tmp_path_factory) -> Path:
    """Tables of a real `python -m pipeline extract --raw raw` over the four seeds."""
    out = tmp_path_factory.mktemp("report") / "output"
    proc = run_cli("extract", "--raw", str(SEEDS), "--out", str(out), "--no-progress")
    assert proc.returncode == 0, proc.stderr
    return out


@pytest.fixture(scope="module")
def report(seed_out) -> Path:
    """The report written by `python -m pipeline report --out` over the seed tables."""
    proc = run_cli("report", "--out", str(seed_out))
    assert proc.returncode == 0, proc.stderr
    assert "report.html" in proc.stdout
    return seed_out / "report.html"


def read(out: Path, table: str) -> pd.DataFrame:
    return pd.read_parquet(out / table)


# ---------------------------------------------------------------- the page as HTML


def test_one_self_contained_page(report):
    page = report.read_text()
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", page, re.I)
    assert "<link rel=\"stylesheet\"" not in page and "<script src" not in page and "@import" not in page
    assert not re.search(r"url\((?!#)", page)


def test_every_link_opens_an_article_view(report, seed_out):
    page = report.read_text()
    linked = set(re.findall(r'href="#a-([0-9a-f]{16})', page))
    views = set(re.findall(r'<script type="text/x-article" id="art-([0-9a-f]{16})"', page))
    assert linked and linked <= views
    assert views == set(read(seed_out, "articles").article_id)  # four articles: all under the cap


def test_article_views_mark_every_mention_at_its_offsets(report, seed_out):
    page = report.read_text()
    text = read(seed_out, "articles").set_index("article_id").text
    mentions = read(seed_out, "mentions")
    marks = {}  # (article, start, end) -> (text inside, hover text)
    for view in re.finditer(r'<script type="text/x-article" id="art-([0-9a-f]+)">(.*?)</script>', page, re.S):
        for m in re.finditer(r'<mark class="m g-\w+" data-s="(\d+)" data-e="(\d+)" data-tip="([^"]*)">(.*?)</mark>', view.group(2)):
            marks[(view.group(1), int(m.group(1)), int(m.group(2)))] = (html.unescape(re.sub(r"<[^>]+>", "", m.group(4))),
                                                                        html.unescape(m.group(3)))
    assert len(marks) == len(mentions)
    for r in mentions.itertuples():
        inner, _tip = marks[(r.article_id, r.char_start, r.char_end)]
        assert inner == text[r.article_id][r.char_start:r.char_end] == r.text
    kutcher = mentions[(mentions.name == "Ashton Kutcher")].iloc[0]
    assert "PERSON · Ashton Kutcher" in marks[(kutcher.article_id, kutcher.char_start, kutcher.char_end)][1]
    date = read(seed_out, "dates").iloc[0]
    assert date.value in marks[(date.article_id, date.char_start, date.char_end)][1]


def test_sections_wait_for_tables_of_later_stages(tmp_path):
    """An output that stops before the quotes and copies stages (`normalise`) says so in those sections."""
    out = tmp_path / "output"
    proc = run_cli("normalise", "--raw", str(SEEDS), "--out", str(out), "--no-progress")
    assert proc.returncode == 0, proc.stderr
    assert run_cli("report", "--out", str(out)).returncode == 0
    page = (out / "report.html").read_text()
    for anchor in ("quotes-absent", "copies-absent", "figure-groups-absent"):
        assert f'id="{anchor}"' in page


def test_a_corpus_with_no_quotations_and_other_languages(tmp_path):
    """Tables with no rows (no quotation anywhere) still make a report, and languages show by name."""
    raw, out = tmp_path / "raw", tmp_path / "output"
    raw.mkdir()
    (raw / "plain.txt").write_text("Harbour works begin\n\nThe city council of Port Avery approved the harbour works on "
                                   "Monday, and the first ships will dock there in 2027.\n")
    (raw / "fremd.txt").write_text("Hafen wird erweitert\n\nDer Stadtrat hat am Montag die Erweiterung des Hafens "
                                   "beschlossen, und die ersten Schiffe sollen dort im Jahr 2027 anlegen. " * 2 + "\n")
    proc = run_cli("extract", "--raw", str(raw), "--out", str(out), "--no-progress")
    assert proc.returncode == 0, proc.stderr
    assert pd.read_parquet(out / "quotes").empty
    proc = run_cli("report", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    page = (out / "report.html").read_text(encoding="utf-8")
    assert ">German</text>" in page and ">English</text>" in page


def test_quotes_and_copies_are_shown(report, seed_out):
    page = report.read_text()
    quotes = read(seed_out, "quotes")
    assert "quotes-absent" not in page and "copies-absent" not in page and "figure-groups-absent" not in page
    assert f'id="quotes-total" data-n="{len(quotes)}"' in page
    q = quotes.sort_values(["article_id", "quote_id"]).iloc[0]
    assert f'class="qt k-{q.kind}" data-s="{q.content_starts[0]}"' in page
    assert f'id="pairs-total" data-n="{len(read(seed_out, "duplicates"))}"' in page
    assert 'id="passages"' in page and 'class="pas"' in page
    groups = read(seed_out, "figure_groups")
    assert 'id="figure-groups"' in page and len(groups) >= 1
    assert f">{groups.n_articles.iloc[0]}<" in page


def test_reads_one_committed_snapshot(tmp_path):
    """The report reads the current snapshot, pinned, and names it with the run that made it."""
    raw = tmp_path / "raw"
    raw.mkdir()
    for path in sorted(SEEDS.glob("*.txt"))[:3]:
        shutil.copy(path, raw / path.name)
    out = tmp_path / "output"
    assert run_cli("extract", "--raw", str(raw), "--out", str(out), "--no-progress").returncode == 0
    shutil.copy(sorted(SEEDS.glob("*.txt"))[3], raw)
    assert run_cli("extract", "--raw", str(raw), "--out", str(out), "--no-progress").returncode == 0
    from pipeline import store
    from pipeline.report.load import load

    current = store.current(out)
    t = load(out)
    assert t.source.snapshot_id == current.id and len(t.articles) == 4
    proc = run_cli("report", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    page = (out / "report.html").read_text()
    run_id = current.info()["run_id"]
    assert f'<code id="snapshot-id">{current.id}</code>' in page and f'<code id="run-id">{run_id}</code>' in page


def test_cap_on_article_views(seed_out, tmp_path):
    """A corpus larger than the cap gets exactly the cap of views; every link still opens one."""
    from pipeline.report.benchmark import replicate

    n = replicate(seed_out, tmp_path / "big", MAX_ARTICLE_VIEWS + 60)
    assert n == MAX_ARTICLE_VIEWS + 60
    assert read(tmp_path / "big", "articles").article_id.is_unique
    proc = run_cli("report", "--out", str(tmp_path / "big"))
    assert proc.returncode == 0, proc.stderr
    page = (tmp_path / "big" / "report.html").read_text()
    views = set(re.findall(r'id="art-([0-9a-f]{16})"', page))
    assert len(views) == MAX_ARTICLE_VIEWS
    assert set(re.findall(r'href="#a-([0-9a-f]{16})', page)) <= views
    assert f'id="views-count" data-n="{MAX_ARTICLE_VIEWS}"' in page


def test_views_stop_at_their_byte_budget(seed_out):
    """A corpus of long articles gets fewer views, never a larger page; links point only at written views."""
    from pipeline.report.load import load
    from pipeline.report.page import render

    page, n_views = render(load(seed_out), budget=60_000)
    views = re.findall(r'<script type="text/x-article" id="art-([0-9a-f]{16})">(.*?)</script>', page, re.S)
    assert 0 < n_views == len(views) < 4 and sum(len(v.encode()) for _a, v in views) <= 60_000
    assert set(re.findall(r'href="#a-([0-9a-f]{16})', page)) <= {a for a, _v in views}


def test_report_command_errors_are_one_line(tmp_path):
    missing = run_cli("report", "--out", str(tmp_path / "nothing"))
    assert missing.returncode == 2 and missing.stderr.strip().count("\n") == 0 and "extract" in missing.stderr
    (tmp_path / "empty").mkdir()
    empty = run_cli("report", "--out", str(tmp_path / "empty"))
    assert empty.returncode == 2 and empty.stderr.strip().count("\n") == 0


def test_report_command_documented():
    readme = (ROOT / "README.md").read_text()
    assert "python -m pipeline report" in readme and "make report" in readme and "docs/report.png" in readme
    shot = ROOT / "docs" / "report.png"
    assert shot.exists() and shot.stat().st_size < 250_000


# ---------------------------------------------------------------- pieces


def test_inline_spans_nest_and_keep_offsets():
    from pipeline.report.article import Span, render_inline

    def span(s, e, rank, name):
        return Span(s, e, rank, f'<{name} data-s="{s}">', f"</{name}>", f"<{name}>")

    text = "Kutcher said: I am here today."
    # a quotation (rank 1) ending inside a mention (rank 3): the mention is whole where it opens
    out = render_inline(text, 0, len(text), [span(14, 21, 1, "q"), span(19, 23, 3, "m"), span(0, 7, 3, "m")])
    assert out == '<m data-s="0">Kutcher</m> said: <q data-s="14">I am <m data-s="19">he</m></q><m>re</m> today.'
    assert re.sub(r"<[^>]+>", "", out) == text
    # clipped to a block: a span starting before the block re-opens without its offsets
    assert render_inline(text, 5, 12, [span(0, 7, 3, "m")]) == "<m>er</m> said"


def test_links_serve_visible_items_first_and_respect_the_cap():
    links = Links(cap=3)
    links.want(["a1", "a2", "a3"], k=3, tier=1)
    links.want(["b1"], tier=0)
    links.want(["c1", "a1"], tier=0)
    links.want(["d1"], tier=2)
    assert links.select() == ["b1", "c1", "a1"]
    assert links.pick(["zz", "a1"]) == ["a1"]
    assert 'class="nolink"' in links.link("x", "d1") and 'href="#a-c1:3-9"' in links.link("x", "c1", 3, 9)


def test_languages_are_shown_by_name(report):
    from pipeline.report.corpus import language_name

    assert language_name("de") == "German" and language_name("zh") == "Chinese"
    assert language_name("und") == "other script" and language_name("not a code") == "not a code"
    page = report.read_text(encoding="utf-8")
    assert ">English</text>" in page and "English (en): " in page  # the name on the bar, the code in its hover text


def test_values_in_words():
    from pipeline.report.figures import value_words
    from pipeline.report.when import duration_words

    assert duration_words("P30Y") == "30 years" and duration_words("PT5H") == "5 hours"
    assert duration_words("PT30M") == "30 minutes" and duration_words("P1D") == "1 day"
    assert duration_words("PXD") == "some days" and duration_words("P2DE") == "2 decades"
    row = pd.Series({"value": 27000.0, "low": None, "high": None, "mod": "MORE_THAN", "unit": None, "currency": None})
    assert value_words(row) == "more than 27,000"
    money = pd.Series({"value": 3.5e9, "low": None, "high": None, "mod": None, "unit": None, "currency": "USD"})
    assert value_words(money) == "USD 3,500,000,000"


def test_seriation_puts_names_that_appear_together_side_by_side():
    import numpy as np

    from pipeline.report.who import seriate

    groups = [0, 1, 0, 1, 0, 1]  # two cliques, interleaved
    counts = np.array([[5 if groups[i] == groups[j] else 0 for j in range(6)] for i in range(6)])
    counts[0, 1] = counts[1, 0] = 1  # one weak link between them
    order = list(seriate(counts))
    assert [groups[i] for i in order] in ([0, 0, 0, 1, 1, 1], [1, 1, 1, 0, 0, 0])


@pytest.mark.skipif(not (SHARED_BENCH / "tempeval3").exists(), reason="../shared/bench is absent")
def test_benchmark_corpus_is_built_outside_the_repository(tmp_path):
    from pipeline.report.benchmark import build_corpus

    files = build_corpus(SHARED_BENCH, tmp_path / "raw", docs=2)
    assert files >= 3 and not (ROOT / "raw" / "web").exists()
    assert sum(1 for _ in open(tmp_path / "raw" / "quotes.jsonl")) == 2


# ---------------------------------------------------------------- in a real browser


@pytest.fixture(scope="module")
def browser_ready():
    why = browser.unavailable()
    if why:
        pytest.skip(why)


def test_in_headless_chromium(browser_ready, report, seed_out, tmp_path):
    """From file://: no console error, no request, the numbers of the tables, an article view, pixels."""
    shots = Path(os.environ.get("REPORT_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    arts, ents, runs = read(seed_out, "articles"), read(seed_out, "entities"), read(seed_out, "runs")
    mentions = read(seed_out, "mentions")
    with browser.page(1280, 900) as pg:
        pg.goto(report.resolve().as_uri())
        pg.wait_for_selector("html[data-ready='1']", state="attached")
        # the numbers shown are the tables' numbers
        def shown(selector: str) -> int:
            return int(pg.inner_text(selector).replace(",", ""))

        assert shown("#kpi-articles .num") == len(arts)
        assert shown("#kpi-words .num") == int(arts.n_words.sum())
        assert shown("#kpi-mentions .num") == len(mentions)
        assert shown("#kpi-dates .num") == len(read(seed_out, "dates"))
        assert shown("#kpi-quantities .num") == len(read(seed_out, "quantities"))
        assert shown("#kpi-entities .num") == len(ents)
        people = ents[ents.label == "PERSON"].sort_values(["n_articles", "n_mentions", "name"], ascending=[False, False, True])
        first = pg.query_selector_all("#top-person tbody tr")[0].query_selector_all("td")
        assert first[1].query_selector(".ename").inner_text() == people.name.iloc[0]
        assert int(first[2].inner_text()) == people.n_articles.iloc[0] and int(first[3].inner_text()) == people.n_mentions.iloc[0]
        assert pg.inner_text("#run-id") == runs.run_id.iloc[-1]
        found = int(arts.published.notna().sum())
        assert pg.get_attribute("#pub-found", "data-found") == str(found)
        assert pg.inner_text("#pub-found").startswith(f"{found} of {len(arts)} articles")
        assert pg.is_visible("svg.matrix") and pg.is_visible("svg.timeline")
        # the article index filters as one types
        pg.fill("input.filter[data-for='article-index']", "kutcher")
        visible = pg.eval_on_selector_all("#article-index tbody tr", "rows => rows.filter(r => !r.hidden).length")
        titles = arts.title.fillna("") + " " + arts.source_path
        assert visible == int(titles.str.lower().str.contains("kutcher").sum()) > 0
        pg.fill("input.filter[data-for='article-index']", "")
        full = pg.screenshot(path=str(shots / "report-page.png"), full_page=True)
        # one click opens the article that mentions the top person most; a known mention is highlighted
        pg.click("#top-person tbody tr:first-child .ename a")
        pg.wait_for_selector("#overlay.open .view")
        aid = pg.get_attribute("#view-body", "data-article")
        text = arts.set_index("article_id").text[aid]
        m = mentions[(mentions.article_id == aid) & (mentions.name == people.name.iloc[0])].iloc[0]
        where = f'#view-body mark[data-s="{m.char_start}"][data-e="{m.char_end}"]'
        mark = pg.query_selector(where)
        assert mark.inner_text() == text[m.char_start:m.char_end] and "g-person" in mark.get_attribute("class")
        assert mark.bounding_box() is not None
        # a link to a span scrolls to it and marks it; hovering shows its value
        pg.evaluate(f"location.hash = '#a-{aid}:{m.char_start}-{m.char_end}'")
        pg.wait_for_selector(where + ".target")
        mark.hover()
        assert people.name.iloc[0] in pg.inner_text("#tip")
        view = pg.screenshot(path=str(shots / "report-article.png"))
        pg.keyboard.press("Escape")
        pg.wait_for_selector("#overlay.open", state="detached")
        for png in (full, view):
            stats = browser.pixel_stats(pg, png)
            assert stats["ink"] > 0.05 and stats["colours"] > 30 and stats["spread"] > 15, stats
        assert pg.console_errors == []
        assert [u for u in pg.requests if u != report.resolve().as_uri()] == []


def test_the_run_shown_is_the_one_that_made_the_snapshot():
    from pipeline.report.load import last_run

    runs = pd.DataFrame({"run_id": ["r1", "r2", "r3"], "snapshot_id": ["s1", "s2", None],
                         "finished_at": pd.to_datetime(["2026-01-01", "2026-01-02", "2026-01-03"], utc=True)})
    assert last_run(runs, "s1")["run_id"] == "r1"
    assert last_run(runs, None)["run_id"] == "r3" and last_run(runs.drop(columns="snapshot_id"), "s1")["run_id"] == "r3"
