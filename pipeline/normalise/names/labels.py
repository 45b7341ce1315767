"""Document-level label rules: one label per name in an article (majority, a person's full name, organisation cues, sides in results, legal forms, scattered labels)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from pipeline.lexicon.names import COMPANY_LEGAL_FORMS
from pipeline.normalise.names.context import context_classes, decide_from_context
from pipeline.normalise.names.entities import clean_name, name_key, top
from pipeline.normalise.names.registry import NAME_RULES, applied, nx
from pipeline.recognise import Mention

#: labels that can be swapped for one another by document-level consistency
SWAPPABLE = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LANGUAGE"})
#: labels the model scatters an unfamiliar organisation's name over
SCATTER = frozenset({"ORG", "PRODUCT", "LOC", "GPE", "NORP", "PERSON", "FAC", "WORK_OF_ART", "LANGUAGE", "EVENT"})

_ORG_NOUNS = (
    r"organi[sz]ations?|non-?profits?|charit(?:y|ies)|compan(?:y|ies)|firms?|groups?|foundations?|agenc(?:y|ies)|"
    r"start-?ups?|corporations?|institutes?|associations?|unions?|banks?|ministr(?:y|ies)|universit(?:y|ies)|"
    r"part(?:y|ies)|councils?|committees?|boards?|networks?|brands?|retailers?|manufacturers?|publishers?|newspapers?"
)
#: "the nonprofit Thorn", "Thorn, the anti-trafficking organisation", "Thorn’s board"
_ORG_BEFORE = re.compile(rf"\b(?:{_ORG_NOUNS})\s*,?\s*$", re.IGNORECASE)
_ORG_AFTER = re.compile(rf"^(?:['’]s)?\s*(?:,\s*(?:the|a|an|which|that)\b[^.;:!?]{{0,60}}?\b(?:{_ORG_NOUNS})\b|(?:['’]s)\s+(?:board|staff|employees|website|mission|work|tools|ceo|chairman|founder)s?\b)", re.IGNORECASE)
_COMPETES_AFTER = re.compile(r"(?:[ \t]+\d{1,3}(?!\d|[.,:/-]\d)|[ \t]+(?:v|vs|v\.|vs\.|beat|beats|drew with)\s)")
_COMPETES_BEFORE = re.compile(r"\b(?:v|vs|v\.|vs\.|beat|beats|drew with)[ \t]+$")


def org_cue(text: str, m: Mention) -> bool:
    """True when an organisation noun stands next to the name ("the nonprofit Thorn")."""
    before = text[max(0, m.char_start - 40) : m.char_start]
    after = text[m.char_end : m.char_end + 80]
    return bool(_ORG_BEFORE.search(before) or _ORG_AFTER.match(after))


def competitor_cue(text: str, m: Mention) -> bool:
    """True when a name stands where results put a side: before a score or before/after "v", "beat"."""
    return bool(_COMPETES_AFTER.match(text, m.char_end) or _COMPETES_BEFORE.search(text[max(0, m.char_start - 12) : m.char_start]))


def company_key(key: str) -> bool:
    """True for the key of a company's legal name: it ends in a legal form ("… Inc", "… SpA", "… S.A.")."""
    words = key.split()
    return words[-1] in COMPANY_LEGAL_FORMS or (len(words) >= 3 and words[-2:] in (["s", "a"], ["n", "v"], ["b", "v"], ["s", "p"]))


class _Votes:
    """The labels each name (by key) gets in an article, and the cues around its mentions."""

    def __init__(self, mentions: list[Mention], text: str, fixed):
        self.votes: dict[str, Counter] = defaultdict(Counter)
        self.longest: dict[str, tuple[int, str]] = {}
        self.cues: Counter = Counter()
        self.competes: Counter = Counter()
        for m in mentions:
            if m.label not in SWAPPABLE or m.mention_id in fixed:
                continue
            key = name_key(clean_name(m.text, m.label))
            if not key:
                continue
            self.votes[key][m.label] += 1
            if text and org_cue(text, m):
                self.cues[key] += 1
            if text and competitor_cue(text, m):
                self.competes[key] += 1
            length = m.char_end - m.char_start
            if key not in self.longest or length > self.longest[key][0]:
                self.longest[key] = (length, m.label)
        self.context = context_classes(mentions, text) if text else {}
        #: one-word names the model calls persons most of the time ("Clinton")
        self.lone_persons = {k for k, c in self.votes.items() if " " not in k and top(c) == "PERSON"}
        self.person_words = set()
        for key, counts in self.votes.items():
            if " " in key and top(counts) == "PERSON" and not company_key(key):
                words = key.split()
                self.person_words.update((words[0], words[-1]))

    def decide(self, key: str, counts: Counter) -> tuple[str, str]:
        """The label of one name and the rule that decided it."""
        total = sum(counts.values())
        top = counts.most_common()
        best, why = top[0][0], "majority_label"
        if len(top) > 1 and top[0][1] == top[1][1]:
            best = self.longest[key][1]
        if " " not in key and key in self.person_words and best != "NORP":  # "Rwandan" of "Rwandan Kagame" stays a nationality
            best, why = "PERSON", "part_of_a_full_name"
        elif self.cues[key] and counts["PERSON"] * 2 < total:
            best, why = "ORG", "organisation_cue"
        elif best == "PERSON" and " " not in key and self.competes[key]:
            best, why = "ORG", "side_in_results"  # a one-word "person" no full name explains, scoring or beaten like a side: a team
        elif total >= 2 and top[0][1] < 0.6 * total and set(counts) <= SCATTER and len(counts) >= 2:
            best, why = "ORG", "scattered_labels"
        if why != "part_of_a_full_name":
            words = key.split()
            a_person = len(words) > 1 and words[-1] in self.lone_persons
            best, why = decide_from_context(best, self.context.get(key), a_person) or (best, why)
        if " " in key and company_key(key):
            best, why = "ORG", "legal_form"  # "Pirelli SpA", "Cofinec S.A.": a company, whatever the model said
        return best, why


