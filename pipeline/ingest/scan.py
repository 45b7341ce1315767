"""The I/O edge of ingest: list the files under the raw directory (cheap metadata), then read one."""

from __future__ import annotations

import os
from pathlib import Path

from pipeline.ingest.readers import parse_source
from pipeline.ingest.records import Article, Reason, Reject, SourceFile, refuse

#: file extension → format (the reader in :data:`pipeline.ingest.readers.READERS`)
FORMATS = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".jsonl": "jsonl", ".json": "json"}


def scan(raw_dir: Path, max_file_bytes: int) -> list[SourceFile]:
    """Every non-hidden file under ``raw_dir``, sorted by relative path, with size and mtime.

    Symbolic links that resolve outside ``raw_dir`` (or nowhere) are listed with a problem
    instead of being followed; directories are not followed through links.
    """
    root = raw_dir.resolve()
    found: list[SourceFile] = []
    for dirpath, dirnames, filenames in os.walk(raw_dir, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = Path(dirpath) / name
            rel = path.relative_to(raw_dir).as_posix()
            fmt = FORMATS.get(path.suffix.lower())
            problem = None
            try:
                if path.is_symlink():
                    target = path.resolve()
                    if not target.is_relative_to(root):
                        problem = (Reason.OUTSIDE_RAW, f"symbolic link points outside the raw directory ({target})")
                    elif not target.is_file():
                        problem = (Reason.UNREADABLE, "symbolic link to a missing file")
                st = path.stat() if problem is None else path.lstat()
            except OSError as exc:
                found.append(SourceFile(path, rel, 0, 0, fmt, (Reason.UNREADABLE, f"cannot stat: {exc}")))
                continue
            if problem is None and fmt is None:
                problem = (Reason.UNSUPPORTED_FORMAT, f"extension {path.suffix or '(none)'} is not one of {sorted(FORMATS)}")
            if problem is None and fmt != "jsonl" and st.st_size > max_file_bytes:
                problem = (Reason.TOO_LARGE, f"{st.st_size} bytes is over the limit of {max_file_bytes}")
            found.append(SourceFile(path, rel, st.st_size, st.st_mtime_ns, fmt, problem))
    return found


def read_source(src: SourceFile, max_chars: int) -> list[Article | Reject]:
    """Read one scanned file and parse it; problems found while scanning become rejects."""
    if src.problem:
        return [refuse(src.rel, src.problem[0], src.problem[1])]
    try:
        data = src.path.read_bytes()
    except OSError as exc:
        return [refuse(src.rel, Reason.UNREADABLE, f"cannot read: {exc}")]
    return parse_source(src.rel, src.fmt or "txt", data, max_chars)
