"""Score main-text extraction and metadata against the web-page benchmark (trafilatura's metric).

The benchmark directory holds ``gold.jsonl`` (one page per line: ``id``, ``with`` snippets that
belong to the main text, ``without`` snippets of boilerplate, and where annotated ``author``,
``date`` (YYYY-MM-DD) and ``title``) and ``txt/<id>.txt`` (each page's visible text).

Main text: every run of whitespace in the kept text becomes one space; a ``with`` snippet found in
it (case-sensitive substring) is a true positive, else a false negative; a ``without`` snippet
found is a false positive, else a true negative.  Counts are summed over pages.  A page without a
prediction counts every ``with`` as a false negative and every ``without`` as a true negative.

Metadata, each over the pages where the field is annotated (a missing prediction is wrong):
- date: exact match of YYYY-MM-DD;
- title and author, *lenient*: both sides are normalised (NFKC, case-folded, punctuation
  dropped, whitespace folded); they match if either contains the other, or if the token-set
  overlap |A∩B| / min(|A|,|B|) is at least 0.5.  Empty predictions never match.

``python -m pipeline.evaluation.web --dev [--bench DIR] [--folds K]`` runs
:func:`pipeline.segment.segment_text` on every page and prints the figures.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from pathlib import Path
from typing import Any

DEFAULT_BENCH = Path("/work/shared/bench/web")
_WS = re.compile(r"\s+")


def load_gold(directory: str | Path) -> dict[str, dict[str, Any]]:
    """Read ``gold.jsonl`` of a benchmark directory into {page id: gold record}."""
    out: dict[str, dict[str, Any]] = {}
    with open(Path(directory) / "gold.jsonl", encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line:
                rec = json.loads(line)
                out[str(rec["id"])] = rec
    return out


def load_texts(directory: str | Path, ids: list[str] | None = None) -> dict[str, str]:
    """Read the pages' plain text (``txt/<id>.txt``) of a benchmark directory."""
    d = Path(directory) / "txt"
    if ids is None:
        ids = [p.stem for p in sorted(d.glob("*.txt"))]
    return {i: (d / f"{i}.txt").read_text(encoding="utf-8") for i in ids}


def _norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", s).casefold()
    s = re.sub(r"[^\w\s]|_", " ", s)
    return " ".join(s.split())


def lenient_match(pred: str | None, gold: str | list[str] | None) -> bool:
    """Lenient string agreement for titles and authors (see module docstring).

    ``gold`` may be a list of acceptable values (some pages name several authors): any one counts.
    """
    if isinstance(gold, (list, tuple)):
        return any(lenient_match(pred, g) for g in gold if isinstance(g, str))
    if not isinstance(pred, str) or not isinstance(gold, str) or not pred or not gold:
        return False
    p, g = _norm(pred), _norm(gold)
    if not p or not g:
        return False
    if p in g or g in p:
        return True
    a, b = set(p.split()), set(g.split())
    return len(a & b) / min(len(a), len(b)) >= 0.5


def _annotated(value: Any) -> bool:
    if isinstance(value, (list, tuple)):
        return any(_annotated(v) for v in value)
    return isinstance(value, str) and value.strip() != ""


