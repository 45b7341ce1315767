"""The plan of a run, as pure functions: no files, no model."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.corpus import common_keys
from pipeline.ingest import dedupe
from pipeline.run import plan
from pipeline.schemas import bucket_of


@dataclass
class Src:
    rel: str
    size: int
    mtime_ns: int


def ref(aid: str, path: str, line=None, key="k") -> plan.Ref:
    return plan.Ref(aid, path, line, None, key)


def old(path: str, line=None, key="k") -> dict:
    return {"source": path, "line": line, "key": key}


A, B, C, D = "aaaa0001", "bbbb0002", "cccc0003", "dddd0004"


def test_only_new_or_touched_sources_are_read():
    old_sources = {"a.txt": {"size": 10, "mtime_ns": 5}, "b.txt": {"size": 10, "mtime_ns": 5}}
    scanned = [Src("a.txt", 10, 5), Src("b.txt", 11, 5), Src("c.txt", 1, 1)]
    assert plan.sources_to_read(old_sources, scanned) == ["b.txt", "c.txt"]


def test_new_changed_unchanged_deleted():
    previous = {A: old("a.txt"), B: old("b.txt"), C: old("c.txt")}
    # a.txt unchanged; b.txt now holds another article (D); c.txt deleted; B's metadata key unchanged
    now = [ref(A, "a.txt"), ref(D, "b.txt")]
    ap = plan.count_changes(plan.plan_articles(now, previous, dedupe), previous)
    assert [r.article_id for r in ap.to_process] == [D]
    assert sorted(ap.removed) == [B, C]
    assert (ap.n_new, ap.n_changed, ap.n_unchanged, ap.n_deleted) == (0, 1, 1, 1)
    assert ap.affected_buckets() == {bucket_of(B), bucket_of(C), bucket_of(D)}


def test_changed_metadata_reprocesses_the_article():
    previous = {A: old("feed.jsonl", 1, key="k1")}
    ap = plan.plan_articles([ref(A, "feed.jsonl", 1, key="k2")], previous, dedupe)
    assert [r.article_id for r in ap.to_process] == [A]


def test_a_full_rebuild_processes_everything_and_duplicates_are_rejected():
    ap = plan.plan_articles([ref(A, "a.txt"), ref(A, "copy.txt"), ref(B, "b.txt")], {}, dedupe)
    assert sorted(r.article_id for r in ap.to_process) == [A, B]
    assert [r.reason for r in ap.dup_rejects] == ["duplicate_content"]
    assert ap.kept[A].source_path == "a.txt"


def test_common_lines_changes_send_stored_articles_back():
    stored = [(A, "share this"), (B, "share this"), (C, "other")]
    fresh = [(D, "share this")]
    common, again = plan.plan_common_lines(stored, fresh, frozenset(), common_keys)
    assert common == {"share this"} and again == [A, B]
    common2, again2 = plan.plan_common_lines(stored, fresh, common, common_keys)
    assert common2 == common and again2 == []


def test_staged_key_depends_only_on_the_article_s_common_lines():
    k1 = plan.staged_key("t", ["x", "y"], frozenset({"x"}))
    assert k1 == plan.staged_key("t", ["y", "x"], frozenset({"x", "z"}))
    assert k1 != plan.staged_key("t", ["x", "y"], frozenset({"x", "y"}))
    assert k1 != plan.staged_key("t2", ["x", "y"], frozenset({"x"}))


def test_shards_are_consecutive_and_bounded():
    items = [5, 5, 5, 20, 1, 1, 1, 1]
    out = plan.shards(items, weight=lambda w: w, budget=10, max_items=3)
    assert [x for shard in out for x in shard] == items
    assert out == [[5, 5], [5], [20], [1, 1, 1], [1]]


def test_shards_taper_towards_the_end_for_the_workers_to_finish_together():
    items = [1] * 100
    even = plan.shards(items, weight=lambda w: w, budget=10, max_items=50)
    assert [len(s) for s in even] == [10] * 10
    tapered = plan.shards(items, weight=lambda w: w, budget=10, max_items=50, taper=2, min_budget=2)
    sizes = [len(s) for s in tapered]
    assert sum(sizes) == 100 and [x for s in tapered for x in s] == items
    assert sizes[:7] == [10] * 7  # full shards while plenty is left (40 left: 40 / 4 = 10)
    assert sizes[7:] == sorted(sizes[7:], reverse=True) and sizes[-1] <= 2  # then smaller and smaller, down to the floor
    left = 100
    for n in sizes:  # never more than a quarter (2 workers x 2) of what was left
        assert n <= max(2, left / 4)
        left -= n
