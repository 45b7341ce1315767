"""Stage 1, ingest: raw files → articles (and rejects with a named reason).

Formats: ``*.txt`` (plain text, encoding detected), ``*.html``/``*.htm`` (main text and
title/author/date with trafilatura, offline), ``*.jsonl`` (one article a line) and ``*.json``
(one article or a list).  For JSON/JSONL the ``text`` is stored exactly as given, so offsets
into it are offsets into the source; plain text only has its line endings normalised to ``\\n``.

Where things are: ``scan`` (list the raw directory, read one file: the I/O edge), ``readers``
(one reader per format; :func:`parse_source` is pure: bytes in, articles and rejects out),
``encoding`` (bytes → text), ``language``, ``dates`` (metadata dates), ``records``
(:class:`Article`, built only by :func:`make_article`; :class:`Reject` and its :class:`Reason`
names), ``dedupe``, ``words`` (word lists).
"""

from pipeline.ingest.dates import parse_published
from pipeline.ingest.dedupe import dedupe
from pipeline.ingest.encoding import clean_text, decode, looks_binary
from pipeline.ingest.language import detect_language
from pipeline.ingest.readers import READERS, parse_source
from pipeline.ingest.records import Article, ArticleRecord, Reason, Reject, SourceFile, article_id_for, make_article
from pipeline.ingest.scan import FORMATS, read_source, scan

__all__ = [
    "FORMATS", "READERS", "Article", "ArticleRecord", "Reason", "Reject", "SourceFile", "article_id_for",
    "clean_text", "decode", "dedupe", "detect_language", "looks_binary", "make_article", "parse_published",
    "parse_source", "read_source", "scan",
]
