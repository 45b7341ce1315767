"""Per article, after names are resolved: quotations and cue records → attributions → rows of
the ``quotes`` table.

1. The text's quote-marked spans (:mod:`pipeline.quotes.marks`) outside embeds and unread
   boilerplate; titles and scare quotes are not quotations, and a quotation that continues a
   clause ("called it “a disaster”") is part of that clause's attribution, not one of its own.
2. Each free-standing quotation takes the cue of its sentence: the one after it ("“…,” Kutcher
   said"), or the one before it ("Kutcher said: “…”"); a quotation split by its cue ("“X,” he
   said, “Y.”") is one attribution with two fragments, and so is a quotation that carries on
   straight after an attributed one with no cue of its own.  A name before a colon in a headline
   ("Trump: “…”") is a cue too.
3. Every other cue record with a content (a clausal complement, an object, the clause around a
   parenthetical "he said", the rest of an "according to" clause) is reported speech: ``indirect``,
   or ``mixed`` where its content holds a quotation.  A cue inside a quotation or inside another
   attribution's content is nested and dropped (every word belongs to one attribution).
4. The source words resolve to an entity (:mod:`pipeline.quotes.speakers`).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from pipeline.quotes.marks import QuoteSpan, classify_span, quote_spans
from pipeline.quotes.speakers import SpeakerIndex
from pipeline.quotes.syntax import CueRecord
from pipeline.schemas import make_id

#: segment kinds whose quote marks are never quotations (the issue: embeds and boilerplate)
SKIP_KINDS = frozenset({"embed", "boilerplate", "credit"})
#: confidence of an attribution, by how it was found (ordered guesses, not calibrated probabilities)
#: (keys are rule prefixes: the longest that matches a row's rule applies)
CONFIDENCE = {
    "direct_cue": 0.9, "direct_colon_name": 0.8, "direct_dash_name": 0.8, "direct_last_speaker": 0.6,
    "direct_no_cue": 0.5, "indirect_speech": 0.75, "indirect_phrase": 0.75, "indirect_name_colon": 0.6,
    "indirect_thought": 0.55, "indirect_evidence": 0.55, "indirect_stance": 0.55, "indirect_seem": 0.5,
    "indirect_noun": 0.5, "indirect": 0.5,
}
#: a quotation with no cue goes to the last speaker quoted at most this many characters before it
RECENT_SPEAKER_CHARS = 1000
#: a quotation with no cue carries on the previous attribution when at most this many non-space
#: characters stand between them (its closing punctuation, a paragraph break)
CONTINUE_GAP = 3

#: a sentence end: a full stop (not after a title or an initial), ! ? … and closing marks, or a line break
_SENT_END = re.compile(r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bSen)(?<!\bRep)(?<!\bGov)(?<!\bGen)"
                       r"(?<!\bLt)(?<!\bCol)(?<!\bSgt)(?<!\bProf)(?<!\bJr)(?<!\bSr)(?<!\bNo)(?<!\bvs)(?<!\b[A-Z])"
                       r"[.!?…][\"”’']*(?=\s)|\n")
_DASH_NAME = re.compile(r"[ \t]*[―—–-]+[ \t]*([A-Z][^\n.,;“\"]{1,60})")
#: two to four capitalised words: a name even where the recogniser found none ("― Adriana Rodarte")
_NAME_SHAPE = re.compile(r"[A-Z][\w'’-]+(?: [A-Z][\w'’.-]+){1,3}")
_NAME_COLON = re.compile(r"(?:^|[\n.!?]\s*)([^\n.!?:“\"]{2,60}?):\s*$")


@dataclass
class Attribution:
    """One attribution being assembled."""

    content: list[tuple[int, int]]
    kind: str
    how: str
    cue: tuple[int, int] | None = None
    lemma: str | None = None
    source: tuple[int, int] | None = None
    source_head: tuple[int, int] | None = None
    record: CueRecord | None = None


def _skip_ranges(segments: list[dict], read_ids: set[str] | None) -> list[tuple[int, int]]:
    """Blocks whose quote marks are not read: embeds and credits always; boilerplate unless the
    recogniser read it as part of the story (``read_ids``)."""
    out = []
    for s in segments:
        if s["kind"] == "embed" or s["kind"] == "credit" or (
                s["kind"] == "boilerplate" and (read_ids is None or s["segment_id"] not in read_ids)):
            out.append((s["char_start"], s["char_end"]))
    return out


def _embedded(text: str, q: QuoteSpan, cue_ends: set[int]) -> bool:
    """Whether a quotation continues a clause: a word (not a cue verb) stands right before it."""
    i = q.start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    if i < 0 or not (text[i].isalnum() or text[i] in "’'%$"):
        return False
    first = next((c for c in text[q.start:q.end] if c.isalpha()), "")
    # right after a cue verb, a quoted sentence stands alone ("said “We will win.”"); a quoted
    # phrase in lower case is its object ("called it “total crap”")
    return (i + 1) not in cue_ends or first.islower()


def _sentence_bounds(text: str, pos: int, lo_limit: int, hi_limit: int) -> tuple[int, int]:
    """The stretch of the sentence around ``pos`` within [lo_limit, hi_limit)."""
    lo = lo_limit
    for m in _SENT_END.finditer(text, lo_limit, pos):
        if m.group() == "\n" and text[lo_limit:m.start()].rstrip().endswith(":") and not text[m.end():pos].strip():
            continue  # the line break after a colon introduction
        lo = m.end()
    m = _SENT_END.search(text, pos, hi_limit)
    hi = m.end() if m else hi_limit
    return lo, hi


def _inside(pos: int, spans) -> bool:
    return any(s <= pos < e for s, e in spans)


class _Article:
    """One article's text, quotations and cue records, with the look-ups assembly needs."""

    def __init__(self, text: str, records: list[CueRecord], mentions: list[dict], spans: list[QuoteSpan],
                 quotations: list[QuoteSpan]):
        self.text, self.mentions, self.spans = text, mentions, spans
        self.records = sorted(records, key=lambda r: r.cue[0])
        self.cue_starts = [r.cue[0] for r in self.records]
        self.quoted = [f for q in quotations for f in q.fragments]  # words inside a quotation
        self.para_ends = [m.start() for m in re.finditer(r"\n", text)] + [len(text)]

    def para_end(self, pos: int) -> int:
        return self.para_ends[bisect.bisect_right(self.para_ends, pos)] if pos < len(self.text) else len(self.text)

    def para_start(self, pos: int) -> int:
        return self.text.rfind("\n", 0, pos) + 1

    def cues_in(self, lo: int, hi: int, phrases: bool = False) -> list[CueRecord]:
        """Cue records in [lo, hi) outside quotations ("according to" only when ``phrases``)."""
        i = bisect.bisect_left(self.cue_starts, lo)
        out = []
        while i < len(self.records) and self.records[i].cue[0] < hi:
            r = self.records[i]
            if not _inside(r.cue[0], self.quoted) and (phrases or r.cls != "phrase"):
                out.append(r)
            i += 1
        return out


