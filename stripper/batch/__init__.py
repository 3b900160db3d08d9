"""`stripper batch`: clean a folder (or a list) of page dumps in parallel, resumably.

    files.py   which inputs, in what order, and the (safe) output path of each
    worker.py  one file: read (gunzip), refuse binaries and oversize files, strip, write
    pool.py    worker processes, one file in flight each, killed on --timeout
    resume.py  skip outputs newer than their input; sweep temporary files
    report.py  progress, manifest, summary and the final table

`run(Config)` is the whole run; the Click command in `stripper/cli_batch.py` only
builds a Config and prints.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

from rich.console import Console

from stripper.batch import files, resume
from stripper.batch.files import EXTENSIONS, Job
from stripper.batch.pool import Pool, Task
from stripper.batch.report import Display, Manifest, Tally, final_report
from stripper.batch.worker import Options

__all__ = ["Config", "BatchError", "run", "default_jobs"]


class BatchError(ValueError):
    """A problem with the run's arguments (the CLI turns it into a usage error)."""


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:
        return os.cpu_count() or 1


@dataclass
class Config:
    out: str
    src: str | None = None
    files_from: str | None = None  # a path, or "-" for standard input
    globs: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()
    fmt: str = "text"  # text | json | markdown: one output file per page
    jsonl: str | None = None  # instead: one line per page in this file
    jobs: int = field(default_factory=default_jobs)
    timeout: float | None = 60.0
    max_size: int = 50 * 1024 * 1024
    force: bool = False
    kind: str = "auto"
    rule_files: tuple[str, ...] = ()
    disabled: tuple[str, ...] = ()
    language: str | None = None
    quiet: bool = False
    stdin: object = None  # the stream to read `--files-from -` from


def run(cfg: Config, console: Console | None = None) -> tuple[Tally, dict]:
    console = console or Console(stderr=True)
    out_root = os.path.abspath(cfg.out)
    if cfg.src is None and cfg.files_from is None:
        raise BatchError("give a source folder (SRC) or --files-from")
    if cfg.src is not None:
        if not os.path.isdir(cfg.src):
            raise BatchError(f"{cfg.src}: not a folder")
        if files.is_inside(cfg.src, out_root):
            raise BatchError("the source folder must not be OUT or lie inside it")
    if os.path.lexists(out_root) and not os.path.isdir(out_root):
        raise BatchError(f"{cfg.out}: exists and is not a folder")
    os.makedirs(out_root, exist_ok=True)
    ext = None if cfg.jsonl else EXTENSIONS[cfg.fmt]

    tally = Tally()
    tally.swept = resume.sweep_temps(out_root)
    jsonl_fh = None
    done_sources: set[str] = set()
    jsonl_mtime = 0
    if cfg.jsonl:
        if cfg.force:
            open(cfg.jsonl, "wb").close()
        else:
            resume.repair_jsonl(cfg.jsonl)
            done_sources = resume.jsonl_sources(cfg.jsonl)
            if os.path.exists(cfg.jsonl):
                jsonl_mtime = os.stat(cfg.jsonl).st_mtime_ns
        jsonl_fh = open(cfg.jsonl, "a", encoding="utf-8")  # noqa: SIM115 (closed below)

    opts = Options(out_root=None if cfg.jsonl else out_root, fmt=cfg.fmt, kind=cfg.kind,
                   rule_files=cfg.rule_files, disabled=cfg.disabled, language=cfg.language,
                   max_size=cfg.max_size, jsonl=bool(cfg.jsonl))
    manifest = Manifest(out_root)
    display = Display(console, enabled=console.is_terminal and not cfg.quiet)
    total: list[int] = []
    counter = _start_count(cfg, out_root, ext, total, enabled=display.progress is not None)

    def feed() -> Iterator[Task]:
        for job in _jobs(cfg, out_root, ext):
            if job.error is not None:
                _record(_refused(job))
                continue
            if not cfg.force:
                if cfg.jsonl:
                    skip = job.rel in done_sources and _mtime(job.src) <= jsonl_mtime
                else:
                    skip = resume.up_to_date(job.src, os.path.join(out_root, job.out))
                if skip:
                    _record(_skipped(job, out_root))
                    continue
            yield Task(key=None, src=job.src, rel=job.rel, out=job.out)

    def _record(record: dict) -> None:
        line = record.pop("line", None)
        if line is not None and jsonl_fh is not None:
            jsonl_fh.write(line)
        manifest.write(record)
        tally.add(record)
        if total:
            display.total(total[0])
            total.clear()
        display.advance(tally)

    previous = _on_sigterm()
    pool = Pool(cfg.jobs, opts, timeout=cfg.timeout)
    try:
        with display, pool:
            for task, record in pool.run(feed()):
                if record.get("input_bytes") is None:
                    record["input_bytes"] = _size(task.src)
                _record(record)
    except KeyboardInterrupt:
        tally.interrupted = True
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        counter.stop = True
        if jsonl_fh is not None:
            jsonl_fh.close()
        tally.worker_peak_rss = pool.worker_peak_rss
        summary = tally.summary()
        manifest.finish(summary)
    if not cfg.quiet:
        final_report(console, tally, summary, out=cfg.out)
    return tally, summary


