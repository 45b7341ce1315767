"""The contract between stages: one explicit pyarrow schema per table, and the id helpers.

Every table is a directory ``<out>/<table>/`` of Parquet files (inside a committed snapshot: see
:mod:`pipeline.store`).  Article-level tables are split into ``N_BUCKETS`` files by a hash of the
article id (``part-07.s000003.parquet``), so that a re-run that adds or removes one article
rewrites one small file per table, not the corpus.  Corpus-level tables (``entities``,
``rejects``) are one file; ``runs`` gets one file per run.

Offsets (``char_start``/``char_end``) are Python string indices (Unicode code points) into
``articles.text``, end exclusive: ``text[char_start:char_end]`` is the span.
"""

from __future__ import annotations

import hashlib

import pyarrow as pa

PIPELINE_VERSION = "0.1.0"

#: number of bucket files per article-level table
N_BUCKETS = 16

_ts = pa.timestamp("ms")  # wall-clock time of the article (no zone), e.g. a resolved date
_utc = pa.timestamp("ms", tz="UTC")  # instants measured by the pipeline (run times)
_cat = pa.dictionary(pa.int32(), pa.string())  # categorical


def _offsets() -> list[pa.Field]:
    return [
        pa.field("char_start", pa.int32(), nullable=False),
        pa.field("char_end", pa.int32(), nullable=False),
    ]


ARTICLES = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("source_path", pa.string(), nullable=False),
        pa.field("source_format", _cat, nullable=False),
        pa.field("source_line", pa.int32()),
        pa.field("external_id", pa.string()),
        pa.field("url", pa.string()),
        pa.field("title", pa.string()),
        pa.field("title_source", _cat),
        pa.field("author", pa.string()),
        pa.field("author_source", _cat),
        pa.field("published", _ts),
        pa.field("published_grain", _cat),
        pa.field("published_source", _cat),
        pa.field("published_char_start", pa.int32()),
        pa.field("published_char_end", pa.int32()),
        pa.field("language", _cat),
        pa.field("encoding", _cat),
        pa.field("n_chars", pa.int32(), nullable=False),
        pa.field("n_words", pa.int32(), nullable=False),
        pa.field("content_sha256", pa.string(), nullable=False),
        pa.field("text", pa.large_string(), nullable=False),
        pa.field("cluster_id", pa.string()),  # copies of one story share it (every article has one)
        pa.field("cluster_first_article_id", pa.string()),  # the cluster's member published first
        pa.field("cluster_size", pa.int32()),  # articles in the cluster
        pa.field("pipeline_version", _cat, nullable=False),
        pa.field("model", _cat, nullable=False),
    ]
)

SEGMENTS = pa.schema(
    [
        pa.field("segment_id", pa.string(), nullable=False),
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("seq", pa.int32(), nullable=False),
        *_offsets(),
        pa.field("kind", _cat, nullable=False),
        pa.field("is_main", pa.bool_(), nullable=False),
        pa.field("score", pa.float32()),
        pa.field("rule", _cat),
        pa.field("n_words", pa.int32(), nullable=False),
    ]
)

SENTENCES = pa.schema(
    [
        pa.field("sentence_id", pa.string(), nullable=False),
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("segment_id", pa.string(), nullable=False),
        pa.field("seq", pa.int32(), nullable=False),
        *_offsets(),
    ]
)

MENTIONS = pa.schema(
    [
        pa.field("mention_id", pa.string(), nullable=False),
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("segment_id", pa.string(), nullable=False),
        pa.field("sentence_id", pa.string()),
        *_offsets(),
        pa.field("text", pa.string(), nullable=False),
        pa.field("label", _cat, nullable=False),
        pa.field("model_label", _cat, nullable=False),
        pa.field("source", _cat, nullable=False),
        pa.field("segment_kind", _cat, nullable=False),
        pa.field("name", pa.string()),
        pa.field("entity_id", pa.string()),
        pa.field("counted", pa.string()),
        pa.field("counted_char_start", pa.int32()),
        pa.field("counted_char_end", pa.int32()),
    ]
)

