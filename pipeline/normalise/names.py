"""Names: one label and one canonical name per person or organisation in an article, and the
cross-article entity ids.

Within an article (document-level consistency):
- a name gets the label the model gives it most often in the article ("Thorn" is ORG in most
  sentences, so it is ORG in all of them); ties go to the label of the longest mention;
- a honorific (Mr., Ms., Dr. …), a leading "the", possessives and line breaks are not part
  of a name;
- a person named by one word ("Kutcher", "Mr. Kutcher", "Ashton") resolves to the full name the
  article uses, when exactly one full name in the article fits.
- spans are tidied (:func:`tidy_span`): no leading "the" or title, an abbreviation keeps its
  period, no number or lower-case word at either end, and a span running over two names at a
  score or dash is split ("Kilmarnock 1 Celtic");
- the layout of news copy decides some labels (:func:`layout_labels`): an all-capitals name in a
  dateline is a place, the names in a result line ("Lotte 6 Hyundai 2") and at the head of a
  standings row ("NEW YORK 59 76 .437") are teams (ORG), unless a person's full name heads it;
- a name recognised once is added where the model missed it (:func:`propagate_mentions`),
  with ``source="propagated"`` (or ``"rule"`` for dateline places and teams the layout adds).

Across articles, ``entity_id`` is derived from the label and the case-folded canonical name,
so the same person gets the same id in every article and the id stays as articles come and go.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from typing import NamedTuple, Sequence

from pipeline.recognise import Mention, SentenceIndex, blocks_to_read
from pipeline.schemas import make_id

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"})
#: labels that can be swapped for one another by document-level consistency
_SWAPPABLE = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LANGUAGE"})

_HONORIFIC = re.compile(
    r"^(?:(?:mr|mrs|ms|miss|mx|dr|prof|sir|dame|lord|lady|rev|gen|col|capt|sgt|lt|sen|rep|gov|pres|president|senator|"
    r"judge|justice|actor|actress|singer|chairman|ceo)\.?\s+)+",
    re.IGNORECASE,
)
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?$")
_SPACE = re.compile(r"\s+")


def clean_name(text: str, label: str) -> str:
    """The name a mention's text stands for: one line, single spaces, no possessive, no honorific
    (persons) and no leading "the" (organisations and places)."""
    name = _SPACE.sub(" ", text).strip(" \"'“”‘’()[],.;:")
    name = _POSSESSIVE.sub("", name).strip()
    if label == "PERSON":
        stripped = _HONORIFIC.sub("", name)
        name = stripped or name
    else:
        stripped = _LEADING_THE.sub("", name)
        name = stripped or name
    return name


def name_key(name: str) -> str:
    """Case-, accent- and punctuation-insensitive key of a name (what makes two aliases one)."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.findall(r"\w+", plain))


def entity_kind(label: str) -> str:
    """The part of a label that an entity id depends on: persons are kept apart from every other
    named thing; among the others the model's label wavers ("Thorn" is ORG in one article and
    PRODUCT in the next), so they share one id space and the corpus majority names the label."""
    return "person" if label == "PERSON" else "thing"


def entity_id_for(label: str, name: str) -> str:
    """Stable cross-article id of the entity ``name`` with ``label``."""
    return make_id("entity", entity_kind(label), name_key(name))


_ORG_NOUNS = (
    r"organi[sz]ations?|non-?profits?|charit(?:y|ies)|compan(?:y|ies)|firms?|groups?|foundations?|agenc(?:y|ies)|"
    r"start-?ups?|corporations?|institutes?|associations?|unions?|banks?|ministr(?:y|ies)|universit(?:y|ies)|"
    r"part(?:y|ies)|councils?|committees?|boards?|networks?|brands?|retailers?|manufacturers?|publishers?|newspapers?"
)
#: "the nonprofit Thorn", "Thorn, the anti-trafficking organisation", "Thorn’s board"
_ORG_BEFORE = re.compile(rf"\b(?:{_ORG_NOUNS})\s*,?\s*$", re.IGNORECASE)
_ORG_AFTER = re.compile(rf"^(?:['’]s)?\s*(?:,\s*(?:the|a|an|which|that)\b[^.;:!?]{{0,60}}?\b(?:{_ORG_NOUNS})\b|(?:['’]s)\s+(?:board|staff|employees|website|mission|work|tools|ceo|chairman|founder)s?\b)", re.IGNORECASE)
#: labels the model scatters an unfamiliar organisation's name over
_SCATTER = frozenset({"ORG", "PRODUCT", "LOC", "GPE", "NORP", "PERSON", "FAC", "WORK_OF_ART", "LANGUAGE", "EVENT"})


def _org_cue(text: str, m: Mention) -> bool:
    before = text[max(0, m.char_start - 40) : m.char_start]
    after = text[m.char_end : m.char_end + 80]
    return bool(_ORG_BEFORE.search(before) or _ORG_AFTER.match(after))


_COMPETES_AFTER = re.compile(r"(?:[ \t]+\d{1,3}(?!\d|[.,:/-]\d)|[ \t]+(?:v|vs|v\.|vs\.|beat|beats|drew with)\s)")
_COMPETES_BEFORE = re.compile(r"\b(?:v|vs|v\.|vs\.|beat|beats|drew with)[ \t]+$")


