"""Title-case lines (headlines, and captions or credits written like them) and lines in capitals: a name there is trusted only as far as the rest of the article confirms it.

In "Ashton Kutcher Breaks Down While Giving A Passionate Speech" every word is capitalised, so the
model cannot see where a name ends ("Ashton Kutcher Breaks Down While" as an organisation).  The
article itself can: its body writes "breaks", "while", "speech" in lower case and "Ashton
Kutcher" as a name.  So a title-case line is read against how the rest of the article (every line
that is not title case) writes each word:

- a word is *common* when it is a function word, or when the rest of the article writes it in
  lower case more often than capitalised mid-sentence; it is a *name word* when the article
  capitalises it mid-sentence at least as often; else it is *unknown* (the article does not use it);
- a line is title case when at least three of its words are not function words, nine in ten of
  those are capitalised (a body sentence crowded with company names still has one lower-case word
  in seven), and at least two capitalised words after the first are common: a list of names
  ("Mila Kunis, Ashton Kutcher, Demi Moore") or a results line ("Leeds 2 Manchester City 1") has
  capitals but no common words, and is left alone.

In such a line (rules ``title_case_name_confirmed``, ``title_case_name_unconfirmed``,
``body_name_in_title_case_line``):

1. a name mention that holds a name the rest of the article names ("Ashton Kutcher" in "Ashton
   Kutcher Resigns") becomes that name, with the label the article gives it, unless the rest of the
   mention is made of name words (then the longer name may be real and stays);
2. a mention that holds no such name is cut at its common words; a piece is kept only when all its
   words are name words; a mention with no common word stays as the model gave it (a name only the
   headline gives, in a headline the model read well);
3. a name the rest of the article names, where the model found nothing in the line, is added
   when the capitalised words beside it are common words ("… Amid Masterson Support Letters …").

A line written in capitals (a wire headline: "SOCCER - AZERBAIJAN BEAT SWITZERLAND IN WORLD CUP
QUALIFIER") hides word boundaries of names the same way and is read the same way, names being
compared in any case ("AZERBAIJAN" is the body's "Azerbaijan"); a name the model missed there
is added by ``name_in_capitals`` (:mod:`.propagate`), after these rules have freed its span.

Why this and not recasing the line and running the model again: the evidence a recaser would use
is the same (the body's casing), the rules need no second model pass in the worker chain (which
issue 16 makes cheaper, not dearer), and they need no parse.  What it costs: a name that only the
headline gives, glued by the model to common words, is dropped rather than guessed.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict

from pipeline.normalise.names.blocks import Spans, is_free, new_mention, read_blocks, template_for
from pipeline.normalise.names.entities import ENTITY_LABELS, top
from pipeline.normalise.names.registry import NAME_RULES, applied, nx
from pipeline.normalise.names.words import FUNCTION_WORDS
from pipeline.recognise import Mention, SentenceIndex

_WORD = re.compile(r"[^\W\d_][\w'’.&-]*")
_POSSESSIVE = re.compile(r"['’]s?$")
#: a title-case line: at least this many words that are not function words, this share of them
#: capitalised, and at least this many capitalised common words after the first (set by hand from
#: the seeds' and the quotes read part's headlines and body sentences, see the module docstring)
MIN_MAJOR_WORDS = 3
MIN_CAPITALISED_SHARE = 0.9
MIN_COMMON_CAPITALISED = 2


def _capitalised(word: str) -> bool:
    return word[0].isupper()


@functools.lru_cache(maxsize=1 << 16)  # a pure function of a word, asked about every word of the article
def _key(word: str) -> str:
    return _POSSESSIVE.sub("", word.rstrip(".")).lower()


#: a word after a space that follows a word of the same sentence (not a line or sentence start):
#: a capitalised one there is evidence of a name
_AFTER_A_WORD = re.compile(r"(?<=[^\s.!?:;\"“”‘'(\[{—–\-•|*#>])[ \t]+([^\W\d_][\w'’.&-]*)")


def _lines(text: str, start: int, end: int):
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        if stop > pos:
            yield pos, stop
        pos = stop + 1


def in_capitals(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` has letters and none in lower case (a wire headline)."""
    part = text[start:end]
    return not any(c.islower() for c in part) and any(c.isalpha() for c in part)


def _shape_is_title_case(text: str, start: int, end: int) -> bool:
    words = _WORD.findall(text, start, end)
    majors = [w for w in words if w.lower() not in FUNCTION_WORDS]
    if len(majors) < MIN_MAJOR_WORDS:
        return False
    return sum(w[0].isupper() for w in majors) >= MIN_CAPITALISED_SHARE * len(majors)


