"""Layout rules of wire copy and results pages: datelines, topic slugs, result lines, standings rows, competitors with their country, lists of people, bracketed abbreviations."""

from __future__ import annotations

import re

from pipeline.lexicon.names import MINOR_WORDS
from pipeline.normalise.names.blocks import ReadBlock, Spans, new_mention, read_block, read_blocks, template_for
from pipeline.normalise.names.entities import ENTITY_LABELS
from pipeline.normalise.names.labels import SCATTER
from pipeline.normalise.names.registry import NAME_RULES, applied, nx
from pipeline.normalise.names.spans import GIVEN_AND_FAMILY, ORG_WORD
from pipeline.recognise import Mention, SentenceIndex

_DATELINE_PLACE = re.compile(r"[A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+)*(?=\s*(?:,|\(|\d|-|—|$))")
_SCORE_NAME = r"[A-Z][\w.'&*-]*(?: (?:[A-Z(][\w.'&()*-]*|de|da|do|del|der|di|van|von|la|le))*"
#: a row of a standings table: a name at the start of a line followed by three or more figures
_TABLE_ROW = re.compile(rf"^[ \t]*(?P<a>{_SCORE_NAME})(?:[ \t]+[-+]?\.?\d[\d.:/-]*)(?:[ \t]+(?:[-+]?\.?\d[\d.:/-]*|-)){{2,}}[ \t]*$", re.MULTILINE)
#: a result line of a team sport: "Palmeiras 3 Vasco da Gama 1", "Lotte 6 Hyundai 2"
_SCORE_LINE = re.compile(rf"^[ \t]*(?P<a>{_SCORE_NAME}) (?P<sa>\d{{1,3}}) (?P<b>{_SCORE_NAME}) (?P<sb>\d{{1,3}})[ \t]*$", re.MULTILINE)
_HAS_LOWER_WORD = re.compile(r"(?<![\w'])[a-z]")
#: a wire story's topic slug heading its first line: "SOCCER - …", "RUGBY UNION - …", "UPDATE 2 - …"
SLUG = re.compile(r"\s*([A-Z][A-Z&'.]*(?: [A-Z0-9][A-Z0-9&'.]*){0,2})[ \t]+[-–—][ \t]+\S")
#: an abbreviation in brackets right after a name: "Kurdistan Democratic Party ( KDP )"
_PAREN_ACRONYM = re.compile(r"[ \t]*\([ \t]*([A-Z][A-Za-z&]*[A-Z](?:-[A-Z]+)?)[ \t]*\)")
_ACRONYM_SOURCES = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC", "EVENT", "LAW", "PRODUCT"})
_WORD_SPLIT = re.compile(r"[\s-]+")
_NAME_BEFORE_BRACKET = re.compile(r"(?<![\w'.-])(" + GIVEN_AND_FAMILY.pattern + r")(?=[ \t]*\()")
#: a place in brackets right after a name: "Naoko Kijimuta ( Japan )"
_PAREN_PLACE = re.compile(r"[ \t]*\([ \t]*([^()\n]{2,40}?)[ \t]*\)")
_LIST_ITEM = re.compile(r"[^,;\n]+")
_ITEM_NAME = re.compile(r"(?:\d{1,3}\s*[-.]\s*)?(" + GIVEN_AND_FAMILY.pattern + r")(?:\s*\([^()]*\))?\s*")
_NOT_PERSON_LABELS = frozenset({"ORG", "GPE", "LOC", "FAC"})


def abbreviates(short: str, long: str) -> bool:
    """True when ``short`` is an abbreviation of ``long``: it starts with the initial of its first
    word and its capitals are taken, in order, from the initials of its words or capitals inside a
    word (words may be skipped, but not most of them) ("Kurdistan Democratic Party" → KDP, "Federal Open Market
    Committee" → FOMC, "Organisation for Security and Co-operation in Europe" → OSCE)."""
    letters = [c for c in short if c.isupper()]
    words = [w for w in _WORD_SPLIT.split(long) if w]
    if len(letters) < 2 or len(words) < 2 or not words[0][:1].isupper() or letters[0] != words[0][0].upper():
        return False
    i = 0
    for w in words:
        if i < len(letters) and w[:1].upper() == letters[i]:
            i += 1
            # a word may give more than one letter ("Co-operation" → "C", "NatWest" → "NW")
            for c in w[1:]:
                if i < len(letters) and c.isupper() and c == letters[i]:
                    i += 1
    majors = sum(1 for w in words if w.lower() not in MINOR_WORDS)
    return i == len(letters) and majors <= 2 * len(letters)


