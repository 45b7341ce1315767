"""Per block, while its spaCy ``Doc`` is alive: plain records of the attribution cues the parse
shows (no ``Doc`` or ``Token`` survives this module).

For every sentence that :func:`pipeline.quotes.cues.needs_parse` flags (so the result is the
same whether or not the other sentences were parsed), each reporting, thought or evidence verb
gives a :class:`CueRecord`: the cue's offsets and lemma, the source (its subject — a relative
"who" as written, with the noun it stands for kept for resolution —, the agent of a passive, an
inverted subject after a quotation, or the subject of the verb it hangs on), and its content
candidates (the clausal complement, the object with its complements, a prepositional object the
cue takes, the host clause of a parenthetical "he said"); "according to X" gives X as the source
and the rest of its clause as content; a noun of saying gives its that-clause or prepositional
object, with its possessor as source; a verb outside the lexicon is a cue when it governs a
quotation or its clause ends in a colon.
Offsets are into the article text (the block's offset added).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.quotes.cues import (HEARER_OBJECT, NOUN_CUES, NP_CONTENT, OTHER_SENSE, PREP_CONTENT, cue_class, lemma_of,
                                   needs_parse)

#: dependency labels of a verb that can be a cue (nouns and modifiers with a cue's spelling are not)
VERBAL_DEPS = frozenset({"ROOT", "ccomp", "xcomp", "advcl", "conj", "parataxis", "relcl", "acl", "pcomp", "csubj",
                         "dep", "auxpass"})
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
#: complements that carry what was said
CONTENT_DEPS = ("ccomp", "xcomp")
#: pronouns (lower case) → (gender, number) for speaker resolution; gender m/f/n/None
PRONOUNS = {
    "he": ("m", "sg"), "him": ("m", "sg"), "his": ("m", "sg"),
    "she": ("f", "sg"), "her": ("f", "sg"), "hers": ("f", "sg"),
    "it": ("n", "sg"), "its": ("n", "sg"),
    "they": (None, "pl"), "them": (None, "pl"), "their": (None, "pl"),
    "i": (None, "sg"), "we": (None, "pl"), "you": (None, None),
    "who": (None, None), "which": ("n", None), "that": (None, None),
}


@dataclass
class CueRecord:
    """One attribution cue found by the parse, with plain offsets into the article text."""

    cue: tuple[int, int]
    lemma: str
    cls: str  # speech / thought / evidence / phrase
    sentence: tuple[int, int]
    source: tuple[int, int] | None = None
    source_head: tuple[int, int] | None = None  # the head word of the source ("Kutcher", "he", "actor")
    source_dep: str | None = None  # nsubj, agent, relcl, inherited, according...
    content: list[tuple[int, int]] = field(default_factory=list)
    relation: str | None = None  # ccomp, xcomp, dobj, host (parenthetical), according, none
    passive: bool = False
    colon_after: bool = False  # the cue's clause ends with a colon ("X said:")
    antecedent: tuple[int, int] | None = None  # what a relative "who" in the source stands for

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def _span(tokens, base: int) -> tuple[int, int]:
    first, last = tokens[0], tokens[-1]
    return base + first.idx, base + last.idx + len(last.text)


def _subtree_span(tok, base: int, skip=None) -> tuple[int, int] | None:
    """Offsets of ``tok``'s subtree (optionally without the subtree of ``skip``), trimmed of
    leading/trailing punctuation."""
    toks = [t for t in tok.subtree if skip is None or not (skip.left_edge.i <= t.i <= skip.right_edge.i)]
    while toks and toks[0].dep_ in ("punct", "cc") and toks[0].i != tok.i and toks[0].text not in "“\"‘'":
        toks = toks[1:]
    while toks and toks[-1].dep_ in ("punct", "cc") and toks[-1].i != tok.i and toks[-1].text not in "”\"’'":
        toks = toks[:-1]
    return _span(toks, base) if toks else None


def _noun_phrase(head, base: int) -> tuple[int, int]:
    """The words naming a source: the head's phrase without what hangs on it after a comma or as a
    clause ("the chairman of Thorn", not ", who founded it, ..."; "trolls", not "trolls who ...")."""
    cut = set()
    for c in head.children:
        if c.dep_ in ("relcl", "acl", "appos", "advcl", "punct") and c.i > head.i:
            cut.update(t.i for t in c.subtree)
    out = []
    for t in head.subtree:
        if t.i in cut:
            if t.i > head.i:
                break
            continue
        out.append(t)
    while out and out[0].dep_ == "punct":
        out = out[1:]
    while out and out[-1].dep_ == "punct" and out[-1].i != head.i:
        out = out[:-1]
    return _span(out or [head], base)


def _subject(verb):
    for c in verb.children:
        if c.dep_ in SUBJECT_DEPS:
            return c
    return None


def _agent(verb):
    for c in verb.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None


def _find_source(verb):
    """(token, how) naming who says: the subject, the agent of a passive, the noun a relative
    clause modifies, or the subject of the verb this one is coordinated with or embedded in."""
    seen = 0
    v = verb
    while v is not None and seen < 5:
        agent = _agent(v)
        if agent is not None:
            return agent, "agent"
        subj = _subject(v)
        if subj is not None and subj.dep_ != "nsubjpass":
            return subj, "nsubj" if v is verb else "inherited"  # a relative "who" is the words as written
        if subj is not None and subj.dep_ == "nsubjpass":
            return None, "passive"
        if v.dep_ in ("relcl", "acl") and v.head is not v and v.head.dep_ not in ("pobj", "prep"):
            return v.head, "relcl"
        if v is verb and not v.lower_.endswith("ing"):
            inverted = _inverted_subject(v)  # "…,” said Gene Sperling, a Clinton adviser
            if inverted is not None:
                return inverted, "nsubj"
        if v.dep_ in ("conj", "xcomp", "advcl", "dep", "pcomp", "prep", "acl") and v.head is not v:
            v = v.head  # "…, adding", "punctuated his list by saying": the subject of the verb it hangs on
            seen += 1
            continue
        break
    return None, None


def _inverted_subject(verb, sent_start: int | None = None):
    """A capitalised noun right after a verb with no subject, the inverted order of reporting
    clauses ("said Smith", "says the report" is not capitalised and is caught as nsubj).
    ``sent_start``: where the verb's sentence starts, when the caller knows (else ``verb.sent``)."""
    prev = verb.doc[verb.i - 1].text if verb.i > 0 else ""
    if prev not in (",", "”", '"', "''", "’", "—", "–") and verb.i != (verb.sent.start if sent_start is None else sent_start):
        return None  # inversion follows the quotation or a comma: "…,” said Smith", ", says Smith"
    for c in verb.children:
        if c.i > verb.i and c.dep_ in ("dobj", "attr", "npadvmod", "dep", "oprd", "nsubj") and c.text[:1].isupper():
            return c
    return None


