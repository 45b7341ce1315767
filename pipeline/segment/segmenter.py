"""``segment_text``: one article's text through the segmenter's passes, in order, to a Segmentation.

The passes (:data:`PASSES`) each read and edit one :class:`~pipeline.segment.draft.Draft`:

1. ``type_blocks``: main text or boilerplate from the model (or rules), then the first
   :data:`~pipeline.segment.layout.LINE_RULES` rule that fits each block;
2. page rules that read the neighbours' kinds (doubted prose between paragraphs, tweets, repeated
   captions), then the joint Viterbi decision over consecutive blocks;
3. the metadata pickers, each followed by the layout rules that re-type the blocks it used:
   title (copies of it, the lede after it), publication date (its line, the labels beside it),
   author (its line).

:func:`assemble` builds the result once, at the end.
"""

from __future__ import annotations

from typing import Callable, Container

from pipeline.segment import layout
from pipeline.segment.blocks import analyse
from pipeline.segment.classifier import main_text, sequence_decode
from pipeline.segment.draft import Draft
from pipeline.segment.lines import stripped_lines
from pipeline.segment.meta.author import pick_author
from pipeline.segment.meta.published import pick_published
from pipeline.segment.meta.title import find_first_body, pick_title
from pipeline.segment.records import NO_META, SENTENCE_KINDS, Block, Segmentation, Sentence, TextMeta
from pipeline.segment.sentences import split_sentences


def type_blocks(d: Draft) -> None:
    """Every block's first kind: main text or boilerplate by its probability, unless a line rule fits."""
    for p in d.probs:
        kind, score = ("body", p) if p >= d.main.threshold else ("boilerplate", 1.0 - p)
        d.kinds.append(kind)
        d.scores.append(score)
        d.rules.append(d.main.rule)
    for i in range(d.n):
        rule = layout.type_line(d, i)
        if rule is not None:
            d.set(i, rule.kind, rule.score, rule.name)


def decode_sequence(d: Draft) -> None:
    """Decide consecutive model-typed blocks jointly (two-state Viterbi, a penalty per switch)."""
    penalty = d.main.model.sequence_penalty if d.main.model is not None else 0.0
    if penalty > 0 and d.n:
        sequence_decode(d.kinds, d.scores, d.rules, d.probs, d.main.threshold, penalty, d.main.rule, d.feats)


#: the passes of the segmenter, in the order they run
PASSES: tuple[Callable[[Draft], None], ...] = (
    type_blocks,
    layout.PROSE_BETWEEN_BODY.apply,
    layout.EMBED_TWEET.apply,
    layout.REPEATED_SHORT.apply,
    layout.CAPTION_COPY.apply,
    decode_sequence,
    find_first_body,
    pick_title,
    layout.TITLE_REPEAT.apply,
    layout.LEDE_AFTER_TITLE.apply,
    pick_published,
    layout.DATE_NEAR_TITLE.apply,
    layout.DATE_LABEL.apply,
    pick_author,
    layout.AUTHOR_LINE.apply,
)


def segment_text(text: str, *, common_lines: Container[str] = frozenset(), collect: dict | None = None) -> Segmentation:
    """Split one article's text into typed blocks, sentences and in-text metadata.

    Blocks are stripped non-empty lines (hard-wrapped paragraphs joined), in order and without
    overlap; each gets a kind from :data:`~pipeline.segment.records.KINDS`, a confidence and the
    name of the deciding rule.  Sentences are produced for blocks whose kind is
    title/body/caption/byline/dateline.  Offsets index ``text`` (end exclusive).  ``common_lines``
    holds :func:`~pipeline.segment.lines.line_key` keys of lines that recur across the corpus;
    such lines are boilerplate.  ``collect``, when given, receives the feature rows of the
    title, date and author candidates (for training the rankers).  Never raises; linear time.
    """
    try:
        return _segment(text if isinstance(text, str) else str(text), common_lines, collect)
    except Exception:  # last-resort guard: the contract is "never raises"
        return _fallback(text if isinstance(text, str) else "")


def _segment(text: str, common_lines: Container[str], collect: dict | None) -> Segmentation:
    page = analyse(text, common_lines)
    d = Draft(page, main_text(page.feats), collect=collect)
    for run_pass in PASSES:
        run_pass(d)
    return assemble(d)


def _fallback(text: str) -> Segmentation:
    blocks = [Block(s, e, "body", 0.0, "fallback") for s, e, _ in stripped_lines(text)]
    return Segmentation(blocks, [], NO_META)


def assemble(d: Draft) -> Segmentation:
    """The finished segmentation: blocks with their kinds, sentences of the prose blocks, metadata."""
    text, spans = d.page.text, d.page.spans
    blocks = [Block(s, e, k, float(min(1.0, max(0.0, sc))), r)
              for (s, e, _), k, sc, r in zip(spans, d.kinds, d.scores, d.rules)]
    sentences: list[Sentence] = []
    for bi, b in enumerate(blocks):
        if b.kind in SENTENCE_KINDS:
            for s, e in split_sentences(text, b.char_start, b.char_end):
                sentences.append(Sentence(s, e, bi))
    title, author, published = d.title, d.author, d.published
    if author is not None:
        a, b = spans[author.block][0] + author.span[0], spans[author.block][0] + author.span[1]
    meta = TextMeta(
        title=d.strs[title] if title is not None else None,
        title_span=(spans[title][0], spans[title][1]) if title is not None else None,
        author=text[a:b] if author else None,
        author_span=(a, b) if author else None,
        published=published.value if published else None,
        published_grain=published.grain if published else None,
        published_span=(published.start, published.end) if published else None,
    )
    return Segmentation(blocks, sentences, meta)
