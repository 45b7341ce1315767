"""Names: one label and one canonical name per person or organisation in an article, and the
cross-article entity ids.

Within an article (document-level consistency):
- a name gets the label the model gives it most often in the article ("Thorn" is ORG in most
  sentences, so it is ORG in all of them); ties go to the label of the longest mention;
- a honorific (Mr., Ms., Dr. …), a leading "the", possessives and line breaks are not part
  of a name;
- a person named by one word ("Kutcher", "Mr. Kutcher", "Ashton") resolves to the full name the
  article uses, when exactly one full name in the article fits.

Across articles, ``entity_id`` is derived from the label and the case-folded canonical name,
so the same person gets the same id in every article and the id stays as articles come and go.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict

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


def _org_cue(text: str, m: dict) -> bool:
    before = text[max(0, m["char_start"] - 40) : m["char_start"]]
    after = text[m["char_end"] : m["char_end"] + 80]
    return bool(_ORG_BEFORE.search(before) or _ORG_AFTER.match(after))


def harmonise_labels(mentions: list[dict], text: str = "") -> None:
    """Give every mention of the same name in an article one label (in place).

    The article's majority label wins, except that
    - a lone word that is part of a person's full name in the article is that person;
    - a name next to an organisation noun ("the nonprofit Thorn", "Thorn, the … organisation")
      is an organisation unless the article mostly calls it a person;
    - a name the model cannot make up its mind about (no label for 60 % of its mentions, the
      labels scattered over ORG/PRODUCT/LOC/PERSON…) is an organisation, the kind of name an
      OntoNotes model most often scatters.
    """
    votes: dict[str, Counter] = defaultdict(Counter)
    longest: dict[str, tuple[int, str]] = {}
    cues: Counter = Counter()
    for m in mentions:
        if m["label"] not in _SWAPPABLE:
            continue
        key = name_key(clean_name(m["text"], m["label"]))
        if not key:
            continue
        votes[key][m["label"]] += 1
        if text and _org_cue(text, m):
            cues[key] += 1
        length = m["char_end"] - m["char_start"]
        if key not in longest or length > longest[key][0]:
            longest[key] = (length, m["label"])
    person_words = set()
    for key, counts in votes.items():
        if " " in key and counts.most_common(1)[0][0] == "PERSON":
            words = key.split()
            person_words.update((words[0], words[-1]))
    decided: dict[str, str] = {}
    for key, counts in votes.items():
        total = sum(counts.values())
        top = counts.most_common()
        best = top[0][0]
        if len(top) > 1 and top[0][1] == top[1][1]:
            best = longest[key][1]
        if " " not in key and key in person_words:
            best = "PERSON"
        elif cues[key] and counts["PERSON"] * 2 < total:
            best = "ORG"
        elif total >= 2 and top[0][1] < 0.6 * total and set(counts) <= _SCATTER and len(counts) >= 2:
            best = "ORG"
        decided[key] = best
    for m in mentions:
        if m["label"] not in _SWAPPABLE:
            continue
        key = name_key(clean_name(m["text"], m["label"]))
        if key in decided:
            m["label"] = decided[key]


def resolve_names(mentions: list[dict], text: str = "") -> None:
    """Set ``name`` and ``entity_id`` on every name mention of one article (in place).

    ``text`` is the article text (for the context cues of :func:`harmonise_labels`).
    Runs label harmonisation first, then maps short person names to the article's full names.
    """
    harmonise_labels(mentions, text)
    full_by_part: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        if m["label"] == "PERSON":
            name = clean_name(m["text"], "PERSON")
            words = name.split()
            if len(words) >= 2:
                full_by_part[name_key(words[-1])].add(name)
                full_by_part[name_key(words[0])].add(name)
    canonical_full: dict[str, str] = {}
    for names in full_by_part.values():
        for name in names:
            canonical_full.setdefault(name_key(name), name)
    for m in mentions:
        label = m["label"]
        if label not in ENTITY_LABELS:
            continue
        name = clean_name(m["text"], label)
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
        m["name"] = name
        m["entity_id"] = entity_id_for(label, name)


def pick_display_name(aliases: Counter) -> str:
    """The name to show for an entity: the most frequent written form, preferring capitalised ones."""
    return max(aliases.items(), key=lambda kv: (kv[0][:1].isupper(), not kv[0].islower(), kv[1], len(kv[0]), kv[0]))[0]


def entity_contributions(article_id: str, mentions: list[dict]) -> list[dict]:
    """One ``_entity_articles`` row per entity mentioned in the article: its name, surface forms and count."""
    by_entity: dict[str, dict] = {}
    for m in mentions:
        eid = m.get("entity_id")
        if not eid:
            continue
        entry = by_entity.setdefault(eid, {"label": m["label"], "names": Counter(), "aliases": set(), "n": 0})
        entry["names"][m["name"]] += 1
        entry["aliases"].add(clean_name(m["text"], m["label"]))
        entry["aliases"].add(_SPACE.sub(" ", m["text"]).strip())
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
