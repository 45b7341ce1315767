"""What the words around a name say it is, wherever the article uses it: apposition and copula heads, "which", made things, venues; capitalised common nouns; titles shaped like durations.

A label the model gives a name in one sentence is checked against the article's other uses of
the name.  The evidence is read from the words next to each occurrence of the name (by their
shape, no parse: every sentence qualifies, parsed or not):

- *head of an apposition or a copula* ("Spotlight, a software program", "Kutcher is a co-founder",
  "the nonprofit Thorn", "X, the actor's foundation"): the head noun's class
  (:data:`~pipeline.normalise.names.words.HEAD_NOUNS`) is strong evidence of the label;
- *not a person* ("X, which …", "built X", "X makes software", "at X in Nashville"): weak
  evidence, used only against the label PERSON.

:func:`context_classes` collects it per name (by key); :mod:`.labels` decides with it (rules
``class_from_context`` and ``not_a_person_by_context``).  The other rules here drop or relabel
mentions by how the article writes them: a capitalised common noun ("the Board" where the article
says "board members"), a name after "a"/"an" that heads its noun phrase ("a Launch Event for
Netflix"), and a duration written as a title ("an interview with 48 Hours").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from pipeline.normalise.names.blocks import is_free
from pipeline.normalise.names.entities import clean_name, name_key
from pipeline.normalise.names.registry import NAME_RULES, applied, nx
from pipeline.normalise.names.titles import Casing
from pipeline.normalise.names.words import (
    FUNCTION_WORDS,
    MAKER_VERBS,
    MAKING_VERBS,
    NOT_ONLY_PERSONS,
    head_class,
)
from pipeline.recognise import Mention

#: labels context may move a name between
CONTEXT_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "NORP"})
_NP = r"(?P<np>[^,;:.!?()\[\]\n\"“”]{1,80})"
#: "Name, a software program …", "Name, the actor's foundation", "Name, one of the …"
_APPOSITION = re.compile(rf"(?:['’]s)?[ \t]*,[ \t]*(?:a|an|the|one of the|another)[ \t]+{_NP}")
#: "Name is a co-founder …", "Name was chairman of …"
_COPULA = re.compile(rf"[ \t]+(?:is|was|has been|had been|remains|remained|became|becomes)[ \t]+"
                     rf"(?:(?:also|now|still|currently|then|a|an|the)[ \t]+)*{_NP}")
_WHICH = re.compile(r"[ \t]*,[ \t]*which\b")
_MAKER = re.compile(r"[ \t]+(?:also[ \t]+)?(?P<verb>[a-z]+)[ \t]+(?:[\w-]+[ \t]+){0,2}?(?P<obj>[a-z][\w-]*)\b")
_AT_BEFORE = re.compile(r"\bat[ \t]+$")
_IN_PLACE_AFTER = re.compile(r"[ \t]*(?:,|in)[ \t]+[A-Z]")
_WORDS = re.compile(r"[\w'’-]+|[^\w\s]")
#: words that end the noun phrase whose head is looked for
_NP_STOP = FUNCTION_WORDS | {"who", "whose", "which", "that"}
#: verbs of a reporting clause: "X, the ministry said" is no apposition
_REPORTING = frozenset("said says added told reported announced stated explained noted wrote argued insisted".split())
_DETERMINER_BEFORE = re.compile(r"(?:^|[\s(])(?:the|a|an|its|his|her|their|our)[ \t]+(?:[\w'’-]+[ \t]+){0,3}$")


_PARTICIPLE = re.compile(r"[a-z]+(?:ed|ing|en)$")


def np_head(phrase: str) -> str | None:
    """The class of the head noun of the noun phrase that opens ``phrase``: its last word before a
    function word, punctuation or a participle after a listed noun ("software program that …" →
    PRODUCT, "nonprofit founded by …" → ORG, "board member at …" → None), possessives skipped ("the
    actor's foundation" → ORG); None when that word is not a listed noun."""
    words: list[str] = []
    for word in _WORDS.findall(phrase)[:8]:
        low = word.lower()
        if low in _REPORTING:
            return None
        if not word[0].isalnum() or low in _NP_STOP:
            break
        if words and _PARTICIPLE.fullmatch(low) and head_class(words[-1]) and not head_class(low):
            break
        if low.endswith(("'s", "’s")):
            words = []
            continue
        words.append(word)
    if not words or not words[-1][0].islower() or words[-1].lower() in NOT_ONLY_PERSONS:
        return None
    return head_class(words[-1])


def _head_before(text: str, start: int) -> str | None:
    """The class of a listed noun right before a name, after a determiner ("the nonprofit Thorn")."""
    before = text[max(0, start - 80) : start]
    m = re.search(r"([a-z][\w-]*)[ \t]+$", before)
    if not m or not _DETERMINER_BEFORE.search(before[: m.start()]):
        return None
    return None if m.group(1) in NOT_ONLY_PERSONS else head_class(m.group(1))


def occurrence_cues(text: str, start: int, end: int) -> tuple[list[str], list[str]]:
    """(strong, weak) evidence of the label of the name at ``text[start:end]``: classes from heads
    of appositions, copulas and nouns before it; weak classes from "which", making verbs and
    venues (module docstring)."""
    strong, weak = [], []
    for pattern in (_APPOSITION, _COPULA):
        m = pattern.match(text, end)
        if m:
            cls = np_head(m.group("np"))
            if cls:
                strong.append(cls)
    cls = _head_before(text, start)
    if cls:
        strong.append(cls)
    if _WHICH.match(text, end):
        weak.append("ORG")
    prev = re.search(r"([a-z]+)[ \t]+(?:also[ \t]+)?$", text[max(0, start - 30) : start])
    if prev and prev.group(1) in MAKING_VERBS:
        weak.append("PRODUCT")
    m = _MAKER.match(text, end)
    if m and m.group("verb") in MAKER_VERBS and head_class(m.group("obj")) == "PRODUCT":
        weak.append("ORG")
    if _AT_BEFORE.search(text[max(0, start - 4) : start]) and _IN_PLACE_AFTER.match(text, end):
        weak.append("FAC")
    return strong, weak


def context_classes(mentions: list[Mention], text: str) -> dict[str, tuple[Counter, Counter]]:
    """For each name of the article (by key): the (strong, weak) classes its occurrences' context
    gives, over every occurrence of each of its written forms, found or not by the model."""
    forms: dict[str, str] = {}
    for m in mentions:
        if m.label in CONTEXT_LABELS and len(m.text) >= 2:
            key = name_key(clean_name(m.text, m.label))
            if key:
                forms.setdefault(m.text, key)
    out: dict[str, tuple[Counter, Counter]] = defaultdict(lambda: (Counter(), Counter()))
    if not forms or not text:
        return out
    pattern = re.compile(r"(?<![\w&'’.-])(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")(?![\w&-])")
    for occ in pattern.finditer(text):
        strong, weak = occurrence_cues(text, occ.start(), occ.end())
        if strong or weak:
            key = forms[occ.group()]
            out[key][0].update(strong)
            out[key][1].update(weak)
    return out


def decide_from_context(best: str, cues: tuple[Counter, Counter] | None) -> tuple[str, str] | None:
    """The label the context gives a name labelled ``best`` in the article, with the rule that
    decides it, or None: the strong evidence's class when it is a clear majority; else, for a
    person, the weak evidence's class when no strong evidence says person."""
    if not cues or best not in CONTEXT_LABELS:
        return None
    strong, weak = cues
    if strong:
        (cls, n), *rest = strong.most_common()
        if (not rest or rest[0][1] < n) and cls != best and not (best == "GPE" and cls == "LOC"):
            return cls, "class_from_context"
        return None
    if best == "PERSON" and weak:
        (cls, n), *rest = weak.most_common()
        if not rest or rest[0][1] < n:
            return cls, "not_a_person_by_context"
    return None


# The rules are applied by labels.harmonise_labels; registered here with their examples.
NAME_RULES.add("class_from_context", decide_from_context, examples=[
    nx("Orbit built [Beacon](PERSON), a software program that finds lost pets. [Beacon](PERSON) found 900 dogs.",
       {"Beacon": "PRODUCT"}),
    nx("Ms. [Vale](ORG) is a painter from Lyon. [Vale](ORG) shows her work in May.", {"Vale": "PERSON"}),
    nx("Fans of the band [Harbor Lights](PERSON) queued all night.", {"Harbor Lights": "ORG"}),
], negatives=[
    nx("[Tom Ray](PERSON), a painter, and [Ann Lee](PERSON) met."),
    nx("[Sweden](GPE), the defending champions, beat [Norway](GPE)."),
])
NAME_RULES.add("not_a_person_by_context", decide_from_context, examples=[
    nx("The band played at [Blue Fox](PERSON) in Denver on Friday.", {"Blue Fox": "FAC"}),
    nx("[Corvo](PERSON), which makes chips for cars, grew. [Corvo](PERSON) hired staff.", {"Corvo": "ORG"}),
], negatives=[
    nx("[Anna Lee](PERSON), who paints, lives at home."),
    nx("The crowd laughed at [Tom Ray](PERSON) in the hall."),
])


@NAME_RULES.rule("common_noun_capitalised", examples=[
    nx("He quit as Chairman of the [Board](ORG). Two board members and the board chair stayed.", {"Board": None}),
], negatives=[
    nx("He joined [Apple](ORG) in May. [Apple](ORG) sells phones."),
    nx("The [Board](ORG) met. The Board said the Board would meet again."),
])
def drop_capitalised_common_nouns(mentions: list[Mention], text: str, casing: Casing,
                                  fixed: frozenset | set = frozenset()) -> None:
    """A one-word organisation (or product, event, facility) name that the article writes in lower
    case more often than capitalised mid-sentence (``casing``: outside title-case lines) is a common
    noun given a capital ("Chairman of the Board" beside "board members"): not a name (its
    mentions are dropped)."""
    if not text:
        return
    candidates = {m.text for m in mentions if m.label in ("ORG", "PRODUCT", "EVENT", "FAC") and m.mention_id not in fixed
                  and m.text.isalpha() and m.text[0].isupper() and not m.text.isupper()}
    if not candidates:
        return
    common = {w for w in candidates if casing.lower[w.lower()] > casing.capital[w.lower()]}
    if common:
        kept = [m for m in mentions if m.text not in common or m.mention_id in fixed or m.label not in ("ORG", "PRODUCT", "EVENT", "FAC")]
        for _ in range(len(mentions) - len(kept)):
            applied("common_noun_capitalised")
        mentions[:] = kept


_A_BEFORE = re.compile(r"(?:^|[\s(])(?:a|an|A|An)[ \t]+$")
_NEXT_WORD = re.compile(r"[ \t]*([\w'’-]+)")


@NAME_RULES.rule("indefinite_article_before", examples=[
    nx("Stars came to a [Launch Event](ORG) for the new series.", {"Launch Event": None}),
], negatives=[
    nx("A [Reuters](ORG) reporter saw it."),
    nx("She bought a [Ford](PRODUCT) in May."),
])
def drop_after_indefinite_article(mentions: list[Mention], text: str, fixed: frozenset | set = frozenset()) -> None:
    """An organisation or facility name after "a"/"an" that heads its noun phrase (the next word is
    a function word or punctuation: "a Launch Event for …") is a capitalised common noun phrase,
    not a name (a proper name takes no indefinite article; "a Reuters reporter" is a modifier and
    stays)."""
    kept = []
    for m in mentions:
        if m.label in ("ORG", "FAC") and m.mention_id not in fixed and _A_BEFORE.search(text[max(0, m.char_start - 4) : m.char_start]):
            nxt = _NEXT_WORD.match(text, m.char_end)
            if not nxt or nxt.group(1).lower() in FUNCTION_WORDS or nxt.start(1) > m.char_end + 1:
                applied("indefinite_article_before")
                continue
        kept.append(m)
    mentions[:] = kept


_TITLED_DURATION = re.compile(r"(?:\d+|[A-Z][a-z]+)(?:[ -](?:[A-Z][a-z]+))?[ \t-]+(?:Seconds?|Minutes?|Hours?|Days?|Nights?|Weeks?|Months?|Years?)")


@NAME_RULES.rule("title_shaped_like_a_duration", examples=[
    nx("In an interview with [48 Hours](DATE), she said the case was closed.", {"48 Hours": "WORK_OF_ART"}),
    nx("He watched [Sixty Minutes](DATE) on CBS.", {"Sixty Minutes": "WORK_OF_ART"}),
], negatives=[
    nx("Talks lasted [48 hours](DATE)."),
    nx("Stocks Fall For [Three Days](DATE) As Rates Rise"),
])
def titles_shaped_like_durations(mentions: list[Mention], title_lines: list[tuple[int, int]]) -> None:
    """A duration whose unit word is capitalised outside the article's title-case lines
    (``title_lines``, see :mod:`.titles`) ("an interview with 48 Hours", "CBS's 60 Minutes") is the
    title of a programme or a work: its label becomes WORK_OF_ART, so that it is no date (the dates
    table skips it)."""
    for m in mentions:
        if m.label in ("DATE", "TIME") and _TITLED_DURATION.fullmatch(m.text) and is_free(title_lines, m.char_start, m.char_end):
            m.label = "WORK_OF_ART"
            applied("title_shaped_like_a_duration", m)


__all__ = ["context_classes", "decide_from_context", "drop_after_indefinite_article",
           "drop_capitalised_common_nouns", "np_head", "occurrence_cues", "titles_shaped_like_durations"]
