"""One reader for every command's inputs: a file, a gzip file, or standard input.

`read_input(name)` gives an `Input` — the name as the user wrote it, the raw bytes,
and, when known, the page's address and what kind of page it is — or raises
`InputError` (a one-line reason) or `OSError` (the system's). `clean`, `diff`,
`rules test` and every batch worker read through it, so a `.gz` page, a page with
a few stray NUL bytes or an oversized stream is treated the same by all of them.

The size limit is applied while reading, never by trusting `stat` alone:
`/dev/zero` has size 0 and standard input has none, yet both would be read until
memory ran out. gzip data (by its magic bytes, whatever the file is called) is
decompressed with the same bound on its output, so a gzip bomb costs at most the
limit. Other sources of pages (archive records) build an `Input` themselves.
"""

from __future__ import annotations

import gzip
import os
import stat
import sys
import zlib
from dataclasses import dataclass

from stripper.decode import binary_reason

MAX_INPUT_BYTES = 200 * 1024 * 1024  # clean, diff, rules test: after gunzip
CHUNK = 1 << 20  # bytes read at a time, so the limit is checked as the input arrives
GZIP_MAGIC = b"\x1f\x8b"
STDIN = "-"


class InputError(ValueError):
    """An input that is not a page we read: the message is the reason, one line."""


@dataclass(slots=True)
class Input:
    """One page to clean, from wherever it came."""

    name: str  # as given ("-" for standard input); `label` is the printable form
    raw: bytes
    url: str | None = None
    kind: str = "auto"  # a hint: "auto", "text" or "html"

    @property
    def label(self) -> str:
        return input_label(self.name)

    @property
    def source(self) -> str | None:
        """The name for output documents (`source`), None for standard input."""
        return None if self.name == STDIN else printable_name(self.name)


def input_label(name: str) -> str:
    """How an input is named in messages: `<stdin>`, or the path made printable."""
    return "<stdin>" if name == STDIN else printable_name(name)


def printable_name(name: str) -> str:
    """A file name that may hold bytes which are not UTF-8 (kept by Python as surrogate
    escapes) with those bytes shown as `\\xNN`, so it can be printed and written to
    UTF-8 files (the manifest, JSON output)."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", errors="backslashreplace")


def read_input(name: str, *, max_size: int = MAX_INPUT_BYTES, stdin=None, url: str | None = None,
               kind: str = "auto") -> Input:
    """Read FILE (or standard input for "-"), gunzip it when it is gzip data, and refuse
    what is not a page (binary data, too large). `stdin` replaces `sys.stdin`."""
    if name == STDIN:
        raw = _read_stream(_stdin_bytes(stdin), max_size, what="standard input")
    else:
        raw = _read_file(name, max_size)
    if raw.startswith(GZIP_MAGIC):
        raw = gunzip(raw, max_size)
    reason = binary_reason(raw)
    if reason:
        raise InputError(reason)
    return Input(name=name, raw=raw, url=url, kind=kind)


def _stdin_bytes(stream):
    stream = sys.stdin if stream is None else stream
    if stream is None or getattr(stream, "closed", False):
        raise InputError("standard input is closed")
    return getattr(stream, "buffer", stream)


def _read_file(path: str, max_size: int) -> bytes:
    with open(path, "rb") as fh:
        st = os.fstat(fh.fileno())
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(21, "Is a directory", path)
        if stat.S_ISREG(st.st_mode) and st.st_size > max_size:
            raise InputError(f"too large: {st.st_size:,} bytes (the limit is {max_size:,}; "
                             "--max-size)")
        return _read_stream(fh, max_size, what="the file")


def _read_stream(stream, max_size: int, *, what: str) -> bytes:
    """At most `max_size` bytes (plus one, to know there were more), a chunk at a time."""
    chunks: list[bytes] = []
    total = 0
    try:
        while total <= max_size:
            chunk = stream.read(min(CHUNK, max_size + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except ValueError as exc:  # reading a closed stream
        raise InputError(f"cannot read {what}: {exc}") from None
    raw = b"".join(chunks)
    if len(raw) > max_size:
        raise InputError(f"too large: over {max_size:,} bytes (--max-size)")
    return raw


def gunzip(raw: bytes, max_size: int) -> bytes:
    """Decompress gzip data (several members too), never more than `max_size` bytes."""
    out: list[bytes] = []
    total = 0
    data = raw
    try:
        while data:
            engine = zlib.decompressobj(wbits=31)
            while data and not engine.eof:
                piece = engine.decompress(data, max_size + 1 - total)
                out.append(piece)
                total += len(piece)
                if total > max_size:
                    raise InputError(f"too large: over {max_size:,} bytes once decompressed "
                                     "(--max-size)")
                data = engine.unconsumed_tail
            if not engine.eof:
                raise InputError("corrupt gzip file: it ends before its end marker")
            data = engine.unused_data
            if data and not data.startswith(GZIP_MAGIC):
                break  # trailing bytes after the last member (padding): ignored, as gzip does
    except zlib.error as exc:
        raise InputError(f"corrupt gzip file: {exc}") from None
    except gzip.BadGzipFile as exc:  # pragma: no cover - zlib reports these itself
        raise InputError(f"corrupt gzip file: {exc}") from None
    return b"".join(out)
