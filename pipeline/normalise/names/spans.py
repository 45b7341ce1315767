"""Span rules for names: what the model's span holds that is not part of the name, and spans whose shape says they hold a person."""

from __future__ import annotations

import functools
import re
import unicodedata

from pipeline.lexicon.calendar_words import MONTHS, WEEKDAYS
from pipeline.lexicon.function_words import ENGLISH_CLOSED_CLASS_WORDS as FUNCTION_WORDS
from pipeline.lexicon.names import NAME_ABBREVIATIONS, TITLE_QUALIFIERS, TITLE_WORDS, US_STATE_ABBREVIATIONS
from pipeline.normalise.names.blocks import is_free
from pipeline.normalise.names.entities import ENTITY_LABELS
from pipeline.normalise.names.registry import NAME_RULES, applied, nx
from pipeline.recognise import Mention

#: labels whose spans are tidied, split and propagated (titles and laws keep their numbers)
PLAIN_NAMES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
_TITLE_WORDS = "|".join(TITLE_WORDS)
#: leading titles of a person's span: "Archbishop Desmond Tutu", "Mr. Kutcher", "Prime Minister X"
_TITLE_PREFIX = re.compile(rf"(?:(?:(?:{'|'.join(TITLE_QUALIFIERS)})\s+)*(?:{_TITLE_WORDS})\.?\s+)+", re.IGNORECASE)
#: a span that ends in an abbreviation whose final period the tokenizer left outside ("U.S", "Inc", "Fla")
_ABBREV_END = re.compile(r"(?:(?<![\w.])(?:[A-Za-z]\.)+[A-Za-z]|(?<![\w.])(?:" +
                         "|".join(NAME_ABBREVIATIONS + US_STATE_ABBREVIATIONS) + r"))$")
#: where one span holds two names: a free-standing number or score ("Kilmarnock 1 Celtic"),
#: a spaced dash ("Peter Pieters - Tomas Post") or a bracket ("Noce ( Italy )")
_SPLIT = re.compile(r"\s+(?:\d[\d.:,/-]*|[-–—]+|[()]|v|vs\.?)(?=\s|$)")
HAS_LETTER = re.compile(r"[^\W\d_]")
_NUMBERISH = re.compile(r"^\d[\d.,:/-]*(?:st|nd|rd|th|s|m|km|kg|pct|%)?$", re.IGNORECASE)
_THE = re.compile(r"(?:the|THE|The)\s+")
_SENTENCE_START_BEFORE = re.compile(r"[.!?\"“:]\s*$")
_WORD = re.compile(r"\S+")
#: two capitalised words, the shape of a given name and a family name ("Naoko Kijimuta")
GIVEN_AND_FAMILY = re.compile(r"[A-Z][a-z]+(?:-[A-Z]?[a-z]+)? (?:(?:Mc|Mac|O')?[A-Z][a-z]+(?:-[A-Z][a-z]+)?)")
#: a word that makes a name an organisation's, not a person's
ORG_WORD = re.compile(r"\b(?:Inc|Corp|Co|Ltd|Plc|AG|SA|NV|Group|Bank|Holdings?|United|City|Club|Party|Union|Council|"
                      r"Ministry|Agency|Association|Federation|Institute|University|College|Company|Airlines?|Motors?|"
                      r"Systems|International|Rovers|Athletic|Wanderers|Town|County|Sport|Sporting|Real|Dynamo|Dinamo)\b")


@functools.lru_cache(maxsize=1 << 16)  # pure functions of a word and of a character, asked at every span edge
def _edge_junk(token: str) -> bool:
    """A word that does not begin or end a name: no letter, a number ("67th"), or a lower-case
    word ("news agency" in "Xinhua news agency", "their" in "their European Cup")."""
    return not HAS_LETTER.search(token) or bool(_NUMBERISH.match(token)) or (token.isalpha() and token.islower())


#: characters a name may begin with although they are punctuation: a handle, a hashtag, an
#: apostrophe before a year ("'70s")
_LEAD_KEPT = "@#"
_CLOSERS = {")": "(", "]": "[", "}": "{"}


