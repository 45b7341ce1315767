"""Score :func:`pipeline.normalise.quantities.normalise_quantity` on Duckling's English corpus.

The corpus (``shared/bench/duckling/en.jsonl``, see its SOURCE.md) holds phrases with the value
Duckling gives them.  Each phrase is passed whole, ``normalise_quantity(phrase, 0, len(phrase),
label)``, with the label numeral -> CARDINAL, ordinal -> ORDINAL, amount_of_money -> MONEY,
quantity / distance / volume / temperature -> QUANTITY.

How a prediction is judged (relative tolerance 1e-6 on every number):

* **numeral, ordinal**: ``value`` equals the expected value.
* **single values** of the measured dimensions: ``value`` equals the expected value after
  converting our unit to Duckling's with pint (so "0.002 kg" -> 0.002 kg is right for Duckling's
  2 gram; "1 meter and 1 foot" given as 4.28 ft is right for 1.3048 metre).  Duckling's unit
  names map to pint units (kilometre -> kilometer, "m" -> metre, litre -> liter ...);
  temperatures are not converted: celsius must be "°C", fahrenheit "°F" and Duckling's bare
  "degree" must be "°"; Duckling's "unnamed" quantity must have no unit.
* **money**: ``value`` equals the expected value, with Duckling's ``cent`` unit read as
  hundredths (we give "10 cents" as 0.10 of the major unit), and ``currency`` equals
  ``currency_iso`` when that is not null (null marks an ambiguous currency such as "$" in the
  EN locale; then only the value is judged).
* **intervals**: a closed interval needs ``low``/``high`` equal to ``from``/``to``; an open one
  with only ``from`` needs ``mod`` MORE_THAN or AT_LEAST and ``value`` equal to ``from``; only
  ``to`` needs ``mod`` LESS_THAN or AT_MOST and ``value`` equal to ``to``.  Units and currency
  are judged on the bound(s) as for single values.
* **negative examples** (phrases Duckling must not parse): right when we return None.

Regional money examples (locale EN_AU, EN_GB ...) are read with the locale's home currency
passed as ``local_currency`` (AUD for EN_AU ...), as the pipeline would pass an article's market;
"a grand" is 1000 AUD in Australia and 1000 GBP in Britain, so no locale-free reading can be
right for all of them.  ``duckling.amount_of_money.accuracy_no_locale`` gives the figure without
that hint, for comparison.

``python -m pipeline.evaluation.duckling_numbers [path]`` prints the figures and a few misses.
"""

from __future__ import annotations

import json
import math
import sys
from collections import defaultdict
from pathlib import Path

from pipeline.normalise.quantities import QuantityValue, normalise_quantity, unit_registry

#: shared/ sits beside the repository (CI) or inside it
_CANDIDATES = [
    Path(__file__).resolve().parents[3] / "shared" / "bench" / "duckling" / "en.jsonl",
    Path(__file__).resolve().parents[2] / "shared" / "bench" / "duckling" / "en.jsonl",
]

LABELS = {
    "numeral": "CARDINAL",
    "ordinal": "ORDINAL",
    "amount_of_money": "MONEY",
    "quantity": "QUANTITY",
    "distance": "QUANTITY",
    "volume": "QUANTITY",
    "temperature": "QUANTITY",
}

#: the home currency of each regional locale in the corpus
LOCALE_CURRENCY = {
    "EN_AU": "AUD", "EN_BZ": "BZD", "EN_CA": "CAD", "EN_GB": "GBP", "EN_IE": "EUR",
    "EN_IN": "INR", "EN_JM": "JMD", "EN_NZ": "NZD", "EN_PH": "PHP", "EN_TT": "TTD",
    "EN_US": "USD", "EN_ZA": "ZAR",
}

#: Duckling unit name -> pint unit, for the measured dimensions
_DUCKLING_UNITS = {
    "kilometre": "kilometer", "metre": "meter", "m": "meter", "centimetre": "centimeter",
    "millimetre": "millimeter", "mile": "mile", "inch": "inch", "foot": "foot", "yard": "yard",
    "gram": "gram", "pound": "pound", "ounce": "ounce", "cup": "cup", "litre": "liter",
    "millilitre": "milliliter", "hectolitre": "hectoliter", "gallon": "gallon",
}
_TEMPERATURE_UNITS = {"celsius": "°C", "fahrenheit": "°F", "degree": "°"}
#: our unit symbols -> pint (symbols pint does not read back as the same unit)
_OUR_UNITS = {"cup": "cup", "l": "liter", "ml": "milliliter", "hl": "hectoliter", "t": "metric_ton"}


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return False
    return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)


