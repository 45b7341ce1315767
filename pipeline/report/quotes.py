"""Who said what: the most quoted speakers and their quotations (when the ``quotes`` table exists)."""

from __future__ import annotations

from typing import Callable


from pipeline.report import svg
from pipeline.report.html import bar_cell, esc, num, section, shorten, table
from pipeline.report.load import Tables
from pipeline.report.views import Links, candidates

#: speakers listed; quotations shown per speaker; quotation groups listed
TOP_SPEAKERS = 60
PAGE = 12
PER_SPEAKER = 3
TOP_GROUPS = 20


def quote_text(text: str, starts, ends, limit: int = 240) -> str:
    """The words of one attribution: its fragments joined by ``…``, shortened to ``limit``."""
    parts = [text[int(s):int(e)].strip().strip("\"“”‘’'").strip().rstrip(",") for s, e in zip(starts, ends)]
    return shorten(" … ".join(p for p in parts if p), limit)


def compute(t: Tables) -> dict | None:
    """Speakers with their quotations (most quotations first); None when there is no ``quotes`` table."""
    q = t.quotes
    if q is None:
        return None
    text = t.texts
    # a boolean array, not the mapped Series: on a table with no rows that Series has dtype object
    # and pandas would read it as a list of column names
    q = q[q.content_starts.map(lambda v: v is not None and len(v) > 0).to_numpy(dtype=bool)].copy()
    q["who"] = q.speaker_entity_id.fillna(q.speaker_name) if "speaker_entity_id" in q else q.speaker_name
    q["words"] = [quote_text(text.get(a, ""), s, e) for a, s, e in zip(q.article_id, q.content_starts, q.content_ends)]
    q["start"] = q.content_starts.map(lambda v: int(v[0]))
    q["end"] = q.content_ends.map(lambda v: int(v[-1]))
    named = q[q.who.notna()]
    speakers = []
    for who, g in named.groupby("who"):
        g = g.sort_values(["confidence", "article_id", "start"], ascending=[False, True, True]) if "confidence" in g else g
        speakers.append({"name": g.speaker_name.dropna().mode().iloc[0] if g.speaker_name.notna().any() else str(who),
                         "n": len(g), "n_articles": g.article_id.nunique(),
                         "quotes": list(g[["article_id", "start", "end", "words", "kind"]].itertuples(index=False))[:PER_SPEAKER],
                         "cands": list(dict.fromkeys(g.article_id))[:30]})
    speakers.sort(key=lambda s: (-s["n"], -s["n_articles"], s["name"]))
    groups = []
    if "quote_group" in q.columns:
        for gid, g in q[q.quote_group.notna()].groupby("quote_group"):
            if g.article_id.nunique() > 1:
                first = g.iloc[0]
                cands, spans = candidates(g.rename(columns={"start": "char_start", "end": "char_end"}), by_count=False)
                groups.append({"words": first.words, "who": first.speaker_name, "n_articles": g.article_id.nunique(),
                               "cands": cands, "spans": spans})
        groups.sort(key=lambda g: -g["n_articles"])
    return {"speakers": speakers[:TOP_SPEAKERS], "n": len(q), "n_unattributed": int(q.who.isna().sum()),
            "kinds": q.kind.astype(str).value_counts().to_dict(), "groups": groups[:TOP_GROUPS]}


def want(data: dict | None, links: Links) -> None:
    """Ask for the articles of the quotations shown."""
    if not data:
        return
    for i, s in enumerate(data["speakers"]):
        for quote in s["quotes"]:
            links.want([quote.article_id], tier=0 if i < PAGE else 1)
    for g in data["groups"]:
        links.want(g["cands"], tier=0)


def _speakers_html(data: dict, links: Links) -> str:
    rows = []
    maximum = max((s["n"] for s in data["speakers"]), default=1)
    for s in data["speakers"]:
        quotes = "".join(
            f'<li class="k-{esc(q.kind)}">{links.link("“" + esc(q.words) + "”", q.article_id, q.start, q.end, tip=f"{q.kind} quotation: open it in its article")}</li>'
            for q in s["quotes"])
        bar = bar_cell(s["n"], maximum, colour=svg.OKABE["purple"])
        rows.append([f'<b>{esc(shorten(s["name"], 40))}</b>', f'<ul class="quotes">{quotes}</ul>', bar, num(s["n_articles"])])
    return table(["speaker", "what they said (up to 3)", "quotations", "articles"], rows, id_="speakers",
                 page_size=PAGE, numeric=(3,), empty="No quotation has a speaker the pipeline could name.")


def build(t: Tables, links: Links, titles: dict[str, str]) -> Callable[[], str]:
    """Compute the section, register its links, and return the function that renders it."""
    data = compute(t)
    want(data, links)

    def render() -> str:
        if data is None:
            return section("quotes", "Who said what", "The most quoted speakers and what they said.",
                           '<p class="empty" id="quotes-absent">This output has no <code>quotes</code> table yet '
                           "(it comes with the quotations stage); this section fills in when it does.</p>")
        kinds = ", ".join(f"{num(v)} {k}" for k, v in sorted(data["kinds"].items()))
        intro = (f'<span id="quotes-total" data-n="{data["n"]}">{num(data["n"])}</span> quotations and paraphrases{f" ({esc(kinds)})" if kinds else ""}; '
                 f'{num(data["n_unattributed"])} without a speaker the pipeline could name. Click a quotation to read it in its article.')
        body = _speakers_html(data, links)
        if data["groups"]:
            rows = [[links.link_any("“" + esc(shorten(g["words"], 140)) + "”", g["cands"], g["spans"]), esc(g["who"] or ""),
                     num(g["n_articles"]), links.numbered(g["cands"], 4)] for g in data["groups"]]
            body += "<h3>The same quotation in several articles</h3>" + table(
                ["quotation", "speaker", "articles", "see"], rows, numeric=(2,), page_size=10)
        return section("quotes", "Who said what", intro, body)

    return render