@functools.lru_cache(maxsize=1 << 12)
def _punctuation(c: str) -> bool:
    """True for a punctuation character or a symbol that is no letter, digit or currency ("/", "|", "•")."""
    cat = unicodedata.category(c)
    return cat[0] == "P" or cat in ("Sm", "So", "Sk")


def edge_punctuation_off(text: str, start: int, end: int, label: str) -> tuple[int, int]:
    """``text[start:end]`` without punctuation at either end: a name never begins or ends with one
    ("Mario Anzuoni/" of "(Mario Anzuoni/Reuters)" → "Mario Anzuoni").  Kept: the full stop of an
    abbreviation ("U.S.", "Inc."), a bracket closing one opened inside the name, "@"/"#" opening a
    handle or hashtag, an apostrophe before a digit ("'70s"), and "!"/"?" ending a title of a work."""
    while start < end and (text[start].isspace() or (_punctuation(text[start]) and text[start] not in _LEAD_KEPT
                                                     and not (text[start] in "'’‘" and text[start + 1 : start + 2].isdigit()))):
        start += 1
    while end > start:
        c = text[end - 1]
        if c.isspace():
            end -= 1
            continue
        if not _punctuation(c):
            break
        if c == "." and _ABBREV_END.search(text, start, end - 1):
            break
        if c in _CLOSERS and _CLOSERS[c] in text[start : end - 1]:
            break
        if c in "!?" and label == "WORK_OF_ART":
            break
        end -= 1
    return start, end


def _strip_prefix(text: str, start: int, end: int, pattern: re.Pattern) -> int:
    m = pattern.match(text, start, end)
    if m and m.end() < end and HAS_LETTER.search(text, m.end(), end):
        return m.end()
    return start


def _the_may_go(text: str, start: int) -> bool:
    """A capitalised "The" is dropped only where any word is capitalised: at a line or sentence start."""
    before = text[max(0, start - 3) : start]
    return start == 0 or "\n" in before or bool(_SENTENCE_START_BEFORE.search(before))


def tidy_span(text: str, start: int, end: int, label: str) -> list[tuple[int, int]]:
    """The name spans in ``text[start:end]``, a mention the model labelled ``label``.

    Leading "the" (lower case anywhere, "The" at a line or sentence start) and, for persons,
    leading titles ("President", "Archbishop", "Mr.") go; an abbreviation gets back the period the
    tokenizer cut off ("U.S" → "U.S."); tokens without letters (scores, numbers, dashes) are cut off
    both ends, and a span that runs over two names at such a token is split ("Kilmarnock 1 Celtic"
    → "Kilmarnock", "Celtic").  Returns no span when no letter is left.
    """
    return _tidy_within(text, *edge_punctuation_off(text, start, end, label), label)


def _tidy_within(text: str, start: int, end: int, label: str) -> list[tuple[int, int]]:
    """:func:`tidy_span` of a span already without edge punctuation (:func:`edge_punctuation_off`)."""
    if label not in PLAIN_NAMES:
        return [(start, end)] if HAS_LETTER.search(text, start, end) else []
    if text.startswith(("the ", "THE ", "the\n", "THE\n"), start) or (text.startswith("The", start) and _the_may_go(text, start)):
        start = _strip_prefix(text, start, end, _THE)
    if label == "PERSON":
        start = _strip_prefix(text, start, end, _TITLE_PREFIX)
    out: list[tuple[int, int]] = []
    pos = start
    for m in _SPLIT.finditer(text, start, end):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, end))
    spans = []
    for a, b in out:
        words = list(_WORD.finditer(text[a:b]))
        while words and _edge_junk(words[0].group()):
            words.pop(0)
        while words and _edge_junk(words[-1].group()):
            words.pop()
        if not words:
            continue
        a, b = a + words[0].start(), a + words[-1].end()
        if b < len(text) and text[b] == "." and _ABBREV_END.search(text, a, b):
            b += 1
        if HAS_LETTER.search(text, a, b):
            spans.append((a, b))
    return spans


