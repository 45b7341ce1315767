"""Segment one scraped article's plain text into typed blocks, sentences and in-text metadata.

The scraper saves *all* visible text of a page, so an article arrives with navigation, bylines,
photo captions, social-media embeds and footers mixed in.  :func:`segment_text` splits the text
into blocks (one non-empty line each, hard-wrapped paragraphs joined), gives every block a kind
from :data:`KINDS`, splits the blocks that carry prose into sentences, and pulls the title, the
author and the publication date out of the text itself.

Everything here is language-general: block length, punctuation, function-word density (small
stopword lists for common European languages), list/link-likeness, position, repetition inside
the article and across the corpus (``common_lines``), and smoothing over neighbouring blocks in
the spirit of jusText.  When ``models/segmenter/weights.json`` exists (written by
``python -m pipeline.train_segmenter``), stacked logistic regressions plus boosted trees over the
same block features, their neighbours', wider windows, in-page repetition, menu-likeness and the
position relative to the longest run of prose and topic cohesion (how many of a block's content
words recur in the page's prose) score main text versus boilerplate, and a two-state Viterbi
decoding over consecutive blocks (a penalty per switch) makes the decision; otherwise hand-set
rules do.  The same
file may hold learned *rankers* for the metadata: the title, the publication date and the author
are then chosen among candidates (headline-like lines before the first paragraph; day-precision
dates outside embeds, captions and credits; names after by-words, name-like lines, names next to
dates) by softmax rankers (linear score + boosted stumps, with a 'none' option for dates);
without them hand-set scores choose.

All functions are pure (the model weights are read once, lazily) and never raise on any input.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Container, Iterable

KINDS = ("title", "byline", "dateline", "body", "caption", "credit", "embed", "boilerplate")
MAIN_KINDS = frozenset({"title", "body"})
SENTENCE_KINDS = frozenset({"title", "body", "caption", "byline", "dateline"})

MODEL_PATH = Path(__file__).resolve().parent.parent / "models" / "segmenter" / "weights.json"


@dataclass(frozen=True)
class Block:
    """A stripped, non-empty run of text (normally one line) and what kind of text it is."""

    char_start: int
    char_end: int
    kind: str
    score: float  # confidence in the kind, in [0, 1]
    rule: str  # short name of the deciding rule or model


@dataclass(frozen=True)
class Sentence:
    """A sentence inside one block; ``block`` indexes ``Segmentation.blocks``."""

    char_start: int
    char_end: int
    block: int


@dataclass(frozen=True)
class TextMeta:
    """Metadata found in the article text itself, with the spans it was read from."""

    title: str | None
    title_span: tuple[int, int] | None
    author: str | None
    author_span: tuple[int, int] | None
    published: datetime | None
    published_grain: str | None  # "day" / "month" / "minute"
    published_span: tuple[int, int] | None


@dataclass(frozen=True)
class Segmentation:
    """Blocks in text order, sentences in text order, and the in-text metadata."""

    blocks: list[Block]
    sentences: list[Sentence]
    meta: TextMeta


# --------------------------------------------------------------------------------------------
# small vocabularies (function words, dates, bylines) — general, not site-specific

_STOPWORDS = frozenset(
    """
    a about after all also an and any are as at be because been but by can could did do does
    for from had has have he her his how i if in into is it its just more most my no not of on
    one only or other our out over she so some than that the their them then there these they
    this those to up was we were what when where which while who will with would you your
    der die das den dem des ein eine einer eines einem einen und oder aber auch auf aus bei bis
    durch für gegen mit nach ohne über um unter von vor zu zum zur ist sind war waren wird werden
    wurde wurden hat haben hatte nicht noch nur sich sie er es wir ihr ich man dass daß wie wenn
    als im am an in so sehr schon dann doch mehr kann können diese dieser dieses auch beim vom
    le la les un une des du de et ou mais dans sur pour par avec sans est sont été être avoir
    il elle ils elles nous vous qui que quoi dont où ce cette ces au aux pas plus ne se sa son
    el los las del al y o pero en con sin por para es son fue ser ha han lo que como más su sus
    una unos unas este esta esto ese esa se le les no muy ya también entre sobre hasta cuando
    il lo gli i della delle dei degli e ma nel nella con per tra fra è sono che non più suo sua
    o os as da do das dos em na no nas nos um uma é são foi com por para não mais seu sua
    het een en van op te dat die niet met voor zijn aan er maar ook als bij uit dan nog wel
    i w z na do nie się że jest to jak od po przez oraz ale czy są był była było dla jego jej
    och att det som för med på av är inte til og er på av som ikke jeg
    """.split()
)

_MONTHS: dict[str, int] = {}
for _num, _names in enumerate(
    [
        "january jan januar janvier janv enero ene gennaio genn janeiro januari stycznia styczeń styczen tammikuuta jänner jän",
        "february feb febr februar février fevrier févr fevr febrero febbraio fevereiro fev februari lutego luty helmikuuta",
        "march mar märz maerz mär mars marzo março marco maart marca marzec maaliskuuta",
        "april apr avril avr abril abr aprile aprilie kwietnia kwiecień kwiecien huhtikuuta",
        "may mai mayo maggio mag maio mei maja maj toukokuuta",
        "june jun juni juin junio giugno giu junho czerwca czerwiec kesäkuuta",
        "july jul juli juillet juil julio luglio lug julho lipca lipiec heinäkuuta",
        "august aug août aout agosto ago augustus sierpnia sierpień sierpien elokuuta",
        "september sep sept septembre septiembre settembre set setembro setiembre września wrzesien wrzesień syyskuuta",
        "october oct okt oktober octobre octubre ottobre ott outubro out października pazdziernika październik lokakuuta",
        "november nov novembre noviembre novembro listopada listopad marraskuuta",
        "december dec dez dezember décembre decembre déc diciembre dic dicembre dezembro grudnia grudzień grudzien joulukuuta",
    ],
    start=1,
):
    for _n in _names.split():
        _MONTHS[_n] = _num
for _num, _n in enumerate("января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split(), 1):
    _MONTHS[_n] = _num
_MONTH_RE = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))

# words that introduce an author, in several languages (matched case-insensitively)
_BY_WORDS = (
    r"by|written by|posted by|words by|story by|reporting by|von|autor(?:in)?|author|verfasst von|"
    r"geschrieben von|erstellt von|text|texte|par|auteur|por|autor|di|door|przez|redakteur(?:in)?|"
    r"reporter|interview|fotos?|text (?:&|und|and) fotos?"
)
_BYLINE_RE = re.compile(
    r"^(?:[-–—|·•*]\s*)?(?:" + _BY_WORDS + r")\s*[:\-–]?\s+(.{2,80}?)\s*$", re.IGNORECASE
)
_BY_PREFIX_RE = re.compile(r"^(?:[-–—|·•*]\s*)?(?:" + _BY_WORDS + r")\b\s*[:]?\s*", re.IGNORECASE)
_PUBLISHED_LABEL_RE = re.compile(
    r"(publi|posted|veröffentlicht|erschienen|datum|date|stand\b|erstellt|créé|pubblicato|"
    r"publicado|opublikowano|geplaatst|\bam\b|\bon\b|\bvom\b|\ble\b|\bel\b)",
    re.IGNORECASE,
)
_UPDATED_LABEL_RE = re.compile(
    r"(updated|aktualisiert|geändert|modified|mis à jour|actualizado|aggiornato|zuletzt|last)",
    re.IGNORECASE,
)
_CREDIT_START_RE = re.compile(
    r"^(?:[(\[]\s*)?(?:photo|photos|foto|fotos|image|images|bild|bilder|picture|pic|credit|credits|"
    r"quelle|source|fuente|crédit|crédito|illustration|grafik|video|titelbild|symbolbild|"
    r"beitragsbild|header|cover|copyright)\b\s*(?:by|via|von|de|par|por|credit|:|©|-|–|/|$)",
    re.IGNORECASE,
)
_CREDIT_ANY_RE = re.compile(
    r"©|\(c\)\s|getty images|shutterstock|istock|imago|picture alliance|picture-alliance|"
    r"\bdpa\b|\bafp\b|\bap photo\b|reuters|unsplash|pixabay|adobe ?stock|keystone",
    re.IGNORECASE,
)
_CREDIT_INLINE_RE = re.compile(
    r"[(\[]\s*(?:photo|foto|bild|image|bildquelle|quelle|source|fuente|credit|grafik|video)s?\b\s*[:/]",
    re.IGNORECASE,
)
_LABEL_COLON_RE = re.compile(r"^[^\W\d][\w’'\-]*(?:\s+[\w’'\-]+){0,2}\s*:\s+\S")
_PAREN_CREDIT_END_RE = re.compile(r"\(([^()]{2,80}/[^()]{2,80})\)\s*\.?\s*$")
_SOCIAL_RE = re.compile(
    r"\b(instagram|twitter|facebook|youtube|tiktok|pinterest|linkedin|whatsapp|telegram|"
    r"snapchat|vimeo|spotify|soundcloud|reddit|threads)\b",
    re.IGNORECASE,
)
_HANDLE_RE = re.compile(r"\(@\w{1,30}\)|(?:^|\s)@\w{2,30}\b")
_URL_RE = re.compile(r"(?:https?://|www\.)\S+|\bpic\.twitter\.com/\S+|\bt\.co/\S+", re.IGNORECASE)
_EMBED_TAIL_RE = re.compile(r"^[—–-]\s*.{1,80}\(@\w{1,30}\)")
_LIST_RE = re.compile(r"^(?:[*•·▪►▸◦‣○●■□+>»›\-–—]|\d{1,3}[.)](?=\s))\s*")
_TERMINAL_RE = re.compile(r"[.!?…。！？؟।][\"'”’»«)\]]*$")
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_WORD_RE = re.compile(r"\w+", re.UNICODE)
_TIME_RE = re.compile(r"\b([01]?\d|2[0-3])[:.h]([0-5]\d)\b(?:\s*(am|pm|a\.m\.|p\.m\.))?", re.IGNORECASE)
_DIGIT_RE = re.compile(r"\d")

_LINE_BREAK_RE = re.compile(r"[^\n\r\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85]+")


# --------------------------------------------------------------------------------------------
# line keys and corpus repetition


def line_key(line: str) -> str:
    """Normalised key of a line for corpus-level repetition counting (case/space/digit-insensitive).

    Lower-cases, replaces every run of digits by ``0``, drops punctuation and symbols and folds
    whitespace, so "Updated: 9/15/2023" and "updated 1/2/2024" share a key.
    """
    s = unicodedata.normalize("NFKC", line[:2000]).lower()
    s = re.sub(r"\d+", "0", s)
    s = re.sub(r"[^\w\s]|_", " ", s)
    return " ".join(s.split())


def common_line_keys(texts: Iterable[str], min_docs: int = 3) -> frozenset[str]:
    """Keys (see :func:`line_key`) of lines that occur in at least ``min_docs`` different texts.

    Use it on the whole corpus and pass the result to :func:`segment_text` as ``common_lines``:
    lines repeated across many articles (menus, share buttons, footers) are boilerplate.
    """
    counts: Counter[str] = Counter()
    for text in texts:
        keys = set()
        for m in _LINE_BREAK_RE.finditer(text):
            k = line_key(m.group())
            if k:
                keys.add(k)
        counts.update(keys)
    return frozenset(k for k, n in counts.items() if n >= min_docs)


# --------------------------------------------------------------------------------------------
# blocks


def _lines(text: str) -> list[tuple[int, int, bool]]:
    """Stripped non-empty lines as (start, end, blank_line_before)."""
    out: list[tuple[int, int, bool]] = []
    prev_end = 0
    for m in _LINE_BREAK_RE.finditer(text):
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


def _join_hard_wraps(text: str, lines: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
    """Join a line with the next when the paragraph is hard-wrapped (continues mid-sentence)."""
    out: list[tuple[int, int, bool]] = []
    for start, end, blank in lines:
        if out and not blank:
            ps, pe, pb = out[-1]
            prev_line_start = text.rfind("\n", ps, pe) + 1 or ps
            last = text[max(prev_line_start, pe - 200) : pe]
            first = text[start : start + 2]
            if (
                pe - max(prev_line_start, ps) >= 40
                and first[:1].islower()
                and not _TERMINAL_RE.search(last)
                and not last.endswith((":", ";", "|"))
                and not _LIST_RE.match(text[start : start + 3])
            ):
                out[-1] = (ps, end, pb)
                continue
        out.append((start, end, blank))
    return out


# --------------------------------------------------------------------------------------------
# per-block features


@dataclass
class _F:
    """Surface features of one block (mutable scratch record, internal)."""

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


_SEP_RE = re.compile(r"\s[|·•»›/]\s|\s[|·•]|[|·•]\s")
_SENT_PUNCT_RE = re.compile(r"[.!?…。！？]+(?=\s|$)|[。！？]")


_SECOND_PERSON = frozenset(
    "you your yours yourself du dich dir dein deine deinen deinem deiner ihr euch euer eure sie ihnen ihre "
    "vous votre vos tu te toi ton ta tes usted ustedes tu tus su sus voi vostro vostra tuo tua jij je jou jouw "
    "u uw ty ciebie cię tobie twój twoja wy was wasz".split()
)
_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


def _features(s: str) -> _F:
    f = _F()
    head = s[:3000]
    f.n_chars = len(s)
    words = head.split()
    n_words = len(words) if len(s) <= 3000 else max(len(words), len(s) // 6)
    f.n_words = n_words
    cjk = len(_CJK_RE.findall(head))
    if len(s) > 3000:
        cjk = cjk * len(s) // 3000
    f.length = n_words + cjk / 2.0 if cjk < 0.3 * len(head) else cjk / 2.0 + 1
    lw = [w.strip(".,;:!?\"'()[]«»„“”‘’").lower() for w in words[:400]]
    nw = max(1, len(lw))
    f.stop = sum(1 for w in lw if w in _STOPWORDS) / nw
    f.second = sum(1 for w in lw if w in _SECOND_PERSON) / nw
    tail = s.rstrip("\"'”’»«)] ")
    f.ellipsis = tail.endswith("…") or tail.endswith("...")
    f.contact = bool(_EMAIL_RE.search(head)) or "©" in head
    if cjk >= 0.3 * max(1, len(head)):
        f.stop = min(1.0, 0.15 + 0.1 * head.count("，") + 0.1 * head.count("的"))
    f.terminal = bool(_TERMINAL_RE.search(s[-12:]))
    f.n_sent_punct = len(_SENT_PUNCT_RE.findall(head))
    f.n_commas = head.count(",") + head.count("，")
    f.is_list = bool(_LIST_RE.match(s[:4])) and not s[:1].isdigit() or bool(re.match(r"^[*•+]", s))
    if words:
        f.caps = sum(1 for w in words[:400] if w[:1].isupper()) / min(len(words), 400)
    f.digits = len(_DIGIT_RE.findall(head)) / max(1, len(head))
    f.has_url = bool(_URL_RE.search(head))
    f.has_handle = bool(_HANDLE_RE.search(head))
    f.n_seps = len(_SEP_RE.findall(head))
    f.social = bool(_SOCIAL_RE.search(head)) and n_words <= 12
    credit = 0.0
    if _CREDIT_START_RE.match(s[:40]) and n_words <= 25:
        credit = 1.0
    elif _PAREN_CREDIT_END_RE.search(s[-170:]):
        credit = 0.8
    elif _CREDIT_ANY_RE.search(head) and n_words <= 20:
        credit = 0.6
    f.credit = credit
    f.colon_end = s.endswith(":")
    f.label_colon = bool(_LABEL_COLON_RE.match(s[:40])) and not f.colon_end and n_words <= 20
    f.credit_inline = bool(_CREDIT_ANY_RE.search(head) or _CREDIT_INLINE_RE.search(head))
    f.question = s.rstrip("\"'”’»« ").endswith("?")
    f.key = line_key(s) if len(s) <= 2000 else ""
    f.stems = frozenset(w[:6] for w in (t.lower() for t in _STEM_TOKEN_RE.findall(s[:2000])) if w not in _STOPWORDS)
    return f


_STEM_TOKEN_RE = re.compile(r"[^\W\d_]{4,}", re.UNICODE)


# --------------------------------------------------------------------------------------------
# dates

_D = r"(?<![\d.])"
_YE = r"(?:(?!\d)|(?=\d{1,2}[:.h]\d\d)|(?=\d{1,2}\.\s))"  # end of a 4-digit year, glued text allowed
_DATE_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(_D + r"(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)"), "ymd"),
    (re.compile(_D + r"(\d{4})/(\d{1,2})/(\d{1,2})(?!\d)"), "ymd"),
    (re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"), "ymd"),
    (re.compile(_D + r"(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}" + _YE + r"|\d{2}(?![\d]))"), "dmy"),
    (re.compile(_D + r"(\d{1,2})/(\d{1,2})/(\d{4}" + _YE + r"|\d{2}(?!\d))"), "slash"),
    (re.compile(_D + r"(\d{1,2})-(\d{1,2})-(\d{4})(?!\d)"), "dmy"),
    (re.compile(_D + r"(\d{1,2})\s?\|\s?(\d{1,2})\s?\|\s?(\d{4})(?!\d)"), "dmy"),
    (
        re.compile(
            r"(?<![\d.])(\d{1,2})(?:\.|er|st|nd|rd|th|º|°)?\s*(?:de\s+|di\s+|\w+\s+)??(" + _MONTH_RE
            + r")\.?,?\s+(?:de\s+|del\s+)?(\d{4})" + _YE,
            re.IGNORECASE,
        ),
        "d_mon_y",
    ),
    (
        re.compile(
            r"(?<![\w])(" + _MONTH_RE + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s*(\d{4})" + _YE,
            re.IGNORECASE,
        ),
        "mon_d_y",
    ),
    (re.compile(r"(?<![\w])(" + _MONTH_RE + r")\.?,?\s+(\d{4})(?!\d)", re.IGNORECASE), "mon_y"),
]


def _year(y: str) -> int:
    n = int(y)
    if len(y) == 2:
        n += 2000 if n < 40 else 1900
    return n


def _find_dates(s: str, offset: int) -> list[tuple[int, int, datetime, str]]:
    """All plausible dates in ``s`` as (start, end, datetime, grain), offsets shifted by ``offset``."""
    found: list[tuple[int, int, datetime, str]] = []
    taken: list[tuple[int, int]] = []
    for pat, kind in _DATE_PATTERNS:
        for m in pat.finditer(s):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            g = m.groups()
            try:
                grain = "day"
                if kind == "ymd":
                    y, mo, d = int(g[0]), int(g[1]), int(g[2])
                elif kind == "dmy":
                    y, mo, d = _year(g[2]), int(g[1]), int(g[0])
                elif kind == "slash":
                    a, b, y = int(g[0]), int(g[1]), _year(g[2])
                    mo, d = (b, a) if a > 12 else (a, b)
                elif kind == "d_mon_y":
                    y, mo, d = int(g[2]), _MONTHS[g[1].lower()], int(g[0])
                elif kind == "mon_d_y":
                    y, mo, d = int(g[2]), _MONTHS[g[0].lower()], int(g[1])
                else:
                    word = g[0].lower()
                    if len(word) <= 3 and word in ("mar", "may", "mai", "set", "out", "die"):
                        continue
                    y, mo, d, grain = int(g[1]), _MONTHS[word], 1, "month"
                if not 1990 <= y <= 2035:
                    continue
                dt = datetime(y, mo, d)
            except (ValueError, KeyError):
                continue
            end = m.end()
            if grain == "day":
                tm = _TIME_RE.search(s, end, min(len(s), end + 25))
                if tm and not _DIGIT_RE.search(s[end : tm.start()].replace(",", "")):
                    hh, mm = int(tm.group(1)), int(tm.group(2))
                    ap = (tm.group(3) or "").lower().replace(".", "")
                    if ap == "pm" and hh < 12:
                        hh += 12
                    elif ap == "am" and hh == 12:
                        hh = 0
                    dt = dt.replace(hour=hh, minute=mm)
                    grain = "minute"
                    end = tm.end()
            taken.append((m.start(), end))
            found.append((offset + m.start(), offset + end, dt, grain))
    found.sort()
    return found


# --------------------------------------------------------------------------------------------
# model (optional) and rule scoring

_MODEL_CACHE: dict[str, object] = {}


def _prepare_stage(raw: dict) -> dict:
    import numpy as np

    stage = {
        "names": list(raw["feature_names"]),
        "mean": np.asarray([float(x) for x in raw["mean"]]),
        "scale": np.asarray([float(x) or 1.0 for x in raw["scale"]]),
        "coef": np.asarray([float(x) for x in raw["coef"]]),
        "intercept": float(raw["intercept"]),
    }
    if not (len(stage["names"]) == len(stage["mean"]) == len(stage["scale"]) == len(stage["coef"])):
        raise ValueError("inconsistent model stage")
    return stage


def _prepare_ranker(raw: dict, name: str) -> dict:
    import numpy as np

    expected = {"title": TITLE_FEATURES, "author": AUTHOR_FEATURES, "date": DATE_FEATURES}[name]
    if list(raw["feature_names"]) != expected:
        raise ValueError("ranker features differ from the code's")
    rk = {
        "mean": np.asarray([float(x) for x in raw["mean"]]),
        "scale": np.asarray([float(x) or 1.0 for x in raw["scale"]]),
        "coef": np.asarray([float(x) for x in raw["coef"]]),
        "null": float(raw["null"]),
        "threshold": float(raw.get("threshold", 0.0)),
        "use_null": bool(raw.get("use_null", True)),
        "stumps": [(int(j), float(t), float(a), float(b)) for j, t, a, b in (raw.get("stumps") or [])],
    }
    if any(not 0 <= j < len(expected) for j, _, _, _ in rk["stumps"]):
        raise ValueError("stump feature out of range")
    if not (len(expected) == len(rk["mean"]) == len(rk["scale"]) == len(rk["coef"])):
        raise ValueError("inconsistent ranker")
    return rk


def _prepare_trees(raw: dict | None, n_features: int) -> dict | None:
    """Boosted oblivious trees on top of stage 2 (added to its logit); None when absent."""
    import numpy as np

    if not raw:
        return None
    F = np.asarray(raw["features"], dtype=np.int64)
    T = np.asarray(raw["thresholds"], dtype=float)
    V = np.asarray(raw["leaves"], dtype=float)
    if F.ndim != 2 or T.shape != F.shape or V.shape != (F.shape[0], 2 ** F.shape[1]):
        raise ValueError("inconsistent trees")
    if F.size and (F.min() < 0 or F.max() >= n_features):
        raise ValueError("tree feature out of range")
    return {"features": F, "thresholds": T, "leaves": V}


def _prepare_model(raw: dict | None) -> dict | None:
    """Validate a model as stored in weights.json (one or two logistic-regression stages)."""
    if not isinstance(raw, dict):
        return None
    try:
        stage1 = _prepare_stage(raw["stage1"] if "stage1" in raw else raw)
        stage2 = _prepare_stage(raw["stage2"]) if raw.get("stage2") else None
        if stage2 is not None and len(stage2["names"]) != len(stage1["names"]) + len(STAGE2_EXTRA):
            return None
        rankers = {}
        for name, rk in (raw.get("rankers") or {}).items():
            try:
                rankers[name] = _prepare_ranker(rk, name)
            except (KeyError, TypeError, ValueError):
                continue
        trees = _prepare_trees(raw.get("trees"), len(stage2["names"])) if stage2 is not None else None
        penalty = float(raw.get("sequence_penalty") or 0.0)
        if not 0.0 <= penalty < 50.0:
            return None
        return {"stage1": stage1, "stage2": stage2, "threshold": float(raw.get("threshold", 0.5)),
                "rankers": rankers, "trees": trees, "sequence_penalty": penalty}
    except (KeyError, TypeError, ValueError, ImportError):
        return None


def _set_model(raw: dict | None) -> None:
    """Use this model (weights.json format) instead of the file; None = rules only (for training)."""
    _MODEL_CACHE["m"] = _prepare_model(raw)


def _reset_model() -> None:
    """Forget any model set or loaded, so the next call reads weights.json again."""
    _MODEL_CACHE.pop("m", None)


def _load_model() -> dict | None:
    if "m" not in _MODEL_CACHE:
        raw = None
        try:
            with open(MODEL_PATH, encoding="utf-8") as fh:
                raw = json.load(fh)
        except (OSError, ValueError):
            raw = None
        _MODEL_CACHE["m"] = _prepare_model(raw if isinstance(raw, dict) else None)
    return _MODEL_CACHE["m"]  # type: ignore[return-value]


def _rule_score(f: _F) -> float:
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


def _base_vector(f: _F, i: int, n: int) -> list[float]:
    """Numeric features of one block for the learned model (see FEATURE_NAMES)."""
    return [
        math.log1p(f.n_chars),
        math.log1p(f.length),
        f.stop,
        float(f.terminal),
        math.log1p(f.n_sent_punct),
        math.log1p(f.n_commas),
        float(f.is_list),
        f.caps,
        f.digits,
        float(f.has_url),
        float(f.has_handle),
        min(f.n_seps, 5) / 5.0,
        float(f.common),
        float(f.dup > 1),
        float(f.social),
        f.credit,
        float(f.date_only),
        float(f.has_date),
        float(f.byline),
        float(f.colon_end),
        _rule_score(f),
        float(f.length < 4),
        float(f.length >= 15 and f.stop >= 0.2),
        float(f.label_colon),
        float(f.credit_inline),
        float(f.question),
        float(f.n_words <= 6 and not f.terminal),
        f.second,
        float(f.ellipsis),
        float(f.contact),
    ]


BASE_NAMES = [
    "log_chars", "log_len", "stop", "terminal", "log_sent", "log_commas", "list", "caps", "digits",
    "url", "handle", "seps", "common", "dup", "social", "credit", "date_only", "has_date", "byline",
    "colon_end", "rule", "tiny", "prose", "label_colon", "credit_inline", "question", "short_nonsent",
    "second_person", "ellipsis_end", "contact",
]


def _context_matrix(feats: list[_F]) -> tuple[list[str], list[list[float]]]:
    """Per-block feature rows: own features, neighbours' (±1, ±2), window and position features."""
    n = len(feats)
    base = [_base_vector(f, i, n) for i, f in enumerate(feats)]
    prior = [_rule_score(f) for f in feats]
    pad = [0.0] * len(BASE_NAMES)
    good = [1.0 if p >= 0.8 else 0.0 for p in prior]
    # prefix sums of "good" blocks and lengths for window features
    cum = [0.0]
    for g in good:
        cum.append(cum[-1] + g)
    total_good = cum[-1]
    first_good = next((i for i, g in enumerate(good) if g), n)
    last_good = max((i for i, g in enumerate(good) if g), default=-1)
    # distance to nearest good block
    dist = [float(n)] * n
    last = -10**9
    for i in range(n):
        if good[i]:
            last = i
        dist[i] = float(i - last)
    last = 10**9
    for i in range(n - 1, -1, -1):
        if good[i]:
            last = i
        dist[i] = min(dist[i], float(last - i))
    rows = []
    extra = _extra_matrix(feats, prior)
    names = (
        BASE_NAMES
        + [f"p1_{x}" for x in BASE_NAMES]
        + [f"n1_{x}" for x in BASE_NAMES]
        + ["p2_rule", "n2_rule", "win3_good", "win8_good", "log_dist_good", "inside_good_span",
           "rel_pos", "doc_good_share", "before_first_good", "after_last_good", "log_n_blocks"]
    )
    for i in range(n):
        row = list(base[i])
        row += base[i - 1] if i > 0 else pad
        row += base[i + 1] if i + 1 < n else pad
        row.append(prior[i - 2] if i > 1 else 0.0)
        row.append(prior[i + 2] if i + 2 < n else 0.0)
        lo, hi = max(0, i - 3), min(n, i + 4)
        row.append((cum[hi] - cum[lo] - good[i]) / max(1, hi - lo - 1))
        lo, hi = max(0, i - 8), min(n, i + 9)
        row.append((cum[hi] - cum[lo] - good[i]) / max(1, hi - lo - 1))
        row.append(math.log1p(min(dist[i], 50.0)))
        row.append(float(first_good <= i <= last_good))
        row.append(i / max(1, n - 1))
        row.append(total_good / max(1, n))
        row.append(float(i < first_good))
        row.append(float(i > last_good))
        row.append(math.log1p(n))
        row += extra[i]
        rows.append(row)
    return names + EXTRA_NAMES, rows


