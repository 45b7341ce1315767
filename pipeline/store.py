"""Snapshots of the output tables: results staged while a run works, one atomic commit, pinned reads.

An output directory looks like this::

    output/articles  -> _current/articles       one symlink per public table, made once
    output/_current  -> _snapshots/000007       replacing this one symlink IS the commit
    output/_snapshots/000007/<table>/part-03.s000005.parquet   (a file written by snapshot 5,
                                                 hard-linked into every later snapshot it did not change)
    output/_snapshots/000007/_manifest.json     what the run knew (sources, articles, fingerprint)
    output/_snapshots/000007/SNAPSHOT.json      id, run, time, row counts
    output/_staging/<fingerprint>/shards/<id>/  results of finished shards of a run not yet committed
    output/.lock                                one writer at a time

A plain reader opens ``output/<table>`` and sees every file of one snapshot: the symlinks resolve
through ``_current`` when the reader lists the directory.  Nothing under ``output/<table>`` is ever
rewritten in place: a commit writes a new snapshot directory beside the old one and swaps
``_current`` with ``os.replace``, so a reader that has opened files keeps reading them, and the
previous snapshots stay whole until a later run prunes them (``keep`` of them are kept).
File names carry the snapshot that wrote them, so a reader that listed an older snapshot never
opens a newer file under the same name.
"""

from __future__ import annotations

import json
import os
import shutil
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import pyarrow as pa

from pipeline.tables import (atomic_write_json, fsync_dir, fsync_file, read_staged_file, read_table_file, write_staged_file,
                             write_table_file)

CURRENT = "_current"
SNAPSHOTS = "_snapshots"
STAGING = "_staging"
MANIFEST = "_manifest.json"
INFO = "SNAPSHOT.json"
#: how many committed snapshots a run leaves behind (the new one included), unless told otherwise
DEFAULT_KEEP = 2
#: threads that flush a commit's files to disk while the next ones are written (fsync waits on
#: the disk, not the CPU: two keep it off the commit's path without flooding the device)
SYNC_THREADS = 2
#: a staged shard's tables are Arrow IPC files (:func:`pipeline.tables.write_staged_file`)
STAGED_SUFFIX = ".arrow"


def snapshot_name(seq: int) -> str:
    """Directory name of snapshot number ``seq``."""
    return f"{seq:06d}"


@dataclass(frozen=True)
class Snapshot:
    """One committed snapshot: a directory of tables, pinned (reading it never follows ``_current``)."""

    id: str
    path: Path

    @property
    def seq(self) -> int:
        return int(self.id)

    def info(self) -> dict:
        """What ``SNAPSHOT.json`` says: run id, commit time, row counts per table."""
        try:
            return json.loads((self.path / INFO).read_text())
        except (OSError, ValueError):
            return {}

    def manifest(self) -> dict:
        """The run state committed with the tables (empty if unreadable)."""
        try:
            return json.loads((self.path / MANIFEST).read_text())
        except (OSError, ValueError):
            return {}

    def tables(self) -> list[str]:
        """Names of the tables in this snapshot (hidden ones included)."""
        return sorted(p.name for p in self.path.iterdir() if p.is_dir())

    def files(self, table: str) -> list[Path]:
        """The Parquet files of ``table`` (none if the snapshot lacks it)."""
        return sorted((self.path / table).glob("*.parquet"))

    def read(self, table: str, columns: list[str] | None = None) -> pa.Table:
        """A whole table of this snapshot as one Arrow table (empty, with its schema, if absent)."""
        from pipeline.schemas import ALL_TABLES

        parts = [read_table_file(f, table, columns) for f in self.files(table)]
        if not parts:
            empty = ALL_TABLES[table].empty_table()
            return empty.select(columns) if columns else empty
        return pa.concat_tables(parts, promote_options="default").combine_chunks()


def current(out_dir: Path) -> Snapshot | None:
    """The committed snapshot readers see now, pinned: later commits do not move it."""
    link = Path(out_dir) / CURRENT
    try:
        target = os.readlink(link)
    except OSError:
        return None
    path = (link.parent / target).resolve()
    return Snapshot(path.name, path) if path.is_dir() else None


def snapshots(out_dir: Path) -> list[Snapshot]:
    """Every committed snapshot still on disk, oldest first."""
    root = Path(out_dir) / SNAPSHOTS
    if not root.is_dir():
        return []
    return [Snapshot(p.name, p) for p in sorted(root.iterdir()) if p.is_dir() and p.name.isdigit()]


def _next_seq(out_dir: Path) -> int:
    root = Path(out_dir) / SNAPSHOTS
    seqs = [int(p.name.split(".")[0]) for p in root.iterdir() if p.name.split(".")[0].isdigit()] if root.is_dir() else []
    return max(seqs, default=0) + 1


