"""Modifiers of a number, as data: words before it ("more than", "nearly", "up to") and after it ("or more", "-odd")."""

from __future__ import annotations

import re

from pipeline.normalise.quantities.currencies import CONTEXT_CURRENCY_RE

#: modifier -> the phrases that express it (origin: written by hand from news usage)
_MOD_PHRASES = {
    "APPROX": [
        "about", "around", "approximately", "approx", "approx.", "roughly", "nearly", "almost",
        "some", "an estimated", "estimated", "est.", "circa", "ca.", "c.", "close to",
        "closer to", "just about", "more or less", "in the region of", "in the neighbourhood of",
        "in the neighborhood of", "on the order of", "the best part of", "~", "≈", "an approximate",
        "approximate", "give or take",
    ],
    "MORE_THAN": [
        "more than", "over", "above", "upwards of", "upward of", "in excess of", "exceeding",
        "greater than", "higher than", "larger than", "bigger than", "beyond", "north of",
        "just over", "well over", "well above", "just above", "topping", ">", "more then",
        "well in excess of", "a little over", "slightly over", "slightly more than",
    ],
    "LESS_THAN": [
        "less than", "under", "below", "fewer than", "lower than", "smaller than", "shy of",
        "short of", "just under", "just below", "well under", "well below", "south of", "<",
        "less then", "slightly under", "slightly less than", "a little under", "barely",
    ],
    "AT_LEAST": [
        "at least", "no less than", "not less than", "no fewer than", "not fewer than",
        "a minimum of", "minimum of", "minimum", "as few as", "as little as", "at a minimum",
        "≥", ">=",
    ],
    "AT_MOST": [
        "at most", "no more than", "not more than", "up to", "a maximum of", "maximum of",
        "maximum", "as many as", "as much as", "not exceeding", "at a maximum", "≤", "<=",
        "up until",
    ],
}


_MOD_OF = {p: m for m, ps in _MOD_PHRASES.items() for p in ps}


_MOD_RE = re.compile(
    r"(?:^|(?<=[^a-z]))("
    + "|".join(re.escape(p) for p in sorted(_MOD_OF, key=len, reverse=True))
    + r")\s*$"
)


#: a modifier after the number: AT_LEAST (group 1), AT_MOST (group 2), APPROX (group 3)
POST_MOD_RE = re.compile(
    r"\s*-?\s*(?:(or more|or over|or above|or higher|or greater|plus|\+)"
    r"|(or less|or fewer|or under|or below|or lower)"
    r"|(or so|-?odd|-?ish|or thereabouts))(?![a-z])"
)


def modifier_before(prefix: str) -> str | None:
    """The modifier written at the end of ``prefix`` ("more than", "nearly"), skipping a currency sign or an article."""
    p = prefix.rstrip()
    # a currency sign or article between the modifier and the number: "over $2m", "about a dozen"
    for _ in range(2):
        m = CONTEXT_CURRENCY_RE.search(p)
        if m and m.group(1):
            p = p[: m.start(1)].rstrip()
        if p.endswith(" a") or p.endswith(" an") or p in ("a", "an"):
            p = p.rsplit(" ", 1)[0] if " " in p else ""
    m = _MOD_RE.search(p)
    return _MOD_OF[m.group(1)] if m else None
