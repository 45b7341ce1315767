"""A run of the pipeline as one transaction: plan, compute (staging results), commit one snapshot.

``extract`` takes the output lock (never two writers), then:

1. **plan** (:mod:`pipeline.run.plan`): scans ``raw/`` with cheap metadata, reads only new or
   changed files, and decides which articles are processed and which bucket files change;
2. **compute** (:mod:`pipeline.run.executor`): sends shards of articles to the workers; each
   finished shard is staged on disk at once (:class:`pipeline.store.Staging`).  Articles a killed
   run had already staged under the same code, model, settings and inputs are not computed again;
3. **commit** (:class:`pipeline.store.Commit`): writes a new snapshot — changed bucket files
   rewritten from the previous snapshot's rows and the staged ones, unchanged files hard-linked,
   corpus-level tables rebuilt — and swaps it in with one atomic rename.

Readers see the previous snapshot until that rename, and the new one after it: never a mix.
"""

from __future__ import annotations

import fcntl
import json
import os
import sys
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from pipeline import ingest as ingest_mod
from pipeline import store
from pipeline.faults import crash_point
from pipeline.models import code_digest, model_label, models_digest
from pipeline.run import plan as planning
from pipeline.run.executor import connect, make_executor
from pipeline.run.summary import Progress, RunSummary, interrupted_row
from pipeline.run.work import ArticleTask, Shard
from pipeline.schemas import ALL_TABLES, BUCKETED, N_BUCKETS, PIPELINE_VERSION, bucket_of, make_id
from pipeline.settings import ConfigError, Settings
from pipeline.tables import read_table_file, to_table

#: the stages in order, and the tables each one adds
STAGES = ("ingest", "segment", "recognise", "normalise", "quotes", "copies")
STAGE_TABLES = {
    "ingest": ("articles",),
    "segment": ("segments", "sentences", "_lines"),
    "recognise": ("mentions",),
    "normalise": ("dates", "quantities", "_entity_articles"),
    "quotes": ("quotes",),
    "copies": ("_copy_signatures", "_passage_hashes", "_figure_keys", "_quote_keys", "duplicates", "passages", "figure_groups"),
}
MANIFEST_VERSION = 2
#: the bucketed tables the corpus-level derivations read (copies, entities, quote groups), in the
#: order they are needed: written first, so that the derivations run while the others are written
DERIVE_INPUTS = ("_copy_signatures", "_passage_hashes", "articles", "_entity_articles", "quotes", "_quote_keys", "_figure_keys")
#: threads writing bucketed tables at commit (each a whole table, bucket after bucket: the memory
#: held is that of a bucket per thread).  The driver has the machine to itself at commit.
WRITE_THREADS = 2


class FatalError(Exception):
    """The run cannot go on (exit code 1); the committed snapshot is left as it was."""


class LockBusy(FatalError):
    """Another run holds the output directory."""


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


def new_run_id(started: datetime) -> str:
    """An id for this run: its start time and process id (a run is an event, not content)."""
    return started.strftime("%Y%m%dT%H%M%S") + f"{started.microsecond // 1000:03d}Z-{os.getpid()}"


def _article_row(rec: ingest_mod.ArticleRecord, meta: dict, model: str) -> dict:
    import hashlib

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
        "content_sha256": hashlib.sha256(rec.text.encode("utf-8", "surrogatepass")).hexdigest(),
        "text": rec.text,
        "pipeline_version": PIPELINE_VERSION,
        "model": model,
    }


def _task_key(rec: ingest_mod.ArticleRecord) -> str:
    return planning.task_key(rec.article_id, rec.language, rec.published, rec.published_grain, rec.title, rec.author)


def extract(settings: Settings, until: str = STAGES[-1], log=None) -> RunSummary:
    """Run the pipeline over ``settings.raw_dir`` up to and including stage ``until``, and commit
    the result as one snapshot of ``settings.out_dir``."""
    if until not in STAGES:
        raise ConfigError(f"unknown stage {until!r}; choose one of {', '.join(STAGES)}")
    log = log or (lambda msg: print(msg, file=sys.stderr))
    raw_dir, out_dir = settings.raw_dir, settings.out_dir
    if not raw_dir.is_dir():
        raise ConfigError(f"raw directory {raw_dir} does not exist or is not a directory")
    if out_dir.exists() and not out_dir.is_dir():
        raise ConfigError(f"output path {out_dir} exists and is not a directory")
    model = model_label(settings.model) if until not in ("ingest", "segment") else "none"
    client = connect(settings.scheduler, settings.connect_timeout) if settings.scheduler else None
    try:
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ConfigError(f"cannot create output directory {out_dir}: {exc}") from None
        with RunLock(out_dir):
            return Run(settings, until, model, log, client).execute()
    finally:
        if client is not None:
            client.close()


