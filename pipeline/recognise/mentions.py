"""The mention record (built here and only here) and the mentions of one processed block.

A :class:`Mention` is what recognise finds and normalise refines (labels, names, entity ids);
it becomes a ``mentions`` row (:meth:`Mention.row`) only where the table is written.
"""

from __future__ import annotations

import bisect
import dataclasses
from dataclasses import dataclass
from typing import Sequence

from pipeline.recognise.blocks import BlockRef
from pipeline.recognise.counting import counted_noun
from pipeline.recognise.dates import DateReader, find_date_spans
from pipeline.recognise.spans import tidy_name_span
from pipeline.schemas import make_id

NUMERIC_LABELS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT", "ORDINAL"})
TEMPORAL_LABELS = frozenset({"DATE", "TIME"})
#: labels of names (whose spans are tidied here and resolved in normalise)
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"})


@dataclass(slots=True)
class Mention:
    """One entity mention in an article: the fields of a ``mentions`` row, plus ``rule``.

    ``rule`` names the rule that added the mention or last decided its span or label (None: the
    model's reading stands); it is for inspection and rule counts, not a column.
    """

    mention_id: str
    article_id: str
    segment_id: str
    sentence_id: str | None
    char_start: int
    char_end: int
    text: str
    label: str
    model_label: str
    source: str  # "model", "rule" (added by a rule) or "propagated"
    segment_kind: str
    name: str | None = None
    entity_id: str | None = None
    counted: str | None = None
    counted_char_start: int | None = None
    counted_char_end: int | None = None
    rule: str | None = None

    @classmethod
    def create(cls, article_id: str, segment_id: str, segment_kind: str, sentence_id: str | None, start: int,
               end: int, article_text: str, label: str, source: str,
               counted: tuple[str, int, int] | None = None, rule: str | None = None) -> Mention:
        """A new mention of ``article_text[start:end]`` (article offsets) with ``label`` (which is
        also its ``model_label``); ``counted`` is (noun, start, end) of the noun a number counts."""
        return cls(
            mention_id=make_id("mention", article_id, start, end, label),
            article_id=article_id,
            segment_id=segment_id,
            sentence_id=sentence_id,
            char_start=start,
            char_end=end,
            text=article_text[start:end],
            label=label,
            model_label=label,
            source=source,
            segment_kind=segment_kind,
            counted=counted[0] if counted else None,
            counted_char_start=counted[1] if counted else None,
            counted_char_end=counted[2] if counted else None,
            rule=rule,
        )

    def moved(self, start: int, end: int, article_text: str) -> Mention:
        """A copy of this mention on ``article_text[start:end]``, with the id of that span."""
        return dataclasses.replace(self, char_start=start, char_end=end, text=article_text[start:end],
                                   mention_id=make_id("mention", self.article_id, start, end,
                                                      self.model_label or self.label))

    def row(self) -> dict:
        """The ``mentions`` row of this mention."""
        return {name: getattr(self, name) for name in ROW_FIELDS}


#: the columns of a mentions row, in schema order
ROW_FIELDS = tuple(f.name for f in dataclasses.fields(Mention) if f.name != "rule")


def to_rows(mentions: Sequence[Mention]) -> list[dict]:
    """The ``mentions`` rows of ``mentions``."""
    return [m.row() for m in mentions]


class SentenceIndex:
    """Which sentence an offset falls in, from an article's ``sentences`` rows (in text order)."""

    def __init__(self, starts: Sequence[int], ends: Sequence[int] | None, ids: Sequence[str]):
        self.starts, self.ends, self.ids = starts, ends, ids

    @classmethod
    def from_rows(cls, sentences: Sequence[dict]) -> SentenceIndex:
        return cls([s["char_start"] for s in sentences], [s["char_end"] for s in sentences],
                   [s["sentence_id"] for s in sentences])

    def last_starting_at(self, pos: int) -> int:
        """Index of the last sentence starting at or before ``pos`` (-1 when none)."""
        return bisect.bisect_right(self.starts, pos) - 1

    def id_within(self, pos: int, default: str | None) -> str | None:
        """The id of the sentence holding ``pos``: None when ``pos`` lies after the end of the last
        sentence starting before it, ``default`` when no sentence starts before it."""
        i = self.last_starting_at(pos)
        if i < 0:
            return default
        return self.ids[i] if pos < self.ends[i] else None

    def id_at(self, pos: int) -> str | None:
        """The id of the last sentence starting at or before ``pos``."""
        i = self.last_starting_at(pos)
        return self.ids[i] if i >= 0 else None


def doc_mentions(doc, ref: BlockRef, article_text: str, sent_starts: list[int], sent_ids: list[str],
                 read_date: DateReader) -> list[Mention]:
    """The mentions in one processed block (``doc``) of an article.

    Names are tidied (:func:`~pipeline.recognise.spans.tidy_name_span`), numbers get the noun they
    count (:func:`~pipeline.recognise.counting.counted_noun`), and dates their TIMEX3 extent
    (:func:`~pipeline.recognise.dates.find_date_spans`, which asks ``read_date`` whether a span
    reads as a date).  ``sent_starts``/``sent_ids`` list the article's sentences in text order.
    A Doc read by NER alone has no arcs: its numbers get no counted noun
    (:mod:`pipeline.recognise.parse` decides which blocks are parsed).
    """
    base = ref.char_start
    # the block's text is the article's own characters (the tokenizer keeps every one): a slice
    # is cheaper than ``doc.text``, which joins every token
    doc_text = article_text[base:base + doc[-1].idx + len(doc[-1].text_with_ws)] if len(doc) else ""
    counting = doc.has_annotation("DEP")
    sentences = SentenceIndex(sent_starts, None, sent_ids)
    mentions: list[Mention] = []

    def add(s: int, e: int, label: str, source: str, counted=None) -> None:
        if e <= s:
            return
        a, b = base + s, base + e
        if counted:
            counted = (counted[0], base + counted[1], base + counted[2])
        mentions.append(Mention.create(ref.article_id, ref.segment_id, ref.kind, sentences.id_at(a), a, b,
                                       article_text, label, source, counted))

    temporal: list[tuple[int, int, str]] = []
    for ent in doc.ents:
        label = ent.label_
        if label in TEMPORAL_LABELS:
            temporal.append((ent.start_char, ent.end_char, label))
        elif label in NUMERIC_LABELS:
            add(ent.start_char, ent.end_char, label, "model", counted_noun(ent) if counting else None)
        elif label in NAME_LABELS:
            s, e = tidy_name_span(doc_text, ent.start_char, ent.end_char)
            add(s, e, label, "model")
        else:
            add(ent.start_char, ent.end_char, label, "model")
    model_spans = {(s, e) for s, e, _ in temporal}
    for s, e, label in find_date_spans(doc_text, temporal, read_date):
        add(s, e, label, "model" if (s, e) in model_spans else "rule")
    return mentions
