"""Train the main-text/boilerplate block classifier and the metadata rankers of :mod:`pipeline.segment`.

Data: the web-page dev benchmark (``gold.jsonl`` + ``txt/``, see ``pipeline.evaluation.web``).
A block is a positive example when it contains (part of) a ``with`` snippet of the main text and
a negative one when it contains a ``without`` boilerplate snippet; other blocks are unlabelled.
Features are the segmenter's stage-1 rows (``pipeline.segment.features``: the block's surface
features, its neighbours', window and position features).  Training (``pipeline.segment.fit``) is
two stacked L2-regularised logistic regressions (full-batch Adam on standardised features; stage 2
sees out-of-fold stage-1 probabilities of the block and its neighbours) plus gradient-boosted
oblivious trees on the stage-2 rows, added to the stage-2 logit (``--tree-rounds``, 0 = none).
The decision threshold is ``--threshold`` (default 0.4) or, with ``--tune``, the one maximising
the benchmark's F1 on the training pages.  ``common_lines`` are computed exactly as the pipeline
does (``pipeline.corpus.line_keys`` / ``common_keys``).

``python -m pipeline.train_segmenter [--bench DIR] [--folds 5] [--out models/segmenter]``
reports page-grouped k-fold cross-validated figures (rules alone and the model), then fits on all
pages and writes ``weights.json`` (plain numbers, no pickles) and ``MANIFEST.md``.  ``--cv-only``
prints the cross-validated figures and writes nothing.  This is a development tool (it reads the
benchmark and scores with ``pipeline.evaluation.web``), so it sits beside the evaluation, not
inside the ``segment`` stage; it uses only the public functions of ``pipeline.segment``.
"""

from __future__ import annotations

import argparse
import bisect
import json
import os
import random
import re
import time
from datetime import date
from pathlib import Path

import numpy as np

from pipeline.evaluation import web
from pipeline.evaluation.web import corpus_common_lines
from pipeline.segment import MODEL_PATH, STAGE2_FEATURES, analyse, segment_text, stage1_names, stage1_rows, use_model
from pipeline.segment.fit import block_model_dict, fit_boosted, fit_ranker, fit_two_stage, pick, ranker_dict

_WS = re.compile(r"\s+")
#: the figures printed for every model
KEYS = ["web.precision", "web.recall", "web.f1", "web.date_accuracy", "web.title_accuracy", "web.author_accuracy"]


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
    for pid, g in gold.items():
        page = analyse(texts[pid], common)
        if not page.feats:
            continue
        labels = block_labels(page.strs, g.get("with") or [], g.get("without") or [])
        pages.append((pid, np.asarray(stage1_rows(page.feats), dtype=float), np.asarray(labels)))
    return stage1_names(), pages


def predict(texts: dict, pages, common: frozenset[str], model: dict | None) -> dict:
    """``web.score`` predictions of the segmenter on the given pages with the given model (None = rules)."""
    with use_model(model):
        return {pid: web.predict_page(texts[pid], common) for pid in pages}


def evaluate(gold: dict, texts: dict, common: frozenset[str], model: dict | None) -> dict:
    """Benchmark figures of segment_text on the given pages with the given model (None = rules)."""
    return web.score(gold, predict(texts, gold, common, model))


def tune_threshold(gold, texts, common, base: dict) -> float:
    """Threshold maximising F1 on the given (training) pages."""
    best = (-1.0, 0.5)
    for th in (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6):
        m = dict(base, threshold=th)
        f1 = evaluate(gold, texts, common, m)["web.f1"]
        if f1 > best[0]:
            best = (f1, th)
    return best[1]


# ---------------------------------------------------------------------------- metadata rankers


def _norm_len(s: str) -> int:
    return len(web._norm(s)) if isinstance(s, str) else 0