def _symlink_atomic(target: str, link: Path) -> None:
    """Point ``link`` at ``target`` (relative), replacing whatever link is there in one step."""
    tmp = link.parent / f".{link.name}.{os.getpid()}.tmp"
    tmp.unlink(missing_ok=True)
    os.symlink(target, tmp)
    os.replace(tmp, link)


class Commit:
    """A snapshot being written.  Nothing is visible until :meth:`publish`; a kill before it
    leaves a hidden ``.tmp`` directory that the next run removes.

    Files are flushed to disk in the background as they are written (nobody can see them before
    the publish, so a file need not be durable the moment it exists); :meth:`publish` waits for
    every flush, then flushes the directories, and only then swaps the snapshot in.
    :meth:`write`, :meth:`keep` and :meth:`replace` may be called from several threads (on
    different files)."""

    def __init__(self, out_dir: Path):
        self.out_dir = Path(out_dir)
        self.seq = _next_seq(self.out_dir)
        self.id = snapshot_name(self.seq)
        self.tmp = self.out_dir / SNAPSHOTS / f"{self.id}.tmp"
        shutil.rmtree(self.tmp, ignore_errors=True)
        self.tmp.mkdir(parents=True)
        self._syncer: ThreadPoolExecutor | None = ThreadPoolExecutor(SYNC_THREADS, thread_name_prefix="commit-fsync")
        self._syncs: list[Future] = []

    def _sync_later(self, path: Path) -> None:
        self._syncs.append(self._syncer.submit(fsync_file, path))

    def _wait_synced(self) -> None:
        """Block until every file written so far is on disk (raises the first flush error)."""
        syncs, self._syncs = self._syncs, []
        for fut in syncs:
            fut.result()
        if self._syncer is not None:
            self._syncer.shutdown()
            self._syncer = None

    def file_name(self, stem: str) -> str:
        """``part-03`` → ``part-03.s000007.parquet``: the file says which snapshot wrote it."""
        return f"{stem}.s{self.id}.parquet"

    def keep(self, table: str, source: Path) -> None:
        """Carry an unchanged file of the previous snapshot over (a hard link: no copy)."""
        dest = self.tmp / table / source.name
        dest.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, dest)
        except OSError:  # a file system without hard links: copy (same result, more bytes)
            shutil.copy2(source, dest)

    def write(self, table: str, stem: str, data: pa.Table, meta: dict[str, str]) -> Path:
        """Write one file of ``table`` into the new snapshot."""
        path = self.tmp / table / self.file_name(stem)
        write_table_file(path, table, data, {**meta, "snapshot": self.id}, sync=False)
        self._sync_later(path)
        return path

    def replace(self, table: str, stem: str, data: pa.Table, meta: dict[str, str]) -> Path:
        """Write a file of ``table`` in place of the one (written or kept) with the same stem."""
        for old in (self.tmp / table).glob(f"{stem}.*parquet"):
            old.unlink()
        return self.write(table, stem, data, meta)

    def write_json(self, name: str, obj) -> None:
        atomic_write_json(self.tmp / name, obj)

    def publish(self, info: dict, manifest: dict, keep: int = DEFAULT_KEEP, public: Iterable[str] = ()) -> Snapshot:
        """Commit: seal the directory, swap ``_current`` to it (the one atomic step), make sure
        every public table has its ``output/<table>`` link, then prune snapshots beyond ``keep``."""
        from pipeline.schemas import PUBLIC_TABLES

        self._wait_synced()
        self.write_json(MANIFEST, manifest)
        self.write_json(INFO, {**info, "snapshot": self.id})
        for table_dir in [p for p in self.tmp.iterdir() if p.is_dir()]:
            fsync_dir(table_dir)
        final = self.out_dir / SNAPSHOTS / self.id
        os.replace(self.tmp, final)
        fsync_dir(final.parent)
        tables = [t for t in (public or PUBLIC_TABLES) if (final / t).is_dir()]
        legacy = self._links_for(tables)
        _crash_point("before-swap")
        _symlink_atomic(f"{SNAPSHOTS}/{self.id}", self.out_dir / CURRENT)
        fsync_dir(self.out_dir)
        _crash_point("after-swap")
        self._tidy(tables, legacy, keep)
        return Snapshot(self.id, final)

    def _links_for(self, tables: list[str]) -> list[Path]:
        """Create ``output/<table> -> _current/<table>`` where missing.  A table directory of the
        old layout (before snapshots) is moved aside first; returns what was moved."""
        moved = []
        for table in tables:
            link = self.out_dir / table
            if link.is_symlink():
                continue
            if link.exists():  # old layout: a real directory; replaced once by a link
                aside = self.out_dir / f".{table}.old-layout"
                shutil.rmtree(aside, ignore_errors=True)
                os.replace(link, aside)
                moved.append(aside)
            _symlink_atomic(f"{CURRENT}/{table}", link)
        return moved

    def _tidy(self, tables: list[str], legacy: list[Path], keep: int) -> None:
        for path in legacy:
            shutil.rmtree(path, ignore_errors=True)
        shutil.rmtree(self.out_dir / "_state", ignore_errors=True)  # the old layout's manifest
        from pipeline.schemas import PUBLIC_TABLES

        for table in PUBLIC_TABLES:  # links to tables the current snapshot does not have
            link = self.out_dir / table
            if table not in tables and link.is_symlink():
                link.unlink()
        prune(self.out_dir, keep)

    def abort(self) -> None:
        if self._syncer is not None:
            self._syncer.shutdown(cancel_futures=True)
            self._syncer = None
        shutil.rmtree(self.tmp, ignore_errors=True)


