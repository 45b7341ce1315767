"""Per-article compute, run by workers: segment → recognise → normalise for a shard of articles.

It chains the pure stage functions so that a spaCy ``Doc`` never leaves the process that made it:
a shard comes back as compact Arrow tables (one per output table) plus each article's metadata and
rejects.  A failure in one article becomes a reject for that article; the others go on.  The model
is loaded once per worker process (:func:`init_worker`), never sent with a shard.
"""

from __future__ import annotations

import os
import time
import traceback
from dataclasses import dataclass, field
from datetime import datetime

from pipeline.faults import poison_point
from pipeline.schemas import ALL_TABLES, make_id


@dataclass
class ArticleTask:
    """What a worker needs to know of one article."""

    article_id: str
    text: str
    language: str
    published: datetime | None
    published_grain: str | None
    title: str | None = None
    author: str | None = None


@dataclass
class ArticleResult:
    """Everything the later stages produced for one article."""

    article_id: str
    rows: dict[str, list[dict]] = field(default_factory=dict)
    meta: dict = field(default_factory=dict)  # title/author/published found in the text
    rejects: list[tuple[str, str, str]] = field(default_factory=list)  # (stage, reason, detail)
    n_words: int = 0


@dataclass
class Shard:
    """A unit of work sent to a worker: a few dozen articles (sized by words)."""

    shard_id: str
    tasks: list[ArticleTask]

    @property
    def n_words(self) -> int:
        return sum(len(t.text.split()) for t in self.tasks)


@dataclass
class ShardResult:
    """What a worker sends back for a shard: one Arrow table per output table, and per article
    its metadata found in the text, its rejects and its word count."""

    shard_id: str
    tables: dict[str, "object"]  # table name → pa.Table
    articles: dict[str, dict]  # article id → {"meta", "rejects", "n_words"}
    timings: dict[str, float]


_NLP = None
_NLP_KEY: tuple | None = None  # (model, components) of the loaded pipeline


def init_worker(model: str | None, components: tuple[str, ...]) -> None:
    """Prepare this process to work on shards: one BLAS/OpenMP thread (the cores go to
    processes), and the model loaded once (none for segment-only runs; kept across runs of a
    long-lived worker when the same model is asked for)."""
    global _NLP, _NLP_KEY
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    if model and _NLP_KEY != (model, tuple(components)):
        from pipeline.recognise import load_nlp

        _NLP = load_nlp(model, components)
        _NLP_KEY = (model, tuple(components))


_RUN_COMMON: dict[str, frozenset] = {}  # run token → the common lines of that run (Dask workers)


def set_run_context(token: str, common_lines: frozenset) -> None:
    """Remember a run's common lines in this worker process (set by the worker plugin)."""
    _RUN_COMMON[token] = common_lines


def drop_run_context(token: str) -> None:
    _RUN_COMMON.pop(token, None)


def process_shard_of_run(token: str, shard: "Shard", until: str, batch_size: int, max_block_chars: int) -> "ShardResult":
    """:func:`process_shard` on a Dask worker, with the common lines its run's plugin left here."""
    if token not in _RUN_COMMON:
        raise RuntimeError(f"no context for run {token} on this worker: its plugin was not set up")
    return process_shard(shard, until, batch_size, max_block_chars, _RUN_COMMON[token])


def segment_rows(task: ArticleTask, seg) -> tuple[list[dict], list[dict]]:
    """``segments`` and ``sentences`` rows for one article's segmentation."""
    from pipeline.segment import MAIN_KINDS

    text = task.text
    seg_ids = [make_id("segment", task.article_id, b.char_start, b.char_end) for b in seg.blocks]
    segments = [
        {
            "segment_id": seg_ids[i],
            "article_id": task.article_id,
            "seq": i,
            "char_start": b.char_start,
            "char_end": b.char_end,
            "kind": b.kind,
            "is_main": b.kind in MAIN_KINDS,
            "score": float(b.score),
            "rule": b.rule,
            "n_words": len(text[b.char_start : b.char_end].split()),
        }
        for i, b in enumerate(seg.blocks)
    ]
    sentences = [
        {
            "sentence_id": make_id("sentence", task.article_id, s.char_start, s.char_end),
            "article_id": task.article_id,
            "segment_id": seg_ids[s.block],
            "seq": i,
            "char_start": s.char_start,
            "char_end": s.char_end,
        }
        for i, s in enumerate(seg.sentences)
    ]
    return segments, sentences


