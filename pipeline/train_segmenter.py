"""Train the main-text/boilerplate block classifier of :mod:`pipeline.segment` (numpy logistic regression).

Data: the web-page dev benchmark (``gold.jsonl`` + ``txt/``, see ``pipeline.evaluation.web``).
A block is a positive example when it contains (part of) a ``with`` snippet of the main text and
a negative one when it contains a ``without`` boilerplate snippet; other blocks are unlabelled.
Features are those of ``segment._context_matrix`` (the block's surface features, its neighbours',
window and position features).  Training is L2-regularised logistic regression by full-batch
gradient descent on standardised features; the decision threshold is the one that maximises the
benchmark's F1 on the training pages.

``python -m pipeline.train_segmenter [--bench DIR] [--folds 5] [--out models/segmenter]``
reports page-grouped k-fold cross-validated figures (rules alone and the model), then fits on all
pages and writes ``weights.json`` (plain numbers, no pickles) and ``MANIFEST.md``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from datetime import date
from pathlib import Path

import numpy as np

from pipeline import segment
from pipeline.evaluation import web

_WS = re.compile(r"\s+")


def block_labels(strs: list[str], withs: list[str], withouts: list[str]) -> list[int]:
    """Label each block 1 (main text), 0 (boilerplate) or -1 (unknown) from the gold snippets."""
    parts, starts = [], []
    pos = 0
    for s in strs:
        t = _WS.sub(" ", s)
        starts.append(pos)
        parts.append(t)
        pos += len(t) + 1
    joined = " ".join(parts)
    labels = [-1] * len(strs)
    import bisect

    def blocks_of(snippet: str) -> list[int]:
        snip = _WS.sub(" ", snippet).strip()
        out: list[int] = []
        if not snip:
            return out
        i = joined.find(snip)
        while i >= 0 and len(out) < 50:
            a = bisect.bisect_right(starts, i) - 1
            b = bisect.bisect_right(starts, i + len(snip) - 1) - 1
            out.extend(range(a, b + 1))
            i = joined.find(snip, i + 1)
        return out

    pos_blocks = {b for w in withs for b in blocks_of(w)}
    neg_blocks = {b for w in withouts for b in blocks_of(w)}
    for b in pos_blocks - neg_blocks:
        labels[b] = 1
    for b in neg_blocks - pos_blocks:
        labels[b] = 0
    return labels


def build_dataset(gold: dict, texts: dict, common: frozenset[str]):
    """Per page: (id, feature rows of all blocks, labels); plus the feature names."""
    pages = []
    names = None
    for pid, g in gold.items():
        _spans, strs, feats, _dates = segment._analyse(texts[pid], common)
        if not feats:
            continue
        names, rows = segment._context_matrix(feats)
        labels = block_labels(strs, g.get("with") or [], g.get("without") or [])
        pages.append((pid, np.asarray(rows, dtype=float), np.asarray(labels)))
    return names, pages


def _stack(pages, with_stage2=None):
    """Labelled rows of the given pages (optionally turned into stage-2 rows by a stage-1 model)."""
    X, y = [], []
    for _pid, rows, labels in pages:
        if with_stage2 is not None:
            p1 = _predict(rows, with_stage2)
            rows = np.asarray(segment._stage2_matrix(rows.tolist(), p1.tolist()), dtype=float)
        mask = labels >= 0
        X.append(rows[mask])
        y.append(labels[mask])
    return np.vstack(X), np.concatenate(y).astype(float)


def _predict(rows: np.ndarray, stage) -> np.ndarray:
    mean, scale, w, b = stage
    return 1.0 / (1.0 + np.exp(-np.clip(((rows - mean) / scale) @ w + b, -30, 30)))


def fit_two_stage(pages, l2: float, inner_folds: int = 3):
    """Stage 1 on the pages' labelled blocks; stage 2 on out-of-fold stage-1 probabilities."""
    X, y = _stack(pages)
    stage1 = fit_logreg(X, y, l2=l2)
    X2, y2 = [], []
    for k in range(inner_folds):
        inner_train = [p for i, p in enumerate(pages) if i % inner_folds != k]
        inner_test = [p for i, p in enumerate(pages) if i % inner_folds == k]
        Xi, yi = _stack(inner_train)
        s1 = fit_logreg(Xi, yi, l2=l2)
        a, b = _stack(inner_test, with_stage2=s1)
        X2.append(a)
        y2.append(b)
    stage2 = fit_logreg(np.vstack(X2), np.concatenate(y2), l2=l2)
    return stage1, stage2