def prune(out_dir: Path, keep: int) -> list[str]:
    """Remove committed snapshots beyond the newest ``keep`` (never the current one), and any
    unfinished snapshot directory; returns the ids removed."""
    out_dir = Path(out_dir)
    cur = current(out_dir)
    root = out_dir / SNAPSHOTS
    removed = []
    if root.is_dir():
        for p in root.iterdir():
            if p.name.endswith(".tmp"):
                shutil.rmtree(p, ignore_errors=True)
    done = snapshots(out_dir)
    for snap in done[: max(0, len(done) - max(keep, 1))]:
        if cur is None or snap.id != cur.id:
            shutil.rmtree(snap.path, ignore_errors=True)
            removed.append(snap.id)
    return removed


def _crash_point(name: str) -> None:
    from pipeline.faults import crash_point

    crash_point(name)


class Staging:
    """Results of finished shards of a run that has not committed yet, kept across kills.

    Each shard is a directory of Arrow IPC files (one per table) and ``articles.json`` (article id →
    the key its results were computed under), written under a hidden name and renamed into place
    when complete, so a shard is either whole or absent.  The area is keyed by the run's
    fingerprint (code, model, settings): results made under another fingerprint are discarded."""

    def __init__(self, out_dir: Path, key: str):
        self.root = Path(out_dir) / STAGING / key
        self.shards = self.root / "shards"

    def open(self) -> "Staging":
        """Make the area, dropping areas of other fingerprints and half-written shards."""
        base = self.root.parent
        if base.is_dir():
            for other in base.iterdir():
                if other != self.root:
                    shutil.rmtree(other, ignore_errors=True)
        self.shards.mkdir(parents=True, exist_ok=True)
        for p in self.shards.iterdir():
            if p.name.startswith("."):
                shutil.rmtree(p, ignore_errors=True)
        return self

    def finished(self) -> dict[str, tuple[Path, str]]:
        """article id → (shard directory, key) for every article a finished shard holds."""
        out: dict[str, tuple[Path, str]] = {}
        if not self.shards.is_dir():
            return out
        for shard in sorted(self.shards.iterdir()):
            if shard.name.startswith("."):
                continue
            try:
                keys = json.loads((shard / "articles.json").read_text())
            except (OSError, ValueError):
                shutil.rmtree(shard, ignore_errors=True)  # cannot be trusted: redo its articles
                continue
            for aid, key in keys.items():
                out[aid] = (shard, key)
        return out

    def write_shard(self, shard_id: str, tables: dict[str, pa.Table], keys: dict[str, str], meta: dict[str, str]) -> Path:
        """Stage one finished shard: its tables and the key of each of its articles."""
        final = self.shards / shard_id
        tmp = self.shards / f".{shard_id}.{os.getpid()}.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        for table, data in tables.items():  # flushed together below, before the rename
            write_staged_file(tmp / f"{table}{STAGED_SUFFIX}", table, data, meta)
        for table in tables:
            fsync_file(tmp / f"{table}{STAGED_SUFFIX}")
        atomic_write_json(tmp / "articles.json", keys)
        fsync_dir(tmp)
        shutil.rmtree(final, ignore_errors=True)
        os.replace(tmp, final)
        fsync_dir(self.shards)
        return final

    @staticmethod
    def read(shard: Path, table: str) -> pa.Table:
        """One table of a staged shard (empty with the table's schema if the shard has none)."""
        return read_staged_file(shard / f"{table}{STAGED_SUFFIX}", table)

    def note_run(self, run_id: str, record: dict) -> None:
        """Remember that run ``run_id`` staged work here (so an interrupted run can be reported)."""
        atomic_write_json(self.root / "runs" / f"{run_id}.json", record)

    def runs(self) -> dict[str, dict]:
        """The runs that staged work here: run id → what they recorded."""
        out = {}
        for path in sorted((self.root / "runs").glob("*.json")):
            try:
                out[path.stem] = json.loads(path.read_text())
            except (OSError, ValueError):
                continue
        return out

    def clear(self) -> None:
        """Drop the area (after the commit that used it)."""
        shutil.rmtree(self.root.parent, ignore_errors=True)