def _text_meta(task: ArticleTask, seg) -> dict:
    meta = seg.meta
    out = {
        "title": task.title, "title_source": "metadata" if task.title else None,
        "author": task.author, "author_source": "metadata" if task.author else None,
        "published": task.published, "published_grain": task.published_grain,
        "published_source": "metadata" if task.published else "none",
        "published_char_start": None, "published_char_end": None,
    }
    if not task.title and meta.title:
        out.update(title=meta.title, title_source="text")
    if not task.author and meta.author:
        out.update(author=meta.author, author_source="text")
    if not task.published and meta.published:
        out.update(published=meta.published, published_grain=meta.published_grain, published_source="text")
        if meta.published_span:
            out.update(published_char_start=meta.published_span[0], published_char_end=meta.published_span[1])
    return out


@dataclass
class _Work:
    """One article on its way through the stages in a worker (never leaves the worker)."""

    task: ArticleTask
    res: ArticleResult
    segments: list[dict] = field(default_factory=list)
    sentences: list[dict] = field(default_factory=list)
    mentions: list | None = None  # None: the model did not read it (not English, or an error)
    pieces: list = field(default_factory=list)  # (start, end) of each text the model read, in order
    cues: list | None = None  # attribution cue records per block; None: the quotes stage is off or failed

    def reject(self, stage: str, reason: str, detail: str) -> None:
        self.res.rejects.append((stage, reason, detail))


def _segment_all(tasks: list[ArticleTask], common_lines: frozenset) -> tuple[list[ArticleResult], list[_Work]]:
    """Segment every article: the results of all (in task order), and the articles that go on
    (one that fails is a reject and goes no further)."""
    from pipeline.segment import segment_text

    results, out = [], []
    for task in tasks:
        poison_point(task.text)
        w = _Work(task, ArticleResult(task.article_id, n_words=len(task.text.split())))
        results.append(w.res)
        try:
            seg = segment_text(task.text, common_lines=common_lines)
            w.segments, w.sentences = segment_rows(task, seg)
            w.res.rows["segments"], w.res.rows["sentences"] = w.segments, w.sentences
            w.res.meta = _text_meta(task, seg)
        except Exception as exc:  # skip-article error: record it, go on
            w.reject("segment", "error", _describe(exc))
            continue
        out.append(w)
    return results, out


def _recognise_all(work: list[_Work], batch_size: int, max_block_chars: int, with_quotes: bool,
                   timings: dict[str, float]) -> None:
    """The NER model over the blocks each article's story is in: with the parser (one pass) for
    the blocks that need it (a number to explain; with quotes, a cue or a quote mark), alone for
    the others (:mod:`pipeline.recognise.parse`).  While a Doc is alive its mentions, counted nouns
    and attribution cues are read off as plain records; no Doc outlives this function."""
    from pipeline.quotes import needs_parse as quotes_need_parse
    from pipeline.recognise import BlockRef, blocks_to_read, pieces, run_ner
    from pipeline.recognise.parse import run_full, split_for_parse

    by_id: dict[str, tuple[_Work, list[int], list[str]]] = {}
    found: dict[tuple[str, int], tuple[list, list]] = {}  # (article, piece start) -> (mentions, cues)
    items = []
    for w in work:
        if w.task.language != "en":
            w.reject("recognise", "not_english",
                     f"the text reads as {w.task.language!r}, not English; the English NER model was not run on it")
            continue
        w.mentions, w.cues = [], [] if with_quotes else None
        by_id[w.task.article_id] = (w, [s["char_start"] for s in w.sentences], [s["sentence_id"] for s in w.sentences])
        for seg_row in blocks_to_read(w.segments):
            for a, b in pieces(w.task.text, seg_row["char_start"], seg_row["char_end"], max_block_chars):
                w.pieces.append((a, b))
                text = w.task.text[a:b]
                items.append((text, BlockRef(w.task.article_id, seg_row["segment_id"], seg_row["kind"], a)))
    full, alone = split_for_parse(items, quotes_need_parse if with_quotes else None)
    timings["chars_read"] = timings.get("chars_read", 0) + sum(len(t) for t, _ in items)
    timings["chars_parsed"] = timings.get("chars_parsed", 0) + sum(len(t) for t, _ in full)

    t0 = time.perf_counter()
    with _NLP.memory_zone():
        for doc, ref in run_full(_NLP, full, batch_size):
            _read_doc(doc, ref, by_id, found, parsed=True)
        timings["ner_parse"] = (t1 := time.perf_counter()) - t0
        for doc, ref in run_ner(_NLP, alone, batch_size):
            _read_doc(doc, ref, by_id, found, parsed=False)
        timings["ner"] = time.perf_counter() - t1
    for w, _, _ in by_id.values():  # the records of each article in text order
        for a, _ in w.pieces:
            mentions, cues = found.get((w.task.article_id, a), ([], []))
            if w.mentions is not None:
                w.mentions.extend(mentions)
            if w.cues is not None:
                w.cues.extend(cues)


