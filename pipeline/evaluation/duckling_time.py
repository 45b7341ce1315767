"""Duckling English corpus evaluation of :func:`pipeline.normalise.dates.normalise_date`.

Each phrase is normalised whole: ``normalise_date(phrase, 0, len(phrase), anchor=ref_time,
label="DATE")`` where ``ref_time`` is the example's reference time as an aware datetime
(2013-02-12T04:30-02:00 for the standard context; see :func:`_anchor`).  ``normalise_date``
reads the wall clock of an aware anchor exactly as it reads a naive one and only uses the offset
to convert clock times that name a zone.

Metrics returned by :func:`evaluate`:

* ``duckling.time.accuracy`` - positive ``time`` examples (all locales, holidays included).
  A prediction is correct when its ``start`` agrees with the expected value truncated to the
  expected grain (weeks start on Monday).  For expected intervals the ``from`` bound is compared
  with ``start``; when the prediction is itself an interval/anchored duration and the expected
  interval has a ``to`` bound, the (exclusive) ``end`` must also agree at the ``to`` grain.
  Expected open intervals with only ``to`` ("before 2pm") are compared against the predicted
  ``end`` if there is one, otherwise against ``start``.
* ``duckling.duration.accuracy`` - positive ``duration`` examples; correct when the predicted
  TIMEX3 duration value, converted to seconds the way Duckling normalises durations (see
  :func:`duckling_seconds`: a single unit uses month = 30 days, year = 365 days; a mixed duration
  such as "2 years and 3 months" is first expressed in its smallest unit, 27 months, and then
  converted), equals Duckling's normalised seconds.
* ``duckling.negative.rejected_time`` / ``duckling.negative.rejected_duration`` - the fraction of
  negative examples of that dimension for which ``normalise_date`` returns None.
* ``duckling.time.accuracy_non_latent`` and ``duckling.time.n_latent``: examples flagged
  ``requires_latent`` are *included* in ``duckling.time.accuracy``; these two extra keys give the
  accuracy without them and how many there are.  Also ``duckling.time.accuracy_holidays`` /
  ``duckling.time.accuracy_non_holidays`` and the example counts.

Direction convention: the corpus comes from an assistant, so an under-specified expression is
resolved to the FUTURE ("thursday" said on a Tuesday is the coming Thursday, "3am" said at 4:30
is tomorrow's).  :func:`evaluate` therefore calls ``normalise_date(..., prefer="future")``;
``prefer`` is a genuine option of the normaliser (the news pipeline uses its default ``"past"``).

Run ``python -m pipeline.evaluation.duckling_time`` to print the figures.
"""
from __future__ import annotations

import json
import re
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from pipeline.normalise.dates import normalise_date

DEFAULT_PATH = Path("/work/shared/bench/duckling/en.jsonl")


# Duckling's unit conversions (Duckling.Duration.Helpers / TimeGrain.inSeconds & withGrain)
_DK_SECONDS = {"S": 1, "MIN": 60, "H": 3600, "D": 86400, "W": 604800, "M": 2592000,
               "Q": 7776000, "Y": 31536000}
_DK_ORDER = ["S", "MIN", "H", "D", "W", "M", "Q", "Y"]


def duckling_seconds(value: str | None) -> float | None:
    """Seconds of a TIMEX3 duration value as Duckling normalises it; None if not a precise
    duration.  A single unit converts directly (month = 30 days, year = 365 days); a mixed
    duration is first rewritten in its smallest unit (year = 12 months, month = 30 days,
    week = 7 days, ...) and then converted, so "P2Y3M" = 27 months = 27 x 30 days."""
    if not value or not value.startswith("P") or "X" in value:
        return None
    m = re.fullmatch(r"P((?:[\d.]+[YMWD])*)(?:T((?:[\d.]+[HMS])*))?", value)
    if not m:
        return None
    parts = [(float(n), u) for n, u in re.findall(r"([\d.]+)([YMWD])", m.group(1) or "")]
    parts += [(float(n), "MIN" if u == "M" else u)
              for n, u in re.findall(r"([\d.]+)([HMS])", m.group(2) or "")]
    if not parts:
        return None
    if len(parts) == 1:
        n, u = parts[0]
        return n * _DK_SECONDS[u]
    smallest = min((u for _, u in parts), key=_DK_ORDER.index)

    def in_unit(n: float, u: str) -> float:
        if u == "Y" and smallest in ("M", "Q"):
            return n * (12 if smallest == "M" else 4)
        return n * _DK_SECONDS[u] / _DK_SECONDS[smallest]

    return sum(in_unit(n, u) for n, u in parts) * _DK_SECONDS[smallest]


def _naive(iso: str) -> datetime:
    """Wall-clock part of an ISO timestamp such as 2013-02-12T04:30:00.000-02:00."""
    m = re.match(r"(-?\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})", iso)
    if not m:
        raise ValueError(iso)
    y = int(m.group(1))
    return datetime(max(1, y), int(m.group(2)), int(m.group(3)), int(m.group(4)),
                    int(m.group(5)), int(m.group(6)))


def _anchor(iso: str) -> datetime:
    """The reference time as an aware datetime: the wall clock of :func:`_naive` plus the
    example's UTC offset (-02:00 for the standard context), so that expressions naming a time
    zone ("4pm CET") can be converted into the reference offset as Duckling does."""
    dt = _naive(iso)
    m = re.search(r"([+-])(\d{2}):?(\d{2})$", iso)
    if not m:
        return dt
    off = timedelta(hours=int(m.group(2)), minutes=int(m.group(3)))
    return dt.replace(tzinfo=timezone(-off if m.group(1) == "-" else off))


