"""The block classifier's inputs, declared once each: block, neighbour, page-window and stage-2 features.

A stage-1 row of block ``i`` is: its own :data:`BLOCK_FEATURES`, the same features of the block
before (``p1_…``) and after (``n1_…``), then :data:`PAGE_FEATURES` (windows, position, repetition,
menu runs, the longest run of prose, topic cohesion), computed from a :class:`PageContext`.  A
stage-2 row adds :data:`STAGE2_FEATURES` (the stage-1 probabilities around the block).
:func:`stage1_names` and :func:`stage1_rows` walk the same layout, so names and values agree.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Sequence

from pipeline.segment.blocks import Surface, rule_score
from pipeline.segment.registry import Feature, FeatureSet

F = Feature

#: features of one block on its own (functions of its :class:`Surface`)
BLOCK_FEATURES = FeatureSet([
    F("log_chars", lambda f: math.log1p(f.n_chars)),
    F("log_len", lambda f: math.log1p(f.length)),
    F("stop", lambda f: f.stop),
    F("terminal", lambda f: float(f.terminal)),
    F("log_sent", lambda f: math.log1p(f.n_sent_punct)),
    F("log_commas", lambda f: math.log1p(f.n_commas)),
    F("list", lambda f: float(f.is_list)),
    F("caps", lambda f: f.caps),
    F("digits", lambda f: f.digits),
    F("url", lambda f: float(f.has_url)),
    F("handle", lambda f: float(f.has_handle)),
    F("seps", lambda f: min(f.n_seps, 5) / 5.0),
    F("common", lambda f: float(f.common)),
    F("dup", lambda f: float(f.dup > 1)),
    F("social", lambda f: float(f.social)),
    F("credit", lambda f: f.credit),
    F("date_only", lambda f: float(f.date_only)),
    F("has_date", lambda f: float(f.has_date)),
    F("byline", lambda f: float(f.byline)),
    F("colon_end", lambda f: float(f.colon_end)),
    F("rule", rule_score),
    F("tiny", lambda f: float(f.length < 4)),
    F("prose", lambda f: float(f.length >= 15 and f.stop >= 0.2)),
    F("label_colon", lambda f: float(f.label_colon)),
    F("credit_inline", lambda f: float(f.credit_inline)),
    F("question", lambda f: float(f.question)),
    F("short_nonsent", lambda f: float(f.n_words <= 6 and not f.terminal)),
    F("second_person", lambda f: f.second),
    F("ellipsis_end", lambda f: float(f.ellipsis)),
    F("contact", lambda f: float(f.contact)),
])

#: the neighbours whose block features a row repeats: (name prefix, offset)
NEIGHBOURS = (("", 0), ("p1_", -1), ("n1_", 1))


def _cumsum(values: Sequence[float]) -> list[float]:
    """Prefix sums, starting at 0.0 (``cum[j] - cum[i]`` sums ``values[i:j]``)."""
    cum = [0.0]
    for v in values:
        cum.append(cum[-1] + v)
    return cum


def _window(cum: list[float], values: Sequence[float], i: int, r: int) -> float:
    """Mean of ``values`` over the ``r`` blocks on each side of ``i``, block ``i`` left out."""
    n = len(values)
    lo, hi = max(0, i - r), min(n, i + r + 1)
    return (cum[hi] - cum[lo] - values[i]) / max(1, hi - lo - 1)


def _distance_to_flagged(flags: Sequence[bool]) -> list[float]:
    """For every position, the distance to the nearest flagged one (a large number when none)."""
    n = len(flags)
    dist = [float(n)] * n
    last = -10**9
    for i in range(n):
        if flags[i]:
            last = i
        dist[i] = float(i - last)
    last = 10**9
    for i in range(n - 1, -1, -1):
        if flags[i]:
            last = i
        dist[i] = min(dist[i], float(last - i))
    return dist


def _run_lengths(flags: Sequence[float]) -> list[float]:
    """For every position, the length of the run of consecutive flagged positions it is in (0 outside)."""
    n = len(flags)
    out = [0.0] * n
    i = 0
    while i < n:
        if not flags[i]:
            i += 1
            continue
        j = i
        while j + 1 < n and flags[j + 1]:
            j += 1
        for k in range(i, j + 1):
            out[k] = float(j - i + 1)
        i = j + 1
    return out


def _longest_prose_run(feats: list[Surface], good: list[float]) -> tuple[float, tuple[int, int] | None]:
    """The run of good blocks (gaps of up to 2 other blocks allowed) with the most words: (words, span)."""
    n = len(feats)
    best, best_span = 0.0, None
    i = 0
    while i < n:
        if not good[i]:
            i += 1
            continue
        j, k, w = i, i, 0.0
        while k < n:
            if good[k]:
                w += feats[k].length
                j = k
                k += 1
            elif k + 1 < n and good[k + 1]:
                k += 1
            elif k + 2 < n and good[k + 2]:
                k += 2
            else:
                break
        if w > best:
            best, best_span = w, (i, j)
        i = j + 1
    return best, best_span


class PageContext:
    """Per-page sums, runs and spans that the page features of every block read (computed once)."""

    def __init__(self, feats: list[Surface]):
        n = self.n = len(feats)
        self.feats = feats
        prior = self.prior = [rule_score(f) for f in feats]
        good = self.good = [1.0 if p >= 0.8 else 0.0 for p in prior]
        self.cum_good = _cumsum(good)
        self.total_good = self.cum_good[-1]
        self.first_good = next((i for i, g in enumerate(good) if g), n)
        self.last_good = max((i for i, g in enumerate(good) if g), default=-1)
        self.dist_good = _distance_to_flagged(good)
        short = [1.0 if f.n_words <= 5 and not f.terminal else 0.0 for f in feats]
        self.cum_len = _cumsum([math.log1p(f.length) for f in feats])
        self.cum_short = _cumsum(short)
        self.cum_seps = _cumsum([min(f.n_seps, 5) / 5.0 for f in feats])
        self.cum_list = _cumsum([float(f.is_list) for f in feats])
        self.cum_chars = _cumsum([f.n_chars for f in feats])
        self.total_chars = max(1.0, self.cum_chars[-1])
        self.short_run = _run_lengths(short)
        self.list_run = _run_lengths([float(f.is_list) for f in feats])
        self.best, self.best_span = _longest_prose_run(feats, good)
        self.total_len = sum(f.length for f in feats) or 1.0
        self.run_place = [self._run_place(i) for i in range(n)]
        self.first_pos: dict[str, int] = {}
        self.last_pos: dict[str, int] = {}
        for i, f in enumerate(feats):
            if f.key:
                self.first_pos.setdefault(f.key, i)
                self.last_pos[f.key] = i
        self._cohesion()

    def _cohesion(self) -> None:
        """Topic cohesion: how many of a block's content words recur in the page's prose (other blocks)."""
        span = self.best_span
        in_run = [span is not None and span[0] <= i <= span[1] for i in range(self.n)]
        df_good: Counter[str] = Counter()
        df_run: Counter[str] = Counter()
        for i, f in enumerate(self.feats):
            if self.good[i]:
                df_good.update(f.stems)
                if in_run[i]:
                    df_run.update(f.stems)
        self.coh_good, self.coh_run = [], []
        for i, f in enumerate(self.feats):
            own = 1 if self.good[i] else 0
            own_run = 1 if self.good[i] and in_run[i] else 0
            self.coh_good.append(sum(1 for t in f.stems if df_good[t] > own))
            self.coh_run.append(sum(1 for t in f.stems if df_run[t] > own_run))

    def mean5(self, cum: list[float], i: int) -> float:
        """Mean of a per-block value over blocks i-5 … i+5 (block i included), from its prefix sums."""
        lo, hi = max(0, i - 5), min(self.n, i + 6)
        return (cum[hi] - cum[lo]) / max(1, hi - lo)

    def _run_place(self, i: int) -> tuple[float, float, float, float]:
        """(inside, before, after, distance) of block ``i`` relative to the longest run of prose."""
        if self.best_span is None:
            return 0.0, 0.0, 0.0, float(self.n)
        a, b = self.best_span
        return float(a <= i <= b), float(i < a), float(i > b), float(max(0, a - i, i - b))

    def dup_far(self, i: int) -> float:
        """1.0 when the block's line recurs more than 5 blocks away in the page."""
        f = self.feats[i]
        if f.key and f.dup > 1:
            return float(self.last_pos[f.key] - self.first_pos[f.key] > 5)
        return 0.0


