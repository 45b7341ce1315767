"""Blocks on their own: each block's surface features (length, function words, punctuation, credits…) and dates.

:func:`analyse` cuts an article into blocks (:mod:`pipeline.segment.lines`) and describes each one
(:class:`Surface`); every later pass reads this :class:`Page`.
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from dataclasses import dataclass
from typing import Container

from pipeline.segment.dates import DIGIT_RE, TIME_RE, FoundDate, find_dates
from pipeline.segment.lines import LIST_RE, TERMINAL_RE, Span, block_spans, line_key
from pipeline.segment.names import find_byline
from pipeline.lexicon.function_words import PROSE_FUNCTION_WORDS as STOPWORDS
from pipeline.lexicon.function_words import SECOND_PERSON_WORDS as SECOND_PERSON

#: a photo credit at the start of a block ("Photo: …", "(Foto: …", "Bild von …")
CREDIT_START_RE = re.compile(
    r"^(?:[(\[]\s*)?(?:photo|photos|foto|fotos|image|images|bild|bilder|picture|pic|credit|credits|"
    r"quelle|source|fuente|crédit|crédito|illustration|grafik|video|titelbild|symbolbild|"
    r"beitragsbild|header|cover|copyright)\b\s*(?:by|via|von|de|par|por|credit|:|©|-|–|/|$)",
    re.IGNORECASE,
)
#: a picture agency or a copyright sign anywhere in a block
CREDIT_ANY_RE = re.compile(
    r"©|\(c\)\s|getty images|shutterstock|istock|imago|picture alliance|picture-alliance|"
    r"\bdpa\b|\bafp\b|\bap photo\b|reuters|unsplash|pixabay|adobe ?stock|keystone",
    re.IGNORECASE,
)
#: CREDIT_ANY_RE without IGNORECASE, for lower-cased text, where it finds the same (its pattern is
#: written in lower case) unless the text holds one of :data:`_CASE_ODD` (scanning that way is
#: about twice as fast)
_CREDIT_ANY_LOWER_RE = re.compile(CREDIT_ANY_RE.pattern)
#: the only characters for which str.lower() and IGNORECASE disagree on the pattern's characters
#: ("İ" lower-cases to two characters; "ı" and "ſ" match "i" and "s" but lower-case to themselves);
#: a test checks every code point
_CASE_ODD = ("\u0130", "\u0131", "\u017f")
#: a bracketed credit label inside a block ("(Photo: …", "[Quelle/ …")
CREDIT_INLINE_RE = re.compile(
    r"[(\[]\s*(?:photo|foto|bild|image|bildquelle|quelle|source|fuente|credit|grafik|video)s?\b\s*[:/]",
    re.IGNORECASE,
)
#: "Read also: …": a short label, a colon, then text
LABEL_COLON_RE = re.compile(r"^[^\W\d][\w’'\-]*(?:\s+[\w’'\-]+){0,2}\s*:\s+\S")
#: a caption ending in a bracketed "name/agency" credit ("(Mario Anzuoni/Reuters)")
PAREN_CREDIT_END_RE = re.compile(r"\(([^()]{2,80}/[^()]{2,80})\)\s*\.?\s*$")
SOCIAL_RE = re.compile(
    r"\b(instagram|twitter|facebook|youtube|tiktok|pinterest|linkedin|whatsapp|telegram|"
    r"snapchat|vimeo|spotify|soundcloud|reddit|threads)\b",
    re.IGNORECASE,
)
#: a social-media handle ("@name", "(@name)")
HANDLE_RE = re.compile(r"\(@\w{1,30}\)|(?:^|\s)@\w{2,30}\b")
URL_RE = re.compile(r"(?:https?://|www\.)\S+|\bpic\.twitter\.com/\S+|\bt\.co/\S+", re.IGNORECASE)
#: Chinese, Japanese or Korean characters
CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
WORD_RE = re.compile(r"\w+", re.UNICODE)
#: separators of menu items and meta lines ("Home | News", "Politik · Region")
SEP_RE = re.compile(r"\s[|·•»›/]\s|\s[|·•]|[|·•]\s")
SENT_PUNCT_RE = re.compile(r"[.!?…。！？]+(?=\s|$)|[。！？]")
EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
STEM_TOKEN_RE = re.compile(r"[^\W\d_]{4,}", re.UNICODE)
#: characters that start a list item on their own (a plain test for ``re.match(r"^[*•+]", s)``)
_BULLETS = frozenset("*•+")
#: a word of three letters or more
TOKEN_RE = re.compile(r"[^\W\d_]{3,}", re.UNICODE)


@dataclass
class Surface:
    """Surface features of one block, on its own (``dup``, ``common``, dates and bylines are set by :func:`analyse`)."""

    n_chars: int = 0
    n_words: int = 0
    length: float = 0.0  # words, with CJK characters counted as half a word each
    stop: float = 0.0  # share of function words among the words
    terminal: bool = False
    n_sent_punct: int = 0
    n_commas: int = 0
    is_list: bool = False
    caps: float = 0.0  # share of words starting with a capital
    digits: float = 0.0
    has_url: bool = False
    has_handle: bool = False
    n_seps: int = 0  # | · • separators
    common: bool = False
    dup: int = 1  # occurrences of the line key in this article
    social: bool = False
    credit: float = 0.0
    date_only: bool = False
    has_date: bool = False
    byline: bool = False
    colon_end: bool = False
    label_colon: bool = False  # "Read also: …" — a short label, a colon, then text
    credit_inline: bool = False  # a photo credit somewhere in the block
    question: bool = False
    key: str = ""
    second: float = 0.0  # share of second-person words (addressing the reader: notices, teasers)
    ellipsis: bool = False  # ends with an ellipsis (truncated teaser)
    contact: bool = False  # e-mail address or copyright sign
    stems: frozenset = frozenset()  # 6-letter prefixes of the content words (topic cohesion)


def _has_credit_word(head: str) -> bool:
    """Whether ``CREDIT_ANY_RE`` finds a picture agency or a copyright sign in ``head``."""
    if head.isascii() or not any(c in head for c in _CASE_ODD):
        return bool(_CREDIT_ANY_LOWER_RE.search(head.lower()))
    return bool(CREDIT_ANY_RE.search(head))


def surface(s: str) -> Surface:
    """What one block looks like on its own (only the first 3,000 characters of a long block are read)."""
    f = Surface()
    head = s[:3000]
    f.n_chars = len(s)
    words = head.split()
    n_words = len(words) if len(s) <= 3000 else max(len(words), len(s) // 6)
    f.n_words = n_words
    cjk = len(CJK_RE.findall(head))
    if len(s) > 3000:
        cjk = cjk * len(s) // 3000
    f.length = n_words + cjk / 2.0 if cjk < 0.3 * len(head) else cjk / 2.0 + 1
    lw = [w.strip(".,;:!?\"'()[]«»„“”‘’").lower() for w in words[:400]]
    nw = max(1, len(lw))
    f.stop = sum(1 for w in lw if w in STOPWORDS) / nw
    f.second = sum(1 for w in lw if w in SECOND_PERSON) / nw
    tail = s.rstrip("\"'”’»«)] ")
    f.ellipsis = tail.endswith("…") or tail.endswith("...")
    has_at = "@" in head  # an e-mail address and a handle both hold one: no search without it
    f.contact = (has_at and bool(EMAIL_RE.search(head))) or "©" in head
    if cjk >= 0.3 * max(1, len(head)):
        f.stop = min(1.0, 0.15 + 0.1 * head.count("，") + 0.1 * head.count("的"))
    f.terminal = bool(TERMINAL_RE.search(s[-12:]))
    f.n_sent_punct = len(SENT_PUNCT_RE.findall(head))
    f.n_commas = head.count(",") + head.count("，")
    f.is_list = bool(LIST_RE.match(s[:4])) and not s[:1].isdigit() or s[:1] in _BULLETS
    if words:
        f.caps = sum(1 for w in words[:400] if w[:1].isupper()) / min(len(words), 400)
    f.digits = len(DIGIT_RE.findall(head)) / max(1, len(head))
    f.has_url = bool(URL_RE.search(head))
    f.has_handle = has_at and bool(HANDLE_RE.search(head))
    f.n_seps = len(SEP_RE.findall(head))
    f.social = n_words <= 12 and bool(SOCIAL_RE.search(head))
    credit_any = _has_credit_word(head)  # read twice below
    credit = 0.0
    if CREDIT_START_RE.match(s[:40]) and n_words <= 25:
        credit = 1.0
    elif PAREN_CREDIT_END_RE.search(s[-170:]):
        credit = 0.8
    elif credit_any and n_words <= 20:
        credit = 0.6
    f.credit = credit
    f.colon_end = s.endswith(":")
    f.label_colon = bool(LABEL_COLON_RE.match(s[:40])) and not f.colon_end and n_words <= 20
    f.credit_inline = credit_any or bool(CREDIT_INLINE_RE.search(head))
    f.question = s.rstrip("\"'”’»« ").endswith("?")
    f.key = line_key(s) if len(s) <= 2000 else ""
    f.stems = frozenset({w[:6] for w in map(str.lower, STEM_TOKEN_RE.findall(s[:2000])) if w not in STOPWORDS})
    return f


@dataclass
class Page:
    """One article cut into blocks: spans, texts, surface features and the dates found in each block."""

    text: str
    spans: list[Span]
    strs: list[str]
    feats: list[Surface]
    dates: list[list[FoundDate]]

    def __len__(self) -> int:
        return len(self.spans)


def _surfaces(strs: list[str]) -> list[Surface]:
    """``surface`` of every block; a block repeated in the page (menus, share bars) gets a copy of
    its first occurrence's (surface is a function of the text alone)."""
    first: dict[str, Surface] = {}
    out = []
    for s in strs:
        f = first.get(s)
        if f is None:
            f = first[s] = surface(s)
            out.append(f)
        else:
            out.append(copy.copy(f))  # its own object: analyse sets per-block fields on it
    return out