def _competitor_cue(text: str, m: Mention) -> bool:
    """True when a name stands where results put a side: before a score or before/after "v", "beat"."""
    return bool(_COMPETES_AFTER.match(text, m.char_end) or _COMPETES_BEFORE.search(text[max(0, m.char_start - 12) : m.char_start]))


_COMPANY_ENDINGS = frozenset("inc corp co ltd plc spa ag nv bv gmbh llc llp kk bhd tbk oyj asa ab sarl srl bancorp holdings".split())


def _company_key(key: str) -> bool:
    """True for the key of a company's legal name: it ends in a legal form ("… Inc", "… SpA", "… S.A.")."""
    words = key.split()
    return words[-1] in _COMPANY_ENDINGS or (len(words) >= 3 and words[-2:] in (["s", "a"], ["n", "v"], ["b", "v"], ["s", "p"]))


def harmonise_labels(mentions: list[Mention], text: str = "", fixed: frozenset | set = frozenset()) -> None:
    """Give every mention of the same name in an article one label (in place).

    The article's majority label wins, except that
    - a lone word that is part of a person's full name in the article is that person;
    - a name next to an organisation noun ("the nonprofit Thorn", "Thorn, the … organisation")
      is an organisation unless the article mostly calls it a person;
    - a one-word "person" that no full name in the article explains and that stands where results
      put a side (before a score, next to "v" or "beat": "Torquay 2 Exeter 0", "Surrey beat
      Kent") is a team, an organisation;
    - a name ending in a company's legal form ("Pirelli SpA", "Cofinec S.A.") is an organisation,
      and so is a lone word heading such a name ("Pirelli") unless a person's full name explains it;
    - a name the model cannot make up its mind about (no label for 60 % of its mentions, the
      labels scattered over ORG/PRODUCT/LOC/PERSON…) is an organisation, the kind of name an
      OntoNotes model most often scatters.

    Mentions whose ``mention_id`` is in ``fixed`` (labels the layout decided) keep their label
    and do not vote.
    """
    votes: dict[str, Counter] = defaultdict(Counter)
    longest: dict[str, tuple[int, str]] = {}
    cues: Counter = Counter()
    competes: Counter = Counter()
    for m in mentions:
        if m.label not in _SWAPPABLE or m.mention_id in fixed:
            continue
        key = name_key(clean_name(m.text, m.label))
        if not key:
            continue
        votes[key][m.label] += 1
        if text and _org_cue(text, m):
            cues[key] += 1
        if text and _competitor_cue(text, m):
            competes[key] += 1
        length = m.char_end - m.char_start
        if key not in longest or length > longest[key][0]:
            longest[key] = (length, m.label)
    person_words = set()
    for key, counts in votes.items():
        if " " in key and counts.most_common(1)[0][0] == "PERSON" and not _company_key(key):
            words = key.split()
            person_words.update((words[0], words[-1]))
    decided: dict[str, str] = {}
    for key, counts in votes.items():
        total = sum(counts.values())
        top = counts.most_common()
        best = top[0][0]
        if len(top) > 1 and top[0][1] == top[1][1]:
            best = longest[key][1]
        if " " not in key and key in person_words and best != "NORP":  # "Rwandan" of "Rwandan Kagame" stays a nationality
            best = "PERSON"
        elif cues[key] and counts["PERSON"] * 2 < total:
            best = "ORG"
        elif best == "PERSON" and " " not in key and competes[key]:
            best = "ORG"  # a one-word "person" no full name explains, scoring or beaten like a side: a team
        elif total >= 2 and top[0][1] < 0.6 * total and set(counts) <= _SCATTER and len(counts) >= 2:
            best = "ORG"
        if " " in key and _company_key(key):
            best = "ORG"  # "Pirelli SpA", "Cofinec S.A.": a company, whatever the model said
        decided[key] = best
    # a lone word that heads an organisation's name in the article ("Pirelli" of "Pirelli SpA") and
    # that no person's full name explains is that organisation
    org_heads = {key.split()[0] for key, label in decided.items() if " " in key and label == "ORG"}
    for key, label in decided.items():
        if label == "PERSON" and " " not in key and key not in person_words and key in org_heads:
            decided[key] = "ORG"
    for m in mentions:
        if m.label not in _SWAPPABLE or m.mention_id in fixed:
            continue
        key = name_key(clean_name(m.text, m.label))
        if key in decided:
            m.label = decided[key]


# ---------------------------------------------------------------------------------------------
# Span cleanup: what the model's span holds that is not part of the name.

