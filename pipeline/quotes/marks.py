"""Quote-mark spans over a whole article text: which marks open and close a quotation.

Scraped news mixes curly and straight marks, nests single marks inside double ones, runs one
quotation over several paragraphs (an opening mark at each new paragraph, a closing one only at
the end), and loses or doubles marks.  :func:`quote_spans` pairs the marks paragraph by
paragraph, so an unbalanced mark never swallows more than the rest of its own paragraph, and
:func:`classify_span` tells a quotation from a title of a work or a scare quote.

Everything is pure string work (no model): it runs on the whole text, before or after the parse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: double marks: those that can only open, only close, and the straight one that can do both
DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
DOUBLE_STRAIGHT = '"'
#: single marks (the right one is also the apostrophe)
SINGLE_OPEN = "‘‚‹"
SINGLE_CLOSE = "’›"
SINGLE_STRAIGHT = "'"
QUOTE_CHARS = DOUBLE_OPEN + DOUBLE_CLOSE + DOUBLE_STRAIGHT + SINGLE_OPEN + SINGLE_CLOSE + SINGLE_STRAIGHT + "″"

#: a single quotation (outside double marks) longer than this many characters is not believed:
#: single marks are mostly apostrophes, and an apostrophe pairs with a far one by accident
MAX_SINGLE_CHARS = 400
#: a "quotation" of at most this many words with no clause punctuation is a scare quote or a
#: term ("a “role model”"): the issue's "a word or two"
SCARE_MAX_WORDS = 2
#: a span of at most this many words whose words are nearly all capitalised is a title of a work
#: or a name ("The Ranch: Part 3"), not a quotation
TITLE_MAX_WORDS = 10

_MINOR = frozenset("a an the of and or for to in on at by with from as but nor vs v. de la le du del von van".split())
_WORD = re.compile(r"[^\W_][\w'’.-]*")
_DECADE = re.compile(r"[’‘']\d\ds\b")  # ’70s: an elision, not a quote mark


@dataclass
class QuoteSpan:
    """One quotation in the text: its fragments (one per paragraph it runs over) as (start, end)
    offsets that include the marks, and how it was closed."""

    fragments: list[tuple[int, int]] = field(default_factory=list)
    closed: bool = True  # False: the paragraph ended (or another quotation opened) before a closing mark
    double: bool = True  # double marks (False: single marks at top level)

    @property
    def start(self) -> int:
        return self.fragments[0][0]

    @property
    def end(self) -> int:
        return self.fragments[-1][1]


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line of ``text``, without its surrounding whitespace."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\s](?:[^\n]*[^\s])?", text)]


def _before(text: str, i: int, lo: int) -> str:
    return text[i - 1] if i > lo else " "


def _after(text: str, i: int, hi: int) -> str:
    return text[i + 1] if i + 1 < hi else " "


def _double_role(text: str, i: int, n: int, lo: int, hi: int) -> str:
    """'open', 'close' or 'either' for the double mark of ``n`` characters at ``i`` in the
    paragraph [lo, hi)."""
    c = text[i]
    b, a = _before(text, i, lo), _after(text, i + n - 1, hi)
    if c in DOUBLE_OPEN or text.startswith("``", i):
        return "open"
    if c in DOUBLE_CLOSE:
        # a right mark glued before a word after punctuation (".”As part of") was meant to open
        if a.isalnum() and not b.isalnum():
            return "either"
        return "close"
    if (b.isspace() or b in "([{—–-:") and not a.isspace():
        return "open"
    if not b.isspace() and (a.isspace() or a in ".,;:!?)]}—–-"):
        return "close"
    return "either"


#: a double mark: a curly or straight one, or two straight single marks ('' and ``, as in
#: typewriter and some wire copy)
_DOUBLE_MARK = re.compile("''|``|[" + re.escape(DOUBLE_OPEN + DOUBLE_CLOSE + DOUBLE_STRAIGHT) + "]")


def _double_marks(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """(position, length, role) of each double mark in the paragraph [lo, hi)."""
    out = []
    for m in _DOUBLE_MARK.finditer(text, lo, hi):
        n = m.end() - m.start()
        out.append((m.start(), n, _double_role(text, m.start(), n, lo, hi)))
    return out


def _pair_double(text: str, lo: int, hi: int, carried: bool) -> tuple[list[tuple[int, int, bool]], bool, bool]:
    """Pair the double marks of one paragraph.  ``carried``: a quotation from the previous
    paragraph is still open.  Returns ([(start, end, closed)], still_open_at_end, opened_at_start)."""
    spans: list[tuple[int, int, bool]] = []
    open_at: int | None = None
    marks = _double_marks(text, lo, hi)
    # a quotation carried over from the previous paragraph continues only if this paragraph
    # opens with a mark (the convention for multi-paragraph quotations)
    continues = carried and bool(marks) and marks[0][0] == lo and marks[0][2] != "close"
    for i, n, role in marks:
        if open_at is None:
            if role == "close" and i != lo:
                # a stray closing mark: the quotation opened where we could not see (or a typo).
                # if the paragraph so far has no mark and starts a quote-like run, ignore it.
                continue
            open_at = i
        else:
            if role == "open" and i > open_at + 1:
                # an opening mark inside an open quotation: the earlier one was never closed;
                # bound it at this mark (never swallow), and start afresh
                spans.append((open_at, _trim_end(text, open_at, i), False))
                open_at = i
                continue
            spans.append((open_at, i + n, True))
            open_at = None
    still_open = open_at is not None
    if still_open:
        spans.append((open_at, hi, False))
    return spans, still_open, continues


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start + 1 and text[end - 1].isspace():
        end -= 1
    return end


#: where a single quotation can open (a left or straight single mark) and close (a right or
#: straight one): only these positions are looked at, not every character
_SINGLE_OPENER = re.compile("[" + re.escape(SINGLE_OPEN + SINGLE_STRAIGHT) + "]")
_SINGLE_CLOSER = re.compile("[" + re.escape(SINGLE_CLOSE + SINGLE_STRAIGHT) + "]")


def _single_spans(text: str, lo: int, hi: int, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Top-level single-quoted spans in [lo, hi) outside ``taken`` (double-quoted) spans: an
    opening mark before a word, then the first closing mark after a word and not inside a word
    (not an apostrophe), within ``MAX_SINGLE_CHARS``; a mark after an -s followed by a lower-case
    word ("voters’ rights") closes only when nothing better does."""

    def inside(i: int) -> bool:
        return any(s <= i < e for s, e in taken)

    out = []
    i = lo
    while True:
        m = _SINGLE_OPENER.search(text, i, hi)  # any other character can neither open nor close
        if m is None:
            return out
        i = m.start()
        if text.startswith("''", i) or text.startswith("''", i - 1):
            i += 1
            continue  # a double mark made of two single ones
        b, a = _before(text, i, lo), _after(text, i, hi)
        if (not inside(i) and (b.isspace() or b in "([{—–-:")
                and (a.isalnum() or a in "$…") and not _DECADE.match(text, i)):
            end = _single_close(text, i, hi, inside)
            if end is not None:
                out.append((i, end + 1))
                i = end + 1
                continue
        i += 1