class Run:
    """One run: its plan, its computation and its commit (one method each)."""

    def __init__(self, settings: Settings, until: str, model: str, log, client=None):
        self.settings, self.until, self.model, self.log = settings, until, model, log
        self.client = client  # of the user's Dask scheduler, if one was given
        self.t_start = time.perf_counter()
        self.started = datetime.now(timezone.utc)
        self.run_id = new_run_id(self.started)
        self.summary = RunSummary(self.run_id)
        self.out = settings.out_dir
        stages = STAGES[: STAGES.index(until) + 1]
        self.tables = [t for st in stages for t in STAGE_TABLES[st]]
        self.fingerprint = json.dumps({"settings": json.loads(settings.fingerprint()), "model": model, "until": until,
                                       "models_dir": models_digest(), "code": code_digest()}, sort_keys=True)
        self.records: dict[tuple[str, int | None], ingest_mod.ArticleRecord] = {}
        self.line_keys: dict[str, list[str]] = {}
        self.common: frozenset = frozenset()

    # ------------------------------------------------------------------ the transaction
    def execute(self) -> RunSummary:
        prev = store.current(self.out)
        manifest = prev.manifest() if prev else {}
        if manifest.get("version") != MANIFEST_VERSION:
            manifest = {}
        full = self._decide_rebuild(manifest)
        t0 = time.perf_counter()
        sources, ap = self._plan(manifest, prev, full)
        self.summary.seconds["ingest"] += time.perf_counter() - t0
        staging = store.Staging(self.out, make_id("staging", self.fingerprint)).open()
        keys = {r.article_id: planning.staged_key(r.task_key, self.line_keys.get(r.article_id, ()), self.common)
                for r in ap.to_process}
        staged = self._compute(ap, keys, staging)
        t0 = time.perf_counter()
        snap = self._commit(prev if not full else None, sources, ap, keys, staged, staging)
        self.summary.seconds["write"] += time.perf_counter() - t0
        staging.clear()
        self.summary.snapshot = snap.id
        return self.summary

    def _decide_rebuild(self, manifest: dict) -> bool:
        s = self.settings
        if not manifest:
            self.summary.full_rebuild = True
            return True
        if manifest.get("fingerprint") != self.fingerprint:
            self.summary.rebuild_reason = "pipeline version, model or settings changed since the last run"
            self.log(f"re-processing everything: {self.summary.rebuild_reason}")
        elif s.full:
            self.summary.rebuild_reason = "--full was asked for"
        self.summary.full_rebuild = self.summary.rebuild_reason is not None
        return self.summary.full_rebuild

    # ------------------------------------------------------------------ 1. plan
    def _read(self, src) -> dict:
        """Read one source file: its articles (kept in memory for this run) and its rejects."""
        items = ingest_mod.read_source(src, self.settings.max_article_chars)
        entry = {"size": src.size, "mtime_ns": src.mtime_ns, "articles": [], "rejects": []}
        for item in items:
            if isinstance(item, ingest_mod.Reject):
                entry["rejects"].append(item.row(self.run_id))
            else:
                entry["articles"].append([item.article_id, item.source_line, item.external_id, _task_key(item)])
                self.records[(item.source_path, item.source_line)] = item
        return entry

    def _plan(self, manifest: dict, prev: store.Snapshot | None, full: bool) -> tuple[dict, planning.ArticlePlan]:
        old_sources = {} if full else manifest.get("sources", {})
        old_articles = {} if full else manifest.get("articles", {})
        scanned = ingest_mod.scan(self.settings.raw_dir, self.settings.max_file_bytes)
        self.summary.n_sources = len(scanned)
        by_rel = {src.rel: src for src in scanned}
        to_read = set(planning.sources_to_read(old_sources, scanned))
        sources = {src.rel: self._read(src) if src.rel in to_read else old_sources[src.rel] for src in scanned}
        ap = planning.plan_articles(planning.refs_of(sources), old_articles, ingest_mod.dedupe)
        if self.until != "ingest" and (ap.to_process or ap.removed or full):
            self._plan_common_lines(manifest, prev, ap, full)
        else:
            self.common = frozenset(manifest.get("common_lines", []))
        for ref in ap.to_process:  # the primary copy moved to a file that did not change: read it
            if (ref.source_path, ref.source_line) not in self.records:
                sources[ref.source_path] = self._read(by_rel[ref.source_path])
        planning.count_changes(ap, manifest.get("articles", {}))
        s = self.summary
        s.n_articles, s.n_new, s.n_changed, s.n_unchanged, s.n_deleted = len(ap.kept), ap.n_new, ap.n_changed, ap.n_unchanged, ap.n_deleted
        return sources, ap

    def _plan_common_lines(self, manifest: dict, prev: store.Snapshot | None, ap: planning.ArticlePlan, full: bool) -> None:
        """Recompute the lines common across the corpus; articles whose common lines changed
        join the articles to process."""
        from pipeline.corpus import common_keys, line_keys

        for ref in ap.to_process:
            self.line_keys[ref.article_id] = sorted(line_keys(self.records[(ref.source_path, ref.source_line)].text))
        fresh = ap.process_ids
        stored = [] if full or prev is None else [
            (a, k) for a, k in zip(*prev.read("_lines", ["article_id", "key"]).to_pydict().values())
            if a in ap.kept and a not in fresh
        ]
        old_common = frozenset() if full else frozenset(manifest.get("common_lines", []))
        fresh_pairs = [(a, k) for a, ks in self.line_keys.items() for k in ks]
        self.common, again = planning.plan_common_lines(stored, fresh_pairs, old_common, common_keys)
        stored_keys = defaultdict(list)
        for a, k in stored:
            stored_keys[a].append(k)
        for aid in again:
            ap.to_process.append(ap.kept[aid])
            self.line_keys[aid] = sorted(stored_keys[aid])

    # ------------------------------------------------------------------ 2. compute
    def _compute(self, ap: planning.ArticlePlan, keys: dict[str, str], staging: store.Staging) -> dict[str, Path]:
        """Process the articles that have no valid staged results; returns article id → the
        staged shard that holds its results (reused ones included)."""
        staged = {aid: shard for aid, (shard, key) in staging.finished().items() if keys.get(aid) == key}
        todo = sorted((r for r in ap.to_process if r.article_id not in staged), key=lambda r: (bucket_of(r.article_id), r.article_id))
        self.summary.n_reused = len(ap.to_process) - len(todo)
        if self.summary.n_reused:
            self.log(f"the previous run was interrupted: {self.summary.n_reused} of its finished articles are reused, "
                     f"{len(todo)} left to process")
        if not todo:
            return staged
        tasks = []
        for ref in todo:
            rec = self.records[(ref.source_path, ref.source_line)]
            tasks.append(ArticleTask(rec.article_id, rec.text, rec.language, rec.published, rec.published_grain, rec.title, rec.author))
        executor = make_executor(self.settings, self.until, self.common, len(tasks), self.client)
        shards = self._shards(tasks, executor.n_workers)
        self.summary.where = executor.where
        record = {"started_at": self.started.isoformat(), "command": self.until, "where": executor.where,
                  "processes": self.settings.processes, "model": self.model, "pipeline_version": PIPELINE_VERSION,
                  "settings_fingerprint": self.settings.fingerprint(), "full_rebuild": self.summary.full_rebuild,
                  "n_computed": 0, "n_words": 0}
        staging.note_run(self.run_id, record)
        progress = Progress(len(tasks), self.settings.progress, executor.where)
        refs = ap.kept

        def on_result(res) -> None:
            t_stage = time.perf_counter()
            staged_shard = self._stage(res, refs, keys, staging)
            self.summary.seconds["stage"] += time.perf_counter() - t_stage
            for aid in res.articles:
                staged[aid] = staged_shard
            n_words = sum(a["n_words"] for a in res.articles.values())
            self.summary.n_words += n_words
            self.summary.n_computed += len(res.articles)
            for k, v in res.timings.items():
                if k.startswith("chars_"):  # what the model read and what the parser read
                    self.summary.counts[k] = self.summary.counts.get(k, 0) + int(v)
                else:
                    self.summary.seconds[k] += v
            record.update(n_computed=self.summary.n_computed, n_words=self.summary.n_words,
                          last_shard_at=datetime.now(timezone.utc).isoformat())
            staging.note_run(self.run_id, record)
            progress.update(len(res.articles), n_words)
            crash_point("shard")

        t0 = time.perf_counter()
        try:
            executor.run(shards, on_result)
        finally:
            executor.close()
            progress.close()
        self.summary.model_loaded = executor.model_loaded
        self.summary.seconds["process"] = time.perf_counter() - t0
        return staged

    def _shards(self, tasks: list[ArticleTask], n_workers: int) -> list[Shard]:
        """Consecutive shards (tasks are in bucket order) of about ``shard_words`` words, smaller
        for a small run so that every worker gets several."""
        s = self.settings
        total = sum(len(t.text.split()) for t in tasks)
        budget = max(s.min_shard_words, min(s.shard_words, total // (4 * max(n_workers, 1)) + 1))
        groups = planning.shards(tasks, lambda t: len(t.text.split()), budget, s.max_shard_articles,
                                 taper=n_workers if n_workers > 1 else 0, min_budget=s.min_shard_words)
        return [Shard(make_id("shard", *[t.article_id for t in g]), g) for g in groups]

    def _stage(self, res, refs: dict[str, planning.Ref], keys: dict[str, str], staging: store.Staging) -> Path:
        """Stage one finished shard: the workers' tables, the articles rows (text and the metadata
        found in it), the line keys and the article-level rejects."""
        rows: dict[str, list[dict]] = defaultdict(list)
        for aid, art in res.articles.items():
            ref = refs[aid]
            rec = self.records[(ref.source_path, ref.source_line)]
            rows["articles"].append(_article_row(rec, art["meta"], self.model))
            rows["_lines"].extend({"article_id": aid, "key": k} for k in self.line_keys.get(aid, ()))
            rows["rejects"].extend(ingest_mod.Reject(stage, ref.source_path, reason, detail, ref.source_line, aid).row(self.run_id)
                                   for stage, reason, detail in art["rejects"])
        tables = {t: v for t, v in res.tables.items() if t in self.tables}
        for table in ("articles", "_lines", "rejects"):
            if table in self.tables or table == "rejects":
                tables[table] = pa.Table.from_pylist(rows[table], schema=ALL_TABLES[table])
        return staging.write_shard(res.shard_id, tables, {aid: keys[aid] for aid in res.articles},
                                   {"run_id": self.run_id, "model": self.model})

    # ------------------------------------------------------------------ 3. commit
    def _commit(self, prev: store.Snapshot | None, sources: dict, ap: planning.ArticlePlan, keys: dict[str, str],
                staged: dict[str, Path], staging: store.Staging) -> store.Snapshot:
        """Write the new snapshot and publish it.  Bucketed tables are written by a few threads
        (Arrow reads, sorts and writes outside the GIL), those the corpus-level derivations read
        first; the derivations then run on this thread while the other tables are written."""
        missing = ap.process_ids - staged.keys()
        if missing:
            raise FatalError(f"internal error: {len(missing)} articles were not processed")
        commit = store.Commit(self.out)
        self.t_commit = time.perf_counter()
        writers = ThreadPoolExecutor(WRITE_THREADS, thread_name_prefix="commit-write")
        aside = ThreadPoolExecutor(1, thread_name_prefix="commit-derive")
        try:
            affected = ap.affected_buckets() if prev is not None else set(range(N_BUCKETS))
            parts = _BucketParts(ap, staged)
            bucketed = [t for t in self.tables if t in BUCKETED]
            order = [t for t in DERIVE_INPUTS if t in bucketed] + [t for t in bucketed if t not in DERIVE_INPUTS]
            written = {t: writers.submit(self._write_buckets, commit, prev, t, parts, affected) for t in order}

            def ready(table: str) -> None:
                if table in written:
                    written[table].result()

            art_rejects = self._article_rejects(prev, ap, staged)
            self._write_corpus_tables(commit, prev, sources, ap, art_rejects, prev is None, ready, aside.submit)
            for fut in written.values():
                fut.result()
            self.summary.table_rows = _count_rows(commit.tmp, exclude=("runs",))
            self._write_runs(commit, staging)
            info = {"run_id": self.run_id, "created": datetime.now(timezone.utc).isoformat(),
                    "tables": _count_rows(commit.tmp), "pipeline_version": PIPELINE_VERSION, "model": self.model}
            manifest = self._manifest(sources, ap, art_rejects)
            crash_point("before-publish")
            return commit.publish(info, manifest, keep=self.settings.keep_snapshots)
        except BaseException:
            for pool in (writers, aside):  # no thread writes into what abort removes
                pool.shutdown(wait=True, cancel_futures=True)
            commit.abort()
            raise
        finally:
            writers.shutdown()
            aside.shutdown()

    def _write_buckets(self, commit: store.Commit, prev: store.Snapshot | None, table: str, parts: "_BucketParts",
                       affected: set[int]) -> None:
        """Every bucket file of ``table``: unchanged ones linked from the previous snapshot,
        changed ones rebuilt from its kept rows and the staged rows (each staged shard file read
        once, held while the buckets that need it are written)."""
        prev_files = {f.name.split(".")[0]: f for f in prev.files(table)} if prev else {}
        uses = defaultdict(int)
        for shards in parts.staged.values():
            for shard in shards:
                uses[shard] += 1
        cache: dict[Path, pa.Table] = {}
        meta = {"model": self.model, "run_id": self.run_id}
        for b in range(N_BUCKETS):
            stem = f"part-{b:02d}"
            old_file = prev_files.get(stem)
            if b not in affected and old_file is not None:
                commit.keep(table, old_file)
                continue
            pieces = []
            if old_file is not None:
                old = read_table_file(old_file, table)
                pieces.append(old.filter(pc.is_in(old["article_id"], pa.array(parts.kept.get(b, []), pa.string()))))
            for shard, aids in sorted(parts.staged.get(b, {}).items()):
                if shard not in cache:
                    cache[shard] = store.Staging.read(shard, table)
                data = cache[shard]
                pieces.append(data.filter(pc.is_in(data["article_id"], pa.array(aids, pa.string()))))
                uses[shard] -= 1
                if not uses[shard]:
                    del cache[shard]
            pieces = [p for p in pieces if p.num_rows]
            data = to_table(table, pa.concat_tables(pieces, promote_options="default").unify_dictionaries()) if pieces else to_table(table, [])
            commit.write(table, stem, data, meta)
            crash_point("bucket")
        crash_point("table")

    def _article_rejects(self, prev: store.Snapshot | None, ap: planning.ArticlePlan, staged: dict[str, Path]) -> dict[str, list[dict]]:
        """Article-level rejects (segment/recognise/normalise errors, not English…): from the
        staged shards for processed articles, from the last manifest for the others."""
        out: dict[str, list[dict]] = {}
        old = (prev.manifest().get("articles", {}) if prev else {})
        process_ids = ap.process_ids
        for aid in ap.kept:
            if aid not in process_ids and aid in old:
                out[aid] = list(old[aid].get("rejects", []))
        for shard in sorted(set(staged[a] for a in process_ids)):
            for row in store.Staging.read(shard, "rejects").to_pylist():
                if row["article_id"] in process_ids and staged[row["article_id"]] == shard:
                    out.setdefault(row["article_id"], []).append(row)
        return out

    def _write_corpus_tables(self, commit: store.Commit, prev: store.Snapshot | None, sources: dict,
                             ap: planning.ArticlePlan, art_rejects: dict[str, list[dict]], full: bool,
                             ready=lambda table: None, aside=None) -> None:
        """Tables and columns derived from the whole corpus (entities, copies), and ``rejects``.
        ``ready(table)`` waits until a bucketed table is written; ``aside(fn)`` runs ``fn`` on
        another thread (entities, quote groups: they need nothing of the copies)."""
        from pipeline.run import derive

        meta = {"model": self.model, "run_id": self.run_id}
        change = derive.Change(ap.process_ids, set(ap.removed), full)
        side = []
        if "_entity_articles" in self.tables:
            def _entities() -> None:
                ready("_entity_articles")
                derive.entities(commit, prev, change, meta)

            side.append(aside(_entities)) if aside is not None else _entities()
        if "duplicates" in self.tables:
            t0 = time.perf_counter()
            self.summary.copies = derive.copies(commit, prev, change, meta, ready, aside)
            self.summary.seconds["derive_copies"] += time.perf_counter() - t0
        for fut in side:
            fut.result()
        reject_rows = [r for e in sources.values() for r in e["rejects"]]
        reject_rows += [r.row(self.run_id) for r in ap.dup_rejects]
        reject_rows += [r for a in ap.kept for r in art_rejects.get(a, [])]
        commit.write("rejects", "part-00", to_table("rejects", reject_rows), {"run_id": self.run_id})
        self.summary.n_rejected = len(reject_rows)
        self.summary.reject_reasons = dict(sorted(_count(r["reason"] for r in reject_rows).items()))

    def _write_runs(self, commit: store.Commit, staging: store.Staging) -> None:
        """Earlier runs' rows (linked), rows for runs killed before they committed, and this run's."""
        previous = store.current(self.out)
        if previous is not None:
            earlier = previous.files("runs")
        else:  # an output of the layout before snapshots: keep its history
            legacy = self.out / "runs"
            earlier = sorted(legacy.glob("run-*.parquet")) if legacy.is_dir() and not legacy.is_symlink() else []
        for f in earlier:
            commit.keep("runs", f)
        recorded = {f.name.split(".")[0].removeprefix("run-") for f in earlier}
        for run_id, record in staging.runs().items():  # killed before its commit (not after it)
            if run_id != self.run_id and run_id not in recorded:
                commit.write("runs", f"run-{run_id}", to_table("runs", [interrupted_row(run_id, record)]), {"run_id": run_id})
        s = self.summary
        s.snapshot = commit.id
        s.seconds["total"] = time.perf_counter() - self.t_start
        # the commit so far (bucket files, corpus tables, copies): the runs row is written inside it
        s.seconds["commit"] = time.perf_counter() - self.t_commit
        command = self.until if self.until != STAGES[-1] else "extract"
        row = s.row(self.started, command, self.settings.processes, self.model, self.settings.fingerprint())
        commit.write("runs", f"run-{self.run_id}", to_table("runs", [row]), {"run_id": self.run_id})

    def _manifest(self, sources: dict, ap: planning.ArticlePlan, art_rejects: dict[str, list[dict]]) -> dict:
        return {
            "version": MANIFEST_VERSION,
            "fingerprint": self.fingerprint,
            "run_id": self.run_id,
            "common_lines": sorted(self.common),
            "sources": sources,
            "articles": {
                aid: {"source": ref.source_path, "line": ref.source_line, "key": ref.task_key, "rejects": art_rejects.get(aid, [])}
                for aid, ref in sorted(ap.kept.items())
            },
        }


class _BucketParts:
    """Where the rows of each changed bucket file come from, worked out once for all tables:
    bucket → {staged shard → its processed articles in the bucket}, and bucket → the articles
    kept from the previous snapshot (not processed), sorted."""

    def __init__(self, ap: planning.ArticlePlan, staged: dict[str, Path]):
        process_ids = ap.process_ids
        self.staged: dict[int, dict[Path, list[str]]] = defaultdict(lambda: defaultdict(list))
        for aid in sorted(process_ids):
            self.staged[bucket_of(aid)][staged[aid]].append(aid)
        kept: dict[int, list[str]] = defaultdict(list)
        for aid in sorted(a for a in ap.kept if a not in process_ids):
            kept[bucket_of(aid)].append(aid)
        self.kept = dict(kept)


def _count(items) -> dict[str, int]:
    from collections import Counter

    return Counter(items)


def _count_rows(snapshot_dir: Path, exclude: tuple[str, ...] = ()) -> dict[str, int]:
    """Rows per table of a snapshot directory, from the Parquet footers."""
    return {d.name: sum(pq.ParquetFile(f).metadata.num_rows for f in sorted(d.glob("*.parquet")))
            for d in sorted(p for p in snapshot_dir.iterdir() if p.is_dir()) if d.name not in exclude}
