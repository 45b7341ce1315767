"""Orchestration: the plan of a run (pure), the compute on workers, the snapshot commit."""

from pipeline.run.engine import STAGES, FatalError, LockBusy, RunLock, extract
from pipeline.run.summary import RunSummary

__all__ = ["STAGES", "FatalError", "LockBusy", "RunLock", "RunSummary", "extract"]