#: labels whose spans are tidied, split and propagated (titles and laws keep their numbers)
_PLAIN_NAMES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
_TITLE_WORDS = (
    r"mr|mrs|ms|miss|mx|dr|prof|professor|sir|dame|lord|lady|rev|reverend|fr|father|sister|brother|gen|general|col|"
    r"colonel|capt|captain|cmdr|commander|adm|admiral|maj|major|sgt|sergeant|lt|lieutenant|cpl|corporal|"
    r"sen|senator|rep|representative|gov|governor|pres|president|vice-president|premier|chancellor|"
    r"minister|secretary|ambassador|mayor|judge|justice|king|queen|prince|princess|emperor|empress|sheikh|sheik|"
    r"pope|cardinal|archbishop|bishop|rabbi|imam|ayatollah|mullah|chairman|chairwoman|chairperson|ceo|"
    r"coach|manager|striker|goalkeeper|midfielder|defender|skipper|captain|actor|actress|singer|rapper|"
    r"officer|inspector|detective|constable|superintendent|chief|deputy|spokesman|spokeswoman|dj|mp|mep|"
    r"centre|center|winger|scrum-half|fly-half|flanker|full-back|fullback|forward|playmaker|sweeper|"
    r"pitcher|outfielder|infielder|shortstop|batsman|bowler|all-rounder|opener|spinner|wicketkeeper|"
    r"jockey|trainer|cyclist|sprinter|swimmer|boxer|quarterback|champion|compatriot|veteran|rookie|"
    r"broker|analyst|economist|trader|dealer|strategist|editor|reporter|correspondent|columnist|"
    r"lawyer|attorney|prosecutor|historian|novelist|director|founder|co-founder|leader"
)
#: leading titles of a person's span: "Archbishop Desmond Tutu", "Mr. Kutcher", "Prime Minister X"
_TITLE_PREFIX = re.compile(rf"(?:(?:(?:prime|foreign|finance|defence|defense|interior|deputy|vice|chief|head|"
                           rf"former|acting|crown|grand|supreme)\s+)*(?:{_TITLE_WORDS})\.?\s+)+", re.IGNORECASE)
#: a span that ends in an abbreviation whose final period the tokenizer left outside ("U.S", "Inc", "Fla")
_ABBREV_END = re.compile(
    r"(?:(?<![\w.])(?:[A-Za-z]\.)+[A-Za-z]|(?<![\w.])(?:Inc|Corp|Co|Cos|Ltd|Plc|Bros|Jr|Sr|Assn|Dept|Intl|Mt|Ft|St|"
    r"Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Ky|La|Md|Mass|Mich|Minn|Miss|Mo|Mont|Neb|Nev|Okla|Ore|Pa|"
    r"Tenn|Tex|Va|Vt|Wash|Wis|Wisc|Wyo))$"
)
#: where one span holds two names: a free-standing number or score ("Kilmarnock 1 Celtic"),
#: a spaced dash ("Peter Pieters - Tomas Post") or a bracket ("Noce ( Italy )")
_SPLIT = re.compile(r"\s+(?:\d[\d.:,/-]*|[-–—]+|[()]|v|vs\.?)(?=\s|$)")
_HAS_LETTER = re.compile(r"[^\W\d_]")
_HAS_LOWER_WORD = re.compile(r"(?<![\w'])[a-z]")


_NUMBERISH = re.compile(r"^\d[\d.,:/-]*(?:st|nd|rd|th|s|m|km|kg|pct|%)?$", re.IGNORECASE)


def _edge_junk(token: str) -> bool:
    """A word that does not begin or end a name: no letter, a number ("67th"), or a lower-case
    word ("news agency" in "Xinhua news agency", "their" in "their European Cup")."""
    return not _HAS_LETTER.search(token) or bool(_NUMBERISH.match(token)) or (token.isalpha() and token.islower())


def _strip_prefix(text: str, start: int, end: int, pattern: re.Pattern) -> int:
    m = pattern.match(text, start, end)
    if m and m.end() < end and _HAS_LETTER.search(text, m.end(), end):
        return m.end()
    return start


def _the_may_go(text: str, start: int) -> bool:
    """A capitalised "The" is dropped only where any word is capitalised: at a line or sentence start."""
    before = text[max(0, start - 3) : start]
    return start == 0 or "\n" in before or bool(re.search(r"[.!?\"“:]\s*$", before))


def tidy_span(text: str, start: int, end: int, label: str) -> list[tuple[int, int]]:
    """The name spans in ``text[start:end]``, a mention the model labelled ``label``.

    Leading "the" (lower case anywhere, "The" at a line or sentence start) and, for persons,
    leading titles ("President", "Archbishop", "Mr.") go; an abbreviation gets back the period the
    tokenizer cut off ("U.S" → "U.S."); tokens without letters (scores, numbers, dashes) are cut off
    both ends, and a span that runs over two names at such a token is split ("Kilmarnock 1 Celtic"
    → "Kilmarnock", "Celtic").  Returns no span when no letter is left.
    """
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if label not in _PLAIN_NAMES:
        return [(start, end)] if _HAS_LETTER.search(text, start, end) else []
    if text.startswith(("the ", "THE ", "the\n", "THE\n"), start) or (text.startswith("The", start) and _the_may_go(text, start)):
        start = _strip_prefix(text, start, end, re.compile(r"(?:the|THE|The)\s+"))
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
        words = list(re.finditer(r"\S+", text[a:b]))
        while words and _edge_junk(words[0].group()):
            words.pop(0)
        while words and _edge_junk(words[-1].group()):
            words.pop()
        if not words:
            continue
        a, b = a + words[0].start(), a + words[-1].end()
        if b < len(text) and text[b] == "." and _ABBREV_END.search(text, a, b):
            b += 1
        if _HAS_LETTER.search(text, a, b):
            spans.append((a, b))
    return spans


#: a lone initial ("K." of "K. Curran"): the model stopped short of the surname that follows
_INITIAL_ONLY = re.compile(r"[A-Z]\.?")
_SURNAME_AFTER = re.compile(r"\.?[ \t]+((?:Mc|Mac|O'|De|de |van |von )?[A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b")
#: persons joined by "and" in one span: "Laurent Cabannes and Laurent Benezech"
_AND_SPLIT = re.compile(r"\s+(?:and|&)\s+")
_TWO_NAMES = re.compile(r"[A-Z][\w.'-]+(?: [A-Z][\w.'-]+)+")