def _single_close(text: str, i: int, hi: int, inside) -> int | None:
    """The closing mark of the single quotation opened at ``i`` (see :func:`_single_spans`)."""
    weak = None
    j, stop = i + 2, min(hi, i + MAX_SINGLE_CHARS)
    while True:
        m = _SINGLE_CLOSER.search(text, j, stop)
        if m is None:
            return weak
        j = m.start()
        if not inside(j) and not text.startswith("''", j - 1):
            bj, aj = text[j - 1], _after(text, j, hi)
            if bj.isspace() or aj.isalnum():
                pass  # an opening mark or an apostrophe inside a word
            elif bj in "sS" and aj == " " and j + 2 < hi and text[j + 2].islower():
                weak = j if weak is None else weak
            else:
                return j
        j += 1


def quote_spans(text: str, skip: list[tuple[int, int]] | None = None) -> list[QuoteSpan]:
    """Every quote-marked span of ``text`` in text order (quotations, titles and scare quotes
    alike: :func:`classify_span` tells them apart).  A quotation running over several paragraphs
    is one :class:`QuoteSpan` with one fragment per paragraph.  Paragraphs lying wholly inside a
    ``skip`` range (embeds, boilerplate) are not read and break a running quotation."""
    skip = sorted(skip or [])
    out: list[QuoteSpan] = []
    current: QuoteSpan | None = None  # a quotation still open at the end of the last paragraph
    for lo, hi in _paragraphs(text):
        if any(s <= lo and hi <= e for s, e in skip):
            current = None
            continue
        spans, still_open, continues = _pair_double(text, lo, hi, current is not None)
        if current is not None and not continues:
            current = None  # the previous paragraph's unclosed quotation ends there
        for k, (s, e, closed) in enumerate(spans):
            if k == 0 and current is not None:  # the continuation of the running quotation
                current.fragments.append((s, e))
                current.closed = closed
                span = current
            else:
                span = QuoteSpan([(s, e)], closed)
                out.append(span)
            if k == len(spans) - 1 and still_open:
                current = span
            elif span is current:
                current = None
        for s, e in _single_spans(text, lo, hi, [(s, e) for s, e, _ in spans]):
            out.append(QuoteSpan([(s, e)], True, double=False))
    out.sort(key=lambda q: q.start)
    return out


def inner(text: str, start: int, end: int) -> tuple[int, int]:
    """The words of a marked fragment without its marks and surrounding space/punctuation."""
    s, e = start, end
    while s < e and (text[s] in QUOTE_CHARS or text[s].isspace()):
        s += 1
    while e > s and (text[e - 1] in QUOTE_CHARS or text[e - 1].isspace() or text[e - 1] in ",;:"):
        e -= 1
    return s, e


def classify_span(text: str, span: QuoteSpan) -> str:
    """``quotation``, ``title`` (a title of a work or a name: "The Ranch: Part 3"), ``scare`` (a
    word or two: "a “role model”") or ``empty``."""
    words_text = " ".join(text[slice(*inner(text, s, e))] for s, e in span.fragments)
    words = _WORD.findall(words_text)
    if not words:
        return "empty"
    if len(span.fragments) > 1:
        return "quotation"
    s, e = span.fragments[0]
    ends_sentence = bool(re.search(r"[.!?…][\"”’']*$", text[s:e].rstrip("\"”’'" + "“‘ ")))
    major = [w for w in words if w.lower() not in _MINOR]
    capitalised = sum(1 for w in major if w[0].isupper() or w[0].isdigit())
    if len(words) <= TITLE_MAX_WORDS and major and capitalised == len(major) and not ends_sentence and len(words) >= 2:
        # every content word capitalised and no sentence end: a title, unless it is the whole sentence of a headline
        return "title"
    before = text[:s].rstrip(" \t")[-1:]
    if len(words) <= SCARE_MAX_WORDS and (not re.search(r"[.!?,;:]", text[s:e]) or before.isalnum()):
        # a word or two inside a sentence ("a “role model,” …"), or with no punctuation of its own;
        # “Honestly,” opening a sentence, with its comma, is quoted speech
        return "scare"
    return "quotation"