DATES = pa.schema(
    [
        pa.field("date_id", pa.string(), nullable=False),
        pa.field("mention_id", pa.string(), nullable=False),
        pa.field("article_id", pa.string(), nullable=False),
        *_offsets(),
        pa.field("text", pa.string(), nullable=False),
        pa.field("type", _cat, nullable=False),
        pa.field("value", pa.string()),
        pa.field("kind", _cat, nullable=False),
        pa.field("grain", _cat),
        pa.field("start", _ts),
        pa.field("end", _ts),
        pa.field("mod", _cat),
        pa.field("anchor", _ts),
        pa.field("anchor_source", _cat, nullable=False),
        pa.field("rule", _cat),
    ]
)

QUANTITIES = pa.schema(
    [
        pa.field("quantity_id", pa.string(), nullable=False),
        pa.field("mention_id", pa.string(), nullable=False),
        pa.field("article_id", pa.string(), nullable=False),
        *_offsets(),
        pa.field("text", pa.string(), nullable=False),
        pa.field("label", _cat, nullable=False),
        pa.field("value", pa.float64()),
        pa.field("low", pa.float64()),
        pa.field("high", pa.float64()),
        pa.field("mod", _cat),
        pa.field("unit", _cat),
        pa.field("currency", _cat),
        pa.field("counted", pa.string()),
        pa.field("counted_char_start", pa.int32()),
        pa.field("counted_char_end", pa.int32()),
    ]
)

ENTITIES = pa.schema(
    [
        pa.field("entity_id", pa.string(), nullable=False),
        pa.field("label", _cat, nullable=False),
        pa.field("name", pa.string(), nullable=False),
        pa.field("aliases", pa.list_(pa.string()), nullable=False),
        pa.field("n_mentions", pa.int64(), nullable=False),
        pa.field("n_articles", pa.int64(), nullable=False),
    ]
)

# One row per attribution (a direct quotation or reported speech), its parts as offsets.
QUOTES = pa.schema(
    [
        pa.field("quote_id", pa.string(), nullable=False),
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("kind", _cat, nullable=False),  # direct / indirect / mixed
        pa.field("content_starts", pa.list_(pa.int32()), nullable=False),  # one per fragment, text order
        pa.field("content_ends", pa.list_(pa.int32()), nullable=False),
        pa.field("cue_char_start", pa.int32()),
        pa.field("cue_char_end", pa.int32()),
        pa.field("cue_lemma", _cat),
        pa.field("cue_text", pa.string()),
        pa.field("source_char_start", pa.int32()),  # null: the speaker is not named in the text
        pa.field("source_char_end", pa.int32()),
        pa.field("source_text", pa.string()),
        pa.field("speaker_entity_id", pa.string()),  # entities.entity_id; null where it cannot be told
        pa.field("speaker_name", pa.string()),
        pa.field("speaker_label", _cat),
        pa.field("confidence", pa.float32(), nullable=False),
        pa.field("rule", _cat, nullable=False),  # how it was found (pipeline.quotes.assemble.CONFIDENCE)
        pa.field("segment_id", pa.string()),
        pa.field("sentence_id", pa.string()),
        pa.field("quote_group", pa.string()),  # the same quotation in other articles shares it
        pa.field("quote_group_n_articles", pa.int32()),  # articles that carry the quotation
    ]
)
# --- copies: the hidden per-article tables the workers write, and the corpus-level tables the
# driver derives from them at commit (pipeline.copies).  The two columns the driver's index reads
# for every article (band_keys, hashes) are packed binary: reading the index is two buffer copies.
COPY_SIGNATURES = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("signature_version", pa.string(), nullable=False),
        pa.field("n_words", pa.int32(), nullable=False),  # normalised main-text words
        pa.field("n_shingles", pa.int32(), nullable=False),  # distinct 5-word shingles
        pa.field("main_starts", pa.list_(pa.int32()), nullable=False),  # main blocks (title, body)
        pa.field("main_ends", pa.list_(pa.int32()), nullable=False),
        pa.field("minhash", pa.list_(pa.uint32()), nullable=False),  # NUM_PERM values, or [] (too short)
        # BANDS LSH keys (uint32, little-endian, packed: read as one buffer), or b"" (too short)
        pa.field("band_keys", pa.binary(), nullable=False),
    ]
)

