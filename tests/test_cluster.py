"""The pipeline on Dask: a LocalCluster, a real `dask scheduler` with two `dask worker`
processes on 127.0.0.1, a worker killed mid-run, an unreachable scheduler, workers running other
code.  Every run is the real CLI; the tables must be identical wherever the work ran."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import psutil
import pytest

from tests.conftest import ROOT, SEEDS, make_jsonl, run_cli
from tests.test_incremental import assert_same, extract, snapshot

pytestmark = pytest.mark.slow
DASK = str(Path(sys.executable).parent / "dask")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    raw = tmp_path_factory.mktemp("cluster") / "raw"
    raw.mkdir()
    for path in sorted(SEEDS.glob("*.txt")):
        shutil.copy(path, raw / path.name)
    make_jsonl(raw / "feed.jsonl", 40)
    return raw


@pytest.fixture(scope="module")
def in_process(corpus, tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("inproc") / "out"
    extract(corpus, out, "--processes", "1")
    assert pd.read_parquet(out / "runs").executor.tolist() == ["in-process"]
    return snapshot(out)


def _wait_for(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


class Cluster:
    """A `dask scheduler` and `dask worker` processes on 127.0.0.1, started as a user would."""

    def __init__(self, base: Path, n_workers: int, pythonpath: Path = ROOT):
        self.procs: list[subprocess.Popen] = []
        sched_file = base / "scheduler.json"
        env = {**os.environ, "PYTHONPATH": str(pythonpath)}
        self._start([DASK, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                     "--scheduler-file", str(sched_file)], env, base / "scheduler.log")
        _wait_for(sched_file.exists, 60, "the scheduler")
        self.address = json.loads(sched_file.read_text())["address"]
        for i in range(n_workers):
            self._start([DASK, "worker", self.address, "--nthreads", "1", "--nworkers", "1", "--no-dashboard",
                         "--name", f"w{i}"], env, base / f"worker{i}.log", cwd=pythonpath)
        from distributed import Client

        with Client(self.address, timeout="30s") as client:
            client.wait_for_workers(n_workers, timeout=120)

    def _start(self, cmd: list[str], env: dict, log: Path, cwd: Path = ROOT) -> None:
        self.procs.append(subprocess.Popen(cmd, cwd=cwd, env=env, stdout=open(log, "w"), stderr=subprocess.STDOUT))

    def stop(self) -> None:
        for proc in reversed(self.procs):
            proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    c = Cluster(tmp_path_factory.mktemp("dask"), 2)
    yield c
    c.stop()


def test_local_cluster_gives_the_same_tables(corpus, in_process, tmp_path):
    out = tmp_path / "out"
    proc = extract(corpus, out, "--processes", "2")
    assert "local cluster of 2 workers" in proc.stdout
    assert pd.read_parquet(out / "runs").executor.tolist() == ["local cluster of 2 workers"]
    assert_same(in_process, snapshot(out))


def test_a_separate_scheduler_and_workers_give_the_same_tables(corpus, in_process, cluster, tmp_path):
    out = tmp_path / "out"
    proc = extract(corpus, out, "--scheduler", cluster.address)
    assert f"scheduler {cluster.address} (2 workers)" in proc.stdout
    assert_same(in_process, snapshot(out))
    # the standard variable works too, and a second run on the same cluster reuses it
    out2 = tmp_path / "out2"
    proc = run_cli("extract", "--raw", str(corpus), "--out", str(out2), "--no-progress",
                   env={"DASK_SCHEDULER_ADDRESS": cluster.address})
    assert proc.returncode == 0, proc.stderr
    assert f"scheduler {cluster.address}" in proc.stdout
    assert_same(in_process, snapshot(out2))


def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(corpus, in_process, tmp_path):
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "extract", "--raw", str(corpus), "--out", str(out),
                             "--processes", "2", "--no-progress"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    driver = psutil.Process(proc.pid)

    def workers() -> list[psutil.Process]:
        return [p for p in driver.children(recursive=True) if "spawn_main" in " ".join(p.cmdline()) and "resource_tracker" not in " ".join(p.cmdline())]

    def shards_staged() -> int:
        return len([p for p in (out / "_staging").glob("*/shards/*") if not p.name.startswith(".")])

    _wait_for(lambda: shards_staged() >= 1, 300, "a first finished shard")
    victims = workers()
    assert len(victims) == 2
    victims[0].send_signal(signal.SIGKILL)
    stdout, stderr = proc.communicate(timeout=600)
    assert proc.returncode == 0, stderr
    assert_same(in_process, snapshot(out))
    runs = pd.read_parquet(out / "runs")
    assert runs.n_computed.tolist() == [44] and runs.status.tolist() == ["ok"]


def test_an_unreachable_scheduler_is_a_configuration_error(corpus, tmp_path):
    with socket_on_free_port() as port:
        address = f"tcp://127.0.0.1:{port}"
    out = tmp_path / "out"
    for extra, env in ((["--scheduler", address], None), ([], {"DASK_SCHEDULER_ADDRESS": address})):
        proc = run_cli("extract", "--raw", str(corpus), "--out", str(out), "--no-progress", *extra, env=env)
        assert proc.returncode == 2, proc.stderr
        assert proc.stderr.strip().count("\n") == 0 and "cannot reach the Dask scheduler" in proc.stderr
        assert not out.exists()  # nothing written
    proc = run_cli("extract", "--raw", str(corpus), "--out", str(out), "--scheduler", "not an address")
    assert proc.returncode == 2 and "is not a scheduler address" in proc.stderr


def test_workers_running_other_code_are_refused(corpus, tmp_path):
    other = tmp_path / "other-checkout"
    shutil.copytree(ROOT / "pipeline", other / "pipeline")
    shutil.copytree(ROOT / "models", other / "models")
    with open(other / "pipeline" / "schemas.py", "a") as fh:
        fh.write("\n# a local edit on the worker\n")
    c = Cluster(tmp_path, 1, pythonpath=other)
    try:
        out = tmp_path / "out"
        proc = run_cli("extract", "--raw", str(corpus), "--out", str(out), "--no-progress", "--scheduler", c.address)
    finally:
        c.stop()
    assert proc.returncode == 2, proc.stderr
    assert "cannot run the pipeline" in proc.stderr and "other pipeline code" in proc.stderr
    assert proc.stderr.strip().count("\n") == 0
    assert not (out / "_current").exists()  # nothing committed


class socket_on_free_port:
    """A port nobody listens on (bound, then released)."""

    def __enter__(self) -> int:
        import socket

        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        return self.sock.getsockname()[1]

    def __exit__(self, *exc) -> None:
        self.sock.close()


def test_an_article_that_kills_every_worker_is_isolated_and_rejected(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    rows = make_jsonl(raw / "feed.jsonl", 24)
    poison = rows[5]["text"].split("\n")[0]  # "Story 5." heads only that article
    assert sum(poison in r["text"] for r in rows) == 1
    out = tmp_path / "out"
    env = {"PIPELINE_POISON": poison + "\n", "DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES": "0"}
    proc = run_cli("extract", "--raw", str(raw), "--out", str(out), "--no-progress", "--processes", "2",
                   "--retries", "0", env=env)
    assert proc.returncode == 0, proc.stderr
    rejects = pd.read_parquet(out / "rejects")
    assert len(rejects) == 1 and rejects.source_line.item() == 6 and "worker failed" in rejects.detail.item()
    arts = pd.read_parquet(out / "articles")
    assert len(arts) == 24  # the article is kept (from its metadata), without mentions
    mentions = pd.read_parquet(out / "mentions")
    bad = arts.query("source_line == 6").article_id.item()
    assert bad not in set(mentions.article_id) and mentions.article_id.nunique() == 23
