"""Hostile input: a corpus of broken, odd and huge files, generated here, through the real CLI.
Each file is processed sensibly or recorded in `rejects` with a reason; every good article in the
same run is processed; nothing crashes; memory stays bounded."""

from __future__ import annotations

import codecs
import json
import resource
import shutil

import pandas as pd
import pytest

from tests.conftest import SEEDS, run_cli

pytestmark = pytest.mark.slow  # runs the real command line

GOOD = "Thorn said on Monday that Ashton Kutcher had stepped down. The charity thanked him for 15 years of work.\n"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    raw = base / "raw"
    raw.mkdir()
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, raw / path.name)
    (raw / "empty.txt").write_bytes(b"")
    (raw / "blank.txt").write_text("   \n\t\n   \n")
    (raw / "binary.txt").write_bytes(bytes(range(256)) * 100)
    (raw / "bad-utf8.txt").write_bytes("Zoë Saldaña said: ".encode() + GOOD.encode() * 3 + b"\xc3\x28 stray byte \xff\n" + GOOD.encode())
    (raw / "utf16.txt").write_bytes(codecs.BOM_UTF16_LE + ("Zoë Saldaña and " + GOOD).encode("utf-16-le"))
    (raw / "latin1.txt").write_bytes(("Café owner José García told reporters " + GOOD).encode("latin-1"))
    (raw / "huge.txt").write_bytes(b"The charity grew again this year. " * 600_000)  # 20 MB
    seed_text = " ".join((SEEDS / "002_e3210c8ab43b7d4a.txt").read_text().split())
    line = (seed_text + " ") * (1_000_000 // len(seed_text) + 1)
    (raw / "one-line.txt").write_text(line[:1_000_000])
    deep = "<div>" * 3000 + "<p>Deeply nested words.</p>" + "</div>" * 3000
    (raw / "page.html").write_text(
        "<html><head><title>Story</title><script>document.write('x')</script></head><body>"
        "<iframe src='https://example.org/ad'></iframe><article><p>" + GOOD * 4 + "</p></article>" + deep + "</body></html>"
    )
    (raw / "feed.jsonl").write_text("\n".join([
        json.dumps({"id": "1", "text": GOOD}),
        '{"id": "2", "text": "broken',
        json.dumps({"id": "3"}),
        json.dumps({"id": "4", "text": ["not", "a", "string"]}),
        json.dumps({"id": "1", "text": "A different story with a reused id. " + GOOD}),
        json.dumps({"id": "6", "text": GOOD + " Another one."}),
    ]))
    german = ("Der Bundestag hat am Donnerstag ein neues Gesetz beschlossen, das die Regierung im Frühjahr vorgelegt hatte. "
              "Die Opposition kritisierte den Entwurf scharf und kündigte eine Klage an. ") * 5
    (raw / "german.txt").write_text(german)
    (raw / "name with spaces ü.txt").write_text("Mila Kunis spoke in Kraków on Tuesday. " + GOOD)
    secret = base / "outside.txt"
    secret.write_text(GOOD)
    (raw / "link-outside.txt").symlink_to(secret)
    shutil.copy(SEEDS / "000_c25bbd755bb4d32c.txt", raw / "copy of 000.txt")
    out = base / "out"
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    proc = run_cli("extract", "--raw", str(raw), "--out", str(out), "--no-progress", timeout=900)
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return raw, out, proc, max(peak_kib, before)


def test_run_succeeds(hostile):
    _raw, _out, proc, _peak = hostile
    assert proc.returncode == 0, proc.stderr
    assert "rejected" in proc.stdout


def test_every_file_is_an_article_or_a_reject(hostile):
    raw, out, _proc, _peak = hostile
    arts = pd.read_parquet(out / "articles")
    rejects = pd.read_parquet(out / "rejects")
    accounted = set(arts.source_path) | set(rejects.source_path)
    files = {p.relative_to(raw).as_posix() for p in raw.rglob("*") if p.is_file() or p.is_symlink()}
    assert files <= accounted


@pytest.mark.parametrize("name,reason", [
    ("empty.txt", "empty"), ("blank.txt", "empty"), ("binary.txt", "binary"), ("huge.txt", "too_large"),
    ("link-outside.txt", "outside_raw"), ("copy of 000.txt", "duplicate_content"), ("german.txt", "not_english"),
])
def test_rejected_with_reason(hostile, name, reason):
    _raw, out, _proc, _peak = hostile
    rejects = pd.read_parquet(out / "rejects")
    row = rejects[rejects.source_path == name]
    assert reason in set(row.reason.astype(str)), row
    assert row.detail.str.len().min() > 10


def test_jsonl_lines(hostile):
    _raw, out, _proc, _peak = hostile
    rejects = pd.read_parquet(out / "rejects").query("source_path == 'feed.jsonl'")
    assert dict(zip(rejects.source_line, rejects.reason.astype(str))) == {2: "bad_json", 3: "missing_text", 4: "bad_text", 5: "duplicate_id"}
    arts = pd.read_parquet(out / "articles").query("source_path == 'feed.jsonl'")
    assert sorted(arts.external_id) == ["1", "6"]


def test_odd_encodings_and_names_processed(hostile):
    _raw, out, _proc, _peak = hostile
    arts = pd.read_parquet(out / "articles").set_index("source_path")
    assert arts.loc["utf16.txt", "encoding"] == "utf-16" and "Zoë Saldaña" in arts.loc["utf16.txt", "text"]
    assert "José García" in arts.loc["latin1.txt", "text"]
    assert arts.loc["bad-utf8.txt", "encoding"] == "utf-8-replaced"
    mentions = pd.read_parquet(out / "mentions")
    spaced = arts.loc["name with spaces ü.txt", "article_id"]
    assert "Mila Kunis" in set(mentions[mentions.article_id == spaced].text)


def test_html_with_scripts_and_deep_nesting(hostile):
    _raw, out, _proc, _peak = hostile
    arts = pd.read_parquet(out / "articles")
    rejects = pd.read_parquet(out / "rejects")
    html = arts[arts.source_path == "page.html"]
    if len(html):
        assert "document.write" not in html.text.item() and "Ashton Kutcher" in html.text.item()
    else:
        assert set(rejects[rejects.source_path == "page.html"].reason.astype(str)) <= {"bad_html", "empty"}


def test_one_million_character_line_is_processed(hostile):
    _raw, out, _proc, _peak = hostile
    arts = pd.read_parquet(out / "articles").set_index("source_path")
    aid = arts.loc["one-line.txt", "article_id"]
    mentions = pd.read_parquet(out / "mentions")
    mine = mentions[mentions.article_id == aid]
    assert len(mine) > 1000  # the whole line went through the model, in pieces
    text = arts.loc["one-line.txt", "text"]
    assert all(text[s:e] == t for s, e, t in zip(mine.char_start, mine.char_end, mine.text))


def test_seeds_still_processed_and_memory_bounded(hostile):
    _raw, out, _proc, peak_kib = hostile
    arts = pd.read_parquet(out / "articles")
    assert {p.name for p in SEEDS.glob("*.txt")} <= set(arts.source_path)
    assert peak_kib < 3 * 1024 * 1024  # under 3 GiB for a 20 MB file and a 1M-character line
