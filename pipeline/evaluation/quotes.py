"""Attributions (issue 13): score the ``quotes`` table on PolNeAR, and the two baselines.

The benchmark (``../shared/bench/quotes/dev.jsonl``, see its SOURCE.md) is read where it lies at
run time and copied only to a work directory outside the repository.  It is split by
:func:`pipeline.evaluation.split.part_of` into ``read`` (errors may be read) and ``validation``
(only scored).  Definitions (the issue's; whitespace is never counted):

- precision: share of predicted content fragments that lie at least 50 % inside the gold contents
  of the same article;
- recall: share of gold contents at least 50 % covered by the union of predicted contents;
- source accuracy: of the gold attributions that have a source in the text and are recalled, the
  share where the predicted attribution overlapping the gold content most has a source span that
  overlaps the gold source;
- ``direct`` restricts gold and predictions to contents that open with a quote mark.

Figures are named ``quotes.<all|direct>.<precision|recall|f1|source_accuracy>`` (the whole dev
set), with ``.read`` / ``.validation`` appended for the parts.

``python -m pipeline.evaluation.quotes`` runs the real CLI (``python -m pipeline extract``) over a
JSONL of the articles (``id``, ``text``, ``published``, ``title``) and scores its ``quotes`` table;
``--baselines`` adds the two baselines of the issue (every quote-mark span with no speaker; quote
marks plus the nearest entity or speech-verb subject), computed with spaCy as a user would.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Iterable

from pipeline.evaluation.split import part_of

DEFAULT_BENCH = Path(__file__).resolve().parents[3] / "shared" / "bench" / "quotes"
QUOTE_MARKS = "\"“”„«»‘’‚‹›'″"
#: a prediction: {"content": [(start, end), ...], "source": (start, end) | None}
Prediction = dict


def load_gold(path: str | Path = DEFAULT_BENCH) -> list[dict]:
    """The benchmark documents (``path`` is the JSONL file or the directory holding ``dev.jsonl``)."""
    path = Path(path)
    if path.is_dir():
        path = path / "dev.jsonl"
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _chars(text: str, spans: Iterable) -> set[int]:
    return {i for s, e in spans for i in range(max(0, s), min(len(text), e)) if not text[i].isspace()}


def opens_with_quote(text: str, fragments) -> bool:
    """Whether a content (its fragments) opens with a quote mark (whitespace skipped)."""
    if not fragments:
        return False
    s, e = min(fragments)
    head = text[s:e].lstrip()
    return bool(head) and head[0] in QUOTE_MARKS


def score(docs: list[dict], predicted: dict[str, list[Prediction]], subset: str = "all") -> dict[str, float]:
    """Precision, recall, F1 and source accuracy of ``predicted`` (doc id → predictions) against
    the gold ``docs``, micro-averaged over the documents; ``subset`` is ``all``, ``direct`` or
    ``direct_strict``.

    ``direct`` keeps the gold contents and the predictions that open with a quote mark; a direct
    prediction is right when it lies in any gold content (a short quotation inside a reported
    clause is part of that clause's content).  This reading reproduces the level the issue gives
    for its quote-mark baseline; ``direct_strict`` scores direct predictions against direct gold
    contents only (a quoted phrase inside a reported clause then counts as wrong)."""
    n_frag = ok_frag = n_gold = recalled = n_src = ok_src = 0
    for doc in docs:
        text = doc["text"]
        gold = [a for a in doc["attributions"] if a["content"]]
        preds = [p for p in predicted.get(doc["doc_id"], []) if p["content"]]
        # precision: a predicted fragment is right when it lies in the gold contents of the article
        # (all of them: a quoted phrase inside a reported clause is inside a gold content)
        all_chars = [_chars(text, a["content"]) for a in gold]
        gold_union = set().union(*all_chars) if all_chars else set()
        if subset in ("direct", "direct_strict"):
            gold = [a for a in gold if opens_with_quote(text, a["content"])]
            preds = [p for p in preds if opens_with_quote(text, p["content"])]
        gold_chars = [_chars(text, a["content"]) for a in gold]
        if subset == "direct_strict":  # the literal reading: direct predictions against direct gold only
            gold_union = set().union(*gold_chars) if gold_chars else set()
        pred_chars = [_chars(text, p["content"]) for p in preds]
        pred_union = set().union(*pred_chars) if pred_chars else set()
        for p in preds:
            for frag in p["content"]:
                c = _chars(text, [frag])
                if c:
                    n_frag += 1
                    ok_frag += len(c & gold_union) >= 0.5 * len(c)
        for a, g in zip(gold, gold_chars):
            if not g:
                continue
            n_gold += 1
            hit = len(g & pred_union) >= 0.5 * len(g)
            recalled += hit
            if hit and a["source"]:
                n_src += 1
                best = max(range(len(preds)), key=lambda k: len(pred_chars[k] & g))
                src = preds[best].get("source")
                ok_src += bool(src) and bool(_chars(text, [src]) & _chars(text, a["source"]))
    p = ok_frag / n_frag if n_frag else 0.0
    r = recalled / n_gold if n_gold else 0.0
    return {
        "precision": p,
        "recall": r,
        "f1": 2 * p * r / (p + r) if p + r else 0.0,
        "source_accuracy": ok_src / n_src if n_src else 0.0,
        "n_predicted_fragments": n_frag,
        "n_gold": n_gold,
        "n_source_scored": n_src,
    }


def score_parts(docs: list[dict], predicted: dict[str, list[Prediction]], prefix: str = "quotes") -> dict[str, float]:
    """Flat figures for ``all`` and ``direct``, on the whole set and on each part."""
    out: dict[str, float] = {}
    parts = {"": docs, ".read": [d for d in docs if part_of(d["doc_id"]) == "read"],
             ".validation": [d for d in docs if part_of(d["doc_id"]) == "validation"]}
    for qualifier, part in parts.items():
        if not part:
            continue
        for subset in ("all", "direct", "direct_strict"):
            for k, v in score(part, predicted, subset).items():
                out[f"{prefix}.{subset}.{k}{qualifier}"] = v
    return out


# --- baselines ------------------------------------------------------------------------------

_NAIVE_QUOTE = re.compile(r"“[^”]*”|\"[^\"]*\"")
#: the speech verbs a user would think of first (the baseline's list, not the stage's lexicon)
_NAIVE_VERBS = frozenset("say says said saying tell tells told add adds added ask asks asked write writes wrote".split())


def baseline_marks(text: str) -> list[Prediction]:
    """Baseline 1: every span between a pair of double quote marks (curly or straight), no speaker."""
    return [{"content": [(m.start(), m.end())], "source": None} for m in _NAIVE_QUOTE.finditer(text)]


def baseline_nearest(text: str, docs_and_offsets: list[tuple[object, int]]) -> list[Prediction]:
    """Baseline 2: baseline 1's spans, each with the subject of a speech verb outside the quote in
    its sentence, else the nearest PERSON/ORG entity in that sentence, else the nearest before it.
    ``docs_and_offsets``: the spaCy Docs of the article's blocks with their offsets in ``text``."""
    sents, ents = [], []
    for doc, base in docs_and_offsets:
        for sent in doc.sents:
            sents.append((base + sent.start_char, base + sent.end_char, sent, base))
        ents += [(base + e.start_char, base + e.end_char) for e in doc.ents if e.label_ in ("PERSON", "ORG")]
    out = []
    for pred in baseline_marks(text):
        qs, qe = pred["content"][0]
        source = None
        in_sent = [(s, e, sent, base) for s, e, sent, base in sents if s < qe and e > qs]
        for _s, _e, sent, base in in_sent:
            for tok in sent:
                at = base + tok.idx
                if tok.lower_ in _NAIVE_VERBS and not qs <= at < qe:
                    subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
                    if subj:
                        sub = subj[0]
                        source = (base + sub.left_edge.idx, base + sub.right_edge.idx + len(sub.right_edge))
                        break
            if source:
                break
        if source is None and in_sent:
            lo, hi = min(s for s, *_ in in_sent), max(e for _, e, *_ in in_sent)
            near = [(min(abs(s - qs), abs(s - qe)), (s, e)) for s, e in ents if lo <= s < hi and not qs <= s < qe]
            if near:
                source = min(near)[1]
        if source is None:
            before = [(s, e) for s, e in ents if e <= qs]
            source = before[-1] if before else None
        out.append({"content": [(qs, qe)], "source": source})
    return out


# --- the parse predicate (issue 16) ---------------------------------------------------------

def needs_parse_recall(docs: list[dict]) -> dict[str, float]:
    """How well :func:`pipeline.quotes.needs_parse` keeps the sentences the stage needs parsed,
    over the segmenter's sentences (the cheap boundaries a parse-on-demand recogniser would use):
    ``recall`` is the share of gold attributions whose cue (or, with no cue, content start) lies in
    a flagged sentence; ``sentence_share`` / ``char_share`` how much of the text is flagged."""
    import bisect

    from pipeline.quotes import needs_parse
    from pipeline.segment import segment_text

    n_att = hit = n_sent = flagged = chars = flagged_chars = 0
    for doc in docs:
        text = doc["text"]
        sents = [(s.char_start, s.char_end) for s in segment_text(text).sentences]
        flags = [needs_parse(text[a:b]) for a, b in sents]
        n_sent += len(sents)
        flagged += sum(flags)
        chars += sum(b - a for a, b in sents)
        flagged_chars += sum(b - a for (a, b), f in zip(sents, flags) if f)
        starts = [a for a, _ in sents]
        for att in doc["attributions"]:
            anchor = (att["cue"] or att["content"] or [[None]])[0][0]
            if anchor is None:
                continue
            n_att += 1
            k = bisect.bisect_right(starts, anchor) - 1
            hit += k >= 0 and anchor < sents[k][1] and flags[k]
    return {"quotes.needs_parse.recall": hit / n_att if n_att else 0.0,
            "quotes.needs_parse.sentence_share": flagged / n_sent if n_sent else 0.0,
            "quotes.needs_parse.char_share": flagged_chars / chars if chars else 0.0}


# --- the real command line ------------------------------------------------------------------

def write_articles(docs: list[dict], path: Path) -> None:
    """The articles as the pipeline reads them: a JSONL with ``id``, ``text``, ``published``, ``title``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps({"id": d["doc_id"], "text": d["text"], "published": d.get("published"),
                                 "title": d.get("title")}) + "\n")


def run_cli(docs: list[dict], work: Path, processes: int | None = None) -> dict[str, list[Prediction]]:
    """``python -m pipeline extract`` over ``docs``; the ``quotes`` table as predictions by doc id."""
    import pandas as pd

    raw = work / "raw"
    write_articles(docs, raw / "articles.jsonl")
    out = work / "out"
    cmd = [sys.executable, "-m", "pipeline", "extract", "--raw", str(raw), "--out", str(out), "--full", "--no-progress"]
    if processes:
        cmd += ["--processes", str(processes)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"pipeline extract failed: {proc.stderr.strip()[-2000:]}")
    arts = pd.read_parquet(out / "articles", columns=["article_id", "external_id"])
    quotes = pd.read_parquet(out / "quotes").merge(arts, on="article_id")
    predicted: dict[str, list[Prediction]] = {d["doc_id"]: [] for d in docs}
    for row in quotes.itertuples():
        source = None
        if pd.notna(row.source_char_start):
            source = (int(row.source_char_start), int(row.source_char_end))
        predicted.setdefault(row.external_id, []).append(
            {"content": [(int(s), int(e)) for s, e in zip(row.content_starts, row.content_ends)], "source": source,
             "kind": row.kind})
    return predicted


def run(bench: Path = DEFAULT_BENCH, work: Path | None = None, limit: int | None = None,
        part: str | None = None, processes: int | None = None) -> dict[str, float]:
    """The figures of the real CLI on the benchmark (optionally only one ``part`` or the first
    ``limit`` documents)."""
    docs = load_gold(bench)
    if part:
        docs = [d for d in docs if part_of(d["doc_id"]) == part]
    docs = docs[:limit]
    with tempfile.TemporaryDirectory(prefix="quotes-eval-") as tmp:
        predicted = run_cli(docs, Path(work) if work else Path(tmp), processes)
    return score_parts(docs, predicted)


def run_baselines(docs: list[dict], model: str | None = None) -> dict[str, float]:
    """The two baselines of the issue on ``docs``, as a user would write them: the model's full
    default pipeline over each whole article (``baseline_marks.*`` and ``baseline_nearest.*``)."""
    import spacy

    from pipeline.settings import DEFAULT_MODEL

    nlp = spacy.load(model or DEFAULT_MODEL)
    marks, nearest = {}, {}
    for d, doc in zip(docs, nlp.pipe((d["text"] for d in docs), batch_size=16)):
        marks[d["doc_id"]] = baseline_marks(d["text"])
        nearest[d["doc_id"]] = baseline_nearest(d["text"], [(doc, 0)])
    return {**score_parts(docs, marks, "baseline_marks"), **score_parts(docs, nearest, "baseline_nearest")}


def format_figures(figures: dict[str, float]) -> str:
    """The headline figures as a Markdown table (read part, validation part, whole set)."""
    lines = ["| measure | read | validation | all |", "|---|---:|---:|---:|"]
    for subset in ("direct", "all"):
        for k in ("precision", "recall", "f1", "source_accuracy"):
            key = f"quotes.{subset}.{k}"
            cells = [figures.get(key + q) for q in (".read", ".validation", "")]
            lines.append(f"| {key} | " + " | ".join("" if c is None else f"{c:.3f}" for c in cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.evaluation.quotes", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bench", default=str(DEFAULT_BENCH), help="the quotes benchmark directory or dev.jsonl")
    parser.add_argument("--work", help="work directory for the CLI run (default: a temporary one)")
    parser.add_argument("--part", choices=("read", "validation"), help="score only this part")
    parser.add_argument("--limit", type=int, help="only the first N documents")
    parser.add_argument("--processes", type=int, help="worker processes for the CLI")
    parser.add_argument("--baselines", action="store_true", help="score the two baselines instead of the pipeline")
    args = parser.parse_args(argv)
    if args.baselines:
        docs = load_gold(Path(args.bench))
        docs = [d for d in docs if not args.part or part_of(d["doc_id"]) == args.part][:args.limit]
        figures = run_baselines(docs)
        for name in ("baseline_marks", "baseline_nearest"):
            print(name)
            print(format_figures({k.replace(name, "quotes", 1): v for k, v in figures.items() if k.startswith(name)}))
        print(json.dumps({k: round(v, 4) for k, v in sorted(figures.items())}, indent=1))
        return 0
    figures = run(Path(args.bench), Path(args.work) if args.work else None, args.limit, args.part, args.processes)
    print(format_figures(figures))
    print(json.dumps({k: round(v, 4) for k, v in sorted(figures.items())}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
