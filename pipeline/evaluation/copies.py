"""Copies benchmark: synthetic syndication built at run time from the dev texts in
``../shared/bench`` (never copied into the repository), scored for pair precision and recall, and
the incremental cost of the copy index on a synthetic corpus of 100,000 signatures.

The corpus (one per split part, `pipeline.evaluation.split.part_of(source doc id)`) holds every
source document once (TempEval-3 wire stories, the PolNeAR campaign news — many stories on the
same week from seven outlets, the hardest negatives —, a sample of the web pages) and, for a
seeded random share of them, copies made the way syndication makes them: the headline rewritten,
the last paragraphs cut, a paragraph inserted or dropped, boilerplate lines added, quotations
re-punctuated, a wire dateline added or removed.  Other documents are made hosts of a passage: a
block of paragraphs of another document is inserted into them (the host replaces its original),
so the two are different stories sharing a passage.  The real CLI (``segment``) reads the corpus,
so main text is what the pipeline's own segmenter finds.

Gold: every pair of articles of one family (a source and its copies) is a duplicate pair; every
(host, donor) is a passage pair, with the block's offsets in both.  A reported pair between two
different families is false; "same topic" false pairs are those between documents of one set
published within 7 days of each other.  The incremental cost is measured by
`pipeline.evaluation.copies_incremental`.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path

from pipeline.evaluation.split import part_of

#: seeds of the random choices (the benchmark is the same on every run)
SEED = 14
#: share of source documents that get copies, copies per such document (min, max)
COPY_SHARE = 0.35
COPIES_PER_SOURCE = (1, 3)
#: share of the remaining documents made hosts of a passage from another document
PASSAGE_SHARE = 0.10
#: web pages taken (sampled with SEED): mostly non-English pages with their boilerplate
WEB_PAGES = 200
#: each transformation's probability for one copy
TRANSFORMS = {"headline": 0.8, "cut_end": 0.6, "insert_paragraph": 0.35, "drop_paragraph": 0.3,
              "boilerplate": 0.6, "repunctuate": 0.6, "dateline": 0.5}

OUTLETS = ["Daily Courier", "Metro Herald", "The Ledger", "Valley News", "Morning Post", "Coast Times"]
BOILERPLATE = [
    "Advertisement", "Share this article", "Share on Facebook", "Tweet", "Email", "Print",
    "Sign up for our newsletter to get the latest headlines delivered to your inbox.",
    "Copyright {y} {o}. All rights reserved.", "Follow {o} on Twitter and Facebook.",
    "Click here to read more stories like this.", "Related: {h}", "Read more: {h}",
    "This article was originally published by {o}.", "Comments", "Most popular", "Subscribe now",
]


@dataclass
class Doc:
    """A source document: id, set, text, date, and its paragraphs (title first when it has one)."""

    doc_id: str
    source: str
    text: str
    published: date | None
    paragraphs: list[str] = field(default_factory=list)
    has_title: bool = False


def _paragraphs(text: str) -> list[str]:
    paras = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    if len(paras) == 1 and len(paras[0].split()) > 150:  # one long block: groups of 3 sentences
        sents = re.split(r"(?<=[.!?\"”])\s+(?=[A-Z“\"])", paras[0])
        paras = [" ".join(sents[i : i + 3]) for i in range(0, len(sents), 3)]
    if len(paras) <= 2:
        paras = [p.strip() for p in text.splitlines() if p.strip()]
    return paras


def _story_region(page: str, snippets: list[str]) -> str:
    """The lines of a web page from the first to the last line holding main text (gold snippets):
    the article as a clean scrape would give it (navigation around it left out)."""
    lines = [ln for ln in page.splitlines() if ln.strip()]
    hits = [i for i, ln in enumerate(lines) if any(sn.strip() and (sn.strip()[:60] in ln or ln in sn) for sn in snippets)
            and len(ln.split()) >= 3]
    return "\n".join(lines[min(hits) : max(hits) + 1]) if hits else ""


def load_sources(bench: Path, web_pages: int = WEB_PAGES, sample: int | None = None) -> list[Doc]:
    """The source documents of the three sets (those that are absent are skipped); ``sample``:
    only the first N documents of each set (by id), for a quick regression run."""
    docs: list[Doc] = []
    te = bench / "tempeval3" / "train.jsonl"
    if te.exists():
        for line in open(te):
            d = json.loads(line)
            docs.append(Doc(d["doc_id"], "tempeval3", d["text"], date.fromisoformat(d["dct"][:10]),
                            _paragraphs(d["text"])))
    qu = bench / "quotes" / "dev.jsonl"
    if qu.exists():
        for line in open(qu):
            d = json.loads(line)
            pub = date.fromisoformat(d["published"]) if d.get("published") else None
            docs.append(Doc(d["doc_id"], "quotes", d["text"], pub, _paragraphs(d["text"]), has_title=True))
    gold = bench / "web" / "gold.jsonl"
    if gold.exists():
        pages = sorted((json.loads(line) for line in open(gold)), key=lambda g: g["id"])
        for g in random.Random(SEED).sample(pages, min(web_pages, len(pages))):
            path = bench / "web" / "txt" / f"{g['id']}.txt"
            text = _story_region(path.read_text(), g.get("with") or []) if path.exists() else ""
            if text:
                docs.append(Doc(g["id"], "web", text, None, text.split("\n")))
    docs = [d for d in docs if len(d.text.split()) >= 60]
    if sample is not None:
        by_set: dict[str, list[Doc]] = {}
        for d in sorted(docs, key=lambda d: d.doc_id):
            by_set.setdefault(d.source, []).append(d)
        docs = [d for part in by_set.values() for d in part[:sample]]
    return docs


# -- transformations (each is a function of paragraphs and a random generator) ---------------
def _headline(paras: list[str], has_title: bool, rng: random.Random) -> tuple[list[str], bool]:
    body = paras[1:] if has_title else paras
    words = re.findall(r"[\w’'-]+", " ".join(body[:3]))
    start = rng.randrange(0, max(1, len(words) - 12))
    head = " ".join(words[start : start + rng.randint(6, 11)])
    head = head.title() if rng.random() < 0.5 else head[:1].upper() + head[1:]
    return [head] + body, True


def _cut_end(paras: list[str], first: int, rng: random.Random) -> list[str]:
    n_body = len(paras) - first
    cut = rng.randint(1, max(1, int(0.4 * n_body)))
    return paras[: max(first + 2, len(paras) - cut)]


def _scramble(paragraph: str, rng: random.Random, max_words: int = 60) -> str:
    """New words for an inserted paragraph: another paragraph's words shuffled (no shared
    5-word run), at most ``max_words`` of them."""
    words = paragraph.split()
    rng.shuffle(words)
    return " ".join(words[:max_words])


def _repunctuate(text: str, rng: random.Random) -> str:
    """Quotation marks straight <-> curly, ``said, "`` <-> ``said: "``, the serial comma, dashes,
    and a comma before a closing quote dropped: the same words, other punctuation."""
    if rng.random() < 0.5:
        text = text.replace("“", '"').replace("”", '"').replace("’", "'").replace("‘", "'").replace("``", '"').replace("''", '"')
    else:
        text = re.sub(r'(^|[\s(])"', r"\1“", text.replace("``", "“").replace("''", "”")).replace('"', "”").replace("'", "’")
    text = re.sub(r"(\w), ([“\"])", r"\1: \2", text) if rng.random() < 0.5 else re.sub(r"(\w): ([“\"])", r"\1, \2", text)
    text = re.sub(r", (and|or) ", r" \1 ", text) if rng.random() < 0.5 else re.sub(r"(\w) (and|or) (\w+)([.;])", r"\1, \2 \3\4", text)
    text = text.replace(" — ", " - ") if rng.random() < 0.5 else text.replace(" - ", " — ")
    return re.sub(r",([”\"])", r"\1", text) if rng.random() < 0.5 else text


def _dateline(paras: list[str], first: int, rng: random.Random) -> list[str]:
    paras = list(paras)
    if first >= len(paras):
        return paras
    m = re.match(r"\s*[A-Z][A-Z .,'-]+(?:\([A-Za-z .]+\))?\s*(?:--|[-—–_:])\s*", paras[first])
    if m:  # remove it (a block of its own goes, an inline one is cut off)
        rest = paras[first][m.end() :]
        paras[first : first + 1] = [rest] if rest.strip() else []
    else:
        place = rng.choice(["WASHINGTON", "NEW YORK", "LONDON", "CHICAGO", "LOS ANGELES"])
        agency = rng.choice(["(AP)", "(Reuters)", "(AFP)", ""])
        dash = rng.choice(["—", "-", "_", "--"])
        paras[first] = f"{place} {agency} {dash} ".replace("  ", " ") + paras[first]
    return paras


def _boilerplate(paras: list[str], rng: random.Random, year: int) -> list[str]:
    outlet = rng.choice(OUTLETS)
    lines = [b.format(o=outlet, y=year, h=_scramble(rng.choice(paras)[:60], rng)) for b in rng.sample(BOILERPLATE, 5)]
    paras = list(paras)
    paras.insert(0, lines[0])
    paras.insert(min(len(paras), 2 + rng.randrange(3)), lines[1])
    paras += lines[2:]
    return paras


def make_copy(doc: Doc, rng: random.Random, filler: str) -> tuple[str, list[str]]:
    """A syndicated copy of ``doc``: a random, non-empty set of TRANSFORMS applied in the order a
    desk would (headline, cuts, inserts, dateline, boilerplate, punctuation)."""
    applied = [name for name, p in TRANSFORMS.items() if rng.random() < p] or ["headline"]
    paras, has_title = list(doc.paragraphs), doc.has_title
    if "headline" in applied:
        paras, has_title = _headline(paras, has_title, rng)
    first = 1 if has_title else 0
    if "cut_end" in applied:
        paras = _cut_end(paras, first, rng)
    if "drop_paragraph" in applied and len(paras) - first > 3:
        del paras[rng.randrange(first + 1, len(paras) - 1)]
    if "insert_paragraph" in applied:
        size = max(12, min(60, len(doc.text.split()) // 5))  # one paragraph, not a second story
        paras.insert(rng.randrange(first + 1, len(paras) + 1), _scramble(filler, rng, size))
    if "dateline" in applied:
        paras = _dateline(paras, first, rng)
    if "boilerplate" in applied:
        paras = _boilerplate(paras, rng, (doc.published or date(2016, 1, 1)).year)
    text = "\n\n".join(paras)
    if "repunctuate" in applied:
        text = _repunctuate(text, rng)
    return text, applied


def _block(donor: Doc, rng: random.Random) -> list[str] | None:
    """1-3 consecutive body paragraphs of ``donor`` with 30-150 words, at most half of its words."""
    first = 1 if donor.has_title else 0
    total = len(donor.text.split())
    for _ in range(10):
        if len(donor.paragraphs) - first < 3:
            return None
        i = rng.randrange(first, len(donor.paragraphs))
        block = donor.paragraphs[i : i + rng.randint(1, 3)]
        n = sum(len(p.split()) for p in block)
        if 30 <= n <= 150 and n <= total / 2:
            return block
    return None


def _sentences(text: str) -> set[str]:
    """Sentences of 8+ words, lower-cased, words only (for finding natural copies)."""
    out = set()
    for sent in re.split(r"(?<=[.!?])\s+|\n+", text):
        words = re.findall(r"\w+", sent.lower())
        if len(words) >= 8:
            out.add(" ".join(words))
    return out


def natural_copies(docs: list[Doc], share: float = 0.5) -> dict[str, str]:
    """Source documents that are copies of each other already (a wire story and its update):
    half of the sentences of the one with fewer are in the other, verbatim.  Returns doc id ->
    the story id (the smallest doc id of its group); such documents count as one story.  The
    criterion is independent of the stage under test (whole sentences, not shingles)."""
    sents = {d.doc_id: _sentences(d.text) for d in docs}
    holders: dict[str, list[str]] = {}
    for doc_id, ss in sents.items():
        for sent in ss:
            holders.setdefault(sent, []).append(doc_id)
    shared: dict[tuple[str, str], int] = {}
    for ids in holders.values():
        if 1 < len(ids) <= 20:
            for a, b in combinations(sorted(ids), 2):
                shared[(a, b)] = shared.get((a, b), 0) + 1
    story = {d.doc_id: d.doc_id for d in docs}

    def root(x: str) -> str:
        while story[x] != x:
            x = story[x]
        return x

    for (a, b), n in shared.items():
        if n >= share * max(1, min(len(sents[a]), len(sents[b]))):
            ra, rb = root(a), root(b)
            story[max(ra, rb)] = min(ra, rb)
    return {d: root(d) for d in story}


@dataclass
class Corpus:
    """The synthetic articles of one part, and their gold."""

    rows: list[dict]  # JSONL rows: id, text, published
    family: dict[str, str]  # article external id -> its story (source doc id; natural copies merged)
    source_set: dict[str, str]  # source doc id -> set name
    published: dict[str, date | None]  # source doc id -> date
    passages: list[dict]  # host id, donor id, block paragraphs (first, last)
    copies: dict[str, list[str]]  # external id of a copy -> transformations applied


def build_corpus(docs: list[Doc], seed: int = SEED) -> Corpus:
    """Sources, their copies, and passage hosts (see the module docstring)."""
    rng = random.Random(seed)
    order = sorted(docs, key=lambda d: d.doc_id)
    rng.shuffle(order)
    n_copy = int(COPY_SHARE * len(order))
    copied, rest = order[:n_copy], order[n_copy:]
    n_host = int(PASSAGE_SHARE * len(rest))
    hosts, singles = rest[:n_host], rest[n_host:]
    story = natural_copies(docs)
    c = Corpus([], {}, {story[d.doc_id]: d.source for d in docs}, {story[d.doc_id]: d.published for d in docs}, [], {})

    def add(ext: str, doc: Doc, text: str, published: date | None) -> None:
        c.rows.append({"id": ext, "text": text, "published": published.isoformat() if published else None})
        c.family[ext] = story[doc.doc_id]

    for d in singles + copied:
        add(d.doc_id, d, d.text, d.published)
    for d in copied:
        for k in range(rng.randint(*COPIES_PER_SOURCE)):
            filler = rng.choice(rng.choice(order).paragraphs)
            text, applied = make_copy(d, rng, filler)
            pub = d.published + timedelta(days=rng.choice([0, 1, 1, 2, 3])) if d.published else None
            add(f"{d.doc_id}#copy{k + 1}", d, text, pub)
            c.copies[f"{d.doc_id}#copy{k + 1}"] = applied
    for h in hosts:
        same = [s for s in singles if s.source == h.source and s.published and h.published
                and abs((s.published - h.published).days) <= 7] or [s for s in singles if s.source == h.source]
        donor = rng.choice(same) if same else None
        block = _block(donor, rng) if donor else None
        if block is None:
            add(h.doc_id, h, h.text, h.published)
            continue
        shown = [_repunctuate(p, rng) if rng.random() < 0.5 else p for p in block]
        paras = list(h.paragraphs)
        paras[rng.randrange(1, len(paras) + 1) : 0] = shown
        add(h.doc_id + "#host", h, "\n\n".join(paras), h.published)
        c.passages.append({"host": h.doc_id + "#host", "donor": donor.doc_id, "host_block": (shown[0], shown[-1]),
                           "donor_block": (block[0], block[-1])})
    return c


# -- running and scoring -----------------------------------------------------------------------
def _cli(*args: str) -> None:
    proc = subprocess.run([sys.executable, "-m", "pipeline", *args, "--no-progress"], capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"pipeline {' '.join(args)} failed: {proc.stderr.strip()[-2000:]}")


def signature_tables(articles, segments):
    """``_copy_signatures`` and ``_passage_hashes`` of every article, as a worker would make them."""
    import pyarrow as pa

    from pipeline.copies.signature import article_signature
    from pipeline.schemas import COPY_SIGNATURES, PASSAGE_HASHES

    by_article = {a: g.to_dict("records") for a, g in segments.groupby("article_id")}
    sigs, fps = [], []
    for aid, text in zip(articles.article_id, articles.text):
        rows = article_signature(aid, text, by_article.get(aid, []))
        sigs.append(rows["_copy_signatures"])
        fps.append(rows["_passage_hashes"])
    return pa.Table.from_pylist(sigs, schema=COPY_SIGNATURES), pa.Table.from_pylist(fps, schema=PASSAGE_HASHES)


def detect(articles, segments) -> tuple[object, dict]:
    """The stage over one corpus, as the engine would run it on a full build; also checks that an
    incremental build (70 % first, then the rest added and 5 % removed) equals a full build."""
    from pipeline.copies.index import build_index
    from pipeline.copies.update import published_map, table_loader, update_copies

    t0 = time.perf_counter()
    sigs, fps = signature_tables(articles, segments)
    t1 = time.perf_counter()
    load, published = table_loader(articles, sigs), published_map(articles)
    ids = list(articles.article_id)
    full = update_copies(build_index(sigs, fps), ids, [], load, published)
    t2 = time.perf_counter()
    rng = random.Random(SEED)
    first = set(rng.sample(ids, int(0.7 * len(ids))))
    removed = set(rng.sample(sorted(first), int(0.05 * len(ids))))
    rest = [a for a in ids if a not in first]
    final = [a for a in ids if a not in removed]

    def sub(keep):
        mask = sigs.column("article_id").to_pandas().isin(keep).to_numpy()
        return build_index(sigs.filter(mask), fps.filter(mask))

    step1 = update_copies(sub(first), first, [], load, published)
    step2 = update_copies(sub(set(final)), rest, removed, load, published, step1.duplicates, step1.passages)
    again = update_copies(sub(set(final)), final, [], load, published)
    equal = all(getattr(step2, t).to_pylist() == getattr(again, t).to_pylist() for t in ("duplicates", "passages"))
    timing = {"signature_ms_per_article": 1000 * (t1 - t0) / max(1, len(ids)), "full_build_s": t2 - t1,
              "incremental_equal": float(equal), **{f"full_{k}": v for k, v in full.stats.items()}}
    return full, timing


def _span(text: str, block: tuple[str, str]) -> tuple[int, int] | None:
    start = text.find(block[0])
    end = text.find(block[1], max(start, 0))
    return (start, end + len(block[1])) if start >= 0 and end >= 0 else None


def _covers(pred: tuple[int, int], gold: tuple[int, int]) -> bool:
    return min(pred[1], gold[1]) - max(pred[0], gold[0]) >= 0.5 * (gold[1] - gold[0])


def score(corpus: Corpus, articles, result) -> dict[str, float]:
    """Pair precision/recall, false pairs on one topic, passage recall, first-article accuracy."""
    import pandas as pd

    ext = dict(zip(articles.article_id, articles.external_id))
    fam = {a: corpus.family[e] for a, e in ext.items()}
    members: dict[str, list[str]] = {}
    for a, f in fam.items():
        members.setdefault(f, []).append(a)
    gold = {tuple(sorted(p)) for m in members.values() for p in combinations(m, 2)}
    dups = result.duplicates.to_pandas()
    pred = set(zip(dups.article_id_1, dups.article_id_2))
    tp = pred & gold
    false = pred - gold

    def same_topic(a: str, b: str) -> bool:
        fa, fb = fam[a], fam[b]
        da, db = corpus.published.get(fa), corpus.published.get(fb)
        return corpus.source_set[fa] == corpus.source_set[fb] and (da is None or db is None or abs((da - db).days) <= 7)

    pub = dict(zip(articles.article_id, articles.published))
    dated = [r for r in dups.itertuples() if (r.article_id_1, r.article_id_2) in tp and pd.notna(pub[r.article_id_1])
             and pd.notna(pub[r.article_id_2]) and pub[r.article_id_1] != pub[r.article_id_2]]
    first_ok = sum(r.first_article_id == min((pub[r.article_id_1], r.article_id_1), (pub[r.article_id_2], r.article_id_2))[1]
                   for r in dated)
    text = dict(zip(articles.article_id, articles.text))
    by_ext = {e: a for a, e in ext.items()}
    pas = result.passages.to_pandas()
    found = 0
    for g in corpus.passages:
        h, d = by_ext.get(g["host"]), by_ext.get(g["donor"])
        hs, ds = _span(text[h], g["host_block"]) if h else None, _span(text[d], g["donor_block"]) if d else None
        if hs is None or ds is None:
            continue
        rows = pas[((pas.article_id_1 == h) & (pas.article_id_2 == d)) | ((pas.article_id_1 == d) & (pas.article_id_2 == h))]
        for r in rows.itertuples():
            sh, sd = ((r.char_start_1, r.char_end_1), (r.char_start_2, r.char_end_2)) if r.article_id_1 == h else \
                     ((r.char_start_2, r.char_end_2), (r.char_start_1, r.char_end_1))
            if _covers(sh, hs) and _covers(sd, ds):
                found += 1
                break
    gold_pairs_passage = {tuple(sorted((by_ext[g["host"]], by_ext[g["donor"]]))) for g in corpus.passages
                          if g["host"] in by_ext and g["donor"] in by_ext}
    return {
        "n_articles": len(ext), "n_gold_pairs": len(gold), "n_predicted_pairs": len(pred), "n_true_pairs": len(tp),
        "precision": len(tp) / len(pred) if pred else 1.0, "recall": len(tp) / len(gold) if gold else 1.0,
        "false_pairs": len(false), "false_pairs_same_topic": sum(same_topic(a, b) for a, b in false),
        "passage_host_as_duplicate": len(pred & gold_pairs_passage),
        "first_article_accuracy": first_ok / len(dated) if dated else 1.0,
        "n_gold_passages": len(corpus.passages), "passages_found": found,
        "passages_recall": found / len(corpus.passages) if corpus.passages else 1.0,
        "n_passages": len(pas), **{f"kind_{k}": int(v) for k, v in dups.kind.value_counts().items()},
    }


def run_part(docs: list[Doc], work: Path) -> tuple[Corpus, object, object, dict]:
    """Build one part's corpus, read it with the real CLI (``segment``), detect copies."""
    import pandas as pd

    corpus = build_corpus(docs)
    raw, out = work / "raw", work / "out"
    raw.mkdir(parents=True, exist_ok=True)
    with open(raw / "corpus.jsonl", "w") as fh:
        for row in corpus.rows:
            fh.write(json.dumps(row) + "\n")
    _cli("segment", "--raw", str(raw), "--out", str(out), "--full")
    articles = pd.read_parquet(out / "articles", columns=["article_id", "external_id", "text", "published"])
    segments = pd.read_parquet(out / "segments", columns=["article_id", "char_start", "char_end", "kind", "is_main"])
    result, timing = detect(articles, segments)
    return corpus, articles, result, timing