def _in_unit(value: float | None, ours: str | None, theirs: str | None) -> float | None:
    """Our value expressed in Duckling's unit, or None when the units do not agree."""
    if value is None:
        return None
    if theirs in (None, "unnamed"):
        return value if ours is None else None
    if theirs in _TEMPERATURE_UNITS:
        return value if ours == _TEMPERATURE_UNITS[theirs] else None
    if ours is None:
        return None
    target = _DUCKLING_UNITS.get(theirs, theirs)
    try:
        src = _OUR_UNITS.get(ours, ours).replace("²", "**2").replace("³", "**3")
        return float(unit_registry().Quantity(value, src).to(target).magnitude)
    except Exception:
        return None


def _bound_ok(got: float | None, pred: QuantityValue, exp: dict, dim: str) -> bool:
    """One expected value (or interval bound) against one predicted number."""
    if dim == "amount_of_money":
        scale = 100.0 if exp.get("unit") == "cent" else 1.0
        if got is None or not _close(got * scale, exp["value"]):
            return False
        iso = exp.get("currency_iso")
        return iso is None or pred.currency == iso
    return _close(_in_unit(got, pred.unit, exp.get("unit")), exp["value"])


def judge(pred: QuantityValue | None, expected: dict, dim: str) -> bool:
    """Whether a prediction matches one Duckling expectation (see the module docstring)."""
    if pred is None:
        return False
    if dim in ("numeral", "ordinal"):
        return _close(pred.value, expected["value"])
    if expected.get("type") == "interval":
        lo, hi = expected.get("from"), expected.get("to")
        if lo is not None and hi is not None:
            return (pred.low is not None and pred.high is not None
                    and _bound_ok(pred.low, pred, lo, dim) and _bound_ok(pred.high, pred, hi, dim))
        if lo is not None:
            return pred.mod in ("MORE_THAN", "AT_LEAST") and _bound_ok(pred.value, pred, lo, dim)
        if hi is not None:
            return pred.mod in ("LESS_THAN", "AT_MOST") and _bound_ok(pred.value, pred, hi, dim)
        return False
    return _bound_ok(pred.value, pred, expected, dim)


def _rows(path: Path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line:
                yield json.loads(line)


def run(path: str | Path | None = None) -> tuple[dict[str, float], dict[str, list[tuple]]]:
    """Score every example; return the figures and the misses per dimension."""
    p = Path(path) if path else next((c for c in _CANDIDATES if c.exists()), _CANDIDATES[0])
    right: dict[str, int] = defaultdict(int)
    total: dict[str, int] = defaultdict(int)
    misses: dict[str, list[tuple]] = defaultdict(list)
    neg_right = neg_total = 0
    for row in _rows(p):
        dim = row.get("dimension")
        if dim not in LABELS:
            continue
        text = row["text"]
        label = LABELS[dim]
        local = LOCALE_CURRENCY.get(row.get("locale", "EN"))
        pred = normalise_quantity(text, 0, len(text), label, local_currency=local)
        if row.get("negative"):
            neg_total += 1
            neg_right += pred is None
            if pred is not None:
                misses["negative"].append((row.get("locale"), text, None, pred))
            continue
        ok = judge(pred, row["expected"], dim)
        total[dim] += 1
        right[dim] += ok
        if not ok:
            misses[dim].append((row.get("locale"), text, row["expected"], pred))
        if dim == "amount_of_money":
            plain = normalise_quantity(text, 0, len(text), label)
            total["amount_of_money_no_locale"] += 1
            right["amount_of_money_no_locale"] += judge(plain, row["expected"], dim)
            if row.get("locale", "EN") == "EN":
                total["amount_of_money_en"] += 1
                right["amount_of_money_en"] += ok
    figures: dict[str, float] = {}
    for dim in LABELS:
        figures[f"duckling.{dim}.accuracy"] = right[dim] / total[dim] if total[dim] else 0.0
    figures["duckling.amount_of_money.accuracy_no_locale"] = (
        right["amount_of_money_no_locale"] / total["amount_of_money_no_locale"]
        if total["amount_of_money_no_locale"] else 0.0)
    figures["duckling.amount_of_money.accuracy_en_locale"] = (
        right["amount_of_money_en"] / total["amount_of_money_en"]
        if total["amount_of_money_en"] else 0.0)
    figures["duckling.negative.rejected_numbers"] = neg_right / neg_total if neg_total else 0.0
    return figures, misses


def evaluate(path: str | Path | None = None) -> dict[str, float]:
    """The accuracy per Duckling dimension and the share of negatives rejected."""
    return run(path)[0]


def main(argv: list[str] | None = None) -> int:
    """Print the figures and up to eight misses per dimension."""
    args = sys.argv[1:] if argv is None else argv
    figures, misses = run(args[0] if args else None)
    for k, v in figures.items():
        print(f"{k:50s} {v:.3f}")
    for dim, rows in misses.items():
        print(f"\n-- misses: {dim} ({len(rows)})")
        for loc, text, exp, pred in rows[:8]:
            print(f"  [{loc}] {text!r}\n      expected {json.dumps(exp)}\n      got      {pred}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