EXTRA_NAMES = [
    "p3_rule", "n3_rule", "win20_good", "win5_len", "win5_short", "short_run", "log_dup",
    "dup_far", "prose_run_in", "prose_run_before", "prose_run_after", "log_dist_prose_run",
    "prose_run_share", "char_pos", "char_share", "win5_seps", "list_run", "win5_list",
    "coh_good", "coh_run", "log_coh_n", "log_stems",
]


def _extra_matrix(feats: list[_F], prior: list[float]) -> list[list[float]]:
    """Wider-window, repetition, menu-likeness and longest-prose-run features of every block."""
    n = len(feats)
    good = [1.0 if p >= 0.8 else 0.0 for p in prior]
    cum_g, cum_len, cum_short, cum_seps, cum_list, cum_chars = [0.0], [0.0], [0.0], [0.0], [0.0], [0.0]
    short = []
    for f, g in zip(feats, good):
        sh = 1.0 if f.n_words <= 5 and not f.terminal else 0.0
        short.append(sh)
        cum_g.append(cum_g[-1] + g)
        cum_len.append(cum_len[-1] + math.log1p(f.length))
        cum_short.append(cum_short[-1] + sh)
        cum_seps.append(cum_seps[-1] + min(f.n_seps, 5) / 5.0)
        cum_list.append(cum_list[-1] + float(f.is_list))
        cum_chars.append(cum_chars[-1] + f.n_chars)
    total_chars = max(1.0, cum_chars[-1])
    # runs of consecutive short non-sentences (menus, link lists) and of list items
    def runs(flags: list[float]) -> list[float]:
        out = [0.0] * n
        i = 0
        while i < n:
            if not flags[i]:
                i += 1
                continue
            j = i
            while j + 1 < n and flags[j + 1]:
                j += 1
            for k in range(i, j + 1):
                out[k] = float(j - i + 1)
            i = j + 1
        return out
    short_run = runs(short)
    list_run = runs([float(f.is_list) for f in feats])
    # longest run of prose: good blocks, allowing gaps of up to 2 non-good blocks, weighted by length
    best, best_span = 0.0, None
    i = 0
    while i < n:
        if not good[i]:
            i += 1
            continue
        j, k, w = i, i, 0.0
        while k < n:
            if good[k]:
                w += feats[k].length
                j = k
                k += 1
            elif k + 1 < n and good[k + 1]:
                k += 1
            elif k + 2 < n and good[k + 2]:
                k += 2
            else:
                break
        if w > best:
            best, best_span = w, (i, j)
        i = j + 1
    total_len = sum(f.length for f in feats) or 1.0
    # positions of the first occurrence of each line key
    first_pos: dict[str, int] = {}
    last_pos: dict[str, int] = {}
    for i, f in enumerate(feats):
        if f.key:
            first_pos.setdefault(f.key, i)
            last_pos[f.key] = i
    # topic cohesion: how many of a block's content words recur in the page's prose (other blocks)
    df_good: Counter[str] = Counter()
    df_run: Counter[str] = Counter()
    for i, f in enumerate(feats):
        if good[i]:
            df_good.update(f.stems)
            if best_span is not None and best_span[0] <= i <= best_span[1]:
                df_run.update(f.stems)
    out = []
    for i, f in enumerate(feats):
        lo5, hi5 = max(0, i - 5), min(n, i + 6)
        own = 1 if good[i] else 0
        own_run = 1 if good[i] and best_span is not None and best_span[0] <= i <= best_span[1] else 0
        n_st = len(f.stems)
        c_good = sum(1 for t in f.stems if df_good[t] > own)
        c_run = sum(1 for t in f.stems if df_run[t] > own_run)
        m5 = max(1, hi5 - lo5)
        lo20, hi20 = max(0, i - 20), min(n, i + 21)
        if best_span is not None:
            a, b = best_span
            inside = float(a <= i <= b)
            before = float(i < a)
            after = float(i > b)
            dist = float(max(0, a - i, i - b))
        else:
            inside = before = after = 0.0
            dist = float(n)
        far = 0.0
        if f.key and f.dup > 1:
            far = float(last_pos[f.key] - first_pos[f.key] > 5)
        out.append([
            prior[i - 3] if i > 2 else 0.0,
            prior[i + 3] if i + 3 < n else 0.0,
            (cum_g[hi20] - cum_g[lo20] - good[i]) / max(1, hi20 - lo20 - 1),
            (cum_len[hi5] - cum_len[lo5]) / m5,
            (cum_short[hi5] - cum_short[lo5]) / m5,
            math.log1p(short_run[i]),
            math.log1p(min(f.dup, 20) - 1),
            far,
            inside, before, after,
            math.log1p(min(dist, 50.0)),
            best / total_len,
            cum_chars[i] / total_chars,
            f.n_chars / total_chars,
            (cum_seps[hi5] - cum_seps[lo5]) / m5,
            math.log1p(list_run[i]),
            (cum_list[hi5] - cum_list[lo5]) / m5,
            c_good / max(1, n_st),
            c_run / max(1, n_st),
            math.log1p(c_good),
            math.log1p(n_st),
        ])
    return out