#: words that stand for a noun phrase without naming a content (closed-class English pronouns and
#: quantifiers beyond :data:`PRONOUNS`)
PRO_FORMS = frozenset("""
me us him them this these those something anything nothing everything someone anyone everyone nobody
himself herself themselves itself myself ourselves yourself one ones all both each much more most some
""".split())
#: entity labels of an object that names who or when, not what ("thanked Smith", "said Tuesday")
WHO_OR_WHEN_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC", "DATE", "TIME"})
#: dependents that make a noun phrase a described content ("the plan", "new rules", "the idea of X")
CONTENT_MODIFIERS = frozenset({"det", "amod", "compound", "poss", "nummod", "prep", "acl", "relcl", "nmod"})


def _content_phrase(obj, lemma: str) -> bool:
    """Whether the object of a cue outside :data:`NP_CONTENT` reads as what was said or held, not
    a hearer, a name or a time: the cue is a verb of saying, thought or stance used in that sense
    (not in :data:`HEARER_OBJECT` or :data:`OTHER_SENSE`), and the object a common noun (not a
    pronoun, not capitalised, not inside a name, date or time entity) with a determiner or a
    modifier ("tweeted a photo of the crowd", "saw the vote as a warning", "discussed the new budget")."""
    if cue_class(lemma) not in ("speech", "thought", "stance") or lemma in HEARER_OBJECT or lemma in OTHER_SENSE:
        return False  # a verb outside the lexicon, evidence ("found a way"), a hearer, another sense
    if obj.lower_ in PRO_FORMS or obj.ent_type_ in WHO_OR_WHEN_LABELS or not obj.text[:1].islower():
        return False
    return any(c.dep_ in CONTENT_MODIFIERS for c in obj.children)


