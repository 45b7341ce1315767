"""Train the main-text/boilerplate block classifier of :mod:`pipeline.segment` (numpy, no other deps).

Data: the web-page dev benchmark (``gold.jsonl`` + ``txt/``, see ``pipeline.evaluation.web``).
A block is a positive example when it contains (part of) a ``with`` snippet of the main text and
a negative one when it contains a ``without`` boilerplate snippet; other blocks are unlabelled.
Features are those of ``segment._context_matrix`` (the block's surface features, its neighbours',
window and position features).  Training is two stacked L2-regularised logistic regressions (full-batch
Adam on standardised features; stage 2 sees out-of-fold stage-1 probabilities of the block and its
neighbours) plus gradient-boosted oblivious trees on the stage-2 rows, added to the stage-2 logit
(``--tree-rounds``, 0 = none).  The decision threshold is ``--threshold`` (default 0.5) or, with
``--tune``, the one maximising the benchmark's F1 on the training pages.  ``common_lines`` are
computed exactly as the pipeline does (``pipeline.corpus.line_keys`` / ``common_keys``).

``python -m pipeline.train_segmenter [--bench DIR] [--folds 5] [--out models/segmenter]``
reports page-grouped k-fold cross-validated figures (rules alone and the model), then fits on all
pages and writes ``weights.json`` (plain numbers, no pickles) and ``MANIFEST.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import time
from datetime import date
from pathlib import Path

import numpy as np

from pipeline import segment
from pipeline.evaluation import web
from pipeline.evaluation.web import corpus_common_lines

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


def fit_two_stage(pages, l2: float, inner_folds: int = 3, tree_rounds: int = 0, tree_depth: int = 3,
                  tree_lr: float = 0.1):
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
    X2, y2 = np.vstack(X2), np.concatenate(y2)
    stage2 = fit_logreg(X2, y2, l2=l2)
    trees = None
    if tree_rounds:
        mean, scale, w, b = stage2
        trees = fit_trees(X2, y2, ((X2 - mean) / scale) @ w + b, rounds=tree_rounds, depth=tree_depth, lr=tree_lr)
    return stage1, stage2, trees


def fit_trees(X: np.ndarray, y: np.ndarray, base: np.ndarray, rounds: int = 150, depth: int = 3,
              lr: float = 0.1, n_bins: int = 24, l2: float = 5.0, min_hess: float = 3.0,
              colsample: float = 0.5, seed: int = 0):
    """Gradient-boosted oblivious trees (logistic loss) on top of a base logit ``base``.

    Every level of a tree splits all its nodes on the same (feature, threshold), chosen among
    quantile cut points to maximise the summed Newton gain; leaves get Newton values times ``lr``.
    Returns (features (k, depth), thresholds (k, depth), leaves (k, 2**depth)).
    """
    rng = np.random.default_rng(seed)
    n, d = X.shape
    cuts, B = [], np.zeros((n, d), dtype=np.int64)
    for j in range(d):
        q = np.unique(np.quantile(X[:, j], np.linspace(0, 1, n_bins + 1)[1:-1]))
        cuts.append(q)
        B[:, j] = np.searchsorted(q, X[:, j], side="left")  # bin b <=> X <= q[b] (b < len(q))
    nb = n_bins + 1
    z = base.astype(float).copy()
    feats, thrs, leaves = [], [], []
    for _ in range(rounds):
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        g = p - y
        h = np.maximum(p * (1 - p), 1e-6)
        cols = np.flatnonzero(rng.random(d) < colsample)
        if len(cols) == 0:
            cols = np.arange(d)
        node = np.zeros(n, dtype=np.int64)
        tf, tt = [], []
        for level in range(depth):
            L = 1 << level
            idx = (node[:, None] * len(cols) + np.arange(len(cols))[None, :]) * nb + B[:, cols]
            G = np.bincount(idx.ravel(), weights=np.repeat(g, len(cols)), minlength=L * len(cols) * nb).reshape(L, len(cols), nb)
            H = np.bincount(idx.ravel(), weights=np.repeat(h, len(cols)), minlength=L * len(cols) * nb).reshape(L, len(cols), nb)
            GL, HL = np.cumsum(G, axis=2)[:, :, :-1], np.cumsum(H, axis=2)[:, :, :-1]
            GT, HT = G.sum(axis=2, keepdims=True), H.sum(axis=2, keepdims=True)
            GR, HR = GT - GL, HT - HL
            gain = GL * GL / (HL + l2) + GR * GR / (HR + l2) - GT * GT / (HT + l2)
            ok = (HL >= min_hess) & (HR >= min_hess)
            gain = np.where(ok, gain, 0.0).sum(axis=0)  # (cols, nb-1)
            valid = np.zeros_like(gain, dtype=bool)
            for a, j in enumerate(cols):
                valid[a, : len(cuts[j])] = True
            gain = np.where(valid, gain, -1.0)
            a, b = np.unravel_index(int(np.argmax(gain)), gain.shape)
            j = int(cols[a])
            thr = float(cuts[j][b]) if len(cuts[j]) > b else 1e30
            tf.append(j)
            tt.append(thr)
            node = node + ((X[:, j] > thr).astype(np.int64) << level)
        Gs = np.bincount(node, weights=g, minlength=1 << depth)
        Hs = np.bincount(node, weights=h, minlength=1 << depth)
        vals = -lr * Gs / (Hs + l2)
        z = z + vals[node]
        feats.append(tf)
        thrs.append(tt)
        leaves.append(vals)
    return np.asarray(feats, dtype=np.int64).reshape(-1, depth), np.asarray(thrs).reshape(-1, depth), np.asarray(leaves).reshape(-1, 1 << depth)


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


def model_dict(names, stage1, stage2, threshold: float, trees=None, sequence_penalty: float = 0.0) -> dict:
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
        "sequence_penalty": float(sequence_penalty),
        "trees": None if trees is None or stage2 is None else {
            "features": [[int(j) for j in r] for r in trees[0]],
            "thresholds": [[float(t) for t in r] for r in trees[1]],
            "leaves": [[round(float(v), 8) for v in r] for r in trees[2]],
        },
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
        segment._segment(texts[pid], common, collect=col)
        rec = {}
        for which in ("title", "author", "date"):
            gv = g.get(which)
            if not web._annotated(gv):
                continue
            rec[which] = [(v, row, _label(which, v, gv)) for v, row in col.get(which, [])]
        out[pid] = rec
    return out


def fit_ranker(groups, l2: float = 3e-2, iters: int = 600, lr: float = 0.05, hidden: int = 0, seed: int = 0):
    """Softmax ranker over each page's candidates plus a 'none of them' option (learned score).

    ``groups``: list of (X (k, d), y (k,)) with y = 1 for right candidates; a page whose candidates
    are all wrong teaches the 'none' option.  The score of a candidate is linear in its
    standardised features, plus (``hidden`` > 0) a one-hidden-layer tanh network.
    Returns (mean, scale, coef, null score, (W1, b1, w2) or None).
    """
    rows = [X for X, _ in groups if len(X)]
    d = rows[0].shape[1]
    Xall = np.vstack(rows)
    mean = Xall.mean(axis=0)
    scale = Xall.std(axis=0)
    scale[scale < 1e-9] = 1.0
    Z = (Xall - mean) / scale
    gid = np.concatenate([np.full(len(X), k) for k, (X, _) in enumerate(groups) if len(X)])
    yall = np.concatenate([y for X, y in groups if len(X)]).astype(float)
    G = len(groups)
    has_pos = np.zeros(G)
    np.add.at(has_pos, gid, yall)
    has_pos = has_pos > 0
    rng = np.random.default_rng(seed)
    params = {"w": np.zeros(d), "c": np.zeros(1)}
    if hidden:
        params["W1"] = rng.normal(0, 1 / np.sqrt(d), (d, hidden))
        params["b1"] = np.zeros(hidden)
        params["w2"] = rng.normal(0, 0.1, hidden)
    m = {k: np.zeros_like(v) for k, v in params.items()}
    v = {k: np.zeros_like(v) for k, v in params.items()}
    b1_, b2_, eps = 0.9, 0.999, 1e-8
    for t in range(1, iters + 1):
        z = Z @ params["w"]
        if hidden:
            H = np.tanh(Z @ params["W1"] + params["b1"])
            z = z + H @ params["w2"]
        c = float(params["c"][0])
        gmax = np.full(G, c)
        np.maximum.at(gmax, gid, z)
        e = np.exp(z - gmax[gid])
        en = np.exp(c - gmax)
        tot = en.copy()
        np.add.at(tot, gid, e)
        p = e / tot[gid]
        pn = en / tot
        ppos = np.zeros(G)
        np.add.at(ppos, gid, p * yall)
        ptarget = np.where(has_pos, ppos, pn)
        # dL/dz_j = p_j - t_j p_j / P_T ; dL/dz_null = p_null - [null is target]
        gz = (p - np.where(has_pos[gid], yall * p / np.maximum(ptarget[gid], 1e-12), 0.0)) / G
        grads = {"w": Z.T @ gz + l2 * params["w"], "c": np.array([float((pn - (~has_pos)).sum()) / G])}
        if hidden:
            grads["w2"] = H.T @ gz + l2 * params["w2"]
            gH = np.outer(gz, params["w2"]) * (1 - H * H)
            grads["W1"] = Z.T @ gH + l2 * params["W1"]
            grads["b1"] = gH.sum(axis=0)
        for k in params:
            m[k] = b1_ * m[k] + (1 - b1_) * grads[k]
            v[k] = b2_ * v[k] + (1 - b2_) * grads[k] ** 2
            params[k] -= lr * (m[k] / (1 - b1_ ** t)) / (np.sqrt(v[k] / (1 - b2_ ** t)) + eps)
    net = (params["W1"], params["b1"], params["w2"]) if hidden else None
    return mean, scale, params["w"], float(params["c"][0]), net


def fit_boosted(groups, rounds: int = 300, lr: float = 0.1, n_bins: int = 16, base=None):
    """Softmax ranker made of boosted decision stumps on top of a linear ranker ``base``.

    Each round fits one stump (feature, threshold, two leaf values) to the negative gradient
    of the page-wise softmax loss (Newton leaf values).  Returns the base fit with a stump list.
    """
    rows = [X for X, _ in groups if len(X)]
    Xall = np.vstack(rows)
    gid = np.concatenate([np.full(len(X), k) for k, (X, _) in enumerate(groups) if len(X)])
    yall = np.concatenate([y for X, y in groups if len(X)]).astype(float)
    G = len(groups)
    has_pos = np.zeros(G)
    np.add.at(has_pos, gid, yall)
    has_pos = has_pos > 0
    if base is None:
        base = fit_ranker(groups)
    z = _scores(Xall, base)
    c = base[3]
    d = Xall.shape[1]
    # candidate thresholds per feature (quantiles), and each row's bin per feature
    cuts, bins = [], []
    for j in range(d):
        q = np.unique(np.quantile(Xall[:, j], np.linspace(0, 1, n_bins + 1)[1:-1]))
        cuts.append(q)
        bins.append(np.searchsorted(q, Xall[:, j], side="right"))
    stumps = []
    for _ in range(rounds):
        gmax = np.full(G, c)
        np.maximum.at(gmax, gid, z)
        e = np.exp(z - gmax[gid])
        tot = np.exp(c - gmax)
        np.add.at(tot, gid, e)
        p = e / tot[gid]
        ppos = np.zeros(G)
        np.add.at(ppos, gid, p * yall)
        tgt = np.where(has_pos[gid], yall * p / np.maximum(ppos[gid], 1e-12), 0.0)
        g = p - tgt
        h = np.maximum(p * (1 - p), 1e-6)
        best = None
        for j in range(d):
            if len(cuts[j]) == 0:
                continue
            gs = np.bincount(bins[j], weights=g, minlength=len(cuts[j]) + 1)
            hs = np.bincount(bins[j], weights=h, minlength=len(cuts[j]) + 1)
            gl, hl = np.cumsum(gs)[:-1], np.cumsum(hs)[:-1]
            gr, hr = gs.sum() - gl, hs.sum() - hl
            gain = gl * gl / (hl + 1.0) + gr * gr / (hr + 1.0)
            k = int(np.argmax(gain))
            if best is None or gain[k] > best[0]:
                best = (gain[k], j, k, -gl[k] / (hl[k] + 1.0), -gr[k] / (hr[k] + 1.0))
        if best is None:
            break
        _, j, k, vl, vr = best
        thr = float(cuts[j][k])
        vl, vr = lr * float(vl), lr * float(vr)
        z = z + np.where(Xall[:, j] < thr, vl, vr)
        stumps.append((j, thr, vl, vr))
    return base[:5] + (stumps,)


def _scores(X: np.ndarray, fit) -> np.ndarray:
    mean, scale, w, _c, net = fit[:5]
    Z = (X - mean) / scale
    z = Z @ w
    if net is not None:
        z = z + np.tanh(Z @ net[0] + net[1]) @ net[2]
    for j, thr, vl, vr in (fit[5] if len(fit) > 5 else []):
        z = z + np.where(X[:, j] < thr, vl, vr)
    return z


def ranker_dict(which: str, fit, threshold: float, use_null: bool) -> dict:
    mean, scale, w, c, _net = fit[:5]
    names = {"title": segment.TITLE_FEATURES, "author": segment.AUTHOR_FEATURES, "date": segment.DATE_FEATURES}[which]
    return {
        "feature_names": list(names),
        "mean": [round(float(x), 8) for x in mean],
        "scale": [round(float(x), 8) for x in scale],
        "coef": [round(float(x), 8) for x in w],
        "null": float(c),
        "threshold": float(threshold),
        "use_null": bool(use_null),
        "stumps": [[int(j), float(t), round(float(a), 8), round(float(b), 8)] for j, t, a, b in
                   (fit[5] if len(fit) > 5 else [])],
    }


def _pick(cands, fit, threshold: float, use_null: bool):
    """(value, label) of the candidate a fitted ranker chooses, or None."""
    if not cands:
        return None
    c = fit[3]
    X = np.asarray([r for _, r, _ in cands], dtype=float)
    z = _scores(X, fit)
    zmax = max(float(z.max()), c)
    e = np.exp(z - zmax)
    p = e / (e.sum() + np.exp(c - zmax))
    j = int(np.argmax(z))
    if p[j] < threshold or (use_null and z[j] < c):
        return None
    return cands[j][0], cands[j][2]


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


def cv_ranker(cands_by_page, gold, folds, which, use_null, thresholds=(0.0,), l2=3e-2, hidden=0, rounds=0):
    """Page-grouped CV of one ranker: {threshold: (accuracy over annotated pages, precision of answers)}."""
    res = {th: [0, 0, 0] for th in thresholds}  # hits, answered, pages
    for test_pages in folds:
        test = set(test_pages)
        train = [p for f in folds for p in f if p not in test]
        fit = fit_ranker(_groups(cands_by_page, train, which), l2=l2, hidden=hidden)
        if rounds:
            fit = fit_boosted(_groups(cands_by_page, train, which), rounds=rounds, base=fit)
        for p in test_pages:
            cs = cands_by_page.get(p, {}).get(which)
            if cs is None:
                continue
            for th in thresholds:
                r = _pick(cs, fit, th, use_null)
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
            segment._set_model(dict(model, rankers=rankers))
            try:
                cands = collect_candidates(gold, texts, common)
            finally:
                segment._reset_model()
        use_null, ths, rounds = RANKER_SETTINGS[which]
        res = cv_ranker(cands, gold, folds, which, use_null, thresholds=ths, rounds=rounds)
        th = max(ths, key=lambda t: _utility(which, *res[t]))
        cv[which] = dict(zip(("accuracy", "precision", "answered"), res[th]), threshold=th)
        log(f"{which} ranker CV: " + "  ".join(f"th={t}: acc {a:.3f} prec {p:.3f} answered {n:.3f}"
                                              for t, (a, p, n) in res.items()))
        groups = _groups(cands, list(gold), which)
        fit = fit_ranker(groups)
        if rounds:
            fit = fit_boosted(groups, rounds=rounds, base=fit)
        rankers[which] = ranker_dict(which, fit, th, use_null)
    return dict(model, rankers=rankers), cv


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

Title, date and author are chosen among candidates (`segment._title_candidates`,
`_date_candidates`, `_author_candidates`) by softmax rankers: a linear score over standardised
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


def main(argv: list[str] | None = None) -> int:
    """Cross-validate, then train on all dev pages and write the model files."""
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
    ap.add_argument("--out", default=str(segment.MODEL_PATH.parent))
    ap.add_argument("--rankers-only", action="store_true",
                    help="keep the block model in OUT/weights.json, refit only the title/date/author rankers")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    gold = web.load_gold(args.bench)
    texts = web.load_texts(args.bench, list(gold))
    common = corpus_common_lines(texts)
    out = Path(args.out)
    if args.rankers_only:
        pages = sorted(gold)
        random.Random(args.seed).shuffle(pages)
        folds = [pages[k :: args.folds] for k in range(args.folds)]
        model = json.loads((out / "weights.json").read_text(encoding="utf-8"))
        model, rcv = train_rankers(gold, texts, common, model, folds)
        _write_atomic(out / "weights.json", json.dumps(model, indent=1) + "\n")
        man = out / "MANIFEST.md"
        old_text = man.read_text(encoding="utf-8") if man.exists() else ""
        old_text = old_text.split("\n## Metadata rankers")[0].rstrip("\n") + "\n"
        _write_atomic(man, old_text + _ranker_manifest(rcv, args.folds) + _history(man))
        print(f"wrote {out}/weights.json (rankers refitted) in {time.perf_counter() - t0:.0f}s")
        return 0
    names, data = build_dataset(gold, texts, common)
    tune = args.tune and not args.no_tune
    tree_kw = dict(tree_rounds=args.tree_rounds, tree_depth=args.tree_depth, tree_lr=args.tree_lr)
    n_lab = sum(int((lab >= 0).sum()) for _, _, lab in data)
    n_pos = sum(int((lab == 1).sum()) for _, _, lab in data)
    print(f"labelled blocks: {n_lab} ({n_pos} main), features: {len(names)}")

    pages = sorted(gold)
    random.Random(args.seed).shuffle(pages)
    folds = [pages[k :: args.folds] for k in range(args.folds)]
    keys = ["web.precision", "web.recall", "web.f1", "web.date_accuracy", "web.title_accuracy", "web.author_accuracy"]
    cv_rules, cv_s1, cv_lr, cv_model = {}, {}, {}, {}
    for k, test_pages in enumerate(folds):
        test = set(test_pages)
        train_data = [d for d in data if d[0] not in test]
        stage1, stage2, trees = fit_two_stage(train_data, args.l2, **tree_kw)
        base = model_dict(names, stage1, stage2, args.threshold, trees, args.sequence_penalty)
        train_gold = {p: gold[p] for p in pages if p not in test}
        th = tune_threshold(train_gold, texts, common, base) if tune else args.threshold
        model = dict(base, threshold=th)
        for store, m in ((cv_rules, None), (cv_s1, model_dict(names, stage1, None, 0.5)),
                         (cv_lr, model_dict(names, stage1, stage2, th, None, args.sequence_penalty)),
                         (cv_model, model)):
            segment._set_model(m)
            for p in test_pages:
                store[p] = web.predict_page(texts[p], common)
            segment._reset_model()
        print(f"fold {k}: threshold {th}", flush=True)
    rules_cv = web.score(gold, cv_rules)
    s1_cv = web.score(gold, cv_s1)
    lr_cv = web.score(gold, cv_lr)
    model_cv = web.score(gold, cv_model)
    for label, fig in (("rules", rules_cv), ("stage1-cv", s1_cv), ("2stage-cv", lr_cv), ("model-cv", model_cv)):
        print(label.ljust(11) + "  ".join(f"{k.split('.', 1)[1]}={fig[k]:.3f}" for k in keys))

    stage1, stage2, trees = fit_two_stage(data, args.l2, **tree_kw)
    base = model_dict(names, stage1, stage2, args.threshold, trees, args.sequence_penalty)
    th = tune_threshold(gold, texts, common, base) if tune else args.threshold
    model = dict(base, threshold=th)
    full = evaluate(gold, texts, common, model)
    print("model-all ".ljust(11) + "  ".join(f"{k.split('.', 1)[1]}={full[k]:.3f}" for k in keys))
    w = stage2[2]
    model, rcv = train_rankers(gold, texts, common, model, folds)

    out.mkdir(parents=True, exist_ok=True)
    _write_atomic(out / "weights.json", json.dumps(model, indent=1) + "\n")
    top = sorted(zip(list(names) + segment.STAGE2_EXTRA, w), key=lambda t: -abs(t[1]))[:12]
    fmt = lambda fig: ", ".join(f"{k.split('.', 1)[1]} {fig[k]:.3f}" for k in keys)
    manifest = f"""# models/segmenter — main-text block classifier

