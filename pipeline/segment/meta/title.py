"""The headline: headline-like lines before the first main paragraph, chosen by a ranker or a hand-set score."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from pipeline.segment.blocks import Surface, content_tokens
from pipeline.segment.classifier import main_region
from pipeline.segment.draft import Draft
from pipeline.segment.meta.ranker import rank
from pipeline.segment.registry import Feature, FeatureSet, clip, mostly_upper, signed_log_distance

_SITE_SUFFIX_RE = re.compile(r"\s[|–—-]\s\S[^|–—-]{0,40}$")  # "Headline | Site", "Headline - Site"


def title_score(st: str, f: Surface) -> float:
    """How much a block looks like a headline, on its own."""
    if f.common or f.has_url or f.date_only or f.byline or f.credit >= 0.8 or f.is_list:
        return -1.0
    L = f.length
    if L < 2 or L > 30 or f.n_chars > 250:
        return -1.0
    sc = 1.0
    if 4 <= L <= 20:
        sc += 0.8
    elif L < 3:
        sc -= 0.5
    if st.endswith(".") and not st.endswith("..."):
        sc -= 0.8
    if f.colon_end:
        sc -= 1.0
    if f.n_seps >= 1:
        sc -= 0.5
    if f.n_sent_punct >= 2:
        sc -= 0.7
    if f.has_date:
        sc -= 0.7
    if f.credit_inline:
        sc -= 0.5
    return sc


def heuristic_title(strs: list[str], feats: list[Surface], kinds: list[str], first_body: int | None) -> int | None:
    """The headline by hand-set score: the best headline-like block shortly before the first main paragraph."""
    n = len(strs)
    if n == 0:
        return None
    if first_body is None:
        first_body = next((i for i in range(n) if kinds[i] == "body"), None)
    if first_body is None:
        return None
    best = None
    lo = max(0, first_body - 15)
    for i in range(lo, min(n, first_body + 3)):
        if kinds[i] not in ("body", "boilerplate") or (i >= first_body and feats[i].length > 25):
            continue
        sc = title_score(strs[i], feats[i])
        if sc <= 0:
            continue
        sc += 0.08 * min(feats[i].length, 10)
        sc -= 0.08 * abs(first_body - i) + (0.5 if i > first_body else 0.0)
        if 2 <= feats[i].dup <= 4:
            sc += 0.6
        if best is None or sc > best[0]:
            best = (sc, i)
    if best is None:
        return None
    key = feats[best[1]].key
    earliest = next((j for j in range(lo, best[1]) if key and feats[j].key == key and kinds[j] in ("body", "boilerplate")), best[1])
    return earliest


def body_tokens(strs: list[str], kinds: list[str]) -> Counter:
    """How many of the first 150 body blocks each content word occurs in."""
    c: Counter[str] = Counter()
    m = 0
    for s, k in zip(strs, kinds):
        if k == "body":
            c.update(content_tokens(s))
            m += 1
            if m >= 150:
                break
    return c


@dataclass
class TitleCandidate:
    """One line that could be the headline, with what its features read."""

    i: int
    st: str
    f: Surface
    d: Draft
    fb: int  # the first main paragraph
    toks: set[str]
    overlap: int  # of its content words, how many recur in the body
    first_toks: set[str]  # content words of the first main paragraph
    in_other: bool  # its text is part of a longer nearby block
    heuristic: int | None  # the hand-set choice
    rank: int  # 1 for the candidate nearest the body, counting upwards
    first_copy: bool = True  # the first candidate with this line key

    def prob(self, j: int) -> float:
        return self.d.probs[j] if 0 <= j < self.d.n else 0.0

    def kind_is(self, j: int, kind: str) -> float:
        return float(0 <= j < self.d.n and self.d.kinds[j] == kind)

    def meta_at(self, j: int) -> float:
        return float(0 <= j < self.d.n and (self.d.feats[j].has_date or self.d.feats[j].byline))


F = Feature
#: the title ranker's features, one line each (the values of one :class:`TitleCandidate`)
TITLE_FEATURES = FeatureSet([
    F("hscore", lambda c: clip(title_score(c.st, c.f), -1.0, 3.0)),
    F("log_len", lambda c: math.log1p(c.f.length)),
    F("log_chars", lambda c: math.log1p(c.f.n_chars)),
    F("stop", lambda c: c.f.stop),
    F("caps", lambda c: c.f.caps),
    F("digits", lambda c: c.f.digits),
    F("end_dot", lambda c: float(c.st.endswith(".") and not c.st.endswith("..."))),
    F("end_q", lambda c: float(c.f.question or c.st.endswith("!"))),
    F("colon_end", lambda c: float(c.f.colon_end)),
    F("colon_in", lambda c: float(":" in c.st[:-1])),
    F("seps", lambda c: min(c.f.n_seps, 3) / 3.0),
    F("list", lambda c: float(c.f.is_list)),
    F("common", lambda c: float(c.f.common)),
    F("log_dup", lambda c: math.log(max(1, c.f.dup))),
    F("has_date", lambda c: float(c.f.has_date)),
    F("byline", lambda c: float(c.f.byline)),
    F("credit", lambda c: c.f.credit),
    F("url", lambda c: float(c.f.has_url)),
    F("social", lambda c: float(c.f.social)),
    F("d_body", lambda c: signed_log_distance(c.i, c.fb)),
    F("before_body", lambda c: float(c.i < c.fb)),
    F("at_body", lambda c: float(c.i == c.fb)),
    F("rel_pos", lambda c: c.i / max(1, c.d.n - 1)),
    F("p", lambda c: c.d.probs[c.i]),
    F("p_next", lambda c: c.prob(c.i + 1)),
    F("p_prev", lambda c: c.prob(c.i - 1)),
    F("next_body", lambda c: c.kind_is(c.i + 1, "body")),
    F("prev_body", lambda c: c.kind_is(c.i - 1, "body")),
    F("overlap_body", lambda c: c.overlap / max(1, len(c.toks))),
    F("overlap_first", lambda c: len(c.toks & c.first_toks) / max(1, len(c.toks))),
    F("log_overlap_n", lambda c: math.log1p(c.overlap)),
    F("first_copy", lambda c: float(c.first_copy)),
    F("next_meta", lambda c: c.meta_at(c.i + 1)),
    F("prev_meta", lambda c: c.meta_at(c.i - 1)),
    F("in_other", lambda c: float(c.in_other)),
    F("heuristic_pick", lambda c: float(c.i == c.heuristic)),
    F("rank_from_body", lambda c: math.log1p(c.rank)),
    F("upper", lambda c: mostly_upper(c.st)),
    F("dash_site", lambda c: float(bool(_SITE_SUFFIX_RE.search(c.st)))),
])


def _in_longer_block(d: Draft, i: int) -> bool:
    """Whether the text of block ``i`` (12 characters or more) is part of a longer block nearby."""
    st, f = d.strs[i], d.feats[i]
    if f.n_chars < 12:
        return False
    feats, strs = d.feats, d.strs
    for j in range(max(0, i - 60), min(d.n, i + 60)):
        if j != i and feats[j].n_chars > f.n_chars and st in strs[j]:
            return True
    return False


def title_candidates(d: Draft, heuristic: int | None) -> list[tuple[int, list[float]]]:
    """(block index, feature row) for lines that could be the headline, in text order."""
    n = d.n
    if n == 0:
        return []
    kinds, feats = d.kinds, d.feats
    fb = d.first_body if d.first_body is not None else next((i for i in range(n) if kinds[i] == "body"), None)
    if fb is None:
        fb = min(n - 1, 5)
    lo, hi = max(0, fb - 40), min(n, fb + 6)
    first_toks = content_tokens(d.strs[fb]) if fb < n else set()
    body_tok = body_tokens(d.strs, kinds)
    cands: list[TitleCandidate] = []
    for i in range(hi - 1, lo - 1, -1):
        f = feats[i]
        if f.n_chars > 300 or f.length < 1 or kinds[i] in ("embed", "credit", "caption"):
            continue
        if i >= fb and f.length > 30:
            continue
        toks = content_tokens(d.strs[i])
        overlap = sum(1 for t in toks if body_tok.get(t, 0) > (1 if kinds[i] == "body" else 0))
        cands.append(TitleCandidate(i, d.strs[i], f, d, fb, toks, overlap, first_toks, _in_longer_block(d, i),
                                    heuristic, rank=len(cands) + 1))
    cands.reverse()
    seen: set[str] = set()
    for c in cands:
        c.first_copy = c.f.key not in seen
        seen.add(c.f.key)
    return [(c.i, TITLE_FEATURES.values(c)) for c in cands]


def find_first_body(d: Draft) -> None:
    """The main region of the page and its first body block (the story starts there)."""
    d.region = main_region(d.probs, d.main.threshold, d.feats)
    first_body = d.region[0] if d.region else None
    if first_body is not None and d.kinds[first_body] != "body":
        first_body = next((i for i in range(first_body, d.region[1] + 1) if d.kinds[i] == "body"), first_body)
    d.first_body = first_body


def pick_title(d: Draft) -> None:
    """Choose the headline (ranker, else hand-set score), type it ``title`` and its copies boilerplate."""
    title = heuristic_title(d.strs, d.feats, d.kinds, d.first_body)
    cands = title_candidates(d, title)
    if d.collect is not None:
        d.collect["title"] = [(d.strs[i], row) for i, row in cands]
    used, pick = rank(cands, "title", TITLE_FEATURES)
    rule = "title_position"
    if used:
        title, rule = pick, "title_ranker"
    d.title = title
    if title is None:
        return
    d.set(title, "title", 0.7, rule)
    key = d.feats[title].key
    for i in range(d.n):
        if i != title and d.feats[i].key == key and d.kinds[i] in ("body", "boilerplate"):
            d.set(i, "boilerplate", 0.8, "title_repeat")
