"""How the segmenter's weights are learned (numpy only): stacked logistic regressions, boosted trees, softmax rankers.

Used by ``python -m pipeline.train_segmenter``; the segmenter itself only reads the results
(:mod:`pipeline.segment.model`).  A block-model *stage* is ``(mean, scale, coef, intercept)``
over standardised features; :func:`block_model_dict` and :func:`ranker_dict` turn fits into the
JSON of ``weights.json``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from pipeline.segment.features import STAGE2_FEATURES, stage2_rows
from pipeline.segment.meta.author import AUTHOR_FEATURES
from pipeline.segment.meta.published import DATE_FEATURES
from pipeline.segment.meta.ranker import linear_stump_scores, softmax_choice
from pipeline.segment.meta.title import TITLE_FEATURES

#: the features of each metadata ranker
RANKER_FEATURES = {"title": TITLE_FEATURES, "author": AUTHOR_FEATURES, "date": DATE_FEATURES}


# ------------------------------------------------------------------ block model


def _stack(pages, with_stage2=None):
    """Labelled rows of the given pages (optionally turned into stage-2 rows by a stage-1 model)."""
    X, y = [], []
    for _pid, rows, labels in pages:
        if with_stage2 is not None:
            p1 = _predict(rows, with_stage2)
            rows = np.asarray(stage2_rows(rows.tolist(), p1.tolist()), dtype=float)
        mask = labels >= 0
        X.append(rows[mask])
        y.append(labels[mask])
    return np.vstack(X), np.concatenate(y).astype(float)


def _predict(rows: np.ndarray, stage) -> np.ndarray:
    mean, scale, w, b = stage
    return 1.0 / (1.0 + np.exp(-np.clip(((rows - mean) / scale) @ w + b, -30, 30)))


def fit_two_stage(pages, l2: float, inner_folds: int = 3, tree_rounds: int = 0, tree_depth: int = 3,
                  tree_lr: float = 0.1):
    """Stage 1 on the pages' labelled blocks; stage 2 on out-of-fold stage-1 probabilities; trees on top.

    ``pages``: (page id, stage-1 rows (n, d), labels (n,): 1 main, 0 boilerplate, -1 unknown).
    Returns (stage 1, stage 2, trees or None).
    """
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


def _quantile_bins(X: np.ndarray, n_bins: int, side: str) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Per feature: its quantile cut points, and each row's bin among them."""
    cuts, bins = [], []
    for j in range(X.shape[1]):
        q = np.unique(np.quantile(X[:, j], np.linspace(0, 1, n_bins + 1)[1:-1]))
        cuts.append(q)
        bins.append(np.searchsorted(q, X[:, j], side=side))
    return cuts, bins


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
    cuts, bins = _quantile_bins(X, n_bins, "left")  # bin b <=> X <= q[b] (b < len(q))
    B = np.zeros((n, d), dtype=np.int64)
    for j in range(d):
        B[:, j] = bins[j]
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
            j, thr = _best_level_split(X, B, g, h, node, level, cols, cuts, nb, l2, min_hess)
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


def _best_level_split(X, B, g, h, node, level, cols, cuts, nb, l2, min_hess) -> tuple[int, float]:
    """The (feature, threshold) that splits every node of one tree level with the most Newton gain."""
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
    return j, float(cuts[j][b]) if len(cuts[j]) > b else 1e30


_B1, _B2, _EPS = 0.9, 0.999, 1e-8  # Adam's moment decays and epsilon


def _adam_update(param, m, v, t: int, lr: float):
    """One Adam step of ``param`` from its updated first and second moments ``m`` and ``v`` (step ``t``,
    from 1).  The callers update the moments themselves: the two fits write the second moment with a
    different association of the product, and changing either would change the trained weights' last digits."""
    param -= lr * (m / (1 - _B1 ** t)) / (np.sqrt(v / (1 - _B2 ** t)) + _EPS)
    return param