def _stage2_matrix(rows: list[list[float]], p1: list[float]) -> list[list[float]]:
    """Second-stage rows: first-stage rows plus the first-stage probabilities around each block."""
    n = len(p1)
    cum = [0.0]
    for p in p1:
        cum.append(cum[-1] + p)
    hi_idx = [i for i, p in enumerate(p1) if p >= 0.5]
    first_hi = hi_idx[0] if hi_idx else n
    last_hi = hi_idx[-1] if hi_idx else -1
    n_hi = len(hi_idx)
    dist = [float(n)] * n
    last = -10**9
    for i in range(n):
        if p1[i] >= 0.5:
            last = i
        dist[i] = float(i - last)
    last = 10**9
    hi_before = [0] * n
    run = 0
    for i in range(n):
        hi_before[i] = run
        run += p1[i] >= 0.5
    for i in range(n - 1, -1, -1):
        if p1[i] >= 0.5:
            last = i
        dist[i] = min(dist[i], float(last - i))
    out = []
    for i, row in enumerate(rows):
        g = lambda j: p1[j] if 0 <= j < n else 0.0
        lo, hi = max(0, i - 5), min(n, i + 6)
        win = (cum[hi] - cum[lo] - p1[i]) / max(1, hi - lo - 1)
        near_max = max(g(i - 1), g(i + 1))
        out.append(row + [
            p1[i], g(i - 1), g(i + 1), g(i - 2), g(i + 2), g(i - 3), g(i + 3), win, near_max,
            min(g(i - 1), g(i + 1)),
            float(first_hi <= i <= last_hi),
            hi_before[i] / max(1, n_hi),
            math.log1p(min(dist[i], 50.0)),
            n_hi / max(1, n),
        ])
    return out


