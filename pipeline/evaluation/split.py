"""Which part of a dev set a document belongs to: ``read`` (errors may be read and rules written
from them) or ``validation`` (only scored; a rule is judged by this part).

The split is a pure function of the document's id (a hash), so it is the same on every machine,
for every set, and does not move when documents are added.  About one document in three is
``validation`` (``VALIDATION_SHARE``).
"""

from __future__ import annotations

import hashlib

#: share of each dev set kept for validation (scored, never read for errors)
VALIDATION_SHARE = 1 / 3
PARTS = ("read", "validation")


def part_of(doc_id: str) -> str:
    """``"validation"`` for about a third of the ids, ``"read"`` for the rest (stable hash)."""
    h = int.from_bytes(hashlib.blake2b(str(doc_id).encode("utf-8"), digest_size=8).digest(), "big")
    return "validation" if h / 2**64 < VALIDATION_SHARE else "read"


def split_ids(doc_ids) -> dict[str, list[str]]:
    """The ids of each part, in the order given."""
    out: dict[str, list[str]] = {p: [] for p in PARTS}
    for doc_id in doc_ids:
        out[part_of(doc_id)].append(doc_id)
    return out