def _label(which: str, value, gold_value) -> int:
    """Whether a candidate agrees with the gold field (title: lenient and not a mere fragment)."""
    golds = gold_value if isinstance(gold_value, (list, tuple)) else [gold_value]
    golds = [g for g in golds if isinstance(g, str) and g.strip()]
    if which == "date":
        return int(any(value.strftime("%Y-%m-%d") == g.strip()[:10] for g in golds))
    if which == "title":
        return int(any(web.lenient_match(value, g) and _norm_len(value) >= 0.4 * _norm_len(g) for g in golds))
    return int(web.lenient_match(value, golds))


def _hit(which: str, value, gold_value) -> int:
    """Whether the chosen value scores under the benchmark's metric."""
    if which == "date":
        return _label("date", value, gold_value)
    return int(web.lenient_match(value, gold_value))


def collect_candidates(gold: dict, texts: dict, common: frozenset[str]) -> dict:
    """Per page and field: [(value, feature row, label)] with the model currently set."""
    out = {}
    for pid, g in gold.items():
        col: dict = {}
        segment_text(texts[pid], common_lines=common, collect=col)
        rec = {}
        for which in ("title", "author", "date"):
            gv = g.get(which)
            if not web._annotated(gv):
                continue
            rec[which] = [(v, row, _label(which, v, gv)) for v, row in col.get(which, [])]
        out[pid] = rec
    return out


def _groups(cands_by_page, pages, which):
    out = []
    for p in pages:
        cs = cands_by_page.get(p, {}).get(which)
        if cs is None:
            continue
        X = np.asarray([r for _, r, _ in cs], dtype=float) if cs else np.zeros((0, 1))
        y = np.asarray([lab for _, _, lab in cs], dtype=float) if cs else np.zeros(0)
        out.append((X, y))
    return out


def _fit(groups, rounds: int):
    fit = fit_ranker(groups)
    return fit_boosted(groups, rounds=rounds, base=fit) if rounds else fit


def cv_ranker(cands_by_page, gold, folds, which, use_null, thresholds=(0.0,), rounds=0):
    """Page-grouped CV of one ranker: {threshold: (accuracy over annotated pages, precision of answers, share answered)}."""
    res = {th: [0, 0, 0] for th in thresholds}  # hits, answered, pages
    for test_pages in folds:
        test = set(test_pages)
        train = [p for f in folds for p in f if p not in test]
        fit = _fit(_groups(cands_by_page, train, which), rounds)
        for p in test_pages:
            cs = cands_by_page.get(p, {}).get(which)
            if cs is None:
                continue
            for th in thresholds:
                r = pick(cs, fit, th, use_null)
                res[th][2] += 1
                if r is not None:
                    res[th][1] += 1
                    res[th][0] += _hit(which, r[0], gold[p].get(which))
    return {th: (h / max(1, n), h / max(1, a), a / max(1, n)) for th, (h, a, n) in res.items()}


RANKER_SETTINGS = {
    # field: (use the 'none' option, thresholds tried, boosting rounds)
    "title": (False, (0.0,), 200),
    "date": (True, (0.0, 0.1, 0.2, 0.3, 0.4, 0.5), 200),
    "author": (False, (0.0,), 200),
}


def _utility(which: str, acc: float, prec: float, answered: float) -> float:
    """Threshold choice: accuracy, and for dates a penalty on wrong answers (a wrong anchor date
    is worse than none)."""
    if which != "date":
        return acc
    wrong = answered * (1 - prec)
    return acc - 0.5 * wrong


