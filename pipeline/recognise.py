"""Stage 3, recognise: segments → mentions, with spaCy NER run over the blocks by ``nlp.pipe``.

Only blocks that carry the story or its metadata are read by the model (see ``NER_KINDS``);
boilerplate and social-media embeds are skipped.  Every mention has character offsets into
the article text, its block (segment) id and its sentence id.  Spans are tidied here, where
the model's tokens are at hand: a possessive or trailing punctuation is never part of a name,
date expressions are widened to their full extent, and the noun a count applies to is read
from the dependency parse.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Iterable, Iterator, Sequence

from pipeline.normalise.dates import find_date_spans
from pipeline.normalise.quantities import counted_noun
from pipeline.schemas import make_id

#: block kinds the NER model reads
NER_KINDS = frozenset({"title", "body", "caption", "byline", "dateline"})
#: at most this many boilerplate blocks around the story: the text is a clean article, read them all
CLEAN_TEXT_MAX_OUTSIDE = 5


def blocks_to_read(segments: Sequence[dict]) -> list[dict]:
    """The blocks of an article the NER model reads: the story's kinds (``NER_KINDS``), plus
    boilerplate-looking lines that sit inside the story, between its first and last body block
    (results tables, lists, short lines in the flow of the text); navigation before the story
    and link lists after it are not read, nor are social-media embeds anywhere.  An article with no
    body block at all (a results table, a list) is read whole, embeds aside.  When at most
    ``CLEAN_TEXT_MAX_OUTSIDE`` boilerplate blocks lie around the story, the text is a clean article
    and they are read too, unless they are lines common across the corpus.  ``segments`` are in
    text order."""
    body = [i for i, s in enumerate(segments) if s["kind"] == "body"]
    first, last = (body[0], body[-1]) if body else (-1, len(segments))  # no prose at all: a table, read it
    outside = sum(1 for i, s in enumerate(segments) if s["kind"] == "boilerplate" and not first < i < last)
    # A text with hardly anything around its story is an article already extracted from its page
    # (a wire story, an API's text field): its first and last lines are the story's, not furniture.
    # Scraped pages have dozens of such blocks (menus, link lists): 7 of the 822 dev web pages have 5 or fewer.
    clean = outside <= CLEAN_TEXT_MAX_OUTSIDE
    return [s for i, s in enumerate(segments)
            if s["kind"] in NER_KINDS
            or (s["kind"] == "boilerplate" and (first < i < last or (clean and s.get("rule") != "common_line")))]


NUMERIC_LABELS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT", "ORDINAL"})
TEMPORAL_LABELS = frozenset({"DATE", "TIME"})

_TRAILING = re.compile(r"(?:['’]s|['’]|[\s.,;:!?\"”“)(\[\]-])+$")
_LEADING = re.compile(r"^[\s\"“”'‘’(\[-]+")
#: a name ending in an initial ("U.S") or a common abbreviation keeps its full stop
_ABBREVIATION = re.compile(r"(?:\b[A-Z]\.[A-Z]|\b(?:Inc|Corp|Co|Ltd|Jr|Sr|St|Bros|Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Ky|La|Md|Mass|Mich|Minn|Miss|Mo|Mont|Neb|Nev|Okla|Ore|Pa|Tenn|Tex|Va|Vt|Wash|Wis|Wyo))$")
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"})


@dataclass(frozen=True)
class BlockRef:
    """A piece of an article sent to the model: its article, segment and where it starts."""

    article_id: str
    segment_id: str
    kind: str
    char_start: int  # offset of the piece in the article text


def load_nlp(model: str, components: Sequence[str]):
    """Load the spaCy pipeline with only ``components`` (others are excluded, not just disabled)."""
    import spacy

    from pipeline.models import component_names

    names = component_names(model)
    exclude = [c for c in names if c not in components]
    return spacy.load(model, exclude=exclude)


def pieces(text: str, start: int, end: int, max_chars: int) -> Iterator[tuple[int, int]]:
    """Cut ``text[start:end]`` into pieces of at most ``max_chars`` at whitespace (an entity never
    spans two pieces, so a huge one-line block stays bounded in memory)."""
    while end - start > max_chars:
        cut = text.rfind(" ", start + max_chars // 2, start + max_chars)
        if cut <= start:
            cut = start + max_chars
        yield start, cut
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        yield start, end


def tidy_name_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim a possessive ('s), quotes and punctuation off a name span; cut at a line break."""
    span = text[start:end]
    if "\n" in span:
        span = span[: span.index("\n")]
        end = start + len(span)
    m = _TRAILING.search(span)
    if m and m.start() > 0:
        cut = m.start()
        if span[cut] == "." and _ABBREVIATION.search(span[:cut]):  # "U.S.", "Inc.", "Fla." keep their point
            cut += 1
        end = start + cut
        span = span[:cut]
    m = _LEADING.match(span)
    if m and m.end() < len(span):
        start += m.end()
    return start, end


