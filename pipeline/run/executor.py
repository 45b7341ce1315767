"""Where shards are computed: in this process, or in a pool of worker processes.

The engine hands an executor a list of shards and a callback; the executor calls it with each
:class:`~pipeline.run.work.ShardResult` as it arrives (in any order).  Workers are pure compute:
they load the model once, get article texts, send back Arrow tables, and write nothing.
"""

from __future__ import annotations

import os
from typing import Callable, Protocol

from pipeline.run import work
from pipeline.settings import Settings

OnResult = Callable[[work.ShardResult], None]


class Executor(Protocol):
    """The seam between the engine and whatever runs the per-article work."""

    where: str  # said in the run summary: "in-process", "2 worker processes", …
    model_loaded: bool

    def run(self, shards: list[work.Shard], on_result: OnResult) -> None: ...

    def close(self) -> None: ...


class InProcess:
    """Shards run one after another in this process (small runs, ``--processes 1``)."""

    where = "in-process"

    def __init__(self, settings: Settings, until: str, common_lines: frozenset):
        self.settings, self.until, self.common_lines = settings, until, common_lines
        self.model_loaded = False

    def run(self, shards: list[work.Shard], on_result: OnResult) -> None:
        if not shards:
            return
        model = None if self.until in ("ingest", "segment") else self.settings.model
        work.init_worker(model, self.settings.components, self.common_lines)
        self.model_loaded = model is not None
        s = self.settings
        for shard in shards:
            on_result(work.process_shard(shard, self.until, s.batch_size, s.max_block_chars))

    def close(self) -> None:
        pass


class ProcessPool:
    """Shards run in ``settings.processes`` spawned worker processes, a few in flight each."""

    def __init__(self, settings: Settings, until: str, common_lines: frozenset):
        self.settings, self.until, self.common_lines = settings, until, common_lines
        self.where = f"{settings.processes} worker processes"
        self.model_loaded = False
        self.pool = None

    def run(self, shards: list[work.Shard], on_result: OnResult) -> None:
        import multiprocessing
        from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

        if not shards:
            return
        s = self.settings
        for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ.setdefault(var, "1")
        model = None if self.until in ("ingest", "segment") else s.model
        self.pool = ProcessPoolExecutor(max_workers=s.processes, mp_context=multiprocessing.get_context("spawn"),
                                        initializer=work.init_worker, initargs=(model, s.components, self.common_lines, True))
        self.model_loaded = model is not None
        todo = iter(shards)
        pending = set()
        for shard in todo:  # a bounded window: results are staged as they come, memory stays flat
            pending.add(self.pool.submit(work.process_shard, shard, self.until, s.batch_size, s.max_block_chars))
            if len(pending) >= 2 * s.processes:
                break
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                nxt = next(todo, None)
                if nxt is not None:
                    pending.add(self.pool.submit(work.process_shard, nxt, self.until, s.batch_size, s.max_block_chars))
                on_result(fut.result())

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def make_executor(settings: Settings, until: str, common_lines: frozenset, n_articles: int) -> Executor:
    """In-process for one process, a handful of articles (a worker costs a model load) or no model
    at all (segmenting is cheap); else a pool."""
    if settings.processes == 1 or n_articles <= settings.small_run_articles or until in ("ingest", "segment"):
        return InProcess(settings, until, common_lines)
    return ProcessPool(settings, until, common_lines)