def train_rankers(gold: dict, texts: dict, common: frozenset[str], model: dict, folds, log=print):
    """Fit the title, date and author rankers on top of a block model; returns (model, CV figures).

    Title candidates are collected with the block model alone; date and author candidates with the
    block model plus the title ranker (their features refer to the chosen title).
    """
    model = {k: v for k, v in model.items() if k != "rankers"}
    rankers: dict = {}
    cv: dict = {}
    cands = None
    for which in ("title", "date", "author"):
        if which in ("title", "date"):  # (re)collect with what is fitted so far
            with use_model(dict(model, rankers=rankers)):
                cands = collect_candidates(gold, texts, common)
        use_null, ths, rounds = RANKER_SETTINGS[which]
        res = cv_ranker(cands, gold, folds, which, use_null, thresholds=ths, rounds=rounds)
        th = max(ths, key=lambda t: _utility(which, *res[t]))
        cv[which] = dict(zip(("accuracy", "precision", "answered"), res[th]), threshold=th)
        log(f"{which} ranker CV: " + "  ".join(f"th={t}: acc {a:.3f} prec {p:.3f} answered {n:.3f}"
                                              for t, (a, p, n) in res.items()))
        rankers[which] = ranker_dict(which, _fit(_groups(cands, list(gold), which), rounds), th, use_null)
    return dict(model, rankers=rankers), cv


# ---------------------------------------------------------------------------- the command


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _ranker_manifest(rcv: dict, folds: int) -> str:
    lines = "\n".join(
        f"- {w}: accuracy {f['accuracy']:.3f}, precision of answers {f['precision']:.3f}, "
        f"answered {f['answered']:.3f} (threshold {f['threshold']})" for w, f in rcv.items()
    )
    return f"""
## Metadata rankers (`rankers` in weights.json)

Title, date and author are chosen among candidates (`pipeline.segment.meta.title`, `.published`,
`.author`) by softmax rankers: a linear score over standardised
candidate features plus boosted decision stumps, with a learned score for 'none of them'
(dates only answer when the chosen candidate beats it and its probability reaches the threshold).
Trained on the gold `title` / `date` / `author` fields (title: lenient match that is not a mere
fragment; date: same day; author: lenient match). {folds}-fold page-grouped CV on the dev pages,
benchmark metric (the block model used for the candidates' features is the one fitted on all pages):
{lines}
"""


def _history(manifest: Path) -> str:
    """The ``## History`` section of an existing manifest (earlier versions' figures, written by
    hand when a change is kept), so that retraining does not lose it."""
    if not manifest.exists():
        return ""
    text = manifest.read_text(encoding="utf-8")
    at = text.find("\n## History")
    return "\n" + text[at + 1 :].rstrip("\n") + "\n" if at >= 0 else ""


def _fmt(fig: dict, sep: str = "=", join: str = "  ") -> str:
    return join.join(f"{k.split('.', 1)[1]}{sep}{fig[k]:.3f}" for k in KEYS)