def fit_logreg(X: np.ndarray, y: np.ndarray, l2: float = 1e-2, iters: int = 3000, lr: float = 0.5):
    """L2-regularised logistic regression on standardised features (returns mean, scale, coef, b)."""
    mean = X.mean(axis=0)
    scale = X.std(axis=0)
    scale[scale < 1e-9] = 1.0
    Z = (X - mean) / scale
    n, d = Z.shape
    w = np.zeros(d)
    b = float(np.log((y.mean() + 1e-6) / (1 - y.mean() + 1e-6)))
    m_w = np.zeros(d); v_w = np.zeros(d); m_b = 0.0; v_b = 0.0
    for t in range(1, iters + 1):
        p = 1.0 / (1.0 + np.exp(-np.clip(Z @ w + b, -30, 30)))
        g = p - y
        gw = Z.T @ g / n + l2 * w
        gb = float(g.mean())
        m_w = _B1 * m_w + (1 - _B1) * gw; v_w = _B2 * v_w + (1 - _B2) * gw * gw
        m_b = _B1 * m_b + (1 - _B1) * gb; v_b = _B2 * v_b + (1 - _B2) * gb * gb
        w = _adam_update(w, m_w, v_w, t, lr * 0.02)
        b = _adam_update(b, m_b, v_b, t, lr * 0.02)
    return mean, scale, w, b


def block_model_dict(names, stage1, stage2, threshold: float, trees=None, sequence_penalty: float = 0.0) -> dict:
    """The JSON-serialisable block model read by :func:`pipeline.segment.model.prepare_model`."""

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
        "stage2": one(list(names) + STAGE2_FEATURES.names, stage2) if stage2 is not None else None,
        "threshold": float(threshold),
        "sequence_penalty": float(sequence_penalty),
        "trees": None if trees is None or stage2 is None else {
            "features": [[int(j) for j in r] for r in trees[0]],
            "thresholds": [[float(t) for t in r] for r in trees[1]],
            "leaves": [[round(float(v), 8) for v in r] for r in trees[2]],
        },
    }


# ------------------------------------------------------------------ metadata rankers


@dataclass
class RankerFit:
    """A fitted softmax ranker: standardisation, linear coefficients, the 'none' score, boosted stumps."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    null: float
    stumps: list = field(default_factory=list)  # (feature, threshold, value below, value at or above)

    def scores(self, X: np.ndarray) -> np.ndarray:
        return linear_stump_scores(X, self.mean, self.scale, self.coef, self.stumps)


@dataclass
class _Groups:
    """Candidates of many pages stacked: rows, page of each row, labels, pages with a right answer."""

    X: np.ndarray
    gid: np.ndarray
    y: np.ndarray
    n_pages: int
    has_pos: np.ndarray

    @classmethod
    def of(cls, groups) -> _Groups:
        rows = [X for X, _ in groups if len(X)]
        gid = np.concatenate([np.full(len(X), k) for k, (X, _) in enumerate(groups) if len(X)])
        yall = np.concatenate([y for X, y in groups if len(X)]).astype(float)
        has_pos = np.zeros(len(groups))
        np.add.at(has_pos, gid, yall)
        return cls(np.vstack(rows), gid, yall, len(groups), has_pos > 0)

    def softmax(self, z: np.ndarray, c: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per row its probability, per page the 'none' probability and the right answers' total."""
        G, gid = self.n_pages, self.gid
        gmax = np.full(G, c)
        np.maximum.at(gmax, gid, z)
        e = np.exp(z - gmax[gid])
        en = np.exp(c - gmax)
        tot = en.copy()
        np.add.at(tot, gid, e)
        p = e / tot[gid]
        ppos = np.zeros(G)
        np.add.at(ppos, gid, p * self.y)
        return p, en / tot, ppos