#: a lone initial ("K." of "K. Curran"): the model stopped short of the surname that follows
_INITIAL_ONLY = re.compile(r"[A-Z]\.?")
_SURNAME_AFTER = re.compile(r"\.?[ \t]+((?:Mc|Mac|O'|De|de |van |von )?[A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b")
#: persons joined by "and" in one span: "Laurent Cabannes and Laurent Benezech"
_AND_SPLIT = re.compile(r"\s+(?:and|&)\s+")
_TWO_NAMES = re.compile(r"[A-Z][\w.'-]+(?: [A-Z][\w.'-]+)+")
_CAPITALISED_WORD = re.compile(r"[A-Z][\w'-]+")
_ROLE_WORD = re.compile(rf"(?:{_TITLE_WORDS})\.?", re.IGNORECASE)
_NUMBERED_NAME = re.compile(r"\d{1,3}[ \t]*[-–][ \t]*")  # "10 - Andrew Mehrtens" (a squad list)
_DIGITS = re.compile(r"\d+")

Piece = tuple[int, int, str, "str | None"]  # start, end, label, the rule that made it (None: none did)


def _refine_name(text: str, start: int, end: int, label: str, demonyms: set[str]) -> list[Piece]:
    """A name's span and label refined where its shape says it is a person (see the three rules
    below).  A name the model called a person keeps the looser test of two capitalised words;
    other labels change to PERSON only for a given-and-family-shaped name."""
    is_person = label == "PERSON"
    why = None

    def personal(s: str) -> bool:
        return bool(_TWO_NAMES.fullmatch(s) if is_person else GIVEN_AND_FAMILY.fullmatch(s) and not ORG_WORD.search(s))

    if _INITIAL_ONLY.fullmatch(text, start, end):
        nxt = _SURNAME_AFTER.match(text, end)
        if nxt:
            return [(start, nxt.end(1), "PERSON", "initial_and_surname")]
    first = _WORD.match(text[start:end])
    if first and (first.group() in demonyms or _ROLE_WORD.fullmatch(first.group())):
        rest = text[start + first.end() : end].strip()
        if rest and (personal(rest) or (is_person and first.group() in demonyms and _CAPITALISED_WORD.fullmatch(rest))):
            start = end - len(rest)
            label = "PERSON"
            is_person = True
            why = "nationality_or_role_before_a_person"
    parts = _AND_SPLIT.split(text[start:end])
    if len(parts) == 2 and all(personal(p) for p in parts):
        cut = _AND_SPLIT.search(text, start, end)
        return [(start, cut.start(), "PERSON", "two_persons_joined_by_and"),
                (cut.end(), end, "PERSON", "two_persons_joined_by_and")]
    return [(start, end, label, why)]


NAME_RULES.add("initial_and_surname", _refine_name, genre="sports results", examples=[
    nx("[K](PERSON). Curran 52 not out", {"K. Curran": "PERSON", "K": None}),
], negatives=[nx("[K](PERSON) 52 not out")])
NAME_RULES.add("nationality_or_role_before_a_person", _refine_name, examples=[
    nx("[American Dennis Mitchell](PERSON) won. [American](NORP) athletes cheered.", {"Dennis Mitchell": "PERSON"}),
    nx("[Centre Walter Little](ORG) scored.", {"Walter Little": "PERSON"}),
], negatives=[nx("[Central Bank of Kenya](ORG) said.")])
NAME_RULES.add("two_persons_joined_by_and", _refine_name, examples=[
    nx("[Laurent Cabannes and Laurent Benezech](PERSON) scored.", {"Laurent Cabannes": "PERSON", "Laurent Benezech": "PERSON"}),
], negatives=[nx("[Marks and Spencer](ORG) said.")])


