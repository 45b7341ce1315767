"""End to end: a real CLI run over the seeds, a JSONL of 50 articles, an HTML page and a binary
file; the tables must hold the facts a reader of the seeds can check by hand."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import pytest

from pipeline.schemas import ALL_TABLES, PUBLIC_TABLES
from tests.conftest import run_cli

pytestmark = pytest.mark.slow  # runs the real command line

SEED_002 = "002_e3210c8ab43b7d4a.txt"


def load(out, table: str) -> pd.DataFrame:
    return pd.read_parquet(out / table)


def seed_id(out, name: str) -> str:
    arts = load(out, "articles")
    return arts.loc[arts.source_path == name, "article_id"].item()


def test_all_tables_written_with_their_schemas(extracted):
    import pyarrow.parquet as pq

    for table in PUBLIC_TABLES:
        files = sorted((extracted / table).glob("*.parquet"))
        assert files, table
        schema = pq.read_schema(files[0])
        assert schema.remove_metadata() == ALL_TABLES[table], table
        meta = schema.metadata
        assert b"pipeline_version" in meta


def test_articles_from_every_format(extracted):
    arts = load(extracted, "articles")
    fmts = arts.source_format.astype(str).value_counts().to_dict()
    assert fmts == {"jsonl": 50, "txt": 4, "html": 1}
    assert arts.article_id.is_unique
    html = arts[arts.source_format == "html"].iloc[0]
    assert html.author == "Jane Reporter" and "nonprofit he co-founded" in html.text
    jsonl = arts[arts.source_format == "jsonl"].set_index("external_id")
    assert jsonl.loc["story-007", "published"] == pd.Timestamp("2023-08-08")
    assert jsonl.loc["story-007", "source_line"] == 8


def test_binary_file_rejected_with_reason(extracted):
    rejects = load(extracted, "rejects")
    row = rejects[rejects.source_path == "photo.txt"]
    assert row.reason.astype(str).tolist() == ["binary"]
    assert row.stage.astype(str).tolist() == ["ingest"]


def test_publication_date_of_third_seed_found_in_its_text(extracted):
    arts = load(extracted, "articles").set_index("source_path")
    row = arts.loc[SEED_002]
    assert row.published == pd.Timestamp("2023-09-15")
    assert row.published_source == "text"
    assert row.text[int(row.published_char_start) : int(row.published_char_end)] == "9/15/2023"
    assert row.author == "Caden Pearson"


def test_thursday_resolved_against_publication_date(extracted):
    dates = load(extracted, "dates")
    d = dates[(dates.article_id == seed_id(extracted, SEED_002)) & (dates.text == "Thursday")]
    assert len(d) == 1
    assert d.value.item() == "2023-09-14" and d.grain.item() == "day"
    assert d.start.item() == pd.Timestamp("2023-09-14") and d.end.item() == pd.Timestamp("2023-09-15")
    assert d.anchor_source.item() == "text"


def test_duration_and_age_are_not_points(extracted):
    dates = load(extracted, "dates")
    d = dates[dates.article_id == seed_id(extracted, SEED_002)]
    years = d[d.text.str.contains("30 years")]
    assert years.kind.astype(str).tolist() == ["duration"] and years.value.item() == "P30Y"
    ages = dates[dates.text.str.contains("year-old")]
    assert len(ages) and set(ages.kind.astype(str)) == {"age"}


def test_6608_is_a_number(extracted):
    q = load(extracted, "quantities")
    row = q[q.text == "6,608"]
    assert len(row) >= 1
    assert (row.value == 6608.0).all()
    assert set(row.counted.dropna()) == {"perpetrator"}


def test_ashton_kutcher_one_person_across_all_seeds(extracted):
    ents = load(extracted, "entities")
    ak = ents[ents.name == "Ashton Kutcher"]
    assert len(ak) == 1
    assert ak.label.item() == "PERSON"
    assert "Kutcher" in list(ak.aliases.item())
    mentions = load(extracted, "mentions")
    seeds = load(extracted, "articles").query("source_format == 'txt'").article_id
    in_articles = set(mentions.loc[mentions.entity_id == ak.entity_id.item(), "article_id"])
    assert set(seeds) <= in_articles


def test_every_offset_points_at_its_text(extracted):
    texts = load(extracted, "articles").set_index("article_id").text
    for table in ("mentions", "dates", "quantities"):
        df = load(extracted, table)
        assert len(df)
        for row in df.itertuples():
            assert texts[row.article_id][row.char_start : row.char_end] == row.text, (table, row)
    segs = load(extracted, "segments")
    sents = load(extracted, "sentences").merge(segs[["segment_id", "char_start", "char_end"]], on="segment_id", suffixes=("", "_seg"))
    assert ((sents.char_start >= sents.char_start_seg) & (sents.char_end <= sents.char_end_seg)).all()


def test_mentions_join_to_segments_and_sentences(extracted):
    mentions = load(extracted, "mentions")
    segs = load(extracted, "segments")
    joined = mentions.merge(segs, on="segment_id", suffixes=("", "_seg"))
    assert len(joined) == len(mentions)
    assert ((joined.char_start >= joined.char_start_seg) & (joined.char_end <= joined.char_end_seg)).all()
    assert set(joined.kind.astype(str)) <= {"title", "body", "caption", "byline", "dateline", "boilerplate", "credit"}
    # the model does not read credit lines: their names come from the photo-credit rule only
    assert set(joined[joined.kind.astype(str) == "credit"].source.astype(str)) <= {"rule"}
    assert "embed" not in set(joined.kind.astype(str))
    # boilerplate is read only inside the story (never before the first or after the last body
    # block), unless the article is a clean one with hardly anything around its story
    from pipeline.recognise import CLEAN_TEXT_MAX_OUTSIDE

    body = segs[segs.kind == "body"].groupby("article_id").seq.agg(["min", "max"])
    around = segs.join(body, on="article_id")
    around = around[(around.kind == "boilerplate") & ((around.seq < around["min"]) | (around.seq > around["max"]))]
    n_around = around.groupby("article_id").size()
    inside = joined[joined.kind == "boilerplate"].join(body, on="article_id")
    no_body = inside["min"].isna()  # an article with no prose at all (a table, a list) is read whole
    clean = inside.article_id.map(n_around).fillna(0) <= CLEAN_TEXT_MAX_OUTSIDE
    assert (no_body | clean | ((inside.seq > inside["min"]) & (inside.seq < inside["max"]))).all()


def test_real_types(extracted):
    dates = load(extracted, "dates")
    assert str(dates.start.dtype).startswith("datetime64")
    assert isinstance(load(extracted, "mentions").label.dtype, pd.CategoricalDtype)
    assert str(load(extracted, "quantities").value.dtype) == "float64"
    runs = load(extracted, "runs")
    assert len(runs) == 1 and runs.n_new.item() == 55 and runs.n_rejected.item() >= 1


@pytest.mark.parametrize("table", PUBLIC_TABLES)
def test_readable_by_duckdb_and_polars(extracted, table):
    import duckdb
    import polars as pl

    expected = len(load(extracted, table))
    glob = str(extracted / table / "*.parquet")
    assert duckdb.sql(f"select count(*) from read_parquet('{glob}')").fetchall()[0][0] == expected
    assert pl.read_parquet(glob).height == expected


def test_cli_configuration_errors_exit_2(tmp_path):
    missing = run_cli("extract", "--raw", str(tmp_path / "nope"), "--out", str(tmp_path / "o"))
    assert missing.returncode == 2
    assert missing.stderr.strip().count("\n") == 0 and "does not exist" in missing.stderr
    bad = run_cli("extract", "--processes", "-1", "--out", str(tmp_path / "o"))
    assert bad.returncode == 2 and "processes" in bad.stderr
    unknown = run_cli("extract", "--frobnicate")
    assert unknown.returncode == 2 and unknown.stderr.strip().count("\n") == 0


def test_every_command_documented():
    from pipeline.__main__ import COMMANDS, build_parser

    text = build_parser().format_help()
    readme = (__import__("pathlib").Path(__file__).parent.parent / "README.md").read_text()
    for command in COMMANDS:
        assert command in text
        assert f"make {command}" in readme or command == "normalise" or f"python -m pipeline {command}" in readme


def test_every_column_documented():
    from pathlib import Path

    doc = (Path(__file__).parent.parent / "docs" / "tables.md").read_text()
    for table in PUBLIC_TABLES:
        assert f"## {table}" in doc
        for name in ALL_TABLES[table].names:
            assert name in doc, (table, name)


def test_notebook_runs_on_real_outputs(extracted):
    import os
    from pathlib import Path

    import nbformat
    from nbclient import NotebookClient

    root = Path(__file__).parent.parent
    nb = nbformat.read(root / "notebooks" / "explore.ipynb", as_version=4)
    os.environ["PIPELINE_OUT"] = str(extracted)
    try:
        NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(root / "notebooks")}}).execute()
    finally:
        del os.environ["PIPELINE_OUT"]
    outputs = "".join(o.get("text", "") + str(o.get("data", {}).get("text/plain", "")) for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert "Ashton Kutcher" in outputs
    printed = [o["text"] for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.get("name") == "stdout"]
    assert printed and printed[0].count(" | ") == 5  # five figures shown in their sentences
