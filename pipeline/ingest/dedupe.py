"""One record per article: duplicates (same content, or an id used twice in one file) become rejects."""

from __future__ import annotations

from pipeline.ingest.records import Article, Reason, Reject, refuse


def dedupe(records: list[Article]) -> tuple[list[Article], list[Reject]]:
    """Keep one record per article id (the first by source path and line) and one per
    (source file, external id); the others become rejects that name the article kept."""
    kept: dict[str, Article] = {}
    seen_ext: dict[tuple[str, str], str] = {}
    rejects: list[Reject] = []
    for rec in sorted(records, key=lambda r: (r.source_path, r.source_line or 0)):
        if rec.external_id is not None:
            key = (rec.source_path, rec.external_id)
            if key in seen_ext and seen_ext[key] != rec.article_id:
                rejects.append(refuse(rec.source_path, Reason.DUPLICATE_ID,
                                      f"id {rec.external_id!r} was already used in this file by another article", rec.source_line, rec.article_id))
                continue
            seen_ext[key] = rec.article_id
        if rec.article_id in kept:
            first = kept[rec.article_id]
            where = first.source_path + (f" line {first.source_line}" if first.source_line else "")
            rejects.append(refuse(rec.source_path, Reason.DUPLICATE_CONTENT,
                                  f"same article as {where}", rec.source_line, rec.article_id))
            continue
        kept[rec.article_id] = rec
    return list(kept.values()), rejects
