"""The author: names after by-words and labels, name-like lines, names next to dates; chosen by a ranker or a hand-set score.

Candidates come from two kinds of finder.  The hand-scored ones (:func:`scored_candidates`: a
by-word line, a by-word inside a meta line, a name-like line near the story's start, a name next
to a date) are what chooses without a ranker.  The ranker also sees unscored ones
(:func:`more_candidates`: any short name-like line, a name after a label, a handle after a
by-word, pieces of date lines).  :data:`AUTHOR_FEATURES` describes every candidate.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from pipeline.segment.blocks import CJK_RE, TOKEN_RE, Surface
from pipeline.segment.dates import DIGIT_RE, TIME_RE, find_dates
from pipeline.segment.draft import AuthorPick, Draft
from pipeline.segment.meta.ranker import rank
from pipeline.segment.names import BY_PREFIX_RE, NAME_TOKEN_RE, find_byline, find_inner_byline, name_like
from pipeline.segment.registry import Feature, FeatureSet, clip, mostly_upper, signed_log_distance
from pipeline.lexicon.calendar_words import MONTHS_ANY_LANGUAGE as MONTHS
from pipeline.lexicon.function_words import PROSE_FUNCTION_WORDS as STOPWORDS
from pipeline.segment.words import BY_WORDS, UI_WORDS

_PARTICLE_NAME_RE = re.compile(
    r"^[A-ZÀ-ÖØ-Þ][\w'’\-]+(?:\s+(?:De|Da|Del|Di|Van|Von|Le|La|Du|Dos|Das)\s+[A-ZÀ-ÖØ-Þ][\w'’\-]+)(?:\s+[A-ZÀ-ÖØ-Þ][\w'’\-]+)?$"
)
#: a line that is only a label for the author ("Von:", "Redaktion")
_AUTHOR_LABEL_RE = re.compile(r"^(?:" + BY_WORDS + r"|redaktion|editor|verfasser(?:in)?|geschrieben|posted)\s*:?$", re.IGNORECASE)
#: a label and a colon anywhere in a block ("… Text & Fotos: Name", "编辑：名")
_INLINE_LABEL_RE = re.compile(
    r"(?:^|(?<=[\s|•·:(\d]))(?:" + BY_WORDS + r"|redaktion|editor|verfasser(?:in)?|quelle|source|fuente|"
    r"责任编辑|编辑|作者|记者)\s*[:：]\s*",
    re.IGNORECASE,
)
#: a by-word glued to the name by the text rendering ("Geschrieben vonName")
_GLUED_BY_RE = re.compile(r"(?:^|(?<=\s))(?:von|by|par|por)(?=[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ])")
_PIECE_END_RE = re.compile(r"\s*(?:[|•·,;()\[\]]|\s[-–—]\s|\s\d|$)")
_CJK_NAME_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]{1,8}")
_HANDLE_PIECE_RE = re.compile(r"[\w.@/\-]{2,40}")
_HANDLE_WORD_RE = re.compile(r"[\w.\-]{3,25}")
_DATE_LINE_SEP_RE = re.compile(r"\s*[|·•,/]\s*|\s[-–—]\s")
_CUT_RE = re.compile(r"\s*(?:[|·•,/]|\s[-–—]\s|\bum\b|\bat\b|\bUhr\b)\s*")
_HANDLE_TOKEN_RE = re.compile(r"[\w.\-]{3,25}")
_SKIPPED_KINDS = ("credit", "caption", "embed", "title")


def ui_share(s: str) -> float:
    """Share of the words of ``s`` that are page-furniture words ("Latest Posts", "Don't Miss")."""
    toks = [t.strip(".,:;!?'’\"()").lower() for t in s.split()]
    toks = [t for t in toks if t]
    return sum(1 for t in toks if t in UI_WORDS or t.rstrip("'’s") in UI_WORDS or t.replace("’", "'") in ("don't",)) / max(1, len(toks))


def _plain_word(w: str) -> bool:
    """Not a function word and not a month name."""
    return w.lower() not in STOPWORDS and w.lower() not in MONTHS


def lead_name(s: str, start: int) -> tuple[int, int] | None:
    """Span of the name that starts at ``start`` in ``s``: its leading capitalised tokens (at most
    four), or one handle-like token ("det/dpa", "site.com Redaktion" → "site.com"), or CJK text."""
    rest = s[start : start + 120]
    lead = len(rest) - len(rest.lstrip(" *•·-–—:："))
    a = start + lead
    rest = s[a : a + 120]
    if not rest:
        return None
    if CJK_RE.match(rest):
        m = _CJK_NAME_RE.match(rest)
        return (a, a + m.end()) if m else None
    end = _PIECE_END_RE.search(rest).start()
    piece = rest[:end]
    toks = []
    for t in piece.split()[:4]:
        if NAME_TOKEN_RE.match(t.rstrip(".,:")) and t.lower() not in ("am", "on", "vom", "um", "at"):
            toks.append(t)
        else:
            break
    while toks and not toks[-1][:1].isupper():
        toks.pop()
    if toks:
        pos = piece.find(toks[-1]) + len(toks[-1].rstrip(".,:")) if len(toks) > 1 else len(toks[0].rstrip(".,:"))
        return (a, a + pos) if pos > 1 else None
    m = _HANDLE_PIECE_RE.match(piece)
    if m and not m.group().isdigit() and _plain_word(m.group()):
        return a, a + len(m.group().rstrip(".-/"))
    return None


# ------------------------------------------------------------------ hand-scored candidates


def _name_beside_date(st: str) -> tuple[int, int] | None:
    """"date - Name" / "Name | date": the span of the first name-like piece that is no date."""
    for piece in _DATE_LINE_SEP_RE.split(st):
        piece = piece.strip()
        if len(piece.split()) >= 2 and name_like(piece) and not find_dates(piece, 0):
            if any(w.lower().strip(".") in MONTHS for w in piece.split()):
                continue
            ps = st.find(piece)
            return ps, ps + len(piece)
    return None


def _scored_candidate(d: Draft, i: int, lo_r: int, hi_r: int) -> AuthorPick | None:
    """The hand-scored author candidate of block ``i``, if any (by-word, inner by-word, name line, name by a date)."""
    f, st, anchor = d.feats[i], d.strs[i], d.anchor
    dist = abs(i - anchor)
    out_dist = max(0, lo_r - i, i - hi_r)
    near_date = f.has_date or any(0 <= j < d.n and (d.kinds[j] == "dateline" or d.feats[j].date_only) for j in (i - 1, i + 1))
    sp = find_byline(st) if f.n_words <= 25 else None
    if sp:
        return AuthorPick(5.0 - 0.1 * min(dist, 30) + (0.5 if near_date else 0.0), i, sp, "by_word")
    sp = find_inner_byline(st) if (f.has_date or f.n_words <= 12) else None
    if sp:
        return AuthorPick(4.0 - 0.1 * min(dist, 30) + (0.5 if near_date else 0.0), i, sp, "by_word_inner")
    after_title = d.title is None or i > d.title
    if name_like(st) and len(st.split()) >= 2 and f.dup <= 3 and not f.is_list and out_dist <= 8 and (
        after_title or near_date
    ):
        sc = 2.0 - 0.1 * min(dist, 20) + (1.0 if near_date else 0.0) - 0.1 * out_dist
        if d.title is not None and 0 < i - d.title <= 3:
            sc += 0.8
        return AuthorPick(sc, i, (0, len(st)), "name_line")
    if f.has_date and f.length <= 16 and out_dist <= 10:
        sp = _name_beside_date(st)
        if sp:
            return AuthorPick(2.5 - 0.1 * min(dist, 20), i, sp, "name_by_date")
    return None


def scored_candidates(d: Draft) -> list[AuthorPick]:
    """Author candidates with a hand-set score, from blocks that are short and not body prose."""
    anchor = d.anchor
    lo_r = d.region[0] if d.region else anchor
    hi_r = d.region[1] if d.region else anchor
    out = []
    for i in range(d.n):
        f = d.feats[i]
        if f.n_words > 30 or (d.kinds[i] == "body" and f.length > 25) or f.common:
            continue
        if d.kinds[i] in _SKIPPED_KINDS or f.credit_inline:
            continue
        c = _scored_candidate(d, i, lo_r, hi_r)
        if c is not None:
            out.append(c)
    return out


# ------------------------------------------------------------------ unscored candidates (the ranker's)


def _whole_line_name(d: Draft, i: int, a0: int) -> AuthorPick | None:
    """The whole line as a name: after a label line, or name-like, or a particle name, or one capitalised word."""
    st, f = d.strs[i], d.feats[i]
    name = st[a0:]
    if f.n_words <= 6 and i > 0 and _AUTHOR_LABEL_RE.match(d.strs[i - 1].strip(" *•·-–—|")) and name_like(name):
        return AuthorPick(0.0, i, (a0, len(st)), "after_label")
    if f.n_words <= 5 and name_like(name) and len(name.split()) >= 2:
        return AuthorPick(-10.0, i, (a0, len(st)), "name_any")
    if f.n_words <= 5 and _PARTICLE_NAME_RE.match(name):
        return AuthorPick(-10.0, i, (a0, len(st)), "name_any")
    if f.n_words == 1 and 3 <= len(st) - a0 <= 25 and st[a0:a0 + 1].isupper() and name.isalpha() and _plain_word(name):
        return AuthorPick(-10.0, i, (a0, len(st)), "name_any")
    return None


def _names_after_words(d: Draft, i: int, a0: int) -> list[AuthorPick]:
    """A handle after a by-word ("By jdoe"), names after a label and colon, names glued to a by-word."""
    st, f = d.strs[i], d.feats[i]
    out = []
    m = BY_PREFIX_RE.match(st[a0:a0 + 60])
    if m and f.n_words <= 8:
        um = _HANDLE_TOKEN_RE.match(st[a0 + m.end():])
        if um and not um.group().isdigit():
            out.append(AuthorPick(-10.0, i, (a0 + m.end(), a0 + m.end() + um.end()), "by_word"))
    for lm in list(_INLINE_LABEL_RE.finditer(st[:300]))[:3]:
        sp = lead_name(st, lm.end())
        if sp:
            out.append(AuthorPick(0.0, i, sp, "after_label"))
    for gm in list(_GLUED_BY_RE.finditer(st[:300]))[:2]:
        sp = lead_name(st, gm.end())
        if sp and sp[1] - sp[0] >= 3:
            out.append(AuthorPick(-10.0, i, sp, "by_word"))
    return out


def _date_line_pieces(d: Draft, i: int) -> list[AuthorPick]:
    """Names among the pieces of a line cut at its dates, times and separators ("Name 19.10.2019, 05:00")."""
    st = d.strs[i]
    cuts = [(m.start(), m.end()) for m in TIME_RE.finditer(st)]
    cuts += [(ds, de) for ds, de, _, _ in find_dates(st[:300], 0)]
    cuts += [(m.start(), m.end()) for m in _CUT_RE.finditer(st)]
    cuts.sort()
    out = []
    pos = 0
    for ca, cb in cuts + [(len(st), len(st))]:
        if ca > pos:
            piece = st[pos:ca]
            a = pos + len(piece) - len(piece.lstrip(" *•·+-–—:"))
            b = pos + len(piece.rstrip(" .:;-–—"))
            name = st[a:b]
            toks = name.split()
            if 1 <= len(toks) <= 4 and (name_like(name) or (
                    len(toks) == 1 and _HANDLE_WORD_RE.fullmatch(name) and not name.isdigit() and _plain_word(name))):
                out.append(AuthorPick(-10.0, i, (a, b), "date_piece"))
            elif len(toks) >= 2:
                # "by Name", "Name Write a comment": the leading name of a longer piece
                bm = BY_PREFIX_RE.match(name)
                sp = lead_name(st, a + (bm.end() if bm else 0))
                if sp and len(st[sp[0]:sp[1]].split()) >= 2 and name_like(st[sp[0]:sp[1]]):
                    out.append(AuthorPick(-10.0, i, sp, "by_word" if bm else "date_piece"))
        pos = max(pos, cb)
    return out


def more_candidates(d: Draft) -> list[AuthorPick]:
    """Author candidates without a hand-set score (only a ranker chooses among them)."""
    out: list[AuthorPick] = []
    for i in range(d.n):
        f = d.feats[i]
        if f.n_words > 25 or d.kinds[i] in _SKIPPED_KINDS or f.n_chars > 200:
            continue
        st = d.strs[i]
        a0 = len(st) - len(st.lstrip("*•·+-–—>» "))
        whole = _whole_line_name(d, i, a0)
        if whole is not None:
            out.append(whole)
            continue
        out += _names_after_words(d, i, a0)
        if f.has_date or TIME_RE.search(st):
            out += _date_line_pieces(d, i)
    return out


# ------------------------------------------------------------------ features


@dataclass
class PageWords:
    """What author features compare a name with: the page's main region, its words, name counts."""

    lo: int
    hi: int
    lower_words: set[str]  # words written in lower case somewhere on the page
    body_words: Counter  # words of the body blocks
    name_count: Counter  # in how many short blocks each candidate name occurs
    short: list[str]  # the page's blocks under 300 characters

    @classmethod
    def of(cls, d: Draft) -> PageWords:
        lo = d.region[0] if d.region else (d.first_body or 0)
        hi = d.region[1] if d.region else (d.first_body or 0)
        lower_words: set[str] = set()
        body_words: Counter[str] = Counter()
        total = 0
        for s_, k_ in zip(d.strs, d.kinds):
            if total > 40000:
                break
            total += len(s_)
            ws = TOKEN_RE.findall(s_[:3000])
            lower_words.update(w for w in ws if w[:1].islower())
            if k_ == "body":
                body_words.update(ws)
        return cls(lo, hi, lower_words, body_words, Counter(), [s for s in d.strs if len(s) < 300])

    def count(self, d: Draft, name: str) -> int:
        """In how many short blocks (under 300 characters) ``name`` occurs (1 for names under 4 characters)."""
        if name not in self.name_count:
            self.name_count[name] = sum(1 for s in self.short if name in s) if len(name) >= 4 else 1
        return self.name_count[name]


