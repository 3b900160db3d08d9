"""`stripper batch`: clean a folder (or a list) of page dumps in parallel, resumably.

    files.py   which inputs, in what order, and the (safe) output path of each
    worker.py  one file: read (gunzip), refuse binaries and oversize files, strip, write
    pool.py    worker processes, one file in flight each, killed on --timeout
    resume.py  skip outputs that are up to date (input, version, rules, options); sweep
               temporary files
    record.py  PageRecord (a manifest row) and the run's Settings
    lock.py    one run at a time per OUT
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

import stripper
from stripper import formats
from stripper.batch import files, resume
from stripper.batch.files import Job
from stripper.batch.lock import Busy, OutLock
from stripper.batch.pool import Pool, Task
from stripper.batch.record import PageRecord, Settings
from stripper.batch.report import Display, Manifest, Tally, final_report
from stripper.batch.worker import Options
from stripper.inputs import printable_name
from stripper.rules import RuleBook

__all__ = ["Config", "BatchError", "BatchIOError", "run", "default_jobs"]


class BatchError(ValueError):
    """A problem with the run's arguments (the CLI turns it into a usage error)."""


class BatchIOError(OSError):
    """The run could not go on: OUT's manifest or --jsonl file cannot be written (a full
    disk), or OUT is another run's. str() is one line; the CLI exits 1 (2 when busy)."""

    def __init__(self, message: str, *, busy: bool = False):
        super().__init__(message)
        self.busy = busy

    def __str__(self) -> str:
        return str(self.args[0])


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
    fmt: str = "text"  # a per-page format of stripper.formats: one output file per page
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
    book: RuleBook | None = None  # the rules, loaded once (else from rule_files, disabled)


def settings_of(cfg: Config, book: RuleBook) -> Settings:
    return Settings(stripper=stripper.__version__, rules=book.digest, kind=cfg.kind,
                    language=cfg.language, format="jsonl" if cfg.jsonl else cfg.fmt,
                    rule_files=tuple(os.path.abspath(p) for p in cfg.rule_files),
                    disabled=tuple(sorted(cfg.disabled)))


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
        raise BatchError(f"{printable_name(cfg.out)}: exists and is not a folder")
    fmt = formats.get(cfg.fmt)
    if not fmt.per_page:
        raise BatchError(f"--format {cfg.fmt} is not a per-page format; use --jsonl FILE")
    book = cfg.book if cfg.book is not None else RuleBook.load(cfg.rule_files,
                                                               disabled=cfg.disabled)
    settings = settings_of(cfg, book)
    label = printable_name(cfg.out)
    try:
        os.makedirs(out_root, exist_ok=True)
        lock = OutLock(out_root).acquire()
    except Busy as exc:
        raise BatchIOError(f"{label}: {exc}", busy=True) from None
    except OSError as exc:
        raise BatchIOError(f"{label}: cannot write: {_strerror(exc)}") from None
    try:
        return _run(cfg, console, out_root, fmt.suffix, book, settings)
    finally:
        lock.release()