def _content(verb, lemma: str, base: int) -> tuple[list[tuple[int, int]], str]:
    """The content candidates of a cue verb: its clausal complement, else its object (with its
    predicate: "called the plan a disaster"), else the clause it interrupts ("X, he said, Y")."""
    for dep in CONTENT_DEPS:
        comps = [c for c in verb.children if c.dep_ == dep]
        # a complement after the cue before one ahead of it: with both, the one ahead is a clause
        # the parse hung on the cue ("It is unlikely; his team says she will …", "Smith, who
        # sits …, said that …"); a fronted complement alone is the content ("…, Smith said")
        for c in [c for c in comps if c.i > verb.i] + [c for c in comps if c.i < verb.i]:
            span = _subtree_span(c, base)
            if span and dep == "xcomp":
                # object control: "asked the court to intervene", "urged voters to stay home"
                objs = [o for o in verb.children if o.dep_ == "dobj" and verb.i < o.i < c.i]
                if objs:
                    span = (base + objs[0].left_edge.idx, span[1])
            if span:
                return [span], dep
    objs = [c for c in verb.children if c.dep_ in ("dobj", "oprd", "attr")]
    if not any(c.dep_ in ("oprd", "attr") for c in objs):
        # "told him", "wrote a book" name a hearer or a made thing; "called him a liar" says something
        objs = [c for c in objs if c.lower_ not in PRONOUNS
                and (lemma in NP_CONTENT or _content_phrase(c, lemma))]
    if objs:
        # the object with what completes it on the right ("described himself as a Catholic",
        # "estimates the fortune at $42 billion", "called the plan a disaster")
        parts = list(objs)
        for c in verb.children:  # the run of complements after the object, up to a comma or a new clause
            if c.i <= objs[0].i or c in objs:
                continue
            if c.dep_ in ("punct", "cc", "conj", "advcl", "npadvmod", "mark", "parataxis") or c.text in ",;":
                break
            parts.append(c)
        spans = [s for s in (_subtree_span(o, base) for o in parts) if s]
        if spans:
            return [(min(s for s, _ in spans), max(e for _, e in spans))], "dobj"
    for c in verb.children:  # "called for X", "railed against X", "pointed to X"
        allowed = PREP_CONTENT.get(c.lower_) if c.dep_ == "prep" else None
        if allowed is not None and (allowed == "*" or lemma in allowed):
            pobj = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            if pobj:
                span = _subtree_span(pobj[0], base)
                if span:
                    return [span], "prep"
    if verb.dep_ in ("parataxis", "dep") or (verb.dep_ == "ccomp" and verb.i > verb.head.i and verb.head.dep_ == "ROOT"
                                             and any(t.text in ",—–" for t in verb.doc[verb.head.i:verb.i])):
        host = verb.head
        span_l = _subtree_span_before(host, verb, base)
        if span_l:
            return span_l, "host"
    return [], "none"


def _subtree_span_before(host, verb, base: int) -> list[tuple[int, int]] | None:
    """The host clause of a parenthetical cue, without the cue's own words, as one or two fragments."""
    toks = [t for t in host.subtree if not (verb.left_edge.i <= t.i <= verb.right_edge.i)]
    if not toks:
        return None
    frags: list[list] = [[toks[0]]]
    for t in toks[1:]:
        if t.i == frags[-1][-1].i + 1:
            frags[-1].append(t)
        else:
            frags.append([t])
    out = []
    for f in frags:
        while f and f[0].dep_ == "punct" and f[0].text not in "“\"‘'":
            f = f[1:]
        while f and f[-1].dep_ == "punct" and f[-1].text not in "”\"’'.!?":
            f = f[:-1]
        if f:
            out.append(_span(f, base))
    return out or None


def _according(tok, sent, base: int) -> CueRecord | None:
    """"according to X": X is the source; the rest of the clause it modifies is the content."""
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    if to is None and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
        to = tok.doc[tok.i + 1]
    if to is None:
        return None
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    phrase_end = (pobj.right_edge if pobj is not None else to)
    cue = (base + tok.idx, base + to.idx + len(to.text))
    rec = CueRecord(cue, "according to", "phrase", (base + sent.start_char, base + sent.end_char))
    if pobj is not None:
        rec.source = _noun_phrase(pobj, base)
        rec.source_head = (base + pobj.idx, base + pobj.idx + len(pobj.text))
        rec.source_dep = "according"
    host = tok.head if tok.head is not tok else None
    while host is not None and host.dep_ not in VERBAL_DEPS and host.head is not host:
        host = host.head
    if host is None or tok.head is tok:
        host = sent.root
    toks = [t for t in host.subtree if not (tok.left_edge.i <= t.i <= phrase_end.i)]
    frags: list[list] = []
    for t in toks:
        if frags and t.i == frags[-1][-1].i + 1:
            frags[-1].append(t)
        else:
            frags.append([t])
    for f in frags:
        while f and f[0].dep_ == "punct":
            f = f[1:]
        while f and f[-1].dep_ == "punct" and f[-1].text not in "”\"’'":
            f = f[:-1]
        if f:
            rec.content.append(_span(f, base))
    rec.relation = "according"
    return rec


