"""Layout rules: named rules that give a block its kind from how news pages are laid out, each with examples.

Two shapes of rule:

- :class:`LineRule`: a test on one block (its surface features, its text, the model's
  probability).  :data:`LINE_RULES` are tried in order after the main-text decision and the
  first that matches types the block (so ``common_line`` beats everything, ``prose_rules`` is the
  last resort).
- :class:`PageRule`: a pass over the whole page that reads the kinds given so far (runs of
  doubted prose between paragraphs, tweets before an embed tail, repeated captions, the lede
  after the title…).  :mod:`pipeline.segment.segmenter` says when each one runs.

Every rule names the ``rule`` value it writes into the ``segments`` table, its kind, examples
(texts in which the block marked ``▶`` must get this rule) and negative examples (the marked block
must not), and a ``genre`` when it serves one kind of page only.  ``tests/test_segment.py`` runs
every example through :func:`pipeline.segment.segment_text`.  To add a rule: write it here with
its examples, add it to :data:`LINE_RULES` or to the passes of the segmenter, run the tests and
the web evaluation.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Callable

from pipeline.segment.blocks import URL_RE
from pipeline.segment.dates import TIME_RE
from pipeline.segment.draft import Draft

#: the tail line of an embedded post ("— Ashton Kutcher (@aplusk) September 21, 2020")
EMBED_TAIL_RE = re.compile(r"^[—–-]\s*.{1,80}\(@\w{1,30}\)")

# paragraphs that example pages are built from
_HEAD = "Council approves the new river budget after a long debate"
_P1 = ("The council met on Tuesday evening to discuss the new budget, which includes more money for schools "
       "and roads than in any year since the town was founded, the mayor said.")
_P2 = ("A second paragraph follows with more detail about the plan and the reactions of residents, who had "
       "waited for the decision for months and filled the hall to hear it.")
_P3 = ("The opposition said the plan was too expensive and that the town would have to borrow money to pay "
       "for it, but the vote passed by a clear majority late in the evening.")
_CAPTION = "Residents wait outside the town hall before the council meeting on Tuesday evening"
_Q = "Why did the council wait so long to decide on the budget this year?"  # 13 words, a question
_LONG_Q = ("Why did the council wait so long to decide on the budget for the schools and the roads of the town "
           "when everyone knew the money was there?")


def doubting_model(p_question: float) -> dict:
    """A one-feature model (weights.json format) that calls every block main text with probability
    0.9, and questions with ``p_question``: the examples of the rules that rescue prose the model
    doubted run under it (the trained model is too sure of the example pages to doubt them)."""
    b = math.log(0.9 / 0.1)
    stage = {"feature_names": ["question"], "mean": [0.0], "scale": [1.0],
             "coef": [math.log(p_question / (1 - p_question)) - b], "intercept": b}
    return {"stage1": stage, "stage2": None, "threshold": 0.4}


@dataclass(frozen=True)
class LayoutRule:
    """What every layout rule has: a name, the kind it gives, a confidence, examples, a genre."""

    name: str  # the ``rule`` value written for the blocks it types
    kind: str
    score: float
    doc: str
    examples: tuple[tuple[str, ...], ...]  # pages as lines; the line starting with "▶ " is the block
    negatives: tuple[tuple[str, ...], ...] = ()
    genre: str | None = None  # "web" (social embeds, link lines…), or None for news copy in general
    writes: tuple[str, ...] = ()  # the ``rule`` values it writes, when not just its name
    examples_model: dict | None = None  # the examples run under this model instead of weights.json
    examples_common: bool = False  # the examples run with the marked line common across the corpus

    @property
    def labels(self) -> tuple[str, ...]:
        """The ``rule`` values a block typed by this rule carries."""
        return self.writes or (self.name,)


@dataclass(frozen=True)
class LineRule(LayoutRule):
    """A rule that types one block from its own layout; ``when(draft, i)`` says whether it applies."""

    when: Callable[[Draft, int], bool] = lambda d, i: False


@dataclass(frozen=True)
class PageRule(LayoutRule):
    """A pass over the page that types blocks from their neighbours' kinds; ``apply(draft)`` edits it."""

    apply: Callable[[Draft], None] = lambda d: None


