"""`stripper batch` over WARC/WET archives: one row (or output file) per page record.

    stripper batch crawl.warc.gz --jsonl out.jsonl
    stripper batch crawls/ -o clean/              # a folder of .warc.gz / .wet.gz

The archives are streamed (`stripper.warc.iter_records`): records go to the batch
pool's workers one at a time, at most `--jobs` in flight, each under `--timeout`.
A JSONL row is `{"source": archive, "record_id", "url", "date", "text", "metadata",
"kind", "encoding"}`. Records that are not pages (PDF, images, HTTP errors, empty)
are manifest lines with status `skipped` or `empty` and their reason; damaged,
cut-off or oversize records are `failed`; none stops the run. A re-run resumes by
record id: rows already in the JSONL file, or per-record outputs already on disk,
are not redone (`--force` redoes them).

With `--jsonl` and no `-o`, the manifest and summary go beside the JSONL file
(`out.jsonl.manifest.jsonl`, `out.jsonl.summary.json`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import signal
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, cast

from rich.console import Console
from rich.table import Table

import stripper
from stripper.batch import default_jobs, resume, stop_on_sigterm
from stripper.batch.files import EXTENSIONS, TEMP_MARK, UnsafePath, safe_out_dir
from stripper.batch.pool import Pool, Task, _Worker
from stripper.batch.record import PageRecord
from stripper.batch.report import MANIFEST, SUMMARY, Display, Manifest, Tally, final_report
from stripper.batch.worker import Options, _test_sleep, peak_rss, serve, write_atomic
from stripper.rules import RuleBook
from stripper.warc import (
    DEFAULT_MAX_SIZE,
    ArchiveRecord,
    SkippedRecord,
    archive_paths,
    is_archive,
    iter_records,
    strip_record,
)

STATUS_OF = {"not-a-page": "skipped", "empty": "empty", "too-large": "failed",
             "broken": "failed"}
SIDE_MANIFEST = ".manifest.jsonl"  # after the JSONL file's name, when there is no -o
SIDE_SUMMARY = ".summary.json"


def wants_archives(paths: tuple[str, ...] | list[str]) -> bool:
    """True when every path is an archive, or a folder whose files are all archives."""
    if not paths:
        return False
    return all(_archive_source(p) for p in paths)


def _archive_source(path: str) -> bool:
    if not os.path.isdir(path):
        return is_archive(path)
    seen = False
    for _folder, dirs, names in os.walk(path):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            if name.startswith(".") or name in (MANIFEST, SUMMARY) or TEMP_MARK in name:
                continue
            if not is_archive(name):
                return False
            seen = True
    return seen


@dataclass
class ArchiveConfig:
    sources: tuple[str, ...]
    out: str | None = None  # per-record outputs (and the manifest) go here
    jsonl: str | None = None
    fmt: str = "text"
    jobs: int = field(default_factory=default_jobs)
    timeout: float | None = 60.0
    max_size: int = DEFAULT_MAX_SIZE
    force: bool = False
    kind: str = "auto"  # auto: the record says (HTML response, WET text)
    rule_files: tuple[str, ...] = ()
    disabled: tuple[str, ...] = ()
    language: str | None = None
    quiet: bool = False
    book: RuleBook | None = None  # the loaded rules (else loaded from the two above)


class ArchiveTally(Tally):
    """Batch totals, plus the reasons records were skipped."""

    def __init__(self) -> None:
        super().__init__()
        self.skip_reasons: Counter[str] = Counter()

    def add(self, record: PageRecord | dict) -> None:
        failures = len(self.first_failures)
        super().add(record)
        if not isinstance(record, dict):  # archive rows are dicts; a PageRecord is a file's
            return
        if len(self.first_failures) > failures:
            path, reason = self.first_failures[-1]  # name the record, not just its archive
            self.first_failures[-1] = (f"{path} {record.get('url') or record.get('record_id')}",
                                       reason)
        if record["status"] in ("skipped", "empty") and record.get("reason"):
            self.skip_reasons[_reason_key(record["reason"])] += 1

    def summary(self) -> dict:
        data = super().summary()
        data["records"] = data["files"]  # an archive run's inputs are records
        data["skip_reasons"] = dict(self.skip_reasons.most_common())
        return data


def _reason_key(reason: str) -> str:
    """`not HTML (application/pdf)` stays whole; details after a colon are dropped."""
    return reason.split(":")[0]


class _SideManifest(Manifest):
    """The manifest and summary beside the JSONL file, when no -o folder is given."""

    def __init__(self, jsonl: str):
        self.path = jsonl + SIDE_MANIFEST
        folder, name = os.path.split(os.path.abspath(self.path))
        self.tmp = os.path.join(folder, f".{name}{TEMP_MARK}{os.getpid()}")
        self.summary_path = jsonl + SIDE_SUMMARY
        self.fh = open(self.tmp, "w", encoding="utf-8")  # noqa: SIM115 (closed in finish)

    def finish(self, summary: dict) -> None:
        self.fh.close()
        os.replace(self.tmp, self.path)
        with open(self.summary_path, "w", encoding="utf-8") as fh:
            json.dump(summary, fh, ensure_ascii=False, indent=2)
            fh.write("\n")


class ArchivePool(Pool):
    """The batch pool, its workers cleaning records sent to them instead of files."""

    def _spawn(self) -> _Worker:
        parent, child = self.ctx.Pipe(duplex=True)
        process = self.ctx.Process(target=worker_main, args=(child, self.opts), daemon=True,
                                   name="stripper-archive-worker")
        process.start()
        child.close()
        return _Worker(process=process, conn=parent)

    def _send(self, worker: _Worker, task: Task) -> None:
        worker.task = task
        worker.started = time.monotonic()
        with contextlib.suppress(BrokenPipeError, OSError):
            worker.conn.send((task.key, task.out))


def run(cfg: ArchiveConfig, console: Console | None = None) -> tuple[ArchiveTally, dict]:
    """The whole archive run; returns the tally and the summary."""
    console = console or Console(stderr=True)
    if cfg.out is None and cfg.jsonl is None:
        raise ValueError("give -o DIR or --jsonl FILE")
    out_root = os.path.abspath(cfg.out) if cfg.out else None
    if out_root:
        os.makedirs(out_root, exist_ok=True)
    tally = ArchiveTally()
    if out_root:
        tally.swept = resume.sweep_temps(out_root)
    jsonl_fh = None
    done_ids: set[str] = set()
    if cfg.jsonl:
        if cfg.force:
            open(cfg.jsonl, "wb").close()
        else:
            resume.repair_jsonl(cfg.jsonl)
            done_ids = jsonl_record_ids(cfg.jsonl)
        jsonl_fh = open(cfg.jsonl, "a", encoding="utf-8")  # noqa: SIM115 (closed below)
    ext = EXTENSIONS[cfg.fmt]
    book = cfg.book if cfg.book is not None else RuleBook.load(cfg.rule_files,
                                                               disabled=cfg.disabled)
    opts = Options(out_root=None if cfg.jsonl else out_root, fmt=cfg.fmt, kind=cfg.kind,
                   book=book, language=cfg.language, max_size=cfg.max_size,
                   jsonl=bool(cfg.jsonl))
    manifest = Manifest(out_root) if out_root else _SideManifest(str(cfg.jsonl))
    display = Display(console, enabled=console.is_terminal and not cfg.quiet)

    def record(row: dict) -> None:
        line = row.pop("line", None)
        if line is not None and jsonl_fh is not None:
            jsonl_fh.write(line)
        manifest.write(row)
        tally.add(row)
        display.advance(tally)

    def feed() -> Iterator[Task]:
        for item in iter_records(list(cfg.sources), max_size=cfg.max_size):
            if isinstance(item, SkippedRecord):
                record(_skipped_row(item))
                continue
            out = None if cfg.jsonl else output_path(item, ext)
            if not cfg.force and _done(item, out, out_root, done_ids):
                record(_row(item, out, status="skipped",
                            reason="already cleaned (--force redoes it)"))
                continue
            yield Task(key=item, src=item.archive, rel=item.archive, out=out)

    previous = stop_on_sigterm()
    pool = ArchivePool(cfg.jobs, opts, timeout=cfg.timeout)
    try:
        with display, pool:
            for task, result in pool.run(feed()):
                item = cast(ArchiveRecord, task.key)
                row: Any = result
                if not isinstance(row, dict):  # a timeout or crash: the pool's PageRecord
                    row = {**_row(item, task.out, status=row.status, reason=row.reason)}
                record(row)
    except KeyboardInterrupt:
        tally.interrupted = True
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        if jsonl_fh is not None:
            jsonl_fh.close()
        tally.worker_peak_rss = pool.worker_peak_rss
        summary = tally.summary()
        manifest.finish(summary)
    if not cfg.quiet:
        final_report(console, tally, summary, out=cfg.out)
        if not cfg.out:
            console.print(f"manifest: {manifest.path}", style="dim", highlight=False)
        skip_table(console, tally)
    return tally, summary


def skip_table(console: Console, tally: ArchiveTally) -> None:
    if not tally.skip_reasons:
        return
    table = Table(title="records not cleaned, by reason", title_justify="left")
    table.add_column("reason", overflow="fold")
    table.add_column("records", justify="right")
    for reason, count in tally.skip_reasons.most_common():
        table.add_row(reason, f"{count:,}")
    console.print(table)


def _done(item: ArchiveRecord, out: str | None, out_root: str | None, done_ids: set[str]
          ) -> bool:
    if out is None:
        return item.record_id in done_ids
    return out_root is not None and os.path.exists(os.path.join(out_root, out))


def output_path(item: ArchiveRecord, ext: str) -> str:
    """OUT/<archive name>/<record uuid>.txt: the record id names the output, so a re-run
    finds it whatever order the records come in."""
    return f"{archive_stem(item.archive)}/{record_file_name(item.record_id)}{ext}"


def archive_stem(path: str) -> str:
    name = os.path.basename(path)
    lower = name.lower()
    for suffix in sorted((".warc", ".warc.gz", ".wet", ".wet.gz", ".arc", ".arc.gz",
                          ".warc.wet.gz", ".warc.wet"), key=len, reverse=True):
        if lower.endswith(suffix) and len(name) > len(suffix):
            return _safe(name[: -len(suffix)])
    return _safe(name)


def record_file_name(record_id: str) -> str:
    bare = record_id.strip().removeprefix("<").removesuffix(">").removeprefix("urn:uuid:")
    if bare and all(c.isalnum() or c in "-_." for c in bare) and not bare.startswith("."):
        return bare[:120]
    return hashlib.sha1(record_id.encode("utf-8", "surrogateescape")).hexdigest()


def _safe(name: str) -> str:
    cleaned = "".join(c if c.isalnum() or c in "-_." else "_" for c in name).lstrip(".")
    return cleaned or "archive"


def jsonl_record_ids(path: str) -> set[str]:
    """The `record_id` of every row of a JSONL file an archive run wrote."""
    ids: set[str] = set()
    marker = '"record_id": '
    decoder = json.JSONDecoder()
    try:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                at = line.find(marker, 0, 4096)  # the second key, after the source
                if at < 0:
                    continue
                try:
                    value, _ = decoder.raw_decode(line, at + len(marker))
                except ValueError:
                    continue
                if isinstance(value, str):
                    ids.add(value)
    except FileNotFoundError:
        pass
    return ids


def _row(item: ArchiveRecord | SkippedRecord, out: str | None, *, status: str,
         reason: str | None) -> dict:
    size = len(item.payload) if isinstance(item, ArchiveRecord) else item.size
    return {"path": item.archive, "record_id": item.record_id, "url": item.uri,
            "date": item.date, "output": out, "status": status, "reason": reason,
            "input_bytes": size, "output_bytes": None, "language": None, "words": None,
            "kind": getattr(item, "kind", None), "removed": {}}


def _skipped_row(item: SkippedRecord) -> dict:
    return _row(item, None, status=STATUS_OF.get(item.category, "skipped"), reason=item.reason)


def clean_record(item: ArchiveRecord, out: str | None, opts: Options, book: RuleBook) -> dict:
    """One record in a worker: strip it, render its row or output, never raise."""
    row = _row(item, out, status="failed", reason=None)
    try:
        _clean(item, out, opts, book, row)
    except UnsafePath as exc:
        row["reason"] = str(exc)
    except OSError as exc:
        row["reason"] = (exc.strerror or str(exc)).lower()
    except Exception as exc:  # a parse failure must not end the run
        row["reason"] = f"error: {type(exc).__name__}: {exc}"
    return row


def _clean(item: ArchiveRecord, out: str | None, opts: Options, book: RuleBook,
           row: dict) -> None:
    _test_sleep(item.uri or "", opts.test_sleep)
    if opts.kind != "auto":
        item = dataclasses.replace(item, kind=opts.kind)
    result = strip_record(item, rules=book, language=opts.language)
    meta = result.metadata
    row.update(language=meta.language, words=meta.words, kind=result.kind,
               removed=dict(Counter(b.category.value for b in result.removed)))
    if result.text.strip():
        row.update(status="done")
    else:
        row.update(status="empty", reason="no article found")
    if opts.jsonl:
        line = json.dumps(jsonl_row(item, result), ensure_ascii=False) + "\n"
        row["output_bytes"] = len(line.encode("utf-8"))
        row["line"] = line
        return
    assert out is not None and opts.out_root is not None
    if opts.fmt == "json":
        data = json.dumps(jsonl_row(item, result, blocks=True), ensure_ascii=False, indent=2)
        data += "\n"
    else:
        from stripper.emit import render

        data = render(result, opts.fmt, source=item.uri)
    folder = out.rpartition("/")[0]
    safe_out_dir(opts.out_root, folder)
    os.makedirs(os.path.join(opts.out_root, folder), exist_ok=True)
    encoded = data.encode("utf-8")
    write_atomic(os.path.join(opts.out_root, out), encoded)
    row["output_bytes"] = len(encoded)


def jsonl_row(item: ArchiveRecord, result: stripper.Result, *, blocks: bool = False) -> dict:
    """A record's output document: where it came from, then stripper's result."""
    return {"source": item.archive, "record_id": item.record_id, "url": item.uri,
            "date": item.date, **result.to_dict(blocks=blocks)}


def worker_main(conn, opts: Options) -> None:
    """A worker's loop: receive (record, out), send back the manifest row. None ends it."""
    def handler() -> Callable[[tuple], dict]:
        book = opts.book if opts.book is not None else RuleBook.load()  # sent by the parent

        def clean(task: tuple) -> dict:
            item, out = task
            row = clean_record(item, out, opts, book)
            row["rss"] = peak_rss()
            return row

        return clean

    serve(conn, handler)


__all__ = ["ArchiveConfig", "run", "wants_archives", "archive_paths"]
