"""The book of name rules and the shape of their examples (a short text with the model's mentions marked, the labels expected after)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.normalise.rules import RuleBook, fire
from pipeline.recognise import Mention

#: every name rule, registered where it is defined (``resolve_names`` applies them in order)
NAME_RULES = RuleBook("names")

_MARK = re.compile(r"\[([^\]]+)\]\(([A-Z_]+)\)")


@dataclass(frozen=True)
class NameExample:
    """A text with the model's mentions marked ``[Lotte](GPE)``, the labels expected after
    resolution (``{"Lotte": "ORG"}``; None: no mention of that text), and optionally the kind of
    each line's block ("dateline", "body"...; default: the whole text is one body block)."""

    text: str
    expect: dict
    kinds: tuple[str, ...] | None = None

    def mentions_and_blocks(self, article_id: str = "a1") -> tuple[str, list[Mention], list[dict]]:
        """The plain text, the marked mentions (as the model gave them) and the block rows."""
        plain, spans, pos, out = "", [], 0, []
        for m in _MARK.finditer(self.text):
            plain += self.text[pos:m.start()]
            spans.append((len(plain), len(plain) + len(m.group(1)), m.group(2)))
            plain += m.group(1)
            pos = m.end()
        plain += self.text[pos:]
        if self.kinds is None:
            blocks = [{"segment_id": "b0", "kind": "body", "rule": "model", "char_start": 0, "char_end": len(plain)}]
        else:
            blocks, start = [], 0
            for i, (line, kind) in enumerate(zip(plain.split("\n"), self.kinds)):
                blocks.append({"segment_id": f"b{i}", "kind": kind, "rule": "model", "char_start": start,
                               "char_end": start + len(line)})
                start += len(line) + 1
        for s, e, label in spans:
            b = next(b for b in blocks if b["char_start"] <= s < b["char_end"])
            out.append(Mention.create(article_id, b["segment_id"], b["kind"], None, s, e, plain, label, "model"))
        return plain, out, blocks


def nx(text: str, expect: dict | None = None, kinds: tuple[str, ...] | None = None) -> NameExample:
    """An example (or a negative example: the rule must not fire) of a name rule; ``expect`` maps a
    mention's text to its label after resolution (None: no such mention)."""
    return NameExample(text, expect or {}, kinds)


def applied(rule: str, mention: Mention | None = None) -> None:
    """Record that name rule ``rule`` changed a mention (and mark the mention with it)."""
    fire("names", rule)
    if mention is not None:
        mention.rule = rule