def _url_line(d: Draft, i: int) -> bool:
    """A short block ending in a link, unless the model is sure it is a sentence of the story."""
    f, st = d.feats[i], d.strs[i]
    return f.has_url and f.n_words <= 40 and bool(URL_RE.search(st[-60:])) and not (
        d.probs[i] >= d.main.sure and f.length >= 8)


def _before_embed_tail(d: Draft, i: int) -> bool:
    return i + 1 < d.n and bool(EMBED_TAIL_RE.match(d.strs[i + 1]))


def _doubted_prose_line(d: Draft, i: int) -> bool:
    """The model said boilerplate, weakly, of what the rules see as a unique sentence of prose."""
    f = d.feats[i]
    return (d.kinds[i] == "boilerplate" and d.main.model is not None and d.probs[i] >= 0.25
            and d.main.rule_probs[i] >= 0.8 and f.length >= 20 and f.terminal and f.dup == 1)


LINE_RULES: tuple[LineRule, ...] = (
    LineRule(
        "common_line", "boilerplate", 0.9,
        "A short line found in many articles of the corpus (menus, share bars, footers).",
        examples=((_HEAD, _P1, "▶ Share this article", _P2, _P3),),
        negatives=((_HEAD, _P1, "▶ " + _P2 + " " + _P3, _P1),),  # a long paragraph repeated by the wires stays
        examples_common=True,
        when=lambda d, i: d.feats[i].common and d.feats[i].length < 40,
    ),
    LineRule(
        "embed_handle", "embed", 0.85,
        "An embedded post: its tail line, or a short line naming a social network and a handle.",
        examples=((_HEAD, _P1, "Thank you all for the kind words", "▶ — Jane Doe (@janedoe) May 1, 2020", _P2, _P3),
                  (_HEAD, _P1, "▶ A post shared by Jane Doe (@janedoe)", _P2, _P3)),
        negatives=((_HEAD, _P1, "▶ Write to the newsroom at @newsdesk for corrections to this story.", _P2, _P3),),
        genre="web",
        when=lambda d, i: bool(EMBED_TAIL_RE.match(d.strs[i])) or (d.feats[i].has_handle and d.feats[i].social) or (
            d.feats[i].has_handle and d.feats[i].n_words <= 12 and "(" in d.strs[i]),
    ),
    LineRule(
        "embed_social", "embed", 0.75,
        "A short non-sentence about a social network ('View this post on Instagram').",
        examples=((_HEAD, _P1, "▶ View this post on Instagram", _P2, _P3),),
        negatives=((_HEAD, _P1, "▶ Instagram", _P2, _P3),),
        genre="web",
        when=lambda d, i: d.feats[i].social and not d.feats[i].terminal and d.feats[i].n_words <= 10 and d.feats[i].stop >= 0.15,
    ),
    LineRule(
        "embed_url", "embed", 0.7,
        "A line ending in a link right before an embed tail: the text of an embedded post.",
        examples=((_HEAD, _P1, "▶ What a night in the hall https://t.co/abc123", "— Jane Doe (@janedoe) May 1, 2020", _P2, _P3),),
        genre="web",
        when=lambda d, i: _url_line(d, i) and _before_embed_tail(d, i),
    ),
    LineRule(
        "url_line", "boilerplate", 0.7,
        "A short line ending in a link (read-more links, sources), unless the model is sure it is prose.",
        examples=((_HEAD, _P1, "▶ Read more: https://www.example.com/news/budget", _P2, _P3),),
        negatives=((_HEAD, _P1, "▶ Read more", _P2, _P3),),
        genre="web",
        when=_url_line,
    ),
    LineRule(
        "credit_word", "credit", 0.8,
        "A photo credit introduced by a credit word ('Photo: …', 'Bild: …', '(Foto von …').",
        examples=((_HEAD, _P1, "▶ Photo: Jane Doe", _P2, _P3), (_HEAD, _P1, "▶ Foto: dpa", _P2, _P3)),
        negatives=((_HEAD, _P1, "▶ Photographers gathered outside the hall before the vote.", _P2, _P3),),
        when=lambda d, i: d.feats[i].credit >= 1.0,
    ),
    LineRule(
        "caption_credit", "caption", 0.8,
        "A photo caption that ends in a bracketed name/agency credit ('… (Mario Anzuoni/Reuters)').",
        examples=((_HEAD, _P1, "▶ The mayor speaks to residents outside the hall (Jane Doe/Reuters)", _P2, _P3),),
        negatives=((_HEAD, _P1, "▶ The mayor speaks to residents outside the hall", _P2, _P3),),
        when=lambda d, i: d.feats[i].credit >= 0.8 and d.feats[i].n_words >= 5 and not (
            d.probs[i] >= d.main.sure and d.feats[i].credit < 1.0),
    ),
    LineRule(
        "credit_name", "credit", 0.6,
        "A few words naming a picture agency or carrying a copyright sign ('Getty Images', '© dpa').",
        examples=((_HEAD, _P1, "▶ Getty Images", _P2, _P3), (_HEAD, _P1, "▶ © Reuters", _P2, _P3)),
        when=lambda d, i: d.feats[i].credit > 0 and d.feats[i].n_words < 5,
    ),
    LineRule(
        "date_line", "dateline", 0.8,
        "A short line that is mostly a date ('9/15/2023', 'Veröffentlicht am 3. Oktober 2021').",
        examples=((_HEAD, "▶ 9/15/2023", _P1, _P2, _P3), (_HEAD, "▶ Published on 3 May 2021, 10:15", _P1, _P2, _P3)),
        negatives=((_HEAD, "▶ 3 May 2021 was the day the council first met to discuss the budget.", _P1, _P2, _P3),),
        when=lambda d, i: d.feats[i].date_only and d.feats[i].length <= 10,
    ),
    LineRule(
        "by_word", "byline", 0.8,
        "A short line naming the author after a by-word ('By Jane Doe', 'Von Max Muster').",
        examples=((_HEAD, "▶ By Jane Doe", _P1, _P2, _P3), (_HEAD, "▶ Von Max Muster", _P1, _P2, _P3)),
        negatives=((_HEAD, "▶ By the end of the evening the budget had passed.", _P1, _P2, _P3),),
        when=lambda d, i: d.feats[i].byline and d.feats[i].length <= 12,
    ),
    LineRule(
        "prose_rules", "body", 0.55,
        "A unique sentence of prose the model doubted (probability ≥ 0.25) and the rules are sure of.",
        examples=((_HEAD, _P1, "▶ " + _LONG_Q, _P2, _P3),),
        negatives=((_HEAD, _P1, "▶ Why?", _P2, _P3),),
        examples_model=doubting_model(0.3),
        when=_doubted_prose_line,
    ),
)