PASSAGE_HASHES = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        # winnowed 5-word shingle hashes (uint32, little-endian, packed), in text order
        pa.field("hashes", pa.binary(), nullable=False),
        pa.field("word_index", pa.list_(pa.int32()), nullable=False),  # first word of each shingle
        pa.field("char_starts", pa.list_(pa.int32()), nullable=False),  # its offsets in articles.text
        pa.field("char_ends", pa.list_(pa.int32()), nullable=False),
    ]
)

FIGURE_KEYS = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("quantity_id", pa.string(), nullable=False),
        pa.field("char_start", pa.int32(), nullable=False),
        pa.field("counted", pa.string(), nullable=False),  # head noun, lower case
        pa.field("label", pa.string(), nullable=False),
        pa.field("unit", pa.string(), nullable=False),  # "" when none
        pa.field("currency", pa.string(), nullable=False),  # "" when none
        pa.field("value", pa.float64(), nullable=False),
        pa.field("mod", pa.string()),
        pa.field("lo", pa.float64(), nullable=False),  # the interval the statement covers
        pa.field("hi", pa.float64(), nullable=False),
        pa.field("mods", pa.list_(pa.string()), nullable=False),  # premodifiers of the counted noun
        pa.field("phrase", pa.string(), nullable=False),  # "over 6,000 trafficking victims"
    ]
)

DUPLICATES = pa.schema(
    [
        pa.field("article_id_1", pa.string(), nullable=False),  # article_id_1 < article_id_2
        pa.field("article_id_2", pa.string(), nullable=False),
        pa.field("jaccard", pa.float64(), nullable=False),  # exact, normalised 5-word shingle sets
        pa.field("jaccard_estimate", pa.float64()),  # MinHash estimate
        pa.field("containment", pa.float64(), nullable=False),  # share of the shorter in the longer
        pa.field("kind", _cat, nullable=False),  # exact, near_duplicate, contained
        pa.field("first_article_id", pa.string()),  # published first (null: unknown or same time)
        pa.field("n_shared_shingles", pa.int32(), nullable=False),
    ]
)

PASSAGES = pa.schema(
    [
        pa.field("passage_id", pa.string(), nullable=False),
        pa.field("article_id_1", pa.string(), nullable=False),  # article_id_1 < article_id_2
        pa.field("char_start_1", pa.int32(), nullable=False),
        pa.field("char_end_1", pa.int32(), nullable=False),
        pa.field("article_id_2", pa.string(), nullable=False),
        pa.field("char_start_2", pa.int32(), nullable=False),
        pa.field("char_end_2", pa.int32(), nullable=False),
        pa.field("n_words", pa.int32(), nullable=False),  # words shared (aligned), counted in article 1
        pa.field("n_words_1", pa.int32(), nullable=False),  # words of the passage in article 1
        pa.field("n_words_2", pa.int32(), nullable=False),
        pa.field("first_article_id", pa.string()),
    ]
)


