"""Stage 3, recognise: segments -> mentions, with spaCy NER run over the blocks that carry the story.

Only blocks that carry the story or its metadata are read by the model
(:func:`~pipeline.recognise.blocks.blocks_to_read`); boilerplate and social-media embeds are
skipped.  Every mention has character offsets into the article text, its block (segment) id and
its sentence id.  Spans are tidied here, where the model's tokens are at hand: a possessive or
trailing punctuation is never part of a name, date expressions get their full TIMEX3 extent, and
the noun a count applies to is read from the dependency parse.

Modules: ``blocks`` (what the model reads), ``model`` (spaCy loading and batching), ``mentions``
(the :class:`Mention` record and the mentions of one block), ``spans`` (span tidying, overlap
policy), ``dates`` (date-span finding), ``counting`` (the counted noun).
"""

from pipeline.recognise.blocks import CLEAN_TEXT_MAX_OUTSIDE, NER_KINDS, BlockRef, blocks_to_read, pieces
from pipeline.recognise.mentions import (
    NAME_LABELS,
    NUMERIC_LABELS,
    TEMPORAL_LABELS,
    Mention,
    SentenceIndex,
    doc_mentions,
    to_rows,
)
from pipeline.recognise.model import load_nlp, run_ner

__all__ = [
    "CLEAN_TEXT_MAX_OUTSIDE", "NER_KINDS", "BlockRef", "blocks_to_read", "pieces", "NAME_LABELS", "NUMERIC_LABELS",
    "TEMPORAL_LABELS", "Mention", "SentenceIndex", "doc_mentions", "to_rows", "load_nlp", "run_ner",
]