def fit_logreg(X: np.ndarray, y: np.ndarray, l2: float = 1e-2, iters: int = 3000, lr: float = 0.5):
    """L2-regularised logistic regression on standardised features (returns mean, scale, coef, b)."""
    mean = X.mean(axis=0)
    scale = X.std(axis=0)
    scale[scale < 1e-9] = 1.0
    Z = (X - mean) / scale
    n, d = Z.shape
    w = np.zeros(d)
    b = float(np.log((y.mean() + 1e-6) / (1 - y.mean() + 1e-6)))
    # Adam
    m_w = np.zeros(d); v_w = np.zeros(d); m_b = 0.0; v_b = 0.0
    b1, b2, eps = 0.9, 0.999, 1e-8
    for t in range(1, iters + 1):
        p = 1.0 / (1.0 + np.exp(-np.clip(Z @ w + b, -30, 30)))
        g = p - y
        gw = Z.T @ g / n + l2 * w
        gb = float(g.mean())
        m_w = b1 * m_w + (1 - b1) * gw; v_w = b2 * v_w + (1 - b2) * gw * gw
        m_b = b1 * m_b + (1 - b1) * gb; v_b = b2 * v_b + (1 - b2) * gb * gb
        w -= lr * 0.02 * (m_w / (1 - b1 ** t)) / (np.sqrt(v_w / (1 - b2 ** t)) + eps)
        b -= lr * 0.02 * (m_b / (1 - b1 ** t)) / (np.sqrt(v_b / (1 - b2 ** t)) + eps)
    return mean, scale, w, b


def model_dict(names, stage1, stage2, threshold: float) -> dict:
    """The JSON-serialisable model read by ``segment._load_model``."""

    def one(feature_names, stage):
        mean, scale, w, b = stage
        return {
            "feature_names": list(feature_names),
            "mean": [round(float(x), 8) for x in mean],
            "scale": [round(float(x), 8) for x in scale],
            "coef": [round(float(x), 8) for x in w],
            "intercept": float(b),
        }

    return {
        "stage1": one(names, stage1),
        "stage2": one(list(names) + segment.STAGE2_EXTRA, stage2) if stage2 is not None else None,
        "threshold": float(threshold),
    }


def evaluate(gold: dict, texts: dict, common: frozenset[str], model: dict | None) -> dict:
    """Benchmark figures of segment_text on the given pages with the given model (None = rules)."""
    segment._set_model(model)
    try:
        pred = {pid: web.predict_page(texts[pid], common) for pid in gold}
    finally:
        segment._reset_model()
    return web.score(gold, pred)


def tune_threshold(gold, texts, common, base: dict) -> float:
    """Threshold maximising F1 on the given (training) pages."""
    best = (-1.0, 0.5)
    for th in (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6):
        m = dict(base, threshold=th)
        f1 = evaluate(gold, texts, common, m)["web.f1"]
        if f1 > best[0]:
            best = (f1, th)
    return best[1]