_MARKS = frozenset("“”\"‘’'«»") | {"''", "``"}


def _introduces_quotation(verb, sent_start: int) -> bool:
    """A verb with a subject whose clausal complement is a quotation (a quote mark at its edge):
    "“…,” she shared" — the speech-verb-with-ccomp mechanism, for verbs outside the lexicon.
    ``sent_start``: where the verb's sentence starts (``verb.sent.start``, which the caller knows)."""
    if not verb.text[:1].isalpha() or verb.text[:1].isupper() and verb.i > sent_start:
        return False
    if _subject(verb) is None and _inverted_subject(verb, sent_start) is None:  # "“…!” beamed Donald Hartley"
        return False
    doc = verb.doc
    for c in verb.children:
        if c.text in _MARKS and c.i == verb.i - 1 and c.i > sent_start + 1:
            return True  # the closing mark hangs on the verb right after it ("“What a morning!” beamed X")
        if c.dep_ in ("ccomp", "parataxis", "npadvmod", "dep"):
            lo, hi = c.left_edge.i, c.right_edge.i
            edge = {doc[lo].text, doc[hi].text}
            if lo > 0:
                edge.add(doc[lo - 1].text)
            # the marks between the complement and the verb ("… happiness,'” he began")
            between = doc[hi + 1:verb.i] if hi < verb.i else doc[verb.i + 1:lo]
            edge.update(t.text for t in between)
            if hi + 1 < len(doc):
                edge.add(doc[hi + 1].text)
            if edge & _MARKS:
                return True
    return False


NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos", "conj", "ROOT", "oprd"})
NOUN_CONTENT_PREPOSITIONS = frozenset({"of", "for", "against", "about", "on", "to"})


def _noun_cue(noun, lemma: str, sentence: tuple[int, int], base: int) -> CueRecord | None:
    """A noun of saying or holding with its content: a that-clause or infinitive hanging on it
    ("the claim that …", "a promise to …") or a prepositional object ("criticism of …", "support
    for …"); its source is the possessor ("Clinton's claim") or a by/from phrase."""
    content, relation = None, None
    for c in noun.children:
        if c.dep_ in ("acl", "ccomp", "relcl") and c.i > noun.i and any(m.dep_ == "mark" or m.dep_ == "aux" for m in c.children):
            if c.dep_ == "relcl" and not any(m.lower_ == "that" and m.dep_ == "mark" for m in c.children):
                continue
            content, relation = _subtree_span(c, base), "clause"
            break
    if content is None:
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ in NOUN_CONTENT_PREPOSITIONS and c.i > noun.i:
                pobj = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
                if pobj:
                    content, relation = _subtree_span(pobj[0], base), "prep"
                    break
    if content is None:
        return None
    rec = CueRecord((base + noun.idx, base + noun.idx + len(noun.text)), lemma, "noun", sentence,
                    content=[content], relation=relation)
    src = next((c for c in noun.children if c.dep_ == "poss"), None)
    if src is None:
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ in ("by", "from"):
                src = next((g for g in c.children if g.dep_ == "pobj"), None)
                break
    how = "poss"
    if src is None and noun.dep_ == "dobj":
        src, how = _find_source(noun.head)  # "X made the claim that …", "X voiced concerns about …"
    if src is not None:
        rec.source = _noun_phrase(src, base)
        rec.source_head = (base + src.idx, base + src.idx + len(src.text))
        rec.source_dep = how
    return rec


def _substrings(s: str) -> set[str]:
    """Every string ``x`` for which ``x in s`` holds (the empty one included)."""
    return {s[i:j] for i in range(len(s) + 1) for j in range(i, len(s) + 1)}


#: token texts :func:`_colon_after` stops at: a colon, or a text inside ``"“\"‘"`` (an opening mark)
_COLON_STOP_TEXTS = frozenset({":"} | _substrings("“\"‘"))


@lru_cache(maxsize=1)
def _ids() -> dict[str, frozenset]:
    """spaCy string ids (hashes, the same in every process) of the texts, labels and words the
    bulk reads compare with."""
    from spacy.strings import get_string_id

    def ids(strings) -> frozenset:
        return frozenset(get_string_id(x) for x in strings)

    return {"stops": ids(_COLON_STOP_TEXTS), "verbal": ids(VERBAL_DEPS), "nominal": ids(NOMINAL_DEPS),
            "nouns": ids(NOUN_CUES), "according": ids(["according"])}


