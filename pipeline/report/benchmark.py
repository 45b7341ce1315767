"""Scale check of the report: a 20,000-article output built from the bench data, written and opened.

``python -m pipeline.report.benchmark --bench ../shared/bench --work /tmp/report-bench``

1. A corpus of real news from the bench data (never copied into the repository): the TempEval-3
   documents, a sample of the quotes set and of the scraped web pages (``--docs`` of each of the
   last two), written as JSONL and text files under ``--work``.
2. The real CLI (``python -m pipeline extract``) over it, in a subprocess.
3. Its tables replicated with fresh ids (every id re-derived with ``schemas.make_id``) to
   ``--articles`` articles: the report then reads a corpus of that size whose texts, entities,
   dates and figures are real extractions.
4. ``python -m pipeline report`` timed on that output (wall clock, process start included), the size
   of the page, and the page opened in headless Debian Chromium from ``file://``: navigation
   timings, the time until the page's script has run, and the time to open an article view.

Results go to ``<work>/results.json`` and a printed table.  Targets (issue 15): written in under
60 s, under 15 MB, interactive within 3 s.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.schemas import make_id

ROOT = Path(__file__).resolve().parents[2]
TARGETS = {"write_seconds": 60.0, "size_mb": 15.0, "interactive_seconds": 3.0}
#: id columns re-derived per copy, by table (article_id always)
ID_COLUMNS = {"segments": ["segment_id"], "sentences": ["sentence_id", "segment_id"],
              "mentions": ["mention_id", "segment_id", "sentence_id"], "dates": ["date_id", "mention_id"],
              "quantities": ["quantity_id", "mention_id"], "quotes": ["quote_id", "segment_id", "sentence_id"]}
ARTICLE_TABLES = ["articles", "segments", "sentences", "mentions", "dates", "quantities", "quotes"]


def build_corpus(bench: Path, raw: Path, docs: int) -> int:
    """Write the bench corpus (TempEval-3 + ``docs`` quote-set articles + ``docs`` web pages); returns files."""
    if raw.exists():
        shutil.rmtree(raw)
    raw.mkdir(parents=True)
    n = 0
    te = bench / "tempeval3" / "train.jsonl"
    if te.exists():
        rows = [json.loads(line) for line in te.open()]
        with open(raw / "tempeval3.jsonl", "w") as fh:
            for r in rows:
                fh.write(json.dumps({"id": r["doc_id"], "text": r["text"], "published": r.get("dct")}) + "\n")
        n += 1
    qs = bench / "quotes" / "dev.jsonl"
    if qs.exists():
        with open(raw / "quotes.jsonl", "w") as fh:
            for line in list(qs.open())[:docs]:
                r = json.loads(line)
                fh.write(json.dumps({k: r.get(k) for k in ("text", "title", "author", "published")} | {"id": r["doc_id"]}) + "\n")
        n += 1
    web = sorted((bench / "web" / "txt").glob("*.txt"))[:docs]
    (raw / "web").mkdir()
    for path in web:
        shutil.copy(path, raw / "web" / path.name)
    return n + len(web)


def _fresh(values: pd.Series, copy: int) -> pd.Series:
    """Ids of copy ``copy`` (copy 0 keeps the originals); nulls stay null."""
    if copy == 0:
        return values
    uniq = values.dropna().unique()
    mapping = {v: make_id(v, "copy", copy) for v in uniq}
    return values.map(mapping)


def replicate(src: Path, dst: Path, n_articles: int) -> int:
    """Copy the tables of ``src`` to ``dst`` with the articles repeated (fresh ids) up to ``n_articles``.

    Article-level tables are repeated; ``entities`` counts are recomputed from the copied mentions;
    ``rejects``, ``runs`` and corpus-level tables of later issues are copied as they are.
    Returns the number of articles written.
    """
    if dst.exists():
        shutil.rmtree(dst)
    dst.mkdir(parents=True)
    n_src = pq.read_metadata(src / "articles").num_rows if (src / "articles").is_file() else \
        len(pq.read_table(src / "articles", columns=["article_id"]))
    copies = -(-n_articles // max(1, n_src))
    kept: set[str] = set()
    for table in ARTICLE_TABLES:
        if not (src / table).exists():
            continue
        frame = pq.read_table(src / table).to_pandas()
        parts = []
        for c in range(copies):
            part = frame.copy()
            for col in ["article_id", *ID_COLUMNS.get(table, [])]:
                if col in part:
                    part[col] = _fresh(part[col], c)
            parts.append(part)
        out = pd.concat(parts, ignore_index=True)
        if table == "articles":
            out = out.head(n_articles)
            kept = set(out.article_id)
        else:
            out = out[out.article_id.isin(kept)]
        _write(dst, table, out)
    _entities(src, dst)
    for table in ("rejects", "runs", "duplicates", "passages", "figure_groups"):
        if (src / table).exists():
            shutil.copytree(src / table, dst / table)
    return len(kept)


def _entities(src: Path, dst: Path) -> None:
    ents = pq.read_table(src / "entities").to_pandas()
    m = pq.read_table(dst / "mentions", columns=["entity_id", "article_id"]).to_pandas().dropna()
    counts = m.groupby("entity_id").agg(n_mentions=("article_id", "size"), n_articles=("article_id", "nunique"))
    ents = ents.drop(columns=["n_mentions", "n_articles"]).merge(counts, left_on="entity_id", right_index=True)
    _write(dst, "entities", ents)


def _write(dst: Path, table: str, frame: pd.DataFrame) -> None:
    (dst / table).mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), dst / table / "part-00.parquet",
                   compression="zstd")


def measure_browser(report: Path) -> dict:
    """Open ``report`` from file:// in headless Chromium: timings (ms) and console errors."""
    from pipeline.report import browser

    why = browser.unavailable()
    if why:
        return {"skipped": why}
    with browser.page() as pg:
        start = time.perf_counter()
        pg.goto(report.resolve().as_uri(), wait_until="domcontentloaded", timeout=120_000)
        pg.wait_for_selector("html[data-ready='1']", state="attached", timeout=120_000)
        ready = time.perf_counter() - start
        timing = browser.timings(pg)
        link = pg.query_selector("#who a.al[href^='#a-']")
        t0 = time.perf_counter()
        link.click()
        pg.wait_for_selector("#overlay.open .view mark", timeout=30_000)
        opened = time.perf_counter() - t0
        return {"script_ready_seconds": round(ready, 3), **{k: v and round(v / 1000, 3) for k, v in timing.items()},
                "open_article_view_seconds": round(opened, 3), "console_errors": pg.console_errors[:5]}


