"""Read the tables of one committed snapshot for the report (the only place the report reads data)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

#: columns the report reads from each table (absent columns are skipped; absent optional tables are None)
COLUMNS: dict[str, list[str]] = {
    "articles": ["article_id", "source_path", "source_format", "source_line", "external_id", "url", "title",
                 "author", "published", "published_grain", "published_source", "published_char_start",
                 "published_char_end", "language", "n_chars", "n_words", "text", "cluster_id"],
    "segments": ["article_id", "seq", "char_start", "char_end", "kind"],
    "mentions": ["mention_id", "article_id", "char_start", "char_end", "text", "label", "source", "name",
                 "entity_id", "counted"],
    "dates": ["mention_id", "article_id", "char_start", "char_end", "text", "type", "value", "kind", "grain",
              "start", "end", "mod", "anchor_source", "rule"],
    "quantities": ["mention_id", "quantity_id", "article_id", "char_start", "char_end", "text", "label", "value",
                   "low", "high", "mod", "unit", "currency", "counted"],
    "entities": ["entity_id", "label", "name", "aliases", "n_mentions", "n_articles"],
    "rejects": ["stage", "source_path", "source_line", "article_id", "reason", "detail", "run_id"],
    "runs": None,  # every column
    # tables of later issues: shown when present
    "quotes": ["quote_id", "article_id", "kind", "content_starts", "content_ends", "cue_char_start", "cue_char_end",
               "cue_lemma", "source_char_start", "source_char_end", "speaker_entity_id", "speaker_name",
               "confidence", "quote_group"],
    "duplicates": ["article_id_1", "article_id_2", "jaccard", "containment", "kind", "first_article_id"],
    "passages": ["article_id_1", "char_start_1", "char_end_1", "article_id_2", "char_start_2", "char_end_2",
                 "n_words"],
    "figure_groups": None,
}
#: tables every committed output has; the others are optional
REQUIRED = ("articles", "segments", "mentions", "dates", "quantities", "entities", "rejects", "runs")


class NoTables(Exception):
    """The directory holds no committed tables (the message says what is missing)."""


@dataclass
class Source:
    """Which data the report shows: the output directory, the snapshot and the run that made it."""

    out_dir: Path
    snapshot_id: str | None  # None while outputs are not snapshotted (before the snapshot issue)
    run: dict = field(default_factory=dict)  # the last row of ``runs`` (plain Python values)


@dataclass
class Tables:
    """The tables of one snapshot as DataFrames; optional tables are None when absent."""

    source: Source
    articles: pd.DataFrame  # without its text: see ``texts``
    texts: pd.Series  # article id -> text (kept apart so that filtering articles never copies the texts)
    segments: pd.DataFrame
    mentions: pd.DataFrame
    dates: pd.DataFrame
    quantities: pd.DataFrame
    entities: pd.DataFrame
    rejects: pd.DataFrame
    runs: pd.DataFrame
    quotes: pd.DataFrame | None = None
    duplicates: pd.DataFrame | None = None
    passages: pd.DataFrame | None = None
    figure_groups: pd.DataFrame | None = None


def snapshot_root(out_dir: Path) -> tuple[Path, str | None]:
    """The directory to read every table from, and its snapshot id: the committed snapshot,
    pinned (:func:`pipeline.store.current`), so a commit landing while the report reads cannot
    mix two runs; an output without snapshots is read from its plain ``out/<table>`` directories."""
    from pipeline import store

    snap = store.current(out_dir)
    return (snap.path, snap.id) if snap is not None else (out_dir, None)


def _read(root: Path, out_dir: Path, table: str) -> pd.DataFrame | None:
    path = root / table
    if not path.exists() and (out_dir / table).exists():
        path = out_dir / table  # a table kept outside the snapshot (e.g. runs)
    files = sorted(p for p in path.glob("*.parquet") if not p.name.startswith((".", "_"))) if path.is_dir() else []
    if not files:
        return None
    names = set(pq.read_schema(files[0]).names)
    wanted = COLUMNS[table]
    columns = None if wanted is None else [c for c in wanted if c in names]
    return pq.read_table(files, columns=columns).to_pandas() if len(files) > 1 else \
        pq.read_table(files[0], columns=columns).to_pandas()


def last_run(runs: pd.DataFrame, snapshot_id: str | None = None) -> dict:
    """The run that made ``snapshot_id`` when ``runs`` says which snapshot each run made (a
    ``snapshot_id`` column), else the last run by finish time; a dict of plain values, {} if none."""
    if runs is None or runs.empty:
        return {}
    if snapshot_id and "snapshot_id" in runs and (runs.snapshot_id == snapshot_id).any():
        runs = runs[runs.snapshot_id == snapshot_id]
    order = "finished_at" if "finished_at" in runs else runs.columns[0]
    row = runs.sort_values(order).iloc[-1]
    return {k: (v if not isinstance(v, list) else dict(v)) for k, v in row.items()}


def load(out_dir: Path | str) -> Tables:
    """Read every table the report shows from one committed snapshot of ``out_dir``.

    Raises :class:`NoTables` when ``out_dir`` has no committed ``articles`` table.
    """
    out_dir = Path(out_dir)
    root, snapshot_id = snapshot_root(out_dir)
    frames = {table: _read(root, out_dir, table) for table in COLUMNS}
    missing = [t for t in REQUIRED if frames[t] is None and t in ("articles", "runs")]
    if missing:
        raise NoTables(f"{out_dir} holds no committed {' or '.join(missing)} table: run `python -m pipeline extract --out {out_dir}` first")
    for table in REQUIRED:  # a table with no rows may have no file: give it its columns
        if frames[table] is None:
            frames[table] = pd.DataFrame(columns=COLUMNS[table] or [])
    source = Source(out_dir=out_dir, snapshot_id=snapshot_id, run=last_run(frames["runs"], snapshot_id))
    articles = frames.pop("articles")
    texts = pd.Series(articles.text.to_numpy(dtype=object), index=articles.article_id.to_numpy(dtype=object), name="text")
    return Tables(source=source, articles=articles.drop(columns="text"), texts=texts, **frames)
