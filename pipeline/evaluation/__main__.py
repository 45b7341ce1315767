"""``make eval``: score the pipeline on the benchmarks in ``../shared/bench`` and write
``<out>/summary.json`` (a flat object: metric name → number) and a printed table.

- TempEval-3 (dates): the real CLI over a JSONL of the documents (``published`` = document
  creation time), then the ``dates`` table scored with TempEval-3 Task A definitions.
- CoNLL-2003 (names): the real CLI over the dev (testa) documents, ``mentions`` mapped to
  PER/ORG/LOC/MISC and scored on exact span and label.
- Duckling (normalisers): the phrase and its reference time passed to the date and quantity
  normalisers directly.
- Web pages (segmentation): the real CLI (``segment``) over the plain-text pages; main text =
  title + body blocks; title/author/date from the ``articles`` table.
- PolNeAR (attributions): the real CLI over a JSONL of the articles, the ``quotes`` table scored
  by :mod:`pipeline.evaluation.quotes` (read and validation parts apart).
- Copies: synthetic syndication (headline rewritten, paragraphs cut, inserted or dropped,
  boilerplate added, quotes re-punctuated, datelines) built from the TempEval-3, PolNeAR and web
  texts, against distinct stories of the same topic; pair precision and recall, passage recall
  (:mod:`pipeline.evaluation.copies`).

The benchmark data is read where it lies and copied only to a work directory under ``<out>``
(git-ignored), never into the repository.  ``--sample N`` scores the first N documents of each
set (the regression gate in the tests uses it).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

SETS = ("tempeval3", "conll2003", "duckling", "web", "quotes", "copies")
#: the bench folders a set is built from (copies is synthetic syndication built from three of them)
SOURCES = {"copies": ("tempeval3", "quotes", "web")}


def by_part(score, docs, predicted, doc_id=lambda d: d["doc_id"]) -> dict[str, float]:
    """``score(docs, predicted)`` on the whole set and on each part of the read/validation split
    (keys of the parts get a ``.read`` / ``.validation`` suffix): rules are judged by validation."""
    from pipeline.evaluation.split import PARTS, part_of

    out = dict(score(docs, predicted))
    for part in PARTS:
        subset = [d for d in docs if part_of(doc_id(d)) == part]
        if subset:
            out.update({f"{k}.{part}": v for k, v in score(subset, predicted).items()})
    return out


def _cli(*args: str) -> None:
    proc = subprocess.run([sys.executable, "-m", "pipeline", *args, "--no-progress"], capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"pipeline {' '.join(args)} failed: {proc.stderr.strip()[-2000:]}")


def eval_tempeval(bench: Path, work: Path, sample: int | None) -> dict[str, float]:
    """TempEval-3 Task A figures from the pipeline's ``dates`` table."""
    import pandas as pd

    from pipeline.evaluation import tempeval

    docs = tempeval.load_gold(bench / "tempeval3" / "train.jsonl")[:sample]
    raw = work / "tempeval3" / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    with open(raw / "docs.jsonl", "w") as fh:
        for d in docs:
            fh.write(json.dumps({"id": d["doc_id"], "text": d["text"], "published": d["dct"]}) + "\n")
    out = work / "tempeval3" / "out"
    _cli("extract", "--raw", str(raw), "--out", str(out), "--full")
    arts = pd.read_parquet(out / "articles", columns=["article_id", "external_id"])
    dates = pd.read_parquet(out / "dates").merge(arts, on="article_id")
    predicted: dict[str, list] = {d["doc_id"]: [] for d in docs}
    for row in dates.itertuples():
        if tempeval.is_timex({"kind": row.kind}):
            predicted[row.external_id].append((row.char_start, row.char_end, str(row.type), row.value))
    scores = by_part(tempeval.score, docs, predicted)
    return {f"tempeval3.{k}": v for k, v in scores.items()}


def eval_conll(bench: Path, work: Path, sample: int | None) -> dict[str, float]:
    """CoNLL-2003 dev (testa) figures from the pipeline's ``mentions`` table."""
    from pipeline.evaluation import conll

    return conll.run(bench / "conll2003", work / "conll2003", split="testa", limit=sample)


