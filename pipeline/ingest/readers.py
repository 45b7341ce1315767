"""Readers, one per format: a source file's bytes → its articles and rejects (pure; never raises on bad input).

- ``txt``: plain text, encoding detected, line endings normalised to ``\\n``;
- ``html``: main text and title/author/date with trafilatura (offline);
- ``jsonl``: one article a line; ``json``: one article or a list.  For JSON the ``text`` is stored
  exactly as given, so offsets into it are offsets into the source.

To add a format: write ``read_<fmt>(rel, data, max_chars)`` here, register it in :data:`READERS`
and its extensions in :data:`pipeline.ingest.scan.FORMATS`.
"""

from __future__ import annotations

import json
import unicodedata
from typing import Callable

from pipeline.ingest.encoding import clean_text, decode, looks_binary
from pipeline.ingest.records import Article, Reason, Reject, make_article, refuse

Items = list[Article | Reject]


def _is_empty(text: str) -> bool:
    return not text.strip() or all(unicodedata.category(c)[0] in "ZC" for c in text)


def _check_text(text: str, rel: str, max_chars: int, line: int | None = None) -> Reject | None:
    """A reject when the text is empty or too long, else None."""
    if _is_empty(text):
        return refuse(rel, Reason.EMPTY, "no text (empty or whitespace only)", line)
    if len(text) > max_chars:
        return refuse(rel, Reason.TOO_LARGE, f"{len(text)} characters is over the limit of {max_chars}", line)
    return None


def _decoded(rel: str, data: bytes) -> tuple[str, str] | Reject:
    """(text, encoding) of the bytes, or an ``undecodable`` reject."""
    try:
        return decode(data)
    except ValueError as exc:
        return refuse(rel, Reason.UNDECODABLE, str(exc))


def _json_article(obj, rel: str, fmt: str, max_chars: int, line: int | None) -> Article | Reject:
    """One JSON object → an article (``text`` required; ``id``, ``title``, ``url``, ``author``, ``published`` optional)."""
    if not isinstance(obj, dict):
        return refuse(rel, Reason.BAD_JSON, f"expected an object, got {type(obj).__name__}", line)
    text = obj.get("text")
    if text is None:
        return refuse(rel, Reason.MISSING_TEXT, "no 'text' field", line)
    if not isinstance(text, str):
        return refuse(rel, Reason.BAD_TEXT, f"'text' is a {type(text).__name__}, not a string", line)
    problem = _check_text(text, rel, max_chars, line)
    if problem:
        return problem
    return make_article(rel, fmt, text, "utf-8", line=line, meta=obj)


def read_jsonl(rel: str, data: bytes, max_chars: int) -> Items:
    """One article per non-blank line; a bad line is a reject that names its line number."""
    out: Items = []
    for lineno, raw_line in enumerate(data.splitlines(), start=1):
        if not raw_line.strip():
            continue
        try:
            obj = json.loads(raw_line)
        except (UnicodeDecodeError, ValueError) as exc:
            out.append(refuse(rel, Reason.BAD_JSON, f"line {lineno} is not valid JSON: {exc}", lineno))
            continue
        out.append(_json_article(obj, rel, "jsonl", max_chars, lineno))
    return out


def read_html(rel: str, data: bytes, max_chars: int) -> Items:
    """The page's main text and metadata, extracted by trafilatura (offline)."""
    import trafilatura  # lazily: only HTML sources need it

    decoded = _decoded(rel, data)
    if isinstance(decoded, Reject):
        return [decoded]
    html, encoding = decoded
    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_recall=True)
    except Exception as exc:  # lxml raises many kinds on hostile markup
        return [refuse(rel, Reason.BAD_HTML, f"HTML could not be parsed: {type(exc).__name__}: {exc}")]
    if doc is None:
        return [refuse(rel, Reason.EMPTY, "no main text found in the HTML page")]
    get = doc.get if isinstance(doc, dict) else lambda k: getattr(doc, k, None)
    text = clean_text(get("text") or "")
    problem = _check_text(text, rel, max_chars)
    if problem:
        return [problem]
    meta = {"title": get("title"), "author": get("author"), "published": get("date"), "url": get("url")}
    return [make_article(rel, "html", text, encoding, meta=meta)]


def read_json(rel: str, data: bytes, max_chars: int) -> Items:
    """One article (an object) or several (a list of objects, numbered from 1 as their ``source_line``)."""
    decoded = _decoded(rel, data)
    if isinstance(decoded, Reject):
        return [decoded]
    try:
        obj = json.loads(decoded[0])
    except ValueError as exc:
        return [refuse(rel, Reason.BAD_JSON, f"not valid JSON: {exc}")]
    items = obj if isinstance(obj, list) else [obj]
    return [_json_article(item, rel, "json", max_chars, i if isinstance(obj, list) else None) for i, item in enumerate(items, start=1)]


def read_txt(rel: str, data: bytes, max_chars: int) -> Items:
    """The whole file is one article (encoding detected, line endings normalised, NULs dropped)."""
    decoded = _decoded(rel, data)
    if isinstance(decoded, Reject):
        return [decoded]
    text, encoding = decoded
    text = clean_text(text)
    problem = _check_text(text, rel, max_chars)
    if problem:
        return [problem]
    return [make_article(rel, "txt", text, encoding)]


#: the reader of each format
READERS: dict[str, Callable[[str, bytes, int], Items]] = {
    "txt": read_txt, "html": read_html, "jsonl": read_jsonl, "json": read_json,
}


def parse_source(rel: str, fmt: str, data: bytes, max_chars: int) -> Items:
    """One source file's bytes → its articles and rejects (pure; never raises on bad input)."""
    if not data.strip():
        return [refuse(rel, Reason.EMPTY, "the file is empty")]
    if fmt != "jsonl" and looks_binary(data):
        return [refuse(rel, Reason.BINARY, "the file holds binary data, not text")]
    return READERS.get(fmt, read_txt)(rel, data, max_chars)
