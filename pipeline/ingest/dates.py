"""Publication dates given as metadata (ISO strings, 'YYYY-MM-DD', 'YYYY-MM', a year, a written date) → (datetime, grain)."""

from __future__ import annotations

import re
from datetime import datetime


def parse_published(value) -> tuple[datetime | None, str | None]:
    """A metadata date (ISO string, 'YYYY-MM-DD', or a common written date) → (datetime, grain)."""
    if value is None or value == "":
        return None, None
    if not isinstance(value, str):
        return None, None
    value = value.strip()
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        try:
            return datetime(int(m[1]), int(m[2]), int(m[3])), "day"
        except ValueError:
            return None, None
    m = re.fullmatch(r"(\d{4})-(\d{2})", value)
    if m and 1 <= int(m[2]) <= 12:
        return datetime(int(m[1]), int(m[2]), 1), "month"
    if re.fullmatch(r"\d{4}", value):
        return datetime(int(value), 1, 1), "year"
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
        grain = "day" if (dt.hour, dt.minute, dt.second) == (0, 0, 0) else "minute"
        return dt.replace(tzinfo=None), grain
    except ValueError:
        pass
    import dateparser  # lazily: only for unusual metadata dates

    dt = dateparser.parse(value, languages=["en"], settings={"STRICT_PARSING": True, "RETURN_AS_TIMEZONE_AWARE": False})
    return (dt, "day") if dt else (None, None)