def score(gold: dict[str, dict[str, Any]], predicted: dict[str, dict[str, Any]]) -> dict[str, float]:
    """Trafilatura-style P/R/F1 of the main text plus metadata accuracies.

    ``predicted`` maps page id to ``{"main_text": str, "title": str|None, "author": str|None,
    "date": "YYYY-MM-DD"|None}``.  Returns ``web.precision``, ``web.recall``, ``web.f1``,
    ``web.accuracy``, the raw counts, and ``web.date_accuracy``, ``web.author_accuracy``,
    ``web.title_accuracy`` with the number of annotated pages behind each.
    """
    tp = fp = fn = tn = 0
    meta_hits = {"date": 0, "author": 0, "title": 0}
    meta_n = {"date": 0, "author": 0, "title": 0}
    for pid, g in gold.items():
        pred = predicted.get(pid)
        withs = [w for w in g.get("with") or [] if w]
        withouts = [w for w in g.get("without") or [] if w]
        if pred is None:
            fn += len(withs)
            tn += len(withouts)
        else:
            text = _WS.sub(" ", pred.get("main_text") or "")
            for w in withs:
                if w in text:
                    tp += 1
                else:
                    fn += 1
            for w in withouts:
                if w in text:
                    fp += 1
                else:
                    tn += 1
        for field in ("date", "author", "title"):
            gv = g.get(field)
            if not _annotated(gv):
                continue
            meta_n[field] += 1
            pv = (pred or {}).get(field)
            if field == "date":
                gvs = gv if isinstance(gv, (list, tuple)) else [gv]
                ok = isinstance(pv, str) and any(isinstance(x, str) and pv.strip()[:10] == x.strip() for x in gvs)
            else:
                ok = lenient_match(pv, gv)
            meta_hits[field] += int(ok)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    total = tp + fp + fn + tn
    out = {
        "web.precision": precision,
        "web.recall": recall,
        "web.f1": f1,
        "web.accuracy": (tp + tn) / total if total else 0.0,
        "web.tp": float(tp),
        "web.fp": float(fp),
        "web.fn": float(fn),
        "web.tn": float(tn),
    }
    for field in ("date", "author", "title"):
        out[f"web.{field}_accuracy"] = meta_hits[field] / meta_n[field] if meta_n[field] else 0.0
        out[f"web.{field}_n"] = float(meta_n[field])
    return out


def corpus_common_lines(texts: dict[str, str]) -> frozenset[str]:
    """``common_lines`` of a set of pages exactly as the pipeline computes them for its corpus
    (:func:`pipeline.corpus.line_keys` per page, :func:`pipeline.corpus.common_keys` over all)."""
    from pipeline.corpus import common_keys, line_keys

    return common_keys((pid, key) for pid, text in texts.items() for key in line_keys(text))


def predict_page(text: str, common_lines: frozenset[str]) -> dict[str, Any]:
    """Run the segmenter on one page and shape its output as a ``score`` prediction."""
    from pipeline.segment import MAIN_KINDS, segment_text

    seg = segment_text(text, common_lines=common_lines)
    main = " ".join(text[b.char_start : b.char_end] for b in seg.blocks if b.kind in MAIN_KINDS)
    m = seg.meta
    return {
        "main_text": main,
        "title": m.title,
        "author": m.author,
        "date": m.published.strftime("%Y-%m-%d") if m.published and m.published_grain != "month" else None,
    }


def _print(figures: dict[str, float], label: str) -> None:
    keys = ["web.precision", "web.recall", "web.f1", "web.date_accuracy", "web.title_accuracy",
            "web.author_accuracy"]
    print(label + "  " + "  ".join(f"{k.split('.', 1)[1]}={figures[k]:.3f}" for k in keys))


def main(argv: list[str] | None = None) -> int:
    """Command-line dev driver: segment every benchmark page and print the scores."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev", action="store_true", help="score segment_text on the dev pages")
    ap.add_argument("--bench", default=str(DEFAULT_BENCH), help="benchmark directory")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = ap.parse_args(argv)
    if not args.dev:
        ap.print_help()
        return 2
    gold = load_gold(args.bench)
    texts = load_texts(args.bench, list(gold))
    common = corpus_common_lines(texts)
    t0 = time.perf_counter()
    predicted = {pid: predict_page(t, common) for pid, t in texts.items()}
    dt = time.perf_counter() - t0
    figures = score(gold, predicted)
    _print(figures, "dev")
    print(f"pages={len(texts)}  ms/page={1000 * dt / max(1, len(texts)):.1f}  common_lines={len(common)}")
    if args.json:
        print(json.dumps(figures, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
