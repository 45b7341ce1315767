"""The Dask worker plugin that loads the model once per worker process (imported only when a
run uses Dask: importing ``distributed`` costs a second or two that small runs do not pay)."""

from __future__ import annotations

from distributed import WorkerPlugin

from pipeline.run import work


class ModelPlugin(WorkerPlugin):
    """Loads the model once in each worker process (and in every worker that joins later), and
    hands it the run's corpus-level context (the common lines), once per worker rather than with
    every shard.  One plugin per run, named after it: runs of several drivers can share a cluster.

    It carries names and digests only, never the model: on set-up the worker checks that it runs
    the driver's pipeline code and model version, so a cluster with a stale checkout fails loudly
    instead of writing different tables."""

    def __init__(self, model: str | None, components: tuple[str, ...], code: str, model_label: str | None,
                 run_token: str, common_lines: frozenset):
        self.model, self.components, self.code, self.model_label = model, tuple(components), code, model_label
        self.run_token, self.common_lines = run_token, common_lines

    def setup(self, worker=None) -> None:
        from pipeline.models import code_digest, model_label

        if code_digest() != self.code:
            raise RuntimeError(f"this worker runs other pipeline code (digest {code_digest()}, the driver's is {self.code}): "
                               "install the driver's checkout on every worker")
        if self.model and model_label(self.model) != self.model_label:
            raise RuntimeError(f"this worker has {model_label(self.model)}, the driver {self.model_label}")
        work.init_worker(self.model, self.components)
        work.set_run_context(self.run_token, self.common_lines)

    def teardown(self, worker=None) -> None:
        work.drop_run_context(self.run_token)
