"""Photo credits and captions of scraped pages: "(Name/Agency)", "Photo by Name/Agency for Client", "AP Photo/Name", "Image via YouTube" name a person and the organisations both.

The model reads a credit as running text and keeps half of it ("Mario Anzuoni/" as a person, the
agency lost) or, in a credit line the model does not read, nothing.  The shape of a credit says
more than the model: the two sides of the slash are a photographer and an agency (in either
order: "Name/Getty Images", "REUTERS/Name", "AP Photo/Name"), "for X" names the client, "via X"
and "courtesy of X" the source.  Which side is the agency: the one that is a known picture agency
(:data:`~pipeline.lexicon.names.PICTURE_AGENCIES`) or carries an agency word ("Images", "Photo",
"Press"…); with neither, the common "Name/Agency" order.  A side is a person only when it is
shaped like a personal name (two to four capitalised words or initials).

Credits are found in the blocks the model reads and in ``credit`` blocks (which it does not); the
labels they give are fixed (they do not vote in the article's labels and are not changed by them).
"""

from __future__ import annotations

import re

from pipeline.lexicon.names import CREDIT_NON_NAMES, PICTURE_AGENCIES
from pipeline.normalise.names.blocks import ReadBlock, is_free, new_mention, read_blocks, template_for
from pipeline.normalise.names.entities import ENTITY_LABELS
from pipeline.normalise.names.registry import NAME_RULES, applied, nx
from pipeline.normalise.names.spans import edge_punctuation_off
from pipeline.recognise import Mention, SentenceIndex

#: one side of a credit: capitalised words, initials, particles ("Alberto E. Rodriguez", "Getty Images")
_SIDE = r"[A-Z][\w.'’&-]*(?:[ \t]+(?:[A-Z][\w.'’&-]*|de|da|van|von|der|del|la|le|di))*"
_SIDE_RE = re.compile(_SIDE)
#: a slash credit: "Name/Agency", "Agency/Name", optionally "for Client"
_PAIR = rf"(?P<a>{_SIDE})[ \t]*/[ \t]*(?P<b>{_SIDE})(?:[ \t]+(?:for|via)[ \t]+(?P<c>{_SIDE}))?"
#: a credit in brackets anywhere in a block, or a credit line ("Photo by …", "Photo: …")
_INTRO = r"(?:(?:Photo(?:graph)?s?|Images?|Pictures?|Pic|Credit|Video|Illustration)[ \t]*(?:by|:|credit:?|©)?[ \t]*)"
_BRACKETED = re.compile(rf"\([ \t]*{_INTRO}?{_PAIR}(?:[ \t]*,[ \t]*File)?[ \t]*\)")
_LINE = re.compile(rf"^[ \t]*{_INTRO}{_PAIR}", re.MULTILINE)
#: a slash credit closing a caption after its last sentence ("… May 5, 2020. REUTERS/Kevin Lamarque")
_END = re.compile(rf"(?<=[.!?”\"])[ \t]+{_PAIR}[ \t]*$", re.MULTILINE)
#: "Image via YouTube", "Photo courtesy of the Smith family", "Photo by Anna Lee" (no slash)
_SOURCE = re.compile(rf"(?:^|\()[ \t]*(?:Photo(?:graph)?s?|Images?|Pictures?|Video|Screenshot|Screengrab|Footage)[ \t]+"
                     rf"(?P<how>via|courtesy(?:[ \t]+of)?|from|by)[ \t]+(?P<a>{_SIDE})(?:[ \t]+for[ \t]+(?P<c>{_SIDE}))?",
                     re.MULTILINE)
_AGENCIES = frozenset(a.casefold() for a in PICTURE_AGENCIES)
#: words that make a credit's side an agency, not a person
_AGENCY_WORD = re.compile(r"\b(?:Images|Photos?|Pictures|Press|News|Agency|Wire|Media|Stock|Archive|Studios?|"
                          r"Network|Inc|Ltd|LLC|Co|Corp|TV|Channel|Magazine|Times|Post)\b")
#: a personal name: two to four capitalised words or initials ("Anna Webber", "Alberto E. Rodriguez")
_PERSON_SHAPE = re.compile(r"(?:[A-Z][a-zà-ÿ'’-]+|[A-Z]\.)(?:[ \t]+(?:[A-Z][a-zà-ÿ'’-]+|[A-Z]\.|de|da|van|von|der|del|la|le|di)){1,3}")
_PHOTO_SUFFIX = re.compile(r"[ \t]+Photos?$")

Part = tuple[int, int, str]  # start, end, label


def _is_agency(name: str) -> bool:
    return name.casefold() in _AGENCIES or bool(_AGENCY_WORD.search(name))


def _side(text: str, start: int, end: int, label: str) -> list[Part]:
    """One side of a credit as a name part with ``label`` (none for "Handout", "Pool", "File"…);
    an agency side loses a trailing "Photo" ("AP Photo" → "AP")."""
    start, end = edge_punctuation_off(text, start, end, label)
    name = text[start:end]
    suffix = _PHOTO_SUFFIX.search(name)
    if suffix and label == "ORG" and suffix.start() > 0:
        end = start + suffix.start()
        name = text[start:end]
    if name.casefold() in CREDIT_NON_NAMES or not name.strip():
        return []
    return [(start, end, label)]