STAGE2_EXTRA = ["s1", "s1_p1", "s1_n1", "s1_p2", "s1_n2", "s1_p3", "s1_n3", "s1_win5", "s1_nbr_max",
                "s1_nbr_min", "s1_inside", "s1_hi_before", "s1_log_dist_hi", "s1_doc_share"]


def _lr(rows: list[list[float]], stage: dict, logit: bool = False):
    import numpy as np

    X = np.asarray(rows, dtype=float)
    z = ((X - stage["mean"]) / stage["scale"]) @ stage["coef"] + stage["intercept"]
    if logit:
        return z
    return list(1.0 / (1.0 + np.exp(-np.clip(z, -30, 30))))


def _tree_margin(X, trees: dict):
    """Summed leaf values of oblivious trees (each level splits every node on one feature)."""
    import numpy as np

    F, T, V = trees["features"], trees["thresholds"], trees["leaves"]  # (k, depth), (k, depth), (k, 2**depth)
    if len(F) == 0:
        return np.zeros(len(X))
    bits = (X[:, F] > T).astype(np.int64)  # (n, k, depth)
    idx = (bits << np.arange(F.shape[1])).sum(axis=2)  # (n, k)
    return V[np.arange(len(F)), idx].sum(axis=1)


def _model_scores(feats: list[_F]) -> tuple[list[float], float, str] | None:
    import numpy as np

    model = _load_model()
    if model is None or not feats:
        return None
    names, rows = _context_matrix(feats)
    want = model["stage1"]["names"]
    if names != want:
        pos = {nm: k for k, nm in enumerate(names)}
        if any(nm not in pos for nm in want):
            return None
        cols = [pos[nm] for nm in want]
        rows = [[r[c] for c in cols] for r in rows]
    p = _lr(rows, model["stage1"])
    rule = "logreg"
    if model.get("stage2") is not None:
        rows2 = _stage2_matrix(rows, p)
        z = _lr(rows2, model["stage2"], logit=True)
        if model.get("trees") is not None:
            z = z + _tree_margin(np.asarray(rows2, dtype=float), model["trees"])
            rule = "boosted"
        p = list(1.0 / (1.0 + np.exp(-np.clip(z, -30, 30))))
    return [float(x) for x in p], model["threshold"], rule


def _smooth(prior: list[float], feats: list[_F]) -> list[float]:
    """jusText-style context smoothing of rule scores: short blocks take their neighbours' side."""
    n = len(prior)
    cls = ["good" if p >= 0.8 else "near" if p >= 0.5 else "short" if feats[i].length < 15 else "bad"
           for i, p in enumerate(prior)]
    cls = ["bad" if p <= 0.12 else c for c, p in zip(cls, prior)]
    out = list(prior)

    def side(i: int, step: int) -> str:
        j = i + step
        while 0 <= j < n:
            if cls[j] in ("good", "bad"):
                return cls[j]
            j += step
        return "bad"

    for i in range(n):
        if cls[i] == "near":
            a, b = side(i, -1), side(i, 1)
            out[i] = 0.8 if "good" in (a, b) else 0.3
    for i in range(n):
        if cls[i] == "short":
            a, b = side(i, -1), side(i, 1)
            if a == b == "good":
                out[i] = 0.65
            elif "good" in (a, b) and (i + 1 < n and cls[i + 1] == "good") and feats[i].length >= 2:
                out[i] = 0.55  # a heading right before good text
            else:
                out[i] = min(out[i], 0.2)
    return out


# --------------------------------------------------------------------------------------------
# metadata

_NAME_TOKEN_RE = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’.\-]*$|^(?:von|van|de|der|den|da|di|del|la|le|du|zu|y|bin|al)$")


def _name_like(s: str) -> bool:
    """A short run of capitalised words that could be a person's name."""
    toks = s.split()
    if not 1 <= len(toks) <= 4 or len(s) > 60:
        return False
    if not toks[0][:1].isupper() or _DIGIT_RE.search(s):
        return False
    caps = 0
    for t in toks:
        if not _NAME_TOKEN_RE.match(t):
            return False
        if t[:1].isupper():
            caps += 1
        if t.lower() in _STOPWORDS and not t[:1].isupper():
            pass
        elif t.lower().strip(".") in _STOPWORDS:
            return False
    return caps >= 1 and len(toks) >= 2 or (len(toks) == 1 and len(toks[0]) >= 3)


def _clean_author(s: str) -> str:
    s = re.split(r"\s*(?:[|·•,/(]|\s[-–—]\s|\bund\b|\band\b|\bet\b|\by\b|\be\b|\bam\b|\bon\b|\bvom\b|\ble\b)\s*", s)[0]
    s = s.strip(" .:;-–—|·•*")
    return s


def _find_byline(s: str) -> tuple[int, int] | None:
    """Relative span of an author name introduced by a by-word ("By X", "Von X", "Text: X")."""
    m = _BY_PREFIX_RE.match(s[:120])
    if not m:
        return None
    rest = s[m.end() : m.end() + 100]
    name = _clean_author(rest)
    # keep leading capitalised tokens only
    toks = []
    for t in name.split():
        if _NAME_TOKEN_RE.match(t) and t.lower() not in ("am", "on", "vom"):
            toks.append(t)
        else:
            break
    while toks and not toks[-1][:1].isupper():
        toks.pop()
    if not toks or len(toks) > 5:
        return None
    name = " ".join(toks)
    if not _name_like(name) and not (len(toks) <= 3 and name[:1].isupper()):
        return None
    start = s.find(toks[0], m.end())
    end = s.find(toks[-1], start) + len(toks[-1])
    if start < 0 or end <= start:
        return None
    return start, end


_INNER_BY_RE = re.compile(r"(?:^|\s)(?:by|von|par|por|door|przez|di)\s+(?=\S)", re.IGNORECASE)


def _find_inner_byline(s: str) -> tuple[int, int] | None:
    """Relative span of a name after a by-word inside a meta line ("Posted on 3 May 2020 by X")."""
    for m in _INNER_BY_RE.finditer(s[:200]):
        rest = s[m.end() : m.end() + 60]
        toks = []
        for t in _clean_author(rest).split():
            if _NAME_TOKEN_RE.match(t) or (not toks and re.fullmatch(r"[\w.\-]{3,25}", t) and not t.isdigit()):
                toks.append(t)
            else:
                break
        while toks and toks[-1].lower() in ("von", "van", "de", "der", "den", "da", "di", "del", "la", "le", "du", "zu", "y"):
            toks.pop()
        if not toks or len(toks) > 4 or toks[0].lower() in _STOPWORDS or toks[0].lower() in _MONTHS:
            continue
        start = m.end() + rest.find(toks[0])
        end = s.find(toks[-1], start) + len(toks[-1])
        return start, end
    return None


# --------------------------------------------------------------------------------------------
# learned choice of title / author / date among candidates (softmax rankers, see train_segmenter)

_TOKEN_RE = re.compile(r"[^\W\d_]{3,}", re.UNICODE)


def _content_tokens(s: str) -> set[str]:
    return {w for w in (t.lower() for t in _TOKEN_RE.findall(s[:2000])) if w not in _STOPWORDS}


def _body_tokens(strs: list[str], kinds: list[str]) -> Counter:
    c: Counter[str] = Counter()
    m = 0
    for s, k in zip(strs, kinds):
        if k == "body":
            c.update(_content_tokens(s))
            m += 1
            if m >= 150:
                break
    return c


def _clip(x: float, lo: float, hi: float) -> float:
    return lo if x < lo else hi if x > hi else x


def _sdist(i: int, ref: int | None) -> float:
    """Signed, log-compressed block distance i - ref."""
    if ref is None:
        return 0.0
    d = i - ref
    return math.copysign(math.log1p(abs(d)), d)