class Casing:
    """How an article writes each word outside its title-case candidate lines, and the names it
    gives there (see the module docstring)."""

    def __init__(self, text: str, skipped: list[tuple[int, int]], mentions: list[Mention]):
        lower: Counter = Counter()
        capital: Counter = Counter()
        pos = 0
        for s, e in sorted(skipped) + [(len(text), len(text))]:
            if s > pos:
                lower.update(filter(str.islower, _WORD.findall(text, pos, s)))
                capital.update(filter(_capitalised, _AFTER_A_WORD.findall(text, pos, s)))
            pos = max(pos, e)
        self.lower: Counter = Counter()
        self.capital: Counter = Counter()
        for raw, into in ((lower, self.lower), (capital, self.capital)):
            for word, n in raw.items():
                into[_key(word)] += n
        self.names: dict[str, Counter] = defaultdict(Counter)
        self.folded: dict[str, Counter] = defaultdict(Counter)  # the same, by case-folded name (for capitals)
        for m in mentions:
            if m.label in ENTITY_LABELS and is_free(skipped, m.char_start, m.char_end):
                self.names[m.text][m.label] += 1
                self.folded[m.text.casefold()][m.label] += 1

    def common(self, word: str) -> bool:
        """A capitalised word that the article otherwise writes in lower case (or a function word)."""
        key = _key(word)
        return word[:1].isupper() and (key in FUNCTION_WORDS or self.lower[key] > self.capital[key])

    def name_word(self, word: str) -> bool:
        key = _key(word)
        return key not in FUNCTION_WORDS and self.capital[key] > 0 and self.capital[key] >= self.lower[key]

    def known(self, name: str, caps: bool = False) -> bool:
        """True when the rest of the article names ``name`` (in capitals: in any case)."""
        return name.casefold() in self.folded if caps else name in self.names

    def label_of(self, name: str, caps: bool = False) -> str:
        return top(self.folded[name.casefold()] if caps else self.names[name])


def title_case_lines(text: str, blocks, mentions: list[Mention]) -> tuple[list[tuple[int, int]], Casing]:
    """The title-case lines of the blocks the model read, and the article's casing outside them."""
    candidates = [line for b in read_blocks(blocks, mentions) for line in _lines(text, b.start, b.end)
                  if _shape_is_title_case(text, *line)]
    casing = Casing(text, candidates, mentions)
    lines = []
    for s, e in candidates:
        words = list(_WORD.finditer(text, s, e))[1:]
        if sum(1 for w in words if casing.common(w.group())) >= MIN_COMMON_CAPITALISED:
            lines.append((s, e))
    if len(lines) < len(candidates):  # lines that are not title case after all are evidence too
        casing = Casing(text, lines, mentions)
    return lines, casing


def _body_names_inside(text: str, m: Mention, casing: Casing, caps: bool) -> list[tuple[int, int]]:
    """The longest names of the rest of the article inside mention ``m``, on word boundaries."""
    words = [(w.start(), w.end()) for w in _WORD.finditer(text, m.char_start, m.char_end)]
    found: list[tuple[int, int]] = []
    for size in range(len(words), 0, -1):
        for i in range(len(words) - size + 1):
            s, e = words[i][0], words[i + size - 1][1]
            if casing.known(text[s:e], caps) and is_free(found, s, e):
                found.append((s, e))
    return sorted(found)


def _read_mention(text: str, m: Mention, casing: Casing) -> tuple[str, list[tuple[int, int, str]]] | None:
    """What a mention in a title-case line becomes: (rule, [(start, end, label)…]), or None when it stays."""
    caps = in_capitals(text, m.char_start, m.char_end)
    if casing.known(m.text, caps):
        return None
    words = list(_WORD.finditer(text, m.char_start, m.char_end))
    inside = _body_names_inside(text, m, casing, caps)
    if inside:
        rest = [w.group() for w in words if is_free(inside, w.start(), w.end())]
        if any(casing.name_word(w) for w in rest):
            return None
        return "title_case_name_confirmed", [(s, e, casing.label_of(text[s:e], caps)) for s, e in inside]
    if not any(casing.common(w.group()) for w in words):
        return None
    pieces, run = [], []
    for w in words + [None]:
        if w is None or casing.common(w.group()):
            if run and all(casing.name_word(x.group()) for x in run):
                possessive = _POSSESSIVE.search(run[-1].group())  # "Trump’s" → "Trump"
                pieces.append((run[0].start(), run[-1].end() - (len(possessive.group()) if possessive else 0), m.label))
            run = []
        else:
            run.append(w)
    return "title_case_name_unconfirmed", pieces


def _beside_is_common(text: str, s: int, e: int, line: tuple[int, int], casing: Casing) -> bool:
    """True when the words right before and after ``text[s:e]`` are not capitalised or are common words."""
    before = list(_WORD.finditer(text, line[0], s))
    after = _WORD.match(text, e + 1, line[1]) if text[e : e + 1] == " " else None
    for w in ([before[-1]] if before and not text[before[-1].end() : s].strip(" \t") else []) + ([after] if after else []):
        if w.group()[0].isupper() and not casing.common(w.group()):
            return False
    return True