_ROLE_WORD = re.compile(rf"(?:{_TITLE_WORDS})\.?", re.IGNORECASE)
_NUMBERED_NAME = re.compile(r"\d{1,3}[ \t]*[-–][ \t]*")  # "10 - Andrew Mehrtens" (a squad list)


def _refine_name(text: str, start: int, end: int, label: str, demonyms: set[str]) -> list[tuple[int, int, str]]:
    """A name's span and label refined where its shape says it is a person:
    - a lone initial reaches to the surname after it ("K." → "K. Curran");
    - a leading nationality the article uses as one, or a role word, goes when a person's name is
      left ("American Dennis Mitchell", "Centre Walter Little" → the person);
    - two names joined by "and" are two persons ("Laurent Cabannes and Laurent Benezech").
    A name the model called a person keeps the looser test of two capitalised words; other labels
    change to PERSON only for a given-and-family-shaped name.  Returns (start, end, label) pieces."""
    is_person = label == "PERSON"

    def personal(s: str) -> bool:
        return bool(_TWO_NAMES.fullmatch(s) if is_person else _GIVEN_AND_FAMILY.fullmatch(s) and not _ORG_WORD.search(s))

    if _INITIAL_ONLY.fullmatch(text, start, end):
        nxt = _SURNAME_AFTER.match(text, end)
        if nxt:
            return [(start, nxt.end(1), "PERSON")]
    first = re.match(r"\S+", text[start:end])
    if first and (first.group() in demonyms or _ROLE_WORD.fullmatch(first.group())):
        rest = text[start + first.end() : end].strip()
        if rest and (personal(rest) or (is_person and first.group() in demonyms and re.fullmatch(r"[A-Z][\w'-]+", rest))):
            start = end - len(rest)
            label = "PERSON"
            is_person = True
    parts = _AND_SPLIT.split(text[start:end])
    if len(parts) == 2 and all(personal(p) for p in parts):
        cut = _AND_SPLIT.search(text, start, end)
        return [(start, cut.start(), "PERSON"), (cut.end(), end, "PERSON")]
    return [(start, end, label)]


def tidy_mentions(mentions: list[Mention], text: str) -> None:
    """Apply :func:`tidy_span` to every name mention (in place; mentions left without a name are
    dropped), then refine spans that hold a person (:func:`_refine_name`); a number glued to a
    name in a squad list ("10 - Andrew Mehrtens") gives the name back."""
    demonyms = {m.text for m in mentions if m.label == "NORP" and " " not in m.text}
    out = []
    for m in mentions:
        if m.label == "CARDINAL":
            num = _NUMBERED_NAME.match(text, m.char_start, m.char_end)
            if num and _GIVEN_AND_FAMILY.fullmatch(text, num.end(), m.char_end) and not _ORG_WORD.search(text, num.end(), m.char_end):
                digits = re.match(r"\d+", text[m.char_start :]).end()
                out.append(m.moved(m.char_start, m.char_start + digits, text))
                person = m.moved(num.end(), m.char_end, text)
                person.label = "PERSON"
                out.append(person)
                continue
        if m.label not in ENTITY_LABELS:
            out.append(m)
            continue
        spans = [(a, b, m.label) for a, b in tidy_span(text, m.char_start, m.char_end, m.label)]
        if m.label in _PLAIN_NAMES:
            spans = [piece for a, b, lab in spans for piece in _refine_name(text, a, b, lab, demonyms)]
        for a, b, lab in spans:
            if (a, b) == (m.char_start, m.char_end):
                m.label = lab
                out.append(m)
            else:
                r = m.moved(a, b, text)
                r.label = lab
                out.append(r)
    seen = set()
    mentions[:] = [m for m in out if not (m.mention_id in seen or seen.add(m.mention_id))]


# ---------------------------------------------------------------------------------------------
# Layout cues: datelines and result lines.

_DATELINE_PLACE = re.compile(r"[A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+)*(?=\s*(?:,|\(|\d|-|—|$))")
_SCORE_NAME = r"[A-Z][\w.'&*-]*(?: (?:[A-Z(][\w.'&()*-]*|de|da|do|del|der|di|van|von|la|le))*"
#: a row of a standings table: a name at the start of a line followed by three or more figures
_TABLE_ROW = re.compile(rf"^[ \t]*(?P<a>{_SCORE_NAME})(?:[ \t]+[-+]?\.?\d[\d.:/-]*)(?:[ \t]+(?:[-+]?\.?\d[\d.:/-]*|-)){{2,}}[ \t]*$", re.MULTILINE)
#: a result line of a team sport: "Palmeiras 3 Vasco da Gama 1", "Lotte 6 Hyundai 2"
_SCORE_LINE = re.compile(rf"^[ \t]*(?P<a>{_SCORE_NAME}) (?P<sa>\d{{1,3}}) (?P<b>{_SCORE_NAME}) (?P<sb>\d{{1,3}})[ \t]*$", re.MULTILINE)


def _block_of(blocks: list[tuple[int, int, str, str]], pos: int):
    for b in blocks:
        if b[0] <= pos < b[1]:
            return b
    return None


