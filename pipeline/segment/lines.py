"""Splitting text into blocks (stripped lines, hard-wrapped paragraphs joined) and keying lines for repetition."""

from __future__ import annotations

import re
import unicodedata

LINE_BREAK_RE = re.compile(r"[^\n\r\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85]+")
#: a list-item marker at the start of a line ("* ", "• ", "12. ")
LIST_RE = re.compile(r"^(?:[*•·▪►▸◦‣○●■□+>»›\-–—]|\d{1,3}[.)](?=\s))\s*")
#: a line that ends like a sentence (final punctuation, then closing quotes or brackets)
TERMINAL_RE = re.compile(r"[.!?…。！？؟।][\"'”’»«)\]]*$")
_DIGITS_RE = re.compile(r"\d+")
_PUNCT_RE = re.compile(r"[^\w\s]|_")

#: a block's place in the text: (start, end, preceded by a blank line)
Span = tuple[int, int, bool]


def line_key(line: str) -> str:
    """Normalised key of a line for corpus-level repetition counting (case/space/digit-insensitive).

    Lower-cases, replaces every run of digits by ``0``, drops punctuation and symbols and folds
    whitespace, so "Updated: 9/15/2023" and "updated 1/2/2024" share a key.
    """
    s = unicodedata.normalize("NFKC", line[:2000]).lower()
    s = _DIGITS_RE.sub("0", s)
    s = _PUNCT_RE.sub(" ", s)
    return " ".join(s.split())


def stripped_lines(text: str) -> list[Span]:
    """Stripped non-empty lines as (start, end, blank_line_before)."""
    out: list[Span] = []
    prev_end = 0
    for m in LINE_BREAK_RE.finditer(text):
        s = m.group()
        stripped_left = s.lstrip()
        if not stripped_left:
            continue
        start = m.start() + (len(s) - len(stripped_left))
        end = m.start() + len(s.rstrip())
        gap = text[prev_end:start]
        blank = gap.count("\n") + gap.count("\r") - gap.count("\r\n") >= 2 or not out
        out.append((start, end, blank))
        prev_end = end
    return out


def join_hard_wraps(text: str, lines: list[Span]) -> list[Span]:
    """Join a line with the next when the paragraph is hard-wrapped (continues mid-sentence)."""
    out: list[Span] = []
    for start, end, blank in lines:
        if out and not blank:
            ps, pe, pb = out[-1]
            prev_line_start = text.rfind("\n", ps, pe) + 1 or ps
            last = text[max(prev_line_start, pe - 200) : pe]
            first = text[start : start + 2]
            if (
                pe - max(prev_line_start, ps) >= 40
                and first[:1].islower()
                and not TERMINAL_RE.search(last)
                and not last.endswith((":", ";", "|"))
                and not LIST_RE.match(text[start : start + 3])
            ):
                out[-1] = (ps, end, pb)
                continue
        out.append((start, end, blank))
    return out


def block_spans(text: str) -> list[Span]:
    """The blocks of ``text``: stripped non-empty lines, hard-wrapped paragraphs joined."""
    return join_hard_wraps(text, stripped_lines(text))
