"""Names and entities: the name a mention stands for, its key, the stable entity id, the canonical full name, and the entity rows."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter, defaultdict

from pipeline.lexicon.names import HONORIFICS
from pipeline.recognise import Mention
from pipeline.schemas import make_id

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"})

_HONORIFIC = re.compile(r"^(?:(?:" + "|".join(HONORIFICS) + r")\.?\s+)+", re.IGNORECASE)
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?$")
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")


@functools.lru_cache(maxsize=1 << 16)  # a pure function of two strings, asked about every mention several times
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


@functools.lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """Case-, accent- and punctuation-insensitive key of a name (what makes two aliases one)."""
    if name.isascii():  # no accents to take off; casefold is lower
        plain = name.lower()
    else:
        decomposed = unicodedata.normalize("NFKD", name.casefold())
        plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_WORD.findall(plain))


def top(counts: Counter):
    """``counts.most_common(1)[0][0]`` without the sort machinery: the first key with the highest count."""
    return max(counts, key=counts.__getitem__)


def entity_kind(label: str) -> str:
    """The part of a label that an entity id depends on: persons are kept apart from every other
    named thing; among the others the model's label wavers ("Thorn" is ORG in one article and
    PRODUCT in the next), so they share one id space and the corpus majority names the label."""
    return "person" if label == "PERSON" else "thing"


@functools.lru_cache(maxsize=1 << 16)  # a pure function of two strings; an article names the same entity many times
def entity_id_for(label: str, name: str) -> str:
    """Stable cross-article id of the entity ``name`` with ``label``."""
    return make_id("entity", entity_kind(label), name_key(name))


def canonical_names(mentions: list[Mention]) -> tuple[dict[str, dict[str, None]], dict[str, str]]:
    """The full names of the article's persons: by each of their first and last words (in text
    order), and one written form per full name (the first not in capitals, a headline's, else the
    first)."""
    full_by_part: dict[str, dict[str, None]] = defaultdict(dict)  # dicts as ordered sets
    for m in mentions:
        if m.label == "PERSON":
            name = clean_name(m.text, "PERSON")
            words = name.split()
            if len(words) >= 2:
                full_by_part[name_key(words[-1])][name] = None
                full_by_part[name_key(words[0])][name] = None
    canonical_full: dict[str, str] = {}
    for names in full_by_part.values():
        for name in names:
            key = name_key(name)
            if key not in canonical_full or (canonical_full[key].isupper() and not name.isupper()):
                canonical_full[key] = name
    return full_by_part, canonical_full


def name_entities(mentions: list[Mention]) -> None:
    """Set ``name`` and ``entity_id`` of every name mention (in place): a person named by one word
    ("Kutcher") takes the full name the article uses when exactly one fits."""
    full_by_part, canonical_full = canonical_names(mentions)
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