def _read_doc(doc, ref, by_id: dict, found: dict, parsed: bool) -> None:
    """One block's mentions (with counted nouns when ``parsed``) and attribution cue records."""
    from pipeline.normalise.dates import normalise_date
    from pipeline.quotes import block_records
    from pipeline.recognise import doc_mentions

    w, starts, ids = by_id[ref.article_id]
    if w.mentions is None:  # an earlier block of this article failed
        return
    try:
        mentions = doc_mentions(doc, ref, w.task.text, starts, ids, normalise_date)
    except Exception as exc:
        w.mentions = None
        w.reject("recognise", "error", _describe(exc))
        return
    cues = []
    try:
        if w.cues is not None and parsed:
            cues = block_records(doc, ref.char_start)
    except Exception as exc:  # costs the article its quotes only
        w.cues = None
        w.reject("quotes", "error", _describe(exc))
    found[(ref.article_id, ref.char_start)] = (mentions, cues)


def _normalise_all(work: list[_Work], timings: dict[str, float]) -> None:
    """Names, dates, quantities and entity contributions, then attributions, per article."""
    from pipeline.normalise import date_rows, quantity_rows
    from pipeline.normalise.names import entity_contributions, resolve_names
    from pipeline.recognise import to_rows

    t_all = time.perf_counter()
    for w in work:
        res, task = w.res, w.task
        if w.mentions is None:
            res.rows["mentions"] = []
            continue
        try:
            resolve_names(w.mentions, task.text, w.segments, w.sentences)
            blocks = {s["segment_id"]: (s["char_start"], s["char_end"]) for s in w.segments}
            anchor = res.meta.get("published")
            source = res.meta.get("published_source") or "none"
            res.rows["mentions"] = to_rows(w.mentions)
            res.rows["dates"] = date_rows(task.article_id, task.text, w.mentions, blocks, anchor, source)
            res.rows["quantities"] = quantity_rows(task.article_id, task.text, w.mentions, blocks)
            res.rows["_entity_articles"] = entity_contributions(task.article_id, w.mentions)
        except Exception as exc:
            res.rows["mentions"] = []
            w.reject("normalise", "error", _describe(exc))
            continue
        if w.cues is not None:
            t0 = time.perf_counter()
            _quotes(w)
            timings["quotes"] = timings.get("quotes", 0.0) + time.perf_counter() - t0
    timings["normalise"] = time.perf_counter() - t_all - timings.get("quotes", 0.0)


def _quotes(w: _Work) -> None:
    """Attributions of one article, after its names are resolved (a failure costs only this table)."""
    from pipeline import quotes
    from pipeline.recognise import blocks_to_read

    try:
        read_ids = {s["segment_id"] for s in blocks_to_read(w.segments)}
        w.res.rows["quotes"] = quotes.quote_rows(w.task.article_id, w.task.text, w.cues, w.res.rows["mentions"],
                                          w.segments, w.sentences, read_ids)
    except Exception as exc:
        w.res.rows["quotes"] = []
        w.reject("quotes", "error", _describe(exc))