def type_line(d: Draft, i: int) -> LineRule | None:
    """The first line rule that applies to block ``i``, or None (the main-text decision stands)."""
    for rule in LINE_RULES:
        if rule.when(d, i):
            return rule
    return None


# ------------------------------------------------------------------ page rules

_SPECIAL = ("embed", "credit", "caption", "dateline", "byline")


def _doubted_prose(d: Draft, i: int) -> bool:
    f = d.feats[i]
    return (d.kinds[i] == "boilerplate" and d.decided_by_model(i) and not f.common and f.dup == 1
            and f.length >= 10 and f.stop >= 0.2 and f.terminal and not f.is_list)


def _prose_between_body(d: Draft) -> None:
    """Runs of prose the model doubted that sit between main-text paragraphs are main text."""
    n, kinds = d.n, d.kinds
    i = 0
    while i < n:
        if not _doubted_prose(d, i):
            i += 1
            continue
        j = i
        while j + 1 < n and (_doubted_prose(d, j + 1) or kinds[j + 1] in _SPECIAL):
            j += 1
        before = next((kinds[k] for k in range(i - 1, max(-1, i - 4), -1) if kinds[k] not in _SPECIAL), None)
        after = next((kinds[k] for k in range(j + 1, min(n, j + 4)) if kinds[k] not in _SPECIAL), None)
        run = [k for k in range(i, j + 1) if _doubted_prose(d, k)]
        strong = all(d.main.rule_probs[k] >= 0.7 for k in run) and max(d.feats[k].length for k in run) >= 25
        if (before == "body" and (after in ("body", None) or strong)) or (before is None and after == "body"):
            for k in range(i, j + 1):
                if _doubted_prose(d, k):
                    d.set(k, "body", 0.6, "prose_between_body")
        i = j + 1