def _manifest(args, names, n_lab: int, n_pos: int, th: float, figures: dict, top) -> str:
    """MANIFEST.md of the block model: how it was made, and its cross-validated figures."""
    tune = args.tune and not args.no_tune
    fmt = lambda key: _fmt(figures[key], sep=" ", join=", ")  # noqa: E731
    return f"""# models/segmenter — main-text block classifier

Made by `python -m pipeline.train_segmenter` (pipeline/train_segmenter.py) on {date.today().isoformat()}.

- Model: two stacked logistic regressions (L2 = {args.l2}, Adam, full batch, 3000 steps) over
  standardised block features, plus boosted trees. Stage 1: `pipeline.segment.features`
  ({len(names)} features: the block's surface features, those of its neighbours, window/position
  features, wider windows, in-page repetition, menu/list-run, longest-prose-run and topic-cohesion
  features).
  Stage 2: the same plus stage-1 probabilities of the block and its neighbours (`STAGE2_FEATURES`),
  trained on out-of-fold (3-fold) stage-1 probabilities. Trees (`trees`): {args.tree_rounds}
  gradient-boosted oblivious trees of depth {args.tree_depth} (learning rate {args.tree_lr}) fitted on
  the same out-of-fold stage-2 rows, added to the stage-2 logit. `weights.json` holds the feature
  names, standardisation mean/scale, coefficients, intercept, trees (feature index, threshold,
  leaf values), the decision threshold ({th}) and the switch penalty of the sequence decoding
  ({args.sequence_penalty}), as plain JSON numbers; `pipeline.segment.model` reads
  it lazily and the segmenter falls back to hand-set rules when it is missing or does not match the code's
  feature list.
- Sequence decoding (`pipeline.segment.classifier.sequence_decode`): the model's log-odds (relative to the threshold)
  of consecutive blocks are decoded jointly by a two-state Viterbi path with a penalty of
  {args.sequence_penalty} per switch between main text and boilerplate (blocks typed by rules count as
  fixed evidence), so an isolated doubtful block takes its neighbours' side.
- Data: the dev web benchmark at `{args.bench}` (822 pages, trafilatura evaluation set rendered to
  plain text). Blocks containing a `with` snippet are positives, blocks containing a `without`
  snippet negatives ({n_lab} labelled blocks, {n_pos} positive). `common_lines` computed from
  the same pages (lines in ≥ 3 pages). The page texts are not stored here.
- Threshold: {"the one maximising the benchmark F1 on the training pages (--tune)" if tune else f"fixed at {args.threshold}"}.
- `common_lines`: `pipeline.corpus.line_keys` / `common_keys` over the dev pages, as the pipeline computes them.
- Command: `python -m pipeline.train_segmenter --bench {args.bench}` (defaults: `--tree-rounds {args.tree_rounds} --threshold {args.threshold} --sequence-penalty {args.sequence_penalty}`).

## Figures (trafilatura metric on plain text)
- {args.folds}-fold page-grouped cross-validation (what unseen pages should show): {fmt("model-cv")}
- without the trees (two logistic regressions, same threshold and decoding), cross-validated: {fmt("2stage-cv")}
- stage 1 only, cross-validated: {fmt("stage1-cv")}
- rules only (no model): {fmt("rules")}
- trained and scored on all dev pages (optimistic): {fmt("model-all")}

Largest standardised stage-2 coefficients: {", ".join(f"{n} {c:+.2f}" for n, c in top)}
"""


def _folds(gold: dict, k: int, seed: int) -> list[list[str]]:
    pages = sorted(gold)
    random.Random(seed).shuffle(pages)
    return [pages[i::k] for i in range(k)]


def _fit_block_model(args, gold, texts, common, names, data):
    """Fit on the given labelled pages; the model dict (threshold tuned with --tune) and its stage 2."""
    tree_kw = dict(tree_rounds=args.tree_rounds, tree_depth=args.tree_depth, tree_lr=args.tree_lr)
    stage1, stage2, trees = fit_two_stage(data, args.l2, **tree_kw)
    base = block_model_dict(names, stage1, stage2, args.threshold, trees, args.sequence_penalty)
    th = tune_threshold(gold, texts, common, base) if args.tune and not args.no_tune else args.threshold
    return dict(base, threshold=th), (stage1, stage2, trees)


