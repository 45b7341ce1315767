"""The copy index's incremental cost: adding one article to 100,000 (synthetic signatures in
bucket files, plus the seeds), the index's bytes per article in memory and on disk, and
datasketch's own ``MinHashLSH`` for comparison.

``python -m pipeline.evaluation.copies --bench-incremental 100000`` prints the figures.
"""

from __future__ import annotations

import time
from pathlib import Path

from pipeline.evaluation.copies import SEED, _cli


def _list_array(values, lengths):
    import numpy as np
    import pyarrow as pa

    offsets = np.zeros(len(lengths) + 1, dtype=np.int32)
    np.cumsum(lengths, out=offsets[1:])
    return pa.ListArray.from_arrays(pa.array(offsets), pa.array(values))


def _packed_array(values, lengths):
    """A binary column of packed little-endian uint32 values, ``lengths[i]`` values in row i."""
    import numpy as np
    import pyarrow as pa

    offsets = np.zeros(len(lengths) + 1, dtype=np.int32)
    np.cumsum(np.asarray(lengths) * 4, out=offsets[1:])
    data = np.ascontiguousarray(values, dtype="<u4").tobytes()
    return pa.Array.from_buffers(pa.binary(), len(lengths), [None, pa.py_buffer(offsets.tobytes()), pa.py_buffer(data)])


def synthetic_tables(n: int, seed: int = SEED):
    """``_copy_signatures``, ``_passage_hashes`` and ``articles`` (id, text) for ``n`` synthetic
    articles: random MinHash values, band keys and fingerprints (about 130 per article, as a
    600-word article has), random 3,000-character texts."""
    import os

    import numpy as np
    import pyarrow as pa

    from pipeline.copies.params import BANDS, NUM_PERM
    from pipeline.schemas import COPY_SIGNATURES, PASSAGE_HASHES, make_id

    rng = np.random.default_rng(seed)
    ids = pa.array([make_id("synthetic", i) for i in range(n)])
    ones = np.ones(n, dtype=np.int32)
    n_fp = rng.integers(60, 200, n)
    total = int(n_fp.sum())
    word_index = np.concatenate([np.sort(rng.choice(600, k, replace=False)) for k in n_fp]).astype(np.int32)
    sigs = pa.Table.from_arrays([
        ids, pa.array(["copies_v1"] * n), pa.array(np.full(n, 600, np.int32)), pa.array(np.full(n, 590, np.int32)),
        _list_array(np.zeros(n, np.int32), ones), _list_array(np.full(n, 3000, np.int32), ones),
        _list_array(rng.integers(0, 2**32, n * NUM_PERM, dtype=np.uint32), np.full(n, NUM_PERM)),
        _packed_array(rng.integers(0, 2**32, n * BANDS, dtype=np.uint32), np.full(n, BANDS)),
    ], schema=COPY_SIGNATURES)
    fps = pa.Table.from_arrays([
        ids, _packed_array(rng.integers(0, 2**32, total, dtype=np.uint32), n_fp), _list_array(word_index, n_fp),
        _list_array(word_index * 5, n_fp), _list_array(word_index * 5 + 30, n_fp),
    ], schema=PASSAGE_HASHES)
    arts = pa.table({"article_id": ids, "text": pa.array([os.urandom(1500).hex() for _ in range(n)], pa.large_string()),
                     "published": pa.nulls(n, pa.timestamp("ms"))})
    return sigs, fps, arts


def _write_buckets(out: Path, name: str, table) -> None:
    import numpy as np
    import pyarrow.parquet as pq

    from pipeline.schemas import N_BUCKETS, bucket_of

    (out / name).mkdir(parents=True, exist_ok=True)
    buckets = np.array([bucket_of(a) for a in table.column("article_id").to_pylist()])
    for b in range(N_BUCKETS):
        part = table.filter(buckets == b).sort_by("article_id")
        # row groups of ~1,000 rows: a filter on article_id then reads one group, not the bucket
        pq.write_table(part, out / name / f"part-{b:02d}.parquet", compression="zstd", row_group_size=1024)


def _read_all(out: Path, name: str, columns: list[str]):
    import pyarrow as pa
    import pyarrow.parquet as pq

    return pa.concat_tables([pq.read_table(p, columns=columns) for p in sorted((out / name).glob("part-*.parquet"))])


def _seed_copy(seed_text: str) -> str:
    """A syndicated copy of a seed article: new headline, wire dateline, last paragraph cut."""
    paras = [p for p in seed_text.split("\n\n") if p.strip()]
    return "\n\n".join(["Actor tells senators of his fight against child trafficking",
                        "WASHINGTON (AP) — " + paras[4]] + paras[5:-2])


