"""The counted noun: which noun a number counts, read from the dependency parse ("6,000 trafficking victims" -> victim)."""

from __future__ import annotations

from functools import lru_cache

from pipeline.lexicon.numbers import DOZEN_WORDS, SCALE_WORDS

_COUNT_DEPS = frozenset({"nummod", "quantmod", "amod", "compound", "nmod", "det", "npadvmod"})
_PARTITIVE_PRONOUNS = frozenset({"which", "whom", "them", "these", "those", "us", "you", "it"})
_BE_FORMS = frozenset({"is", "are", "was", "were", "be", "been", "being", "'re", "'s", "remain",
                       "remained", "became", "become"})
_NOT_NOUNS = frozenset({"%", "percent", "per", "cent", "times", "time", "of", "than", "more",
                        "less", "and", "or", "to", "the", "a", "an", "each", "every", "apiece",
                        "all", "both", "some", "any", "most", "many", "few", "several"}
                       | set(SCALE_WORDS) | set(DOZEN_WORDS) | {"hundred", "hundreds"})


@lru_cache(maxsize=1)
def _inflect():
    import inflect

    return inflect.engine()


@lru_cache(maxsize=16384)
def _singular(word: str) -> str:
    w = word.lower()
    try:
        s = _inflect().singular_noun(w)
    except Exception:
        s = False
    return s if isinstance(s, str) and s else w


def _nounish(tok) -> bool:
    text = tok.text
    return (any(c.isalpha() for c in text) and not tok.like_num and not tok.is_punct
            and text.lower() not in _NOT_NOUNS and tok.dep_ not in ("cc", "prep", "punct", "aux"))


def _result(tok) -> tuple[str, int, int]:
    return _singular(tok.text), tok.idx, tok.idx + len(tok.text)


def counted_noun(span) -> tuple[str, int, int] | None:
    """The noun that a count counts, from the dependency parse around a spaCy numeric Span.

    Returns (singular lower-case lemma, doc char start, doc char end) of that noun token, e.g.
    "6,000 trafficking victims" -> ("victim", ...), "27,000 children" -> ("child", ...).
    Rules, tried in order on the span's number token (its syntactic root):

    * the number modifies a noun outside the span (``nummod``/``quantmod``/``amod``): that noun;
    * a vague or partitive count with "of": "thousands of people" -> person, "2,000 of the
      victims" -> victim;
    * a partitive with a pronoun and a copula, "2,000 of which are minors" / "300 of them were
      children": the predicate noun (minor, child) -- the pronoun names nothing, and the
      predicate names exactly the 2,000 counted;
    * otherwise None ("the toll rose to 50", "50 were killed").

    Uses only ``dep_``, ``head``, ``children`` and token text (no tagger or lemmatizer needed).
    Never raises: any unexpected input gives None.
    """
    try:
        doc = span.doc
        root = span.root
        inside = set(range(span.start, span.end))
        # 1. number -> head noun outside the span
        head = root.head
        if root.dep_ in _COUNT_DEPS and head.i not in inside and head.i != root.i and _nounish(head):
            if head.i > root.i or root.dep_ in ("nummod", "quantmod"):
                return _result(head)
        # the noun may also sit inside the span when the span is "hundreds of thousands"
        # 2. "thousands of people", "2,000 of the victims"
        for child in root.children:
            if child.dep_ == "prep" and child.text.lower() == "of":
                pobj = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
                if not pobj:
                    continue
                obj = pobj[0]
                if obj.text.lower() in _PARTITIVE_PRONOUNS:
                    # 3. "2,000 of which are minors"
                    verb = root.head
                    if root.dep_ in ("nsubj", "nsubjpass") and verb.text.lower() in _BE_FORMS:
                        for c in verb.children:
                            if c.dep_ in ("attr", "acomp", "oprd") and _nounish(c) and c.i != root.i:
                                return _result(c)
                    return None
                if _nounish(obj) and obj.i not in inside:
                    return _result(obj)
                if obj.like_num:
                    # "hundreds of thousands of refugees": follow the chain
                    for c in obj.children:
                        if c.dep_ == "prep" and c.text.lower() == "of":
                            for g in c.children:
                                if g.dep_ == "pobj" and _nounish(g):
                                    return _result(g)
        # a vague count whose "of"-phrase hangs off a number inside the span
        for tok in span:
            if tok.i == root.i:
                continue
            for child in tok.children:
                if child.dep_ == "prep" and child.text.lower() == "of" and child.i >= span.end - 1:
                    for g in child.children:
                        if g.dep_ == "pobj" and _nounish(g) and g.i not in inside:
                            return _result(g)
        # a right sibling noun the parser attached to the same head ("6,000 victims" mis-parse)
        nxt = doc[span.end] if span.end < len(doc) else None
        if (nxt is not None and nxt.i != root.i and nxt.head.i == root.i
                and nxt.dep_ in ("compound", "appos", "dobj", "npadvmod") and _nounish(nxt)):
            return _result(nxt)
        return None
    except Exception:
        return None