def pair_parts(text: str, m: re.Match) -> list[Part]:
    """The names a slash credit gives: the photographer (PERSON), the agency and the client (ORG)."""
    a, b = m.group("a"), m.group("b")
    a_agency, b_agency = _is_agency(a), _is_agency(b)
    if a_agency and not b_agency:
        photographer, agency = "b", "a"
    elif b_agency and not a_agency:
        photographer, agency = "a", "b"
    elif a_agency and b_agency:
        photographer, agency = None, None
    else:
        photographer, agency = "a", "b"  # "Name/Agency" is the usual order
    parts: list[Part] = []
    for g in ("a", "b"):
        s, e = m.span(g)
        if g == photographer and not _PERSON_SHAPE.fullmatch(m.group(g)):
            label = "ORG" if _is_agency(m.group(g)) else None
        else:
            label = "PERSON" if g == photographer else "ORG"
        if g == agency or photographer is None:
            label = "ORG"
        if label:
            parts.extend(_side(text, s, e, label))
    if m.group("c"):
        parts.extend(_side(text, *m.span("c"), "ORG"))
    return parts


def source_parts(text: str, m: re.Match) -> list[Part]:
    """The names of "Image via YouTube" (ORG), "Photo courtesy of Name" and "Photo by Name" (a person
    when shaped like one, else ORG), with "for Client" (ORG)."""
    name = m.group("a")
    if m.group("how") == "via" or _is_agency(name) or not _PERSON_SHAPE.fullmatch(name):
        label = "ORG"
    else:
        label = "PERSON"
    parts = _side(text, *m.span("a"), label)
    if m.group("c"):
        parts.extend(_side(text, *m.span("c"), "ORG"))
    return parts


def credit_parts(text: str, start: int, end: int) -> list[Part]:
    """Every name part of the credits in ``text[start:end]`` (one block)."""
    parts: list[Part] = []
    taken: list[tuple[int, int]] = []
    for pattern, read in ((_BRACKETED, pair_parts), (_LINE, pair_parts), (_END, pair_parts), (_SOURCE, source_parts)):
        for m in pattern.finditer(text, start, end):
            if is_free(taken, *m.span()):
                taken.append(m.span())
                parts.extend(read(text, m))
    return sorted(parts)


def _credit_blocks(blocks, mentions: list[Mention]) -> list[ReadBlock]:
    """The blocks the model read, and the ``credit`` blocks (read by no one else)."""
    out = read_blocks(blocks, mentions)
    if blocks is not None:
        out += [ReadBlock(b["char_start"], b["char_end"], b["segment_id"], b["kind"]) for b in blocks if b["kind"] == "credit"]
    return sorted(out)


@NAME_RULES.rule("photo_credit", genre="web", examples=[
    nx("Fans wait outside the court in [Leeds](GPE). (Tom Hale/Reuters)", {"Tom Hale": "PERSON", "Reuters": "ORG"}),
    nx("Crowds at the parade. ([Ray Lopez/](PERSON)AFP via Getty Images)", {"Ray Lopez": "PERSON", "AFP": "ORG", "Getty Images": "ORG"}),
    nx("A man walks past the bank in [Frankfurt](GPE), May 5, 2021. REUTERS/Kai Brandt", {"REUTERS": "ORG", "Kai Brandt": "PERSON"}),
    nx("Photo by Nina Park/Getty Images for Vogue\nThe show opened in [Paris](GPE).", {"Nina Park": "PERSON", "Getty Images": "ORG", "Vogue": "ORG"},
       kinds=("credit", "body")),
    nx("Senator [Ann Lee](PERSON) speaks. (AP Photo/Evan Lund, File)", {"AP": "ORG", "Evan Lund": "PERSON"}),
    nx("Image via YouTube.\nThe clip of [Tom Ray](PERSON) spread.", {"YouTube": "ORG"}, kinds=("credit", "body")),
], negatives=[nx("Sales rose 5% in the third quarter (year on year)."), nx("He studied at [Smith/Jones](ORG) college and/or elsewhere.")])
def credit_labels(mentions: list[Mention], text: str, blocks, sentences: SentenceIndex | None = None) -> set[str]:
    """Photo credits read by their shape (module docstring): each name part gets its label (a
    mention there is relabelled; one that overlaps it without matching it is replaced; with none, one
    is added).  Returns the ids of the credit mentions (their labels are fixed)."""
    if not text:
        return set()
    fixed: set[str] = set()
    added: list[Mention] = []
    article_id = mentions[0].article_id if mentions else None
    for block in _credit_blocks(blocks, mentions):
        parts = credit_parts(text, block.start, block.end)
        if not parts or article_id is None:
            continue
        for s, e, label in parts:
            same = [m for m in mentions if (m.char_start, m.char_end) == (s, e) and m.label in ENTITY_LABELS]
            overlapping = [m for m in mentions if m.char_start < e and s < m.char_end and m not in same
                           and m.label in ENTITY_LABELS]
            if overlapping:
                mentions[:] = [m for m in mentions if m not in overlapping]
            for m in same:
                if m.label != label:
                    applied("photo_credit", m)
                m.label = label
                fixed.add(m.mention_id)
            occupied = [(m.char_start, m.char_end) for m in mentions + added]
            if not same and is_free(occupied, s, e):
                tpl = template_for(mentions, block, s)
                m = new_mention(tpl, block, s, e, label, "rule", text, article_id, sentences)
                applied("photo_credit", m)
                added.append(m)
                fixed.add(m.mention_id)
    mentions.extend(added)
    return fixed