def _numbered_name(m: Mention, text: str) -> list[Mention] | None:
    """ "10 - Andrew Mehrtens" read as one number: the number and the person."""
    num = _NUMBERED_NAME.match(text, m.char_start, m.char_end)
    if num and GIVEN_AND_FAMILY.fullmatch(text, num.end(), m.char_end) and not ORG_WORD.search(text, num.end(), m.char_end):
        digits = _DIGITS.match(text[m.char_start :]).end()
        person = m.moved(num.end(), m.char_end, text)
        person.label = "PERSON"
        applied("numbered_squad_list", person)
        return [m.moved(m.char_start, m.char_start + digits, text), person]
    return None


NAME_RULES.add("numbered_squad_list", _numbered_name, genre="sports results", examples=[
    nx("New Zealand - [10 - Andrew Mehrtens](CARDINAL) , 9 - Justin Marshall", {"Andrew Mehrtens": "PERSON", "10": "CARDINAL"}),
], negatives=[nx("[10 - 12](CARDINAL) people")])


def _pieces(m: Mention, text: str, demonyms: set[str]) -> list[Piece]:
    """The name pieces of one mention, with the rule that made each ("trim_name_span",
    "split_two_names" or "no_punctuation_at_name_edges" when only tidying changed it)."""
    edges = edge_punctuation_off(text, m.char_start, m.char_end, m.label)
    spans = _tidy_within(text, *edges, m.label)  # tidy_span, its edges computed once
    tidy_why = "split_two_names" if len(spans) > 1 else "trim_name_span"
    if len(spans) == 1 and spans[0] == edges:
        tidy_why = "no_punctuation_at_name_edges"
    pieces = [(a, b, m.label, None) for a, b in spans]
    if m.label in PLAIN_NAMES:
        pieces = [piece for a, b, lab, _ in pieces for piece in _refine_name(text, a, b, lab, demonyms)]
    return [(a, b, lab, why or tidy_why) for a, b, lab, why in pieces]


def tidy_mentions(mentions: list[Mention], text: str) -> None:
    """Apply :func:`tidy_span` to every name mention (in place; mentions left without a name are
    dropped), then refine spans that hold a person (:func:`_refine_name`); a number glued to a
    name in a squad list ("10 - Andrew Mehrtens") gives the name back; two halves of a name cut at
    "of" are joined (:func:`join_names_cut_at_of`)."""
    demonyms = {m.text for m in mentions if m.label == "NORP" and " " not in m.text}
    out = []
    for m in mentions:
        if m.label == "CARDINAL":
            both = _numbered_name(m, text)
            if both is not None:
                out.extend(both)
                continue
        if m.label not in ENTITY_LABELS:
            out.append(m)
            continue
        for a, b, lab, why in _pieces(m, text, demonyms):
            if (a, b) == (m.char_start, m.char_end):
                if lab != m.label:
                    applied(why, m)
                m.label = lab
                out.append(m)
            else:
                r = m.moved(a, b, text)
                r.label = lab
                applied(why, r)
                out.append(r)
    seen = set()
    mentions[:] = [m for m in out if not (m.mention_id in seen or seen.add(m.mention_id))]
    join_names_cut_at_of(mentions, text)
    other_name_beside_a_person(mentions, text)


NAME_RULES.add("trim_name_span", tidy_span, examples=[
    nx("[President Bill Clinton](PERSON) met [the European Union](ORG).", {"Bill Clinton": "PERSON", "European Union": "ORG"}),
    nx("He flew to [the U.S](GPE).", {"U.S.": "GPE"}),
], negatives=[nx("He flew to [The Hague](GPE) on Monday."), nx("[Germany](GPE) 's representative")])
NAME_RULES.add("split_two_names", tidy_span, genre="sports results", examples=[
    nx("[Kilmarnock 1 Celtic](ORG) 4", {"Kilmarnock": "ORG", "Celtic": "ORG"}),
    nx("Postponed: [Birmingham v Barnsley](PERSON)", {"Birmingham": "ORG", "Barnsley": "ORG"}),
], negatives=[nx("[Kilmarnock](ORG) 1 [Celtic](ORG) 4")])
NAME_RULES.add("no_punctuation_at_name_edges", edge_punctuation_off, examples=[
    nx("Shot by [Lena Marsh/](PERSON) for the paper.", {"Lena Marsh": "PERSON", "Lena Marsh/": None}),
    nx("Fans of [•Harbor Lights](ORG) queued.", {"Harbor Lights": "ORG"}),
], negatives=[nx("He joined [Acme Inc.](ORG) in May."), nx("They watched [Jeopardy!](WORK_OF_ART) at home."),
              nx("She wrote [Grimes (Ltd)](ORG) a letter.")])


