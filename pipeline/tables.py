"""Read and write one table file: explicit schemas, deterministic row order, atomic writes.

Every file is written to a hidden temporary name in its directory, flushed to disk, then renamed
into place (``os.replace`` is atomic), so nobody ever sees half a file.  Which files make up a
table, and when they become visible, is :mod:`pipeline.store`'s business (snapshots).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pyarrow as pa
import pyarrow.ipc as ipc
import pyarrow.parquet as pq

from pipeline.schemas import ALL_TABLES, PIPELINE_VERSION, SORT_KEYS


def fsync_dir(path: Path) -> None:
    """Make a rename inside ``path`` durable."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (temp file, fsync, rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f".{path.name}.{os.getpid()}.tmp"
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    fsync_dir(path.parent)


def atomic_write_json(path: Path, obj) -> None:
    """Write ``obj`` as JSON to ``path`` atomically."""
    atomic_write_bytes(path, json.dumps(obj, indent=1, sort_keys=True, default=str).encode())


def to_table(table: str, rows: list[dict] | pa.Table) -> pa.Table:
    """Rows (dicts) → an Arrow table with the table's schema, sorted deterministically.

    Raises ``pa.ArrowInvalid``/``TypeError`` if a row does not fit the schema: a bug, not bad input.
    """
    schema = ALL_TABLES[table]
    if isinstance(rows, pa.Table):
        data = rows.select(schema.names).cast(schema)
    else:
        data = pa.Table.from_pylist(rows, schema=schema) if rows else schema.empty_table()
    keys = [k for k in SORT_KEYS[table] if k in schema.names]
    if data.num_rows > 1 and keys:
        data = data.sort_by([(k, "ascending") for k in keys])
    return data


def fsync_file(path: Path) -> None:
    """Flush a written file's data to disk (nothing to do if it is gone: replaced meanwhile)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _with_provenance(table: str, data: pa.Table, meta: dict[str, str]) -> pa.Table:
    """``data`` cast to the table's schema, with the pipeline version and ``meta`` in its
    key-value metadata (what produced the file)."""
    schema = ALL_TABLES[table]
    if data.schema != schema:
        data = data.cast(schema)
    kv = {b"pipeline_version": PIPELINE_VERSION.encode()}
    kv.update({k.encode(): str(v).encode() for k, v in meta.items()})
    return data.replace_schema_metadata({**(schema.metadata or {}), **kv})


def write_table_file(path: Path, table: str, data: pa.Table, meta: dict[str, str], sync: bool = True) -> None:
    """Write one Parquet file of ``table`` atomically, with provenance in its key-value metadata.

    ``sync=False`` leaves flushing to the caller (:func:`fsync_file` on the file, then
    :func:`fsync_dir` on its directory), for a writer of many files inside a directory nobody
    sees until it is published (a snapshot being committed)."""
    data = _with_provenance(table, data, meta)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f".{path.name}.{os.getpid()}.tmp"
    pq.write_table(data, tmp, compression="zstd")
    if sync:
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
    os.replace(tmp, path)
    if sync:
        fsync_dir(path.parent)


def read_table_file(path: Path, table: str, columns: list[str] | None = None) -> pa.Table:
    """Read one file of ``table`` (empty table if it does not exist), cast to the schema."""
    schema = ALL_TABLES[table]
    if not path.exists():
        empty = schema.empty_table()
        return empty.select(columns) if columns else empty
    with pq.ParquetFile(path) as pf:  # (pq.read_table goes through the datasets layer: ~2x the cost per small file)
        data = pf.read(columns=columns)
    data = data.replace_schema_metadata(None)
    target = pa.schema([schema.field(n) for n in (columns or schema.names)])
    return data.cast(target)


#: compression of the Arrow IPC files of staged results (lz4: about 4x cheaper to write and read
#: than zstd Parquet, 1.5x the bytes; they live only until the commit that reads them)
STAGED_COMPRESSION = "lz4"


def write_staged_file(path: Path, table: str, data: pa.Table, meta: dict[str, str]) -> None:
    """Write one table of staged results as an Arrow IPC file, not flushed (the caller flushes
    the files of a staged shard together before renaming its directory into place)."""
    data = _with_provenance(table, data, meta)
    path.parent.mkdir(parents=True, exist_ok=True)
    options = ipc.IpcWriteOptions(compression=STAGED_COMPRESSION)
    with pa.OSFile(str(path), "wb") as sink, ipc.new_file(sink, data.schema, options=options) as writer:
        writer.write_table(data)


def read_staged_file(path: Path, table: str) -> pa.Table:
    """Read a file :func:`write_staged_file` wrote (empty table if it does not exist), cast to the schema."""
    schema = ALL_TABLES[table]
    if not path.exists():
        return schema.empty_table()
    with pa.OSFile(str(path)) as source:
        data = ipc.open_file(source).read_all()
    return data.replace_schema_metadata(None).cast(schema)
