"""Main text or boilerplate, block by block: the stacked model (or jusText-like rules) and a Viterbi pass.

With a model (:mod:`pipeline.segment.model`): stage 1 scores every block from its stage-1 row,
stage 2 adds the stage-1 probabilities around it, boosted trees add to the stage-2 logit.
Without one: :func:`pipeline.segment.blocks.rule_score` smoothed over neighbours
(:func:`smooth`).  :func:`sequence_decode` then decides consecutive blocks jointly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pipeline.segment.blocks import Surface, rule_score
from pipeline.segment.features import stage1_names, stage1_rows, stage2_columns
from pipeline.segment.model import Linear, Model, Trees, current_model
from pipeline.segment.records import MAIN_KINDS

#: model probability above which a block's main-text decision outweighs the weaker typing rules
#: (url lines, bracketed credits, author lines found inside prose); chosen by 5-fold CV on the web pages
SURE = 0.6
#: what stands for :data:`SURE` without a model: never sure
NEVER_SURE = 2.0
#: log-odds added to list items' emissions in the sequence decoding (5-fold CV: recall +0.3 points
#: at equal precision); list items inside articles are under-called by the block model
LIST_BONUS = 0.3
#: rules whose decisions the sequence decoding may revise, like the model's own
MODEL_RULES = frozenset({"prose_rules", "prose_between_body"})


@dataclass
class MainText:
    """Per-block main-text probabilities and how to read them."""

    probs: list[float]
    threshold: float
    rule: str  # "boosted", "logreg" or "rules": the name blocks decided by these probabilities get
    model: Model | None  # the model that gave them (None: rules)
    rule_probs: list[float]  # the rules' smoothed probabilities (equal to probs without a model)

    @property
    def sure(self) -> float:
        """Probability above which the model's decision beats the weaker typing rules."""
        return NEVER_SURE if self.model is None else SURE


def smooth(prior: list[float], feats: list[Surface]) -> list[float]:
    """jusText-style context smoothing of rule scores: short blocks take their neighbours' side."""
    n = len(prior)
    cls = ["good" if p >= 0.8 else "near" if p >= 0.5 else "short" if feats[i].length < 15 else "bad"
           for i, p in enumerate(prior)]
    cls = ["bad" if p <= 0.12 else c for c, p in zip(cls, prior)]
    out = list(prior)

    def side(i: int, step: int) -> str:
        j = i + step
        while 0 <= j < n:
            if cls[j] in ("good", "bad"):
                return cls[j]
            j += step
        return "bad"

    for i in range(n):
        if cls[i] == "near":
            a, b = side(i, -1), side(i, 1)
            out[i] = 0.8 if "good" in (a, b) else 0.3
    for i in range(n):
        if cls[i] == "short":
            a, b = side(i, -1), side(i, 1)
            if a == b == "good":
                out[i] = 0.65
            elif "good" in (a, b) and (i + 1 < n and cls[i + 1] == "good") and feats[i].length >= 2:
                out[i] = 0.55  # a heading right before good text
            else:
                out[i] = min(out[i], 0.2)
    return out


def _linear_scores(rows, stage: Linear, logit: bool = False):
    """Scores of rows (lists or an array) by one linear stage: probabilities, or the logits."""
    import numpy as np

    X = np.asarray(rows, dtype=float)
    z = ((X - stage.mean) / stage.scale) @ stage.coef + stage.intercept
    if logit:
        return z
    return list(1.0 / (1.0 + np.exp(-np.clip(z, -30, 30))))


def tree_margin(X, trees: Trees):
    """Summed leaf values of oblivious trees (each level splits every node on one feature)."""
    import numpy as np

    F, T, V = trees.features, trees.thresholds, trees.leaves  # (k, depth), (k, depth), (k, 2**depth)
    if len(F) == 0:
        return np.zeros(len(X))
    bits = (X[:, F] > T).astype(np.int64)  # (n, k, depth)
    idx = (bits << np.arange(F.shape[1])).sum(axis=2)  # (n, k)
    return V[np.arange(len(F)), idx].sum(axis=1)