def assemble(text: str, records: list[CueRecord], mentions: list[dict], segments: list[dict],
             read_ids: set[str] | None = None) -> list[Attribution]:
    """The attributions of one article (see the module docstring for the steps)."""
    skip = _skip_ranges(segments, read_ids)
    spans = quote_spans(text, skip)
    quotations = [q for q in spans if classify_span(text, q) == "quotation"]
    art = _Article(text, records, mentions, spans, quotations)
    cue_ends = {r.cue[1] for r in art.records}
    free = [q for q in quotations if not _embedded(text, q, cue_ends)]
    used: set[int] = set()
    out = _direct(art, free, used)
    out += _reported(art, used, [f for a in out for f in a.content])
    out += _name_colon_lines(text, mentions, skip, [f for a in out for f in a.content], art.quoted)
    out.sort(key=lambda a: a.content[0][0])
    return out


def _direct(art: _Article, free: list[QuoteSpan], used: set[int]) -> list[Attribution]:
    """Step 2: each free-standing quotation with the cue of its sentence (``used`` collects the
    records taken), merged with the one before when it carries it on."""
    text = art.text
    out: list[Attribution] = []
    prev: Attribution | None = None
    prev_end = -1
    for k, q in enumerate(free):
        nxt_start = free[k + 1].start if k + 1 < len(free) else len(text)
        p0 = art.para_start(q.start)
        if not text[p0:q.start].strip() and text[:p0].rstrip().endswith(":"):
            p0 = art.para_start(len(text[:p0].rstrip()))  # "X said:" closes the paragraph before
        lead_lo, _ = _sentence_bounds(text, q.start, max(free[k - 1].end if k else 0, p0), q.start)
        _, trail_hi = _sentence_bounds(text, q.end, q.end, min(nxt_start, art.para_end(q.end)))
        if _closes_sentence(text, q):
            trail_hi = q.end  # "X said, “… .” The aide declined …": the next sentence's cue is its own
        leading = art.cues_in(lead_lo, q.start, phrases=True)  # "According to the campaign, “…”"
        if leading and _clause_runs_into(text, leading[-1], q):
            continue  # "said that when …, “…”": the quotation ends a reported clause (mixed)
        rec = _pick_cue(text[lead_lo:q.start], leading, art.cues_in(q.end, trail_hi))
        if rec is not None and id(rec) in used and prev is not None and prev.record is rec:
            prev.content.extend(q.fragments)  # "“X,” he said, “Y.”"
            prev_end = q.end
            continue
        if rec is not None:
            used.add(id(rec))
            att = _with_cue(art, q, rec, out)
            out.append(att)
            # a quotation that follows this sentence with no cue of its own carries on from here
            prev, prev_end = att, (trail_hi if rec.cue[0] >= q.end else q.end)
            continue
        att = _without_cue(art, q, lead_lo, trail_hi, out)
        gap = re.sub(r"\s", "", text[prev_end:q.start]) if prev is not None else None
        if att.how not in ("direct_dash_name", "direct_colon_name") and gap is not None and len(gap) <= CONTINUE_GAP and prev.kind != "indirect":
            prev.content.extend(q.fragments)  # a quotation carrying on straight after an attributed one
            prev_end = q.end
            continue
        out.append(att)
        prev, prev_end = att, q.end
    return out


