"""What a date rule knows besides the phrase: the per-call context (anchor, tense, genre cues) and the readings of the surrounding text.

- :class:`Ctx`: the anchor (publication date), the tense of the clause, the label, whether the
  story reports company results, the preferred direction, the anchor's UTC offset, and
  :meth:`Ctx.read` to read a sub-phrase with the whole engine;
- :func:`clean`: the phrase as rules see it (lower case, one space, no surrounding punctuation);
- readings of the block around the span: :func:`tense_of`, :func:`is_age`, :func:`reports_results`,
  :func:`year_mentioned_before`, :func:`is_attributive`, :func:`modifier_before`.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Callable

#: directions an under-specified expression may be placed in (see normalise_date)
PREFERENCES = ("past", "future", "nearest")


class Ctx:
    """Per-call context that is not part of the phrase itself."""

    __slots__ = ("anchor", "tense", "label", "fin", "prefer", "ref_off", "_engine")

    def __init__(self, anchor: datetime | None, tense: str | None, label: str, fin: bool = False,
                 prefer: str = "past", ref_off: int | None = None, engine: Callable | None = None):
        self.anchor = anchor
        self.tense = tense
        self.label = label
        self.fin = fin  # financial-report context: "a year ago" means the year-ago quarter
        # direction for under-specified expressions: "past" (news), "future", "nearest"
        self.prefer = prefer
        # UTC offset (minutes) of an aware anchor: times with a named zone are converted into it
        self.ref_off = ref_off
        self._engine = engine  # the engine's phrase reader: (phrase, ctx, allow_range) -> DateValue | None

    def read(self, phrase: str, allow_range: bool = False):
        """``phrase`` (cleaned) read by the whole engine in this context (ranges only when allowed)."""
        return self._engine(phrase, self, allow_range)

    def at(self, anchor: datetime | None, *, label: str, tense: str | None = None, fin: bool = False,
           prefer: str = "past") -> Ctx:
        """A context for reading part of a phrase against another anchor (no time-zone offset)."""
        return Ctx(anchor, tense, label, fin, prefer, None, self._engine)


_SPACES = re.compile(r"\s+")
_YEARS_ABBREVIATED = re.compile(r"\byrs\b")
_YEAR_ABBREVIATED = re.compile(r"\byr\b")
_QUARTERS_ABBREVIATED = re.compile(r"\bqtrs\b")
_QUARTER_ABBREVIATED = re.compile(r"\bqtr\b")
#: a final full stop that belongs to an abbreviation ("jan.", "a.m.", "u.s.")
_ABBREVIATED_END = re.compile(r"(?:\b[a-z]\.[a-z]\.|\b(?:jan|feb|mar|apr|jun|jul|aug|"
                              r"sept?|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|st|"
                              r"jr|p\.m|a\.m)\.)$")


def clean(s: str) -> str:
    """Lower-case, unify quotes/dashes, collapse whitespace, drop surrounding punctuation."""
    s = s.lower().replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    s = s.replace("\u2013", "-").replace("\u2014", "-").replace("\u00a0", " ")
    s = _SPACES.sub(" ", s).strip()
    s = s.strip(" ,;:!?\"()[]{}")
    s = _YEARS_ABBREVIATED.sub("years", s)
    s = _YEAR_ABBREVIATED.sub("year", s)
    s = _QUARTERS_ABBREVIATED.sub("quarters", s)
    s = _QUARTER_ABBREVIATED.sub("quarter", s)
    if s.endswith(".") and not _ABBREVIATED_END.search(s):
        s = s[:-1].rstrip()
    return s


_FUTURE_CUE = re.compile(
    r"\b(?:will|'ll|shall|going to|plans? to|planned|planning|scheduled|expects? to|expected to|"
    r"is to|are to|intends? to|next|upcoming|would begin|set to|due to|as soon as|as early as|"
    r"would be|might|until|postponed|delayed|deadline|expire|expires|payable|effective|"
    r"supposed to|is likely to|are likely to)\b")
_PAST_CUE = re.compile(r"\b(?:said|was|were|had|did|ago|last|earlier|reported|announced|"
                       r"told|died|killed|began|brought|came|took|made|went|met|saw|held|fell|"
                       r"rose|won|lost|sold|bought|gave|became|struck|since|has been|have been|"
                       r"(?<!\bbe )(?<!\bbeen )(?<!\bbeing )(?<!\bis )(?<!\bare )"
                       r"(?<!\bhas )(?<!\bhave )(?!(?:need|speed|indeed|hundred|red)\b)\w+ed)\b")
_SENTENCE_END_RIGHT = re.compile(r"[.!?](?:\s|$)|\n")
#: proper nouns ending in -ed ("United") are not past-tense verbs
_CAPITALISED_ED = re.compile(r"\b[A-Z]\w*ed\b")


def _nearest_cue_left(left: str) -> str | None:
    """The tense of the cue nearest the end of ``left``: explicit cue words first, then bare -ed
    forms (which may be adjectives)."""
    for weak in (False, True):
        best = None
        for tense, cue in (("future", _FUTURE_CUE), ("past", _PAST_CUE)):
            for mm in cue.finditer(left):
                if mm.group(0).endswith("ed") != weak and tense == "past":
                    continue
                if weak and tense == "future":
                    continue
                if best is None or mm.end() > best[0]:
                    best = (mm.end(), tense)
        if best is not None:
            return best[1]
    return None


def tense_of(text: str, start: int, end: int) -> str | None:
    """Rough tense of the clause around ``text[start:end]``: "future", "past" or None.

    The tense cue nearest the expression on its left (within the sentence) decides, since in
    news prose the governing verb usually precedes the time ("said Friday", "will meet on
    Thursday"); failing that, the first cue to its right ("On Friday, the company will ...").
    """
    lo = max(0, start - 90)
    left = text[lo:start]
    cut = max(left.rfind(". "), left.rfind("\n"), left.rfind("? "), left.rfind("! "))
    if cut >= 0:
        left = left[cut + 1:]
    right = text[end:end + 40]
    m = _SENTENCE_END_RIGHT.search(right)
    if m:
        right = right[:m.start()]
    left = _CAPITALISED_ED.sub("X", left).lower()
    right = _CAPITALISED_ED.sub("X", right).lower()
    tense = _nearest_cue_left(left)
    if tense is not None:
        return tense
    best = None
    for tense, cue in (("future", _FUTURE_CUE), ("past", _PAST_CUE)):
        mm = cue.search(right)
        if mm and (best is None or mm.start() < best[0]):
            best = (mm.start(), tense)
    return best[1] if best else None


_AGE_NUMBER = re.compile(r"\d{1,3}")
_AGE_WORD_LEFT = re.compile(r"\b(?:aged?|ages|age of)\s*$", re.I)
_NAME_COMMA_LEFT = re.compile(r"[A-Z][\w.'-]+,\s*$")
_AGE_RIGHT_COMMA = re.compile(r"^\s*(?:,|\)|;|$|\s+(?:and|who|was|is|has|had|said)\b)")
_OPEN_BRACKET_LEFT = re.compile(r"\(\s*$")
_CLOSE_BRACKET_RIGHT = re.compile(r"^\s*\)")


def is_age(text: str, start: int, end: int, phrase: str) -> bool:
    """True when a bare number at text[start:end] is a person's age ("Kutcher, 42," / "aged 42")."""
    if not _AGE_NUMBER.fullmatch(phrase):
        return False
    n = int(phrase)
    if n == 0 or n > 120:
        return False
    left = text[max(0, start - 60):start]
    right = text[end:end + 20]
    if _AGE_WORD_LEFT.search(left):
        return True
    if _NAME_COMMA_LEFT.search(left) and _AGE_RIGHT_COMMA.match(right):
        return True
    if _OPEN_BRACKET_LEFT.search(left) and _CLOSE_BRACKET_RIGHT.match(right):
        return True
    return False


_PERIOD_WORD = re.compile(r"year|period|quarter")
_RESULTS_WORDS = re.compile(r"\bquarter|\bnet income|\bper share|\bearnings\b|\ba share\b")


def reports_results(text: str, start: int, end: int, phrase: str) -> bool:
    """True when a phrase about a year, period or quarter sits in a story about company results
    (quarters, net income, earnings per share near it): "a year ago" then means the year-ago quarter."""
    if not _PERIOD_WORD.search(phrase):
        return False
    window = text[max(0, start - 400):end + 200].lower()
    return bool(_RESULTS_WORDS.search(window))


_YEAR_BEFORE = re.compile(r"(?<![\d$.,])(1[6-9]\d\d|20\d\d)(?![\d%]|\s*(?:percent|people|"
                          r"shares|units))")


def year_mentioned_before(text: str, start: int) -> int | None:
    """The last year written in the 600 characters before ``start`` (not an amount or a count)."""
    ys = _YEAR_BEFORE.findall(text[max(0, start - 600):start])
    return int(ys[-1]) if ys else None


_GOOD_LEFT = re.compile(r"\bgood\s*$", re.I)
#: a bare part of day used attributively ("morning talk show", "evening news")
_PART_ATTRIB = re.compile(r"[\s-]+(?:talk|news|show|shows|session|sessions|edition|paper|papers|"
                          r"program|programs|programme|bulletin|rush|commute|prayers?|meeting|shift|"
                          r"star|service|services|newscast|broadcast|briefing|flights?|trains?|"
                          r"peak|traffic|sun|sky|light|wear|dress|gown|walk|run|routine|class|"
                          r"classes|meal|snack|coffee|tea|person|people|glory|sickness|star|"
                          r"newspapers?|radio|television|tv|hours)\b", re.I)


def is_attributive(text: str, start: int, end: int) -> bool:
    """True when a bare part of the day is a greeting or a modifier ("good evening", "morning
    talk show"), not a time of this day."""
    return bool(_GOOD_LEFT.search(text[max(0, start - 10):start]) or _PART_ATTRIB.match(text[end:end + 20]))


_LEFT_MOD = re.compile(r"\b(about|around|approximately|roughly|nearly|almost|more than|over|"
                       r"less than|under|at least|no more than|up to|early|earlier|late|later|"
                       r"mid|the middle of|the end of|the beginning of|the start of)"
                       r"(?:\s+in|\s+on)?\s*-?\s*$", re.I)
_LEFT_MOD_MAP = {"about": "APPROX", "around": "APPROX", "approximately": "APPROX",
                 "roughly": "APPROX", "nearly": "LESS_THAN", "almost": "LESS_THAN",
                 "more than": "MORE_THAN", "over": "MORE_THAN", "less than": "LESS_THAN",
                 "under": "LESS_THAN", "at least": "EQUAL_OR_MORE", "no more than": "EQUAL_OR_LESS",
                 "up to": "EQUAL_OR_LESS", "early": "START", "earlier": "START", "late": "END",
                 "later": "END", "mid": "MID", "the middle of": "MID", "the end of": "END",
                 "the beginning of": "START", "the start of": "START"}


def modifier_before(text: str, start: int) -> str | None:
    """The TIMEX3 modifier of a word the model left just before the span ("about", "early")."""
    mm = _LEFT_MOD.search(text[max(0, start - 30):start])
    if not mm:
        return None
    return _LEFT_MOD_MAP.get(_SPACES.sub(" ", mm.group(1).lower()))
