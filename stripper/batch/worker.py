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
import gzip
import os
import resource
import signal
import sys
import time
from collections import Counter

import stripper
from stripper.batch.files import TEMP_MARK, UnsafePath, safe_out_dir
from stripper.decode import binary_reason
from stripper.emit import render

TEST_HOOK = "STRIPPER_BATCH_TEST_SLEEP"

class Options:
    """Per-run settings, sent once to each worker."""

    def __init__(self, *, out_root: str | None, fmt: str, kind: str, rule_files=(),
                 disabled=(), language: str | None = None, max_size: int, jsonl: bool):
        self.out_root = out_root
        self.fmt = fmt
        self.kind = kind
        self.rule_files = tuple(rule_files)
        self.disabled = tuple(disabled)
        self.language = language
        self.max_size = max_size
        self.jsonl = jsonl
        self.test_sleep = os.environ.get(TEST_HOOK) or None


class Refused(Exception):
    """A file that is not a page: the message is the manifest's reason."""


def read_input(src: str, max_size: int) -> bytes:
    if src.lower().endswith(".gz"):
        try:
            with gzip.open(src, "rb") as fh:
                raw = fh.read(max_size + 1)
        except (gzip.BadGzipFile, EOFError, OSError) as exc:
            if isinstance(exc, OSError) and not isinstance(exc, gzip.BadGzipFile) \
                    and exc.errno is not None:
                raise
            raise Refused(f"corrupt gzip file: {exc}") from None
        if len(raw) > max_size:
            raise Refused(f"too large: over {max_size:,} bytes once decompressed "
                          f"(--max-size {max_size:,})")
        return raw
    size = os.stat(src).st_size
    if size > max_size:
        raise Refused(f"too large: {size:,} bytes (--max-size {max_size:,})")
    with open(src, "rb") as fh:
        return fh.read(max_size + 1)


def _test_sleep(name: str, hook: str | None) -> None:
    if not hook:
        return
    pattern, _, seconds = hook.partition("=")
    if fnmatch.fnmatchcase(name, pattern):
        time.sleep(float(seconds) if seconds else 3600)


def write_atomic(path: str, data: bytes) -> None:
    """Write `data` to `path` via a temporary file in the same folder and a rename."""
    folder, name = os.path.split(path)
    tmp = os.path.join(folder, f".{name}{TEMP_MARK}{os.getpid()}")
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
    """Holds a worker's parsed rules; `clean` handles one file and returns its record."""

    def __init__(self, opts: Options):
        self.opts = opts
        self.rules = [stripper.rules.load_file(p) for p in opts.rule_files]
        self.ok_dirs: set[str] = set()

    def clean(self, src: str, rel: str, out: str | None) -> dict:
        record: dict = {"path": rel, "output": out, "status": "failed", "reason": None,
                        "input_bytes": None, "output_bytes": None, "language": None,
                        "words": None, "kind": None, "removed": {}}
        try:
            self._clean(src, rel, out, record)
        except Refused as exc:
            record["reason"] = str(exc)
        except UnsafePath as exc:
            record["reason"] = str(exc)
        except OSError as exc:
            record["reason"] = f"{(exc.strerror or str(exc)).lower()}"
        except Exception as exc:  # a parse failure must not end the run
            record["reason"] = f"error: {type(exc).__name__}: {exc}"
        return record

    def _clean(self, src: str, rel: str, out: str | None, record: dict) -> None:
        opts = self.opts
        raw = read_input(src, opts.max_size)
        record["input_bytes"] = len(raw)
        line = None
        if not raw.strip():
            record.update(status="empty", reason="empty input" if not raw else "blank input",
                          words=0)
            data = b""
            if opts.jsonl:
                result = stripper.strip("", kind="text")
                line = render(result, "jsonl", source=rel)
        else:
            why = binary_reason(raw)
            if why:
                raise Refused(why)
            _test_sleep(os.path.basename(src), opts.test_sleep)
            result = stripper.strip(raw, kind=opts.kind, rules=self.rules,
                                    disable_rules=opts.disabled, language=opts.language)
            meta = result.metadata
            record.update(language=meta.language, words=meta.words, kind=result.kind,
                          removed=dict(Counter(b.category.value for b in result.removed)))
            if result.text.strip():
                record.update(status="done")
            else:
                record.update(status="empty", reason="no article found")
            if opts.jsonl:
                line = render(result, "jsonl", source=rel)
                data = b""
            else:
                data = render(result, opts.fmt, source=rel).encode("utf-8")
        if opts.jsonl:
            record["output_bytes"] = len(line.encode("utf-8"))
            record["line"] = line
            return
        assert out is not None and opts.out_root is not None
        folder, _, _name = out.rpartition("/")
        if folder not in self.ok_dirs:
            safe_out_dir(opts.out_root, folder)
            if len(self.ok_dirs) < 10000:
                self.ok_dirs.add(folder)
        path = os.path.join(opts.out_root, out)
        if os.path.lexists(path):
            if os.path.isdir(path) and not os.path.islink(path):
                raise Refused(f"output {out} is a folder")
            try:
                if os.path.samefile(path, src):
                    raise Refused("refused: the output would overwrite the input")
            except OSError:
                pass
        write_atomic(path, data)
        record["output_bytes"] = len(data)


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
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent()
    cleaner = Cleaner(opts)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        src, rel, out = task
        record = cleaner.clean(src, rel, out)
        record["rss"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        try:
            conn.send(record)
        except (BrokenPipeError, OSError):
            return