@dataclass
class AuthorCandidate:
    """One author candidate with what its features read."""

    pick: AuthorPick
    d: Draft
    w: PageWords
    name: str
    toks: list[str]

    @property
    def i(self) -> int:
        return self.pick.block

    @property
    def f(self) -> Surface:
        return self.d.feats[self.pick.block]

    def is_rule(self, rule: str) -> float:
        return float(self.pick.rule == rule)

    def kind_in(self, *kinds: str) -> float:
        return float(self.d.kinds[self.i] in kinds)

    def token_share(self, test) -> float:
        return sum(1 for t in self.toks if test(t)) / max(1, len(self.toks))


def _near_dateline(c: AuthorCandidate) -> float:
    d, i = c.d, c.i
    return float(any(0 <= j < d.n and (d.kinds[j] == "dateline" or d.feats[j].date_only) for j in (i - 1, i + 1)))


F = Feature
#: the author ranker's features, one line each (the values of one :class:`AuthorCandidate`)
AUTHOR_FEATURES = FeatureSet([
    F("name_any", lambda c: c.is_rule("name_any")),
    F("date_piece", lambda c: c.is_rule("date_piece")),
    F("lower_tok", lambda c: float(c.name[:1].islower())),
    F("by_word", lambda c: c.is_rule("by_word")),
    F("by_inner", lambda c: c.is_rule("by_word_inner")),
    F("name_line", lambda c: c.is_rule("name_line")),
    F("name_piece", lambda c: c.is_rule("name_by_date")),
    F("after_label", lambda c: c.is_rule("after_label")),
    F("hscore", lambda c: clip(c.pick.score, -2.0, 7.0)),
    F("d_body", lambda c: signed_log_distance(c.i, c.d.first_body)),
    F("out_dist", lambda c: math.log1p(max(0, c.w.lo - c.i, c.i - c.w.hi))),
    F("near_date", _near_dateline),
    F("has_date", lambda c: float(c.f.has_date)),
    F("log_words", lambda c: math.log1p(c.f.n_words)),
    F("span_tokens", lambda c: len(c.toks) / 4.0),
    F("span_frac", lambda c: (c.pick.span[1] - c.pick.span[0]) / max(1, len(c.d.strs[c.i]))),
    F("log_dup", lambda c: math.log(max(1, c.f.dup))),
    F("common", lambda c: float(c.f.common)),
    F("kind_body", lambda c: c.kind_in("body")),
    F("kind_bp", lambda c: c.kind_in("boilerplate")),
    F("kind_by", lambda c: c.kind_in("byline", "dateline")),
    F("p", lambda c: c.d.probs[c.i]),
    F("rel_pos", lambda c: c.i / max(1, c.d.n - 1)),
    F("list", lambda c: float(c.f.is_list)),
    F("prev_label", lambda c: float(c.i > 0 and bool(_AUTHOR_LABEL_RE.match(c.d.strs[c.i - 1].strip(" *•·-–—|"))))),
    F("d_title", lambda c: signed_log_distance(c.i, c.d.title)),
    F("after_title", lambda c: float(c.d.title is not None and c.i > c.d.title)),
    F("log_elsewhere", lambda c: math.log(max(1, c.w.count(c.d, c.name)))),
    F("tail", lambda c: float(c.i > c.w.hi)),
    F("caps", lambda c: c.f.caps),
    F("n_tok1", lambda c: float(len(c.toks) == 1)),
    F("has_dot_tok", lambda c: float(any(t.endswith(".") for t in c.toks))),
    F("upper", lambda c: mostly_upper(c.name)),
    F("has_digit", lambda c: float(bool(DIGIT_RE.search(c.name)))),
    F("log_body_mentions", lambda c: math.log1p(c.w.body_words.get(c.toks[-1] if c.toks else "", 0))),
    F("lower_elsewhere", lambda c: c.token_share(lambda t: t.lower() in c.w.lower_words)),
    F("cap_share", lambda c: c.token_share(lambda t: t[:1].isupper())),
    F("in_long_block", lambda c: float(c.f.n_words > 8)),
    F("name_like", lambda c: float(name_like(c.name))),
    F("prose_block", lambda c: float(c.f.terminal and c.f.n_words > 12)),
    F("has_letter", lambda c: float(sum(ch.isalpha() for ch in c.name) >= 2)),
    F("ui_share", lambda c: ui_share(c.name)),
])


