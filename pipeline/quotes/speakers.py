"""Who a source is: the words naming a speaker ("he", "the actor", "Mr. Kutcher") → an entity the
article names, by simple general means (overlap with a resolved mention, recency, the gender of a
pronoun against the person's given name or honorific, salience, surname against canonical names).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

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
#: common English given names, by the sex most of their bearers have (written for this module:
#: a small list of frequent names, enough to tell "he" from "she" between two people)
MALE_NAMES = frozenset("""aaron adam alan albert alex alexander andrew anthony arthur ashton barack ben benjamin bernard
bernie bill billy bob brad bradley brandon brian bruce bryan carl carlos charles charlie chris christopher chuck colin
craig dan daniel danny david dennis derek don donald doug douglas dylan ed eddie edward eric ernie ethan evan frank
fred gary george gerald glenn greg gregory harold harry henry howard ian jack jacob jake james jason jeb jeff jeffrey
jeremy jerry jesse jim jimmy joe joel john johnny jon jonathan jordan jose joseph josh joshua juan justin keith ken
kenneth kevin kyle larry lawrence leonard lindsey louis luke marco mark martin matt matthew michael mike mitch
mitt nathan neil nicholas nick newt omar patrick paul peter phil philip ralph randy ray raymond reince richard rick
rob robert roger ron ronald roy rudy russell ryan sam samuel scott sean sergei seth stephen steve steven ted terry
thomas tim timothy todd tom tony travis trey vladimir walter wayne william willie xi""".split())
FEMALE_NAMES = frozenset("""abigail alice alicia amanda amy ana andrea angela ann anna anne barbara betty beverly
brenda carly carol caroline catherine cheryl christina christine cindy claire cynthia dana deborah debbie demi denise
diana diane donna dorothy elizabeth ellen emily emma eva evelyn frances gloria grace hannah heather helen hillary
hope huma ivanka jackie jacqueline jane janet janice jean jennifer jessica jill joan joanne joyce judith judy julia
julie karen kate katherine kathleen kathy kellyanne kelly kim kimberly laura lauren linda lisa lois lori louise
madeleine margaret maria marie marilyn martha mary megan melania melissa michelle mila monica nancy natalie nicole
nikki olivia pamela patricia paula rachel rebecca rose ruth sandra sara sarah sharon shirley stephanie susan
tammy teresa theresa tiffany tulsi victoria virginia wendy""".split())

_HONORIFIC_BEFORE = re.compile(r"\b(Mr|Mrs|Ms|Miss|Sir|Dame|Lady|Lord)\.?\s+$")
_WORD = re.compile(r"[A-Za-z][A-Za-z.'’-]*")


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
                votes.setdefault(eid, []).append("f" if h.group(1).lower() in ("mrs", "ms", "miss", "dame", "lady") else "m")
            given = (m.get("name") or m["text"]).split()[0].lower()
            if given in MALE_NAMES:
                votes.setdefault(eid, []).append("m")
            elif given in FEMALE_NAMES:
                votes.setdefault(eid, []).append("f")
        for eid, v in votes.items():
            m_, f_ = v.count("m"), v.count("f")
            self.gender[eid] = "m" if m_ > f_ else "f" if f_ > m_ else None

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