class ReadBlock(NamedTuple):
    """A block the model read: its offsets, segment id and kind."""

    start: int
    end: int
    segment_id: str
    kind: str


def _blocks_from(blocks: Sequence[dict] | None, mentions: list[Mention]) -> list[ReadBlock]:
    """The blocks the model read (:func:`pipeline.recognise.blocks_to_read`) from the article's
    ``segments`` rows when given, else the stretch of each block that its mentions cover (a safe
    inner bound)."""
    if blocks is not None:
        rows = sorted(blocks, key=lambda b: b["char_start"])
        return [ReadBlock(b["char_start"], b["char_end"], b["segment_id"], b["kind"]) for b in blocks_to_read(rows)]
    spans: dict[str, list] = {}
    for m in mentions:
        s = spans.setdefault(m.segment_id, [m.char_start, m.char_end, m.segment_id, m.segment_kind])
        s[0], s[1] = min(s[0], m.char_start), max(s[1], m.char_end)
    return sorted(ReadBlock(*s) for s in spans.values())


def _new_mention(template: Mention | None, block: ReadBlock | None, start: int, end: int, label: str, source: str,
                 text: str, article_id: str, sentences: SentenceIndex | None) -> Mention:
    """A mention a rule adds: in ``block`` (else the template's), in the sentence holding ``start``
    (else the template's)."""
    sentence_id = template.sentence_id if template else None
    if sentences is not None:
        sentence_id = sentences.id_within(start, sentence_id)
    return Mention.create(article_id, block.segment_id if block else template.segment_id,
                          block.kind if block else template.segment_kind, sentence_id, start, end, text, label, source)


def _template_for(mentions: list[Mention], block, pos: int) -> Mention | None:
    """A mention to copy block and sentence fields from: the nearest one before ``pos`` in the block."""
    best = None
    for m in mentions:
        if block and not (block[0] <= m.char_start < block[1]):
            continue
        if best is None or (m.char_start <= pos and (best.char_start > pos or m.char_start > best.char_start)):
            best = m
    return best


def _free(occupied: list[tuple[int, int]], start: int, end: int) -> bool:
    return not any(s < end and start < e for s, e in occupied)


#: a wire story's topic slug heading its first line: "SOCCER - …", "RUGBY UNION - …", "UPDATE 2 - …"
_SLUG = re.compile(r"\s*([A-Z][A-Z&'.]*(?: [A-Z0-9][A-Z0-9&'.]*){0,2})[ \t]+[-–—][ \t]+\S")
#: an abbreviation in brackets right after a name: "Kurdistan Democratic Party ( KDP )"
_PAREN_ACRONYM = re.compile(r"[ \t]*\([ \t]*([A-Z][A-Za-z&]*[A-Z](?:-[A-Z]+)?)[ \t]*\)")
_ACRONYM_SOURCES = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC", "EVENT", "LAW", "PRODUCT"})
_MINOR_WORDS = frozenset("of and the for de des du la le del di da der und für in on at to a an & y et".split())


def _abbreviates(short: str, long: str) -> bool:
    """True when ``short`` is an abbreviation of ``long``: it starts with the initial of its first
    word and its capitals are taken, in order, from the initials of its words or capitals inside a
    word (words may be skipped, but not most of them) ("Kurdistan Democratic Party" → KDP, "Federal Open Market
    Committee" → FOMC, "Organisation for Security and Co-operation in Europe" → OSCE)."""
    letters = [c for c in short if c.isupper()]
    words = [w for w in re.split(r"[\s-]+", long) if w]
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
    majors = sum(1 for w in words if w.lower() not in _MINOR_WORDS)
    return i == len(letters) and majors <= 2 * len(letters)


#: two capitalised words, the shape of a given name and a family name ("Naoko Kijimuta")
_GIVEN_AND_FAMILY = re.compile(r"[A-Z][a-z]+(?:-[A-Z]?[a-z]+)? (?:(?:Mc|Mac|O')?[A-Z][a-z]+(?:-[A-Z][a-z]+)?)")
_ORG_WORD = re.compile(r"\b(?:Inc|Corp|Co|Ltd|Plc|AG|SA|NV|Group|Bank|Holdings?|United|City|Club|Party|Union|Council|"
                       r"Ministry|Agency|Association|Federation|Institute|University|College|Company|Airlines?|Motors?|"
                       r"Systems|International|Rovers|Athletic|Wanderers|Town|County|Sport|Sporting|Real|Dynamo|Dinamo)\b")
_NAME_BEFORE_BRACKET = re.compile(r"(?<![\w'.-])(" + _GIVEN_AND_FAMILY.pattern + r")(?=[ \t]*\()")
#: a place in brackets right after a name: "Naoko Kijimuta ( Japan )"
_PAREN_PLACE = re.compile(r"[ \t]*\([ \t]*([^()\n]{2,40}?)[ \t]*\)")


