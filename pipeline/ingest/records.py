"""Ingest's records: a scanned source file, an article (built in one place), a reject with a named reason."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pipeline.ingest.dates import parse_published
from pipeline.ingest.language import detect_language
from pipeline.schemas import make_id

class Reason:
    """Why ingest refused a source: the values of ``rejects.reason`` (plain strings)."""

    #: a file or a JSON line without any text (empty, whitespace or control characters only)
    EMPTY = "empty"
    #: a file over ``max_file_bytes``, or an article over ``max_article_chars``
    TOO_LARGE = "too_large"
    #: bytes that are not text (NUL bytes, many control bytes)
    BINARY = "binary"
    #: bytes that no encoding turns into sensible text
    UNDECODABLE = "undecodable"
    #: a file that cannot be read (or stat'ed), or a symbolic link to nothing
    UNREADABLE = "unreadable"
    #: a symbolic link that leads outside the raw directory
    OUTSIDE_RAW = "outside_raw"
    #: an extension that is not one of ``pipeline.ingest.scan.FORMATS``
    UNSUPPORTED_FORMAT = "unsupported_format"
    #: HTML that the parser cannot read
    BAD_HTML = "bad_html"
    #: a JSON file or JSONL line that is not valid JSON, or not an object
    BAD_JSON = "bad_json"
    #: a JSON article without a ``text`` field
    MISSING_TEXT = "missing_text"
    #: a JSON article whose ``text`` is not a string
    BAD_TEXT = "bad_text"
    #: a second article with the same ``id`` in one file
    DUPLICATE_ID = "duplicate_id"
    #: the same article (same id and text) as one kept from another place
    DUPLICATE_CONTENT = "duplicate_content"


@dataclass(frozen=True)
class SourceFile:
    """A file found under the raw directory (cheap metadata only: nothing read yet)."""

    path: Path  # absolute path
    rel: str  # path relative to the raw directory, with "/" separators
    size: int
    mtime_ns: int
    fmt: str | None  # txt/html/jsonl/json, or None for an unsupported extension
    problem: tuple[str, str] | None = None  # (reason, detail) when it must be refused unread


@dataclass
class Article:
    """One article as ingest found it: the text every offset refers to, plus metadata (see :func:`make_article`)."""

    article_id: str
    source_path: str
    source_format: str
    text: str
    encoding: str
    source_line: int | None = None
    external_id: str | None = None
    url: str | None = None
    title: str | None = None
    author: str | None = None
    published: datetime | None = None
    published_grain: str | None = None
    language: str = "en"


#: the name the run engine and the tests use
ArticleRecord = Article


@dataclass
class Reject:
    """A source (or one line of it) that could not become an article, and why (``reason``: a :class:`Reason`)."""

    stage: str
    source_path: str
    reason: str
    detail: str
    source_line: int | None = None
    article_id: str | None = None

    def row(self, run_id: str) -> dict:
        """The ``rejects`` table row for this reject."""
        return {
            "reject_id": make_id("reject", self.stage, self.source_path, self.source_line, self.reason, self.article_id),
            "stage": self.stage,
            "source_path": self.source_path,
            "source_line": self.source_line,
            "article_id": self.article_id,
            "reason": self.reason,
            "detail": self.detail,
            "run_id": run_id,
        }


def refuse(source_path: str, reason: str, detail: str, line: int | None = None, article_id: str | None = None) -> Reject:
    """An ingest-stage reject."""
    return Reject("ingest", source_path, reason, detail, line, article_id)


def article_id_for(text: str, external_id: str | None) -> str:
    """The stable id of an article: derived from its text (and the id its source gave it, if any)."""
    return make_id("article", external_id or "", text)


def make_article(src_rel: str, fmt: str, text: str, encoding: str, *, line: int | None = None,
                 meta: dict | None = None) -> Article:
    """The one place an :class:`Article` is built: id from the content, metadata fields cleaned
    (``id``, ``url``, ``title``, ``author``, ``published`` or ``date``), language detected."""
    meta = meta or {}
    ext = meta.get("id")
    ext = str(ext) if ext is not None and ext != "" else None
    published, grain = parse_published(meta.get("published") or meta.get("date"))

    def opt(key: str) -> str | None:
        val = meta.get(key)
        return val.strip() or None if isinstance(val, str) else None

    return Article(
        article_id=article_id_for(text, ext),
        source_path=src_rel,
        source_format=fmt,
        text=text,
        encoding=encoding,
        source_line=line,
        external_id=ext,
        url=opt("url"),
        title=opt("title"),
        author=opt("author"),
        published=published,
        published_grain=grain,
        language=detect_language(text),
    )
