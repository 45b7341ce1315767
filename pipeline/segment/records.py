"""The segmenter's output records: typed blocks, sentences, in-text metadata (built once each)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

#: every kind a block can have
KINDS = ("title", "byline", "dateline", "body", "caption", "credit", "embed", "boilerplate")
#: the kinds that make up the main text of an article
MAIN_KINDS = frozenset({"title", "body"})
#: the kinds whose blocks are split into sentences
SENTENCE_KINDS = frozenset({"title", "body", "caption", "byline", "dateline"})


@dataclass(frozen=True)
class Block:
    """A stripped, non-empty run of text (normally one line) and what kind of text it is."""

    char_start: int
    char_end: int
    kind: str
    score: float  # confidence in the kind, in [0, 1]
    rule: str  # short name of the deciding rule or model


@dataclass(frozen=True)
class Sentence:
    """A sentence inside one block; ``block`` indexes ``Segmentation.blocks``."""

    char_start: int
    char_end: int
    block: int


@dataclass(frozen=True)
class TextMeta:
    """Metadata found in the article text itself, with the spans it was read from."""

    title: str | None
    title_span: tuple[int, int] | None
    author: str | None
    author_span: tuple[int, int] | None
    published: datetime | None
    published_grain: str | None  # "day" / "month" / "minute"
    published_span: tuple[int, int] | None


NO_META = TextMeta(None, None, None, None, None, None, None)


@dataclass(frozen=True)
class Segmentation:
    """Blocks in text order, sentences in text order, and the in-text metadata."""

    blocks: list[Block]
    sentences: list[Sentence]
    meta: TextMeta
