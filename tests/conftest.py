"""Shared fixtures: a corpus built by the tests, and real runs of the CLI over it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "raw"
SHARED_BENCH = ROOT.parent / "shared" / "bench"


def run_cli(*args: str, timeout: float = 600, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m pipeline`` as a user would; returns the finished process."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout, env=full_env)


def seed_paragraphs() -> list[str]:
    """Body-like paragraphs of the seed articles (long lines), used to build test corpora."""
    paras = []
    for path in sorted(SEEDS.glob("*.txt")):
        paras += [line for line in path.read_text().splitlines() if len(line.split()) >= 25]
    return paras


def make_jsonl(path: Path, n: int) -> list[dict]:
    """Write ``n`` distinct articles (mixes of seed paragraphs, each with id/title/published) as JSONL."""
    paras = seed_paragraphs()
    rows = []
    for i in range(n):
        body = "\n\n".join(paras[(i * 7 + k * 3) % len(paras)] for k in range(2 + i % 3))
        rows.append({"id": f"story-{i:03d}", "title": f"Story number {i}", "url": f"https://example.org/{i}",
                     "published": f"2023-{1 + i % 12:02d}-{1 + i % 28:02d}", "text": f"Story {i}.\n\n{body}"})
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return rows


HTML_PAGE = """<!doctype html><html><head><title>Charity founder steps down | Example News</title>
<meta name="author" content="Jane Reporter"><meta property="article:published_time" content="2023-09-16T08:00:00Z">
</head><body><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article><h1>Charity founder steps down</h1>
<p>Ashton Kutcher stepped down on Friday as chairman of Thorn, the nonprofit he co-founded with Demi Moore in 2012.</p>
<p>The organisation said its tools had helped identify more than 27,000 children over the past decade, and it thanked him for his work.</p>
</article><footer>Copyright Example News. All rights reserved.</footer><script>var tracking = 1;</script></body></html>
"""


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Path:
    """Seeds + a JSONL of 50 articles + an HTML page + a binary file named .txt."""
    raw = tmp_path_factory.mktemp("corpus") / "raw"
    raw.mkdir()
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, raw / path.name)
    make_jsonl(raw / "feed.jsonl", 50)
    (raw / "page.html").write_text(HTML_PAGE)
    (raw / "photo.txt").write_bytes(bytes(range(256)) * 64)
    return raw


@pytest.fixture(scope="session")
def extracted(corpus, tmp_path_factory) -> Path:
    """The output directory of one real `python -m pipeline extract` over :func:`corpus`."""
    out = tmp_path_factory.mktemp("out") / "output"
    proc = run_cli("extract", "--raw", str(corpus), "--out", str(out), "--no-progress")
    assert proc.returncode == 0, proc.stderr
    return out
