"""Where ``run.py`` and the evaluation find the corpus-level common lines: now :mod:`pipeline.segment.corpus`.

Kept so that the lead's ``run.py`` rewrite and ``pipeline.evaluation.web`` need no change; new code
imports ``pipeline.segment.corpus``.
"""

from pipeline.segment.corpus import MAX_WORDS, MIN_DOCS, common_keys, common_lines, line_keys

__all__ = ["MAX_WORDS", "MIN_DOCS", "common_keys", "common_lines", "line_keys"]
