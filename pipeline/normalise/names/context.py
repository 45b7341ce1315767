"""What the words around a name say it is, wherever the article uses it: apposition and copula heads, "which", made things, venues; capitalised common nouns; titles shaped like durations.

A label the model gives a name in one sentence is checked against the article's other uses of
the name.  The evidence is read from the words next to each occurrence of the name (by their
shape, no parse: every sentence qualifies, parsed or not):

- *head of an apposition or a copula* ("Spotlight, a software program", "Kutcher is a co-founder",
  "the nonprofit Thorn", "X, the actor's foundation"): the head noun's class
  (:data:`~pipeline.normalise.names.words.HEAD_NOUNS`) is strong evidence of the label;
- *not a person* ("X, which …", "built X", "X makes software", "at X in Nashville"): weak
  evidence, used only against the label PERSON;
- a courtesy title ("Ms. Haley"): strong evidence of a person.

A full name whose family name the article uses alone as a person's ("Bill Clinton" beside
"Clinton") stays a person whatever the context ("the organization Bill Clinton used").  A group
of people (NORP) is left out: it is described with person nouns ("the Kentucky
Republican").  An apposition must end like one: "On MSNBC, the governor did …" is a clause.

:func:`context_classes` collects it per name (by key); :mod:`.labels` decides with it (rules
``class_from_context`` and ``not_a_person_by_context``).  The other rules here drop or relabel
mentions by how the article writes them: a capitalised common noun ("the Board" where the article
says "board members") and a duration written as a title ("an interview with 48 Hours").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from pipeline.lexicon.numbers import NUMBER_WORD_PATTERN
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

#: labels context may move a name between (a group of people, NORP, is described with person
#: nouns, "the Kentucky Republican": it is left out)
CONTEXT_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART"})
#: labels context may give
CONTEXT_TARGETS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT"})
_NP = r"(?P<np>[^,;:.!?()\[\]\n\"“”]{1,80})"
#: "Name, a software program …", "Name, the actor's foundation", "Name, one of the …"
_APPOSITION = re.compile(rf"(?:['’]s)?[ \t]*,[ \t]*(?:a|an|the|one of the|another)[ \t]+{_NP}")
#: "Name is a co-founder …", "Name was chairman of …"
_COPULA = re.compile(rf"[ \t]+(?:is|was|has been|had been|remains|remained|became|becomes)[ \t]+"
                     rf"(?:(?:also|now|still|currently|then)[ \t]+)*(?P<det>(?:a|an|the)[ \t]+)?{_NP}")
#: "Name makes software", "Name, which makes chips", "Name also built …"
_MAKER = re.compile(r"[ \t]*(?:,[ \t]*which[ \t]+)?(?:also[ \t]+)?(?P<verb>[a-z]+)[ \t]+(?:[\w-]+[ \t]+){0,2}?(?P<obj>[a-z][\w-]*)\b")
_AT_BEFORE = re.compile(r"\bat[ \t]+$")
#: "Name, which …": a thing, not a person (weak: "which" may refer to the whole clause)
_WHICH = re.compile(r"[ \t]*,[ \t]*which\b")
_IN_PLACE_AFTER = re.compile(r"[ \t]*(?:,|in)[ \t]+[A-Z]")
_WORDS = re.compile(r"[\w'’-]+|[^\w\s]")
#: words that end the noun phrase whose head is looked for
_NP_STOP = FUNCTION_WORDS | {"who", "whose", "which", "that"}
#: what may follow the head of an apposition ("X, a software program that …", "X, a painter from
#: Lyon", "X, the nonprofit he founded"); anything else ("On MSNBC, the governor did …") means
#: the noun phrase opens a clause of its own and is no apposition
_APPOSITION_ENDS = frozenset("""who whose which that where of from in at for with on by near like he she they it we i you
    participle""".split())
#: verbs of a reporting clause: "X, the ministry said" is no apposition
_REPORTING = frozenset("said says added told reported announced stated explained noted wrote argued insisted".split())
_DETERMINER_BEFORE = re.compile(r"(?:^|[\s(])(?:the|a|an|its|his|her|their|our)[ \t]+(?P<between>(?:[\w'’-]+[ \t]+){0,3})$")
_PARTICIPLE = re.compile(r"[a-z]+(?:ed|ing|en)$")
#: prepositions after which a participle opens a reduced relative ("a firm founded in 2014", "the
#: nonprofit founded by Kutcher"); a past tense followed by anything else ("the party faced a
#: dilemma") opens a clause
_AFTER_PARTICIPLE = frozenset("by in on at to for with as from into under near since".split())
#: heads too general to tell a class on their own: the noun before them does ("a software program")
GENERIC_HEADS = frozenset("program programme system service platform tool project product".split())
_MAX_NP_WORDS = 10
#: a name after a preposition or a comma: an apposition after it describes the name before
_ATTACHED_BEFORE = re.compile(r"(?:\b(?:of|from|in|at|for|with|on|to|by|near)|,)[ \t]+$", re.IGNORECASE)
_POSSESSIVE_AFTER = re.compile(r"['’]s?\b")
#: a courtesy title before a name: a person ("Mr. Hess", "Ms. Haley")
_HONORIFIC_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Rev|Prof)\.?[ \t]+$")
#: the last word before a name (its head noun?) and the word before a name, maybe before "also" (a making verb?)
#: (possessive: a word character is never a blank, so giving one back never helps; the same matches, no backtracking)
_LAST_WORD_BEFORE = re.compile(r"([a-z][\w-]*+)[ \t]++$")
_VERB_BEFORE = re.compile(r"([a-z]+)[ \t]+(?:also[ \t]+)?$")


def np_head(phrase: str, apposition: bool = False) -> str | None:
    """The class of the head noun of the noun phrase that opens ``phrase``: its last word before a
    function word, punctuation or a participle after a listed noun ("software program that …" →
    PRODUCT, "nonprofit founded by …" → ORG, "board member at …" → None), possessives skipped ("the
    actor's foundation" → ORG); None when that word is not a listed noun, or (``apposition``) when
    what follows the phrase shows it opens a clause (see ``_APPOSITION_ENDS``)."""
    words: list[str] = []
    ended_by = None
    tokens = _WORDS.findall(phrase)
    for i, word in enumerate(tokens[:_MAX_NP_WORDS]):
        low = word.lower()
        if low in _REPORTING:
            return None
        if not word[0].isalnum() or low in _NP_STOP:
            ended_by = low
            break
        if words and _PARTICIPLE.fullmatch(low) and head_class(words[-1]) and not head_class(low):
            nxt = tokens[i + 1].lower() if i + 1 < len(tokens) else ""
            ended_by = "participle" if nxt in _AFTER_PARTICIPLE else low
            break
        if low.endswith(("'s", "’s")):
            words = []
            continue
        words.append(word)
    if apposition and (ended_by not in _APPOSITION_ENDS if ended_by is not None else len(tokens) > _MAX_NP_WORDS):
        return None  # the phrase goes on as a clause, or runs past the words looked at
    if words and words[-1].lower() in GENERIC_HEADS:
        words = words[:-1]
    if not words or not words[-1][0].islower() or words[-1].lower() in NOT_ONLY_PERSONS:
        return None
    return head_class(words[-1])


def _head_before(text: str, start: int) -> str | None:
    """The class of a listed noun right before a name, after a determiner ("the nonprofit Thorn");
    place nouns are left out ("the state Department of Revenue": a modifier, not a head)."""
    before = text[max(0, start - 80) : start]
    m = _LAST_WORD_BEFORE.search(before)
    if not m or m.group(1) in NOT_ONLY_PERSONS:
        return None
    det = _DETERMINER_BEFORE.search(before[: m.start()])
    if not det or any(w.lower() in FUNCTION_WORDS for w in det.group("between").split()):
        return None  # "a group of activist Chicago Teachers Union members": no head of the name
    cls = head_class(m.group(1))
    return None if cls in ("GPE", "LOC") else cls


def occurrence_cues(text: str, start: int, end: int) -> tuple[list[str], list[str]]:
    """(strong, weak) evidence of the label of the name at ``text[start:end]``: classes from heads
    of appositions, copulas and nouns before it, and a courtesy title ("Ms. Haley"); weak classes
    from "which", making verbs and venues (module docstring)."""
    strong, weak = [], []
    m = _APPOSITION.match(text, end)
    # "Schultz of Florida, the party chairwoman", "Teterboro, N.J., the airport": the apposition
    # belongs to the name before
    cls = np_head(m.group("np"), apposition=True) if m and not _ATTACHED_BEFORE.search(text[max(0, start - 12) : start]) else None
    if cls:
        strong.append(cls)
    m = _COPULA.match(text, end)
    if m and (m.group("det") or head_class(_WORDS.findall(m.group("np"))[0]) == "PERSON"):  # "is chairman of …"
        cls = np_head(m.group("np"))
        if cls:
            strong.append(cls)
    cls = _head_before(text, start) if not _POSSESSIVE_AFTER.match(text, end) else None  # "the alliance Europe's parties"
    if cls:
        strong.append(cls)
    if _HONORIFIC_BEFORE.search(text[max(0, start - 8) : start]):
        strong.append("PERSON")
    if _WHICH.match(text, end):
        weak.append("ORG")
    prev = _VERB_BEFORE.search(text[max(0, start - 30) : start])
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
    for start, end, form in occurrences(text, forms):
        strong, weak = occurrence_cues(text, start, end)
        if strong or weak:
            out[forms[form]][0].update(strong)
            out[forms[form]][1].update(weak)
    return out


def _boundary(c: str, extra: str) -> bool:
    return not (c.isalnum() or c == "_" or c in extra)


def occurrences(text: str, forms) -> list[tuple[int, int, str]]:
    """Every occurrence of one of ``forms`` in ``text`` as whole words, leftmost and then longest
    first, none overlapping (what one alternation pattern would find, without compiling one per
    article)."""
    hits = []
    for form in forms:
        i = text.find(form)
        while i >= 0:
            j = i + len(form)
            if (i == 0 or _boundary(text[i - 1], "&'’.-")) and (j == len(text) or _boundary(text[j], "&-")):
                hits.append((i, j, form))
            i = text.find(form, i + 1)
    hits.sort(key=lambda h: (h[0], h[0] - h[1]))
    out, reached = [], -1
    for hit in hits:
        if hit[0] >= reached:
            out.append(hit)
            reached = hit[1]
    return out


def decide_from_context(best: str, cues: tuple[Counter, Counter] | None, a_person: bool = False) -> tuple[str, str] | None:
    """The label the context gives a name labelled ``best`` in the article, with the rule that
    decides it, or None: the strong evidence's class when it is a clear majority; else, for a
    person, the weak evidence's class when no strong evidence says person.  ``a_person``: the
    article shows the name is a person's otherwise (its family name stands alone as a person's:
    "Bill Clinton" beside "Clinton"): it stays one."""
    if not cues or best not in CONTEXT_LABELS or (a_person and best == "PERSON"):
        return None
    strong, weak = cues
    if strong:
        (cls, n), *rest = strong.most_common()
        if (not rest or rest[0][1] < n) and cls != best and cls in CONTEXT_TARGETS and not (best == "GPE" and cls == "LOC"):
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


#: a number (or this/last/next) and a capitalised unit: "48 Hours", "Sixty Minutes", "This Week";
#: a holiday ("Labor Day", "Election Day") is no duration and does not match
_TITLED_DURATION = re.compile(rf"(?:\d+|(?i:{NUMBER_WORD_PATTERN})(?:-(?i:{NUMBER_WORD_PATTERN}))?|This|Last|Next)[ \t-]+"
                              r"(?:Seconds?|Minutes?|Hours?|Days?|Nights?|Weeks?|Months?|Years?)")


@NAME_RULES.rule("title_shaped_like_a_duration", examples=[
    nx("In an interview with [48 Hours](DATE), she said the case was closed.", {"48 Hours": "WORK_OF_ART"}),
    nx("He watched [Sixty Minutes](DATE) on CBS.", {"Sixty Minutes": "WORK_OF_ART"}),
], negatives=[
    nx("Talks lasted [48 hours](DATE)."),
    nx("Shops close on [Labor Day](DATE) and on Election Day."),
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


__all__ = ["context_classes", "decide_from_context", "drop_capitalised_common_nouns", "np_head", "occurrence_cues", "titles_shaped_like_durations"]