def eval_duckling(bench: Path, sample: int | None) -> dict[str, float]:
    """Accuracy per Duckling dimension, and the share of negative examples rejected."""
    from pipeline.evaluation import duckling_numbers, duckling_time

    path = bench / "duckling" / "en.jsonl"
    figures = {**duckling_time.evaluate(path), **duckling_numbers.evaluate(path)}
    out = {k: v for k, v in figures.items() if k.endswith(".accuracy") and k.count(".") == 2}
    out["duckling.negative.rejected"] = duckling_negatives(path)
    return out


def duckling_negatives(path: Path) -> float:
    """Share of Duckling's negative examples (phrases that must not parse) that every normaliser rejects."""
    from datetime import datetime

    from pipeline.normalise.dates import normalise_date
    from pipeline.normalise.quantities import normalise_quantity

    labels = {"numeral": "CARDINAL", "ordinal": "ORDINAL", "amount_of_money": "MONEY", "quantity": "QUANTITY",
              "distance": "QUANTITY", "volume": "QUANTITY", "temperature": "QUANTITY"}
    total = rejected = 0
    for line in open(path):
        ex = json.loads(line)
        if not ex.get("negative"):
            continue
        text, dim = ex["text"], ex["dimension"]
        total += 1
        if dim in ("time", "duration"):
            ref = datetime.fromisoformat(ex["ref_time"]).replace(tzinfo=None) if ex.get("ref_time") else None
            got = normalise_date(text, 0, len(text), ref, label="DURATION" if dim == "duration" else "DATE")
        else:
            got = normalise_quantity(text, 0, len(text), labels.get(dim, "QUANTITY"))
        rejected += got is None
    return rejected / total if total else 0.0


def eval_web(bench: Path, work: Path, sample: int | None) -> dict[str, float]:
    """Main-text P/R/F1 and metadata accuracy from the pipeline's ``segments`` and ``articles``."""
    import pandas as pd

    from pipeline.evaluation import web

    gold = web.load_gold(bench / "web")
    ids = sorted(gold)[:sample]
    gold = {i: gold[i] for i in ids}
    raw = work / "web" / "raw"
    if raw.exists():
        for old in raw.iterdir():
            if old.stem not in gold:
                old.unlink()
    raw.mkdir(parents=True, exist_ok=True)
    for page_id in ids:
        target = raw / f"{page_id}.txt"
        if not target.exists():
            target.write_bytes((bench / "web" / "txt" / f"{page_id}.txt").read_bytes())
    out = work / "web" / "out"
    _cli("segment", "--raw", str(raw), "--out", str(out), "--full")
    arts = pd.read_parquet(out / "articles", columns=["article_id", "source_path", "text", "title", "author", "published"])
    segs = pd.read_parquet(out / "segments", columns=["article_id", "char_start", "char_end", "is_main", "seq"])
    segs = segs[segs.is_main].sort_values(["article_id", "seq"])
    text = dict(zip(arts.article_id, arts.text))
    main: dict[str, list[str]] = {}
    for row in segs.itertuples():
        main.setdefault(row.article_id, []).append(text[row.article_id][row.char_start : row.char_end])
    predicted = {}
    for row in arts.itertuples():
        page_id = Path(row.source_path).stem
        predicted[page_id] = {
            "main_text": "\n".join(main.get(row.article_id, [])),
            "title": row.title,
            "author": row.author,
            "date": row.published.strftime("%Y-%m-%d") if pd.notna(row.published) else None,
        }
    def score(pages: list[str], pred) -> dict[str, float]:
        return web.score({i: gold[i] for i in pages}, pred)

    return by_part(score, list(gold), predicted, doc_id=lambda page_id: page_id)


def eval_quotes(bench: Path, work: Path, sample: int | None) -> dict[str, float]:
    """PolNeAR attribution figures from the pipeline's ``quotes`` table (whole set, read and
    validation parts), and the recall of the parse predicate (issue 16)."""
    from pipeline.evaluation import quotes

    docs = quotes.load_gold(bench / "quotes")[:sample]
    predicted = quotes.run_cli(docs, work / "quotes")
    return {**quotes.score_parts(docs, predicted), **quotes.needs_parse_recall(docs)}


