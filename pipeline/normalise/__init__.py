"""Stage 4, normalise: mentions → dates, quantities and entity names.

``dates``, ``quantities`` and ``names`` hold the normalisers; :func:`normalise_article` applies
them to one article's mentions (pure: rows in, rows out).
"""

from __future__ import annotations

from datetime import datetime

from pipeline.schemas import make_id


def _in_block(text: str, mention: dict, blocks: dict[str, tuple[int, int]]) -> tuple[str, int, int]:
    """The mention's block text and the mention's offsets inside it (normalisers read context)."""
    b_start, b_end = blocks[mention["segment_id"]]
    return text[b_start:b_end], mention["char_start"] - b_start, mention["char_end"] - b_start


def date_rows(article_id: str, text: str, mentions: list[dict], blocks: dict[str, tuple[int, int]],
              anchor: datetime | None, anchor_source: str) -> list[dict]:
    """``dates`` rows for the DATE/TIME mentions of one article, resolved against ``anchor``.

    ``blocks`` maps segment ids to their (start, end) offsets: the normaliser sees the mention in
    its block, for context ("a 7-year-old", "Kutcher, 42,").
    """
    from pipeline.normalise.dates import normalise_date

    rows = []
    for m in mentions:
        if m["label"] not in ("DATE", "TIME"):
            continue
        value = normalise_date(*_in_block(text, m, blocks), anchor, label=m["label"])
        if value is None:
            continue
        rows.append(
            {
                "date_id": make_id("date", m["mention_id"]),
                "mention_id": m["mention_id"],
                "article_id": article_id,
                "char_start": m["char_start"],
                "char_end": m["char_end"],
                "text": m["text"],
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
        )
    return rows


def quantity_rows(article_id: str, text: str, mentions: list[dict], blocks: dict[str, tuple[int, int]]) -> list[dict]:
    """``quantities`` rows for the CARDINAL/QUANTITY/MONEY/PERCENT/ORDINAL mentions of one article."""
    from pipeline.normalise.quantities import normalise_quantity
    from pipeline.recognise import NUMERIC_LABELS

    rows = []
    for m in mentions:
        if m["label"] not in NUMERIC_LABELS:
            continue
        value = normalise_quantity(*_in_block(text, m, blocks), m["label"])
        if value is None:
            continue
        rows.append(
            {
                "quantity_id": make_id("quantity", m["mention_id"]),
                "mention_id": m["mention_id"],
                "article_id": article_id,
                "char_start": m["char_start"],
                "char_end": m["char_end"],
                "text": m["text"],
                "label": m["label"],
                "value": value.value,
                "low": value.low,
                "high": value.high,
                "mod": value.mod,
                "unit": value.unit,
                "currency": value.currency,
                "counted": m.get("counted"),
                "counted_char_start": m.get("counted_char_start"),
                "counted_char_end": m.get("counted_char_end"),
            }
        )
    return rows
