"""What one worker process does with one file: read (gunzip), check, strip, write.

Outputs are written atomically: into a temporary file in the output's own folder
(`.NAME.stripper-tmp-PID`), flushed, then renamed over the output with
`os.replace`. A worker killed mid-write leaves only such a temporary file, which
the next run sweeps away (`resume.sweep_temps`), never a half-written output.

Test hook: `STRIPPER_BATCH_TEST_SLEEP=PATTERN[=SECONDS]` makes the worker sleep
SECONDS (default 3600) before cleaning any file whose name matches the glob
PATTERN. It exists so tests can make one file time out, or slow a whole run down
to interrupt it, deterministically. It is read from the environment of the run
that starts the workers (so it reaches workers forked from an older fork server)
and acted on only in worker processes.
"""

from __future__ import annotations

import contextlib
import ctypes
import fnmatch
import os
import resource
import signal
import sys
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

import stripper
from stripper import formats
from stripper.batch.files import TEMP_MARK, UnsafePath, safe_out_dir
from stripper.batch.record import PageRecord
from stripper.decode import binary_reason  # noqa: F401 (tests import it from here)
from stripper.inputs import InputError, printable_name, read_input
from stripper.rules import RuleBook

TEST_HOOK = "STRIPPER_BATCH_TEST_SLEEP"


class Options:
    """Per-run settings, sent once to each worker (the rule book with them: rule files
    are read once, by the parent)."""

    def __init__(self, *, out_root: str | None, fmt: str, kind: str, book: RuleBook | None = None,
                 language: str | None = None, max_size: int, jsonl: bool,
                 settings: str | None = None):
        self.out_root = out_root
        self.fmt = fmt
        self.kind = kind
        self.book = book
        self.language = language
        self.max_size = max_size
        self.jsonl = jsonl
        self.settings = settings  # the run's Settings.digest, kept in each record
        self.test_sleep = os.environ.get(TEST_HOOK) or None


class Refused(Exception):
    """A file that is not a page: the message is the manifest's reason."""


def _test_sleep(name: str, hook: str | None) -> None:
    if not hook:
        return
    pattern, _, seconds = hook.partition("=")
    if fnmatch.fnmatchcase(name, pattern):
        time.sleep(float(seconds) if seconds else 3600)


def write_atomic(path: str, data: bytes) -> None:
    """Write `data` to `path` via a temporary file in the same folder and a rename."""
    tmp = temp_name(path, os.getpid())
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def temp_name(path: str, pid: int) -> str:
    folder, name = os.path.split(path)
    return os.path.join(folder, f".{name}{TEMP_MARK}{pid}")


class Cleaner:
    """Holds a worker's rule book; `clean` handles one file and returns its record."""

    def __init__(self, opts: Options):
        self.opts = opts
        self.book = opts.book if opts.book is not None else RuleBook.load()
        self.format = formats.get(opts.fmt)
        self.ok_dirs: set[str] = set()

    def clean(self, src: str, rel: str, out: str | None) -> PageRecord:
        record = PageRecord(path=printable_name(rel),
                            output=None if out is None else printable_name(out))
        try:
            self._clean(src, rel, out, record)
        except (Refused, InputError, UnsafePath) as exc:
            record.failed(str(exc))
        except OSError as exc:
            record.failed(f"{(exc.strerror or str(exc)).lower()}")
        except Exception as exc:  # a parse failure must not end the run
            record.failed(f"error: {type(exc).__name__}: {exc}")
        return record

    def _clean(self, src: str, rel: str, out: str | None, record: PageRecord) -> None:
        """Fills `record`; its status is set only once the output is written."""
        opts = self.opts
        page = read_input(src, max_size=opts.max_size, kind=opts.kind)
        raw = page.raw
        record.input_bytes = len(raw)
        source = printable_name(rel)
        status: str
        reason: str | None
        if not raw.strip():
            status, reason = "empty", "empty input" if not raw else "blank input"
            record.words = 0
            result = stripper.strip("", kind="text") if opts.jsonl else None
        else:
            _test_sleep(os.path.basename(src), opts.test_sleep)
            result = stripper.strip(raw, kind=opts.kind, rules=self.book,
                                    language=opts.language)
            meta = result.metadata
            record.language, record.words, record.kind = meta.language, meta.words, result.kind
            record.removed = dict(Counter(b.category.value for b in result.removed))
            status, reason = ("done", None) if result.text.strip() else (
                "empty", "no article found")
        if opts.jsonl:
            assert result is not None
            record.line = formats.get("jsonl").write(result, source=source)
            record.output_bytes = len(record.line.encode("utf-8"))
        else:
            data = b"" if result is None else self.format.write(
                result, source=source).encode("utf-8")
            self._write(src, out, data)
            record.output_bytes = len(data)
        record.status, record.reason, record.settings = status, reason, opts.settings

    def _write(self, src: str, out: str | None, data: bytes) -> None:
        opts = self.opts
        assert out is not None and opts.out_root is not None
        folder, _, _name = out.rpartition("/")
        if folder not in self.ok_dirs:
            safe_out_dir(opts.out_root, folder)
            if len(self.ok_dirs) < 10000:
                self.ok_dirs.add(folder)
        path = os.path.join(opts.out_root, out)
        if os.path.lexists(path):
            if os.path.isdir(path) and not os.path.islink(path):
                raise Refused(f"output {printable_name(out)} is a folder")
            try:
                if os.path.samefile(path, src):
                    raise Refused("refused: the output would overwrite the input")
            except OSError:
                pass
        write_atomic(path, data)


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when its parent goes (best effort, Linux only)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def worker_main(conn, opts: Options) -> None:
    """A worker's loop: receive (src, rel, out), send back the record. None ends it."""
    def handler() -> Callable[[tuple], PageRecord]:
        cleaner = Cleaner(opts)

        def clean(task: tuple) -> PageRecord:
            record = cleaner.clean(*task)
            record.rss = peak_rss()
            return record

        return clean

    serve(conn, handler)


def peak_rss() -> int:
    """This worker's peak resident memory so far, in bytes."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def serve(conn, make_handler: Callable[[], Callable[[tuple], Any]]) -> None:
    """A worker process's loop, for files and archive records alike: signals left to
    the parent, the handler made (rules loaded …), then each task received is answered
    until None comes or the parent goes away."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent()
    handle = make_handler()
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        answer = handle(task)
        try:
            conn.send(answer)
        except (BrokenPipeError, OSError):
            return
