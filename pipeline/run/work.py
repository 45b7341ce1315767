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

from pipeline.normalise import date_rows, quantity_rows
from pipeline.normalise.dates import normalise_date
from pipeline.normalise.names import entity_contributions, resolve_names
from pipeline.faults import poison_point
from pipeline.quotes import block_records, quote_rows
from pipeline.recognise import BlockRef, blocks_to_read, doc_mentions, pieces, run_ner, to_rows
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


def process_chunk(tasks: list[ArticleTask], batch_size: int = 64, max_block_chars: int = 100_000,
                  common_lines: frozenset = frozenset(), with_quotes: bool = True) -> tuple[list[ArticleResult], dict[str, float]]:
    """Run segment, recognise and normalise over ``tasks``; returns results and seconds per stage."""
    from pipeline.segment import segment_text

    timings = {"segment": 0.0, "recognise": 0.0, "normalise": 0.0}
    results: dict[str, ArticleResult] = {}
    prepared = []  # (task, result, sentence starts, sentence ids, blocks, meta)
    t0 = time.perf_counter()
    for task in tasks:
        poison_point(task.text)
        res = ArticleResult(task.article_id, n_words=len(task.text.split()))
        results[task.article_id] = res
        try:
            seg = segment_text(task.text, common_lines=common_lines)
            segments, sentences = segment_rows(task, seg)
            res.rows["segments"], res.rows["sentences"] = segments, sentences
            res.meta = _text_meta(task, seg)
        except Exception as exc:  # skip-article error: record it, go on
            res.rejects.append(("segment", "error", _describe(exc)))
            continue
        prepared.append((task, res, sentences, segments))
    timings["segment"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    mentions: dict[str, list] = {}
    cue_records: dict[str, list | None] = {}  # per-block attribution cues, read while the Doc lives
    sent_index: dict[str, tuple[list[int], list[str]]] = {}

    def block_items():
        for task, res, sentences, segments in prepared:
            if task.language != "en":
                res.rejects.append(("recognise", "not_english", f"the text reads as {task.language!r}, not English; the English NER model was not run on it"))
                continue
            mentions[task.article_id] = []
            cue_records[task.article_id] = []
            sent_index[task.article_id] = ([s["char_start"] for s in sentences], [s["sentence_id"] for s in sentences])
            for seg_row in blocks_to_read(segments):
                for a, b in pieces(task.text, seg_row["char_start"], seg_row["char_end"], max_block_chars):
                    yield task.text[a:b], BlockRef(task.article_id, seg_row["segment_id"], seg_row["kind"], a)

    texts = {task.article_id: task.text for task in tasks}
    failed: set[str] = set()
    with _NLP.memory_zone():
        for doc, ref in run_ner(_NLP, block_items(), batch_size):
            if ref.article_id in failed:
                continue
            try:
                starts, ids = sent_index[ref.article_id]
                mentions[ref.article_id].extend(doc_mentions(doc, ref, texts[ref.article_id], starts, ids, normalise_date))
            except Exception as exc:
                failed.add(ref.article_id)
                results[ref.article_id].rejects.append(("recognise", "error", _describe(exc)))
                continue
            try:
                if with_quotes and cue_records[ref.article_id] is not None:
                    cue_records[ref.article_id].extend(block_records(doc, ref.char_start))
            except Exception as exc:  # costs the article its quotes only
                cue_records[ref.article_id] = None
                results[ref.article_id].rejects.append(("quotes", "error", _describe(exc)))
    timings["recognise"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    for task, res, sentences, segments in prepared:
        if task.article_id not in mentions or task.article_id in failed:
            res.rows["mentions"] = []
            continue
        try:
            rows = mentions[task.article_id]
            resolve_names(rows, task.text, segments, sentences)
            blocks = {s["segment_id"]: (s["char_start"], s["char_end"]) for s in segments}
            anchor = res.meta.get("published")
            source = res.meta.get("published_source") or "none"
            res.rows["mentions"] = to_rows(rows)
            res.rows["dates"] = date_rows(task.article_id, task.text, rows, blocks, anchor, source)
            res.rows["quantities"] = quantity_rows(task.article_id, task.text, rows, blocks)
            res.rows["_entity_articles"] = entity_contributions(task.article_id, rows)
        except Exception as exc:
            res.rows["mentions"] = []
            res.rejects.append(("normalise", "error", _describe(exc)))
            continue
        if not with_quotes or cue_records.get(task.article_id) is None:
            continue
        try:  # attributions, after names are resolved; a failure here costs only this table
            read_ids = {s["segment_id"] for s in blocks_to_read(segments)}
            res.rows["quotes"] = quote_rows(task.article_id, task.text, cue_records[task.article_id], res.rows["mentions"],
                                            segments, sentences, read_ids)
        except Exception as exc:
            res.rows["quotes"] = []
            res.rejects.append(("quotes", "error", _describe(exc)))
    timings["normalise"] = time.perf_counter() - t0
    return [results[t.article_id] for t in tasks], timings


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
    from pipeline.segment import segment_text

    out = []
    for task in tasks:
        res = ArticleResult(task.article_id, n_words=len(task.text.split()))
        try:
            seg = segment_text(task.text, common_lines=common_lines)
            res.rows["segments"], res.rows["sentences"] = segment_rows(task, seg)
            res.meta = _text_meta(task, seg)
        except Exception as exc:
            res.rejects.append(("segment", "error", _describe(exc)))
        out.append(res)
    return out


def process_shard(shard: Shard, until: str, batch_size: int = 64, max_block_chars: int = 10_000,
                  common_lines: frozenset = frozenset()) -> ShardResult:
    """Run the stages after ingest, up to ``until``, over one shard; the result holds Arrow tables.
    ``common_lines`` are the keys of lines common across the corpus (boilerplate evidence)."""
    import pyarrow as pa

    if until in ("ingest", "segment"):  # metadata found in the text, and the blocks: no model
        results, timings = segment_chunk(shard.tasks, common_lines), {}
    else:
        results, timings = process_chunk(shard.tasks, batch_size, max_block_chars, common_lines, with_quotes=until == "quotes")
    rows: dict[str, list[dict]] = {}
    for res in results:
        for table, table_rows in res.rows.items():
            rows.setdefault(table, []).extend(table_rows)
    tables = {t: pa.Table.from_pylist(r, schema=ALL_TABLES[t]) for t, r in rows.items()}
    articles = {res.article_id: {"meta": res.meta, "rejects": res.rejects, "n_words": res.n_words} for res in results}
    return ShardResult(shard.shard_id, tables, articles, timings)