def _embed_tweet(d: Draft) -> None:
    """The text of a post right before its embed tail ('— name (@handle) date') is part of the embed."""
    for i in range(1, d.n):
        if d.rules[i] == "embed_handle" and EMBED_TAIL_RE.match(d.strs[i]) and d.kinds[i - 1] in ("body", "boilerplate"):
            if d.feats[i - 1].has_url or d.feats[i - 1].length <= 40:
                d.set(i - 1, "embed", 0.75, "embed_tweet")


def _repeated_short(d: Draft) -> None:
    """A short non-sentence repeated in the page, between paragraphs, is a photo caption."""
    n, kinds, feats = d.n, d.kinds, d.feats
    for i in range(n):
        f = feats[i]
        if kinds[i] in ("body", "boilerplate") and f.dup > 1 and not f.terminal and 3 <= f.n_words <= 25 and not f.common:
            prev_body = any(kinds[j] == "body" or feats[j].length >= 20 for j in range(max(0, i - 2), i))
            next_body = any(kinds[j] == "body" or feats[j].length >= 20 for j in range(i + 1, min(n, i + 3)))
            if prev_body and next_body:
                d.set(i, "caption", 0.6, "repeated_short")


def _caption_copy(d: Draft) -> None:
    """Every copy of a caption's line is a caption too."""
    keys = {d.feats[i].key for i in range(d.n) if d.kinds[i] == "caption" and d.feats[i].key}
    for i in range(d.n):
        if d.kinds[i] == "body" and d.feats[i].key in keys:
            d.set(i, "caption", 0.6, "caption_copy")


def _title_repeat(d: Draft) -> None:
    """Other copies of the title's line are boilerplate (a site repeats the headline)."""
    if d.title is None:
        return
    key = d.feats[d.title].key
    for i in range(d.n):
        if i != d.title and d.feats[i].key == key and d.kinds[i] in ("body", "boilerplate"):
            d.set(i, "boilerplate", 0.8, "title_repeat")


def _lede_after_title(d: Draft) -> None:
    """A prose lede right after the title is main text."""
    if d.title is None:
        return
    for i in range(d.title + 1, min(d.n, d.title + 3)):
        f = d.feats[i]
        if d.kinds[i] == "boilerplate" and d.decided_by_model(i) and f.length >= 15 and f.stop >= 0.2 \
                and f.terminal and not f.common and f.dup == 1:
            d.set(i, "body", 0.6, "lede_after_title")


def _date_near_title(d: Draft) -> None:
    """The short boilerplate line holding the publication date is a dateline."""
    if d.published is None:
        return
    i = d.published.block
    if d.kinds[i] == "boilerplate" and d.feats[i].length <= 12:
        d.set(i, "dateline", 0.7, "date_near_title")


def _date_label(d: Draft) -> None:
    """A label or a time right next to a dateline ('Updated:', '0:00') is part of it."""
    n, kinds, feats = d.n, d.kinds, d.feats
    for i in range(n):
        if kinds[i] == "dateline":
            for j in (i - 1, i + 1):
                if 0 <= j < n and kinds[j] in ("body", "boilerplate") and feats[j].length <= 2 and (
                    feats[j].colon_end or TIME_RE.fullmatch(d.strs[j])
                ):
                    d.set(j, "boilerplate", 0.7, "date_label")


#: the ``rule`` values of author candidates (:mod:`pipeline.segment.meta.author`)
AUTHOR_RULES = ("by_word", "by_word_inner", "name_line", "name_by_date", "after_label", "date_piece", "name_any")


def _author_line(d: Draft) -> None:
    """The short line the author was read from is a byline, unless the model is sure it is prose
    (a by-word line is a byline even then)."""
    if d.author is None:
        return
    i, rule = d.author.block, d.author.rule
    if d.kinds[i] in ("body", "boilerplate") and d.feats[i].length <= 16 and not (
            d.kinds[i] == "body" and d.probs[i] >= d.main.sure and rule != "by_word"):
        d.set(i, "byline", 0.6, rule)


