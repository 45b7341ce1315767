"""Named constants of the copies stage, each with where its value came from.

Changing any value that shapes a signature (shingle size, permutations, bands, winnowing window,
normalisation) changes `SIGNATURE_VERSION`: stored signatures of another version must be
recomputed (the engine treats it like a model change for the hidden copy tables).
"""

from __future__ import annotations

#: bump when anything below that shapes a stored signature changes
SIGNATURE_VERSION = "copies_v1"

# -- shingles ------------------------------------------------------------------------------
#: words per shingle.  5 is the usual choice for news (short enough that one edited word spoils
#: only 5 shingles; long enough that unrelated articles on one topic share few: on the dev
#: benchmark different stories of the same campaign week have exact Jaccard <= 0.05 at k=5).
#: The same shingles feed MinHash, the passage fingerprints and the exact comparison.
SHINGLE_WORDS = 5
#: articles whose main text has fewer words get no signature (never paired): a headline-only or
#: empty page is no evidence of copying; byte-identical files are already `duplicate_content` rejects
MIN_SIGNATURE_WORDS = 20

# -- MinHash / LSH -------------------------------------------------------------------------
#: MinHash permutations (datasketch, scheme affine32, seed 1).  256 gives the Jaccard estimate a
#: standard error of at most 0.031 and room for 64 bands of 4 rows.
NUM_PERM = 256
MINHASH_SEED = 1
#: LSH bands x rows.  P(candidate | Jaccard s) = 1 - (1 - s**4)**64 (the S-curve):
#: s = 0.10 -> 0.006, 0.20 -> 0.097, 0.30 -> 0.41, 0.40 -> 0.81, 0.50 -> 0.984, 0.60 -> 0.9999.
#: The threshold (1/b)**(1/r) is 0.35: a pair at the reporting threshold NEAR_JACCARD (0.5) is a
#: candidate with probability 0.984, and unrelated same-topic articles (s <= 0.1) almost never;
#: every candidate is verified exactly, so a false candidate costs time, never precision.
#: datasketch's own optimiser (`lsh._optimal_param(0.4, 256, 0.5, 0.5)`) gives 51 x 5, which
#: weighs false candidates and missed pairs equally: P(0.5) = 0.80 only.  Here a false candidate
#: costs one exact check (~2 ms), a missed pair is lost, so the shape is chosen for recall.
BANDS = 64
ROWS = 4

# -- passage fingerprints (winnowing, Schleimer et al. 2003) ----------------------------------
#: window of consecutive shingle hashes from which the smallest is kept.  Any exact shared run of
#: WINNOW_WINDOW + SHINGLE_WORDS - 1 = 12 words is guaranteed a shared fingerprint, and a 25-word
#: passage at least two; about 2 / (w + 1) = 22 % of shingles are kept (~130 for 600 words).
WINNOW_WINDOW = 8

# -- reporting thresholds (checked on the read part of the benchmark, judged on validation) ---
# On the read part, pairs of different stories (same set, same week) reach at most Jaccard 0.15 /
# containment 0.30, and a passage host with its donor (a block of at most half the donor
# inserted) at most containment 0.47; syndicated copies of one story (two of them cut, with an
# inserted paragraph and a new headline) go down to Jaccard 0.4 / containment 0.6.
#: a pair is reported (a near-duplicate) when the exact Jaccard of the shingle sets reaches this
NEAR_JACCARD = 0.4
#: ... or when this share of the shorter text's shingles is in the longer (a trimmed copy)
DUPLICATE_CONTAINMENT = 0.7
#: kind `contained` (rather than `near_duplicate`): the shorter is nearly all in the longer ...
CONTAINED_MIN = 0.85
#: ... and the longer has at least this share of shingles of its own (extended / trimmed copy)
CONTAINED_EXTRA = 0.15
#: candidates from shared fingerprints: at least this share of the smaller fingerprint set shared
FP_CANDIDATE_SHARE = 0.3
#: a fingerprint found in more articles than this is common text (boilerplate the segmenter
#: missed, or a story run by hundreds of outlets, which LSH finds anyway): ignored as evidence
#: for candidates.  Pairs are still judged on their whole texts.
MAX_FP_ARTICLES = 200
#: query articles joined against the index at a time: a join expands every equal key into one
#: pair per holder, so a full build of a corpus where each story has k copies expands to about
#: n × (64 + fingerprints) × k pairs at once (measured: 8,000 articles with 31 copies each took the
#: driver from 0.2 to 1.4 GB).  In chunks of this many articles the expansion stays near
#: chunk × 200 × k entries; the pairs found are the same.
QUERY_CHUNK = 512

# -- passages ------------------------------------------------------------------------------
#: a reused passage shares at least this many words (aligned words, counted in article 1)
MIN_PASSAGE_WORDS = 25
#: exact shared runs (of >= SHINGLE_WORDS words) are chained into one passage across gaps of at
#: most this many words on either side: the seed testimony of 000/001 is one passage although
#: one copy inserts "Kutcher shared at the beginning of his testimony" (8 words) and the other
#: "Every citizen of this country has the right to pursue it." (11 words)
MAX_PASSAGE_GAP = 15
#: and at least this share of the passage's words (in each article) are in shared runs
MIN_PASSAGE_DENSITY = 0.5
#: a pair of articles needs at least this many shared fingerprints to be aligned for passages
MIN_SHARED_FP = 2

# -- figure groups -------------------------------------------------------------------------
#: relative tolerance of a stated figure: "nearly 6,000" covers 5,700-6,300; round figures are
#: read as approximate too.  News rounds to two significant figures (5,791 -> "nearly 6,000",
#: 3.5 % off); 5 % keeps 6,000 apart from 6,500
FIGURE_TOLERANCE = 0.05
#: figures below this are not grouped ("two people", "one man" repeat everywhere)
MIN_FIGURE_VALUE = 10

# -- quote groups --------------------------------------------------------------------------
#: words per shingle for quotations (they are short: 3 keeps an 8-word quotation 6 shingles)
QUOTE_SHINGLE_WORDS = 3
#: two quotations are the same when this share of the shorter one's shingles is in the other
QUOTE_CONTAINMENT = 0.6
#: quotations shorter than this (words) are linked only when their words are identical
MIN_QUOTE_WORDS = 4
