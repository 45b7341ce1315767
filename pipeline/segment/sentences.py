"""Sentences inside a block: rule-based splitting that knows abbreviations, initials, decimals and ordinal dates."""

from __future__ import annotations

import re

from pipeline.segment.blocks import WORD_RE
from pipeline.lexicon.calendar_words import MONTHS_ANY_LANGUAGE as MONTHS
from pipeline.segment.words import ABBREVIATIONS

#: a sentence end: final punctuation (and closing quotes) before a space, or CJK final punctuation
#: a dotted abbreviation without its last full stop ("U.S", "e.g", "z.B")
_DOTTED_RE = re.compile(r"(?:\w\.)+\w")
SENT_CAND_RE = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s)|[。！？]+[”」』）)]*")


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Rule-based sentence spans inside text[start:end] (abbreviation, initial and decimal aware)."""
    spans: list[tuple[int, int]] = []
    cur = start
    for m in SENT_CAND_RE.finditer(text, start, end):
        cut = m.end()
        punct = m.group()
        if punct[0] not in "。！？":
            # look at the next non-space character
            j = cut
            while j < end and text[j].isspace():
                j += 1
            if j >= end:
                break
            nxt = text[j]
            if nxt.islower():
                continue
            if punct[0] == "." and len(punct.rstrip("\"'”’»)]")) == 1:
                ws = max(text.rfind(" ", max(cur, m.start() - 40), m.start()),
                         text.rfind("\n", max(cur, m.start() - 40), m.start()))
                tok = text[(ws + 1 if ws >= 0 else max(cur, m.start() - 40)) : m.start()]
                tok = tok.lstrip("\"'“‘«([")
                low = tok.lower()
                if low in ABBREVIATIONS or low.rstrip(".") in ABBREVIATIONS:
                    continue
                if len(tok) == 1 and tok.isalpha():
                    continue  # initial
                if _DOTTED_RE.fullmatch(tok):
                    continue  # U.S, e.g, z.B
                if tok.isdigit() and len(tok) <= 2:
                    nw = WORD_RE.match(text, j)
                    if nw and nw.group().lower() in MONTHS:
                        continue  # German ordinal date "3. Oktober"
        s, e = cur, cut
        while s < e and text[s].isspace():
            s += 1
        if s < e:
            spans.append((s, e))
        cur = cut
    s, e = cur, end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if s < e:
        spans.append((s, e))
    return spans