def model_scores(feats: list[Surface], model: Model | None) -> tuple[list[float], float, str] | None:
    """(main-text probability per block, threshold, rule name) from the model; None without one.

    A model trained on a subset of the code's stage-1 features (by name) still applies.
    """
    import numpy as np

    if model is None or not feats:
        return None
    names, rows = stage1_names(), stage1_rows(feats)
    want = model.stage1.names
    if names != want:
        pos = {nm: k for k, nm in enumerate(names)}
        if any(nm not in pos for nm in want):
            return None
        cols = [pos[nm] for nm in want]
        rows = [[r[c] for c in cols] for r in rows]
    X1 = np.asarray(rows, dtype=float)
    p = _linear_scores(X1, model.stage1)
    rule = "logreg"
    if model.stage2 is not None:
        # the stage-2 rows (stage-1 row, then the stage-2 columns) as one array, built once
        X2 = np.hstack([X1, np.asarray(stage2_columns(p), dtype=float).reshape(len(p), -1)])
        z = _linear_scores(X2, model.stage2, logit=True)
        if model.trees is not None:
            z = z + tree_margin(X2, model.trees)
            rule = "boosted"
        p = list(1.0 / (1.0 + np.exp(-np.clip(z, -30, 30))))
    return [float(x) for x in p], model.threshold, rule


def main_text(feats: list[Surface]) -> MainText:
    """Main-text probabilities of a page's blocks: the current model's, else the smoothed rule scores."""
    rule_probs = smooth([rule_score(f) for f in feats], feats)
    model = current_model()
    scored = model_scores(feats, model)
    if scored is None:
        return MainText(rule_probs, 0.5, "rules", None, rule_probs)
    probs, threshold, rule = scored
    return MainText(probs, threshold, rule, model, rule_probs)


def _viterbi(emissions: list[float], penalty: float) -> list[int]:
    """Best two-state path (0 = boilerplate, 1 = main) for these log-odds, ``penalty`` per switch."""
    s0, s1 = 0.0, emissions[0]
    back: list[tuple[int, int]] = []
    for e in emissions[1:]:
        from0, b0 = (s0, 0) if s0 >= s1 - penalty else (s1 - penalty, 1)
        from1, b1 = (s1, 1) if s1 >= s0 - penalty else (s0 - penalty, 0)
        back.append((b0, b1))
        s0, s1 = from0, from1 + e
    state = 1 if s1 > s0 else 0
    path = [state]
    for b in reversed(back):
        state = b[state]
        path.append(state)
    path.reverse()
    return path


def sequence_decode(kinds: list[str], scores: list[float], rules: list[str], probs: list[float],
                    threshold: float, penalty: float, main_rule: str, feats: list[Surface] | None = None) -> None:
    """Re-decide main text / boilerplate for the model-decided blocks along the best path.

    Emissions are the model's log-odds relative to the threshold; blocks that a rule typed
    (embeds, captions, credits, common lines, ...) count as confident boilerplate (-3) or, for
    bylines and datelines, mild boilerplate (-1).  Every change of state costs ``penalty``, so an
    isolated doubtful block takes the side of its neighbours.  Edits the lists in place.
    """
    n = len(kinds)
    off = math.log(threshold / (1.0 - threshold)) if 0.0 < threshold < 1.0 else 0.0
    free = [rules[i] == main_rule or rules[i] in MODEL_RULES for i in range(n)]
    e = []
    for i in range(n):
        if free[i]:
            p = min(max(probs[i], 1e-4), 1.0 - 1e-4)
            e.append(math.log(p / (1.0 - p)) - off)
            if feats is not None and feats[i].is_list:
                e[-1] += LIST_BONUS  # list items: the model under-calls them (CV-measured offset)
        elif kinds[i] in MAIN_KINDS:
            e.append(3.0)
        else:
            e.append(-3.0 if kinds[i] == "boilerplate" else -1.0)
    path = _viterbi(e, penalty)
    for i in range(n):
        if not free[i] or kinds[i] not in ("body", "boilerplate"):
            continue
        want = "body" if path[i] else "boilerplate"
        if want != kinds[i]:
            kinds[i] = want
            scores[i] = 0.55
            rules[i] = "sequence"


def main_region(probs: list[float], threshold: float, feats: list[Surface]) -> tuple[int, int] | None:
    """The contiguous run of blocks with the most main-text evidence (maximum-sum subarray)."""
    best, best_span = 0.0, None
    cur, cur_start = 0.0, 0
    for i, (p, f) in enumerate(zip(probs, feats)):
        w = (p - threshold) * (1.0 + math.log1p(f.length))
        if cur <= 0:
            cur, cur_start = w, i
        else:
            cur += w
        if cur > best:
            best, best_span = cur, (cur_start, i)
    return best_span
