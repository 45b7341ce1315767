"""Stage 5, quotes: who said what — direct quotations and reported speech with their speakers.

Two steps, so that no spaCy ``Doc`` outlives its block:

- :func:`block_records` (per block, while the ``Doc`` is alive): plain records of the cues the
  parse shows, their sources and contents; only sentences :func:`needs_parse` flags are read;
- :func:`quote_rows` (per article, after names are resolved): the quotations found on the whole
  text, joined with those records and the resolved mentions → rows of the ``quotes`` table.
"""

from pipeline.quotes.assemble import quote_rows
from pipeline.quotes.cues import needs_parse
from pipeline.quotes.syntax import CueRecord, block_records

__all__ = ["CueRecord", "block_records", "needs_parse", "quote_rows"]
