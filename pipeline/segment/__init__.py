"""Stage 2, segment: an article's text → typed blocks, sentences and in-text metadata (title, date, author).

The scraper saves *all* visible text of a page, so an article arrives with navigation, bylines,
photo captions, social-media embeds and footers mixed in.  :func:`segment_text` splits the text
into blocks, gives every block a kind from :data:`KINDS`, splits the blocks that carry prose into
sentences, and pulls the title, the author and the publication date out of the text itself.
Everything is language-general (block length, punctuation, function-word density, list- and
link-likeness, position, repetition in the page and across the corpus).

Where things are:

- ``lines`` (text → blocks, line keys), ``corpus`` (lines common across the corpus), ``blocks`` (each block's surface features and dates:
  :class:`Page`), ``dates`` and ``names`` (dates and by-lines written in page furniture),
  ``words`` (the word lists);
- ``registry`` and ``features`` (every classifier input declared once: name and value),
  ``model`` (weights.json), ``classifier`` (main-text probabilities, Viterbi decoding);
- ``layout`` (named layout rules with their examples), ``meta/`` (title, date and author
  pickers and their ranker), ``segmenter`` (the passes, in order), ``sentences``;
- ``fit`` (the learning algorithms ``python -m pipeline.train_segmenter`` uses).

All functions are pure (the model weights are read once, lazily) and ``segment_text`` never raises.
"""

from pipeline.segment.blocks import Page, Surface, analyse
from pipeline.segment.features import STAGE2_FEATURES, stage1_names, stage1_rows, stage2_rows
from pipeline.segment.layout import ALL_RULES, LINE_RULES, PAGE_RULES
from pipeline.segment.corpus import common_lines
from pipeline.segment.lines import line_key
from pipeline.segment.meta.author import AUTHOR_FEATURES
from pipeline.segment.meta.published import DATE_FEATURES
from pipeline.segment.meta.title import TITLE_FEATURES
from pipeline.segment.model import MODEL_PATH, current_model, use_model
from pipeline.segment.records import KINDS, MAIN_KINDS, SENTENCE_KINDS, Block, Segmentation, Sentence, TextMeta
from pipeline.segment.segmenter import segment_text

__all__ = [
    "ALL_RULES", "AUTHOR_FEATURES", "Block", "DATE_FEATURES", "KINDS", "LINE_RULES", "MAIN_KINDS", "MODEL_PATH",
    "PAGE_RULES", "Page", "SENTENCE_KINDS", "STAGE2_FEATURES", "Segmentation", "Sentence", "Surface",
    "TITLE_FEATURES", "TextMeta", "analyse", "common_lines", "current_model", "line_key", "segment_text",
    "stage1_names", "stage1_rows", "stage2_rows", "use_model",
]