def evaluate(bench_dir: Path, work: Path | None = None, web_pages: int = WEB_PAGES, log=print,
             sample: int | None = None) -> dict[str, float]:
    """``duplicates.precision|recall``, ``duplicates.false_pairs_same_topic``, ``passages.recall``
    (and counts) for the read and the validation part (``.read`` / ``.validation`` appended), and
    pooled over both (no suffix).  ``work``: where the synthetic corpora go (default: a temporary
    directory).  ``sample``: the first N documents of each set only.  Returns {} when no source
    set is there."""
    import tempfile

    docs = load_sources(Path(bench_dir), web_pages, sample)
    if not docs:
        return {}
    out: dict[str, float] = {}
    totals: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(work) if work else Path(tmp)
        for part in ("read", "validation"):
            t0 = time.perf_counter()
            corpus, articles, result, timing = run_part([d for d in docs if part_of(d.doc_id) == part], base / part)
            s = score(corpus, articles, result)
            for k, v in {**s, **timing}.items():
                out[f"copies.{k}.{part}"] = v
            for k in ("n_gold_pairs", "n_predicted_pairs", "n_true_pairs", "false_pairs", "false_pairs_same_topic",
                      "n_gold_passages", "passages_found"):
                totals[k] = totals.get(k, 0) + s[k]
            log(f"copies {part}: {len(articles)} articles in {time.perf_counter() - t0:.0f}s")
    named = {"duplicates.precision": ("n_true_pairs", "n_predicted_pairs"), "duplicates.recall": ("n_true_pairs", "n_gold_pairs"),
             "passages.recall": ("passages_found", "n_gold_passages")}
    for name, (num, den) in named.items():
        out[name] = totals[num] / totals[den] if totals[den] else 1.0
        for part in ("read", "validation"):
            key = {"duplicates.precision": "precision", "duplicates.recall": "recall", "passages.recall": "passages_recall"}[name]
            out[f"{name}.{part}"] = out[f"copies.{key}.{part}"]
    out["duplicates.false_pairs_same_topic"] = totals["false_pairs_same_topic"]
    return out


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m pipeline.evaluation.copies", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bench", default="../shared/bench")
    parser.add_argument("--work", help="keep the synthetic corpora and tables here (default: a temporary directory)")
    parser.add_argument("--web-pages", type=int, default=WEB_PAGES)
    parser.add_argument("--sample", type=int, help="only the first N documents of each set")
    parser.add_argument("--bench-incremental", type=int, metavar="N",
                        help="instead: the cost of adding one article to N synthetic ones (e.g. 100000)")
    args = parser.parse_args(argv)
    if args.bench_incremental:
        import tempfile

        from pipeline.evaluation.copies_incremental import bench_incremental

        with tempfile.TemporaryDirectory() as tmp:
            figures = bench_incremental(Path(args.work or tmp), args.bench_incremental)
        print(json.dumps(figures, indent=1, default=float))
        return 0
    figures = evaluate(Path(args.bench), Path(args.work) if args.work else None, args.web_pages, sample=args.sample)
    print(json.dumps(figures, indent=1, default=float))
    return 0


if __name__ == "__main__":
    sys.exit(main())

