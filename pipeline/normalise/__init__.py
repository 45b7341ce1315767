"""Stage 4, normalise: mentions -> dates, quantities and entity names.

Packages: :mod:`~pipeline.normalise.dates` (TIMEX3 values), :mod:`~pipeline.normalise.quantities`
(numbers, units, currencies) and :mod:`~pipeline.normalise.names` (labels, canonical names,
entity ids); :mod:`~pipeline.normalise.rules` is the rule record they share.  :func:`date_rows`
and :func:`quantity_rows` apply the first two to one article's mentions (pure: mentions in,
rows out); names are resolved in place by :func:`pipeline.normalise.names.resolve_names`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Callable, Iterator

from pipeline.recognise import NUMERIC_LABELS, TEMPORAL_LABELS, Mention
from pipeline.schemas import make_id


def _read(text: str, mentions: list[Mention], blocks: dict[str, tuple[int, int]], labels: frozenset,
          read: Callable) -> Iterator[tuple[Mention, object]]:
    """(mention, value) for the mentions with one of ``labels`` that ``read`` gives a value: each
    is read in its block (normalisers look at the context: "a 7-year-old", "Kutcher, 42,")."""
    for m in mentions:
        if m.label not in labels:
            continue
        b_start, b_end = blocks[m.segment_id]
        value = read(text[b_start:b_end], m.char_start - b_start, m.char_end - b_start, m.label)
        if value is not None:
            yield m, value


def date_rows(article_id: str, text: str, mentions: list[Mention], blocks: dict[str, tuple[int, int]],
              anchor: datetime | None, anchor_source: str) -> list[dict]:
    """``dates`` rows for the DATE/TIME mentions of one article, resolved against ``anchor``.

    ``blocks`` maps segment ids to their (start, end) offsets in ``text``.  The mentions are read
    in text order, so that an anaphoric one ("the following month") is placed against the last
    suitable date mentioned before it in the article, in whichever block (:mod:`.dates.narrative`).
    """
    from pipeline.normalise.dates import normalise_date
    from pipeline.normalise.dates.narrative import Narrative

    story = Narrative()

    def read(block: str, start: int, end: int, label: str):
        return story.read(normalise_date, block, start, end, anchor, label=label)

    return [
        {
            "date_id": make_id("date", m.mention_id),
            "mention_id": m.mention_id,
            "article_id": article_id,
            "char_start": m.char_start,
            "char_end": m.char_end,
            "text": m.text,
            "type": value.type,
            "value": value.value,
            "kind": value.kind,
            "grain": value.grain,
            "start": value.start,
            "end": value.end,
            "mod": value.mod,
            "anchor": anchor,
            "anchor_source": anchor_source,
            "rule": value.rule,
        }
        for m, value in _read(text, sorted(mentions, key=lambda m: m.char_start), blocks, TEMPORAL_LABELS, read)
    ]


def quantity_rows(article_id: str, text: str, mentions: list[Mention], blocks: dict[str, tuple[int, int]]) -> list[dict]:
    """``quantities`` rows for the CARDINAL/QUANTITY/MONEY/PERCENT/ORDINAL mentions of one article."""
    from pipeline.normalise.quantities import normalise_quantity

    return [
        {
            "quantity_id": make_id("quantity", m.mention_id),
            "mention_id": m.mention_id,
            "article_id": article_id,
            "char_start": m.char_start,
            "char_end": m.char_end,
            "text": m.text,
            "label": m.label,
            "value": value.value,
            "low": value.low,
            "high": value.high,
            "mod": value.mod,
            "unit": value.unit,
            "currency": value.currency,
            "counted": m.counted,
            "counted_char_start": m.counted_char_start,
            "counted_char_end": m.counted_char_end,
        }
        for m, value in _read(text, mentions, blocks, NUMERIC_LABELS, normalise_quantity)
    ]
