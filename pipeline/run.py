"""Stage order, what is up to date, and the run summary.

A run (``extract``):

1. takes the output lock (never two writers);
2. scans ``raw/`` with cheap metadata (size, mtime) and reads only new or changed files;
3. works out which articles are new, changed or gone, and so which bucket files change;
4. writes a journal naming those buckets, then processes the new articles (in worker
   processes when ``processes > 1``), rewriting each bucket file atomically as soon as all of
   its articles are done;
5. rebuilds the small corpus-level tables (``entities``, ``rejects``), saves the manifest,
   removes the journal, and appends a row to ``runs``.

If a run is killed, the manifest still describes the previous run: the next run finds the
journal, treats its buckets as dirty and redoes the interrupted work.  Every file is replaced
atomically, so readers always see whole files.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import signal
import sys
import time
from collections import Counter, defaultdict, deque
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from pipeline import ingest as ingest_mod
from pipeline.models import code_digest, model_label, models_digest
from pipeline.schemas import ALL_TABLES, BUCKETED, N_BUCKETS, PIPELINE_VERSION, bucket_of
from pipeline.settings import ConfigError, Settings
from pipeline.tables import (
    atomic_write_json,
    bucket_path,
    read_table,
    read_table_file,
    remove_stale_temp_files,
    table_dir,
    to_table,
    write_table_file,
)

#: the stages in order, and the tables each one adds
STAGES = ("ingest", "segment", "recognise", "normalise")
STAGE_TABLES = {
    "ingest": ("articles",),
    "segment": ("segments", "sentences", "_lines"),
    "recognise": ("mentions",),
    "normalise": ("dates", "quantities", "_entity_articles", "quotes"),  # quotes: issue 13
}
STATE_DIR = "_state"
MANIFEST_VERSION = 1


def crash_point(name: str) -> None:
    """Fault injection for the crash-safety tests: with ``PIPELINE_CRASH_AT=name:n`` in the
    environment the process kills itself (SIGKILL, no clean-up) the n-th time it passes ``name``."""
    spec = os.environ.get("PIPELINE_CRASH_AT")
    if not spec or not spec.startswith(name + ":"):
        return
    _CRASH_COUNTS[name] += 1
    if _CRASH_COUNTS[name] >= int(spec.rsplit(":", 1)[1]):
        os.kill(os.getpid(), signal.SIGKILL)


_CRASH_COUNTS: Counter = Counter()


class FatalError(Exception):
    """The run cannot go on (exit code 1); outputs of earlier runs are left whole."""


class LockBusy(FatalError):
    """Another run holds the output directory."""


@dataclass
class RunSummary:
    """Counts and timings of one run (printed at the end and stored in ``runs``)."""

    run_id: str
    n_sources: int = 0
    n_articles: int = 0
    n_new: int = 0
    n_changed: int = 0
    n_unchanged: int = 0
    n_deleted: int = 0
    n_rejected: int = 0
    n_words: int = 0
    full_rebuild: bool = False
    rebuild_reason: str | None = None
    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    table_rows: dict[str, int] = field(default_factory=dict)
    reject_reasons: dict[str, int] = field(default_factory=dict)
    model_loaded: bool = False

    def lines(self) -> list[str]:
        """Human-readable summary."""
        total = self.seconds.get("total", 0.0)
        out = [
            f"run {self.run_id}: {self.n_articles} articles ({self.n_new} new, {self.n_changed} changed, "
            f"{self.n_unchanged} unchanged, {self.n_deleted} deleted), {self.n_rejected} rejected, in {total:.1f}s"
        ]
        if self.rebuild_reason:
            out.append(f"  re-processed everything: {self.rebuild_reason}")
        if self.reject_reasons:
            out.append("  rejects by reason: " + ", ".join(f"{k} {v}" for k, v in sorted(self.reject_reasons.items())))
        if self.table_rows:
            out.append("  rows: " + ", ".join(f"{k} {v}" for k, v in self.table_rows.items() if not k.startswith("_")))
        stage = {k: v for k, v in self.seconds.items() if k != "total" and v >= 0.005}
        if stage:
            out.append("  seconds: " + ", ".join(f"{k} {v:.2f}" for k, v in stage.items()))
        return out


class RunLock:
    """An exclusive lock on the output directory (``fcntl.flock``: released if the process dies)."""

    def __init__(self, out_dir: Path, wait: bool = False):
        self.path = out_dir / ".lock"
        self.wait = wait
        self.fh = None

    def __enter__(self) -> "RunLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.fh = open(self.path, "a+")
        try:
            fcntl.flock(self.fh, fcntl.LOCK_EX | (0 if self.wait else fcntl.LOCK_NB))
        except BlockingIOError:
            self.fh.seek(0)
            holder = self.fh.read().strip() or "unknown"
            self.fh.close()
            raise LockBusy(f"another run is writing to {self.path.parent} (pid {holder}); wait for it to finish and try again") from None
        self.fh.seek(0)
        self.fh.truncate()
        self.fh.write(str(os.getpid()))
        self.fh.flush()
        return self

    def __exit__(self, *exc) -> None:
        if self.fh:
            fcntl.flock(self.fh, fcntl.LOCK_UN)
            self.fh.close()


def _state_path(out_dir: Path, name: str) -> Path:
    return out_dir / STATE_DIR / name


def load_manifest(out_dir: Path) -> dict:
    """The manifest of the last completed run (empty when there is none or it is unreadable)."""
    path = _state_path(out_dir, "manifest.json")
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
    return data if data.get("version") == MANIFEST_VERSION else {}


def new_run_id(started: datetime) -> str:
    """An id for this run: its start time and process id (a run is an event, not content)."""
    return started.strftime("%Y%m%dT%H%M%S") + f"{started.microsecond // 1000:03d}Z-{os.getpid()}"


@dataclass
class _Ref:
    article_id: str
    source_path: str
    source_line: int | None
    external_id: str | None


def _article_row(rec: ingest_mod.ArticleRecord, meta: dict, model: str) -> dict:
    return {
        "article_id": rec.article_id,
        "source_path": rec.source_path,
        "source_format": rec.source_format,
        "source_line": rec.source_line,
        "external_id": rec.external_id,
        "url": rec.url,
        "title": meta.get("title", rec.title),
        "title_source": meta.get("title_source", "metadata" if rec.title else None),
        "author": meta.get("author", rec.author),
        "author_source": meta.get("author_source", "metadata" if rec.author else None),
        "published": meta.get("published", rec.published),
        "published_grain": meta.get("published_grain", rec.published_grain),
        "published_source": meta.get("published_source", "metadata" if rec.published else "none"),
        "published_char_start": meta.get("published_char_start"),
        "published_char_end": meta.get("published_char_end"),
        "language": rec.language,
        "encoding": rec.encoding,
        "n_chars": len(rec.text),
        "n_words": len(rec.text.split()),
        "content_sha256": __import__("hashlib").sha256(rec.text.encode("utf-8", "surrogatepass")).hexdigest(),
        "text": rec.text,
        "pipeline_version": PIPELINE_VERSION,
        "model": model,
    }


class _Processor:
    """Runs the stages after ingest over articles, in this process or in a pool of workers."""

    def __init__(self, settings: Settings, until: str, common_lines: frozenset = frozenset()):
        self.settings = settings
        self.until = until
        self.common_lines = common_lines
        self.pool = None
        self.started = False

    def _start(self, n_tasks: int) -> None:
        from pipeline import process

        self.started = True
        if self.until == "segment":
            return
        # a worker pool costs a model load per worker: for a handful of articles, work here
        if self.settings.processes == 1 or n_tasks <= self.settings.chunk_articles:
            process.init_worker(self.settings.model, self.settings.components, self.common_lines)
            return
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ.setdefault(var, "1")
        self.pool = ProcessPoolExecutor(
            max_workers=self.settings.processes,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=process.init_worker,
            initargs=(self.settings.model, self.settings.components, self.common_lines, True),
        )

    def run(self, tasks: list, on_result) -> dict[str, float]:
        """Process ``tasks`` in chunks, calling ``on_result(result)`` in task order."""
        from pipeline import process

        timings: Counter = Counter()
        if not tasks:
            return timings
        if not self.started:
            self._start(len(tasks))
        s = self.settings
        chunks = [tasks[i : i + s.chunk_articles] for i in range(0, len(tasks), s.chunk_articles)]
        if self.until == "segment":
            for chunk in chunks:
                for res in _segment_only(chunk, self.common_lines):
                    on_result(res)
            return timings
        if self.pool is None:
            for chunk in chunks:
                results, t = process.process_chunk(chunk, s.batch_size, s.max_block_chars)
                timings.update(t)
                for res in results:
                    on_result(res)
            return timings
        pending: deque = deque()
        it = iter(chunks)
        window = s.processes * 2
        for chunk in it:
            pending.append(self.pool.submit(process.process_chunk_in_worker, (chunk, s.batch_size, s.max_block_chars)))
            if len(pending) >= window:
                break
        while pending:
            results, t = pending.popleft().result()
            nxt = next(it, None)
            if nxt is not None:
                pending.append(self.pool.submit(process.process_chunk_in_worker, (nxt, s.batch_size, s.max_block_chars)))
            timings.update(t)
            for res in results:
                on_result(res)
        return timings

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def _segment_only(tasks: list, common_lines: frozenset) -> list:
    from pipeline.process import ArticleResult, _text_meta, segment_rows
    from pipeline.segment import segment_text

    out = []
    for task in tasks:
        res = ArticleResult(task.article_id, n_words=len(task.text.split()))
        try:
            seg = segment_text(task.text, common_lines=common_lines)
            res.rows["segments"], res.rows["sentences"] = segment_rows(task, seg)
            res.meta = _text_meta(task, seg)
        except Exception as exc:
            res.rejects.append(("segment", "error", f"{type(exc).__name__}: {exc}"[:500]))
        out.append(res)
    return out


def extract(settings: Settings, until: str = "normalise", log=None) -> RunSummary:
    """Run the pipeline over ``settings.raw_dir`` up to and including stage ``until``."""
    if until not in STAGES:
        raise ConfigError(f"unknown stage {until!r}; choose one of {', '.join(STAGES)}")
    log = log or (lambda msg: print(msg, file=sys.stderr))
    raw_dir, out_dir = settings.raw_dir, settings.out_dir
    if not raw_dir.is_dir():
        raise ConfigError(f"raw directory {raw_dir} does not exist or is not a directory")
    if out_dir.exists() and not out_dir.is_dir():
        raise ConfigError(f"output path {out_dir} exists and is not a directory")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"cannot create output directory {out_dir}: {exc}") from None
    model = model_label(settings.model) if until != "ingest" and until != "segment" else "none"
    with RunLock(out_dir):
        return _extract_locked(settings, until, model, log)


def _extract_locked(settings: Settings, until: str, model: str, log) -> RunSummary:
    t_start = time.perf_counter()
    started = datetime.now(timezone.utc)
    run_id = new_run_id(started)
    summary = RunSummary(run_id)
    raw_dir, out_dir = settings.raw_dir, settings.out_dir
    stages = STAGES[: STAGES.index(until) + 1]
    tables = [t for st in stages for t in STAGE_TABLES[st]]
    fingerprint = json.dumps({"settings": json.loads(settings.fingerprint()), "model": model, "until": until,
                              "models_dir": models_digest(), "code": code_digest()}, sort_keys=True)

    remove_stale_temp_files(out_dir, [*BUCKETED, "entities", "rejects", "runs", STATE_DIR])
    manifest = load_manifest(out_dir)
    journal_path = _state_path(out_dir, "journal.json")
    dirty: set[int] = set()
    if journal_path.exists():
        try:
            dirty = set(json.loads(journal_path.read_text()).get("buckets", []))
        except (OSError, ValueError):
            dirty = set(range(N_BUCKETS))
        log(f"the previous run was interrupted: finishing its work ({len(dirty)} bucket files)")
    full = settings.full
    if not manifest:
        full, summary.rebuild_reason = True, None
        dirty = set(range(N_BUCKETS))
    elif manifest.get("fingerprint") != fingerprint:
        full = True
        summary.rebuild_reason = "pipeline version, model or settings changed since the last run"
        log(f"re-processing everything: {summary.rebuild_reason}")
    elif settings.full:
        summary.rebuild_reason = "--full was asked for"
    if full:
        dirty = set(range(N_BUCKETS))
        produced = set(tables) | ({"entities"} if "_entity_articles" in tables else set())
        for stale in [*BUCKETED, "entities"]:
            if stale not in produced:  # left by a run that went further: it no longer matches
                shutil.rmtree(table_dir(out_dir, stale), ignore_errors=True)
    summary.full_rebuild = full
    old_sources: dict = {} if full else manifest.get("sources", {})
    old_articles: dict = {} if full else manifest.get("articles", {})
    prev_articles: dict = manifest.get("articles", {})

    # --- ingest: read only new or changed sources
    t0 = time.perf_counter()
    scanned = ingest_mod.scan(raw_dir, settings.max_file_bytes)
    summary.n_sources = len(scanned)
    sources: dict[str, dict] = {}
    records: dict[tuple[str, int | None], ingest_mod.ArticleRecord] = {}

    def read(src) -> dict:
        items = ingest_mod.read_source(src, settings.max_article_chars)
        entry = {"size": src.size, "mtime_ns": src.mtime_ns, "articles": [], "rejects": []}
        for item in items:
            if isinstance(item, ingest_mod.Reject):
                entry["rejects"].append(item.row(run_id))
            else:
                entry["articles"].append([item.article_id, item.source_line, item.external_id])
                records[(item.source_path, item.source_line)] = item
        return entry

    by_rel = {src.rel: src for src in scanned}
    for src in scanned:
        old = old_sources.get(src.rel)
        if old and old["size"] == src.size and old["mtime_ns"] == src.mtime_ns:
            sources[src.rel] = old
        else:
            sources[src.rel] = read(src)
    refs = [_Ref(a, rel, line, ext) for rel, e in sources.items() for a, line, ext in e["articles"]]
    kept, dup_rejects = ingest_mod.dedupe(refs)
    kept_ids = {r.article_id: r for r in kept}

    to_process: list[_Ref] = []
    for ref in kept:
        old = old_articles.get(ref.article_id)
        # an interrupted run may have rewritten a bucket file without this article's rows: redo it
        interrupted = bucket_of(ref.article_id) in dirty
        if old is None or interrupted or old["source"] != ref.source_path or old["line"] != ref.source_line:
            to_process.append(ref)
            if (ref.source_path, ref.source_line) not in records:  # primary moved to an unchanged file
                sources[ref.source_path] = read(by_rel[ref.source_path])
    removed = [aid for aid in old_articles if aid not in kept_ids]

    # --- lines common across the corpus: recomputed from every article's line keys; articles
    # whose common lines changed are segmented again, so the order of arrival does not matter
    common: frozenset = frozenset(manifest.get("common_lines", [])) if not full else frozenset()
    line_rows: dict[str, list[dict]] = {}
    if until != "ingest" and (to_process or removed or full):
        from pipeline.corpus import common_keys, line_keys

        for ref in to_process:
            text = records[(ref.source_path, ref.source_line)].text
            line_rows[ref.article_id] = [{"article_id": ref.article_id, "key": k} for k in sorted(line_keys(text))]
        fresh = {r.article_id for r in to_process}
        stored = [] if full else [
            (a, k) for a, k in zip(*read_table(out_dir, "_lines", ["article_id", "key"]).to_pydict().values())
            if a in kept_ids and a not in fresh
        ]
        pairs = stored + [(r["article_id"], r["key"]) for rows in line_rows.values() for r in rows]
        new_common = common_keys(pairs)
        changed_keys = new_common ^ common
        common = new_common
        for aid in sorted({a for a, k in stored if k in changed_keys}):
            ref = kept_ids[aid]
            to_process.append(ref)
            if (ref.source_path, ref.source_line) not in records:
                sources[ref.source_path] = read(by_rel[ref.source_path])
            line_rows[aid] = [{"article_id": aid, "key": k} for k in sorted({k for a, k in stored if a == aid})]
    summary.n_articles = len(kept)
    # "changed": re-processed, or its source (file and line) held another article before
    prev_at = {(a["source"], a["line"]): aid for aid, a in prev_articles.items()}
    replaced = {prev_at[(r.source_path, r.source_line)] for r in to_process
                if prev_at.get((r.source_path, r.source_line)) not in (None, r.article_id)}
    reprocessed = sum(1 for r in to_process if r.article_id in prev_articles)  # --full, new version
    summary.n_changed = len(replaced) + reprocessed
    summary.n_new = len(to_process) - summary.n_changed
    summary.n_unchanged = len(kept) - len(to_process)
    summary.n_deleted = len([aid for aid in prev_articles if aid not in kept_ids and aid not in replaced])
    summary.seconds["ingest"] += time.perf_counter() - t0

    process_ids = {r.article_id for r in to_process}
    affected = dirty | {bucket_of(a) for a in process_ids} | {bucket_of(a) for a in removed}
    affected |= {bucket_of(a) for a in prev_articles if a not in kept_ids}

    # --- process the new work, bucket by bucket
    art_rejects: dict[str, list[dict]] = {a: list(old_articles[a].get("rejects", [])) for a in kept_ids if a in old_articles and a not in process_ids}
    if affected:
        atomic_write_json(journal_path, {"run_id": run_id, "buckets": sorted(affected)})
    tasks_by_bucket: dict[int, list] = defaultdict(list)
    from pipeline.process import ArticleTask

    for ref in sorted(to_process, key=lambda r: (bucket_of(r.article_id), r.article_id)):
        rec = records[(ref.source_path, ref.source_line)]
        tasks_by_bucket[bucket_of(ref.article_id)].append(
            ArticleTask(rec.article_id, rec.text, rec.language, rec.published, rec.published_grain, rec.title, rec.author)
        )
    ordered_buckets = sorted(affected)
    tasks = [t for b in ordered_buckets for t in tasks_by_bucket.get(b, [])]
    remaining = {b: len(tasks_by_bucket.get(b, [])) for b in ordered_buckets}
    # rows of finished articles wait for their bucket as Arrow tables (compact), not dicts
    waiting_rows: dict[int, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    waiting_tables: dict[int, dict[str, list[pa.Table]]] = defaultdict(lambda: defaultdict(list))
    waiting_count: Counter = Counter()
    progress = _Progress(len(tasks), settings.progress and len(tasks) > 0)

    def compact(bucket: int) -> None:
        for table, rows in waiting_rows.pop(bucket, {}).items():
            if rows:
                waiting_tables[bucket][table].append(pa.Table.from_pylist(rows, schema=ALL_TABLES[table]))

    def flush(bucket: int) -> None:
        t_w = time.perf_counter()
        compact(bucket)
        new_parts = waiting_tables.pop(bucket, {})
        keep = {a for a in kept_ids if bucket_of(a) == bucket and a not in process_ids}
        for table in tables:
            path = bucket_path(out_dir, table, bucket)
            old = read_table_file(path, table)
            if old.num_rows and len(keep) < old.num_rows:
                old = old.filter(pc.is_in(old["article_id"], pa.array(sorted(keep), pa.string())))
            parts = [t for t in [old, *new_parts.get(table, [])] if t.num_rows]
            data = to_table(table, pa.concat_tables(parts).unify_dictionaries()) if parts else to_table(table, [])
            write_table_file(path, table, data, {"model": model, "run_id": run_id})
            crash_point("table-file")
        crash_point("bucket")
        summary.seconds["write"] += time.perf_counter() - t_w

    def on_result(res) -> None:
        b = bucket_of(res.article_id)
        ref = kept_ids[res.article_id]
        rec = records.pop((ref.source_path, ref.source_line))
        rows = waiting_rows[b]
        rows["articles"].append(_article_row(rec, res.meta, model))
        rows["_lines"].extend(line_rows.pop(res.article_id, []))
        for table, table_rows in res.rows.items():
            rows[table].extend(table_rows)
        art_rejects[res.article_id] = [
            ingest_mod.Reject(stage, ref.source_path, reason, detail, ref.source_line, res.article_id).row(run_id)
            for stage, reason, detail in res.rejects
        ]
        waiting_count[b] += 1
        if waiting_count[b] % 32 == 0:
            compact(b)
        summary.n_words += res.n_words
        remaining[b] -= 1
        progress.update(res.n_words)
        while ordered_buckets and remaining.get(ordered_buckets[0], 0) == 0:
            flush(ordered_buckets.pop(0))

    processor = _Processor(settings, until, common)
    try:
        t0 = time.perf_counter()
        while ordered_buckets and remaining.get(ordered_buckets[0], 0) == 0:
            flush(ordered_buckets.pop(0))  # buckets that only lose articles
        timings = processor.run(tasks, on_result)
        summary.model_loaded = processor.started and until not in ("ingest", "segment")
        for k, v in timings.items():
            summary.seconds[k] += v
        summary.seconds["process"] = time.perf_counter() - t0 - summary.seconds["write"]
    finally:
        processor.close()
        progress.close()
    if ordered_buckets:
        raise FatalError(f"internal error: buckets {ordered_buckets} were not written")

    # --- corpus-level tables, manifest, journal, runs
    t_w = time.perf_counter()
    if "_entity_articles" in tables and (affected or not (out_dir / "entities").exists()):
        from pipeline.normalise.names import aggregate_entities

        contributions = read_table(out_dir, "_entity_articles")
        write_table_file(table_dir(out_dir, "entities") / "part-00.parquet", "entities",
                         to_table("entities", aggregate_entities(contributions)), {"model": model, "run_id": run_id})
    reject_rows = [r for e in sources.values() for r in e["rejects"]]
    reject_rows += [r.row(run_id) for r in dup_rejects]
    reject_rows += [r for a in kept_ids for r in art_rejects.get(a, [])]
    write_table_file(table_dir(out_dir, "rejects") / "part-00.parquet", "rejects", to_table("rejects", reject_rows), {"run_id": run_id})
    summary.n_rejected = len(reject_rows)
    summary.reject_reasons = dict(sorted(Counter(r["reason"] for r in reject_rows).items()))
    new_manifest = {
        "version": MANIFEST_VERSION,
        "fingerprint": fingerprint,
        "run_id": run_id,
        "common_lines": sorted(common),
        "sources": sources,
        "articles": {
            aid: {"source": ref.source_path, "line": ref.source_line, "rejects": art_rejects.get(aid, [])}
            for aid, ref in sorted(kept_ids.items())
        },
    }
    crash_point("before-manifest")
    atomic_write_json(_state_path(out_dir, "manifest.json"), new_manifest)
    crash_point("after-manifest")
    journal_path.unlink(missing_ok=True)
    summary.seconds["write"] += time.perf_counter() - t_w
    summary.table_rows = _count_rows(out_dir, [*tables, "entities" if "_entity_articles" in tables else None, "rejects"])
    summary.seconds["total"] = time.perf_counter() - t_start
    _write_run_row(out_dir, summary, settings, started, model, until)
    return summary


def _count_rows(out_dir: Path, tables) -> dict[str, int]:
    import pyarrow.parquet as pq

    counts = {}
    for table in tables:
        if table:
            counts[table] = sum(pq.ParquetFile(f).metadata.num_rows for f in sorted(table_dir(out_dir, table).glob("*.parquet")))
    return counts


def _write_run_row(out_dir: Path, s: RunSummary, settings: Settings, started: datetime, model: str, until: str) -> None:
    sec = s.seconds
    row = {
        "run_id": s.run_id,
        "command": until if until != "normalise" else "extract",
        "started_at": started,
        "finished_at": datetime.now(timezone.utc),
        "status": "ok",
        "full_rebuild": s.full_rebuild,
        "rebuild_reason": s.rebuild_reason,
        "n_sources": s.n_sources,
        "n_articles": s.n_articles,
        "n_new": s.n_new,
        "n_changed": s.n_changed,
        "n_unchanged": s.n_unchanged,
        "n_deleted": s.n_deleted,
        "n_rejected": s.n_rejected,
        "n_words": s.n_words,
        "seconds_ingest": sec.get("ingest", 0.0),
        "seconds_process": sec.get("process", 0.0),
        "seconds_write": sec.get("write", 0.0),
        "seconds_total": sec.get("total", 0.0),
        "stage_seconds": sorted((k, float(v)) for k, v in sec.items()),
        "table_rows": sorted(s.table_rows.items()),
        "reject_reasons": sorted(s.reject_reasons.items()),
        "processes": settings.processes,
        "model_loaded": s.model_loaded,
        "pipeline_version": PIPELINE_VERSION,
        "model": model,
        "settings_fingerprint": settings.fingerprint(),
    }
    write_table_file(table_dir(out_dir, "runs") / f"run-{s.run_id}.parquet", "runs", to_table("runs", [row]), {"run_id": s.run_id})


class _Progress:
    """A progress bar on stderr: articles done, words per second, ETA."""

    def __init__(self, total: int, enabled: bool):
        self.bar = None
        if enabled:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="art", desc="extract", mininterval=1.0, file=sys.stderr, dynamic_ncols=True)
        self.words = 0
        self.t0 = time.perf_counter()

    def update(self, words: int) -> None:
        if self.bar is not None:
            self.words += words
            rate = self.words / max(time.perf_counter() - self.t0, 1e-6)
            self.bar.set_postfix_str(f"{rate:,.0f} words/s", refresh=False)
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