FIGURE_GROUPS = pa.schema(
    [
        pa.field("figure_group_id", pa.string(), nullable=False),
        pa.field("counted", pa.string(), nullable=False),  # head noun counted, singular
        pa.field("description", pa.string(), nullable=False),  # longest modifiers + head seen
        pa.field("label", _cat, nullable=False),
        pa.field("unit", _cat),
        pa.field("currency", _cat),
        pa.field("value", pa.float64(), nullable=False),  # the value stated most often (earliest if tied)
        pa.field("value_min", pa.float64(), nullable=False),  # smallest / largest stated value
        pa.field("value_max", pa.float64(), nullable=False),
        pa.field("mods", pa.list_(pa.string()), nullable=False),  # mods used (EXACT for none)
        pa.field("first_quantity_id", pa.string(), nullable=False),
        pa.field("first_article_id", pa.string(), nullable=False),
        pa.field("first_published", _ts),
        pa.field("first_text", pa.string(), nullable=False),  # e.g. "over 6,000"
        pa.field("last_published", _ts),
        pa.field("n_articles", pa.int32(), nullable=False),
        pa.field("n_clusters", pa.int32()),  # distinct copy clusters (null: clusters not given)
        pa.field("n_quantities", pa.int32(), nullable=False),
        pa.field("article_ids", pa.list_(pa.string()), nullable=False),  # in order first seen
        pa.field("quantity_ids", pa.list_(pa.string()), nullable=False),
    ]
)
QUOTE_KEYS = pa.schema(
    [
        pa.field("quote_id", pa.string(), nullable=False),
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("n_words", pa.int32(), nullable=False),  # normalised words of the quotation
        pa.field("short_key", pa.string()),  # the words, for a quotation too short to shingle
        pa.field("hashes", pa.binary(), nullable=False),  # unique 3-word shingle hashes (uint64, packed)
    ]
)
# Working shapes of the copies stage (not tables of their own: their columns go to articles and quotes)
ARTICLE_CLUSTERS = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("cluster_id", pa.string(), nullable=False),
        pa.field("cluster_first_article_id", pa.string()),
        pa.field("cluster_size", pa.int32(), nullable=False),
    ]
)
QUOTE_GROUPS = pa.schema(
    [
        pa.field("quote_id", pa.string(), nullable=False),
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("quote_group", pa.string(), nullable=False),
        pa.field("group_n_articles", pa.int32(), nullable=False),
    ]
)

# Per-bucket contributions to ``entities`` (hidden table): one row per entity per article.
ENTITY_ARTICLES = pa.schema(
    [
        pa.field("entity_id", pa.string(), nullable=False),
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("label", pa.string(), nullable=False),
        pa.field("name", pa.string(), nullable=False),
        pa.field("aliases", pa.list_(pa.string()), nullable=False),
        pa.field("n_mentions", pa.int64(), nullable=False),
    ]
)

# Per-article keys of short lines (hidden table): which lines recur across the corpus.
LINES = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("key", pa.string(), nullable=False),
    ]
)

REJECTS = pa.schema(
    [
        pa.field("reject_id", pa.string(), nullable=False),
        pa.field("stage", _cat, nullable=False),
        pa.field("source_path", pa.string(), nullable=False),
        pa.field("source_line", pa.int32()),
        pa.field("article_id", pa.string()),
        pa.field("reason", _cat, nullable=False),
        pa.field("detail", pa.string(), nullable=False),
        pa.field("run_id", pa.string(), nullable=False),
    ]
)

