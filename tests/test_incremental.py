"""Re-runs on a changing raw directory: incremental, crash-safe, one writer, deterministic.
Every test runs the real CLI."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import SEEDS, make_jsonl, run_cli

pytestmark = pytest.mark.slow  # runs the real command line

CONTENT_TABLES = ["articles", "segments", "sentences", "mentions", "dates", "quantities", "quotes", "entities",
                  "duplicates", "passages", "figure_groups"]


def extract(raw: Path, out: Path, *extra: str, env: dict | None = None) -> subprocess.CompletedProcess:
    proc = run_cli("extract", "--raw", str(raw), "--out", str(out), "--no-progress", *extra, env=env)
    assert proc.returncode == 0, proc.stderr
    return proc


def last_run(out: Path) -> pd.Series:
    runs = pd.read_parquet(out / "runs").sort_values("started_at")
    return runs.iloc[-1]


def snapshot(out: Path) -> dict[str, pd.DataFrame]:
    """Every content table in its canonical row order, as plain frames (for equality checks)."""
    import numpy as np

    from pipeline.schemas import SORT_KEYS

    snap = {}
    for table in CONTENT_TABLES:
        df = pd.read_parquet(out / table)
        df = df.sort_values(SORT_KEYS[table]).reset_index(drop=True)
        for col in df.columns:
            if isinstance(df[col].dtype, pd.CategoricalDtype):
                df[col] = df[col].astype(object)
            elif df[col].dtype == object and len(df) and isinstance(df[col].iloc[0], np.ndarray):
                df[col] = df[col].map(list)
        snap[table] = df
    return snap


def assert_same(a: dict, b: dict) -> None:
    for table in CONTENT_TABLES:
        pd.testing.assert_frame_equal(a[table], b[table], check_like=False, obj=table)


def file_stamps(out: Path) -> dict[str, int]:
    return {str(p.relative_to(out)): p.stat().st_mtime_ns for t in CONTENT_TABLES for p in (out / t).glob("*.parquet")}


@pytest.fixture()
def raw(tmp_path) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    for path in sorted(SEEDS.glob("*.txt")):
        shutil.copy(path, raw / path.name)
    return raw


def test_rerun_with_nothing_new_reads_nothing_and_loads_no_model(raw, tmp_path):
    out = tmp_path / "out"
    extract(raw, out)
    before, stamps = snapshot(out), file_stamps(out)
    extract(raw, out)
    run = last_run(out)
    assert (run.n_new, run.n_changed, run.n_unchanged, run.n_deleted) == (0, 0, 4, 0)
    assert not run.model_loaded
    assert file_stamps(out) == stamps  # no table file rewritten
    assert_same(before, snapshot(out))


def test_adding_one_article_processes_only_it(raw, tmp_path):
    out = tmp_path / "out"
    extract(raw, out)
    before, stamps = snapshot(out), file_stamps(out)
    (raw / "new story.txt").write_text("Thorn named Julie Cordua its chief executive on Monday.\n\nThe nonprofit said 400 agencies use its tools.\n")
    extract(raw, out)
    run = last_run(out)
    assert (run.n_new, run.n_unchanged) == (1, 4) and run.model_loaded
    after = snapshot(out)
    new_id = after["articles"].loc[after["articles"].source_path == "new story.txt", "article_id"].item()
    for table in ("articles", "mentions", "dates"):
        old_rows = after[table][after[table].article_id != new_id].reset_index(drop=True)
        pd.testing.assert_frame_equal(old_rows, before[table].reset_index(drop=True), obj=table)
    changed = {k for k, v in file_stamps(out).items() if stamps.get(k) != v}
    # one bucket file per article-level table, plus the corpus-level entities file
    assert {Path(k).parent.name for k in changed} <= set(CONTENT_TABLES)
    assert len([k for k in changed if k.startswith("articles/")]) == 1
    assert any(k.startswith("entities/part-00.") for k in changed)


def test_deleted_article_disappears_everywhere_and_entities_follow(raw, tmp_path):
    out = tmp_path / "out"
    extract(raw, out)
    ents = pd.read_parquet(out / "entities")
    ak_before = ents[ents.name == "Ashton Kutcher"].iloc[0]
    gone = pd.read_parquet(out / "articles").query("source_path == '003_a578836586dac4ec.txt'").article_id.item()
    (raw / "003_a578836586dac4ec.txt").unlink()
    extract(raw, out)
    run = last_run(out)
    assert (run.n_deleted, run.n_unchanged, run.n_articles) == (1, 3, 3)
    for table in ("articles", "segments", "sentences", "mentions", "dates", "quantities"):
        assert gone not in set(pd.read_parquet(out / table).article_id), table
    ents = pd.read_parquet(out / "entities")
    ak = ents[ents.entity_id == ak_before.entity_id].iloc[0]
    assert ak.n_articles == ak_before.n_articles - 1
    assert ak.n_mentions < ak_before.n_mentions


def test_changed_article_is_reprocessed(raw, tmp_path):
    out = tmp_path / "out"
    extract(raw, out)
    path = raw / "000_c25bbd755bb4d32c.txt"
    old_id = pd.read_parquet(out / "articles").query("source_path == @path.name").article_id.item()
    path.write_text(path.read_text() + "\nUpdate: Kutcher spoke again on Monday.\n")
    extract(raw, out)
    run = last_run(out)
    assert (run.n_changed, run.n_new, run.n_unchanged) == (1, 0, 3)
    arts = pd.read_parquet(out / "articles")
    assert old_id not in set(arts.article_id)
    assert arts.source_path.tolist().count(path.name) == 1
    assert old_id not in set(pd.read_parquet(out / "mentions").article_id)


def test_version_change_and_full_reprocess_and_say_so(raw, tmp_path):
    out = tmp_path / "out"
    extract(raw, out)
    from pipeline import store

    manifest_path = store.current(out).path / "_manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["fingerprint"] = manifest["fingerprint"].replace('"pipeline_version": "', '"pipeline_version": "0.0.0-old')
    manifest_path.write_text(json.dumps(manifest))
    proc = extract(raw, out)
    assert "re-processing everything" in proc.stderr
    run = last_run(out)
    assert run.full_rebuild and "changed" in run.rebuild_reason and run.n_changed == 4
    extract(raw, out, "--full")
    run = last_run(out)
    assert run.full_rebuild and run.rebuild_reason == "--full was asked for"


def test_same_tables_whatever_processes_or_order(raw, tmp_path):
    make_jsonl(raw / "feed.jsonl", 12)
    one = tmp_path / "one"
    extract(raw, one, "--processes", "1")
    two = tmp_path / "two"
    extract(raw, two, "--processes", "2")
    assert_same(snapshot(one), snapshot(two))
    # the same files added in two steps, in another order
    staged = tmp_path / "staged_raw"
    staged.mkdir()
    shutil.copy(raw / "feed.jsonl", staged / "feed.jsonl")
    shutil.copy(raw / "003_a578836586dac4ec.txt", staged)
    steps = tmp_path / "steps"
    extract(staged, steps)
    for path in raw.glob("*.txt"):
        shutil.copy(path, staged / path.name)
    extract(staged, steps)
    assert_same(snapshot(one), snapshot(steps))


def test_second_writer_is_refused_with_a_clear_message(raw, tmp_path):
    from pipeline.run import RunLock

    out = tmp_path / "out"
    with RunLock(out):
        proc = run_cli("extract", "--raw", str(raw), "--out", str(out), "--no-progress")
    assert proc.returncode == 1
    assert "another run is writing" in proc.stderr and proc.stderr.strip().count("\n") == 0
    assert not (out / "articles").exists()