def _colon_after(verb, sent, stops: list[int] | None = None) -> bool:
    """Whether the cue's own clause ends with a colon ("Kutcher said in a statement:", "Sanders
    made the following comment:"): any verb with a subject so placed introduces what follows.
    ``stops``: the doc's stops from :func:`_read_tokens` (the tokens the scan can stop at; all when ``None``)."""
    doc = verb.doc
    if stops is None:
        after = sent[verb.i - sent.start + 1:]
    else:
        k = bisect.bisect_right(stops, verb.i)
        after = (doc[i] for i in stops[k:bisect.bisect_left(stops, sent.end, k)])
    for t in after:
        if t.text == ":" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].text[:1].isdigit():
            return False  # a clock time or a ratio
        if t.text == ":":
            return all(verb.left_edge.i <= k <= verb.right_edge.i for k in range(verb.i, t.i))
        if t.text in "“\"‘":
            return False
    return False


def _read_tokens(doc) -> tuple[str, list[int], list[int]]:
    """The text of ``doc`` (``doc.text``), the indices (ascending) of the tokens that
    :func:`block_records` has to look at ("according", a verbal dependent, or a noun of saying in
    a nominal role: a token left out would be skipped by its loop anyway), and of those
    :func:`_colon_after` can stop at (a text in :data:`_COLON_STOP_TEXTS`).  Read in bulk, with no
    ``Token`` object made: ``doc.to_array`` of the lower-case, dependency, text and trailing-space
    attributes, the ids compared with the ids of the wanted strings."""
    from spacy.attrs import DEP, LOWER, ORTH, SPACY

    ids = _ids()
    verbal, nominal, nouns, according, stop = ids["verbal"], ids["nominal"], ids["nouns"], ids["according"], ids["stops"]
    strings = doc.vocab.strings
    pieces, cands, stops = [], [], []
    for i, (low, dep, orth, space) in enumerate(doc.to_array([LOWER, DEP, ORTH, SPACY]).tolist()):
        word = strings[orth]  # = doc[i].text
        pieces.append(word + " " if space else word)  # = doc[i].text_with_ws
        if dep in verbal or low in according or (low in nouns and dep in nominal):
            cands.append(i)
        if orth in stop and word in _COLON_STOP_TEXTS:
            stops.append(i)
    return "".join(pieces), cands, stops


def block_records(doc, base: int = 0) -> list[CueRecord]:
    """The cue records of one parsed block (``doc``), offsets shifted by ``base`` (the block's
    offset in the article).  Only sentences :func:`needs_parse` flags are read."""
    out: list[CueRecord] = []
    text, cands, stops = _read_tokens(doc)
    for sent in doc.sents:
        if not needs_parse(text[sent.start_char:sent.end_char]):  # = sent.text
            continue
        s_span = (base + sent.start_char, base + sent.end_char)
        lo = bisect.bisect_left(cands, sent.start)
        for i in cands[lo:bisect.bisect_left(cands, sent.end, lo)]:
            rec = _token_record(doc[i], sent, s_span, base, stops)
            if rec is not None:
                out.append(rec)
    return out


def _token_record(tok, sent, s_span: tuple[int, int], base: int, stops: list[int]) -> CueRecord | None:
    """The cue record of one token of a flagged sentence, or ``None``."""
    low = tok.lower_
    if low == "according":
        return _according(tok, sent, base)
    lemma = lemma_of(low)
    if tok.dep_ not in VERBAL_DEPS:
        if low in NOUN_CUES and tok.dep_ in NOMINAL_DEPS:
            return _noun_cue(tok, NOUN_CUES[low], s_span, base)
        return None
    if lemma is None:
        if not (_introduces_quotation(tok, sent.start) or (tok.dep_ == "ROOT" and _subject(tok) is not None
                                               and _colon_after(tok, sent, stops))):
            return None
        lemma = low  # a verb outside the lexicon that governs a quotation ("he began: “…”")
    rec = CueRecord((base + tok.idx, base + tok.idx + len(tok.text)), lemma, cue_class(lemma) or "speech", s_span)
    src, how = _find_source(tok)
    rec.passive = how == "passive"
    if src is not None:
        rec.source = _noun_phrase(src, base)
        rec.source_head = (base + src.idx, base + src.idx + len(src.text))
        rec.source_dep = how
        if src.lower_ in ("who", "that", "which") and src.head.dep_ in ("relcl", "acl") and src.head.head is not src.head:
            ante = src.head.head  # "Ernie Allen, who said …": who → Ernie Allen
            rec.antecedent = _noun_phrase(ante, base)
    rec.content, rec.relation = _content(tok, lemma, base)
    rec.colon_after = _colon_after(tok, sent, stops)
    return rec
