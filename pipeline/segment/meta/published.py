"""The publication date: day-precision dates outside embeds, captions and credits, chosen by a ranker or a hand-set score."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from pipeline.segment.blocks import Surface
from pipeline.segment.draft import DatePick, Draft
from pipeline.segment.meta.ranker import rank
from pipeline.segment.names import find_inner_byline
from pipeline.segment.registry import Feature, FeatureSet, signed_log_distance
from pipeline.lexicon.function_words import COMMON_ENGLISH_WORDS as EN_WORDS

_PUBLISHED_LABEL_RE = re.compile(
    r"(publi|posted|veröffentlicht|erschienen|datum|date|stand\b|erstellt|créé|pubblicato|"
    r"publicado|opublikowano|geplaatst|\bam\b|\bon\b|\bvom\b|\ble\b|\bel\b)",
    re.IGNORECASE,
)
_UPDATED_LABEL_RE = re.compile(
    r"(updated|aktualisiert|geändert|modified|mis à jour|actualizado|aggiornato|zuletzt|last)",
    re.IGNORECASE,
)
_SLASH_AMB_RE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2,4})")
_COPY_RE = re.compile(r"©|copyright|\(c\)", re.IGNORECASE)
_COMMENT_RE = re.compile(r"sagt|says|schreibt|antworten|reply|répondre|responder|comment|kommentar", re.IGNORECASE)
#: blocks whose dates are never the publication date
_NOT_DATE_KINDS = ("embed", "credit", "caption")


@dataclass
class DateCandidate:
    """One date that could be the publication date, with what its features read."""

    d: Draft
    i: int  # block
    start: int
    end: int
    value: datetime
    grain: str
    alt: float  # 1.0 for the day-first reading of an ambiguous "03/05/2022"
    rank: int  # order among the page's candidates
    next_is_alt: bool = False
    score: float = 0.0  # the hand-set score (:func:`date_score`)
    pub: bool = False  # a "published" label just before it
    upd: bool = False  # an "updated" label just before it
    upd_prev: bool = False  # the block before is a short "updated" label

    @property
    def f(self) -> Surface:
        return self.d.feats[self.i]


@dataclass
class PageDates:
    """What date features compare a candidate with: all the page's candidate days, and its language."""

    count: Counter
    latest: date
    earliest: date
    en_share: float  # share of very common English words on the page


def date_score(c: DateCandidate) -> None:
    """The hand-set score of a date as the publication date: near the story's start, in a short
    line, after a "published" label, not after an "updated" one; sets ``score`` and the labels."""
    d, i, f = c.d, c.i, c.f
    anchor = d.anchor
    sc = 3.0 - min(abs(i - anchor), 30) * 0.1 - (0.3 if i < anchor else 0.0)
    if f.date_only or f.length <= 12:
        sc += 1.0
    elif f.length > 40:
        sc -= 1.5
    if d.kinds[i] == "body" and f.length > 25:
        sc -= 1.0
    ctx = d.page.text[max(d.page.spans[i][0], c.start - 30) : c.start]
    c.pub = bool(_PUBLISHED_LABEL_RE.search(ctx))
    c.upd = bool(_UPDATED_LABEL_RE.search(ctx))
    c.upd_prev = i > 0 and bool(_UPDATED_LABEL_RE.search(d.strs[i - 1][-30:])) and d.feats[i - 1].length <= 3
    sc += 0.5 * c.pub - 0.8 * c.upd - 0.8 * c.upd_prev - 0.5 * f.common
    if c.grain == "month":
        sc -= 1.0
    c.score = sc


def _comment_context(d: Draft, i: int) -> float:
    """1.0 when the block or a neighbour reads like a comment ("says", "reply", "Kommentar")."""
    return float(bool(_COMMENT_RE.search(d.strs[i][:200]))
                 or any(bool(_COMMENT_RE.search(d.strs[j][:80])) for j in (i - 1, i + 1) if 0 <= j < d.n))