def _trunc(dt: datetime, grain: str) -> tuple:
    """Key identifying the ``grain`` unit containing ``dt``."""
    if grain == "second":
        return (dt.year, dt.month, dt.day, dt.hour, dt.minute, dt.second)
    if grain == "minute":
        return (dt.year, dt.month, dt.day, dt.hour, dt.minute)
    if grain == "hour":
        return (dt.year, dt.month, dt.day, dt.hour)
    if grain == "day":
        return (dt.year, dt.month, dt.day)
    if grain == "week":
        d = datetime(dt.year, dt.month, dt.day) - timedelta(days=dt.weekday())
        return (d.year, d.month, d.day)
    if grain == "month":
        return (dt.year, dt.month)
    if grain == "quarter":
        return (dt.year, (dt.month - 1) // 3)
    return (dt.year,)


def _time_correct(expected: dict, v) -> bool:
    """Whether a DateValue agrees with a Duckling time value/interval at the expected grain."""
    if v is None or v.start is None and v.end is None:
        return False
    if expected.get("type") == "interval":
        frm, to = expected.get("from"), expected.get("to")
        if frm is not None:
            if v.start is None or _trunc(v.start, frm["grain"]) != _trunc(_naive(frm["value"]),
                                                                           frm["grain"]):
                return False
            if to is not None and v.kind in ("interval", "duration") and v.end is not None:
                return _trunc(v.end, to["grain"]) == _trunc(_naive(to["value"]), to["grain"])
            return True
        if to is not None:
            ref = v.end if v.end is not None and v.kind in ("interval", "duration") else v.start
            if ref is None:
                return False
            return _trunc(ref, to["grain"]) == _trunc(_naive(to["value"]), to["grain"])
        return False
    if v.start is None:
        return False
    return _trunc(v.start, expected["grain"]) == _trunc(_naive(expected["value"]),
                                                        expected["grain"])


def evaluate(path: str | Path = DEFAULT_PATH) -> dict[str, float]:
    """Score normalise_date on the Duckling corpus; see the module docstring for definitions."""
    rows = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    t_ok = t_n = 0
    lat_ok = lat_n = 0
    hol_ok = hol_n = 0
    d_ok = d_n = 0
    neg = {"time": [0, 0], "duration": [0, 0]}
    for r in rows:
        dim = r["dimension"]
        if dim not in ("time", "duration"):
            continue
        text = r["text"]
        anchor = _anchor(r.get("ref_time") or "2013-02-12T04:30:00")
        v = normalise_date(text, 0, len(text), anchor, label="DATE", prefer="future")
        if r.get("negative"):
            neg[dim][1] += 1
            if v is None:
                neg[dim][0] += 1
            continue
        exp = r["expected"]
        if dim == "time":
            ok = _time_correct(exp, v)
            t_n += 1
            t_ok += ok
            if r.get("requires_latent"):
                lat_n += 1
                lat_ok += ok
            if "holiday" in json.dumps(exp):
                hol_n += 1
                hol_ok += ok
        else:
            d_n += 1
            want = exp["normalized"]["value"]
            got = duckling_seconds(v.value) if v is not None and v.type == "DURATION" else None
            d_ok += got is not None and abs(got - want) < 0.5
    non_lat_n = t_n - lat_n
    return {
        "duckling.time.accuracy": t_ok / t_n if t_n else 0.0,
        "duckling.time.accuracy_non_latent": (t_ok - lat_ok) / non_lat_n if non_lat_n else 0.0,
        "duckling.time.n_latent": float(lat_n),
        "duckling.time.accuracy_holidays": hol_ok / hol_n if hol_n else 0.0,
        "duckling.time.accuracy_non_holidays": (t_ok - hol_ok) / (t_n - hol_n)
        if t_n - hol_n else 0.0,
        "duckling.time.n": float(t_n),
        "duckling.duration.accuracy": d_ok / d_n if d_n else 0.0,
        "duckling.duration.n": float(d_n),
        "duckling.negative.rejected_time": neg["time"][0] / neg["time"][1]
        if neg["time"][1] else 0.0,
        "duckling.negative.rejected_duration": neg["duration"][0] / neg["duration"][1]
        if neg["duration"][1] else 0.0,
    }


def failures(path: str | Path = DEFAULT_PATH, dimension: str = "time") -> list[tuple]:
    """(text, expected, prediction) for the positive examples of ``dimension`` that fail."""
    out = []
    for line in open(path, encoding="utf-8"):
        r = json.loads(line)
        if r["dimension"] != dimension or r.get("negative"):
            continue
        text = r["text"]
        v = normalise_date(text, 0, len(text), _anchor(r["ref_time"]), label="DATE",
                           prefer="future")
        exp = r["expected"]
        if dimension == "time":
            ok = _time_correct(exp, v)
        else:
            got = duckling_seconds(v.value) if v is not None and v.type == "DURATION" else None
            ok = got is not None and abs(got - exp["normalized"]["value"]) < 0.5
        if not ok:
            out.append((text, exp, v))
    return out


if __name__ == "__main__":
    res = evaluate(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_PATH)
    for k, val in res.items():
        print("%-42s %.4f" % (k, val))