def layout_labels(mentions: list[Mention], text: str, blocks, sentences: SentenceIndex | None = None) -> set[str]:
    """Labels (and missing mentions) that the layout of news copy decides (in place).

    - The topic slug of a wire headline ("SOCCER - JAPAN GET LUCKY WIN") is not a name, unless the
      model calls it a place.
    - A dateline ("AMSTERDAM 1996-08-28", "SAN MATEO , Calif.") names a place: an all-capitals
      name there is a GPE, and when the model found none, the capitalised run at its start is added.
    - A result line of a team sport ("Lotte 6 Hyundai 2": a name, a score, a name, a score) names
      two teams: organisations, whatever the model called the city or sponsor they are named after.
    - An abbreviation in brackets right after a name ("Kurdistan Democratic Party ( KDP )") is the
      same thing: it gets the name's label (then propagation finds its other occurrences).
    - A two-word name shaped like a given name and a family name, followed by a place in brackets
      ("Naoko Kijimuta ( Japan ) beat …", "4. Leah Pells ( Canada ) 4:09.95"), is a competitor with
      their nationality: a person, whatever the model called it (it often says ORG in results), and
      one is added where the model found nothing there.
    - So does the head of a standings row (a name, then three or more figures to the end of the
      line), unless the model calls it a person with a full name (golf cards, batting averages).

    Returns the ``mention_id`` of the dateline mentions: their label is fixed (a team in a result
    line, by contrast, votes like any other mention, so that the team is ORG in the whole story).
    """
    fixed: set[str] = set()
    if not text or not mentions:
        return fixed
    article_id = mentions[0].article_id
    ner_blocks = _blocks_from(blocks, mentions)
    occupied = [(m.char_start, m.char_end) for m in mentions if m.label in ENTITY_LABELS or m.label in ("DATE", "TIME")]
    added = []
    for m in mentions:
        if m.segment_kind == "dateline" and m.label in _SCATTER and m.label != "GPE":
            if m.text.isupper() and len(m.text) >= 2:
                m.label = "GPE"
                fixed.add(m.mention_id)
    if blocks is not None:
        for b in ner_blocks:
            if b[3] != "dateline":
                continue
            mt = _DATELINE_PLACE.match(text, b[0], b[1])
            if mt and mt.end() - mt.start() >= 3 and _free(occupied, mt.start(), mt.end()):
                tpl = _template_for(mentions, b, mt.start())
                added.append(_new_mention(tpl, b, mt.start(), mt.end(), "GPE", "rule", text, article_id, sentences))
                occupied.append((mt.start(), mt.end()))
    def place(block, s: int, e: int, label: str, relabel=lambda m: True, may_add: bool = True,
              template: Mention | None = None, pool: list[Mention] | None = None) -> None:
        """The name mentions of ``pool`` exactly at ``text[s:e]`` get ``label`` (those ``relabel``
        accepts); with none there and the span free, a ``rule`` mention with ``label`` is added."""
        pool = mentions if pool is None else pool
        exact = [m for m in pool if (m.char_start, m.char_end) == (s, e) and m.label in ENTITY_LABELS]
        for m in exact:
            if relabel(m):
                m.label = label
        if not exact and may_add and _free(occupied, s, e):
            tpl = template if template is not None else _template_for(pool, block, s)
            added.append(_new_mention(tpl, block, s, e, label, "rule", text, article_id, sentences))
            occupied.append((s, e))

    for line in _SCORE_LINE.finditer(text):
        block = _read_block(ner_blocks, line.start("a"), line.end("b"))
        if block is not None:
            for g in ("a", "b"):
                place(block, line.start(g), line.end(g), "ORG")
    slug = _SLUG.match(text)
    if slug:  # "SOCCER - JAPAN GET LUCKY WIN": the wire's topic slug is no name (a place stays a place)
        s, e = slug.span(1)
        mentions[:] = [m for m in mentions if not (m.char_start == s and m.char_end == e
                                                   and m.label in ENTITY_LABELS and m.label not in ("GPE", "LOC"))]
    for m in list(mentions):
        if m.label not in _ACRONYM_SOURCES or m.mention_id in fixed:
            continue
        paren = _PAREN_ACRONYM.match(text, m.char_end)
        if paren and _abbreviates(paren.group(1), m.text):
            block = _read_block(ner_blocks, *paren.span(1))
            if block is not None:
                place(block, *paren.span(1), m.label, template=m)
    places = {(m.char_start, m.char_end) for m in mentions if m.label in ("GPE", "NORP", "LOC")}
    for m in mentions:
        if m.label in ("ORG", "GPE") and _GIVEN_AND_FAMILY.fullmatch(m.text) and not _ORG_WORD.search(m.text):
            paren = _PAREN_PLACE.match(text, m.char_end)
            if paren and paren.span(1) in places:
                m.label = "PERSON"
    for run in _NAME_BEFORE_BRACKET.finditer(text):  # ... and where the model found no name at all
        paren = _PAREN_PLACE.match(text, run.end(1))
        block = _read_block(ner_blocks, *run.span(1))
        if paren and paren.span(1) in places and not _ORG_WORD.search(run.group(1)) and block is not None:
            place(block, *run.span(1), "PERSON", relabel=lambda m: False)
    for row in _TABLE_ROW.finditer(text):
        s, e = row.start("a"), row.end("a")
        block = _read_block(ner_blocks, s, row.end())
        if block is not None:
            # a person's full name heads rows too (golf scores, batting averages): the model decides
            place(block, s, e, "ORG", relabel=lambda m: not (m.label == "PERSON" and " " in m.text.strip()),
                  may_add=not _HAS_LOWER_WORD.search(text, s, e))
    _complete_name_lists(mentions + added, text, ner_blocks, place)
    mentions.extend(added)
    return fixed