#: a quotation that ends its sentence: a full stop inside the closing marks
_CLOSING_STOP = re.compile(r"\.[\"”’']+$")
_NEXT_CHAR = re.compile(r"\s*(\S)")


def _closes_sentence(text: str, q: QuoteSpan) -> bool:
    """Whether the quotation ends its sentence (a full stop inside its closing marks, and no
    lower-case word after it: "… campaign.” he said" is a comma written as a stop), so that no
    cue after it is its own: "X said Wednesday, “… campaign.” The aide declined to …"."""
    if not q.closed or not _CLOSING_STOP.search(text, q.start, q.end):
        return False
    nxt = _NEXT_CHAR.match(text, q.end)
    return nxt is None or not nxt.group(1).islower()


def _pick_cue(lead_text: str, leading: list[CueRecord], trailing: list[CueRecord]) -> CueRecord | None:
    """The cue of a quotation: the one before it when a colon introduces it, else the one after
    it, else the one before it."""
    if leading and lead_text.rstrip().endswith(":"):
        return leading[-1]
    if trailing:
        return trailing[0]
    return leading[-1] if leading else None


def _with_cue(art: _Article, q: QuoteSpan, rec: CueRecord, done: list[Attribution]) -> Attribution:
    """A quotation's attribution from its cue record; a subject inside a quotation is that
    quotation's own, so the nearest name outside quotations (or the last speaker) stands in."""
    att = Attribution(list(q.fragments), "direct", "direct_cue", rec.cue, rec.lemma, rec.source, rec.source_head, rec)
    if att.source is not None and _inside(att.source[0], art.quoted):
        att.source = att.source_head = None
    if att.source is None and not rec.passive:
        att.source = _nearest_name(art.mentions, rec, art.quoted) or _last_source(done, q.start, art.records, art.quoted)
        att.source_head = att.source
    return att


def _without_cue(art: _Article, q: QuoteSpan, lead_lo: int, trail_hi: int, done: list[Attribution]) -> Attribution:
    """A quotation with no cue record: "“…” ― Name", "Name: “…”", else the speaker named last."""
    text = art.text
    dash = _DASH_NAME.match(text, q.end, trail_hi if trail_hi > q.end else art.para_end(q.end))
    if dash and (_names_someone(art.mentions, dash.start(1), dash.end(1)) or _NAME_SHAPE.fullmatch(dash.group(1).strip())):
        return Attribution(list(q.fragments), "direct", "direct_dash_name", (dash.start(), dash.start(1)), "—",
                           (dash.start(1), dash.end(1)))
    lead_text = text[lead_lo:q.start]
    m = _NAME_COLON.search(lead_text) if lead_text.strip() else None
    if m and _names_someone(art.mentions, lead_lo + m.start(1), lead_lo + m.end(1)):
        colon = text.rindex(":", 0, q.start)
        return Attribution(list(q.fragments), "direct", "direct_colon_name", (colon, colon + 1), ":",
                           (lead_lo + m.start(1), lead_lo + m.end(1)))
    # news gives a quotation standing alone to the speaker named last
    last = _last_source(done, q.start, art.records, art.quoted)
    if last is not None:
        return Attribution(list(q.fragments), "direct", "direct_last_speaker", source=last, source_head=last)
    return Attribution(list(q.fragments), "direct", "direct_no_cue")


