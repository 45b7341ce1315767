"""The rule record the normalisers share: a name, the examples it was written for, negative examples, a genre, and firing counts.

Every date, quantity and name rule is registered in a :class:`RuleBook` with

- ``name``: unique in its book, what counts and traces show (``DateValue.read_by`` ...);
- ``examples``: what the rule was written for, each an input and the expected reading, checked by
  ``tests/test_rules.py`` (the input is read end to end, and this rule must be the one that
  read it);
- ``negatives``: inputs the rule must not read (another rule may);
- ``genre``: the kind of text a rule serves when it serves one (see :data:`GENRES`); None for
  rules that serve news prose in general.

Firing counts: inside ``with counting() as counts:`` every :func:`fire` adds to ``counts``
(a ``Counter`` keyed by (book, rule name)); outside it :func:`fire` costs one lookup.
"""

from __future__ import annotations

from collections import Counter
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Sequence

#: the genres a rule may be written for
GENRES = {
    "wire": "wire-service copy: slugs, datelines, capitalised headlines (Reuters, AP)",
    "sports results": "results lines, standings and scorer lists of sports pages",
    "finance": "company results and markets: quarters, fiscal years, legal forms of companies",
    "web": "scraped web pages: headlines and captions in title case, photo credits (\"(Name/Agency)\", \"Image via YouTube\")",
    "duckling": "assistant-style phrases of the Duckling corpus (\"half past three\", \"EOM\", coins)",
}


@dataclass(frozen=True)
class Rule:
    """One registered rule (see the module docstring)."""

    book: str
    name: str
    apply: Callable
    examples: tuple = ()
    negatives: tuple = ()
    genre: str | None = None

    @property
    def doc(self) -> str:
        """The first line of the rule function's docstring."""
        return ((self.apply.__doc__ or "").strip().splitlines() or [""])[0]


class RuleBook:
    """The rules of one normaliser, registered by decorator, applied in an explicit order."""

    def __init__(self, book: str):
        self.book = book
        self._rules: dict[str, Rule] = {}

    def rule(self, name: str, *, examples: Sequence = (), negatives: Sequence = (), genre: str | None = None):
        """Register the decorated function as rule ``name`` (the function is returned unchanged)."""
        if genre is not None and genre not in GENRES:
            raise ValueError(f"unknown genre {genre!r} for rule {name!r}")

        def register(fn: Callable) -> Callable:
            if name in self._rules:
                raise ValueError(f"rule {name!r} registered twice in {self.book}")
            self._rules[name] = Rule(self.book, name, fn, tuple(examples), tuple(negatives), genre)
            return fn

        return register

    def add(self, name: str, fn: Callable, **kw: Any) -> Rule:
        """Register ``fn`` as rule ``name`` (for rules that are not a function of their own)."""
        self.rule(name, **kw)(fn)
        return self._rules[name]

    def __getitem__(self, name: str) -> Rule:
        return self._rules[name]

    def __iter__(self) -> Iterator[Rule]:
        return iter(self._rules.values())

    def __len__(self) -> int:
        return len(self._rules)

    def ordered(self, names: Sequence[str]) -> list[Rule]:
        """The rules named in ``names``, in that order (every name must be registered)."""
        return [self._rules[n] for n in names]


_COUNTS: ContextVar[Counter | None] = ContextVar("rule_counts", default=None)


@contextmanager
def counting() -> Iterator[Counter]:
    """Count rule firings (``fire`` calls) made inside the ``with`` block, by (book, rule name)."""
    counts: Counter = Counter()
    token = _COUNTS.set(counts)
    try:
        yield counts
    finally:
        _COUNTS.reset(token)


def fire(book: str, name: str | None, n: int = 1) -> None:
    """Record that rule ``name`` of ``book`` fired ``n`` times (a no-op outside :func:`counting`)."""
    counts = _COUNTS.get()
    if counts is not None and name:
        counts[(book, name)] += n


def marked(text: str) -> tuple[str, int, int]:
    """An example's text and span: "Kutcher, [42], has" -> ("Kutcher, 42, has", 9, 11); without
    brackets, the whole text."""
    if "[" in text and "]" in text:
        start = text.index("[")
        end = text.index("]", start) - 1
        return text.replace("[", "", 1).replace("]", "", 1), start, end
    return text, 0, len(text)