def fit_ranker(groups, l2: float = 3e-2, iters: int = 600, lr: float = 0.05) -> RankerFit:
    """Softmax ranker over each page's candidates plus a 'none of them' option (learned score).

    ``groups``: list of (X (k, d), y (k,)) with y = 1 for right candidates; a page whose candidates
    are all wrong teaches the 'none' option.  The score of a candidate is linear in its
    standardised features.
    """
    gr = _Groups.of(groups)
    mean = gr.X.mean(axis=0)
    scale = gr.X.std(axis=0)
    scale[scale < 1e-9] = 1.0
    Z = (gr.X - mean) / scale
    G, gid, yall, has_pos = gr.n_pages, gr.gid, gr.y, gr.has_pos
    params = {"w": np.zeros(Z.shape[1]), "c": np.zeros(1)}
    m = {k: np.zeros_like(v) for k, v in params.items()}
    v = {k: np.zeros_like(v) for k, v in params.items()}
    for t in range(1, iters + 1):
        z = Z @ params["w"]
        p, pn, ppos = gr.softmax(z, float(params["c"][0]))
        ptarget = np.where(has_pos, ppos, pn)
        # dL/dz_j = p_j - t_j p_j / P_T ; dL/dz_null = p_null - [null is target]
        gz = (p - np.where(has_pos[gid], yall * p / np.maximum(ptarget[gid], 1e-12), 0.0)) / G
        grads = {"w": Z.T @ gz + l2 * params["w"], "c": np.array([float((pn - (~has_pos)).sum()) / G])}
        for k in params:
            m[k] = _B1 * m[k] + (1 - _B1) * grads[k]
            v[k] = _B2 * v[k] + (1 - _B2) * grads[k] ** 2
            params[k] = _adam_update(params[k], m[k], v[k], t, lr)
    return RankerFit(mean, scale, params["w"], float(params["c"][0]))


def fit_boosted(groups, rounds: int = 300, lr: float = 0.1, n_bins: int = 16, base: RankerFit | None = None) -> RankerFit:
    """Softmax ranker made of boosted decision stumps on top of a linear ranker ``base``.

    Each round fits one stump (feature, threshold, two leaf values) to the negative gradient
    of the page-wise softmax loss (Newton leaf values).  Returns the base fit with a stump list.
    """
    gr = _Groups.of(groups)
    if base is None:
        base = fit_ranker(groups)
    z = base.scores(gr.X)
    c = base.null
    cuts, bins = _quantile_bins(gr.X, n_bins, "right")
    stumps = []
    for _ in range(rounds):
        p, _pn, ppos = gr.softmax(z, c)
        tgt = np.where(gr.has_pos[gr.gid], gr.y * p / np.maximum(ppos[gr.gid], 1e-12), 0.0)
        g = p - tgt
        h = np.maximum(p * (1 - p), 1e-6)
        best = None
        for j in range(gr.X.shape[1]):
            if len(cuts[j]) == 0:
                continue
            gs = np.bincount(bins[j], weights=g, minlength=len(cuts[j]) + 1)
            hs = np.bincount(bins[j], weights=h, minlength=len(cuts[j]) + 1)
            gl, hl = np.cumsum(gs)[:-1], np.cumsum(hs)[:-1]
            gr_, hr = gs.sum() - gl, hs.sum() - hl
            gain = gl * gl / (hl + 1.0) + gr_ * gr_ / (hr + 1.0)
            k = int(np.argmax(gain))
            if best is None or gain[k] > best[0]:
                best = (gain[k], j, k, -gl[k] / (hl[k] + 1.0), -gr_[k] / (hr[k] + 1.0))
        if best is None:
            break
        _, j, k, vl, vr = best
        thr = float(cuts[j][k])
        vl, vr = lr * float(vl), lr * float(vr)
        z = z + np.where(gr.X[:, j] < thr, vl, vr)
        stumps.append((j, thr, vl, vr))
    return RankerFit(base.mean, base.scale, base.coef, base.null, stumps)


def pick(cands, fit: RankerFit, threshold: float, use_null: bool):
    """(value, label) of the candidate a fitted ranker chooses among (value, row, label), or None."""
    if not cands:
        return None
    X = np.asarray([r for _, r, _ in cands], dtype=float)
    j = softmax_choice(fit.scores(X), fit.null, threshold, use_null)
    return None if j is None else (cands[j][0], cands[j][2])


def ranker_dict(which: str, fit: RankerFit, threshold: float, use_null: bool) -> dict:
    """The JSON-serialisable ranker read by :mod:`pipeline.segment.model`."""
    return {
        "feature_names": list(RANKER_FEATURES[which].names),
        "mean": [round(float(x), 8) for x in fit.mean],
        "scale": [round(float(x), 8) for x in fit.scale],
        "coef": [round(float(x), 8) for x in fit.coef],
        "null": float(fit.null),
        "threshold": float(threshold),
        "use_null": bool(use_null),
        "stumps": [[int(j), float(t), round(float(a), 8), round(float(b), 8)] for j, t, a, b in fit.stumps],
    }
