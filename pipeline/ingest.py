"""Stage 1, ingest: raw files → article records (and rejects with a reason).

Formats: ``*.txt`` (plain text, encoding detected), ``*.html``/``*.htm`` (main text and
title/author/date with trafilatura, offline), ``*.jsonl`` (one article a line) and ``*.json``
(one article or a list).  For JSON/JSONL the ``text`` is stored exactly as given, so offsets
into it are offsets into the source; plain text only has its line endings normalised to ``\\n``.

The core (:func:`parse_source`) is pure: bytes in, records and rejects out.  :func:`scan` is
the I/O edge: it lists the files under the raw directory with cheap metadata.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from pipeline.schemas import make_id

FORMATS = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".jsonl": "jsonl", ".json": "json"}

_ENGLISH_STOPWORDS = frozenset(
    """a about after all also an and any are as at be been but by can could did do for from had has
    have he her his how i if in into is it its just more most my no not of on one or our out over
    said she so some than that the their them then there these they this to up was we were what when
    which who will with would you""".split()
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


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
class ArticleRecord:
    """One article as ingest found it: the text every offset refers to, plus metadata."""

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
    extra: dict = field(default_factory=dict)


@dataclass
class Reject:
    """A source (or one line of it) that could not become an article, and why."""

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


def scan(raw_dir: Path, max_file_bytes: int) -> list[SourceFile]:
    """Every non-hidden file under ``raw_dir``, sorted by relative path, with size and mtime.

    Symbolic links that resolve outside ``raw_dir`` (or nowhere) are listed with a problem
    instead of being followed; directories are not followed through links.
    """
    root = raw_dir.resolve()
    found: list[SourceFile] = []
    for dirpath, dirnames, filenames in os.walk(raw_dir, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = Path(dirpath) / name
            rel = path.relative_to(raw_dir).as_posix()
            fmt = FORMATS.get(path.suffix.lower())
            problem = None
            try:
                if path.is_symlink():
                    target = path.resolve()
                    if not target.is_relative_to(root):
                        problem = ("outside_raw", f"symbolic link points outside the raw directory ({target})")
                    elif not target.is_file():
                        problem = ("unreadable", "symbolic link to a missing file")
                st = path.stat() if problem is None else path.lstat()
            except OSError as exc:
                found.append(SourceFile(path, rel, 0, 0, fmt, ("unreadable", f"cannot stat: {exc}")))
                continue
            if problem is None and fmt is None:
                problem = ("unsupported_format", f"extension {path.suffix or '(none)'} is not one of {sorted(FORMATS)}")
            if problem is None and fmt != "jsonl" and st.st_size > max_file_bytes:
                problem = ("too_large", f"{st.st_size} bytes is over the limit of {max_file_bytes}")
            found.append(SourceFile(path, rel, st.st_size, st.st_mtime_ns, fmt, problem))
    return found


def article_id_for(text: str, external_id: str | None) -> str:
    """The stable id of an article: derived from its text (and the id its source gave it, if any)."""
    return make_id("article", external_id or "", text)


def detect_language(text: str) -> str:
    """The language of ``text``: ``en`` unless there is positive evidence of another language.

    Only lower-case words count (names, headings and the figures of a results table say nothing
    about the language).  A text whose lower-case words are mostly common English function words
    is English; otherwise the function words of other common languages (``_OTHER_FUNCTION_WORDS``)
    are counted too, and the text is that language only when its share is high and beats
    English's.  A text written mostly in a script English does not use (CJK, Cyrillic, Arabic…)
    is ``und``.  Short or word-poor texts (a sports results table: "beat", "metres", "seconds")
    stay English: they have no evidence of anything else.
    """
    sample = text[:20000]
    letters = [c for c in sample if c.isalpha()]
    if letters and sum(1 for c in letters if _foreign_script(c)) > len(letters) / 2:
        return "und"
    words = [w for w in _WORD.findall(sample) if w.islower()]
    if len(words) < 20:
        return "en"
    english = sum(w in _ENGLISH_STOPWORDS for w in words) / len(words)
    if english >= 0.12:
        return "en"
    best, best_share = "en", english
    for lang, vocab in _OTHER_FUNCTION_WORDS.items():
        share = sum(w in vocab for w in words) / len(words)
        if share >= 0.12 and share > best_share:
            best, best_share = lang, share
    return best


def _foreign_script(c: str) -> bool:
    """True for a letter outside the Latin script (Latin-1, Latin Extended A/B and Additional)."""
    o = ord(c)
    return o > 0x24F and not 0x1E00 <= o <= 0x1EFF


#: the commonest function words of other languages that use the Latin script (words that are
#: also English, like "in", "on", "die", are left out: they are evidence of nothing, and so are one-letter
#: words, which tokenised English is full of: "s" of "Men 's", "o" of "o'clock")
_OTHER_FUNCTION_WORDS = {
    lang: frozenset(w for w in words.split() if len(w) > 1) - _ENGLISH_STOPWORDS
    for lang, words in {
        "de": "der die das den dem des ein eine einer eines einem einen und oder aber auch auf aus bei bis durch für "
              "gegen mit nach ohne über um unter von vor zu zum zur ist sind war waren wird werden wurde hat haben "
              "nicht noch nur sich sie er es wir ich dass wie wenn als im am sehr schon dann doch kann diese",
        "fr": "le la les un une des du de et ou mais dans sur pour par avec sans est sont été être il elle ils elles "
              "nous vous qui que dont où ce cette ces au aux pas plus ne se sa son ses leur",
        "es": "el la los las del al y o pero en con sin por para es son fue ser ha han lo que como más su sus una "
              "unos unas este esta esto ese esa se le les muy ya también entre sobre hasta cuando",
        "it": "il lo la gli le della delle dei degli di del e ed ma nel nella con per tra fra è sono che non più suo "
              "sua un una uno anche come questo questa alla alle",
        "pt": "o os as da do das dos em na nas nos um uma é são foi com por para não mais seu sua que de e se ao "
              "também pelo pela",
        "nl": "het een en van op te dat die niet met voor zijn aan er maar ook als bij uit dan nog wel de is werd "
              "wordt naar door over hij zij",
        "pl": "w z na do nie się że jest to jak od po przez oraz ale czy są był była było dla jego jej i tak już",
        "sv": "och att det som för med på av är inte till den har de ett en om var men från vid",
        "da": "og at det som for med på af er ikke til den har de et en om var men fra ved",
        "no": "og at det som for med på av er ikke til den har de et en om var men fra ved jeg",
        "fi": "ja on ei se että oli ovat mutta kun niin myös joka tai ole hän sen mitä",
        "tr": "ve bir bu da de için ile olarak çok daha gibi ama olan en ne kadar sonra",
        "id": "dan yang di ke dari untuk dengan ini itu tidak ada pada akan juga dalam oleh",
        "ro": "și în la de cu pe că nu este sunt fost pentru din care mai un o ale al",
        "cs": "a v na se že je to s z do o jako ale pro jsou by byl bylo jeho",
        "vi": "và của là có trong được cho không các những với này một người đã",
    }.items()
}


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text in any encoding we read (NULs, many control bytes)."""
    head = data[:65536]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return False
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return control > max(8, len(head) // 100)


def decode(data: bytes) -> tuple[str, str]:
    """Bytes → (text, encoding name). Raises ValueError when no encoding gives sensible text.

    A BOM wins; then strict UTF-8; then UTF-8 with a handful of bad bytes replaced (a damaged
    UTF-8 file); then Windows-1252; then charset-normalizer's best guess.
    """
    for bom, enc in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as exc:
                raise ValueError(f"file starts with a {enc} byte-order mark but does not decode: {exc}") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    multibyte = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    if bad <= max(3, len(text) // 1000) and multibyte >= bad:
        return text, "utf-8-replaced"
    # Windows-1252 (a superset of Latin-1) is by far the commonest legacy encoding of English
    # news; take it when it decodes without control characters, else ask charset-normalizer.
    try:
        legacy = data.decode("cp1252")
        if not any(0x80 <= ord(c) <= 0x9F for c in legacy):
            return legacy, "cp1252"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # imported lazily: only damaged files need it

    best = from_bytes(data).best()
    if best is None:
        raise ValueError("no text encoding fits these bytes")
    return str(best), best.encoding


def clean_text(text: str) -> str:
    """Plain-text normalisation that keeps the words: line endings → ``\\n``, NULs dropped."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")


def _is_empty(text: str) -> bool:
    return not text.strip() or all(unicodedata.category(c)[0] in "ZC" for c in text)


def parse_published(value) -> tuple[datetime | None, str | None]:
    """A metadata date (ISO string, 'YYYY-MM-DD', or a common written date) → (datetime, grain)."""
    if value is None or value == "":
        return None, None
    if not isinstance(value, str):
        return None, None
    value = value.strip()
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        try:
            return datetime(int(m[1]), int(m[2]), int(m[3])), "day"
        except ValueError:
            return None, None
    m = re.fullmatch(r"(\d{4})-(\d{2})", value)
    if m and 1 <= int(m[2]) <= 12:
        return datetime(int(m[1]), int(m[2]), 1), "month"
    if re.fullmatch(r"\d{4}", value):
        return datetime(int(value), 1, 1), "year"
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
        grain = "day" if (dt.hour, dt.minute, dt.second) == (0, 0, 0) else "minute"
        return dt.replace(tzinfo=None), grain
    except ValueError:
        pass
    import dateparser  # lazily: only for unusual metadata dates

    dt = dateparser.parse(value, languages=["en"], settings={"STRICT_PARSING": True, "RETURN_AS_TIMEZONE_AWARE": False})
    return (dt, "day") if dt else (None, None)


def _record(src_rel: str, fmt: str, text: str, encoding: str, *, line: int | None = None, meta: dict | None = None) -> ArticleRecord:
    meta = meta or {}
    ext = meta.get("id")
    ext = str(ext) if ext is not None and ext != "" else None
    published, grain = parse_published(meta.get("published") or meta.get("date"))

    def opt(key: str) -> str | None:
        val = meta.get(key)
        return val.strip() or None if isinstance(val, str) else None

    return ArticleRecord(
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


def _check_text(text: str, rel: str, max_chars: int, line: int | None = None) -> Reject | None:
    if _is_empty(text):
        return Reject("ingest", rel, "empty", "no text (empty or whitespace only)", line)
    if len(text) > max_chars:
        return Reject("ingest", rel, "too_large", f"{len(text)} characters is over the limit of {max_chars}", line)
    return None


def _json_article(obj, rel: str, fmt: str, max_chars: int, line: int | None) -> ArticleRecord | Reject:
    if not isinstance(obj, dict):
        return Reject("ingest", rel, "bad_json", f"expected an object, got {type(obj).__name__}", line)
    text = obj.get("text")
    if text is None:
        return Reject("ingest", rel, "missing_text", "no 'text' field", line)
    if not isinstance(text, str):
        return Reject("ingest", rel, "bad_text", f"'text' is a {type(text).__name__}, not a string", line)
    problem = _check_text(text, rel, max_chars, line)
    if problem:
        return problem
    return _record(rel, fmt, text, "utf-8", line=line, meta=obj)


def _parse_html(data: bytes, rel: str, max_chars: int) -> list[ArticleRecord | Reject]:
    import trafilatura  # lazily: only HTML sources need it

    try:
        html, _enc = decode(data)
    except ValueError as exc:
        return [Reject("ingest", rel, "undecodable", str(exc))]
    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_recall=True)
    except Exception as exc:  # lxml raises many kinds on hostile markup
        return [Reject("ingest", rel, "bad_html", f"HTML could not be parsed: {type(exc).__name__}: {exc}")]
    if doc is None:
        return [Reject("ingest", rel, "empty", "no main text found in the HTML page")]
    get = doc.get if isinstance(doc, dict) else lambda k: getattr(doc, k, None)
    text = clean_text(get("text") or "")
    problem = _check_text(text, rel, max_chars)
    if problem:
        return [problem]
    meta = {"title": get("title"), "author": get("author"), "published": get("date"), "url": get("url")}
    return [_record(rel, "html", text, _enc, meta=meta)]


def parse_source(rel: str, fmt: str, data: bytes, max_chars: int) -> list[ArticleRecord | Reject]:
    """One source file's bytes → its articles and rejects (pure; never raises on bad input)."""
    if not data.strip():
        return [Reject("ingest", rel, "empty", "the file is empty")]
    if fmt == "jsonl":
        out: list[ArticleRecord | Reject] = []
        for lineno, raw_line in enumerate(data.splitlines(), start=1):
            if not raw_line.strip():
                continue
            try:
                obj = json.loads(raw_line)
            except (UnicodeDecodeError, ValueError) as exc:
                out.append(Reject("ingest", rel, "bad_json", f"line {lineno} is not valid JSON: {exc}", lineno))
                continue
            out.append(_json_article(obj, rel, "jsonl", max_chars, lineno))
        return out
    if looks_binary(data):
        return [Reject("ingest", rel, "binary", "the file holds binary data, not text")]
    if fmt == "html":
        return _parse_html(data, rel, max_chars)
    try:
        text, encoding = decode(data)
    except ValueError as exc:
        return [Reject("ingest", rel, "undecodable", str(exc))]
    if fmt == "json":
        try:
            obj = json.loads(text)
        except ValueError as exc:
            return [Reject("ingest", rel, "bad_json", f"not valid JSON: {exc}")]
        items = obj if isinstance(obj, list) else [obj]
        return [_json_article(item, rel, "json", max_chars, i if isinstance(obj, list) else None) for i, item in enumerate(items, start=1)]
    text = clean_text(text)
    problem = _check_text(text, rel, max_chars)
    if problem:
        return [problem]
    return [_record(rel, "txt", text, encoding)]


def read_source(src: SourceFile, max_chars: int) -> list[ArticleRecord | Reject]:
    """Read one scanned file and parse it; problems found while scanning become rejects."""
    if src.problem:
        return [Reject("ingest", src.rel, src.problem[0], src.problem[1])]
    try:
        data = src.path.read_bytes()
    except OSError as exc:
        return [Reject("ingest", src.rel, "unreadable", f"cannot read: {exc}")]
    return parse_source(src.rel, src.fmt or "txt", data, max_chars)


def dedupe(records: list[ArticleRecord]) -> tuple[list[ArticleRecord], list[Reject]]:
    """Keep one record per article id (the first by source path and line) and one per
    (source file, external id); the others become rejects that name the article kept."""
    kept: dict[str, ArticleRecord] = {}
    seen_ext: dict[tuple[str, str], str] = {}
    rejects: list[Reject] = []
    for rec in sorted(records, key=lambda r: (r.source_path, r.source_line or 0)):
        if rec.external_id is not None:
            key = (rec.source_path, rec.external_id)
            if key in seen_ext and seen_ext[key] != rec.article_id:
                rejects.append(Reject("ingest", rec.source_path, "duplicate_id",
                                      f"id {rec.external_id!r} was already used in this file by another article", rec.source_line, rec.article_id))
                continue
            seen_ext[key] = rec.article_id
        if rec.article_id in kept:
            first = kept[rec.article_id]
            where = first.source_path + (f" line {first.source_line}" if first.source_line else "")
            rejects.append(Reject("ingest", rec.source_path, "duplicate_content",
                                  f"same article as {where}", rec.source_line, rec.article_id))
            continue
        kept[rec.article_id] = rec
    return list(kept.values()), rejects