class _Layout:
    """The layout rules over one article: each method is a rule; :meth:`place` is their one
    relabel-or-add step."""

    def __init__(self, mentions: list[Mention], text: str, blocks, sentences: SentenceIndex | None):
        self.mentions, self.text, self.sentences = mentions, text, sentences
        self.article_id = mentions[0].article_id
        self.ner_blocks = read_blocks(blocks, mentions)
        self.occupied = Spans((m.char_start, m.char_end) for m in mentions if m.label in ENTITY_LABELS or m.label in ("DATE", "TIME"))
        self.added: list[Mention] = []
        self.fixed: set[str] = set()

    def place(self, rule: str, block: ReadBlock, s: int, e: int, label: str, relabel=lambda m: True,
              may_add: bool = True, template: Mention | None = None, pool: list[Mention] | None = None) -> None:
        """The name mentions of ``pool`` exactly at ``text[s:e]`` get ``label`` (those ``relabel``
        accepts); with none there and the span free, a ``rule`` mention with ``label`` is added."""
        pool = self.mentions if pool is None else pool
        exact = [m for m in pool if (m.char_start, m.char_end) == (s, e) and m.label in ENTITY_LABELS]
        for m in exact:
            if relabel(m):
                if m.label != label:
                    applied(rule, m)
                m.label = label
        if not exact and may_add and self.occupied.is_free(s, e):
            tpl = template if template is not None else template_for(pool, block, s)
            m = new_mention(tpl, block, s, e, label, "rule", self.text, self.article_id, self.sentences)
            applied(rule, m)
            self.added.append(m)
            self.occupied.add((s, e))

    def caps_place_in_dateline(self) -> None:
        """An all-capitals name in a dateline ("AMSTERDAM 1996-08-28") is a place, and its label is fixed."""
        for m in self.mentions:
            if m.segment_kind == "dateline" and m.label in SCATTER and m.label != "GPE":
                if m.text.isupper() and len(m.text) >= 2:
                    m.label = "GPE"
                    applied("caps_place_in_dateline", m)
                    self.fixed.add(m.mention_id)

    def dateline_place(self) -> None:
        """A dateline where the model found no place: the capitalised run at its start is one."""
        for b in self.ner_blocks:
            if b.kind != "dateline":
                continue
            mt = _DATELINE_PLACE.match(self.text, b.start, b.end)
            if mt and mt.end() - mt.start() >= 3 and self.occupied.is_free(mt.start(), mt.end()):
                tpl = template_for(self.mentions, b, mt.start())
                m = new_mention(tpl, b, mt.start(), mt.end(), "GPE", "rule", self.text, self.article_id, self.sentences)
                applied("dateline_place", m)
                self.added.append(m)
                self.occupied.add((mt.start(), mt.end()))

    def score_lines(self) -> None:
        """A result line ("Lotte 6 Hyundai 2": a name, a score, a name, a score) names two teams."""
        for line in _SCORE_LINE.finditer(self.text):
            block = read_block(self.ner_blocks, line.start("a"), line.end("b"))
            if block is not None:
                for g in ("a", "b"):
                    self.place("score_line", block, line.start(g), line.end(g), "ORG")

    def wire_slug(self) -> None:
        """The topic slug of a wire headline ("SOCCER - JAPAN GET LUCKY WIN") is no name, unless a place."""
        slug = SLUG.match(self.text)
        if slug:
            s, e = slug.span(1)
            kept = [m for m in self.mentions if not (m.char_start == s and m.char_end == e and m.label in ENTITY_LABELS
                                                    and m.label not in ("GPE", "LOC"))]
            if len(kept) < len(self.mentions):
                applied("wire_slug")
            self.mentions[:] = kept

    def bracketed_abbreviations(self) -> None:
        """An abbreviation in brackets after a name ("Kurdistan Democratic Party ( KDP )") is that name."""
        for m in list(self.mentions):
            if m.label not in _ACRONYM_SOURCES or m.mention_id in self.fixed:
                continue
            paren = _PAREN_ACRONYM.match(self.text, m.char_end)
            if paren and abbreviates(paren.group(1), m.text):
                block = read_block(self.ner_blocks, *paren.span(1))
                if block is not None:
                    self.place("bracketed_abbreviation", block, *paren.span(1), m.label, template=m)

    def competitors_before_a_place(self) -> None:
        """A given-and-family-shaped name before a place in brackets ("Naoko Kijimuta ( Japan )") is a
        competitor with their country: a person (relabelled, or added where the model found none)."""
        places = {(m.char_start, m.char_end) for m in self.mentions if m.label in ("GPE", "NORP", "LOC")}
        for m in self.mentions:
            if m.label in ("ORG", "GPE") and GIVEN_AND_FAMILY.fullmatch(m.text) and not ORG_WORD.search(m.text):
                paren = _PAREN_PLACE.match(self.text, m.char_end)
                if paren and paren.span(1) in places:
                    m.label = "PERSON"
                    applied("competitor_before_a_place", m)
        for run in _NAME_BEFORE_BRACKET.finditer(self.text):
            paren = _PAREN_PLACE.match(self.text, run.end(1))
            block = read_block(self.ner_blocks, *run.span(1))
            if paren and paren.span(1) in places and not ORG_WORD.search(run.group(1)) and block is not None:
                self.place("competitor_before_a_place", block, *run.span(1), "PERSON", relabel=lambda m: False)

    def standings_rows(self) -> None:
        """The head of a standings row (a name, then three or more figures to the end of the line) is a
        team, unless the model calls it a person with a full name (golf cards, batting averages)."""
        for row in _TABLE_ROW.finditer(self.text):
            s, e = row.start("a"), row.end("a")
            block = read_block(self.ner_blocks, s, row.end())
            if block is not None:
                self.place("standings_row", block, s, e, "ORG",
                           relabel=lambda m: not (m.label == "PERSON" and " " in m.text.strip()),
                           may_add=not _HAS_LOWER_WORD.search(self.text, s, e))

    def lists_of_people(self) -> None:
        """In a list of people on one line ("Mike Hulbert , Brian Henninger , Tiger Woods"), an item
        shaped like a given and a family name is a person too (added, or relabelled from
        ORG/GPE/LOC/FAC) when most of the list's name-shaped items are persons the model found."""
        pool = self.mentions + self.added
        persons = {(m.char_start, m.char_end) for m in pool if m.label == "PERSON"}
        for b in self.ner_blocks:
            line = self.text[b.start : b.end]
            if line.count(",") + line.count(";") < 2:
                continue
            shaped = []
            for item in _LIST_ITEM.finditer(self.text, b.start, b.end):
                name = _ITEM_NAME.fullmatch(item.group().strip())
                if name:
                    lead = len(item.group()) - len(item.group().lstrip())
                    s = item.start() + lead + name.start(1)
                    shaped.append((s, s + len(name.group(1))))
            found = [sp for sp in shaped if sp in persons]
            if len(shaped) < 3 or len(found) < 2 or len(found) * 3 < len(shaped) * 2:
                continue
            for s, e in shaped:
                if (s, e) not in persons and not ORG_WORD.search(self.text, s, e):
                    self.place("list_of_people", b, s, e, "PERSON", relabel=lambda m: m.label in _NOT_PERSON_LABELS,
                               pool=pool)