RUNS = pa.schema(
    [
        pa.field("run_id", pa.string(), nullable=False),
        pa.field("command", _cat, nullable=False),
        pa.field("started_at", _utc, nullable=False),
        pa.field("finished_at", _utc, nullable=False),
        pa.field("status", _cat, nullable=False),  # ok, or interrupted (killed before it committed)
        pa.field("snapshot_id", pa.string()),  # the snapshot the run committed (null if interrupted)
        pa.field("executor", pa.string()),  # where the work ran: in-process, worker processes, a cluster
        pa.field("full_rebuild", pa.bool_(), nullable=False),
        pa.field("rebuild_reason", pa.string()),
        pa.field("n_sources", pa.int64(), nullable=False),
        pa.field("n_articles", pa.int64(), nullable=False),
        pa.field("n_new", pa.int64(), nullable=False),
        pa.field("n_changed", pa.int64(), nullable=False),
        pa.field("n_unchanged", pa.int64(), nullable=False),
        pa.field("n_deleted", pa.int64(), nullable=False),
        pa.field("n_rejected", pa.int64(), nullable=False),
        pa.field("n_words", pa.int64(), nullable=False),
        pa.field("n_computed", pa.int64(), nullable=False),  # articles sent through the stages
        pa.field("n_reused", pa.int64(), nullable=False),  # articles whose staged results were reused
        pa.field("seconds_ingest", pa.float64(), nullable=False),
        pa.field("seconds_process", pa.float64(), nullable=False),
        pa.field("seconds_write", pa.float64(), nullable=False),
        pa.field("seconds_total", pa.float64(), nullable=False),
        pa.field("stage_seconds", pa.map_(pa.string(), pa.float64()), nullable=False),
        pa.field("stage_counts", pa.map_(pa.string(), pa.int64()), nullable=False),  # chars the model / the parser read
        pa.field("table_rows", pa.map_(pa.string(), pa.int64()), nullable=False),
        pa.field("reject_reasons", pa.map_(pa.string(), pa.int64()), nullable=False),
        pa.field("processes", pa.int32(), nullable=False),
        pa.field("model_loaded", pa.bool_(), nullable=False),
        pa.field("pipeline_version", pa.string(), nullable=False),
        pa.field("model", pa.string(), nullable=False),
        pa.field("settings_fingerprint", pa.string(), nullable=False),
    ]
)

#: article-level tables, bucketed by article id, in the order a run writes them
BUCKETED = {
    "articles": ARTICLES,
    "segments": SEGMENTS,
    "sentences": SENTENCES,
    "mentions": MENTIONS,
    "dates": DATES,
    "quantities": QUANTITIES,
    "quotes": QUOTES,
    "_entity_articles": ENTITY_ARTICLES,
    "_lines": LINES,
    "_copy_signatures": COPY_SIGNATURES,
    "_passage_hashes": PASSAGE_HASHES,
    "_figure_keys": FIGURE_KEYS,
    "_quote_keys": QUOTE_KEYS,
}
#: corpus-level tables
GLOBAL = {"entities": ENTITIES, "duplicates": DUPLICATES, "passages": PASSAGES, "figure_groups": FIGURE_GROUPS,
          "rejects": REJECTS, "runs": RUNS}
ALL_TABLES = {**BUCKETED, **GLOBAL}
#: the tables a user sees (hidden ones start with "_")
PUBLIC_TABLES = [name for name in ALL_TABLES if not name.startswith("_")]

#: sort keys that make every file's row order deterministic
SORT_KEYS = {
    "articles": ["article_id"],
    "segments": ["article_id", "char_start"],
    "sentences": ["article_id", "char_start"],
    "mentions": ["article_id", "char_start", "char_end", "mention_id"],
    "dates": ["article_id", "char_start", "date_id"],
    "quantities": ["article_id", "char_start", "quantity_id"],
    "quotes": ["article_id", "quote_id"],
    "_entity_articles": ["article_id", "entity_id"],
    "_lines": ["article_id", "key"],
    "_copy_signatures": ["article_id"],
    "_passage_hashes": ["article_id"],
    "_figure_keys": ["article_id", "char_start", "quantity_id"],
    "_quote_keys": ["article_id", "quote_id"],
    "duplicates": ["article_id_1", "article_id_2"],
    "passages": ["article_id_1", "article_id_2", "char_start_1", "char_start_2"],
    "figure_groups": ["counted", "value", "figure_group_id"],
    "entities": ["entity_id"],
    "rejects": ["source_path", "source_line", "reject_id"],
    "runs": ["run_id"],
}


def make_id(*parts: object) -> str:
    """A stable 16-hex-digit id derived from ``parts`` (content, never row numbers)."""
    h = hashlib.blake2b(digest_size=8)
    for part in parts:
        h.update(str(part).encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()


def bucket_of(article_id: str) -> int:
    """The bucket file an article's rows live in."""
    return int(article_id[:4], 16) % N_BUCKETS
