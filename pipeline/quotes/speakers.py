"""Who a source is: the words naming a speaker ("he", "the actor", "Mr. Kutcher") → an entity the
article names, by simple general means (overlap with a resolved mention, recency, the gender of a
pronoun against the person's given name or honorific, salience, surname against canonical names).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from pipeline.lexicon.names import GENDERED_HONORIFICS
from pipeline.quotes.syntax import PRONOUNS

#: labels a speaker can have
SPEAKER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
#: head nouns that name an organisation or an outlet ("the organization said", "the daily reported")
ORG_NOUNS = frozenset("""organization organisation company firm group campaign committee agency department ministry
nonprofit charity foundation network newspaper paper daily outlet magazine website site administration government
party team board office council commission bureau service union association institute center centre university
college school court panel police army military embassy bank corporation coalition alliance movement club station
channel publication tabloid broadcaster network caucus senate house congress parliament legislature white statement
study report poll survey analysis data review investigation audit letter""".split())
#: head nouns and words that name a man or a woman
MALE_WORDS = frozenset("he him his mr mr. sir lord king prince father son brother husband uncle nephew boy man "
                       "actor chairman spokesman congressman businessman grandfather dad".split())
FEMALE_WORDS = frozenset("she her hers mrs mrs. ms ms. miss madam dame lady queen princess mother daughter sister "
                         "wife aunt niece girl woman actress chairwoman spokeswoman congresswoman businesswoman "
                         "grandmother mom mum".split())
#: common given names in English-language countries, by the sex most of their bearers have: the
#: most frequent names given in the United States over the 20th century (a general list written from
#: that knowledge, not from any text the pipeline is measured on), and their common short forms
MALE_NAMES = frozenset("""james john robert michael william david richard joseph thomas charles christopher daniel
matthew anthony mark donald steven stephen paul andrew joshua kenneth kevin brian george timothy ronald edward jason
jeffrey ryan jacob gary nicholas eric jonathan larry justin scott brandon benjamin samuel gregory alexander frank
patrick raymond jack dennis jerry tyler aaron jose adam nathan henry douglas zachary peter kyle ethan walter noah
jeremy christian keith roger terry gerald harold sean austin carl arthur lawrence dylan jesse jordan bryan billy
joe bruce gabriel logan albert willie alan juan wayne elijah randy roy vincent ralph eugene russell bobby mason
philip louis harry howard fred craig todd dale glenn chris mike jim tom bill bob steve dan tony danny johnny jimmy
eddie ray ron don ken greg phil rick dave tim ted""".split())
FEMALE_NAMES = frozenset("""mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty
margaret sandra ashley kimberly emily donna michelle carol amanda dorothy melissa deborah stephanie rebecca sharon
laura cynthia kathleen amy angela shirley anna brenda pamela emma nicole helen samantha katherine christine debra
rachel carolyn janet catherine maria heather diane ruth julie olivia joyce virginia victoria kelly lauren christina
joan evelyn judith megan andrea cheryl hannah jacqueline martha gloria teresa ann anne sara madison frances kathryn
janice jean abigail alice judy sophia grace denise amber doris marilyn danielle beverly isabella theresa diana
natalie brittany charlotte marie kayla alexis lori jane kate susie sue""".split())

_HONORIFIC_BEFORE = re.compile(r"\b(" + "|".join(h.capitalize() for h in GENDERED_HONORIFICS) + r")\.?\s+$")
_WORD = re.compile(r"[A-Za-z][A-Za-z.'’-]*")
#: how far after a person's name a pronoun is taken to refer back to them (one clause or two)
PRONOUN_WINDOW = 160
_SENTENCE_END = re.compile(r"[.!?]\s|\n")
_THIRD_PERSON = re.compile(r"\b(?:he|him|his|she|her|hers)\b", re.IGNORECASE)
#: the pronouns among the sex-marking words (a word before a name is a title, never a pronoun there)
PRONOUN_WORDS = frozenset("he him his she her hers".split())


@dataclass
class Speaker:
    """An entity a source resolves to."""

    entity_id: str
    name: str
    label: str


class SpeakerIndex:
    """The article's named speakers (resolved mentions), ready for look-ups by position."""

    def __init__(self, text: str, mentions: list[dict]):
        self.text = text
        self.mentions = sorted((m for m in mentions if m.get("entity_id") and m.get("label") in SPEAKER_LABELS),
                               key=lambda m: m["char_start"])
        self.starts = [m["char_start"] for m in self.mentions]
        self.count: dict[str, int] = {}
        self.gender: dict[str, str | None] = {}
        votes: dict[str, list[str]] = {}
        for m in self.mentions:
            eid = m["entity_id"]
            self.count[eid] = self.count.get(eid, 0) + 1
            if m["label"] != "PERSON":
                continue
            h = _HONORIFIC_BEFORE.search(text, max(0, m["char_start"] - 6), m["char_start"])
            if h:
                votes.setdefault(eid, []).append(GENDERED_HONORIFICS[h.group(1).lower()])
            given = (m.get("name") or m["text"]).split()[0].lower()
            if given in MALE_NAMES:
                votes.setdefault(eid, []).append("m")
            elif given in FEMALE_NAMES:
                votes.setdefault(eid, []).append("f")
        self._pronoun_votes(votes)
        for eid, v in votes.items():
            m_, f_ = v.count("m"), v.count("f")
            self.gender[eid] = "m" if m_ > f_ else "f" if f_ > m_ else None

    def _pronoun_votes(self, votes: dict[str, list[str]]) -> None:
        """How the article itself refers to each person: the first he/him/his or she/her after a
        mention of the person, in the same sentence and before any other person is named, and a
        word right before the name that says the sex ("actress Jane Doe", "her husband John")."""
        people = [m for m in self.mentions if m["label"] == "PERSON"]
        for k, m in enumerate(people):
            end = people[k + 1]["char_start"] if k + 1 < len(people) else len(self.text)
            window = self.text[m["char_end"]:min(end, m["char_end"] + PRONOUN_WINDOW)]
            window = _SENTENCE_END.split(window, maxsplit=1)[0]
            pronoun = _THIRD_PERSON.search(window)
            if pronoun:
                votes.setdefault(m["entity_id"], []).append("m" if pronoun.group(0).lower() in ("he", "him", "his") else "f")
            before = _WORD.findall(self.text[max(0, m["char_start"] - 20):m["char_start"]])
            word = before[-1].lower() if before else ""
            if word in MALE_WORDS - PRONOUN_WORDS or word in FEMALE_WORDS - PRONOUN_WORDS:
                votes.setdefault(m["entity_id"], []).append("m" if word in MALE_WORDS else "f")

    def _speaker(self, m: dict) -> Speaker:
        return Speaker(m["entity_id"], m.get("name") or m["text"], m["label"])

    def overlapping(self, start: int, end: int, head: tuple[int, int] | None = None) -> Speaker | None:
        """The mention inside the source span (the one holding its head word first)."""
        i = bisect.bisect_left(self.starts, start - 200)
        found = [m for m in self.mentions[i:] if m["char_start"] < end and m["char_end"] > start]
        if not found:
            return None
        if head:
            at_head = [m for m in found if m["char_start"] < head[1] and m["char_end"] > head[0]]
            if at_head:
                return self._speaker(at_head[-1])
        people = [m for m in found if m["label"] in ("PERSON", "ORG")]
        return self._speaker((people or found)[-1])

    def before(self, pos: int, labels: frozenset, gender: str | None = None, window: int = 3000) -> list[dict]:
        """Mentions with one of ``labels`` before ``pos`` (nearest first), gender-compatible."""
        i = bisect.bisect_left(self.starts, pos)
        out = []
        for m in reversed(self.mentions[:i]):
            if pos - m["char_end"] > window:
                break
            if m["label"] not in labels or m["char_end"] > pos:
                continue
            g = self.gender.get(m["entity_id"])
            if gender in ("m", "f") and g not in (None, gender):
                continue
            out.append(m)
        return out

    def resolve(self, source: tuple[int, int] | None, head: tuple[int, int] | None) -> Speaker | None:
        """The entity the source words refer to, or ``None`` when it cannot be told."""
        if source is None:
            return None
        named = self.overlapping(source[0], source[1], head)
        if named is not None:
            return named
        words = [w.lower().rstrip(".") for w in _WORD.findall(self.text[source[0]:source[1]])]
        head_word = self.text[head[0]:head[1]].lower() if head else (words[-1] if words else "")
        if not words:
            return None
        if head_word in PRONOUNS:
            gender, number = PRONOUNS[head_word]
            if head_word in ("i", "we", "you", "who", "that", "which"):
                return None
            if head_word in ("it", "its"):
                cands = self.before(source[0], frozenset({"ORG", "GPE", "NORP"}))
            elif number == "pl":
                cands = self.before(source[0], frozenset({"ORG", "NORP", "GPE"}), window=1200)
            else:
                cands = self._prefer_gender(self.before(source[0], frozenset({"PERSON"}), gender), gender)
            return self._speaker(cands[0]) if cands else None
        surname = self._by_surname(words)
        if surname is not None:
            return surname
        if head_word in ORG_NOUNS:
            cands = self.before(source[0], frozenset({"ORG"}))
            return self._speaker(max(cands[:6], key=lambda m: self.count[m["entity_id"]])) if cands else None
        gender = "m" if head_word in MALE_WORDS else "f" if head_word in FEMALE_WORDS else None
        if head_word in ("couple", "pair", "duo", "both", "two", "people", "men", "women") or (
                head_word.endswith("s") and not head_word.endswith("ss") and head_word.islower()):
            return None  # a plural description names a group the article does not name
        cands = self.before(source[0], frozenset({"PERSON"}), gender)
        if not cands:
            return None
        # a description ("the actor") names a person the story is about: the most mentioned of the
        # last few persons named
        return self._speaker(max(cands[:4], key=lambda m: self.count[m["entity_id"]]))

    def _prefer_gender(self, cands: list[dict], gender: str | None, among: int = 3) -> list[dict]:
        """Among the nearest ``among`` persons, one whose gender is known to match goes first."""
        if gender not in ("m", "f"):
            return cands
        seen: list[str] = []
        for m in cands:
            if m["entity_id"] not in seen:
                seen.append(m["entity_id"])
            if len(seen) > among:
                break
            if self.gender.get(m["entity_id"]) == gender:
                return [m] + [c for c in cands if c is not m]
        return cands

    def _by_surname(self, words: list[str]) -> Speaker | None:
        """A capitalised word of the source that is the last word of one person's canonical name."""
        caps = [w for w in _WORD.findall(" ".join(words)) if w]
        if not caps:
            return None
        last = caps[-1]
        hits = {m["entity_id"]: m for m in self.mentions
                if m["label"] == "PERSON" and (m.get("name") or "").lower().split()[-1:] == [last]}
        return self._speaker(next(iter(hits.values()))) if len(hits) == 1 else None
