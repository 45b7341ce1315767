"""Normalise numeric entity mentions (CARDINAL, ORDINAL, QUANTITY, MONEY, PERCENT) to numbers.

:func:`normalise_quantity` turns the text of a spaCy numeric span into a :class:`QuantityValue`:
the number, an optional range (``low``/``high``), a modifier (``APPROX``, ``MORE_THAN`` ...), a
unit symbol for quantities and an ISO 4217 code for money.  (The noun a count counts is read from
the parse at recognise time: :mod:`pipeline.recognise.counting`.)

Conventions (callers rely on these):

* ``value`` is the number as written, scaled by multipliers ("3.5bn" -> 3.5e9, "two dozen" -> 24,
  "30 lakh" -> 3e6); fractions are floats ("two-thirds" -> 0.666...); negatives keep their sign.
* Closed ranges ("10-20", "between 10 and 20", "from 3km to 5km", "two or three") set
  ``low`` and ``high``, and ``value`` is ``low`` (the conservative figure actually written).
  A scale written once applies to both ends ("2-3 million" -> 2e6..3e6).
  ``low``/``high`` are None for everything that is not a closed range.
* Open bounds are told by ``mod`` alone: "more than 27,000" -> value 27000, mod ``MORE_THAN``.
  ``mod`` is one of ``APPROX``, ``MORE_THAN``, ``LESS_THAN``, ``AT_LEAST``, ``AT_MOST`` or None.
  Modifiers are read inside the span and, when the span has none, just before it in ``text``
  (spaCy often leaves "nearly"/"some" outside the entity).  Vague plurals ("hundreds",
  "dozens of", "tens of thousands") give twice the scale with ``AT_LEAST`` (hundreds -> 200).
* ``unit``: ``"%"`` for percentages, ``"pp"`` for percentage points, a pint-style symbol for
  QUANTITY ("km", "mi", "kg", "lb", "l", "ml", "gal", "cup", "°C", "°F"; a bare "degrees" is
  ``"°"``), None otherwise.  Compound measures ("7 feet 10 inches", "2 km and 1 metre") are
  summed with pint and expressed in the smallest unit written (94 in, 2001 m).
* ``currency``: ISO 4217 for MONEY.  Dollar forms ("$", "dollars", "bucks", "grand", cents and
  US coin names) resolve to ``local_currency`` when that is a dollar currency, else USD; pound
  forms ("£", "pounds", "quid") to ``local_currency`` when that is a pound currency, else GBP;
  "grand" means a thousand of ``local_currency`` when given.  Names that are ambiguous without
  a nationality ("dinars", "riyals", "rials", "pesos", "shillings", "kroner") give None.
  Minor units are converted to the major unit: "10 cents" -> 0.10 USD, "50p" -> 0.50 GBP,
  "$20 and 43c" -> 20.43 USD.
* ORDINAL spans give the rank ("third" -> 3, "21st" -> 21).  For other labels, ordinal words
  after a numerator or article are fractions ("a third" -> 0.333..., "tenth of a gallon" -> 0.1).

Everything is pure string work on the span (no spaCy needed) and cached with ``lru_cache``; all
regular expressions are compiled once at import time.  :func:`normalise_quantity` never raises.

Where things are: ``reading`` (the registered steps, in order: sign, modifiers, ranges, units,
currencies), ``scanner`` (number expressions in a span), ``units`` and ``currencies`` (their
surface forms as data), ``modifiers``, ``value`` (the record), ``registry`` (``QUANTITY_RULES``).
To add a step: write it in ``reading`` with ``@rule(name, examples=..., negatives=...)`` and call
it from :func:`~pipeline.normalise.quantities.reading.read_span` where it belongs.
"""

from __future__ import annotations

import re

from pipeline.lexicon.numbers import SCALE_WORDS
from pipeline.normalise.quantities.reading import read_span
from pipeline.normalise.quantities.registry import QUANTITY_RULES
from pipeline.normalise.quantities.units import unit_registry
from pipeline.normalise.quantities.value import MODIFIERS, QuantityValue

__all__ = ["MODIFIERS", "QUANTITY_RULES", "QuantityValue", "normalise_quantity", "unit_registry"]

#: a scale word spaCy left just outside the span ("Rs [500] crore")
_TAIL_SCALE_RE = re.compile(
    r"[ \u00a0]?(million|billion|trillion|bn|mn|crore|crores|lakh|lakhs)\b", re.IGNORECASE
)


def normalise_quantity(
    text: str, start: int, end: int, label: str, *, local_currency: str | None = None
) -> QuantityValue | None:
    """Normalise the number in ``text[start:end]``, a spaCy CARDINAL/QUANTITY/MONEY/PERCENT/ORDINAL span.

    ``text`` is the surrounding block: up to 48 characters before ``start`` are read for a
    modifier ("nearly", "more than") or a currency sign that spaCy left outside the span.
    ``local_currency`` (keyword only) is the ISO code of the article's home market; it decides
    what "$", "dollars", "grand" and coin names mean (default: US dollars).  Returns None when
    the span holds no number; never raises.
    """
    try:
        if not isinstance(text, str):
            return None
        n = len(text)
        s = max(0, min(int(start), n))
        e = max(s, min(int(end), n))
        span = text[s:e]
        if not span.strip() or len(span) > 400:
            return None
        context = text[max(0, s - 48):s]
        tail = _TAIL_SCALE_RE.match(text, e)
        tail_scale = SCALE_WORDS[tail.group(1).lower()] if tail else 1.0
        return read_span(span, context, str(label), local_currency, tail_scale)
    except Exception:
        return None
