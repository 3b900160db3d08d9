"""Counting, the progress display, the manifest and the final report of a batch run.

The manifest (`OUT/_manifest.jsonl`) has one line per input of the run, written as
each file finishes: `path`, `output`, `status` (done, empty, skipped, failed),
`reason`, `input_bytes`, `output_bytes`, `language`, `words`, `kind`, `removed`
(removed blocks by category), `settings` (the digest of the settings the output was
made with; see `record.Settings`). It is written under a temporary name and renamed when
the run ends (or is interrupted with Ctrl-C), so `_manifest.jsonl` always describes
one whole run: the last one. `OUT/_summary.json` holds the totals of that run.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import time
from collections import Counter

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from stripper.batch.files import TEMP_MARK
from stripper.batch.record import STATUSES, PageRecord

MANIFEST = "_manifest.jsonl"
SUMMARY = "_summary.json"


class Tally:
    """Running totals; nothing per file is kept."""

    def __init__(self) -> None:
        self.status: Counter[str] = Counter()
        self.removed: Counter[str] = Counter()
        self.reasons: Counter[str] = Counter()
        self.first_failures: list[tuple[str, str]] = []
        self.bytes_in = 0
        self.bytes_out = 0
        self.words = 0
        self.started = time.monotonic()
        self.worker_peak_rss = 0
        self.interrupted = False
        self.swept = 0

    def add(self, record: PageRecord | dict) -> None:
        if isinstance(record, dict):  # an archive row (stripper/batch/archive.py)
            record = PageRecord.from_dict(record)
        status = record.status
        self.status[status] += 1
        if status == "skipped":
            return
        self.bytes_in += record.input_bytes or 0
        self.bytes_out += record.output_bytes or 0
        self.words += record.words or 0
        self.removed.update(record.removed or {})
        if status == "failed":
            reason = record.reason or "unknown"
            self.reasons[reason.split(":")[0].split(" (")[0]] += 1
            if len(self.first_failures) < 10:
                self.first_failures.append((record.path, reason))

    @property
    def processed(self) -> int:
        return sum(self.status.values())

    @property
    def failed(self) -> int:
        return self.status["failed"]

    def summary(self) -> dict:
        elapsed = time.monotonic() - self.started
        worked = self.processed - self.status["skipped"]
        return {
            "files": self.processed,
            **{s: self.status[s] for s in STATUSES},
            "interrupted": self.interrupted,
            "seconds": round(elapsed, 3),
            "files_per_second": round(worked / elapsed, 2) if elapsed else None,
            "mb_per_second": round(self.bytes_in / 1e6 / elapsed, 3) if elapsed else None,
            "input_bytes": self.bytes_in,
            "output_bytes": self.bytes_out,
            "words": self.words,
            "removed": dict(self.removed.most_common()),
            "failure_reasons": dict(self.reasons.most_common()),
            "peak_rss_parent": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
            "peak_rss_worker": self.worker_peak_rss,
            "temporary_files_removed": self.swept,
        }


class Manifest:
    """`_manifest.jsonl`, a line per file, renamed into place by `finish`.

    Each line is written through at once (line buffering), so a run that is killed
    leaves the records of what it finished in its temporary manifest, which the next
    run reads (`resume.previous_records`) before sweeping it away."""

    def __init__(self, folder: str):
        self.path = os.path.join(folder, MANIFEST)
        self.tmp = os.path.join(folder, f".{MANIFEST}{TEMP_MARK}{os.getpid()}")
        self.fh = open(self.tmp, "w", encoding="utf-8", buffering=1)  # noqa: SIM115

    def write(self, record: PageRecord | dict) -> None:
        line = json.dumps(record, ensure_ascii=False) if isinstance(record, dict) \
            else record.to_json()
        self.fh.write(line + "\n")

    def abandon(self) -> None:
        """After a write failed (a full disk): close and remove the temporary file."""
        with contextlib.suppress(OSError):
            self.fh.close()
        with contextlib.suppress(OSError):
            os.unlink(self.tmp)

    def finish(self, summary: dict) -> None:
        self.fh.close()
        os.replace(self.tmp, self.path)
        folder = os.path.dirname(self.path)
        tmp = os.path.join(folder, f".{SUMMARY}{TEMP_MARK}{os.getpid()}")
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(summary, fh, ensure_ascii=False, indent=2)
            fh.write("\n")
        os.replace(tmp, os.path.join(folder, SUMMARY))


class _Rate(ProgressColumn):
    """files/s and MB/s since the start."""

    def render(self, task) -> Text:
        elapsed = task.elapsed or 0
        if not elapsed:
            return Text("", style="progress.data.speed")
        files = task.fields.get("worked", 0) / elapsed
        mb = task.fields.get("bytes", 0) / 1e6 / elapsed
        return Text(f"{files:,.1f} files/s {mb:,.2f} MB/s", style="progress.data.speed")


class _Errors(ProgressColumn):
    def render(self, task) -> Text:
        errors = task.fields.get("errors", 0)
        return Text(f"{errors} failed", style="red" if errors else "dim")


class Display:
    """The live progress line on standard error, or nothing (not a terminal, --quiet)."""

    def __init__(self, console: Console, enabled: bool):
        self.progress = None
        if enabled:
            self.progress = Progress(
                SpinnerColumn(), TextColumn("[bold]cleaning"), BarColumn(),
                MofNCompleteColumn(), _Rate(), _Errors(), TextColumn("ETA"),
                TimeRemainingColumn(), console=console, transient=True, refresh_per_second=5,
            )
            self.task = self.progress.add_task("batch", total=None, worked=0, bytes=0, errors=0)

    def __enter__(self) -> Display:
        if self.progress:
            self.progress.start()
        return self

    def __exit__(self, *exc) -> None:
        if self.progress:
            self.progress.stop()

    def total(self, total: int) -> None:
        if self.progress:
            self.progress.update(self.task, total=total)

    def advance(self, tally: Tally) -> None:
        if self.progress:
            self.progress.update(self.task, completed=tally.processed,
                                 worked=tally.processed - tally.status["skipped"],
                                 bytes=tally.bytes_in, errors=tally.failed)


def final_report(console: Console, tally: Tally, summary: dict, *, out: str | None) -> None:
    title = "stripper batch" + (" — interrupted" if tally.interrupted else "")
    table = Table(title=title, title_justify="left", show_header=True)
    table.add_column("files", style="bold")
    table.add_column("count", justify="right")
    styles = {"done": "green", "empty": "yellow", "skipped": "dim", "failed": "red"}
    notes = {"done": "cleaned, article found", "empty": "no article (or empty input)",
             "skipped": "output up to date, or not entered", "failed": "see the manifest"}
    table.add_column("", style="dim")
    for status in STATUSES:
        table.add_row(Text(status, style=styles[status]), f"{tally.status[status]:,}",
                      notes[status])
    table.add_row("total", f"{tally.processed:,}",
                  f"{summary['seconds']:.1f} s, {summary['files_per_second'] or 0:,.1f} files/s, "
                  f"{summary['mb_per_second'] or 0:,.2f} MB/s")
    console.print(table)
    if tally.removed:
        removed = Table(title="removed blocks by category", title_justify="left")
        removed.add_column("category")
        removed.add_column("blocks", justify="right")
        for category, count in tally.removed.most_common():
            removed.add_row(category, f"{count:,}")
        console.print(removed)
    if tally.first_failures:
        failures = Table(title="failed files" + (
            f" (first {len(tally.first_failures)})" if tally.failed > len(tally.first_failures)
            else ""), title_justify="left")
        failures.add_column("path", overflow="fold")
        failures.add_column("reason", overflow="fold")
        for path, reason in tally.first_failures:
            failures.add_row(path, reason)
        console.print(failures)
    if out:
        console.print(f"manifest: {os.path.join(out, MANIFEST)}", style="dim", highlight=False)