TITLE_FEATURES = [
    "hscore", "log_len", "log_chars", "stop", "caps", "digits", "end_dot", "end_q", "colon_end",
    "colon_in", "seps", "list", "common", "log_dup", "has_date", "byline", "credit", "url", "social",
    "d_body", "before_body", "at_body", "rel_pos", "p", "p_next", "p_prev", "next_body", "prev_body",
    "overlap_body", "overlap_first", "log_overlap_n", "first_copy", "next_meta", "prev_meta",
    "in_other", "heuristic_pick", "rank_from_body", "upper", "dash_site",
]


def _title_candidates(strs, feats, kinds, probs, first_body, heur_idx, body_tok):
    """(block index, feature row) for lines that could be the headline."""
    n = len(strs)
    if n == 0:
        return []
    fb = first_body if first_body is not None else next((i for i in range(n) if kinds[i] == "body"), None)
    if fb is None:
        fb = min(n - 1, 5)
    lo, hi = max(0, fb - 40), min(n, fb + 6)
    first_tok = _content_tokens(strs[fb]) if fb < n else set()
    out = []
    seen_keys: set[str] = set()
    rank = 0
    for i in range(hi - 1, lo - 1, -1):
        st, f = strs[i], feats[i]
        if f.n_chars > 300 or f.length < 1 or kinds[i] in ("embed", "credit", "caption"):
            continue
        if i >= fb and f.length > 30:
            continue
        rank += 1
        toks = _content_tokens(st)
        ov = sum(1 for t in toks if body_tok.get(t, 0) > (1 if kinds[i] == "body" else 0))
        in_other = 0
        if f.n_chars >= 12:
            for j in range(max(0, i - 60), min(n, i + 60)):
                if j != i and feats[j].n_chars > f.n_chars and st in strs[j]:
                    in_other = 1
                    break
        hs = _title_score(st, f)
        letters = [c for c in st if c.isalpha()]
        out.append((i, [
            _clip(hs, -1.0, 3.0), math.log1p(f.length), math.log1p(f.n_chars), f.stop, f.caps, f.digits,
            float(st.endswith(".") and not st.endswith("...")), float(f.question or st.endswith("!")),
            float(f.colon_end), float(":" in st[:-1]), min(f.n_seps, 3) / 3.0, float(f.is_list),
            float(f.common), math.log(max(1, f.dup)), float(f.has_date), float(f.byline), f.credit,
            float(f.has_url), float(f.social),
            _sdist(i, fb), float(i < fb), float(i == fb), i / max(1, n - 1),
            probs[i], probs[i + 1] if i + 1 < n else 0.0, probs[i - 1] if i > 0 else 0.0,
            float(i + 1 < n and kinds[i + 1] == "body"), float(i > 0 and kinds[i - 1] == "body"),
            ov / max(1, len(toks)), len(toks & first_tok) / max(1, len(toks)), math.log1p(ov),
            float(f.key not in seen_keys), 
            float(i + 1 < n and (feats[i + 1].has_date or feats[i + 1].byline)),
            float(i > 0 and (feats[i - 1].has_date or feats[i - 1].byline)),
            float(in_other), float(i == heur_idx), math.log1p(rank),
            float(len(letters) >= 4 and sum(c.isupper() for c in letters) > 0.8 * len(letters)),
            float(bool(re.search(r"\s[|–—-]\s\S[^|–—-]{0,40}$", st))),
        ]))
        seen_keys.add(f.key)
    out.reverse()
    # "first_copy": true for the earliest occurrence of a key among candidates
    seen: set[str] = set()
    fc = TITLE_FEATURES.index("first_copy")
    for i, row in out:
        row[fc] = float(feats[i].key not in seen)
        seen.add(feats[i].key)
    return out


DATE_FEATURES = [
    "hscore", "d_body", "before_body", "rel_pos", "date_only", "log_len", "long_body", "pub_label",
    "upd_label", "upd_prev", "minute", "common", "log_rank", "is_first", "same_count", "is_max",
    "is_min", "log_days_from_max", "byline_near", "title_near", "p", "pos_in_block", "copyright",
    "future_rel", "kind_body", "kind_bp", "has_by_in_block", "comment_ctx", "year_only_ctx",
    "slash_alt", "slash_amb", "en_page", "alt_en",
]
_SLASH_AMB_RE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2,4})")
_EN_WORDS = frozenset("the and of to is was with that for on are this from have has".split())

_COPY_RE = re.compile(r"©|copyright|\(c\)", re.IGNORECASE)
_COMMENT_RE = re.compile(r"sagt|says|schreibt|antworten|reply|répondre|responder|comment|kommentar", re.IGNORECASE)


def _date_candidates(text, spans, strs, feats, kinds, probs, dates, first_body, title_idx):
    """(payload, feature row) for each day-grain date outside embeds/captions/credits."""
    n = len(strs)
    anchor = title_idx if title_idx is not None else (first_body if first_body is not None else 0)
    raw = []
    for i in range(n):
        if not dates[i] or kinds[i] in ("embed", "credit", "caption"):
            continue
        for (ds, de, dt, grain) in dates[i][:3]:
            if grain == "month":
                continue
            raw.append((i, ds, de, dt, grain, 0.0))
            m = _SLASH_AMB_RE.match(text, ds, de)
            if m and m.group(1) != m.group(2) and int(m.group(1)) <= 12 and int(m.group(2)) <= 12:
                try:  # 03/05/2022: day-first reading as a second candidate
                    raw.append((i, ds, de, dt.replace(month=dt.day, day=dt.month), grain, 1.0))
                except ValueError:
                    pass
    if not raw:
        return []
    en = fr = 0
    for st in strs[:400]:
        for w in st[:500].lower().split()[:80]:
            fr += 1
            en += w in _EN_WORDS
        if fr > 3000:
            break
    en_share = en / max(1, fr)
    days = [r[3].date() for r in raw]
    cnt = Counter(days)
    dmax, dmin = max(days), min(days)
    out = []
    for rank, (i, ds, de, dt, grain, alt) in enumerate(raw):
        f = feats[i]
        dist = abs(i - anchor)
        sc = 3.0 - min(dist, 30) * 0.1 - (0.3 if i < anchor else 0.0)
        if f.date_only or f.length <= 12:
            sc += 1.0
        elif f.length > 40:
            sc -= 1.5
        if kinds[i] == "body" and f.length > 25:
            sc -= 1.0
        ctx = text[max(spans[i][0], ds - 30): ds]
        pub = bool(_PUBLISHED_LABEL_RE.search(ctx))
        upd = bool(_UPDATED_LABEL_RE.search(ctx))
        upd_prev = i > 0 and bool(_UPDATED_LABEL_RE.search(strs[i - 1][-30:])) and feats[i - 1].length <= 3
        sc += 0.5 * pub - 0.8 * upd - 0.8 * upd_prev - 0.5 * f.common
        near = range(max(0, i - 2), min(n, i + 3))
        out.append(((sc, i, ds, de, dt, grain), [
            sc, _sdist(i, first_body), float(first_body is not None and i < first_body), i / max(1, n - 1),
            float(f.date_only), math.log1p(f.length), float(kinds[i] == "body" and f.length > 25),
            float(pub), float(upd), float(upd_prev), float(grain == "minute"), float(f.common),
            math.log1p(rank), float(rank == 0), math.log(cnt[dt.date()]), float(dt.date() == dmax),
            float(dt.date() == dmin), math.log1p((dmax - dt.date()).days) / 5.0,
            float(any(feats[j].byline for j in near)),
            float(title_idx is not None and abs(i - title_idx) <= 3), probs[i],
            (ds - spans[i][0]) / max(1, spans[i][1] - spans[i][0]), float(bool(_COPY_RE.search(strs[i][:200]))),
            _sdist(i, title_idx) if title_idx is not None else 0.0,
            float(kinds[i] == "body"), float(kinds[i] == "boilerplate"),
            float(_find_inner_byline(strs[i][:200]) is not None),
            float(bool(_COMMENT_RE.search(strs[i][:200])) or any(bool(_COMMENT_RE.search(strs[j][:80])) for j in (i - 1, i + 1) if 0 <= j < n)),
            float(f.n_words <= 3),
            alt, float(alt > 0 or (rank + 1 < len(raw) and raw[rank + 1][5] > 0)), en_share * 10,
            alt * en_share * 10,
        ]))
    return out


AUTHOR_FEATURES = [
    "name_any", "date_piece", "lower_tok", "by_word", "by_inner", "name_line", "name_piece", "after_label", "hscore", "d_body", "out_dist",
    "near_date", "has_date", "log_words", "span_tokens", "span_frac", "log_dup", "common", "kind_body",
    "kind_bp", "kind_by", "p", "rel_pos", "list", "prev_label", "d_title", "after_title", "log_elsewhere",
    "tail", "caps", "n_tok1", "has_dot_tok", "upper", "has_digit", "log_body_mentions", "lower_elsewhere",
    "cap_share", "in_long_block", "name_like", "prose_block", "has_letter", "ui_share",
]

# common words of page furniture (menus, teasers, sharing) in a few languages: a line made of them
# is a heading, not a person's name ("Latest Posts", "Don't Miss", "Mehr Artikel")
_UI_WORDS = frozenset(
    """
    latest posts post news home menu contact share comments comment related popular search login
    subscribe read more miss top stories story articles article trending video videos newsletter
    recent archive archives categories category tags tag next previous back follow email print
    picks featured most viewed best new blog about privacy terms cookies sign
    advertisement sponsored partner free download app apps shop deals watch listen live sports
    weather business politics entertainment lifestyle opinion world local
    startseite kontakt suche teilen kommentare kommentar mehr weitere artikel beiträge beitrag
    neueste aktuell aktuelles themen thema meistgelesen empfehlungen impressum datenschutz
    anmelden abonnieren zurück weiter alle seite nachrichten newsticker
    accueil recherche partager articles plus actualités inicio buscar compartir noticias más
    """.split()
)


def _ui_share(s: str) -> float:
    toks = [t.strip(".,:;!?'’\"()").lower() for t in s.split()]
    toks = [t for t in toks if t]
    return sum(1 for t in toks if t in _UI_WORDS or t.rstrip("'’s") in _UI_WORDS or t.replace("’", "'") in ("don't",)) / max(1, len(toks))


_PARTICLE_NAME_RE = re.compile(
    r"^[A-ZÀ-ÖØ-Þ][\w'’\-]+(?:\s+(?:De|Da|Del|Di|Van|Von|Le|La|Du|Dos|Das)\s+[A-ZÀ-ÖØ-Þ][\w'’\-]+)(?:\s+[A-ZÀ-ÖØ-Þ][\w'’\-]+)?$"
)
_AUTHOR_LABEL_RE = re.compile(r"^(?:" + _BY_WORDS + r"|redaktion|editor|verfasser(?:in)?|geschrieben|posted)\s*:?$", re.IGNORECASE)