F = Feature
#: the date ranker's features, one line each (the values of one :class:`DateCandidate` on its page)
DATE_FEATURES = FeatureSet([
    F("hscore", lambda c, p: c.score),
    F("d_body", lambda c, p: signed_log_distance(c.i, c.d.first_body)),
    F("before_body", lambda c, p: float(c.d.first_body is not None and c.i < c.d.first_body)),
    F("rel_pos", lambda c, p: c.i / max(1, c.d.n - 1)),
    F("date_only", lambda c, p: float(c.f.date_only)),
    F("log_len", lambda c, p: math.log1p(c.f.length)),
    F("long_body", lambda c, p: float(c.d.kinds[c.i] == "body" and c.f.length > 25)),
    F("pub_label", lambda c, p: float(c.pub)),
    F("upd_label", lambda c, p: float(c.upd)),
    F("upd_prev", lambda c, p: float(c.upd_prev)),
    F("minute", lambda c, p: float(c.grain == "minute")),
    F("common", lambda c, p: float(c.f.common)),
    F("log_rank", lambda c, p: math.log1p(c.rank)),
    F("is_first", lambda c, p: float(c.rank == 0)),
    F("same_count", lambda c, p: math.log(p.count[c.value.date()])),
    F("is_max", lambda c, p: float(c.value.date() == p.latest)),
    F("is_min", lambda c, p: float(c.value.date() == p.earliest)),
    F("log_days_from_max", lambda c, p: math.log1p((p.latest - c.value.date()).days) / 5.0),
    F("byline_near", lambda c, p: float(any(c.d.feats[j].byline for j in range(max(0, c.i - 2), min(c.d.n, c.i + 3))))),
    F("title_near", lambda c, p: float(c.d.title is not None and abs(c.i - c.d.title) <= 3)),
    F("p", lambda c, p: c.d.probs[c.i]),
    F("pos_in_block", lambda c, p: (c.start - c.d.page.spans[c.i][0]) / max(1, c.d.page.spans[c.i][1] - c.d.page.spans[c.i][0])),
    F("copyright", lambda c, p: float(bool(_COPY_RE.search(c.d.strs[c.i][:200])))),
    F("future_rel", lambda c, p: signed_log_distance(c.i, c.d.title)),
    F("kind_body", lambda c, p: float(c.d.kinds[c.i] == "body")),
    F("kind_bp", lambda c, p: float(c.d.kinds[c.i] == "boilerplate")),
    F("has_by_in_block", lambda c, p: float(find_inner_byline(c.d.strs[c.i][:200]) is not None)),
    F("comment_ctx", lambda c, p: _comment_context(c.d, c.i)),
    F("year_only_ctx", lambda c, p: float(c.f.n_words <= 3)),
    F("slash_alt", lambda c, p: c.alt),
    F("slash_amb", lambda c, p: float(c.alt > 0 or c.next_is_alt)),
    F("en_page", lambda c, p: p.en_share * 10),
    F("alt_en", lambda c, p: c.alt * p.en_share * 10),
])


def _readings(d: Draft) -> list[DateCandidate]:
    """Every day-grain date of the page outside embeds/captions/credits (and the day-first reading
    of an ambiguous "03/05/2022" as a second candidate), scored by hand."""
    out: list[DateCandidate] = []
    for i in range(d.n):
        if not d.page.dates[i] or d.kinds[i] in _NOT_DATE_KINDS:
            continue
        for ds, de, dt, grain in d.page.dates[i][:3]:
            if grain == "month":
                continue
            out.append(DateCandidate(d, i, ds, de, dt, grain, 0.0, len(out)))
            m = _SLASH_AMB_RE.match(d.page.text, ds, de)
            if m and m.group(1) != m.group(2) and int(m.group(1)) <= 12 and int(m.group(2)) <= 12:
                try:  # 03/05/2022: day-first reading as a second candidate
                    out.append(DateCandidate(d, i, ds, de, dt.replace(month=dt.day, day=dt.month), grain, 1.0, len(out)))
                except ValueError:
                    pass
    for c, nxt in zip(out, out[1:]):
        c.next_is_alt = nxt.alt > 0
    for c in out:
        date_score(c)
    return out


def _english_share(strs: list[str]) -> float:
    """Share of very common English words among the first words of the page's blocks."""
    en = fr = 0
    for st in strs[:400]:
        for w in st[:500].lower().split()[:80]:
            fr += 1
            en += w in EN_WORDS
        if fr > 3000:
            break
    return en / max(1, fr)


def date_candidates(d: Draft) -> list[tuple[DatePick, list[float]]]:
    """(payload, feature row) for each day-grain date outside embeds/captions/credits."""
    cands = _readings(d)
    if not cands:
        return []
    days = [c.value.date() for c in cands]
    page = PageDates(Counter(days), max(days), min(days), _english_share(d.strs))
    return [(DatePick(c.score, c.i, c.start, c.end, c.value, c.grain), DATE_FEATURES.values(c, page)) for c in cands]


def heuristic_date(d: Draft) -> DatePick | None:
    """The date with the best hand-set score (month-grain dates allowed, at a penalty)."""
    best = None
    for i in range(d.n):
        if not d.page.dates[i] or d.kinds[i] in _NOT_DATE_KINDS:
            continue
        for ds, de, dt, grain in d.page.dates[i][:3]:
            c = DateCandidate(d, i, ds, de, dt, grain, 0.0, 0)
            date_score(c)
            if best is None or c.score > best.score:
                best = DatePick(c.score, i, ds, de, dt, grain)
    return best


def pick_published(d: Draft) -> None:
    """Choose the publication date (ranker, else the best hand-set score if positive)."""
    best = heuristic_date(d)
    cands = date_candidates(d)
    if d.collect is not None:
        d.collect["date"] = [(pick.value, row) for pick, row in cands]
    used, pick = rank(cands, "date", DATE_FEATURES)
    if used:
        best = pick
    if best is not None and (used or best.score > 0):
        d.published = best
