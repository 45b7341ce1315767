"""How often each date, quantity and name rule fired in a run: read back from the run's output tables.

``python -m pipeline.evaluation.rules OUT [--no-names]`` prints the counts; :func:`rule_counts`
returns them (``{"dates": Counter, "quantities": Counter, "names": Counter}``) for ``make eval``.

The tables keep each date's producer (``dates.rule``) but not the registered rule, nor which
quantity step or name rule acted (no column changes for that).  So the normalisers are run again
on what the tables hold, which gives the same readings (they are pure functions of the block
text, the offsets, the label, the anchor and, for dates, the article's earlier dates read in
text order: the narrative references of :mod:`pipeline.normalise.dates.narrative`): dates and
quantities from ``dates``/``quantities`` rows in their ``segments`` block; names by running
the model again over the blocks it read and resolving the names with the firings counted
(``names=False`` skips that: it needs spaCy).  The re-read values are checked against the
tables; ``mismatches`` counts any difference.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import pandas as pd

from pipeline.normalise.dates import normalise_date
from pipeline.normalise.dates.narrative import Narrative
from pipeline.normalise.quantities import normalise_quantity


def _blocks(out: Path) -> tuple[dict, dict]:
    """Article texts, and each segment's (article id, start, end)."""
    arts = pd.read_parquet(out / "articles", columns=["article_id", "text"])
    texts = dict(zip(arts.article_id, arts.text))
    segs = pd.read_parquet(out / "segments", columns=["segment_id", "article_id", "char_start", "char_end"])
    return texts, {r.segment_id: (r.article_id, r.char_start, r.char_end) for r in segs.itertuples()}


def _in_block(row, mention, texts: dict, blocks: dict) -> tuple[str, int, int]:
    article_id, b0, b1 = blocks[mention.segment_id]
    return texts[article_id][b0:b1], row.char_start - b0, row.char_end - b0


def date_rule_counts(out: Path) -> tuple[Counter, int]:
    """Dates read by each registered date rule, and how many re-read values differ from the table."""
    texts, blocks = _blocks(out)
    mentions = pd.read_parquet(out / "mentions", columns=["mention_id", "segment_id", "label"]).set_index("mention_id")
    counts: Counter = Counter()
    mismatches = 0
    dates = pd.read_parquet(out / "dates").sort_values(["article_id", "char_start"], kind="stable")
    story, article = Narrative(), None
    for row in dates.itertuples():
        if row.article_id != article:  # each article's dates in text order, as date_rows reads them
            story, article = Narrative(), row.article_id
        m = mentions.loc[row.mention_id]
        anchor = None if pd.isna(row.anchor) else row.anchor.to_pydatetime()
        v = story.read(normalise_date, *_in_block(row, m, texts, blocks), anchor, label=str(m.label))
        if v is None or v.value != (None if pd.isna(row.value) else row.value):
            mismatches += 1
            continue
        counts[v.read_by] += 1
    return counts, mismatches


def quantity_rule_counts(out: Path) -> tuple[Counter, int]:
    """Quantities each registered reading step acted on, and how many re-read values differ."""
    texts, blocks = _blocks(out)
    mentions = pd.read_parquet(out / "mentions", columns=["mention_id", "segment_id"]).set_index("mention_id")
    counts: Counter = Counter()
    mismatches = 0
    for row in pd.read_parquet(out / "quantities").itertuples():
        v = normalise_quantity(*_in_block(row, mentions.loc[row.mention_id], texts, blocks), str(row.label))
        if v is None or not (v.value == row.value or (pd.isna(row.value) and v.value is None)):
            mismatches += 1
            continue
        counts.update(v.read_by)
    return counts, mismatches


