"""The blocks the model read, and adding a mention where a rule finds one (in its block, in its sentence, where no other mention is)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import NamedTuple, Sequence

from pipeline.recognise import Mention, SentenceIndex, blocks_to_read


class ReadBlock(NamedTuple):
    """A block the model read: its offsets, segment id and kind."""

    start: int
    end: int
    segment_id: str
    kind: str


def read_blocks(blocks: Sequence[dict] | None, mentions: list[Mention]) -> list[ReadBlock]:
    """The blocks the model read (:func:`pipeline.recognise.blocks_to_read`) from the article's
    ``segments`` rows when given, else the stretch of each block that its mentions cover (a safe
    inner bound)."""
    if blocks is not None:
        rows = sorted(blocks, key=lambda b: b["char_start"])
        return [ReadBlock(b["char_start"], b["char_end"], b["segment_id"], b["kind"]) for b in blocks_to_read(rows)]
    spans: dict[str, list] = {}
    for m in mentions:
        s = spans.setdefault(m.segment_id, [m.char_start, m.char_end, m.segment_id, m.segment_kind])
        s[0], s[1] = min(s[0], m.char_start), max(s[1], m.char_end)
    return sorted(ReadBlock(*s) for s in spans.values())


def block_of(blocks: list[ReadBlock], pos: int) -> ReadBlock | None:
    """The block holding offset ``pos``."""
    for b in blocks:
        if b[0] <= pos < b[1]:
            return b
    return None


def read_block(ner_blocks: list[ReadBlock], start: int, end: int) -> ReadBlock | None:
    """The block the model read that holds ``start`` and reaches ``end``, else None."""
    block = block_of(ner_blocks, start)
    return block if block is not None and end <= block[1] else None


def new_mention(template: Mention | None, block: ReadBlock | None, start: int, end: int, label: str, source: str,
                 text: str, article_id: str, sentences: SentenceIndex | None) -> Mention:
    """A mention a rule adds: in ``block`` (else the template's), in the sentence holding ``start``
    (else the template's)."""
    sentence_id = template.sentence_id if template else None
    if sentences is not None:
        sentence_id = sentences.id_within(start, sentence_id)
    return Mention.create(article_id, block.segment_id if block else template.segment_id,
                          block.kind if block else template.segment_kind, sentence_id, start, end, text, label, source)


def template_for(mentions: list[Mention], block, pos: int) -> Mention | None:
    """A mention to copy block and sentence fields from: the nearest one before ``pos`` in the block."""
    best = None
    for m in mentions:
        if block and not (block[0] <= m.char_start < block[1]):
            continue
        if best is None or (m.char_start <= pos and (best.char_start > pos or m.char_start > best.char_start)):
            best = m
    return best


class BlockIndex:
    """:func:`block_of` and :func:`template_for` for a rule that asks them many times about one
    article, its blocks and mentions unchanged meanwhile: blocks found by bisection (when sorted and
    not overlapping, as :func:`read_blocks` gives them; else one by one), and per block its mentions'
    starts sorted once.  The same answers as those functions."""

    def __init__(self, blocks: list[ReadBlock], mentions: list[Mention]):
        self.blocks, self.mentions = blocks, mentions
        self._starts = [b[0] for b in blocks]
        self._disjoint = all(a[0] <= b[0] and a[1] <= b[0] for a, b in zip(blocks, blocks[1:]))
        self._inside: dict[tuple[int, int], tuple[list[int], list[int]]] = {}

    def block_of(self, pos: int) -> ReadBlock | None:
        if not self._disjoint:
            return block_of(self.blocks, pos)
        i = bisect_right(self._starts, pos) - 1
        return self.blocks[i] if i >= 0 and pos < self.blocks[i][1] else None

    def template_for(self, block, pos: int) -> Mention | None:
        if not block:
            return template_for(self.mentions, block, pos)
        key = (block[0], block[1])
        if key not in self._inside:
            inside = sorted((m.char_start, i) for i, m in enumerate(self.mentions) if block[0] <= m.char_start < block[1])
            self._inside[key] = ([s for s, _ in inside], [i for _, i in inside])
        starts, order = self._inside[key]
        if not starts:
            return None
        k = bisect_right(starts, pos)
        if k == 0:  # none starts at or before pos: the block's first mention
            return self.mentions[min(order)]
        return self.mentions[order[bisect_left(starts, starts[k - 1])]]  # the latest start, its first mention


def is_free(occupied: list[tuple[int, int]], start: int, end: int) -> bool:
    """The overlap policy of the name rules: a mention is added only where no other mention is (first come, first kept)."""
    for s, e in occupied:
        if s < end and start < e:
            return False
    return True


class Spans:
    """A growing set of (start, end) spans that answers :func:`is_free` without looking at every
    span: kept sorted by start, only the spans that start before ``end`` and late enough to reach
    ``start`` (none is longer than the longest) are looked at.  Same answers as :func:`is_free`
    over the same spans; rules that add many mentions to a long article use it."""

    def __init__(self, spans=()):
        self._spans = sorted(spans)
        self._starts = [s for s, _ in self._spans]
        self._longest = max([0] + [e - s for s, e in self._spans])

    def add(self, span: tuple[int, int]) -> None:
        i = bisect_right(self._spans, span)
        self._spans.insert(i, span)
        self._starts.insert(i, span[0])
        self._longest = max(self._longest, span[1] - span[0])

    def is_free(self, start: int, end: int) -> bool:
        spans = self._spans
        for i in range(bisect_right(self._starts, start - self._longest), bisect_left(self._starts, end)):
            if start < spans[i][1]:
                return False
        return True
