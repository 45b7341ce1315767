"""Shapes of person names and by-lines in page furniture ("By Jane Doe", "Posted on 3 May 2020 by X")."""

from __future__ import annotations

import re

from pipeline.segment.dates import DIGIT_RE
from pipeline.lexicon.calendar_words import MONTHS_ANY_LANGUAGE as MONTHS
from pipeline.lexicon.function_words import PROSE_FUNCTION_WORDS as STOPWORDS
from pipeline.segment.words import BY_WORDS

#: a token of a name: capitalised, or a name particle ("von", "de", "bin")
NAME_TOKEN_RE = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’.\-]*$|^(?:von|van|de|der|den|da|di|del|la|le|du|zu|y|bin|al)$")
#: a by-word at the start of a line ("By", "Text:", "Von")
BY_PREFIX_RE = re.compile(r"^(?:[-–—|·•*]\s*)?(?:" + BY_WORDS + r")\b\s*[:]?\s*", re.IGNORECASE)


def name_like(s: str) -> bool:
    """A short run of capitalised words that could be a person's name."""
    toks = s.split()
    if not 1 <= len(toks) <= 4 or len(s) > 60:
        return False
    if not toks[0][:1].isupper() or DIGIT_RE.search(s):
        return False
    caps = 0
    for t in toks:
        if not NAME_TOKEN_RE.match(t):
            return False
        if t[:1].isupper():
            caps += 1
        lower_function_word = t.lower() in STOPWORDS and not t[:1].isupper()
        if not lower_function_word and t.lower().strip(".") in STOPWORDS:
            return False
    return caps >= 1 and len(toks) >= 2 or (len(toks) == 1 and len(toks[0]) >= 3)


#: where the name after a by-word ends: a separator or a conjunction
_AUTHOR_END_RE = re.compile(r"\s*(?:[|·•,/(]|\s[-–—]\s|\bund\b|\band\b|\bet\b|\by\b|\be\b|\bam\b|\bon\b|\bvom\b|\ble\b)\s*")
#: a handle-like token ("jdoe", "j.doe")
_HANDLE_WORD_RE = re.compile(r"[\w.\-]{3,25}")


def clean_author(s: str) -> str:
    """The name part of the text after a by-word: up to the first separator or conjunction, trimmed."""
    s = _AUTHOR_END_RE.split(s, maxsplit=1)[0]
    s = s.strip(" .:;-–—|·•*")
    return s


def find_byline(s: str) -> tuple[int, int] | None:
    """Relative span of an author name introduced by a by-word ("By X", "Von X", "Text: X")."""
    m = BY_PREFIX_RE.match(s[:120])
    if not m:
        return None
    rest = s[m.end() : m.end() + 100]
    name = clean_author(rest)
    # keep leading capitalised tokens only
    toks = []
    for t in name.split():
        if NAME_TOKEN_RE.match(t) and t.lower() not in ("am", "on", "vom"):
            toks.append(t)
        else:
            break
    while toks and not toks[-1][:1].isupper():
        toks.pop()
    if not toks or len(toks) > 5:
        return None
    name = " ".join(toks)
    if not name_like(name) and not (len(toks) <= 3 and name[:1].isupper()):
        return None
    start = s.find(toks[0], m.end())
    end = s.find(toks[-1], start) + len(toks[-1])
    if start < 0 or end <= start:
        return None
    return start, end


_INNER_BY_RE = re.compile(r"(?:^|\s)(?:by|von|par|por|door|przez|di)\s+(?=\S)", re.IGNORECASE)


def find_inner_byline(s: str) -> tuple[int, int] | None:
    """Relative span of a name after a by-word inside a meta line ("Posted on 3 May 2020 by X")."""
    for m in _INNER_BY_RE.finditer(s[:200]):
        rest = s[m.end() : m.end() + 60]
        toks = []
        for t in clean_author(rest).split():
            if NAME_TOKEN_RE.match(t) or (not toks and _HANDLE_WORD_RE.fullmatch(t) and not t.isdigit()):
                toks.append(t)
            else:
                break
        while toks and toks[-1].lower() in ("von", "van", "de", "der", "den", "da", "di", "del", "la", "le", "du", "zu", "y"):
            toks.pop()
        if not toks or len(toks) > 4 or toks[0].lower() in STOPWORDS or toks[0].lower() in MONTHS:
            continue
        start = m.end() + rest.find(toks[0])
        end = s.find(toks[-1], start) + len(toks[-1])
        return start, end
    return None