def name_rule_counts(out: Path, model: str | None = None, batch_size: int = 64, max_block_chars: int = 10_000) -> tuple[Counter, int]:
    """Name rules fired, running the model again over the blocks each article's mentions came
    from (parsed or not as the run chose: the parser's sentence boundaries bind the NER), and how
    many articles' resolved mentions differ from the table."""
    from itertools import chain

    from pipeline.normalise.names import resolve_names
    from pipeline.normalise.rules import counting
    from pipeline.quotes import needs_parse as quotes_need_parse
    from pipeline.recognise import BlockRef, blocks_to_read, doc_mentions, load_nlp, pieces, run_ner
    from pipeline.recognise.parse import run_full, split_for_parse
    from pipeline.settings import DEFAULT_COMPONENTS, DEFAULT_MODEL

    arts = pd.read_parquet(out / "articles", columns=["article_id", "text", "model"])
    segs = pd.read_parquet(out / "segments").sort_values(["article_id", "seq"])
    sents = pd.read_parquet(out / "sentences").sort_values(["article_id", "char_start"])
    table = pd.read_parquet(out / "mentions")
    texts = dict(zip(arts.article_id, arts.text))
    seg_rows = {a: g.to_dict("records") for a, g in segs.groupby("article_id")}
    sent_rows = {a: g.to_dict("records") for a, g in sents.groupby("article_id")}
    read = [a for a in texts if a in set(table.article_id)]
    nlp = load_nlp(model or DEFAULT_MODEL, DEFAULT_COMPONENTS)
    found: dict[str, list] = {a: [] for a in read}

    items = [(texts[a][p0:p1], BlockRef(a, s["segment_id"], s["kind"], p0))
             for a in read for s in blocks_to_read(seg_rows.get(a, []))
             for p0, p1 in pieces(texts[a], s["char_start"], s["char_end"], max_block_chars)]
    full, alone = split_for_parse(items, quotes_need_parse)  # as the run chose (an extract: quotes on)

    for doc, ref in chain(run_full(nlp, full, batch_size), run_ner(nlp, alone, batch_size)):
        rows = sent_rows.get(ref.article_id, [])
        found[ref.article_id].extend(doc_mentions(doc, ref, texts[ref.article_id], [r["char_start"] for r in rows],
                                                  [r["sentence_id"] for r in rows], normalise_date))
    differ = 0
    with counting() as fired:
        for a in read:
            resolve_names(found[a], texts[a], seg_rows.get(a, []), sent_rows.get(a, []))
            ids = {m.mention_id for m in found[a]}
            differ += ids != set(table.mention_id[table.article_id == a])
    return Counter({name: n for (book, name), n in fired.items() if book == "names"}), differ


def rule_counts(out: str | Path, names: bool = True, model: str | None = None) -> dict[str, Counter]:
    """Per-rule counts of the run written to ``out``: ``{"dates", "quantities", "names"}`` -> Counter,
    plus ``"mismatches"`` (re-read values or articles that differ from the tables; expected 0)."""
    out = Path(out)
    dates, d_bad = date_rule_counts(out)
    quantities, q_bad = quantity_rule_counts(out)
    result = {"dates": dates, "quantities": quantities, "mismatches": Counter(dates=d_bad, quantities=q_bad)}
    if names:
        result["names"], result["mismatches"]["names"] = name_rule_counts(out, model)
    return result


def summary(counts: dict[str, Counter], prefix: str) -> dict[str, float]:
    """Flat ``<prefix>.rules.<book>.<rule>`` -> count entries for ``summary.json``."""
    return {f"{prefix}.rules.{book}.{rule}": float(n) for book, c in counts.items() for rule, n in sorted(c.items())}


def segment_rule_counts(out: Path) -> Counter:
    """Segments each layout rule (or the classifier) decided, from ``segments.rule``."""
    rules = pd.read_parquet(Path(out) / "segments", columns=["rule"]).rule.dropna().astype(str)
    return Counter(rules)


def genres() -> dict[tuple[str, str], str | None]:
    """(book, rule name) → the genre the rule was written for (None: any news)."""
    from pipeline.normalise.dates.registry import DATE_RULES
    from pipeline.normalise.names.registry import NAME_RULES
    from pipeline.normalise.quantities.registry import QUANTITY_RULES
    from pipeline.segment.layout import LINE_RULES, PAGE_RULES

    out = {(book.book, r.name): r.genre for book in (DATE_RULES, QUANTITY_RULES, NAME_RULES) for r in book}
    out.update({("segment", r.name): getattr(r, "genre", None) for r in (*LINE_RULES, *PAGE_RULES)})
    return out


def table(per_set: dict[str, dict[str, Counter]]) -> str:
    """A Markdown table: every rule with its genre and how often it fired on each benchmark."""
    sets = sorted(per_set)
    gen = genres()
    keys = sorted({(book, rule) for counts in per_set.values() for book, c in counts.items() if book != "mismatches"
                   for rule in c} | set(gen))
    lines = ["| book | rule | genre | " + " | ".join(sets) + " |", "|---|---|---|" + "---:|" * len(sets)]
    for book, rule in keys:
        cells = [str(per_set[s].get(book, Counter()).get(rule, 0)) for s in sets]
        lines.append(f"| {book} | {rule} | {gen.get((book, rule)) or ''} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline.evaluation.rules", description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path, help="an output directory of `python -m pipeline extract`")
    ap.add_argument("--no-names", action="store_true", help="skip the name rules (they need the spaCy model)")
    args = ap.parse_args(argv)
    counts = rule_counts(args.out, names=not args.no_names)
    for book, c in counts.items():
        print(f"{book}:")
        for rule, n in c.most_common():
            print(f"  {n:7d}  {rule}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
