"""Resuming: what a re-run may skip, and what an interrupted run left behind.

* Per-page outputs: a page is skipped when its output exists, is at least as new as
  its input, and its last manifest record was made with this run's settings (the
  stripper version, the rule book's digest, --kind, --lang, --format: `Settings`);
  a re-run with other rules or options redoes it. `--force` redoes every page.
* The records come from `_manifest.jsonl` and from the temporary manifests of runs
  that were killed (`previous_records`), read before those are swept away.
* Temporary files (`.NAME.stripper-tmp-PID`) are what a killed worker or parent can
  leave; they are never outputs, and `sweep_temps` removes them at the start of a run.
* `--jsonl FILE`: the file is appended to. A killed run can leave a partial last line;
  `repair_jsonl` cuts it off, and `jsonl_sources` tells which pages the file already
  holds (those are skipped unless their input changed since the file was written).
"""

from __future__ import annotations

import glob
import json
import os

from stripper.batch.files import TEMP_MARK

MANIFEST = "_manifest.jsonl"
UP_TO_DATE = ("done", "empty", "skipped")  # statuses whose output stands


def previous_records(out_root: str) -> tuple[dict[str, str | None], str | None]:
    """(path → settings digest of each page's output, None when its last run failed;
    the settings digest of the latest run), from the last manifest and then from the
    temporary manifests killed runs left (they are newer). A page with no record was
    written by the latest run, if by any: a killed run can write an output and die
    before recording it."""
    found: dict[str, str | None] = {}
    latest = _summary_digest(out_root)
    stale = glob.glob(os.path.join(glob.escape(out_root), f".{MANIFEST}{TEMP_MARK}*"))
    paths = [os.path.join(out_root, MANIFEST)] + sorted(stale, key=_mtime)
    for path in paths:
        try:
            with open(path, encoding="utf-8", errors="replace") as fh:
                for line in fh:
                    try:
                        row = json.loads(line)
                    except ValueError:
                        continue  # a partial last line
                    if not isinstance(row, dict) or not isinstance(row.get("path"), str):
                        continue
                    settings = row.get("settings")
                    found[row["path"]] = settings if row.get("status") in UP_TO_DATE else None
                    if path != paths[0] and settings:
                        latest = settings
        except OSError:
            continue
    return found, latest


def _summary_digest(out_root: str) -> str | None:
    try:
        with open(os.path.join(out_root, "_summary.json"), encoding="utf-8") as fh:
            digest = json.load(fh).get("settings", {}).get("digest")
    except (OSError, ValueError, AttributeError):
        return None
    return digest if isinstance(digest, str) else None


def _mtime(path: str) -> float:
    try:
        return os.stat(path).st_mtime
    except OSError:
        return 0.0


def up_to_date(src: str, out: str, settings: str | None = None,
               previous: str | None = None) -> bool:
    """The output is newer than the input and was made with these settings."""
    if settings is not None and previous != settings:
        return False
    try:
        out_st = os.stat(out)
        src_st = os.stat(src)
    except OSError:
        return False
    return out_st.st_mtime_ns >= src_st.st_mtime_ns


def sweep_temps(out_root: str) -> int:
    """Remove the temporary files an interrupted run left under OUT; return how many."""
    removed = 0
    stack = [out_root]
    seen: set[tuple[int, int]] = set()
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = list(it)
        except OSError:
            continue
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    st = entry.stat(follow_symlinks=False)
                    if (st.st_dev, st.st_ino) not in seen:
                        seen.add((st.st_dev, st.st_ino))
                        stack.append(entry.path)
                elif TEMP_MARK in entry.name:
                    os.unlink(entry.path)
                    removed += 1
            except OSError:
                continue
    return removed


def repair_jsonl(path: str) -> None:
    """Cut a partial last line (a run killed mid-write) off a JSON Lines file."""
    try:
        with open(path, "rb+") as fh:
            size = fh.seek(0, os.SEEK_END)
            if size == 0:
                return
            fh.seek(size - 1)
            if fh.read(1) == b"\n":
                return
            pos = size
            chunk = 65536
            while pos > 0:
                start = max(0, pos - chunk)
                fh.seek(start)
                data = fh.read(pos - start)
                nl = data.rfind(b"\n")
                if nl >= 0:
                    fh.truncate(start + nl + 1)
                    return
                pos = start
            fh.truncate(0)
    except FileNotFoundError:
        return


def jsonl_sources(path: str) -> set[str]:
    """The `source` of every line of a JSON Lines file written by a batch run."""
    sources: set[str] = set()
    decoder = json.JSONDecoder()
    try:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                # every line starts {"source": "...", so only that string is decoded
                if not line.startswith('{"source": "'):
                    continue
                try:
                    value, _ = decoder.raw_decode(line, len('{"source": '))
                except ValueError:
                    continue
                if isinstance(value, str):
                    sources.add(value)
    except FileNotFoundError:
        pass
    return sources