def author_candidates(d: Draft, scored: list[AuthorPick]) -> list[tuple[AuthorPick, list[float]]]:
    """(payload, feature row) for every author candidate, hand-scored (``scored``) and other,
    without whole-line names made of page-furniture words and without repeats."""
    def furniture(c: AuthorPick) -> bool:
        a, b = c.span
        return c.rule in ("name_line", "name_any", "after_label") and ui_share(d.strs[c.block][a:b]) > 0

    words = PageWords.of(d)
    seen = set()
    out = []
    for c in scored + more_candidates(d):
        if furniture(c) or (c.block, *c.span) in seen:
            continue
        seen.add((c.block, *c.span))
        name = d.strs[c.block][c.span[0]:c.span[1]]
        out.append((c, AUTHOR_FEATURES.values(AuthorCandidate(c, d, words, name, name.split()))))
    return out


def pick_author(d: Draft) -> None:
    """Choose the author (ranker, else the best hand-set score)."""
    scored = scored_candidates(d)
    cands = author_candidates(d, scored)
    if d.collect is not None:
        d.collect["author"] = [(d.strs[pl.block][pl.span[0]:pl.span[1]], row) for pl, row in cands]
    used, pick = rank(cands, "author", AUTHOR_FEATURES)
    if used:
        chosen = [pick] if pick is not None else []
    else:
        chosen = [c for c in scored if c.score > -5]
    if chosen:
        chosen.sort(key=lambda c: -c.score)
        d.author = chosen[0]