_OF_BETWEEN = re.compile(r"[ \t]+of(?:[ \t]+the)?[ \t]+")
#: labels of the halves of one name the model cut at "of" ("Walk" | "of" | "Fame Star Ceremony")
_OF_HALVES = frozenset({"ORG", "EVENT", "FAC", "WORK_OF_ART", "PRODUCT", "LAW"})
_EVENT_END = re.compile(r"(?:Ceremony|Awards?|Festival|Gala|Premiere|Summit|Conference|Convention|Games|Championships?|"
                        r"Cup|Marathon|Parade|Concert|Fair|Expo|Exhibition|Tournament|Week)$")


def _alone_elsewhere(text: str, name: str, whole: str) -> bool:
    """True when ``name`` occurs in ``text`` as whole words outside every occurrence of ``whole``."""
    inside = [occ.span() for occ in re.finditer(re.escape(whole), text)]
    for occ in re.finditer(rf"(?<![\w'’-]){re.escape(name)}(?![\w'’-])", text):
        if not any(s <= occ.start() and occ.end() <= e for s, e in inside):
            return True
    return False


def join_names_cut_at_of(mentions: list[Mention], text: str) -> None:
    """An event's name the model cut in two at "of" ("[Zoe Saldana Walk] of [Fame Star Ceremony]",
    "[Hall] of [Fame Induction Ceremony]") is one EVENT: two name mentions joined by "of", the
    second ending in an event's word ("Ceremony", "Awards", "Festival"…), neither half used alone
    anywhere else in the article (else each is a name of its own).  Other names joined by "of" are
    left as the model gave them: on Reuters copy ("[Reebok] of [Germany]", a person "of" a
    company) joining them does not pay."""
    names = sorted((m for m in mentions if m.label in _OF_HALVES), key=lambda m: m.char_start)
    gone: set[str] = set()
    joined: list[Mention] = []
    for left, right in zip(names, names[1:]):
        if left.mention_id in gone or not _EVENT_END.search(right.text):
            continue
        between = _OF_BETWEEN.fullmatch(text, left.char_end, right.char_start)
        if not between or not left.text[:1].isupper() or not right.text[:1].isupper():
            continue
        whole = text[left.char_start : right.char_end]
        if _alone_elsewhere(text, left.text, whole) or _alone_elsewhere(text, right.text, whole):
            continue
        m = left.moved(left.char_start, right.char_end, text)
        m.label = "EVENT"
        applied("names_joined_by_of", m)
        gone.update((left.mention_id, right.mention_id))
        joined.append(m)
    if joined:
        mentions[:] = sorted([m for m in mentions if m.mention_id not in gone] + joined, key=lambda m: (m.char_start, m.char_end))


NAME_RULES.add("names_joined_by_of", join_names_cut_at_of, examples=[
    nx("Guests at the [Lena Fisher Hall](ORG) of [Fame Induction Ceremony](ORG) cheered.",
       {"Lena Fisher Hall of Fame Induction Ceremony": "EVENT", "Lena Fisher Hall": None}),
    nx("Stars came to the [Harbor Film](ORG) of [Youth Festival](EVENT) in June.", {"Harbor Film of Youth Festival": "EVENT"}),
], negatives=[
    nx("The [Ministry](ORG) of [Fisheries](ORG) said catches fell."),
    nx("[Orbis](ORG) of [Harbor Awards](ORG) said so. The [Harbor Awards](ORG) grew."),
    nx("[Orbis](ORG) of [Germany](GPE) said so."),
])