def cross_validate(args, gold, texts, common, names, data, folds) -> dict:
    """Page-grouped CV figures of rules alone, stage 1 alone, the two stages, and the whole model."""
    preds: dict[str, dict] = {"rules": {}, "stage1-cv": {}, "2stage-cv": {}, "model-cv": {}}
    for k, test_pages in enumerate(folds):
        test = set(test_pages)
        train_gold = {p: gold[p] for p in sorted(gold) if p not in test}
        model, (stage1, stage2, _trees) = _fit_block_model(
            args, train_gold, texts, common, names, [d for d in data if d[0] not in test])
        th = model["threshold"]
        for label, m in (("rules", None), ("stage1-cv", block_model_dict(names, stage1, None, 0.5)),
                         ("2stage-cv", block_model_dict(names, stage1, stage2, th, None, args.sequence_penalty)),
                         ("model-cv", model)):
            preds[label].update(predict(texts, test_pages, common, m))
        print(f"fold {k}: threshold {th}", flush=True)
    return {label: web.score(gold, pred) for label, pred in preds.items()}


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bench", default=str(web.DEFAULT_BENCH))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--l2", type=float, default=1e-2)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--threshold", type=float, default=0.4, help="decision threshold (unless --tune)")
    ap.add_argument("--sequence-penalty", type=float, default=0.25,
                    help="switch penalty of the main/boilerplate Viterbi decoding over blocks (0 = off)")
    ap.add_argument("--tune", action="store_true", help="pick the threshold maximising F1 on the training pages (slow)")
    ap.add_argument("--no-tune", action="store_true", help=argparse.SUPPRESS)  # the default; kept for old commands
    ap.add_argument("--tree-rounds", type=int, default=150, help="boosted trees on top of stage 2 (0 = none)")
    ap.add_argument("--tree-depth", type=int, default=3)
    ap.add_argument("--tree-lr", type=float, default=0.1)
    ap.add_argument("--out", default=str(MODEL_PATH.parent))
    ap.add_argument("--rankers-only", action="store_true",
                    help="keep the block model in OUT/weights.json, refit only the title/date/author rankers")
    ap.add_argument("--cv-only", action="store_true",
                    help="print the cross-validated block-model figures and write nothing")
    return ap


def _refit_rankers(args, gold, texts, common, out: Path, t0: float) -> int:
    """--rankers-only: refit the rankers on top of the block model already in OUT/weights.json."""
    model = json.loads((out / "weights.json").read_text(encoding="utf-8"))
    model, rcv = train_rankers(gold, texts, common, model, _folds(gold, args.folds, args.seed))
    _write_atomic(out / "weights.json", json.dumps(model, indent=1) + "\n")
    man = out / "MANIFEST.md"
    old_text = man.read_text(encoding="utf-8") if man.exists() else ""
    old_text = old_text.split("\n## Metadata rankers")[0].rstrip("\n") + "\n"
    _write_atomic(man, old_text + _ranker_manifest(rcv, args.folds) + _history(man))
    print(f"wrote {out}/weights.json (rankers refitted) in {time.perf_counter() - t0:.0f}s")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Cross-validate, then train on all dev pages and write the model files."""
    args = _parser().parse_args(argv)
    t0 = time.perf_counter()
    gold = web.load_gold(args.bench)
    texts = web.load_texts(args.bench, list(gold))
    common = corpus_common_lines(texts)
    out = Path(args.out)
    if args.rankers_only:
        return _refit_rankers(args, gold, texts, common, out, t0)
    names, data = build_dataset(gold, texts, common)
    n_lab = sum(int((lab >= 0).sum()) for _, _, lab in data)
    n_pos = sum(int((lab == 1).sum()) for _, _, lab in data)
    print(f"labelled blocks: {n_lab} ({n_pos} main), features: {len(names)}")

    folds = _folds(gold, args.folds, args.seed)
    figures = cross_validate(args, gold, texts, common, names, data, folds)
    for label, fig in figures.items():
        print(label.ljust(11) + _fmt(fig))
    if args.cv_only:
        return 0

    model, (_stage1, stage2, _trees) = _fit_block_model(args, gold, texts, common, names, data)
    figures["model-all"] = evaluate(gold, texts, common, model)
    print("model-all ".ljust(11) + _fmt(figures["model-all"]))
    model, rcv = train_rankers(gold, texts, common, model, folds)

    out.mkdir(parents=True, exist_ok=True)
    _write_atomic(out / "weights.json", json.dumps(model, indent=1) + "\n")
    top = sorted(zip(list(names) + STAGE2_FEATURES.names, stage2[2]), key=lambda t: -abs(t[1]))[:12]
    manifest = _manifest(args, names, n_lab, n_pos, model["threshold"], figures, top)
    _write_atomic(out / "MANIFEST.md", manifest + _ranker_manifest(rcv, args.folds) + _history(out / "MANIFEST.md"))
    print(f"wrote {out}/weights.json and MANIFEST.md in {time.perf_counter() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
