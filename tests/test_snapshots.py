"""Every run publishes one consistent snapshot: kills at named and random moments, resumption of
a killed run's finished work, readers during a run, retention, and the plan as pure functions.
The crash tests run the real CLI and kill it with SIGKILL."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

from pipeline import store
from pipeline.schemas import PUBLIC_TABLES
from tests.conftest import ROOT, SEEDS, make_jsonl, run_cli
from tests.test_incremental import CONTENT_TABLES, assert_same, extract, snapshot

pytestmark = pytest.mark.slow


def check_invariants(out: Path) -> None:
    """What must hold in every snapshot a reader can see, read through the plain paths."""
    arts = set(pd.read_parquet(out / "articles", columns=["article_id"]).article_id)
    for table in ("segments", "sentences", "mentions", "dates", "quantities"):
        ids = set(pd.read_parquet(out / table, columns=["article_id"]).article_id)
        assert ids <= arts, f"{table} has article ids that are not in articles"
    mentions = pd.read_parquet(out / "mentions", columns=["entity_id"])
    entities = pd.read_parquet(out / "entities", columns=["entity_id", "n_mentions"])
    linked = mentions.dropna()
    assert set(linked.entity_id) <= set(entities.entity_id), "mentions point at entities that do not exist"
    counts = linked.entity_id.value_counts()
    n = entities.set_index("entity_id").n_mentions
    assert (counts.reindex(n.index).fillna(0).astype(int) == n).all(), "entities.n_mentions disagrees with mentions"


def no_stray_files(out: Path) -> None:
    """A plain reader of output/<table> sees exactly the files of the current snapshot."""
    cur = store.current(out)
    for table in PUBLIC_TABLES:
        if (out / table).exists():
            seen = sorted(p.name for p in (out / table).iterdir())
            assert seen == [f.name for f in cur.files(table)], table
            assert not [n for n in seen if not n.endswith(".parquet")], table


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    """A corpus, the same corpus minus its feed and one seed (the 'before' state), and the
    tables of an uninterrupted run over the full corpus."""
    base = tmp_path_factory.mktemp("snap")
    full = base / "full"
    full.mkdir()
    for path in sorted(SEEDS.glob("*.txt")):
        shutil.copy(path, full / path.name)
    make_jsonl(full / "feed.jsonl", 40)
    part = base / "part"
    part.mkdir()
    for path in sorted(SEEDS.glob("*.txt")):
        shutil.copy(path, part / path.name)
    clean = base / "clean"
    extract(full, clean, "--processes", "1")
    return full, part, snapshot(clean)


def _before(part: Path, out: Path) -> dict:
    extract(part, out, "--processes", "1")
    return snapshot(out)


def _last_run(out: Path) -> pd.Series:
    return pd.read_parquet(out / "runs").query("status == 'ok'").sort_values("started_at").iloc[-1]


@pytest.mark.parametrize("point", ["shard:2", "bucket:20", "table:3", "before-publish:1", "before-swap:1", "after-swap:1"])
def test_kill_at_a_named_point_leaves_the_previous_snapshot(corpora, tmp_path, point):
    full, part, expected = corpora
    out = tmp_path / "out"
    before = _before(part, out)
    killed = run_cli("extract", "--raw", str(full), "--out", str(out), "--no-progress", "--processes", "1",
                     env={"PIPELINE_CRASH_AT": point})
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    # what a reader sees between the kill and the next run
    check_invariants(out)
    no_stray_files(out)
    assert_same(expected if point == "after-swap:1" else before, snapshot(out))
    proc = extract(full, out, "--processes", "1")
    assert_same(expected, snapshot(out))
    check_invariants(out)
    runs = pd.read_parquet(out / "runs")
    if point == "after-swap:1":  # it had committed: nothing left to do, no interrupted row
        assert _last_run(out).n_computed == 0 and (runs.status == "ok").all()
    else:  # its finished shards are reused, and the killed run is on record
        assert "interrupted" in proc.stderr
        assert _last_run(out).n_reused > 0
        assert (runs.status == "interrupted").sum() == 1


def test_a_run_killed_halfway_is_finished_without_redoing_its_work(corpora, tmp_path):
    full, part, expected = corpora
    out = tmp_path / "out"
    _before(part, out)
    env = {"PIPELINE_CRASH_AT": "shard:2"}
    killed = run_cli("extract", "--raw", str(full), "--out", str(out), "--no-progress", "--processes", "1", env=env)
    assert killed.returncode == -signal.SIGKILL
    proc = extract(full, out, "--processes", "1")
    run = _last_run(out)
    to_do = 40  # the feed's articles
    assert run.n_reused + run.n_computed == to_do
    assert 0 < run.n_computed < to_do and run.n_reused > 0, (run.n_reused, run.n_computed)
    assert f"{run.n_reused} of its finished articles are reused" in proc.stderr
    interrupted = pd.read_parquet(out / "runs").query("status == 'interrupted'")
    assert len(interrupted) == 1 and interrupted.n_computed.item() == run.n_reused
    assert_same(expected, snapshot(out))


def test_staged_work_of_other_code_or_inputs_is_not_reused(corpora, tmp_path):
    full, part, expected = corpora
    out = tmp_path / "out"
    _before(part, out)
    killed = run_cli("extract", "--raw", str(full), "--out", str(out), "--no-progress", "--processes", "1",
                     env={"PIPELINE_CRASH_AT": "before-publish:1"})
    assert killed.returncode == -signal.SIGKILL
    # the inputs of one staged article change: its results are recomputed, the others reused
    feed = full.parent / "feed-changed"
    feed.mkdir(exist_ok=True)
    for path in full.iterdir():
        shutil.copy(path, feed / path.name)
    lines = (feed / "feed.jsonl").read_text().splitlines()
    lines[0] = lines[0].replace('"published": "2023-01-01"', '"published": "2023-02-02"')
    (feed / "feed.jsonl").write_text("\n".join(lines) + "\n")
    extract(feed, out, "--processes", "1")
    run = _last_run(out)
    assert run.n_computed == 1 and run.n_reused == 39
    dates = pd.read_parquet(out / "articles").query("external_id == 'story-000'").published.item()
    assert str(dates)[:10] == "2023-02-02"


def test_random_kills(corpora, tmp_path):
    full, part, expected = corpora
    out = tmp_path / "out"
    before = _before(part, out)
    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)
    for _ in range(3):
        proc = subprocess.Popen([sys.executable, "-m", "pipeline", "extract", "--raw", str(full), "--out", str(out),
                                 "--no-progress", "--processes", "2"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        delay = rng.uniform(0.5, 12.0)
        try:
            proc.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        check_invariants(out)
        no_stray_files(out)
        now = snapshot(out)
        try:
            assert_same(before, now)
        except AssertionError:  # it committed before the kill: then it is the full result
            assert_same(expected, now), f"seed {seed}: neither the previous tables nor the new ones"

    extract(full, out)
    assert_same(expected, snapshot(out))


def test_a_reader_during_a_run_sees_one_snapshot_or_the_next(corpora, tmp_path):
    """A pinned reader (``store.current``) always sees one whole snapshot; a plain reader of
    ``output/mentions`` sees the old table or the new one, never a mix.  (A plain reader that
    listed the old files just before the commit and opens them after it may find a file gone —
    file names name their snapshot, so it can never read a new file under an old name.)"""
    full, part, expected = corpora
    out = tmp_path / "out"
    before = _before(part, out)
    seen: list[tuple[int, int]] = []
    plain: list[int] = []
    errors: list[BaseException] = []
    stop = threading.Event()

    def read_loop() -> None:
        while not stop.is_set():
            try:
                pinned = store.current(out)
                seen.append((pinned.read("articles").num_rows, pinned.read("mentions").num_rows))
            except BaseException as exc:  # noqa: BLE001 - reported below
                errors.append(exc)
            try:
                plain.append(len(pd.read_parquet(out / "mentions", columns=["mention_id"])))
            except FileNotFoundError:
                pass
            except BaseException as exc:  # noqa: BLE001 - reported below
                errors.append(exc)
            time.sleep(0.02)

    thread = threading.Thread(target=read_loop)
    thread.start()
    try:
        extract(full, out, "--processes", "2")
    finally:
        stop.set()
        thread.join()
    assert not errors, errors[:3]
    old = (len(before["articles"]), len(before["mentions"]))
    new = (len(expected["articles"]), len(expected["mentions"]))
    assert set(seen) <= {old, new} and old in seen, set(seen)
    assert set(plain) <= {old[1], new[1]} and plain


def test_snapshots_are_kept_listed_and_linked(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for path in sorted(SEEDS.glob("*.txt"))[:3]:
        shutil.copy(path, raw / path.name)
    out = tmp_path / "out"
    extract(raw, out)
    first = store.current(out)
    shutil.copy(sorted(SEEDS.glob("*.txt"))[3], raw)
    extract(raw, out)
    second = store.current(out)
    assert [s.id for s in store.snapshots(out)] == [first.id, second.id]
    # the previous snapshot stays whole and readable; unchanged bucket files are the same inodes
    assert first.read("articles").num_rows == 3 and second.read("articles").num_rows == 4
    same = [f for f in first.files("mentions") if (second.path / "mentions" / f.name).exists()]
    assert same and all(f.stat().st_ino == (second.path / "mentions" / f.name).stat().st_ino for f in same)
    assert len(second.files("mentions")) == len(first.files("mentions"))
    extract(raw, out)
    assert [s.id for s in store.snapshots(out)] == [second.id, store.current(out).id]  # the oldest is pruned
    extract(raw, out, "--keep-snapshots", "3")
    extract(raw, out, "--keep-snapshots", "3")
    assert len(store.snapshots(out)) == 3
    runs = pd.read_parquet(out / "runs")
    assert len(runs) == 5 and runs.snapshot_id.is_unique
    proc = run_cli("snapshots", "--out", str(out))
    assert proc.returncode == 0
    listed = [line.split()[1] if line.startswith("*") else line.split()[0] for line in proc.stdout.splitlines()[1:]]
    assert listed == [s.id for s in store.snapshots(out)]
    for snap in store.snapshots(out):
        run_id = snap.info()["run_id"]
        assert runs.set_index("run_id").loc[run_id, "snapshot_id"] == snap.id
        assert run_id in proc.stdout
    assert proc.stdout.splitlines()[-1].startswith("*")  # the current one is marked


def test_an_output_of_the_old_layout_is_converted(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for path in sorted(SEEDS.glob("*.txt")):
        shutil.copy(path, raw / path.name)
    out = tmp_path / "out"
    extract(raw, out)
    expected = snapshot(out)
    # turn it into the layout before snapshots: real table directories, a _state manifest
    cur = store.current(out)
    for table in PUBLIC_TABLES:
        (out / table).unlink()
        shutil.copytree(cur.path / table, out / table)
    (out / "_state").mkdir()
    (out / "_state" / "manifest.json").write_text('{"version": 1}')
    (out / "_current").unlink()
    shutil.rmtree(out / "_snapshots")
    extract(raw, out)
    assert all((out / t).is_symlink() for t in CONTENT_TABLES)
    assert not (out / "_state").exists()
    assert_same(expected, snapshot(out))
    assert len(pd.read_parquet(out / "runs")) == 2  # the history of the old layout is kept
