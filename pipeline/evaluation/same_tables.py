"""Compare the tables of two output directories row for row (behaviour-preserving changes).

``python -m pipeline.evaluation.same_tables BEFORE AFTER`` prints, for every public table, whether
the two runs wrote the same rows (run-specific columns such as ``run_id`` ignored; rows compared
in a canonical order), and exits 1 on the first table that differs, showing a few differing rows.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

#: columns that name the run, not what it found
RUN_COLUMNS = {"run_id"}
#: tables that describe runs (times, counts), not results
SKIP_TABLES = {"runs"}


def _frame(out: Path, table: str):
    import pandas as pd

    path = out / table
    if not path.exists():
        return None
    df = pd.read_parquet(path)
    df = df.drop(columns=[c for c in df.columns if c in RUN_COLUMNS])
    for col in df.columns:
        if isinstance(df[col].dtype, pd.CategoricalDtype):
            df[col] = df[col].astype(object)
        if len(df) and df[col].map(lambda v: hasattr(v, "tolist") or isinstance(v, list)).any():  # (an empty datetime column maps to datetimes)
            df[col] = df[col].map(lambda v: repr(list(v)) if v is not None and hasattr(v, "__len__") else v)
    df = df.astype(object).where(df.notna(), None)
    return df.sort_values(list(df.columns), key=lambda s: s.map(repr)).reset_index(drop=True)


def compare(before: Path, after: Path, tables: list[str] | None = None) -> list[str]:
    """Names of the tables whose rows differ (a table missing on one side differs)."""
    names = tables or sorted({p.name for d in (before, after) for p in d.iterdir()
                              if (p.is_dir() or p.is_symlink()) and not p.name.startswith(("_", ".")) and p.name not in SKIP_TABLES and p.name != "eval"})
    differ = []
    for name in names:
        a, b = _frame(before, name), _frame(after, name)
        if a is None or b is None:
            print(f"{name}: only in {'after' if a is None else 'before'}")
            differ.append(name)
            continue
        if list(a.columns) != list(b.columns) or len(a) != len(b) or not a.equals(b):
            import pandas as pd

            print(f"{name}: DIFFERS ({len(a)} rows before, {len(b)} after)")
            common = [c for c in a.columns if c in b.columns]
            merged = pd.concat([a[common].assign(_side="before"), b[common].assign(_side="after")])
            diff = merged.astype(str).drop_duplicates(subset=common, keep=False)
            print(diff.head(10).to_string(max_colwidth=60))
            differ.append(name)
        else:
            print(f"{name}: same ({len(a)} rows)")
    return differ


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline.evaluation.same_tables", description=__doc__.split("\n\n")[0])
    ap.add_argument("before", type=Path)
    ap.add_argument("after", type=Path)
    ap.add_argument("--tables", help="comma-separated subset")
    args = ap.parse_args(argv)
    differ = compare(args.before, args.after, args.tables.split(",") if args.tables else None)
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