def _copies_all(work: list[_Work]) -> None:
    """What the driver needs to find copies without the texts: each article's MinHash signature
    and passage fingerprints (over its main text), its figures' keys and its quotations' shingles."""
    from pipeline.copies.figures import figure_keys
    from pipeline.copies.quote_groups import quote_key_rows
    from pipeline.copies.signature import article_signature

    for w in work:
        aid, text, rows = w.task.article_id, w.task.text, w.res.rows
        try:
            for table, row in article_signature(aid, text, w.segments).items():
                rows[table] = [row]
            rows["_figure_keys"] = figure_keys(aid, text, rows.get("quantities", []))
            rows["_quote_keys"] = quote_key_rows(aid, text, rows.get("quotes", []))
        except Exception as exc:  # the article is kept; it is only never paired with its copies
            for table in ("_copy_signatures", "_passage_hashes", "_figure_keys", "_quote_keys"):
                rows.pop(table, None)
            w.reject("copies", "error", _describe(exc))


def process_chunk(tasks: list[ArticleTask], batch_size: int = 64, max_block_chars: int = 100_000,
                  common_lines: frozenset = frozenset(), with_quotes: bool = True,
                  with_copies: bool = False) -> tuple[list[ArticleResult], dict[str, float]]:
    """Run segment, recognise, normalise (and quotes, and the copies keys) over ``tasks``; returns
    the results in task order and the seconds each stage took."""
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    results, work = _segment_all(tasks, common_lines)
    timings["segment"] = time.perf_counter() - t0
    _recognise_all(work, batch_size, max_block_chars, with_quotes, timings)
    _normalise_all(work, timings)
    if with_copies:
        t0 = time.perf_counter()
        _copies_all(work)
        timings["copies"] = time.perf_counter() - t0
    return results, timings


def failed_shard(shard: Shard, detail: str) -> ShardResult:
    """The result of a shard whose worker kept dying or failing: each article is recorded as a
    reject (the run goes on without it)."""
    articles = {t.article_id: {"meta": {}, "rejects": [("recognise", "error", detail[:500])], "n_words": len(t.text.split())}
                for t in shard.tasks}
    return ShardResult(shard.shard_id, {}, articles, {})


def _describe(exc: BaseException) -> str:
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    loc = f" (at {os.path.basename(where.filename)}:{where.lineno})" if where else ""
    return f"{type(exc).__name__}: {exc}{loc}"[:500]


def segment_chunk(tasks: list[ArticleTask], common_lines: frozenset = frozenset()) -> list[ArticleResult]:
    """Segment only (``python -m pipeline segment``): no model."""
    return _segment_all(tasks, common_lines)[0]


def process_shard(shard: Shard, until: str, batch_size: int = 64, max_block_chars: int = 10_000,
                  common_lines: frozenset = frozenset()) -> ShardResult:
    """Run the stages after ingest, up to ``until``, over one shard; the result holds Arrow tables.
    ``common_lines`` are the keys of lines common across the corpus (boilerplate evidence)."""
    import pyarrow as pa

    if until in ("ingest", "segment"):  # metadata found in the text, and the blocks: no model
        results, timings = segment_chunk(shard.tasks, common_lines), {}
    else:
        results, timings = process_chunk(shard.tasks, batch_size, max_block_chars, common_lines,
                                         with_quotes=until in ("quotes", "copies"), with_copies=until == "copies")
    rows: dict[str, list[dict]] = {}
    for res in results:
        for table, table_rows in res.rows.items():
            rows.setdefault(table, []).extend(table_rows)
    tables = {t: pa.Table.from_pylist(r, schema=ALL_TABLES[t]) for t, r in rows.items()}
    articles = {res.article_id: {"meta": res.meta, "rejects": res.rejects, "n_words": res.n_words} for res in results}
    return ShardResult(shard.shard_id, tables, articles, timings)