#: a title-case word that may be a person's other name ("Emilio" of "Emilio Valle"), with the
#: lower-case particles a family name may start with ("Maarten den Bakker")
_NAME_WORD = r"[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?"
_PARTICLES = r"(?:[ \t](?:van|von|de|da|den|der|del|di|du|dos|la|le))*"
_GIVEN_BEFORE = re.compile(rf"(?<![\w.'’&-])({_NAME_WORD}){_PARTICLES}[ \t]$")
_FAMILY_AFTER = re.compile(rf"[ \t]({_NAME_WORD})(?![\w'’&-]|\.\w)")
_ONE_NAME_WORD = re.compile(_NAME_WORD)
_TITLE_CASE_NEXT = re.compile(r"[ \t]+[A-Z]")
_LOWER_WORD = re.compile(r"\b[a-z][a-z-]+\b")
_NOT_A_NAME_WORD = frozenset(w.casefold() for w in (*MONTHS, *WEEKDAYS, *FUNCTION_WORDS, *TITLE_WORDS))


def _other_name_word(word: str, mentions: list[Mention], lower_words: set[str]) -> bool:
    """True when ``word`` may be a person's given or family name: no closed-class, calendar or
    title word, never written in lower case in the article, no organisation's word, and not the
    whole of a mention of another kind (a team, a place)."""
    w = word.casefold()
    if w in _NOT_A_NAME_WORD or w in lower_words or ORG_WORD.fullmatch(word):
        return False
    return not any(m.text == word and m.label != "PERSON" for m in mentions)


def other_name_beside_a_person(mentions: list[Mention], text: str) -> None:
    """A one-word person the model cut off from the rest of the name ("4. Emilio [Valle]", "and
    [Shawn] Estes came") gets it back: the title-case word right before it (through family-name
    particles: "Maarten den [Bakker]") or right after it, on the same line, in no other mention,
    that may be a name (:func:`_other_name_word`).  The word before wins; the word after is taken
    only when the word following it is not title case too (then the name goes on, unread)."""
    occupied = sorted((m.char_start, m.char_end) for m in mentions)
    lower_words = set(_LOWER_WORD.findall(text))
    changed = False
    for i, m in enumerate(mentions):
        if m.label != "PERSON" or not _ONE_NAME_WORD.fullmatch(m.text):
            continue
        before = _GIVEN_BEFORE.search(text, max(0, m.char_start - 40), m.char_start)
        start, end = m.char_start, m.char_end
        if before and _other_name_word(before.group(1), mentions, lower_words):
            start = before.start(1)
        else:
            after = _FAMILY_AFTER.match(text, m.char_end)
            if after and _other_name_word(after.group(1), mentions, lower_words) \
                    and not _TITLE_CASE_NEXT.match(text, after.end()):
                end = after.end()
        own = (m.char_start, m.char_end)
        if (start, end) == own or not is_free([span for span in occupied if span != own], start, end):
            continue
        grown = m.moved(start, end, text)
        applied("other_name_beside_a_person", grown)
        mentions[i] = grown
        changed = True
    if changed:
        mentions.sort(key=lambda m: (m.char_start, m.char_end))


NAME_RULES.add("other_name_beside_a_person", other_name_beside_a_person, examples=[
    nx("4. Emilio [Valle](PERSON) ( [Cuba](GPE) ) 13.52", {"Emilio Valle": "PERSON", "Valle": None}),
    nx("the homer snapped a tie and [Shawn](PERSON) Estes came one out away", {"Shawn Estes": "PERSON"}),
    nx("8. Maarten den [Bakker](PERSON) ( Netherlands ) 1:33", {"Maarten den Bakker": "PERSON"}),
], negatives=[
    nx("On Monday [Valle](PERSON) said he would run."),
    nx("Later [Valle](PERSON) said the race was later than planned."),
    nx("Striker [Valle](PERSON) scored twice, said the striker's coach."),
    nx("[Chelsea](ORG) said [Valle](PERSON) would stay. Fans of Chelsea Valle cheered."),
    nx("[Shawn](PERSON) Estes Miller came one out away."),
])