def analyse(text: str, common_lines: Container[str] = frozenset()) -> Page:
    """Blocks of ``text`` with their surface features and the dates found in them.

    ``common_lines`` holds :func:`line_key` keys of lines that recur across the corpus.
    """
    spans = block_spans(text)
    strs = [text[s:e] for s, e, _ in spans]
    feats = _surfaces(strs)
    key_counts = Counter(f.key for f in feats if f.key)
    for f in feats:
        if f.key:
            f.dup = key_counts[f.key]
            try:
                f.common = f.key in common_lines
            except TypeError:
                f.common = False

    # dates and bylines per block (only short blocks, or the head of long ones)
    dates: list[list[FoundDate]] = []
    for (s, e, _), st, f in zip(spans, strs, feats):
        head = st[:300]
        ds = find_dates(head, s) if DIGIT_RE.search(head) else []
        dates.append(ds)
        f.has_date = bool(ds)
        if ds:
            covered = sum(d[1] - d[0] for d in ds)
            rest = WORD_RE.findall(TIME_RE.sub(" ", st[: 300]))
            f.date_only = len(st) <= 80 and (covered >= 0.4 * len(st) or len(rest) <= 6)
        f.byline = f.n_words <= 14 and find_byline(st) is not None
    return Page(text, spans, strs, feats, dates)


def rule_score(f: Surface) -> float:
    """Prior probability that a block is main text, from its own surface features (jusText-like)."""
    if f.common:
        return 0.05
    L, st = f.length, f.stop
    if f.has_url and f.n_words <= 15:
        return 0.1
    if L >= 25 and st >= 0.18:
        p = 0.92
    elif L >= 15 and st >= 0.2 and f.n_sent_punct >= 1:
        p = 0.85
    elif L >= 10 and f.terminal and st >= 0.12:
        p = 0.7
    elif L >= 25:
        p = 0.55
    elif L >= 6 and f.terminal:
        p = 0.5
    else:
        p = 0.2
    if f.is_list:
        p -= 0.2
    if f.n_seps >= 2:
        p -= 0.25
    if f.caps > 0.7 and L < 20:
        p -= 0.1
    if f.dup > 1:
        p -= 0.15
    return min(0.99, max(0.01, p))


def content_tokens(s: str) -> set[str]:
    """The lower-cased words of three letters or more of ``s`` that are not function words."""
    return {w for w in map(str.lower, TOKEN_RE.findall(s[:2000])) if w not in STOPWORDS}