_INLINE_LABEL_RE = re.compile(
    r"(?:^|(?<=[\s|•·:(\d]))(?:" + _BY_WORDS + r"|redaktion|editor|verfasser(?:in)?|quelle|source|fuente|"
    r"责任编辑|编辑|作者|记者)\s*[:：]\s*",
    re.IGNORECASE,
)
_GLUED_BY_RE = re.compile(r"(?:^|(?<=\s))(?:von|by|par|por)(?=[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ])")
_PIECE_END_RE = re.compile(r"\s*(?:[|•·,;()\[\]]|\s[-–—]\s|\s\d|$)")


def _lead_name(s: str, start: int) -> tuple[int, int] | None:
    """Span of the name that starts at ``start`` in ``s``: its leading capitalised tokens (at most
    four), or one handle-like token ("det/dpa", "site.com Redaktion" → "site.com"), or CJK text."""
    rest = s[start : start + 120]
    lead = len(rest) - len(rest.lstrip(" *•·-–—:："))
    a = start + lead
    rest = s[a : a + 120]
    if not rest:
        return None
    if _CJK_RE.match(rest):
        m = re.match(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]{1,8}", rest)
        return (a, a + m.end()) if m else None
    end = _PIECE_END_RE.search(rest).start()
    piece = rest[:end]
    toks = []
    pos = 0
    for t in piece.split()[:4]:
        if _NAME_TOKEN_RE.match(t.rstrip(".,:")) and t.lower() not in ("am", "on", "vom", "um", "at"):
            toks.append(t)
        else:
            break
    while toks and not toks[-1][:1].isupper():
        toks.pop()
    if toks:
        pos = piece.find(toks[-1]) + len(toks[-1].rstrip(".,:")) if len(toks) > 1 else len(toks[0].rstrip(".,:"))
        return (a, a + pos) if pos > 1 else None
    m = re.match(r"[\w.@/\-]{2,40}", piece)
    if m and not m.group().isdigit() and m.group().lower() not in _STOPWORDS and m.group().lower() not in _MONTHS:
        return a, a + len(m.group().rstrip(".-/"))
    return None


def _author_candidates(strs, feats, kinds, probs, region, first_body, title_idx, cand):
    """(payload, feature row) for author candidates; ``cand`` holds the rule-found ones."""
    n = len(strs)
    types = ("by_word", "by_word_inner", "name_line", "name_by_date", "after_label")
    extra = []
    for i in range(n):
        f = feats[i]
        if f.n_words > 25 or kinds[i] in ("credit", "caption", "embed", "title") or f.n_chars > 200:
            continue
        st = strs[i]
        a0 = len(st) - len(st.lstrip("*•·+-–—>» "))
        if f.n_words <= 6 and i > 0 and _AUTHOR_LABEL_RE.match(strs[i - 1].strip(" *•·-–—|")) and _name_like(st[a0:]):
            extra.append((0.0, i, (a0, len(st)), "after_label"))
            continue
        if f.n_words <= 5 and _name_like(st[a0:]) and len(st[a0:].split()) >= 2:
            extra.append((-10.0, i, (a0, len(st)), "name_any"))
            continue
        if f.n_words <= 5 and _PARTICLE_NAME_RE.match(st[a0:]):
            extra.append((-10.0, i, (a0, len(st)), "name_any"))
            continue
        if f.n_words == 1 and 3 <= len(st) - a0 <= 25 and st[a0:a0 + 1].isupper() and st[a0:].isalpha() \
                and st[a0:].lower() not in _STOPWORDS and st[a0:].lower() not in _MONTHS:
            extra.append((-10.0, i, (a0, len(st)), "name_any"))
            continue
        m = _BY_PREFIX_RE.match(st[a0:a0 + 60])
        if m and f.n_words <= 8:
            um = re.match(r"[\w.\-]{3,25}", st[a0 + m.end():])
            if um and not um.group().isdigit():
                extra.append((-10.0, i, (a0 + m.end(), a0 + m.end() + um.end()), "by_word"))
        # a label and a colon anywhere in a short block ("… Text & Fotos: Name 0 337", "编辑：名"),
        # or a by-word glued to the name by the text rendering ("Geschrieben vonName")
        if f.n_words <= 25:
            for lm in list(_INLINE_LABEL_RE.finditer(st[:300]))[:3]:
                sp = _lead_name(st, lm.end())
                if sp:
                    extra.append((0.0, i, sp, "after_label"))
            for gm in list(_GLUED_BY_RE.finditer(st[:300]))[:2]:
                sp = _lead_name(st, gm.end())
                if sp and sp[1] - sp[0] >= 3:
                    extra.append((-10.0, i, sp, "by_word"))
        if not f.has_date and not _TIME_RE.search(st):
            continue
        # pieces around dates, times and separators: "Name 19.10.2019, 05:00", "user — 2. Mai 2020"
        cuts = [(m.start(), m.end()) for m in _TIME_RE.finditer(st)]
        cuts += [(ds, de) for ds, de, _, _ in _find_dates(st[:300], 0)]
        cuts += [(m.start(), m.end()) for m in re.finditer(r"\s*(?:[|·•,/]|\s[-–—]\s|\bum\b|\bat\b|\bUhr\b)\s*", st)]
        cuts.sort()
        pos = 0
        for ca, cb in cuts + [(len(st), len(st))]:
            if ca > pos:
                piece = st[pos:ca]
                a = pos + len(piece) - len(piece.lstrip(" *•·+-–—:"))
                b = pos + len(piece.rstrip(" .:;-–—"))
                name = st[a:b]
                toks = name.split()
                if 1 <= len(toks) <= 4 and (_name_like(name) or (
                        len(toks) == 1 and re.fullmatch(r"[\w.\-]{3,25}", name) and not name.isdigit()
                        and name.lower() not in _MONTHS and name.lower() not in _STOPWORDS)):
                    extra.append((-10.0, i, (a, b), "date_piece"))
                elif len(toks) >= 2:
                    # "by Name", "Name Write a comment": the leading name of a longer piece
                    bm = _BY_PREFIX_RE.match(name)
                    sp = _lead_name(st, a + (bm.end() if bm else 0))
                    if sp and len(st[sp[0]:sp[1]].split()) >= 2 and _name_like(st[sp[0]:sp[1]]):
                        extra.append((-10.0, i, sp, "by_word" if bm else "date_piece"))
            pos = max(pos, cb)
    allc = [c for c in cand + extra if not (c[3] in ("name_line", "name_any", "after_label")
                                            and _ui_share(strs[c[1]][c[2][0]:c[2][1]]) > 0)]
    seen = set()
    lo_r = region[0] if region else (first_body or 0)
    hi_r = region[1] if region else (first_body or 0)
    lower_words: set[str] = set()
    body_words: Counter[str] = Counter()
    total = 0
    for s_, k_ in zip(strs, kinds):
        if total > 40000:
            break
        total += len(s_)
        ws = _TOKEN_RE.findall(s_[:3000])
        lower_words.update(w for w in ws if w[:1].islower())
        if k_ == "body":
            body_words.update(ws)
    name_count: Counter[str] = Counter()
    out = []
    for sc, i, (a, b), rule in allc:
        if (i, a, b) in seen:
            continue
        seen.add((i, a, b))
        f = feats[i]
        name = strs[i][a:b]
        if name not in name_count:
            name_count[name] = sum(1 for s in strs if len(s) < 300 and name in s) if len(name) >= 4 else 1
        toks = name.split()
        letters = [c for c in name if c.isalpha()]
        out.append(((sc, i, (a, b), rule), [
            float(rule == "name_any"), float(rule == "date_piece"), float(name[:1].islower()), float(rule == "by_word"), float(rule == "by_word_inner"), float(rule == "name_line"),
            float(rule == "name_by_date"), float(rule == "after_label"), _clip(sc, -2.0, 7.0),
            _sdist(i, first_body), math.log1p(max(0, lo_r - i, i - hi_r)),
            float(any(0 <= j < n and (kinds[j] == "dateline" or feats[j].date_only) for j in (i - 1, i + 1))),
            float(f.has_date), math.log1p(f.n_words), len(toks) / 4.0, (b - a) / max(1, len(strs[i])),
            math.log(max(1, f.dup)), float(f.common), float(kinds[i] == "body"), float(kinds[i] == "boilerplate"),
            float(kinds[i] in ("byline", "dateline")), probs[i], i / max(1, n - 1), float(f.is_list),
            float(i > 0 and bool(_AUTHOR_LABEL_RE.match(strs[i - 1].strip(" *•·-–—|")))),
            _sdist(i, title_idx), float(title_idx is not None and i > title_idx),
            math.log(max(1, name_count[name])), float(i > hi_r), f.caps, float(len(toks) == 1),
            float(any(t.endswith(".") for t in toks)),
            float(len(letters) >= 4 and sum(c.isupper() for c in letters) > 0.8 * len(letters)),
            float(bool(_DIGIT_RE.search(name))), math.log1p(body_words.get(toks[-1] if toks else "", 0)),
            sum(1 for t in toks if t.lower() in lower_words) / max(1, len(toks)),
            sum(1 for t in toks if t[:1].isupper()) / max(1, len(toks)), float(f.n_words > 8),
            float(_name_like(name)), float(f.terminal and f.n_words > 12),
            float(sum(ch.isalpha() for ch in name) >= 2), _ui_share(name),
        ]))
    return out


def _rank(cands: list, which: str):
    """Pick among candidates with the learned ranker: (True, payload|None), or (False, None) without model."""
    model = _load_model()
    rk = (model or {}).get("rankers", {}).get(which) if model else None
    if rk is None:
        return False, None
    if not cands:
        return True, None
    import numpy as np

    X = np.asarray([row for _, row in cands], dtype=float)
    if X.shape[1] != len(rk["mean"]):
        return False, None
    z = ((X - rk["mean"]) / rk["scale"]) @ rk["coef"]
    for fj, thr, vl, vr in rk["stumps"]:
        z = z + np.where(X[:, fj] < thr, vl, vr)
    zmax = max(float(z.max()), rk["null"])
    ez = np.exp(z - zmax)
    p = ez / (ez.sum() + math.exp(rk["null"] - zmax))
    j = int(np.argmax(z))
    if float(p[j]) < rk["threshold"] or (rk["use_null"] and float(z[j]) < rk["null"]):
        return True, None
    return True, cands[j][0]


# --------------------------------------------------------------------------------------------
# sentences

_ABBREV = frozenset(
    """
    mr mrs ms dr prof st jr sr mt ft gen gov sen rep rev lt col capt sgt maj cmdr adm supt insp
    inc ltd co corp llc plc bros no nos nr vol vols pp p fig figs ed eds est approx ca cf vs etc
    e.g i.e z.b bzw usw ggf vgl evtl inkl ca d.h u.a s.o s.u sog jh jhd hr fr frau str
    jan feb mar apr jun jul aug sep sept oct okt nov dec dez
    ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont
    neb nev okla ore pa tenn tex va vt wash wis wyo
    u.s u.k u.n e.u d.c a.m p.m ph.d m.d b.a m.a
    av avda sra sr sres dña dpto pág
    mme mlle m
    """.split()
)
_SENT_CAND_RE = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s)|[。！？]+[”」』）)]*")


