"""The working state of one segmentation: every block's kind, score and rule so far, and the metadata found.

The passes of :mod:`pipeline.segment.segmenter` read and edit one :class:`Draft` in turn; the
final :class:`~pipeline.segment.records.Segmentation` is built from it once, at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from pipeline.segment.blocks import Page, Surface
from pipeline.segment.classifier import MainText


class DatePick(NamedTuple):
    """A date chosen as the publication date: its score, block, offsets, value and grain."""

    score: float
    block: int
    start: int
    end: int
    value: datetime
    grain: str


class AuthorPick(NamedTuple):
    """An author candidate: its score, block, span inside the block, and the rule that found it."""

    score: float
    block: int
    span: tuple[int, int]
    rule: str


@dataclass
class Draft:
    """A page being segmented: its blocks, their kind/score/rule so far, and what the passes found."""

    page: Page
    main: MainText
    kinds: list[str] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    region: tuple[int, int] | None = None  # the run of blocks with the most main-text evidence
    first_body: int | None = None
    title: int | None = None  # block index of the title
    published: DatePick | None = None
    author: AuthorPick | None = None
    collect: dict | None = None  # when given, the metadata candidates' feature rows (for training)

    @property
    def n(self) -> int:
        return len(self.page)

    @property
    def strs(self) -> list[str]:
        return self.page.strs

    @property
    def feats(self) -> list[Surface]:
        return self.page.feats

    @property
    def probs(self) -> list[float]:
        return self.main.probs

    @property
    def anchor(self) -> int:
        """Where the story starts: the title, else the first main paragraph, else the first block."""
        if self.title is not None:
            return self.title
        return self.first_body if self.first_body is not None else 0

    def set(self, i: int, kind: str, score: float, rule: str) -> None:
        """Give block ``i`` a kind, a confidence and the name of the deciding rule."""
        self.kinds[i], self.scores[i], self.rules[i] = kind, score, rule

    def decided_by_model(self, i: int) -> bool:
        """Whether block ``i`` still has the kind the main-text probabilities gave it."""
        return self.rules[i] == self.main.rule
