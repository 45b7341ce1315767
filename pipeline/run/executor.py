"""Where shards are computed: in this process, or on a Dask cluster (a local one or yours).

The engine hands an executor a list of shards and a callback; the executor calls it with each
:class:`~pipeline.run.work.ShardResult` as it arrives (in any order).  Workers are pure compute:
the model is loaded once per worker process by a worker plugin (:mod:`pipeline.run.plugin`), shards carry article
texts, results come back as Arrow tables, and workers write nothing.
"""

from __future__ import annotations

import logging
import os
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, Protocol

from pipeline.run import work
from pipeline.settings import ConfigError, Settings

OnResult = Callable[[work.ShardResult], None]
#: name of the worker plugin, followed by the run's token (the model stays loaded between runs)
PLUGIN_NAME = "news-pipeline-model"
#: shards in flight per worker: enough to keep each busy, few enough that texts do not pile up
IN_FLIGHT_PER_WORKER = 2
#: times a shard is sent again after its result was lost with a dying worker (not counted as its failure)
MAX_LOST = 3


class Executor(Protocol):
    """The seam between the engine and whatever runs the per-article work."""

    where: str  # said in the run summary: "in-process", "local cluster of 2 workers", …
    n_workers: int
    model_loaded: bool

    def run(self, shards: list[work.Shard], on_result: OnResult) -> None: ...

    def close(self) -> None: ...


def _model_for(until: str, settings: Settings) -> str | None:
    return None if until in ("ingest", "segment") else settings.model


class InProcess:
    """Shards run one after another in this process (small runs, ``--processes 1``)."""

    where = "in-process"
    n_workers = 1

    def __init__(self, settings: Settings, until: str, common_lines: frozenset):
        self.settings, self.until, self.common_lines = settings, until, common_lines
        self.model_loaded = False

    def run(self, shards: list[work.Shard], on_result: OnResult) -> None:
        if not shards:
            return
        model = _model_for(self.until, self.settings)
        work.init_worker(model, self.settings.components)
        self.model_loaded = model is not None
        s = self.settings
        # a shard's results are staged (Arrow to Parquet, fsync) in a thread while the next shard
        # computes: the writes and the waits on the disk release the GIL.  One result waits at most,
        # in order; an error while staging is raised here, as before
        with ThreadPoolExecutor(1, thread_name_prefix="stage") as stager:
            staging = None
            for shard in shards:
                res = work.process_shard(shard, self.until, s.batch_size, s.max_block_chars, self.common_lines)
                if staging is not None:
                    staging.result()
                staging = stager.submit(on_result, res)
            if staging is not None:
                staging.result()

    def close(self) -> None:
        pass