def _sentence_index(starts: list[int], ids: list[str], pos: int) -> str | None:
    i = bisect.bisect_right(starts, pos) - 1
    return ids[i] if i >= 0 else None


def doc_mentions(doc, ref: BlockRef, article_text: str, sent_starts: list[int], sent_ids: list[str]) -> list[dict]:
    """The mention rows for one processed block (``doc``) of an article."""
    base = ref.char_start
    doc_text = doc.text  # a property that joins every token: read it once
    rows: list[dict] = []

    def add(s: int, e: int, label: str, model_label: str, source: str, counted=None) -> None:
        if e <= s:
            return
        a, b = base + s, base + e
        rows.append(
            {
                "mention_id": make_id("mention", ref.article_id, a, b, label),
                "article_id": ref.article_id,
                "segment_id": ref.segment_id,
                "sentence_id": _sentence_index(sent_starts, sent_ids, a),
                "char_start": a,
                "char_end": b,
                "text": article_text[a:b],
                "label": label,
                "model_label": model_label,
                "source": source,
                "segment_kind": ref.kind,
                "name": None,
                "entity_id": None,
                "counted": counted[0] if counted else None,
                "counted_char_start": base + counted[1] if counted else None,
                "counted_char_end": base + counted[2] if counted else None,
            }
        )

    temporal: list[tuple[int, int, str]] = []
    for ent in doc.ents:
        label = ent.label_
        if label in TEMPORAL_LABELS:
            temporal.append((ent.start_char, ent.end_char, label))
        elif label in NUMERIC_LABELS:
            add(ent.start_char, ent.end_char, label, label, "model", counted_noun(ent))
        elif label in _NAME_LABELS:
            s, e = tidy_name_span(doc_text, ent.start_char, ent.end_char)
            add(s, e, label, label, "model")
        else:
            add(ent.start_char, ent.end_char, label, label, "model")
    model_spans = {(s, e) for s, e, _ in temporal}
    for s, e, label in find_date_spans(doc_text, temporal):
        add(s, e, label, label, "model" if (s, e) in model_spans else "rule")
    return rows


def run_ner(nlp, items: Iterable[tuple[str, BlockRef]], batch_size: int, batch_chars: int = 50_000) -> Iterator[tuple[object, BlockRef]]:
    """``nlp.pipe`` over (text, ref) pairs, in order, in batches of at most ``batch_size`` blocks
    and about ``batch_chars`` characters: the parser's memory grows with the tokens in a batch,
    so a batch of long blocks is cut short (memory stays bounded whatever the input)."""
    batch: list[tuple[str, BlockRef]] = []
    size = 0
    for item in items:
        batch.append(item)
        size += len(item[0])
        if len(batch) >= batch_size or size >= batch_chars:
            yield from nlp.pipe(batch, as_tuples=True, batch_size=len(batch))
            batch, size = [], 0
    if batch:
        yield from nlp.pipe(batch, as_tuples=True, batch_size=len(batch))