def _reported(art: _Article, used: set[int], direct_chars: list[tuple[int, int]]) -> list[Attribution]:
    """Step 3: every cue record not taken by a quotation, with a content, is reported speech
    (``mixed`` where its content holds a quote-marked span); nested cues are dropped."""
    out = []
    # the contents of the records no quotation took, each with its record
    contents = [(s, e, r2) for r2 in art.records if id(r2) not in used for s, e in r2.content]
    for rec in art.records:
        if id(rec) in used or not rec.content or _inside(rec.cue[0], art.quoted):
            continue
        pos = rec.cue[0]
        if any(s <= pos < e and r2 is not rec and r2.cue != rec.cue for s, e, r2 in contents):
            continue  # nested in another attribution's content
        content = [piece for s, e in _widen(rec.content, art.spans) for piece in _minus(art.text, s, e, direct_chars)]
        if not content:
            continue
        mixed = any(q.start < e and q.end > s for q in art.spans for s, e in content)
        source, head = rec.source, rec.source_head
        if source is not None and _inside(source[0], art.quoted):
            source = head = _nearest_name(art.mentions, rec, art.quoted)  # a subject inside a quotation is its own
        out.append(Attribution(content, "mixed" if mixed else "indirect", f"indirect_{rec.cls}_{rec.relation}",
                               rec.cue, rec.lemma, source, head, rec))
    return out


#: "Name: words" at the start of a line — a headline's or a transcript's way to attribute
_LINE_NAME_COLON = re.compile(r"(?m)^([^\n:]{2,50}?):[ \t]+(\S[^\n]*)$")


def _name_colon_lines(text: str, mentions: list[dict], skip, taken, quoted) -> list[Attribution]:
    """Attributions of lines that open with a name and a colon ("Graham: Trump’s Rhetoric Is
    Destroying GOP’s Chances"): the name is the source when a person or organisation mention fills
    it; the rest of the line (to its first sentence end) is the content."""
    out = []
    for m in _LINE_NAME_COLON.finditer(text):
        s, e = m.start(1), m.end(1)
        if _inside(s, skip) or _inside(m.start(2), quoted) or _inside(m.start(2), taken):
            continue
        names = [x for x in mentions if x["char_start"] >= s and x["char_end"] <= e and x.get("label") in ("PERSON", "ORG")]
        if not names or sum(x["char_end"] - x["char_start"] for x in names) < 0.5 * len(text[s:e].strip()):
            continue
        c0 = m.start(2)
        end = _SENT_END.search(text, c0, m.end(2))
        c1 = end.start() if end else m.end(2)
        if c1 - c0 < 8:
            continue
        src = (names[-1]["char_start"], names[-1]["char_end"])
        out.append(Attribution([(c0, c1)], "indirect", "indirect_name_colon", (e, e + 1), ":", src, src))
    return out


def _last_source(done: list[Attribution], pos: int, records: list[CueRecord] = (), quoted=()) -> tuple[int, int] | None:
    """The speaker named last before ``pos`` (at most ``RECENT_SPEAKER_CHARS`` back): the source of
    a quotation, or of a speech cue outside quotations ("Smith said the plan was flawed.")."""
    cands = [a.source for a in done if a.source and a.source[0] < pos and pos - a.content[-1][1] <= RECENT_SPEAKER_CHARS]
    cands += [r.source for r in records if r.source and r.cls == "speech" and r.cue[0] < pos
              and pos - r.cue[1] <= RECENT_SPEAKER_CHARS and not _inside(r.cue[0], quoted)]
    return max(cands) if cands else None


def _nearest_name(mentions: list[dict], rec: CueRecord, quoted) -> tuple[int, int] | None:
    """The person or organisation named nearest the cue in its sentence, outside quotations (for a
    cue whose subject the parse did not find)."""
    s0, s1 = rec.sentence
    near = [(abs(m["char_start"] - rec.cue[0]), (m["char_start"], m["char_end"])) for m in mentions
            if s0 <= m["char_start"] < s1 and m.get("label") in ("PERSON", "ORG") and not _inside(m["char_start"], quoted)]
    return min(near)[1] if near else None


