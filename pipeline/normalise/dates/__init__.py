"""Dates: TIMEX3 values for temporal expressions, resolved against the publication date.

:func:`normalise_date` maps one span to a :class:`DateValue` (TIMEX3 type/value plus a half-open
wall-clock interval ``[start, end)`` and a grain), resolving relative expressions against the
article's publication date the way a news reader would.  Without an anchor, relative expressions
come back as kind ``"unresolved"``: nothing is ever resolved against today's date.  (Finding the
spans is recognise's job: :mod:`pipeline.recognise.dates`.)

Where things are:

- ``engine``: the order of reading (direct rules, modifiers, composition rules) and the context
  readings (ages, "that year", tense); the public :func:`normalise_date`;
- ``rules/``: the direct rules by family, and ``DIRECT_ORDER`` with why it is that order;
- ``compose``: ranges and a day with a clock time;
- ``registry``: the book every rule is registered in (``DATE_RULES``) and the example record;
- ``values`` (the DateValue record), ``calendar`` (arithmetic), ``durations``, ``anchoring``
  (placing an under-specified expression), ``context``, ``vocabulary`` (date words),
  ``holidays`` and ``lunar`` (holidays as data).
"""

from pipeline.normalise.dates.engine import normalise_date
from pipeline.normalise.dates.registry import DATE_RULES
from pipeline.normalise.dates.values import DateValue

__all__ = ["DATE_RULES", "DateValue", "normalise_date"]