Made by `python -m pipeline.train_segmenter` (pipeline/train_segmenter.py) on {date.today().isoformat()}.

- Model: two stacked logistic regressions (L2 = {args.l2}, Adam, full batch, 3000 steps) over
  standardised block features, plus boosted trees. Stage 1: `pipeline.segment._context_matrix`
  ({len(names)} features: the block's surface features, those of its neighbours, window/position
  features, wider windows, in-page repetition, menu/list-run, longest-prose-run and topic-cohesion
  features).
  Stage 2: the same plus stage-1 probabilities of the block and its neighbours (`_stage2_matrix`),
  trained on out-of-fold (3-fold) stage-1 probabilities. Trees (`trees`): {args.tree_rounds}
  gradient-boosted oblivious trees of depth {args.tree_depth} (learning rate {args.tree_lr}) fitted on
  the same out-of-fold stage-2 rows, added to the stage-2 logit. `weights.json` holds the feature
  names, standardisation mean/scale, coefficients, intercept, trees (feature index, threshold,
  leaf values), the decision threshold ({th}) and the switch penalty of the sequence decoding
  ({args.sequence_penalty}), as plain JSON numbers; `pipeline.segment` reads
  it lazily and falls back to hand-set rules when it is missing or does not match the code's
  feature list.
- Sequence decoding (`segment._sequence_decode`): the model's log-odds (relative to the threshold)
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
- {args.folds}-fold page-grouped cross-validation (what unseen pages should show): {fmt(model_cv)}
- without the trees (two logistic regressions, same threshold and decoding), cross-validated: {fmt(lr_cv)}
- stage 1 only, cross-validated: {fmt(s1_cv)}
- rules only (no model): {fmt(rules_cv)}
- trained and scored on all dev pages (optimistic): {fmt(full)}

Largest standardised stage-2 coefficients: {", ".join(f"{n} {c:+.2f}" for n, c in top)}
"""
    _write_atomic(out / "MANIFEST.md", manifest + _ranker_manifest(rcv, args.folds) + _history(out / "MANIFEST.md"))
    print(f"wrote {out}/weights.json and MANIFEST.md in {time.perf_counter() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