def _clause_runs_into(text: str, rec: CueRecord, q: QuoteSpan) -> bool:
    """Whether the cue's reported clause starts before the quotation and runs into it, with words
    between (not just "said, “…”" or "said: “…”")."""
    for s, e in rec.content:
        if s < q.start < e and s >= rec.cue[1] and re.search(r"\w", text[s:q.start]) and not text[s:q.start].rstrip().endswith(":"):
            return True
    return False


def _widen(fragments: list[tuple[int, int]], spans: list[QuoteSpan]) -> list[tuple[int, int]]:
    """A reported clause never stops inside a quotation: a fragment whose edge falls inside a
    quote-marked span (the parse lost its way at the marks) is widened to the span's edge."""
    out = []
    for s, e in fragments:
        for q in spans:
            for a, b in q.fragments:
                if a < e < b:
                    e = b
                if a < s < b:
                    s = a
        out.append((s, e))
    return out


def _minus(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """[start, end) without the parts inside ``spans`` (direct quotations another attribution
    holds), as the pieces left that still hold a word, trimmed of spaces and punctuation."""
    pieces = [(start, end)]
    for a, b in sorted(spans):
        nxt = []
        for s, e in pieces:
            if b <= s or a >= e:
                nxt.append((s, e))
                continue
            if a > s:
                nxt.append((s, a))
            if b < e:
                nxt.append((b, e))
        pieces = nxt
    out = []
    for s, e in pieces:
        while s < e and (text[s].isspace() or text[s] in ",;:—–-"):
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:—–-"):
            e -= 1
        if any(c.isalnum() for c in text[s:e]):
            out.append((s, e))
    return out


def _mostly_inside(s: int, e: int, spans: list[tuple[int, int]]) -> bool:
    n = max(1, e - s)
    covered = sum(max(0, min(e, b) - max(s, a)) for a, b in spans)
    return covered >= 0.5 * n


def _names_someone(mentions: list[dict], start: int, end: int) -> bool:
    return any(m["char_start"] >= start and m["char_end"] <= end and m.get("label") in ("PERSON", "ORG")
               for m in mentions)


def _confidence(rule: str) -> float:
    """The confidence of the longest :data:`CONFIDENCE` prefix of ``rule``."""
    best = max((k for k in CONFIDENCE if rule.startswith(k)), key=len, default=None)
    return CONFIDENCE[best] if best else 0.5


def quote_rows(article_id: str, text: str, records: list[CueRecord], mentions: list[dict], segments: list[dict],
               sentences: list[dict], read_ids: set[str] | None = None) -> list[dict]:
    """Rows of the ``quotes`` table for one article (see :data:`pipeline.schemas.QUOTES`)."""
    atts = assemble(text, records, mentions, segments, read_ids)
    index = SpeakerIndex(text, mentions)
    seg_starts = [s["char_start"] for s in segments]
    sent_starts = [s["char_start"] for s in sentences]
    rows = []
    for a in atts:
        ante = a.record.antecedent if a.record is not None else None
        speaker = (index.resolve(ante, None) if ante and a.source == a.record.source else None) or index.resolve(a.source, a.source_head)
        anchor = a.cue[0] if a.cue else a.content[0][0]
        seg = segments[max(0, bisect.bisect_right(seg_starts, a.content[0][0]) - 1)] if segments else None
        sent = sentences[bisect.bisect_right(sent_starts, anchor) - 1] if sentences and anchor >= sent_starts[0] else None
        conf = _confidence(a.how) - (0.0 if a.source else 0.15)
        rows.append({
            "quote_id": make_id("quote", article_id, a.content[0][0], a.content[-1][1], a.cue),
            "article_id": article_id,
            "kind": a.kind,
            "content_starts": [s for s, _ in a.content],
            "content_ends": [e for _, e in a.content],
            "cue_char_start": a.cue[0] if a.cue else None,
            "cue_char_end": a.cue[1] if a.cue else None,
            "cue_lemma": a.lemma,
            "cue_text": text[a.cue[0]:a.cue[1]] if a.cue else None,
            "source_char_start": a.source[0] if a.source else None,
            "source_char_end": a.source[1] if a.source else None,
            "source_text": text[a.source[0]:a.source[1]] if a.source else None,
            "speaker_entity_id": speaker.entity_id if speaker else None,
            "speaker_name": speaker.name if speaker else None,
            "speaker_label": speaker.label if speaker else None,
            "confidence": round(max(0.05, conf), 2),
            "rule": a.how,
            "segment_id": seg["segment_id"] if seg else None,
            "sentence_id": sent["sentence_id"] if sent else None,
        })
    return rows
