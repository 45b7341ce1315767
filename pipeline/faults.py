"""Fault injection for the crash-safety tests: named points where a run can be made to kill itself.

With ``PIPELINE_CRASH_AT=name:n`` in the environment, the process kills itself with SIGKILL (no
clean-up at all, as the OOM killer would) the n-th time it passes the point ``name``.  Without the
variable a point costs one dictionary look-up.
"""

from __future__ import annotations

import os
import signal
from collections import Counter

_COUNTS: Counter = Counter()


def crash_point(name: str) -> None:
    """Kill this process here if ``PIPELINE_CRASH_AT`` asks for it (see the module docstring)."""
    spec = os.environ.get("PIPELINE_CRASH_AT")
    if not spec or not spec.startswith(name + ":"):
        return
    _COUNTS[name] += 1
    if _COUNTS[name] >= int(spec.rsplit(":", 1)[1]):
        os.kill(os.getpid(), signal.SIGKILL)


def poison_point(text: str) -> None:
    """Kill this process if ``PIPELINE_POISON`` is set and occurs in ``text``: an article that
    kills whatever worker reads it (the tests of a worker that dies on one article)."""
    marker = os.environ.get("PIPELINE_POISON")
    if marker and marker in text:
        os.kill(os.getpid(), signal.SIGKILL)
