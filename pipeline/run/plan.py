"""The plan of a run, as pure functions: which sources to read, which articles are new, changed
or gone, which must be processed, which bucket files change.  No I/O here: the engine reads
files and tables and passes what it read in."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from pipeline.schemas import bucket_of, make_id


@dataclass(frozen=True)
class Ref:
    """Where one article lives, and the key of everything its results depend on besides the code."""

    article_id: str
    source_path: str
    source_line: int | None
    external_id: str | None
    task_key: str


def task_key(article_id: str, language: str, published, published_grain, title, author) -> str:
    """The key of an article's inputs: its text (through the id) and the metadata the later
    stages read (the publication date anchors dates; title and author fill the articles row)."""
    return make_id("task", article_id, language, published, published_grain, title, author)


def staged_key(task: str, article_line_keys: Iterable[str], common: frozenset[str]) -> str:
    """The key staged results are valid under: the task key and the article's lines that are
    common across the corpus (the only corpus-level input of segmentation)."""
    return make_id("staged", task, *sorted(k for k in article_line_keys if k in common))


def sources_to_read(old_sources: Mapping[str, dict], scanned: Iterable) -> list[str]:
    """Relative paths of the scanned sources that are new or whose size or mtime changed."""
    return [src.rel for src in scanned
            if not ((old := old_sources.get(src.rel)) and old["size"] == src.size and old["mtime_ns"] == src.mtime_ns)]


def refs_of(sources: Mapping[str, dict]) -> list[Ref]:
    """Every article reference the source entries list (duplicates included)."""
    return [Ref(a, rel, line, ext, key) for rel, e in sources.items() for a, line, ext, key in e["articles"]]


@dataclass
class ArticlePlan:
    """What happens to each article in this run."""

    kept: dict[str, Ref]  # article id → the one reference kept
    to_process: list[Ref]
    removed: list[str]  # articles of the last run that are gone or replaced
    n_new: int = 0
    n_changed: int = 0
    n_unchanged: int = 0
    n_deleted: int = 0
    dup_rejects: list = field(default_factory=list)

    @property
    def process_ids(self) -> set[str]:
        return {r.article_id for r in self.to_process}

    def affected_buckets(self) -> set[int]:
        """Bucket files that change: those of processed articles and of articles that go."""
        return {bucket_of(a) for a in self.process_ids} | {bucket_of(a) for a in self.removed}


def plan_articles(refs: list[Ref], old_articles: Mapping[str, dict], dedupe) -> ArticlePlan:
    """Decide, for the articles found now and those of the last run (``old_articles``: article id
    → its source, line and task key; empty for a full rebuild), which are processed.

    ``dedupe`` keeps one reference per article (ingest's rule) and returns rejects for the others."""
    kept_refs, dup_rejects = dedupe(refs)
    kept = {r.article_id: r for r in kept_refs}
    to_process = [r for r in kept_refs
                  if (old := old_articles.get(r.article_id)) is None
                  or (old["source"], old["line"], old.get("key")) != (r.source_path, r.source_line, r.task_key)]
    plan = ArticlePlan(kept, to_process, [a for a in old_articles if a not in kept], dup_rejects=dup_rejects)
    return plan


def count_changes(plan: ArticlePlan, prev_articles: Mapping[str, dict]) -> ArticlePlan:
    """Fill the new/changed/unchanged/deleted counts against the last run's articles.
    "changed": processed again, or its source (file and line) held another article before."""
    prev_at = {(a["source"], a["line"]): aid for aid, a in prev_articles.items()}
    replaced = {prev_at[(r.source_path, r.source_line)] for r in plan.to_process
                if prev_at.get((r.source_path, r.source_line)) not in (None, r.article_id)}
    reprocessed = sum(1 for r in plan.to_process if r.article_id in prev_articles)
    plan.n_changed = len(replaced) + reprocessed
    plan.n_new = len(plan.to_process) - plan.n_changed
    plan.n_unchanged = len(plan.kept) - len(plan.to_process)
    plan.n_deleted = len([a for a in prev_articles if a not in plan.kept and a not in replaced])
    return plan


def plan_common_lines(stored: Iterable[tuple[str, str]], fresh: Iterable[tuple[str, str]], old_common: frozenset[str],
                      common_keys) -> tuple[frozenset[str], list[str]]:
    """Lines common across the corpus, from (article id, line key) pairs of the stored articles
    and of the articles processed now; returns the new set and the stored articles whose common
    lines changed (they are segmented again, so the order of arrival does not matter)."""
    stored = list(stored)
    new_common = common_keys(stored + list(fresh))
    changed = new_common ^ old_common
    return new_common, sorted({a for a, k in stored if k in changed})


def shards(items: list, weight, budget: int, max_items: int, taper: int = 0, min_budget: int = 1) -> list[list]:
    """Cut ``items`` (in order) into consecutive shards of about ``budget`` total ``weight`` and at
    most ``max_items`` items each; an item heavier than the budget is a shard of its own.

    With ``taper`` (the number of workers, taking the shards in order), the last shards get
    smaller: none is over the weight still to cut divided by ``2 * taper`` (nor under
    ``min_budget``), so the workers run out of work together instead of one waiting for the
    other's last full shard (guided self-scheduling)."""
    weights = [weight(item) for item in items]
    remaining = sum(weights)

    def limit() -> float:
        return budget if not taper else max(min_budget, min(budget, remaining / (2 * taper)))

    out: list[list] = []
    cur: list = []
    size = 0
    cap = limit()
    for item, w in zip(items, weights):
        if cur and (size + w > cap or len(cur) >= max_items):
            out.append(cur)
            remaining -= size
            cur, size = [], 0
            cap = limit()
        cur.append(item)
        size += w
    if cur:
        out.append(cur)
    return out
