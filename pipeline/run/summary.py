"""What a run did: counts and timings, the line printed at the end, the ``runs`` row, the progress bar."""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone

from pipeline.schemas import PIPELINE_VERSION


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
    n_computed: int = 0  # articles sent through the stages in this run
    n_reused: int = 0  # articles whose results an interrupted run had already staged
    full_rebuild: bool = False
    rebuild_reason: str | None = None
    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    table_rows: dict[str, int] = field(default_factory=dict)
    reject_reasons: dict[str, int] = field(default_factory=dict)
    model_loaded: bool = False
    where: str = "in-process"
    snapshot: str | None = None
    copies: dict = field(default_factory=dict)  # what the copies stage looked at (candidate pairs…)
    counts: dict = field(default_factory=dict)  # characters the NER model and the parser read

    def lines(self) -> list[str]:
        """Human-readable summary."""
        total = self.seconds.get("total", 0.0)
        out = [
            f"run {self.run_id}: {self.n_articles} articles ({self.n_new} new, {self.n_changed} changed, "
            f"{self.n_unchanged} unchanged, {self.n_deleted} deleted), {self.n_rejected} rejected, in {total:.1f}s"
        ]
        if self.n_computed or self.n_reused:
            reused = f"; {self.n_reused} taken from the interrupted run's finished work" if self.n_reused else ""
            out.append(f"  processed {self.n_computed} articles ({self.where}){reused}")
        if self.rebuild_reason:
            out.append(f"  re-processed everything: {self.rebuild_reason}")
        if self.reject_reasons:
            out.append("  rejects by reason: " + ", ".join(f"{k} {v}" for k, v in sorted(self.reject_reasons.items())))
        if self.table_rows:
            out.append("  rows: " + ", ".join(f"{k} {v}" for k, v in self.table_rows.items() if not k.startswith("_")))
        stage = {k: v for k, v in self.seconds.items() if k != "total" and v >= 0.005}
        if stage:
            out.append("  seconds: " + ", ".join(f"{k} {v:.2f}" for k, v in stage.items()))
        if self.counts.get("chars_read"):
            share = self.counts.get("chars_parsed", 0) / self.counts["chars_read"]
            out.append(f"  the parser read {100 * share:.0f} % of the text the NER model read")
        if self.snapshot:
            out.append(f"  committed snapshot {self.snapshot}")
        return out

    def row(self, started: datetime, command: str, processes: int, model: str, settings_fingerprint: str) -> dict:
        """The ``runs`` row of this run."""
        sec = self.seconds
        return {
            "run_id": self.run_id, "command": command, "started_at": started, "finished_at": datetime.now(timezone.utc),
            "status": "ok", "snapshot_id": self.snapshot, "executor": self.where,
            "full_rebuild": self.full_rebuild, "rebuild_reason": self.rebuild_reason,
            "n_sources": self.n_sources, "n_articles": self.n_articles, "n_new": self.n_new, "n_changed": self.n_changed,
            "n_unchanged": self.n_unchanged, "n_deleted": self.n_deleted, "n_rejected": self.n_rejected,
            "n_words": self.n_words, "n_computed": self.n_computed, "n_reused": self.n_reused,
            "seconds_ingest": sec.get("ingest", 0.0), "seconds_process": sec.get("process", 0.0),
            "seconds_write": sec.get("write", 0.0), "seconds_total": sec.get("total", 0.0),
            "stage_seconds": sorted((k, float(v)) for k, v in sec.items()),
            "stage_counts": sorted((k, int(v)) for k, v in self.counts.items()),
            "table_rows": sorted(self.table_rows.items()), "reject_reasons": sorted(self.reject_reasons.items()),
            "processes": processes, "model_loaded": self.model_loaded, "pipeline_version": PIPELINE_VERSION,
            "model": model, "settings_fingerprint": settings_fingerprint,
        }


def interrupted_row(run_id: str, record: dict) -> dict:
    """A ``runs`` row for a run that was killed before it committed (found by the next run)."""
    started = datetime.fromisoformat(record["started_at"])
    last = datetime.fromisoformat(record.get("last_shard_at") or record["started_at"])
    return {
        "run_id": run_id, "command": record.get("command", "extract"), "started_at": started, "finished_at": last,
        "status": "interrupted", "snapshot_id": None, "executor": record.get("where"),
        "full_rebuild": bool(record.get("full_rebuild")), "rebuild_reason": None,
        "n_sources": 0, "n_articles": 0, "n_new": 0, "n_changed": 0, "n_unchanged": 0, "n_deleted": 0,
        "n_rejected": 0, "n_words": int(record.get("n_words", 0)), "n_computed": int(record.get("n_computed", 0)),
        "n_reused": 0, "seconds_ingest": 0.0, "seconds_process": 0.0, "seconds_write": 0.0,
        "seconds_total": (last - started).total_seconds(), "stage_seconds": [], "stage_counts": [], "table_rows": [],
        "reject_reasons": [],
        "processes": int(record.get("processes", 1)), "model_loaded": bool(record.get("n_computed")),
        "pipeline_version": record.get("pipeline_version", PIPELINE_VERSION), "model": record.get("model", ""),
        "settings_fingerprint": record.get("settings_fingerprint", ""),
    }


class Progress:
    """A progress bar on stderr: articles done, words per second, ETA."""

    def __init__(self, total: int, enabled: bool, where: str = ""):
        self.bar = None
        if enabled and total:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="art", desc=f"extract ({where})" if where else "extract",
                            mininterval=1.0, file=sys.stderr, dynamic_ncols=True)
        self.words = 0
        self.t0 = time.perf_counter()

    def update(self, articles: int, words: int) -> None:
        if self.bar is not None:
            self.words += words
            rate = self.words / max(time.perf_counter() - self.t0, 1e-6)
            self.bar.set_postfix_str(f"{rate:,.0f} words/s", refresh=False)
            self.bar.update(articles)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