def bench_incremental(work: Path, n: int = 100_000, seeds: Path | None = None, lsh_sample: int = 20_000) -> dict[str, float]:
    """Cost of adding one article to ``n``: the hidden tables of ``n`` synthetic articles plus the
    seeds are written as 16 bucket files; then one new article (a copy of seed 000) is signed,
    the index is read from the bucket files and the new article queried, verified against the
    texts it matches (read from the buckets) and its pairs written.  Also the bytes per article
    of the index in memory and on disk, and, for comparison, datasketch's own ``MinHashLSH`` on
    ``lsh_sample`` articles."""
    import tracemalloc

    import pandas as pd
    import pyarrow as pa

    from pipeline.copies.index import build_index
    from pipeline.copies.signature import article_signature
    from pipeline.copies.update import bucket_loader, published_map, update_copies
    from pipeline.schemas import COPY_SIGNATURES, PASSAGE_HASHES

    seeds = seeds or Path(__file__).resolve().parents[2] / "raw"
    raw, real = work / "raw", work / "real"
    raw.mkdir(parents=True, exist_ok=True)
    for p in sorted(seeds.glob("*.txt")):
        (raw / p.name).write_text(p.read_text())
    seed0 = next(p for p in sorted(seeds.glob("000_*.txt")))
    (raw / "100_copy.txt").write_text(_seed_copy(seed0.read_text()))
    _cli("segment", "--raw", str(raw), "--out", str(real), "--full")
    arts = pd.read_parquet(real / "articles", columns=["article_id", "source_path", "text", "published"])
    segs = pd.read_parquet(real / "segments")
    new_id = arts.article_id[arts.source_path == "100_copy.txt"].iloc[0]
    rows = {a: article_signature(a, t, segs[segs.article_id == a].to_dict("records")) for a, t in zip(arts.article_id, arts.text)}
    t0 = time.perf_counter()
    article_signature(new_id, arts.text[arts.article_id == new_id].iloc[0], segs[segs.article_id == new_id].to_dict("records"))
    sign_s = time.perf_counter() - t0
    sigs, fps, texts = synthetic_tables(n)
    sigs = pa.concat_tables([sigs, pa.Table.from_pylist([r["_copy_signatures"] for r in rows.values()], schema=COPY_SIGNATURES)])
    fps = pa.concat_tables([fps, pa.Table.from_pylist([r["_passage_hashes"] for r in rows.values()], schema=PASSAGE_HASHES)])
    texts = pa.concat_tables([texts, pa.Table.from_pandas(arts[["article_id", "text", "published"]], schema=texts.schema,
                                                          preserve_index=False)])
    out = work / "output"
    for name, table in (("_copy_signatures", sigs), ("_passage_hashes", fps), ("articles", texts)):
        _write_buckets(out, name, table)
    del sigs, fps
    t0 = time.perf_counter()
    index = build_index(_read_all(out, "_copy_signatures", ["article_id", "band_keys"]),
                        _read_all(out, "_passage_hashes", ["article_id", "hashes"]))
    t1 = time.perf_counter()
    published = published_map(arts)
    result = update_copies(index, [new_id], [], bucket_loader(out), published)
    t2 = time.perf_counter()
    load_s = _time(lambda: bucket_loader(out)(sorted(set(arts.article_id))))
    n_all = len(index.article_ids)
    disk = sum(f.stat().st_size for name in ("_copy_signatures", "_passage_hashes") for f in (out / name).glob("*.parquet"))
    ids_bytes = sum(len(a) + 49 + 8 for a in index.article_ids[:1000]) / 1000  # str object + array slot
    figures = {
        "articles": n_all, "sign_ms": 1000 * sign_s, "read_index_s": t1 - t0, "query_verify_write_s": t2 - t1,
        "add_one_article_s": sign_s + (t2 - t0), "load_candidate_texts_s": load_s,
        "candidate_pairs": result.stats["candidate_pairs"], "articles_read": result.stats["articles_read"],
        "duplicates_found": result.duplicates.num_rows, "passages_found": result.passages.num_rows,
        "index_bytes_per_article": index.nbytes / n_all + ids_bytes, "disk_bytes_per_article": disk / n_all,
    }
    figures["index_gb_at_1m"] = figures["index_bytes_per_article"] * 1e6 / 1e9
    if lsh_sample:
        tracemalloc.start()
        lsh_s = _datasketch_lsh(index, lsh_sample)
        figures["datasketch_lsh_bytes_per_article"] = tracemalloc.get_traced_memory()[0] / lsh_sample
        figures["datasketch_lsh_insert_ms_per_article"] = 1000 * lsh_s / lsh_sample
        tracemalloc.stop()
    return figures


def _time(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def _datasketch_lsh(index, n: int) -> float:
    """Insert ``n`` articles' MinHash into datasketch's ``MinHashLSH`` (same 64 x 4 shape): the
    per-article memory of the library's own in-memory index, for comparison.  Returns seconds."""
    import numpy as np
    from datasketch import LeanMinHash, MinHashLSH

    from pipeline.copies.params import BANDS, MINHASH_SEED, NUM_PERM, ROWS

    rng = np.random.default_rng(SEED)
    values = rng.integers(0, 2**32, (n, NUM_PERM), dtype=np.uint32)
    lsh = MinHashLSH(num_perm=NUM_PERM, params=(BANDS, ROWS))
    t0 = time.perf_counter()
    with lsh.insertion_session() as session:
        for i in range(n):
            session.insert(str(index.article_ids[i]), LeanMinHash(seed=MINHASH_SEED, hashvalues=values[i], scheme="affine32"))
    return time.perf_counter() - t0