def _split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Rule-based sentence spans inside text[start:end] (abbreviation, initial and decimal aware)."""
    spans: list[tuple[int, int]] = []
    cur = start
    for m in _SENT_CAND_RE.finditer(text, start, end):
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
                if low in _ABBREV or low.rstrip(".") in _ABBREV:
                    continue
                if len(tok) == 1 and tok.isalpha():
                    continue  # initial
                if re.fullmatch(r"(?:\w\.)+\w", tok):
                    continue  # U.S, e.g, z.B
                if tok.isdigit() and len(tok) <= 2:
                    nw = _WORD_RE.match(text, j)
                    if nw and nw.group().lower() in _MONTHS:
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


# --------------------------------------------------------------------------------------------
# the segmenter


def segment_text(text: str, *, common_lines: Container[str] = frozenset()) -> Segmentation:
    """Split one article's text into typed blocks, sentences and in-text metadata.

    Blocks are stripped non-empty lines (hard-wrapped paragraphs joined), in order and without
    overlap; each gets a kind from :data:`KINDS`, a confidence and the name of the deciding rule.
    Sentences are produced for blocks whose kind is title/body/caption/byline/dateline.  Offsets
    index ``text`` (end exclusive).  ``common_lines`` holds :func:`line_key` keys of lines that
    recur across the corpus; such lines are boilerplate.  Never raises; linear time.
    """
    try:
        return _segment(text if isinstance(text, str) else str(text), common_lines)
    except Exception:  # last-resort guard: the contract is "never raises"
        return _fallback(text if isinstance(text, str) else "")


def _fallback(text: str) -> Segmentation:
    blocks = [Block(s, e, "body", 0.0, "fallback") for s, e, _ in _lines(text)]
    return Segmentation(blocks, [], TextMeta(None, None, None, None, None, None, None))


def _analyse(text: str, common_lines: Container[str]):
    """Blocks of ``text`` with their surface features and the dates found in them."""
    spans = _join_hard_wraps(text, _lines(text))
    strs = [text[s:e] for s, e, _ in spans]
    feats = [_features(s) for s in strs]
    key_counts = Counter(f.key for f in feats if f.key)
    for f in feats:
        if f.key:
            f.dup = key_counts[f.key]
            try:
                f.common = f.key in common_lines
            except TypeError:
                f.common = False

    # dates and bylines per block (only short blocks, or the head of long ones)
    dates: list[list[tuple[int, int, datetime, str]]] = []
    for (s, e, _), st, f in zip(spans, strs, feats):
        head = st[:300]
        ds = _find_dates(head, s) if _DIGIT_RE.search(head) else []
        dates.append(ds)
        f.has_date = bool(ds)
        if ds:
            covered = sum(d[1] - d[0] for d in ds)
            rest = _WORD_RE.findall(_TIME_RE.sub(" ", st[: 300]))
            f.date_only = len(st) <= 80 and (covered >= 0.4 * len(st) or len(rest) <= 6)
        f.byline = f.n_words <= 14 and _find_byline(st) is not None
    return spans, strs, feats, dates


def _segment(text: str, common_lines: Container[str], collect: dict | None = None) -> Segmentation:
    spans, strs, feats, dates = _analyse(text, common_lines)
    n = len(spans)

    # main-text probability: learned model if available, else rules + smoothing
    ms = _model_scores(feats)
    if ms is not None:
        probs, threshold, main_rule = ms
    else:
        probs, threshold, main_rule = _smooth([_rule_score(f) for f in feats], feats), 0.5, "rules"

    kinds: list[str] = []
    scores: list[float] = []
    rules: list[str] = []
    rule_probs = _smooth([_rule_score(f) for f in feats], feats) if ms is not None else probs
    sure = _model_sure(ms)
    for i, (st, f) in enumerate(zip(strs, feats)):
        p = probs[i]
        kind, score, rule = ("body", p, main_rule) if p >= threshold else ("boilerplate", 1.0 - p, main_rule)
        if kind == "boilerplate" and ms is not None and p >= 0.25 and rule_probs[i] >= 0.8 and f.length >= 20 \
                and f.terminal and f.dup == 1:
            kind, score, rule = "body", 0.55, "prose_rules"
        if f.common and f.length < 40:
            kind, score, rule = "boilerplate", 0.9, "common_line"
        elif _EMBED_TAIL_RE.match(st) or (f.has_handle and f.social) or (
            f.has_handle and f.n_words <= 12 and "(" in st
        ):
            kind, score, rule = "embed", 0.85, "embed_handle"
        elif f.social and not f.terminal and f.n_words <= 10 and f.stop >= 0.15:
            kind, score, rule = "embed", 0.75, "embed_social"
        elif f.has_url and (f.n_words <= 40) and _URL_RE.search(st[-60:]) and not (p >= sure and f.length >= 8):
            kind, score, rule = ("embed", 0.7, "embed_url") if i + 1 < n and _EMBED_TAIL_RE.match(strs[i + 1]) else ("boilerplate", 0.7, "url_line")
        elif f.credit >= 1.0:
            kind, score, rule = "credit", 0.8, "credit_word"
        elif f.credit >= 0.8 and f.n_words >= 5 and not (p >= sure and f.credit < 1.0):
            kind, score, rule = "caption", 0.8, "caption_credit"
        elif f.credit > 0 and f.n_words < 5:
            kind, score, rule = "credit", 0.6, "credit_name"
        elif f.date_only and f.length <= 10:
            kind, score, rule = "dateline", 0.8, "date_line"
        elif f.byline and f.length <= 12:
            kind, score, rule = "byline", 0.8, "by_word"
        kinds.append(kind)
        scores.append(score)
        rules.append(rule)

    # runs of prose that the model doubted but that sit between main-text paragraphs are main text
    special = ("embed", "credit", "caption", "dateline", "byline")

    def doubted_prose(i: int) -> bool:
        f = feats[i]
        return (kinds[i] == "boilerplate" and rules[i] == main_rule and not f.common and f.dup == 1
                and f.length >= 10 and f.stop >= 0.2 and f.terminal and not f.is_list)

    i = 0
    while i < n:
        if not doubted_prose(i):
            i += 1
            continue
        j = i
        while j + 1 < n and (doubted_prose(j + 1) or kinds[j + 1] in special):
            j += 1
        before = next((kinds[k] for k in range(i - 1, max(-1, i - 4), -1) if kinds[k] not in special), None)
        after = next((kinds[k] for k in range(j + 1, min(n, j + 4)) if kinds[k] not in special), None)
        run = [k for k in range(i, j + 1) if doubted_prose(k)]
        strong = all(rule_probs[k] >= 0.7 for k in run) and max(feats[k].length for k in run) >= 25
        if (before == "body" and (after in ("body", None) or strong)) or (before is None and after == "body"):
            for k in range(i, j + 1):
                if doubted_prose(k):
                    kinds[k], scores[k], rules[k] = "body", 0.6, "prose_between_body"
        i = j + 1

    # tweet text immediately before an embed tail ("— name (@handle) date")
    for i in range(1, n):
        if rules[i] == "embed_handle" and _EMBED_TAIL_RE.match(strs[i]) and kinds[i - 1] in ("body", "boilerplate"):
            if feats[i - 1].has_url or feats[i - 1].length <= 40:
                kinds[i - 1], scores[i - 1], rules[i - 1] = "embed", 0.75, "embed_tweet"

    # repeated short non-sentences between paragraphs are photo captions
    for i in range(n):
        f = feats[i]
        if kinds[i] in ("body", "boilerplate") and f.dup > 1 and not f.terminal and 3 <= f.n_words <= 25 and not f.common:
            prev_body = any(kinds[j] == "body" or feats[j].length >= 20 for j in range(max(0, i - 2), i))
            next_body = any(kinds[j] == "body" or feats[j].length >= 20 for j in range(i + 1, min(n, i + 3)))
            if prev_body and next_body:
                kinds[i], scores[i], rules[i] = "caption", 0.6, "repeated_short"
    # repeated caption-like lines with a parenthesised credit (both copies)
    seen_caption_keys = {feats[i].key for i in range(n) if kinds[i] == "caption" and feats[i].key}
    for i in range(n):
        if kinds[i] == "body" and feats[i].key in seen_caption_keys:
            kinds[i], scores[i], rules[i] = "caption", 0.6, "caption_copy"

    # joint decision of consecutive blocks: a two-state (main / boilerplate) Viterbi path over the
    # model's log-odds, with a penalty for every switch, overrides the block-by-block decision
    model = _load_model() if ms is not None else None
    penalty = float(model.get("sequence_penalty", 0.0)) if model else 0.0
    if penalty > 0 and n:
        _sequence_decode(kinds, scores, rules, probs, threshold, penalty, main_rule, feats)

    # ---------------------------------------------------------------- title
    region = _main_region(probs, threshold, feats)
    first_body = region[0] if region else None
    if first_body is not None and kinds[first_body] != "body":
        first_body = next((i for i in range(first_body, region[1] + 1) if kinds[i] == "body"), first_body)
    title_idx = _pick_title(strs, feats, kinds, first_body)
    body_tok = _body_tokens(strs, kinds)
    tcands = _title_candidates(strs, feats, kinds, probs, first_body, title_idx, body_tok)
    if collect is not None:
        collect["title"] = [(strs[i], row) for i, row in tcands]
    used, pick = _rank(tcands, "title")
    title_rule = "title_position"
    if used:
        title_idx, title_rule = pick, "title_ranker"
    if title_idx is not None:
        kinds[title_idx], scores[title_idx], rules[title_idx] = "title", 0.7, title_rule
        tkey = feats[title_idx].key
        for i in range(n):
            if i != title_idx and feats[i].key == tkey and kinds[i] in ("body", "boilerplate"):
                kinds[i], scores[i], rules[i] = "boilerplate", 0.8, "title_repeat"
    anchor = title_idx if title_idx is not None else (first_body if first_body is not None else 0)

    # a prose lede right after the title is main text
    if title_idx is not None:
        for i in range(title_idx + 1, min(n, title_idx + 3)):
            f = feats[i]
            if kinds[i] == "boilerplate" and rules[i] == main_rule and f.length >= 15 and f.stop >= 0.2 \
                    and f.terminal and not f.common and f.dup == 1:
                kinds[i], scores[i], rules[i] = "body", 0.6, "lede_after_title"

    # ---------------------------------------------------------------- date
    published = None
    best = None
    for i in range(n):
        if not dates[i] or kinds[i] in ("embed", "credit", "caption"):
            continue
        f = feats[i]
        for (ds, de, dt, grain) in dates[i][:3]:
            dist = abs(i - anchor)
            sc = 3.0 - min(dist, 30) * 0.1
            if i < anchor:
                sc -= 0.3
            if f.date_only or f.length <= 12:
                sc += 1.0
            elif f.length > 40:
                sc -= 1.5
            if kinds[i] == "body" and f.length > 25:
                sc -= 1.0
            ctx = text[max(spans[i][0], ds - 30) : ds]
            if _PUBLISHED_LABEL_RE.search(ctx):
                sc += 0.5
            if _UPDATED_LABEL_RE.search(ctx):
                sc -= 0.8
            if i > 0 and _UPDATED_LABEL_RE.search(strs[i - 1][-30:]) and feats[i - 1].length <= 3:
                sc -= 0.8
            if grain == "month":
                sc -= 1.0
            if f.common:
                sc -= 0.5
            if best is None or sc > best[0]:
                best = (sc, i, ds, de, dt, grain)
    dcands = _date_candidates(text, spans, strs, feats, kinds, probs, dates, first_body, title_idx)
    if collect is not None:
        collect["date"] = [(pl[4], row) for pl, row in dcands]
    used, pick = _rank(dcands, "date")
    if used:
        best = pick
    if best is not None and (used or best[0] > 0):
        published = best
        i = best[1]
        if kinds[i] in ("boilerplate",) and feats[i].length <= 12:
            kinds[i], scores[i], rules[i] = "dateline", 0.7, "date_near_title"

    # date-ish labels and timestamps around the dateline are part of it ("Updated:", "0:00")
    for i in range(n):
        if kinds[i] == "dateline":
            for j in (i - 1, i + 1):
                if 0 <= j < n and kinds[j] in ("body", "boilerplate") and feats[j].length <= 2 and (
                    feats[j].colon_end or _TIME_RE.fullmatch(strs[j])
                ):
                    kinds[j], scores[j], rules[j] = "boilerplate", 0.7, "date_label"

    # ---------------------------------------------------------------- author
    author = None
    cand = []
    lo_r = region[0] if region else anchor
    hi_r = region[1] if region else anchor
    for i in range(n):
        f = feats[i]
        if f.n_words > 30 or (kinds[i] == "body" and f.length > 25) or f.common:
            continue
        if kinds[i] in ("credit", "caption", "embed", "title") or f.credit_inline:
            continue
        st = strs[i]
        dist = abs(i - anchor)
        out_dist = max(0, lo_r - i, i - hi_r)
        near_date = f.has_date or any(0 <= j < n and (kinds[j] == "dateline" or feats[j].date_only) for j in (i - 1, i + 1))
        sp = _find_byline(st) if f.n_words <= 25 else None
        if sp:
            cand.append((5.0 - 0.1 * min(dist, 30) + (0.5 if near_date else 0.0), i, sp, "by_word"))
            continue
        sp = _find_inner_byline(st) if (f.has_date or f.n_words <= 12) else None
        if sp:
            cand.append((4.0 - 0.1 * min(dist, 30) + (0.5 if near_date else 0.0), i, sp, "by_word_inner"))
            continue
        after_title = title_idx is None or i > title_idx
        if _name_like(st) and len(st.split()) >= 2 and f.dup <= 3 and not f.is_list and out_dist <= 8 and (
            after_title or near_date
        ):
            sc = 2.0 - 0.1 * min(dist, 20) + (1.0 if near_date else 0.0) - 0.1 * out_dist
            if title_idx is not None and 0 < i - title_idx <= 3:
                sc += 0.8
            cand.append((sc, i, (0, len(st)), "name_line"))
        elif f.has_date and f.length <= 16 and out_dist <= 10:
            # "date - Name" / "Name | date"
            for piece in re.split(r"\s*[|·•,/]\s*|\s[-–—]\s", st):
                piece = piece.strip()
                if len(piece.split()) >= 2 and _name_like(piece) and not _find_dates(piece, 0):
                    if any(w.lower().strip(".") in _MONTHS for w in piece.split()):
                        continue
                    ps = st.find(piece)
                    cand.append((2.5 - 0.1 * min(dist, 20), i, (ps, ps + len(piece)), "name_by_date"))
                    break
    acands = _author_candidates(strs, feats, kinds, probs, region, first_body, title_idx, cand)
    if collect is not None:
        collect["author"] = [(strs[pl[1]][pl[2][0]:pl[2][1]], row) for pl, row in acands]
    used, pick = _rank(acands, "author")
    if used:
        cand = [pick] if pick is not None else []
    else:
        cand = [c for c in cand if c[0] > -5]
    if cand:
        cand.sort(key=lambda c: -c[0])
        sc, i, (a, b), rule = cand[0]
        author = (i, spans[i][0] + a, spans[i][0] + b)
        if kinds[i] in ("body", "boilerplate") and feats[i].length <= 16 and not (
                kinds[i] == "body" and probs[i] >= sure and rule != "by_word"):
            kinds[i], scores[i], rules[i] = "byline", 0.6, rule

    # ---------------------------------------------------------------- assemble
    blocks = [Block(s, e, k, float(min(1.0, max(0.0, sc))), r)
              for (s, e, _), k, sc, r in zip(spans, kinds, scores, rules)]
    sentences: list[Sentence] = []
    for bi, b in enumerate(blocks):
        if b.kind in SENTENCE_KINDS:
            for s, e in _split_sentences(text, b.char_start, b.char_end):
                sentences.append(Sentence(s, e, bi))

    meta = TextMeta(
        title=strs[title_idx] if title_idx is not None else None,
        title_span=(spans[title_idx][0], spans[title_idx][1]) if title_idx is not None else None,
        author=text[author[1] : author[2]] if author else None,
        author_span=(author[1], author[2]) if author else None,
        published=published[4] if published else None,
        published_grain=published[5] if published else None,
        published_span=(published[2], published[3]) if published else None,
    )
    return Segmentation(blocks, sentences, meta)


def _model_sure(ms) -> float:
    """Model probability above which a block's main-text decision outweighs the weaker typing rules
    (url lines, bracketed credits, author lines found inside prose); no model: never."""
    return 2.0 if ms is None else _SURE


_SURE = 0.6
# log-odds added to list items' emissions in the sequence decoding (5-fold CV: recall +0.3 points
# at equal precision); list items inside articles are under-called by the block model
_LIST_BONUS = 0.3


_MODEL_RULES = frozenset({"prose_rules", "prose_between_body"})


def _sequence_decode(kinds: list[str], scores: list[float], rules: list[str], probs: list[float],
                     threshold: float, penalty: float, main_rule: str, feats: list[_F] | None = None) -> None:
    """Re-decide main text / boilerplate for the model-decided blocks along the best path.

    Emissions are the model's log-odds relative to the threshold; blocks that a rule typed
    (embeds, captions, credits, common lines, ...) count as confident boilerplate (-3) or, for
    bylines and datelines, mild boilerplate (-1).  Every change of state costs ``penalty``, so an
    isolated doubtful block takes the side of its neighbours.  Edits the lists in place.
    """
    n = len(kinds)
    off = math.log(threshold / (1.0 - threshold)) if 0.0 < threshold < 1.0 else 0.0
    free = [rules[i] == main_rule or rules[i] in _MODEL_RULES for i in range(n)]
    e = []
    for i in range(n):
        if free[i]:
            p = min(max(probs[i], 1e-4), 1.0 - 1e-4)
            e.append(math.log(p / (1.0 - p)) - off)
            if feats is not None and feats[i].is_list:
                e[-1] += _LIST_BONUS  # list items: the model under-calls them (CV-measured offset)
        elif kinds[i] in MAIN_KINDS:
            e.append(3.0)
        else:
            e.append(-3.0 if kinds[i] == "boilerplate" else -1.0)
    s0, s1 = 0.0, e[0]
    back: list[tuple[int, int]] = []
    for i in range(1, n):
        from0, b0 = (s0, 0) if s0 >= s1 - penalty else (s1 - penalty, 1)
        from1, b1 = (s1, 1) if s1 >= s0 - penalty else (s0 - penalty, 0)
        back.append((b0, b1))
        s0, s1 = from0, from1 + e[i]
    state = 1 if s1 > s0 else 0
    path = [state]
    for b in reversed(back):
        state = b[state]
        path.append(state)
    path.reverse()
    for i in range(n):
        if not free[i] or kinds[i] not in ("body", "boilerplate"):
            continue
        want = "body" if path[i] else "boilerplate"
        if want != kinds[i]:
            kinds[i] = want
            scores[i] = 0.55
            rules[i] = "sequence"


def _main_region(probs: list[float], threshold: float, feats: list[_F]) -> tuple[int, int] | None:
    """The contiguous run of blocks with the most main-text evidence (maximum-sum subarray)."""
    best, best_span = 0.0, None
    cur, cur_start = 0.0, 0
    for i, (p, f) in enumerate(zip(probs, feats)):
        w = (p - threshold) * (1.0 + math.log1p(f.length))
        if cur <= 0:
            cur, cur_start = w, i
        else:
            cur += w
        if cur > best:
            best, best_span = cur, (cur_start, i)
    return best_span


def _title_score(st: str, f: _F) -> float:
    """How much a block looks like a headline, on its own."""
    if f.common or f.has_url or f.date_only or f.byline or f.credit >= 0.8 or f.is_list:
        return -1.0
    L = f.length
    if L < 2 or L > 30 or f.n_chars > 250:
        return -1.0
    sc = 1.0
    if 4 <= L <= 20:
        sc += 0.8
    elif L < 3:
        sc -= 0.5
    if st.endswith(".") and not st.endswith("..."):
        sc -= 0.8
    if f.colon_end:
        sc -= 1.0
    if f.n_seps >= 1:
        sc -= 0.5
    if f.n_sent_punct >= 2:
        sc -= 0.7
    if f.has_date:
        sc -= 0.7
    if f.credit_inline:
        sc -= 0.5
    return sc


def _pick_title(strs: list[str], feats: list[_F], kinds: list[str], first_body: int | None) -> int | None:
    """The headline: the best headline-like block shortly before the first main paragraph."""
    n = len(strs)
    if n == 0:
        return None
    if first_body is None:
        first_body = next((i for i in range(n) if kinds[i] == "body"), None)
    if first_body is None:
        return None
    best = None
    lo = max(0, first_body - 15)
    for i in range(lo, min(n, first_body + 3)):
        if kinds[i] not in ("body", "boilerplate") or (i >= first_body and feats[i].length > 25):
            continue
        sc = _title_score(strs[i], feats[i])
        if sc <= 0:
            continue
        sc += 0.08 * min(feats[i].length, 10)
        sc -= 0.08 * abs(first_body - i) + (0.5 if i > first_body else 0.0)
        if 2 <= feats[i].dup <= 4:
            sc += 0.6
        if best is None or sc > best[0]:
            best = (sc, i)
    if best is None:
        return None
    key = feats[best[1]].key
    earliest = next((j for j in range(lo, best[1]) if key and feats[j].key == key and kinds[j] in ("body", "boilerplate")), best[1])
    return earliest