PROSE_BETWEEN_BODY = PageRule(
    "prose_between_body", "body", 0.6,
    "Sentences the model doubted, between main-text paragraphs (or before them, with nothing else before).",
    examples=((_HEAD, _P1, "▶ " + _Q, _P2, _P3),),
    negatives=(("Who pays?", "Why now?", "▶ " + _Q, "What next?", "Who decides?", _HEAD, _P1, _P2, _P3),),
    examples_model=doubting_model(0.2), apply=_prose_between_body,
)
EMBED_TWEET = PageRule(
    "embed_tweet", "embed", 0.75,
    "The short text of a post right before its embed tail.",
    examples=((_HEAD, _P1, "▶ Thank you all for the kind words", "— Jane Doe (@janedoe) May 1, 2020", _P2, _P3),),
    negatives=((_HEAD, _P1, "▶ " + _P2 + " " + _P3, "— Jane Doe (@janedoe) May 1, 2020", _P1),),
    genre="web", apply=_embed_tweet,
)
REPEATED_SHORT = PageRule(
    "repeated_short", "caption", 0.6,
    "A short non-sentence that occurs twice in the page between paragraphs (a gallery caption).",
    examples=((_HEAD, _P1, "▶ The mayor and the council in the hall", _P2, "The mayor and the council in the hall", _P3),),
    negatives=((_HEAD, _P1, "▶ The mayor and the council in the hall", _P2, _P3),),
    apply=_repeated_short,
)
CAPTION_COPY = PageRule(
    "caption_copy", "caption", 0.6,
    "A body line that repeats a caption's line.",
    examples=((_HEAD, "▶ " + _CAPTION, _P1, _P2, _CAPTION, _P3),),
    negatives=((_HEAD, "▶ " + _CAPTION, _P1, _P2, _P3),),
    apply=_caption_copy,
)
TITLE_REPEAT = PageRule(
    "title_repeat", "boilerplate", 0.8,
    "A second copy of the title's line.",
    examples=((_HEAD, _P1, _P2, _P3, "▶ " + _HEAD),),
    apply=_title_repeat,
)
LEDE_AFTER_TITLE = PageRule(
    "lede_after_title", "body", 0.6,
    "A sentence of prose right after the title that the model called boilerplate.",
    examples=(("Will the council ever agree on a budget?", "▶ " + _LONG_Q, _P1, _P2, _P3),),
    negatives=(("Will the council ever agree on a budget?", _P1, _P2, "▶ " + _LONG_Q),),
    examples_model=doubting_model(0.2), apply=_lede_after_title,
)
DATE_NEAR_TITLE = PageRule(
    "date_near_title", "dateline", 0.7,
    "The short line the publication date was read from, when no other rule typed it.",
    examples=((_HEAD, "▶ Posted in Politics and Local News on 9/15/2023 by the editors", _P1, _P2, _P3),),
    apply=_date_near_title,
)
DATE_LABEL = PageRule(
    "date_label", "boilerplate", 0.7,
    "A one- or two-word label or a time right next to a dateline ('Updated:', '0:00').",
    examples=((_HEAD, "▶ Updated:", "9/15/2023", _P1, _P2, _P3), (_HEAD, "9/15/2023", "▶ 0:00", _P1, _P2, _P3)),
    apply=_date_label,
)
AUTHOR_LINE = PageRule(
    "author_line", "byline", 0.6,
    "The short line the author's name was read from (its rule is the author finder's: name_line, …).",
    examples=((_HEAD, "▶ Jane Doe", "9/15/2023", _P1, _P2, _P3),),
    negatives=((_HEAD, "▶ By Jane Doe, who covered the council for ten years and wrote this report for the paper.", _P1, _P2, _P3),),
    writes=AUTHOR_RULES, apply=_author_line,
)

#: every page rule, in the order the segmenter applies them
PAGE_RULES: tuple[PageRule, ...] = (
    PROSE_BETWEEN_BODY, EMBED_TWEET, REPEATED_SHORT, CAPTION_COPY, TITLE_REPEAT, LEDE_AFTER_TITLE,
    DATE_NEAR_TITLE, DATE_LABEL, AUTHOR_LINE,
)
#: every layout rule
ALL_RULES: tuple[LayoutRule, ...] = LINE_RULES + PAGE_RULES