def _prior_at(c: PageContext, j: int) -> float:
    return c.prior[j] if 0 <= j < c.n else 0.0


#: features of a block's place in its page (functions of the :class:`PageContext` and the index)
PAGE_FEATURES = FeatureSet([
    F("p2_rule", lambda c, i: _prior_at(c, i - 2)),
    F("n2_rule", lambda c, i: _prior_at(c, i + 2)),
    F("win3_good", lambda c, i: _window(c.cum_good, c.good, i, 3)),
    F("win8_good", lambda c, i: _window(c.cum_good, c.good, i, 8)),
    F("log_dist_good", lambda c, i: math.log1p(min(c.dist_good[i], 50.0))),
    F("inside_good_span", lambda c, i: float(c.first_good <= i <= c.last_good)),
    F("rel_pos", lambda c, i: i / max(1, c.n - 1)),
    F("doc_good_share", lambda c, i: c.total_good / max(1, c.n)),
    F("before_first_good", lambda c, i: float(i < c.first_good)),
    F("after_last_good", lambda c, i: float(i > c.last_good)),
    F("log_n_blocks", lambda c, i: math.log1p(c.n)),
    F("p3_rule", lambda c, i: _prior_at(c, i - 3)),
    F("n3_rule", lambda c, i: _prior_at(c, i + 3)),
    F("win20_good", lambda c, i: _window(c.cum_good, c.good, i, 20)),
    F("win5_len", lambda c, i: c.mean5(c.cum_len, i)),
    F("win5_short", lambda c, i: c.mean5(c.cum_short, i)),
    F("short_run", lambda c, i: math.log1p(c.short_run[i])),
    F("log_dup", lambda c, i: math.log1p(min(c.feats[i].dup, 20) - 1)),
    F("dup_far", lambda c, i: c.dup_far(i)),
    F("prose_run_in", lambda c, i: c.run_place[i][0]),
    F("prose_run_before", lambda c, i: c.run_place[i][1]),
    F("prose_run_after", lambda c, i: c.run_place[i][2]),
    F("log_dist_prose_run", lambda c, i: math.log1p(min(c.run_place[i][3], 50.0))),
    F("prose_run_share", lambda c, i: c.best / c.total_len),
    F("char_pos", lambda c, i: c.cum_chars[i] / c.total_chars),
    F("char_share", lambda c, i: c.feats[i].n_chars / c.total_chars),
    F("win5_seps", lambda c, i: c.mean5(c.cum_seps, i)),
    F("list_run", lambda c, i: math.log1p(c.list_run[i])),
    F("win5_list", lambda c, i: c.mean5(c.cum_list, i)),
    F("coh_good", lambda c, i: c.coh_good[i] / max(1, len(c.feats[i].stems))),
    F("coh_run", lambda c, i: c.coh_run[i] / max(1, len(c.feats[i].stems))),
    F("log_coh_n", lambda c, i: math.log1p(c.coh_good[i])),
    F("log_stems", lambda c, i: math.log1p(len(c.feats[i].stems))),
])