#: where each set's run leaves its tables (under the work directory), for the rule counts
OUTPUTS = {"tempeval3": "tempeval3/out", "conll2003": "conll2003/out", "web": "web/out", "quotes": "quotes/out"}


def rule_firings(work: Path, sets) -> dict[str, dict]:
    """How often each date, quantity, name and layout rule fired on each benchmark's run."""
    from pipeline.evaluation import rules

    per_set = {}
    for name in sets:
        out = work / OUTPUTS.get(name, "-")
        if not (out / "articles").exists():
            continue
        if name == "web":  # segmented only
            per_set[name] = {"segment": rules.segment_rule_counts(out)}
        else:
            per_set[name] = {**rules.rule_counts(out, names=name != "quotes"), "segment": rules.segment_rule_counts(out)}
    return per_set


def eval_copies(bench: Path, work: Path, sample: int | None) -> dict[str, float]:
    """Pair precision and recall of the copies stage on synthetic syndication built from the dev
    texts (read and validation parts by source document), and passage recall."""
    from pipeline.evaluation import copies

    return copies.evaluate(bench, work / "copies", log=lambda msg: None, sample=sample)


def evaluate(bench: Path, out: Path, sets=SETS, sample: int | None = None, log=print, count_rules: bool = True) -> dict[str, float]:
    """Run the chosen evaluations; returns the flat summary (and writes it to ``out/summary.json``,
    with the rule firings per benchmark in ``out/rules.md``)."""
    summary: dict[str, float] = {}
    work = out / "work"
    done = []
    for name in sets:
        needed = [bench / folder for folder in SOURCES.get(name, (name,))]
        if not any(p.exists() for p in needed):
            log(f"{name}: skipped ({', '.join(map(str, needed))} not there)")
            continue
        t0 = time.perf_counter()
        if name == "tempeval3":
            figures = eval_tempeval(bench, work, sample)
        elif name == "conll2003":
            figures = eval_conll(bench, work, sample)
        elif name == "duckling":
            figures = eval_duckling(bench, sample)
        elif name == "quotes":
            figures = eval_quotes(bench, work, sample)
        elif name == "copies":
            figures = eval_copies(bench, work, sample)
        else:
            figures = eval_web(bench, work, sample)
        summary.update(figures)
        done.append(name)
        log(f"{name}: done in {time.perf_counter() - t0:.0f}s")
    out.mkdir(parents=True, exist_ok=True)
    if count_rules:
        from pipeline.evaluation import rules

        per_set = rule_firings(work, done)
        for name, counts in per_set.items():
            summary.update(rules.summary(counts, name))
        (out / "rules.md").write_text(rules.table(per_set) + "\n")
    (out / "summary.json").write_text(json.dumps(dict(sorted(summary.items())), indent=1) + "\n")
    return summary


def format_table(summary: dict[str, float]) -> str:
    """The headline figures of the summary as a Markdown table, the whole set beside its read and
    validation parts (counts stay in summary.json)."""
    headline = (".f1", "_f1", "accuracy", ".rejected", ".precision", ".recall")
    lines = ["| metric | all | read | validation |", "|---|---:|---:|---:|"]
    for k, v in sorted(summary.items()):
        if k.endswith(headline):
            parts = [summary.get(f"{k}.{p}") for p in ("read", "validation")]
            cells = " | ".join("" if x is None else f"{x:.3f}" for x in parts)
            lines.append(f"| {k} | {v:.3f} | {cells} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.evaluation", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bench", default="../shared/bench", help="benchmark directory (default ../shared/bench)")
    parser.add_argument("--out", default="output/eval", help="where summary.json and the work files go")
    parser.add_argument("--only", default=",".join(SETS), help=f"comma-separated subset of {', '.join(SETS)}")
    parser.add_argument("--sample", type=int, help="score only the first N documents of each set")
    args = parser.parse_args(argv)
    bench = Path(args.bench)
    if not bench.is_dir():
        print(f"benchmarks not found at {bench}: nothing to evaluate (skipped)")
        return 0
    sets = [s for s in args.only.split(",") if s]
    unknown = set(sets) - set(SETS)
    if unknown:
        print(f"error: unknown benchmark(s) {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    summary = evaluate(bench, Path(args.out), sets, args.sample)
    print(format_table(summary))
    print(f"written to {Path(args.out) / 'summary.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