@NAME_RULES.rule("majority_label", examples=[
    nx("[Thorn](ORG) said on Monday. [Thorn](PERSON) builds tools. Later [Thorn](ORG) hired staff.", {"Thorn": "ORG"}),
], negatives=[nx("[Thorn](ORG) said. [Thorn](ORG) builds tools.")])
def harmonise_labels(mentions: list[Mention], text: str = "", fixed: frozenset | set = frozenset()) -> None:
    """Give every mention of the same name in an article one label (in place).

    The article's majority label wins (ties: the label of the longest mention), except for the
    rules below (``part_of_a_full_name``, ``organisation_cue``, ``side_in_results``,
    ``scattered_labels``, ``class_from_context`` and ``not_a_person_by_context`` (:mod:`.context`),
    ``legal_form``, ``head_of_an_organisation_name``).  Mentions whose
    ``mention_id`` is in ``fixed`` (labels the layout decided) keep their label and do not vote.
    """
    votes = _Votes(mentions, text, fixed)
    decided: dict[str, tuple[str, str]] = {key: votes.decide(key, counts) for key, counts in votes.votes.items()}
    # a lone word that heads an organisation's name in the article ("Pirelli" of "Pirelli SpA") and
    # that no person's full name explains is that organisation
    org_heads = {key.split()[0] for key, (label, _) in decided.items() if " " in key and label == "ORG"}
    for key, (label, _) in decided.items():
        if label == "PERSON" and " " not in key and key not in votes.person_words and key in org_heads:
            decided[key] = ("ORG", "head_of_an_organisation_name")
    for m in mentions:
        if m.label not in SWAPPABLE or m.mention_id in fixed:
            continue
        key = name_key(clean_name(m.text, m.label))
        if key in decided:
            label, why = decided[key]
            if m.label != label:
                applied(why, m)
            m.label = label


NAME_RULES.add("part_of_a_full_name", harmonise_labels, examples=[
    nx("[Ashton Kutcher](PERSON) spoke in [Washington](GPE). [Kutcher](ORG) said the bill matters.", {"Kutcher": "PERSON"}),
], negatives=[nx("[Rwandan Kagame](PERSON) spoke. [Rwandan](NORP) troops crossed. [Rwandan](NORP) officials agreed.")])
NAME_RULES.add("organisation_cue", harmonise_labels, examples=[
    nx("The nonprofit [Thorn](PRODUCT) builds tools. [Thorn](PRODUCT) grew.", {"Thorn": "ORG"}),
], negatives=[nx("The nonprofit [Thorn](PERSON) builds tools.")])
NAME_RULES.add("side_in_results", harmonise_labels, genre="sports results", examples=[
    nx("[Surrey](PERSON) beat [Kent](PERSON) by an innings.", {"Surrey": "ORG", "Kent": "ORG"}),
], negatives=[nx("Captain [Alec Stewart](PERSON) praised [Stewart](PERSON)'s bowlers, and [Jones](PERSON) said so.")])
NAME_RULES.add("scattered_labels", harmonise_labels, examples=[
    nx("[Zubr](PERSON) rose. [Zubr](PRODUCT) fell. [Zubr](GPE) said.", {"Zubr": "ORG"}),
], negatives=[nx("[Zubr](PERSON) rose. [Zubr](PERSON) fell. [Zubr](GPE) said.")])
NAME_RULES.add("legal_form", harmonise_labels, genre="finance", examples=[
    nx("[Pirelli SpA](PERSON) announced a venture.", {"Pirelli SpA": "ORG"}),
], negatives=[nx("[Pirelli](PERSON) announced a venture.")])
NAME_RULES.add("head_of_an_organisation_name", harmonise_labels, genre="finance", examples=[
    nx("[Pirelli SpA](PERSON) announced a venture. [Pirelli](PERSON) shares rose.", {"Pirelli": "ORG"}),
], negatives=[nx("[Henry Ford](PERSON) founded [Ford Motor Co](ORG). [Ford](PERSON) said so.")])