def stage1_names() -> list[str]:
    """Names of the stage-1 row, in order (the same layout :func:`stage1_rows` fills)."""
    names = [prefix + name for prefix, _offset in NEIGHBOURS for name in BLOCK_FEATURES.names]
    return names + PAGE_FEATURES.names


def stage1_rows(feats: list[Surface]) -> list[list[float]]:
    """One stage-1 row per block: own and neighbours' block features, then the page features."""
    n = len(feats)
    own = BLOCK_FEATURES.rows(feats)
    pad = [0.0] * len(BLOCK_FEATURES)
    context = PageContext(feats)
    page = PAGE_FEATURES.rows([context] * n, range(n))
    rows = []
    for i in range(n):
        row: list[float] = []
        for _prefix, offset in NEIGHBOURS:
            j = i + offset
            row += own[j] if 0 <= j < n else pad
        row += page[i]
        rows.append(row)
    return rows


class Stage1Context:
    """The stage-1 probabilities of a page's blocks, with the sums and spans the stage-2 features read."""

    def __init__(self, p1: Sequence[float]):
        n = self.n = len(p1)
        self.p1 = p1
        self.cum = _cumsum(p1)
        hi = [p >= 0.5 for p in p1]
        hi_idx = [i for i, h in enumerate(hi) if h]
        self.first_hi = hi_idx[0] if hi_idx else n
        self.last_hi = hi_idx[-1] if hi_idx else -1
        self.n_hi = len(hi_idx)
        self.dist = _distance_to_flagged(hi)
        self.hi_before = []
        run = 0
        for h in hi:
            self.hi_before.append(run)
            run += h

    def at(self, j: int) -> float:
        """Stage-1 probability of block ``j`` (0.0 outside the page)."""
        return self.p1[j] if 0 <= j < self.n else 0.0


#: features a stage-2 row adds to the stage-1 row (functions of the :class:`Stage1Context` and the index)
STAGE2_FEATURES = FeatureSet([
    F("s1", lambda c, i: c.p1[i]),
    F("s1_p1", lambda c, i: c.at(i - 1)),
    F("s1_n1", lambda c, i: c.at(i + 1)),
    F("s1_p2", lambda c, i: c.at(i - 2)),
    F("s1_n2", lambda c, i: c.at(i + 2)),
    F("s1_p3", lambda c, i: c.at(i - 3)),
    F("s1_n3", lambda c, i: c.at(i + 3)),
    F("s1_win5", lambda c, i: _window(c.cum, c.p1, i, 5)),
    F("s1_nbr_max", lambda c, i: max(c.at(i - 1), c.at(i + 1))),
    F("s1_nbr_min", lambda c, i: min(c.at(i - 1), c.at(i + 1))),
    F("s1_inside", lambda c, i: float(c.first_hi <= i <= c.last_hi)),
    F("s1_hi_before", lambda c, i: c.hi_before[i] / max(1, c.n_hi)),
    F("s1_log_dist_hi", lambda c, i: math.log1p(min(c.dist[i], 50.0))),
    F("s1_doc_share", lambda c, i: c.n_hi / max(1, c.n)),
])


def stage2_columns(p1: Sequence[float]) -> list[list[float]]:
    """What a second-stage row adds to each block's first-stage row: :data:`STAGE2_FEATURES`."""
    context = Stage1Context(p1)
    return STAGE2_FEATURES.rows([context] * len(p1), range(len(p1)))


def stage2_rows(rows: list[list[float]], p1: Sequence[float]) -> list[list[float]]:
    """Second-stage rows: first-stage rows plus the first-stage probabilities around each block."""
    context = Stage1Context(p1)
    return [row + STAGE2_FEATURES.values(context, i) for i, row in enumerate(rows)]