def _jobs(cfg: Config, out_root: str, ext: str | None) -> Iterator[Job]:
    if cfg.files_from is not None:
        base = cfg.src if cfg.src is not None else "."
        if cfg.files_from == "-":
            stream = cfg.stdin
            if stream is None:
                import sys

                stream = sys.stdin
            yield from files.from_list(files.read_list(stream), base, ext=ext,
                                       out_root=out_root, globs=cfg.globs,
                                       excludes=cfg.excludes)
            return
        with open(cfg.files_from, encoding="utf-8", errors="surrogateescape") as fh:
            yield from files.from_list(files.read_list(fh), base, ext=ext, out_root=out_root,
                                       globs=cfg.globs, excludes=cfg.excludes)
        return
    yield from files.walk(cfg.src, ext=ext, globs=cfg.globs, excludes=cfg.excludes,
                          skip_dirs=[out_root])


class _Counter(threading.Thread):
    """Counts the inputs in the background, for the progress bar's total and ETA."""

    def __init__(self, cfg: Config, out_root: str, ext: str | None, total: list[int]):
        super().__init__(daemon=True, name="stripper-batch-count")
        self.cfg, self.out_root, self.ext, self.total = cfg, out_root, ext, total
        self.stop = False

    def run(self) -> None:
        n = 0
        try:
            for _ in _jobs(self.cfg, self.out_root, self.ext):
                if self.stop:
                    return
                n += 1
        except OSError:
            return
        self.total.append(n)


def _start_count(cfg: Config, out_root: str, ext: str | None, total: list[int], *,
                 enabled: bool) -> _Counter:
    counter = _Counter(cfg, out_root, ext, total)
    if enabled and cfg.files_from != "-":
        counter.start()
    return counter


def _on_sigterm():
    """In the main thread, SIGTERM stops the run the way Ctrl-C does."""
    if threading.current_thread() is not threading.main_thread():
        return None

    def handler(signum, frame):
        raise KeyboardInterrupt

    return signal.signal(signal.SIGTERM, handler)


def _refused(job: Job) -> dict:
    return {"path": job.rel, "output": None, "status": job.status, "reason": job.error,
            "input_bytes": None, "output_bytes": None, "language": None, "words": None,
            "kind": None, "removed": {}}


def _skipped(job: Job, out_root: str) -> dict:
    out_bytes = _size(os.path.join(out_root, job.out)) if job.out else None
    return {"path": job.rel, "output": job.out, "status": "skipped",
            "reason": "up to date: the output is newer than the input (--force redoes it)",
            "input_bytes": _size(job.src), "output_bytes": out_bytes, "language": None,
            "words": None, "kind": None, "removed": {}}


def _size(path: str) -> int | None:
    try:
        return os.stat(path).st_size
    except OSError:
        return None


def _mtime(path: str) -> int:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return 1 << 62