def main(argv: list[str] | None = None) -> int:
    """Cross-validate, then train on all dev pages and write the model files."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bench", default=str(web.DEFAULT_BENCH))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--l2", type=float, default=1e-2)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--no-tune", action="store_true", help="keep threshold 0.5")
    ap.add_argument("--out", default=str(segment.MODEL_PATH.parent))
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    gold = web.load_gold(args.bench)
    texts = web.load_texts(args.bench, list(gold))
    common = segment.common_line_keys(texts.values(), min_docs=3)
    names, data = build_dataset(gold, texts, common)
    n_lab = sum(int((lab >= 0).sum()) for _, _, lab in data)
    n_pos = sum(int((lab == 1).sum()) for _, _, lab in data)
    print(f"labelled blocks: {n_lab} ({n_pos} main), features: {len(names)}")

    pages = sorted(gold)
    random.Random(args.seed).shuffle(pages)
    folds = [pages[k :: args.folds] for k in range(args.folds)]
    keys = ["web.precision", "web.recall", "web.f1", "web.date_accuracy", "web.title_accuracy", "web.author_accuracy"]
    cv_rules, cv_s1, cv_model = {}, {}, {}
    for k, test_pages in enumerate(folds):
        test = set(test_pages)
        train_data = [d for d in data if d[0] not in test]
        stage1, stage2 = fit_two_stage(train_data, args.l2)
        base = model_dict(names, stage1, stage2, 0.5)
        train_gold = {p: gold[p] for p in pages if p not in test}
        th = 0.5 if args.no_tune else tune_threshold(train_gold, texts, common, base)
        model = dict(base, threshold=th)
        for store, m in ((cv_rules, None), (cv_s1, model_dict(names, stage1, None, 0.5)), (cv_model, model)):
            segment._set_model(m)
            for p in test_pages:
                store[p] = web.predict_page(texts[p], common)
            segment._reset_model()
        print(f"fold {k}: threshold {th}", flush=True)
    rules_cv = web.score(gold, cv_rules)
    s1_cv = web.score(gold, cv_s1)
    model_cv = web.score(gold, cv_model)
    for label, fig in (("rules", rules_cv), ("stage1-cv", s1_cv), ("2stage-cv", model_cv)):
        print(label.ljust(11) + "  ".join(f"{k.split('.', 1)[1]}={fig[k]:.3f}" for k in keys))

    stage1, stage2 = fit_two_stage(data, args.l2)
    base = model_dict(names, stage1, stage2, 0.5)
    th = 0.5 if args.no_tune else tune_threshold(gold, texts, common, base)
    model = dict(base, threshold=th)
    full = evaluate(gold, texts, common, model)
    print("2stage-all ".ljust(11) + "  ".join(f"{k.split('.', 1)[1]}={full[k]:.3f}" for k in keys))
    w = stage2[2]

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "weights.json").write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    top = sorted(zip(list(names) + segment.STAGE2_EXTRA, w), key=lambda t: -abs(t[1]))[:12]
    fmt = lambda fig: ", ".join(f"{k.split('.', 1)[1]} {fig[k]:.3f}" for k in keys)
    manifest = f"""# models/segmenter — main-text block classifier

Made by `python -m pipeline.train_segmenter` (pipeline/train_segmenter.py) on {date.today().isoformat()}.

- Model: two stacked logistic regressions (L2 = {args.l2}, Adam, full batch, 3000 steps) over
  standardised block features. Stage 1: `pipeline.segment._context_matrix` ({len(names)} features:
  the block's surface features, those of its neighbours, window/position features). Stage 2: the
  same plus stage-1 probabilities of the block and its neighbours (`_stage2_matrix`), trained on
  out-of-fold (3-fold) stage-1 probabilities. `weights.json` holds the feature
  names, standardisation mean/scale, coefficients, intercept and the decision threshold
  ({th}), as plain JSON numbers; `pipeline.segment` reads it lazily and falls back to hand-set
  rules when it is missing or does not match the code's feature list.
- Data: the dev web benchmark at `{args.bench}` (822 pages, trafilatura evaluation set rendered to
  plain text). Blocks containing a `with` snippet are positives, blocks containing a `without`
  snippet negatives ({n_lab} labelled blocks, {n_pos} positive). `common_lines` computed from
  the same pages (lines in ≥ 3 pages). The page texts are not stored here.
- Threshold chosen to maximise the benchmark F1 on the training pages.

## Figures (trafilatura metric on plain text)
- {args.folds}-fold page-grouped cross-validation (what unseen pages should show): {fmt(model_cv)}
- stage 1 only, cross-validated: {fmt(s1_cv)}
- rules only (no model): {fmt(rules_cv)}
- trained and scored on all dev pages (optimistic): {fmt(full)}

Largest standardised stage-2 coefficients: {", ".join(f"{n} {c:+.2f}" for n, c in top)}
"""
    (out / "MANIFEST.md").write_text(manifest, encoding="utf-8")
    print(f"wrote {out}/weights.json and MANIFEST.md in {time.perf_counter() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