def main(argv: list[str] | None = None) -> int:
    """Build the corpus, run the pipeline, replicate, write and open the report; print the figures."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", type=Path, default=ROOT.parent / "shared" / "bench")
    ap.add_argument("--work", type=Path, default=Path("/tmp/report-bench"))
    ap.add_argument("--articles", type=int, default=20_000)
    ap.add_argument("--docs", type=int, default=300, help="quote-set articles and web pages each (TempEval: all)")
    ap.add_argument("--processes", type=int, default=1)
    ap.add_argument("--reuse", action="store_true", help="reuse the extracted output of an earlier run in --work")
    args = ap.parse_args(argv)
    if not args.bench.exists():
        print(f"skipped: {args.bench} is absent (the bench data)", file=sys.stderr)
        return 0
    base, big = args.work / "output", args.work / f"output-{args.articles}"
    results: dict = {}
    if not (args.reuse and (base / "articles").exists()):
        files = build_corpus(args.bench, args.work / "raw", args.docs)
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "pipeline", "extract", "--raw", str(args.work / "raw"), "--out", str(base),
                        "--processes", str(args.processes), "--no-progress", "--full"], cwd=ROOT, check=True)
        results["extract_seconds"] = round(time.perf_counter() - t, 1)
        results["files"] = files
    results["base_articles"] = len(pq.read_table(base / "articles", columns=["article_id"]))
    results["articles"] = replicate(base, big, args.articles)
    results["mentions"] = len(pq.read_table(big / "mentions", columns=["mention_id"]))
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "pipeline", "report", "--out", str(big)], cwd=ROOT, check=True,
                          capture_output=True, text=True)
    results["write_seconds"] = round(time.perf_counter() - t, 2)
    report = big / "report.html"
    results["size_mb"] = round(report.stat().st_size / 1e6, 2)
    results["cli"] = proc.stdout.strip()
    results["browser"] = measure_browser(report)
    results["interactive_seconds"] = results["browser"].get("script_ready_seconds")
    (args.work / "results.json").write_text(json.dumps(results, indent=1))
    print(f"{'measure':<34}{'measured':>12}   target")
    for key, target in TARGETS.items():
        print(f"{key:<34}{results.get(key)!s:>12}   ≤ {target}")
    print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