def layout_labels(mentions: list[Mention], text: str, blocks, sentences: SentenceIndex | None = None) -> set[str]:
    """Labels (and missing mentions) that the layout of news copy decides (in place), by the
    rules of :class:`_Layout` in this order: capitals in a dateline, the dateline's place, result
    lines, the wire slug, bracketed abbreviations, competitors before a place, standings rows,
    lists of people.  ``blocks`` are the article's ``segments`` rows (None: the blocks the
    mentions show).

    Returns the ``mention_id`` of the dateline mentions: their label is fixed (a team in a result
    line, by contrast, votes like any other mention, so that the team is ORG in the whole story).
    """
    if not text or not mentions:
        return set()
    layout = _Layout(mentions, text, blocks, sentences)
    layout.caps_place_in_dateline()
    if blocks is not None:
        layout.dateline_place()
    layout.score_lines()
    layout.wire_slug()
    layout.bracketed_abbreviations()
    layout.competitors_before_a_place()
    layout.standings_rows()
    layout.lists_of_people()
    mentions.extend(layout.added)
    return layout.fixed


_WIRE = ("dateline", "body")
NAME_RULES.add("caps_place_in_dateline", _Layout.caps_place_in_dateline, genre="wire", examples=[
    nx("[AMSTERDAM](ORG) 1996-08-28\nAjax beat the champions.", {"AMSTERDAM": "GPE"}, kinds=_WIRE),
], negatives=[nx("[Amsterdam](ORG) 1996-08-28\nAjax beat the champions.", kinds=_WIRE)])
NAME_RULES.add("dateline_place", _Layout.dateline_place, genre="wire", examples=[
    nx("SAN MATEO , Calif.\n[Oracle](ORG) said so.", {"SAN MATEO": "GPE"}, kinds=_WIRE),
], negatives=[nx("[SAN MATEO](GPE) , Calif.\n[Oracle](ORG) said so.", kinds=_WIRE)])
NAME_RULES.add("score_line", _Layout.score_lines, genre="sports results", examples=[
    nx("Ajax beat the champions.\n[Lotte](GPE) 6 Hyundai 2", {"Lotte": "ORG", "Hyundai": "ORG"}),
], negatives=[nx("[Lotte](ORG) 6 [Hyundai](ORG) 2")])
NAME_RULES.add("wire_slug", _Layout.wire_slug, genre="wire", examples=[
    nx("[SOCCER](ORG) - JAPAN GET LUCKY WIN .\nTOKYO 1996-12-06", {"SOCCER": None}),
], negatives=[nx("[CHINA](GPE) - Beijing says talks will resume .")])
NAME_RULES.add("bracketed_abbreviation", _Layout.bracketed_abbreviations, genre="wire", examples=[
    nx("[Kurdistan Democratic Party](ORG) ( KDP ) forces took the city.", {"KDP": "ORG"}),
], negatives=[nx("[Apple Inc](ORG) (IBM) was not involved.")])
NAME_RULES.add("competitor_before_a_place", _Layout.competitors_before_a_place, genre="sports results", examples=[
    nx("4. [Leah Pells](ORG) ( [Canada](GPE) ) 4:09.95", {"Leah Pells": "PERSON"}),
    nx("Pete Sampras ( [U.S.](GPE) ) beat Jiri Novak ( [Czech Republic](GPE) ) 6-3", {"Pete Sampras": "PERSON"}),
], negatives=[nx("[Siemens AG](ORG) ( [Germany](GPE) ) won the contract.")])
NAME_RULES.add("standings_row", _Layout.standings_rows, genre="sports results", examples=[
    nx("Standings after Sunday's games:\n[NEW YORK](GPE) 59 76 .437 25 1/2\nPortland 4 1 1 2 5 10 4",
       {"NEW YORK": "ORG", "Portland": "ORG"}),
], negatives=[nx("Leading scorers after three rounds:\n[Iain Pyman](PERSON) 71 75 75")])
NAME_RULES.add("list_of_people", _Layout.lists_of_people, genre="sports results", examples=[
    nx("[Mike Hulbert](PERSON) , Brian Henninger , [Tiger Woods](PERSON) , [Steve Jurgenson](ORG) , [Jim Furyk](PERSON) , [Tom Lehman](PERSON)",
       {"Brian Henninger": "PERSON", "Steve Jurgenson": "PERSON"}),
], negatives=[nx("Sponsors : Acme Corp , [Blue Sky](PERSON) , Green Field")])