def _run(cfg: Config, console: Console, out_root: str, suffix: str, book: RuleBook,
         settings: Settings) -> tuple[Tally, dict]:
    ext = None if cfg.jsonl else suffix
    digest = settings.digest
    tally = Tally()
    previous, latest = ({}, None) if cfg.force else resume.previous_records(out_root)
    tally.swept = resume.sweep_temps(out_root)
    jsonl_fh = None
    done_sources: set[str] = set()
    jsonl_mtime = 0
    try:
        if cfg.jsonl:
            fresh = cfg.force
            if not fresh:
                resume.repair_jsonl(cfg.jsonl)
                done_sources = resume.jsonl_sources(cfg.jsonl)
                # lines made with other settings cannot be replaced in place: start again
                fresh = any(previous.get(s, latest or digest) not in (digest, None)
                            for s in done_sources)
                if fresh and not cfg.quiet:
                    console.print(f"stripper: {printable_name(cfg.jsonl)} was written with "
                                  "other rules or options; writing it afresh",
                                  highlight=False, markup=False)
            if fresh:
                open(cfg.jsonl, "wb").close()
                done_sources = set()
            elif os.path.exists(cfg.jsonl):
                jsonl_mtime = os.stat(cfg.jsonl).st_mtime_ns
            jsonl_fh = open(cfg.jsonl, "a", encoding="utf-8")  # noqa: SIM115 (closed below)
        manifest = Manifest(out_root)
    except OSError as exc:
        raise BatchIOError(f"{printable_name(getattr(exc, 'filename', None) or cfg.out)}: "
                           f"cannot write: {_strerror(exc)}") from None

    opts = Options(out_root=None if cfg.jsonl else out_root, fmt=cfg.fmt, kind=cfg.kind,
                   book=book, language=cfg.language, max_size=cfg.max_size,
                   jsonl=bool(cfg.jsonl), settings=digest)
    display = Display(console, enabled=console.is_terminal and not cfg.quiet)
    total: list[int] = []
    counter = _start_count(cfg, out_root, ext, total, enabled=display.progress is not None)
    broken: list[str] = []  # why the run had to stop (the manifest cannot be written)

    def feed() -> Iterator[Task]:
        for job in _jobs(cfg, out_root, ext):
            if broken:
                return
            if job.error is not None:
                _record(_refused(job))
                continue
            if not cfg.force:
                rel = printable_name(job.rel)
                if cfg.jsonl:
                    skip = rel in done_sources and _mtime(job.src) <= jsonl_mtime \
                        and previous.get(rel, latest or digest) == digest
                else:
                    assert job.out is not None
                    skip = resume.up_to_date(job.src, os.path.join(out_root, job.out),
                                             digest, previous.get(rel, latest))
                if skip:
                    _record(_skipped(job, out_root, digest))
                    continue
            yield Task(key=None, src=job.src, rel=job.rel, out=job.out)

    def _record(record: PageRecord) -> None:
        if broken:
            return
        try:
            if record.line is not None and jsonl_fh is not None:
                jsonl_fh.write(record.line)
                jsonl_fh.flush()
            manifest.write(record)
        except OSError as exc:
            where = cfg.jsonl if cfg.jsonl and record.line is not None \
                else os.path.join(cfg.out, "_manifest.jsonl")
            broken.append(f"{printable_name(where)}: cannot write: {_strerror(exc)}")
            return
        tally.add(record)
        # listed again later in this run: up to date
        previous[record.path] = record.settings if record.status in resume.UP_TO_DATE else None
        if total:
            display.total(total[0])
            total.clear()
        display.advance(tally)

    on_term = stop_on_sigterm()
    pool = Pool(cfg.jobs, opts, timeout=cfg.timeout)
    try:
        with display, pool:
            for task, record in pool.run(feed()):
                if record.input_bytes is None:
                    record.input_bytes = _size(task.src)
                _record(record)
                if broken:
                    break
    except KeyboardInterrupt:
        tally.interrupted = True
    finally:
        if on_term is not None:
            signal.signal(signal.SIGTERM, on_term)
        counter.stop = True
        if jsonl_fh is not None:
            try:
                jsonl_fh.close()
            except OSError as exc:
                broken.append(f"{printable_name(cfg.jsonl or '')}: cannot write: "
                              f"{_strerror(exc)}")
        tally.worker_peak_rss = pool.worker_peak_rss
        summary = tally.summary()
        summary["settings"] = settings.to_dict()
        if not broken:
            try:
                manifest.finish(summary)
            except OSError as exc:
                broken.append(f"{os.path.join(printable_name(cfg.out), '_manifest.jsonl')}: "
                              f"cannot write: {_strerror(exc)}")
        if broken:
            manifest.abandon()
    if broken:
        raise BatchIOError(broken[0] + "; the run stopped")
    if not cfg.quiet:
        final_report(console, tally, summary, out=cfg.out)
    return tally, summary


def _strerror(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


def _jobs(cfg: Config, out_root: str, ext: str | None) -> Iterator[Job]:
    if cfg.files_from is not None:
        base = cfg.src if cfg.src is not None else "."
        if cfg.files_from == "-":
            stream = cfg.stdin
            if stream is None:
                import sys

                stream = sys.stdin
            if stream is None or getattr(stream, "closed", False):
                raise BatchError("--files-from -: standard input is closed")
            # file names are bytes: read them as such (names that are not UTF-8 too)
            stream = getattr(stream, "buffer", stream)
            yield from files.from_list(files.read_list(stream), base, ext=ext,
                                       out_root=out_root, globs=cfg.globs,
                                       excludes=cfg.excludes)
            return
        with open(cfg.files_from, encoding="utf-8", errors="surrogateescape") as fh:
            yield from files.from_list(files.read_list(fh), base, ext=ext, out_root=out_root,
                                       globs=cfg.globs, excludes=cfg.excludes)
        return
    assert cfg.src is not None
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


def stop_on_sigterm():
    """In the main thread, SIGTERM stops the run the way Ctrl-C does."""
    if threading.current_thread() is not threading.main_thread():
        return None

    def handler(signum, frame):
        raise KeyboardInterrupt

    return signal.signal(signal.SIGTERM, handler)


def _refused(job: Job) -> PageRecord:
    return PageRecord(path=printable_name(job.rel), status=job.status, reason=job.error)


def _skipped(job: Job, out_root: str, digest: str) -> PageRecord:
    out_bytes = _size(os.path.join(out_root, job.out)) if job.out else None
    return PageRecord(
        path=printable_name(job.rel), output=None if job.out is None else printable_name(job.out),
        status="skipped", settings=digest, input_bytes=_size(job.src), output_bytes=out_bytes,
        reason="up to date: the output is newer than the input and was made with the same "
               "stripper version, rules and options (--force redoes it)")


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