def connect(address: str, timeout: float):
    """A client of the Dask scheduler at ``address``; :class:`ConfigError` if it cannot be reached."""
    from distributed import Client

    try:
        return Client(address, timeout=f"{timeout}s", set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ConfigError(f"cannot reach the Dask scheduler at {address} ({exc}); is it running?") from None


class Dask:
    """Shards run on Dask workers: a ``LocalCluster`` of ``processes`` single-threaded workers,
    or the cluster behind ``client`` (an existing scheduler).  A shard whose worker dies is
    retried on another worker; one that fails every time is split into one shard per article, and
    the article that still fails becomes a reject (the others are kept)."""

    def __init__(self, settings: Settings, until: str, common_lines: frozenset, client=None):
        self.settings, self.until, self.common_lines = settings, until, common_lines
        self.client, self.cluster = client, None
        self.model_loaded = False
        self.token = uuid.uuid4().hex[:8]  # names this run's tasks and plugin (a shared cluster runs others)
        self.plugin_name = f"{PLUGIN_NAME}-{self.token}"
        self.registered = False
        if client is None:
            self._start_local()
            self.where = f"local cluster of {settings.processes} worker{'s' if settings.processes > 1 else ''}"
        else:
            self.where = f"scheduler {settings.scheduler}"
        self.n_workers = max(1, len(self.client.scheduler_info(n_workers=-1)["workers"]))
        if client is not None:
            self.where += f" ({self.n_workers} workers)"

    def _start_local(self) -> None:
        import dask
        from distributed import Client, LocalCluster

        for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ.setdefault(var, "1")  # inherited by the workers (their nannies set them too)
        # one task per single-threaded worker at a time: the others wait at the scheduler, so a
        # worker that dies takes only the shard it was computing down with it
        dask.config.set({"distributed.scheduler.worker-saturation": 1.0})
        # the nannies' default MALLOC_TRIM_THRESHOLD_=65536 makes the model's many small allocations
        # hand memory back to the system constantly: measured 25 % slower NER (28.5 s → 35.7 s on
        # 500 articles); nlp.memory_zone() already keeps a worker's memory flat, so glibc's default
        dask.config.set({"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None})
        dask.config.set(QUIET_WORKER_CONFIG)
        self.cluster = LocalCluster(n_workers=self.settings.processes, threads_per_worker=1, processes=True,
                                    dashboard_address=":0", silence_logs=logging.ERROR)
        self.client = Client(self.cluster, set_as_default=False)

    def _register(self) -> None:
        from pipeline.models import code_digest, model_label
        from pipeline.run.plugin import ModelPlugin

        model = _model_for(self.until, self.settings)
        plugin = ModelPlugin(model, self.settings.components, code_digest(), model_label(model) if model else None,
                             self.token, self.common_lines)
        try:
            self.client.register_plugin(plugin, name=self.plugin_name)
        except Exception as exc:  # a worker that cannot run the pipeline: a configuration problem
            raise ConfigError(f"the Dask workers cannot run the pipeline: {type(exc).__name__}: {exc}") from None
        self.registered = True
        self.model_loaded = model is not None

    def run(self, shards: list[work.Shard], on_result: OnResult) -> None:
        from distributed import as_completed

        if not shards:
            return
        self._register()
        s = self.settings
        todo = list(reversed(shards))
        futures = {}
        lost: dict[str, int] = {}  # shard id → times its result was lost with a worker
        pending = as_completed(loop=self.client.loop)

        def submit(shard: work.Shard) -> None:
            attempt = lost.get(shard.shard_id, 0)
            fut = self.client.submit(work.process_shard_of_run, self.token, shard, self.until, s.batch_size,
                                     s.max_block_chars, key=f"shard-{shard.shard_id}-{self.token}-{attempt}",
                                     retries=s.retries, pure=False)
            futures[fut.key] = shard
            pending.add(fut)

        for _ in range(min(len(todo), IN_FLIGHT_PER_WORKER * self.n_workers)):
            submit(todo.pop())
        for fut in pending:
            shard = futures.pop(fut.key)
            if fut.status == "finished":
                on_result(fut.result())
            elif fut.status != "error" and lost.get(shard.shard_id, 0) < MAX_LOST:
                # its result was lost with a worker before it reached us (not its fault): again
                lost[shard.shard_id] = lost.get(shard.shard_id, 0) + 1
                todo.append(shard)
            elif len(shard.tasks) > 1:  # one article may kill whatever reads it: try each alone
                todo.extend(work.Shard(work.make_id("shard", t.article_id), [t]) for t in reversed(shard.tasks))
            else:
                why = repr(fut.exception()) if fut.status == "error" else fut.status
                on_result(work.failed_shard(shard, f"its worker failed on it {s.retries + 1} times: {why}"))
            while todo and len(futures) < IN_FLIGHT_PER_WORKER * self.n_workers:
                submit(todo.pop())

    def close(self) -> None:
        if self.registered and self.client is not None:
            try:
                self.client.unregister_worker_plugin(self.plugin_name)
            except Exception:  # noqa: BLE001 - best effort: a worker gone meanwhile
                pass
        if self.cluster is None:  # the user's cluster: the engine closes its own client
            self.client = None
            return
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()
        self.client = self.cluster = None


#: what a worker does besides its shard, turned down: the statistical profiler samples the
#: compute thread's stack every 10 ms and the event loop ticks every 20 ms, each taking the GIL from
#: the model.  Measured on 512 news articles, one worker: the model loop 27.6 -> 26.6 s, the run
#: 35.5 -> 34.4 s.  (The dashboard's profile and system-monitor plots are what is given up.)
QUIET_WORKER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
}


def make_executor(settings: Settings, until: str, common_lines: frozenset, n_articles: int, client=None) -> Executor:
    """The executor for a run: the cluster behind ``client`` when a scheduler was given; else
    in-process for one process, a handful of articles (a worker costs a model load) or no model
    at all (segmenting is cheap); else a local Dask cluster of ``processes`` workers."""
    if client is not None:
        return Dask(settings, until, common_lines, client)
    if settings.executor == "local-cluster":
        return Dask(settings, until, common_lines)
    if settings.executor == "in-process" or settings.processes == 1 or n_articles <= settings.small_run_articles \
            or until in ("ingest", "segment"):
        return InProcess(settings, until, common_lines)
    return Dask(settings, until, common_lines)