def _read_block(ner_blocks, start: int, end: int):
    """The block the model read that holds ``start`` and reaches ``end``, else None."""
    block = _block_of(ner_blocks, start)
    return block if block is not None and end <= block[1] else None


_LIST_ITEM = re.compile(r"[^,;\n]+")
_ITEM_NAME = re.compile(r"(?:\d{1,3}\s*[-.]\s*)?(" + _GIVEN_AND_FAMILY.pattern + r")(?:\s*\([^()]*\))?\s*")
_NOT_PERSON_LABELS = frozenset({"ORG", "GPE", "LOC", "FAC"})


def _complete_name_lists(mentions: list[Mention], text: str, ner_blocks, place) -> None:
    """In a list of people on one line ("Mike Hulbert , Brian Henninger , Tiger Woods , Steve
    Jurgenson"), an item shaped like a given and a family name is a person too (added, or relabelled
    from ORG/GPE/LOC/FAC) when most of the list's name-shaped items are persons the model found.
    ``place`` is :func:`layout_labels`' relabel-or-add step."""
    persons = {(m.char_start, m.char_end) for m in mentions if m.label == "PERSON"}
    for b in ner_blocks:
        line = text[b[0] : b[1]]
        if line.count(",") + line.count(";") < 2:
            continue
        shaped = []
        for item in _LIST_ITEM.finditer(text, b[0], b[1]):
            name = _ITEM_NAME.fullmatch(item.group().strip())
            if name:
                lead = len(item.group()) - len(item.group().lstrip())
                s = item.start() + lead + name.start(1)
                shaped.append((s, s + len(name.group(1))))
        found = [sp for sp in shaped if sp in persons]
        if len(shaped) < 3 or len(found) < 2 or len(found) * 3 < len(shaped) * 2:
            continue
        for s, e in shaped:
            if (s, e) not in persons and not _ORG_WORD.search(text, s, e):
                place(b, s, e, "PERSON", relabel=lambda m: m.label in _NOT_PERSON_LABELS, pool=mentions)


# ---------------------------------------------------------------------------------------------
# Propagation: a name the model found once is the same name where it missed it.


