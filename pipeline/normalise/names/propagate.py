"""Propagation rules: a name the model found once is the same name where it missed it (the name, a person's surname, a headline's capitals)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Iterator, Sequence

from pipeline.normalise.names.blocks import BlockIndex, Spans, new_mention, read_blocks
from pipeline.normalise.names.entities import top
from pipeline.normalise.names.labels import SWAPPABLE
from pipeline.normalise.names.layout import SLUG
from pipeline.normalise.names.registry import NAME_RULES, applied, nx
from pipeline.recognise import Mention, SentenceIndex

_CAPITAL_AFTER = re.compile(r"[ \t][A-Z]")
_CAPITALISED_BEFORE = re.compile(r"([A-Z][\w.&'-]*)[ \t]$")


def _glued(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` has a capitalised word right after it, or right before it that
    is not the first word of a sentence or line (so it is part of a longer name)."""
    if _CAPITAL_AFTER.match(text[end : end + 2]):
        return True
    prev = _CAPITALISED_BEFORE.search(text[max(0, start - 40) : start])
    if not prev:
        return False
    head = text[: start - len(prev.group(0))].rstrip(" \t")
    return not (not head or head.endswith(("\n", ".", "!", "?", '"', "“", ":")))


#: an occurrence of a name is the whole word(s): no word character (nor ``&'’.-``) right before it,
_NOT_BEFORE = re.compile(r"[\w&'’.-]")
#: and none right after it (nor ``&-``, a possessive-looking "'ll"/"'ve" or a ".x" abbreviation)
_NOT_AFTER = re.compile(r"[\w&-]|['’]\w\w|\.\w")


def _occurrences(names: Sequence[str], text: str) -> Iterator[tuple[str, int, int]]:
    """Where the ``names`` of the article occur in ``text``, left to right and not overlapping; at
    one position the earliest name of ``names`` (longest first) wins.  This is ``finditer`` of
    the alternation of the names between the boundaries above, without compiling a pattern per
    article: every occurrence of each name is found with ``str.find``."""
    rank = {n: i for i, n in enumerate(names)}
    at: dict[int, list[str]] = defaultdict(list)
    for n in names:
        i = text.find(n)
        while i >= 0:
            at[i].append(n)
            i = text.find(n, i + 1)
    end = 0
    for s in sorted(at):
        if s < end or (s > 0 and _NOT_BEFORE.match(text, s - 1)):
            continue
        for n in sorted(at[s], key=rank.__getitem__):
            if not _NOT_AFTER.match(text, s + len(n)):
                yield n, s, s + len(n)
                end = s + len(n)
                break


def _candidates(mentions: list[Mention], fixed) -> tuple[dict[str, tuple[str, bool]], set[str]]:
    """The names to look for, each with its label and whether only its capitals form counts, and
    the names that are a person's surname (the last word of one full name)."""
    labels: dict[str, Counter] = defaultdict(Counter)
    for m in mentions:
        if m.label in SWAPPABLE and m.source != "propagated" and m.mention_id not in fixed:
            labels[m.text][m.label] += 1
    surnames: Counter = Counter()
    for name, counts in labels.items():
        words = name.split()
        if top(counts) == "PERSON" and len(words) >= 2 and len(words[-1]) >= 3 and words[-1][0].isupper():
            surnames[words[-1]] += 1
    from_surname = set()
    for surname, n in surnames.items():
        if surname not in labels and n == 1:
            labels[surname]["PERSON"] += 1
            from_surname.add(surname)
    candidates = []
    for name, counts in labels.items():
        if len(name) < 2 or not name[0].isupper() or "\n" in name:
            continue
        label = top(counts)
        candidates.append((name, label, False))
        if not name.isupper():
            candidates.append((name.upper(), label, True))
    by_string: dict[str, tuple[str, bool]] = {}
    for name, label, caps_only in sorted(candidates, key=lambda c: (-len(c[0]), c[0], c[2])):
        by_string.setdefault(name, (label, caps_only))
    return by_string, from_surname


def _on_a_capitals_line(text: str, s: int, e: int) -> bool:
    line_start = text.rfind("\n", 0, s) + 1
    line_end = text.find("\n", e)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    return not any(c.islower() for c in line)


@NAME_RULES.rule("propagated_name", examples=[
    nx("[Fischler](PERSON) proposed a ban. Critics said Fischler was wrong. Fischlers are rare.", {"Fischler": "PERSON"}),
], negatives=[nx("[Hong Kong](GPE) police said. Hong Kong Open results")])
def propagate_mentions(mentions: list[Mention], text: str, blocks=None, sentences: SentenceIndex | None = None,
                       fixed: frozenset | set = frozenset()) -> list[Mention]:
    """Add a mention for every other occurrence of a name already recognised in the article.

    Propagated are names (not numbers or dates) of two or more characters that start with a
    capital, and the last word of a person's full name ("Fischler" after "Franz Fischler").  An
    occurrence counts when it is the whole word(s), written the same (or in capitals, on a line
    written in capitals: a headline), overlapped by no other mention, not glued to a
    neighbouring capitalised word (then it is part of a longer name) and in a block the model
    read.  The new mention gets the name's document-level label and ``source="propagated"``.
    Mentions whose id is in ``fixed`` (labels the layout decided) are not a source.
    Returns the added mentions (they are also appended to ``mentions``).
    """
    if not text or not mentions:
        return []
    article_id = mentions[0].article_id
    ner_blocks = read_blocks(blocks, mentions)
    occupied = Spans((m.char_start, m.char_end) for m in mentions)
    slug = SLUG.match(text)
    if slug:
        occupied.add(slug.span(1))  # a wire slug is no name (see layout_labels)
    by_string, from_surname = _candidates(mentions, fixed)
    added: list[Mention] = []
    if not by_string:
        return added
    index = BlockIndex(ner_blocks, mentions)  # mentions grow only after the loop
    for name, s, e in _occurrences(list(by_string), text):
        label, caps_only = by_string[name]
        if not occupied.is_free(s, e):
            continue
        if caps_only:
            if not _on_a_capitals_line(text, s, e):
                continue
        elif _glued(text, s, e):
            continue
        block = index.block_of(s)
        if block is None or e > block[1]:
            continue
        tpl = index.template_for(block, s)
        m = new_mention(tpl, block, s, e, label, "propagated", text, article_id, sentences)
        applied("name_in_capitals" if caps_only else "surname_of_a_full_name" if name in from_surname else "propagated_name", m)
        added.append(m)
        occupied.add((s, e))
    mentions.extend(added)
    return added


NAME_RULES.add("surname_of_a_full_name", propagate_mentions, examples=[
    nx("[Franz Fischler](PERSON) spoke. Later Fischler left.", {"Fischler": "PERSON"}),
], negatives=[nx("[Franz Fischler](PERSON) spoke. Later [Fischler](PERSON) left.")])
NAME_RULES.add("name_in_capitals", propagate_mentions, genre="wire", examples=[
    nx("VAN HEESWIJK WINS STAGE\n[Van Heeswijk](PERSON) won the stage.", {"VAN HEESWIJK": "PERSON"}),
], negatives=[nx("Van Heeswijk wins stage\n[Van Heeswijk](PERSON) won the stage.")])
