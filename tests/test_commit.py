"""The commit's faster paths give what the plain ones give: shingles without words, pair
comparison from a shared set, staged files as Arrow IPC, and a commit that flushes its files in
the background yet has every one of them on disk before it publishes."""

from __future__ import annotations

import random

import numpy as np
import pytest

from pipeline import store
from pipeline.copies.compare import shared_passages, similarity, similarity_of_counts, sorted_hashes
from pipeline.copies.text import shingle_hashes, text_shingles, words_of
from pipeline.schemas import ALL_TABLES
from pipeline.tables import read_staged_file, write_staged_file
from tests.test_copies import PARAS, TITLE, article

VOCAB = "the a council river park budget plan said vote city water trail school road money year".split()


@pytest.mark.parametrize("title", [TITLE, "WASHINGTON (Reuters) - " + TITLE, None])
def test_text_shingles_are_those_of_the_words(title):
    paras = ["NAIROBI, Kenya (AP) _ " + PARAS[0], *PARAS[1:], "It’s 6,000 O'Brien’s anti-trafficking „x“"]
    text, segs = article(title, paras)
    spans = [(s["char_start"], s["char_end"]) for s in segs if s["is_main"]]
    w = words_of(text, spans)
    n, hashes = text_shingles(text, spans)
    assert n == len(w.words) and np.array_equal(hashes, shingle_hashes(w.words))
    assert text_shingles("", [])[0] == 0 and len(text_shingles("", [])[1]) == 0


def _text(rng: random.Random, n: int, donor: list[str] | None = None) -> list[str]:
    words = [rng.choice(VOCAB) for _ in range(n)]
    if donor:  # a passage of the donor, with an edit, and a repeated phrase
        at, take = rng.randrange(0, n + 1), rng.randrange(5, 60)
        start = rng.randrange(0, max(1, len(donor) - take))
        piece = donor[start:start + take]
        if len(piece) > 20:
            piece[10] = "edited"
        words[at:at] = piece + donor[:6] * rng.randrange(0, 3)
    return words


def test_pair_comparison_from_the_shared_set_is_the_same():
    rng = random.Random(7)
    for _ in range(300):
        a = _text(rng, rng.randrange(0, 120))
        b = _text(rng, rng.randrange(0, 120), a)
        ha, hb = shingle_hashes(a), shingle_hashes(b)
        da, db = np.unique(ha), np.unique(hb)
        shared = np.intersect1d(da, db, assume_unique=True) if len(da) and len(db) else da[:0]
        assert similarity_of_counts(len(da), len(db), len(shared)) == similarity(ha, hb)
        if min(len(a), len(b)) >= 5:
            assert shared_passages(ha, hb, b_sorted=sorted_hashes(hb), shared=shared) == shared_passages(ha, hb)


def test_staged_files_read_back_as_written(tmp_path):
    for table in ("articles", "mentions", "_copy_signatures"):
        schema = ALL_TABLES[table]
        empty = schema.empty_table()
        write_staged_file(tmp_path / f"{table}.arrow", table, empty, {"run_id": "r"})
        back = read_staged_file(tmp_path / f"{table}.arrow", table)
        assert back.equals(empty) and back.schema == schema
    assert read_staged_file(tmp_path / "absent.arrow", "mentions").equals(ALL_TABLES["mentions"].empty_table())


def test_commit_has_every_file_on_disk_before_it_publishes(tmp_path, monkeypatch):
    synced, published = [], []
    monkeypatch.setattr(store, "fsync_file", lambda path: synced.append(path))
    real_replace = store.os.replace

    def replace(src, dst):
        if str(dst).endswith("000001"):  # the snapshot directory is renamed into place
            published.append(set(synced))
        return real_replace(src, dst)

    monkeypatch.setattr(store.os, "replace", replace)
    commit = store.Commit(tmp_path)
    rows = ALL_TABLES["entities"].empty_table()
    paths = [commit.write("entities", "part-00", rows, {"run_id": "r"}), commit.write("entities", "part-01", rows, {"run_id": "r"})]
    paths.append(commit.replace("entities", "part-00", rows, {"run_id": "r"}))
    commit.publish({"run_id": "r"}, {}, public=["entities"])
    assert published and set(paths) <= published[0]
    assert [f.name for f in store.current(tmp_path).files("entities")] == ["part-00.s000001.parquet", "part-01.s000001.parquet"]


def test_an_aborted_commit_leaves_nothing(tmp_path):
    commit = store.Commit(tmp_path)
    commit.write("entities", "part-00", ALL_TABLES["entities"].empty_table(), {"run_id": "r"})
    commit.abort()
    assert not commit.tmp.exists() and store.current(tmp_path) is None