@NAME_RULES.rule("title_case_name_confirmed", examples=[
    nx("[Lena Fisher Quits](ORG) As Head Of Harbor Trust Amid Donor Row\n"
       "[Lena Fisher](PERSON) quit on Monday as head of the trust after a row with donors.",
       {"Lena Fisher Quits": None, "Lena Fisher": "PERSON"}, kinds=("title", "body")),
    nx("RUGBY - [ORBIS BEAT CALDER](ORG) IN CUP FINAL\n[Orbis](ORG) beat [Calder](ORG) 21-7 in the cup final on Saturday.",
       {"ORBIS BEAT CALDER": None, "ORBIS": "ORG", "CALDER": "ORG"}, kinds=("title", "body")),
], negatives=[
    nx("[Lena Fisher](PERSON) Quits As Head Of Harbor Trust Amid Donor Row\n[Lena Fisher](PERSON) quit as head of the trust.",
       kinds=("title", "body")),
    nx("Guests: [Lena Fisher Quint](PERSON), Tom Ray, Ann Lee\n[Lena Fisher](PERSON) and [Lena Fisher Quint](PERSON) came.",
       kinds=("title", "body")),
])
def read_title_case_lines(mentions: list[Mention], text: str, blocks, sentences: SentenceIndex | None = None,
                          fixed: frozenset | set = frozenset(), found: tuple[list, Casing] | None = None) -> None:
    """Names in title-case lines read against the rest of the article (module docstring), in place.
    ``found``: the article's :func:`title_case_lines` when already computed."""
    if not text or not mentions:
        return
    lines, casing = found if found is not None else title_case_lines(text, blocks, mentions)
    if not lines:
        return
    out: list[Mention] = []
    for m in mentions:
        if m.label not in ENTITY_LABELS or m.mention_id in fixed or is_free(lines, m.char_start, m.char_end):
            out.append(m)
            continue
        change = _read_mention(text, m, casing)
        if change is None:
            out.append(m)
            continue
        rule, pieces = change
        if not pieces:
            applied(rule)
        for s, e, label in pieces:
            piece = m.moved(s, e, text)
            piece.label = label
            applied(rule, piece)
            out.append(piece)
    article_id = mentions[0].article_id
    mentions[:] = out
    _add_body_names(mentions, text, blocks, sentences, lines, casing, article_id)


def _add_body_names(mentions: list[Mention], text: str, blocks, sentences, lines, casing: Casing, article_id: str) -> None:
    """Rule ``body_name_in_title_case_line`` (step 3 of the module docstring)."""
    names = sorted((n for n in casing.names if n[:1].isupper() and len(n) >= 2), key=lambda n: (-len(n), n))
    if not names:
        return
    pattern = re.compile(r"(?<![\w&'’.-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w&-])")
    ner_blocks = read_blocks(blocks, mentions)
    occupied = Spans((m.char_start, m.char_end) for m in mentions)
    added = []
    for line in lines:
        if in_capitals(text, *line):
            continue  # a name in a line in capitals: rule name_in_capitals (propagate)
        block = next((b for b in ner_blocks if b.start <= line[0] < b.end), None)
        for occ in pattern.finditer(text, *line):
            s, e = occ.span()
            if block is None or not occupied.is_free(s, e) or not _beside_is_common(text, s, e, line, casing):
                continue
            m = new_mention(template_for(mentions, block, s), block, s, e, casing.label_of(occ.group()), "propagated",
                            text, article_id, sentences)
            applied("body_name_in_title_case_line", m)
            added.append(m)
            occupied.add((s, e))
    mentions.extend(added)


NAME_RULES.add("title_case_name_unconfirmed", read_title_case_lines, examples=[
    nx("Harbor Trust Head Breaks Down While [Giving A Speech](WORK_OF_ART) On Donors\n"
       "The head of Harbor Trust was giving a speech to donors when she broke down.",
       {"Giving A Speech": None}, kinds=("title", "body")),
], negatives=[
    nx("Lena Fisher Quits As Head Of [Harbor Trust](ORG) Amid Donor Row\nShe quit on Monday after a row with donors.",
       kinds=("title", "body")),
])
NAME_RULES.add("body_name_in_title_case_line", read_title_case_lines, genre="web", examples=[
    nx("Donors Quit Harbor Trust Amid Fisher Pay Row\nThe donors quit [Harbor Trust](ORG) over the pay of [Lena Fisher](PERSON)."
       " [Fisher](PERSON) said the pay row was over.",
       {"Fisher": "PERSON", "Harbor Trust": "ORG"}, kinds=("title", "body")),
], negatives=[
    nx("Donors Quit Harbor Trust Amid Fisher Foundation Row\nThe donors left [Harbor Trust](ORG). [Fisher](PERSON) said so."
       " The Fisher Foundation row went on.", kinds=("title", "body")),
])