def _glued(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` has a capitalised word right after it, or right before it that
    is not the first word of a sentence or line (so it is part of a longer name)."""
    if re.match(r"[ \t][A-Z]", text[end : end + 2]):
        return True
    prev = re.search(r"([A-Z][\w.&'-]*)[ \t]$", text[max(0, start - 40) : start])
    if not prev:
        return False
    head = text[: start - len(prev.group(0))].rstrip(" \t")
    return not (not head or head.endswith(("\n", ".", "!", "?", '"', "“", ":")))


def propagate_mentions(mentions: list[Mention], text: str, blocks=None, sentences: SentenceIndex | None = None,
                       fixed: frozenset | set = frozenset()) -> list[Mention]:
    """Add a mention for every other occurrence of a name already recognised in the article.

    Propagated are names (not numbers or dates) of two or more characters that start with a
    capital, and the last word of a person's full name ("Fischler" after "Franz Fischler").  An
    occurrence counts when it is the whole word(s), written the same (or in capitals, on a line
    written in capitals: a headline), overlapped by no other mention, not glued to a
    neighbouring capitalised word (then it is part of a longer name) and in a block the model
    read.  The new mention gets the name's document-level label and ``source="propagated"``.
    Mentions whose id is in ``fixed`` (labels the layout decided) are not a source.
    Returns the added mentions (they are also appended to ``mentions``).
    """
    if not text or not mentions:
        return []
    article_id = mentions[0].article_id
    ner_blocks = _blocks_from(blocks, mentions)
    occupied = [(m.char_start, m.char_end) for m in mentions]
    slug = _SLUG.match(text)
    if slug:
        occupied.append(slug.span(1))  # a wire slug is no name (see layout_labels)
    labels: dict[str, Counter] = defaultdict(Counter)
    for m in mentions:
        if m.label in _SWAPPABLE and m.source != "propagated" and m.mention_id not in fixed:
            labels[m.text][m.label] += 1
    surnames: Counter = Counter()
    for name, counts in labels.items():
        words = name.split()
        if counts.most_common(1)[0][0] == "PERSON" and len(words) >= 2 and len(words[-1]) >= 3 and words[-1][0].isupper():
            surnames[words[-1]] += 1
    for surname, n in surnames.items():
        if surname not in labels and n == 1:
            labels[surname]["PERSON"] += 1
    candidates = []
    for name, counts in labels.items():
        if len(name) < 2 or not name[0].isupper() or "\n" in name:
            continue
        label = counts.most_common(1)[0][0]
        candidates.append((name, label, False))
        if not name.isupper():
            candidates.append((name.upper(), label, True))
    added: list[Mention] = []
    if not candidates:
        return added
    # one scan of the text for all names (longest first at each position), not one per name
    by_string: dict[str, tuple[str, bool]] = {}
    for name, label, caps_only in sorted(candidates, key=lambda c: (-len(c[0]), c[0], c[2])):
        by_string.setdefault(name, (label, caps_only))
    alternation = "|".join(re.escape(n) for n in by_string)
    for occ in re.finditer(rf"(?<![\w&'’.-])(?:{alternation})(?![\w&-]|['’]\w\w|\.\w)", text):
        name = occ.group(0)
        label, caps_only = by_string[name]
        s, e = occ.start(), occ.end()
        if not _free(occupied, s, e):
            continue
        if caps_only:
            line_start = text.rfind("\n", 0, s) + 1
            line_end = text.find("\n", e)
            line = text[line_start : line_end if line_end >= 0 else len(text)]
            if any(c.islower() for c in line):
                continue
        elif _glued(text, s, e):
            continue
        block = _block_of(ner_blocks, s)
        if block is None or e > block[1]:
            continue
        tpl = _template_for(mentions, block, s)
        added.append(_new_mention(tpl, block, s, e, label, "propagated", text, article_id, sentences))
        occupied.append((s, e))
    mentions.extend(added)
    return added


def resolve_names(mentions: list[Mention], text: str = "", blocks=None, sentences=None) -> None:
    """Tidy, relabel, complete and name the name mentions of one article (in place).

    ``text`` is the article text; ``blocks`` the article's ``segments`` rows (or
    ``(char_start, char_end, segment_id, kind)`` tuples) and ``sentences`` its ``sentences`` rows,
    both optional.  Steps: span cleanup (:func:`tidy_mentions`), layout cues
    (:func:`layout_labels`), document-level labels (:func:`harmonise_labels`), propagation of
    recognised names to their other occurrences (:func:`propagate_mentions`), then ``name`` and
    ``entity_id``: short person names map to the article's full names.  Without ``text`` only
    labels and names are set.  Mentions stay sorted by offset.
    """
    if text:
        tidy_mentions(mentions, text)
    index = SentenceIndex.from_rows(sentences) if sentences else None
    fixed = layout_labels(mentions, text, blocks, index) if text else set()
    harmonise_labels(mentions, text, fixed)
    if text:
        propagate_mentions(mentions, text, blocks, index, fixed)
        mentions.sort(key=lambda m: (m.char_start, m.char_end))
    # the full names each of their words may stand for, in text order (dicts as ordered sets)
    full_by_part: dict[str, dict[str, None]] = defaultdict(dict)
    for m in mentions:
        if m.label == "PERSON":
            name = clean_name(m.text, "PERSON")
            words = name.split()
            if len(words) >= 2:
                full_by_part[name_key(words[-1])][name] = None
                full_by_part[name_key(words[0])][name] = None
    # one written form per full name: the first in the text not in capitals (a headline's), else the first
    canonical_full: dict[str, str] = {}
    for names in full_by_part.values():
        for name in names:
            key = name_key(name)
            if key not in canonical_full or (canonical_full[key].isupper() and not name.isupper()):
                canonical_full[key] = name
    for m in mentions:
        label = m.label
        if label not in ENTITY_LABELS:
            continue
        name = clean_name(m.text, label)
        if not name_key(name):
            continue
        if label == "PERSON":
            key = name_key(name)
            if " " not in key:
                candidates = {name_key(n) for n in full_by_part.get(key, ())}
                if len(candidates) == 1:
                    name = canonical_full[candidates.pop()]
            elif key in canonical_full:
                name = canonical_full[key]
        m.name = name
        m.entity_id = entity_id_for(label, name)


def pick_display_name(aliases: Counter) -> str:
    """The name to show for an entity: the most frequent written form, preferring capitalised ones."""
    return max(aliases.items(), key=lambda kv: (kv[0][:1].isupper(), not kv[0].islower(), kv[1], len(kv[0]), kv[0]))[0]


def entity_contributions(article_id: str, mentions: list[Mention]) -> list[dict]:
    """One ``_entity_articles`` row per entity mentioned in the article: its name, surface forms and count."""
    by_entity: dict[str, dict] = {}
    for m in mentions:
        eid = m.entity_id
        if not eid:
            continue
        entry = by_entity.setdefault(eid, {"label": m.label, "names": Counter(), "aliases": set(), "n": 0})
        entry["names"][m.name] += 1
        entry["aliases"].add(clean_name(m.text, m.label))
        entry["aliases"].add(_SPACE.sub(" ", m.text).strip())
        entry["n"] += 1
    return [
        {
            "entity_id": eid,
            "article_id": article_id,
            "label": e["label"],
            "name": pick_display_name(e["names"]),
            "aliases": sorted(e["aliases"]),
            "n_mentions": e["n"],
        }
        for eid, e in sorted(by_entity.items())
    ]


def aggregate_entities(contributions) -> list[dict]:
    """Corpus-wide ``entities`` rows from the per-article contributions (a pyarrow Table or rows)."""
    rows = contributions.to_pylist() if hasattr(contributions, "to_pylist") else contributions
    merged: dict[str, dict] = {}
    for r in rows:
        e = merged.setdefault(r["entity_id"], {"labels": Counter(), "names": Counter(), "aliases": set(), "n": 0, "articles": set()})
        e["labels"][r["label"]] += r["n_mentions"]
        e["names"][r["name"]] += r["n_mentions"]
        e["aliases"].update(r["aliases"])
        e["n"] += r["n_mentions"]
        e["articles"].add(r["article_id"])
    return [
        {
            "entity_id": eid,
            "label": max(e["labels"].items(), key=lambda kv: (kv[1], kv[0]))[0],
            "name": pick_display_name(e["names"]),
            "aliases": sorted(e["aliases"]),
            "n_mentions": e["n"],
            "n_articles": len(e["articles"]),
        }
        for eid, e in sorted(merged.items())
    ]
