"""Which files a batch cleans, and where each one's output goes.

Inputs are streamed (a generator), never listed whole, so a run over 100,000 files
holds one directory listing at a time. Output paths are computed here and checked
for safety: an output is always a plain relative path under OUT, with no `..`
component and no absolute part; the worker checks again, on disk, that the folder
it writes into does not lead out of OUT through a symlink (`safe_out_dir`).
"""

from __future__ import annotations

import errno
import fnmatch
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePosixPath

from stripper.formats import FORMATS

TEMP_MARK = ".stripper-tmp-"  # in the name of every temporary file a batch writes
RESERVED = frozenset({"_manifest.jsonl", "_summary.json"})
EXTENSIONS = {f.name: f.suffix for f in FORMATS.values() if f.per_page}  # .txt, .json, .md


@dataclass(slots=True)
class Job:
    """One input. `rel` is its path relative to the source root (POSIX separators), as it
    appears in the manifest; `out` the output path relative to OUT (None in --jsonl mode
    or when the input was refused); `error` is set when the input is refused before any
    work (unsafe name, broken link, loop)."""

    src: str  # path to open
    rel: str
    out: str | None = None
    error: str | None = None
    status: str = "failed"  # the status of a refused input: failed, or skipped for a dir loop


def output_name(name: str, ext: str, clash: frozenset[str] | set[str] = frozenset()) -> str:
    """`page.html` → `page.txt`, `page.txt.gz` → `page.txt`: drop `.gz`, replace the suffix.

    When two files of one folder would get the same output name (`a.html` and `a.txt`),
    each gets its full name plus the extension instead (`a.html.txt`, `a.txt.txt`), so no
    output ever stands for two inputs. `clash` holds the names of the input's folder that
    collide so (`colliding`).
    """
    return name + ext if name in clash else _base_name(name, ext)


def _base_name(name: str, ext: str) -> str:
    stem = name[:-3] if name.lower().endswith(".gz") and len(name) > 3 else name
    dot = stem.rfind(".")
    if dot > 0:
        stem = stem[:dot]
    return stem + ext


def colliding(names: Iterable[str], ext: str) -> frozenset[str]:
    """The names among `names` (one folder's files) whose output names would collide."""
    seen: dict[str, str] = {}
    clash: set[str] = set()
    for name in names:
        base = _base_name(name, ext)
        if base in seen:
            clash.update((name, seen[base]))
        else:
            seen[base] = name
    return frozenset(clash)


@lru_cache(maxsize=16)
def _folder_clash(folder: str, ext: str) -> frozenset[str]:
    try:
        with os.scandir(folder) as it:
            return colliding([e.name for e in it if _is_file(e)], ext)
    except OSError:
        return frozenset()


def _is_file(entry: os.DirEntry) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False


def matches(rel: str, patterns: Iterable[str]) -> bool:
    """A pattern with a `/` is matched against the relative path, else against the name."""
    name = rel.rsplit("/", 1)[-1]
    for pattern in patterns:
        target = rel if "/" in pattern else name
        if fnmatch.fnmatchcase(target, pattern):
            return True
    return False


def walk(root: str, *, ext: str | None, globs: tuple[str, ...] = (),
         excludes: tuple[str, ...] = (), skip_dirs: Iterable[str] = ()) -> Iterator[Job]:
    """Every file under `root`, depth first, in name order; symlinks are followed, and a
    folder already visited (a symlink loop) is reported once and not entered again.

    `skip_dirs` are real paths not to enter (the output folder when it lies inside the
    source). Our own temporary files are never inputs.
    """
    skip = {os.path.realpath(d) for d in skip_dirs}
    visited: set[tuple[int, int]] = set()
    try:
        st = os.stat(root)
        visited.add((st.st_dev, st.st_ino))
    except OSError:
        pass
    stack: list[tuple[str, str]] = [(root, "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            yield Job(src=folder, rel=prefix.rstrip("/") or ".",
                      error=f"cannot list folder: {_strerror(exc)}")
            continue
        clash = colliding([e.name for e in entries if _is_file(e)], ext) if ext else frozenset()
        subdirs: list[tuple[str, str]] = []
        for entry in entries:
            rel = prefix + entry.name
            if TEMP_MARK in entry.name:
                continue
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                if excludes and matches(rel, excludes):
                    continue
                try:
                    st = entry.stat()
                except OSError as exc:
                    yield Job(src=entry.path, rel=rel, error=_link_error(entry.path, exc))
                    continue
                real = os.path.realpath(entry.path)
                if real in skip:
                    continue
                key = (st.st_dev, st.st_ino)
                if key in visited:
                    yield Job(src=entry.path, rel=rel, status="skipped",
                              error="symlink loop: folder already visited, not entered again")
                    continue
                visited.add(key)
                subdirs.append((entry.path, rel + "/"))
                continue
            if globs and not matches(rel, globs):
                continue
            if excludes and matches(rel, excludes):
                continue
            if not _is_file(entry):
                if entry.is_symlink():
                    yield Job(src=entry.path, rel=rel, error=_link_error(entry.path, None))
                # sockets, fifos, devices: not pages, silently not inputs
                continue
            out = None
            if ext is not None:
                out = _out_path(prefix, output_name(entry.name, ext, clash))
            yield Job(src=entry.path, rel=rel, out=out)
        stack.extend(reversed(subdirs))


def _out_path(prefix: str, name: str) -> str:
    if not prefix and name in RESERVED:
        name = "_" + name
    return prefix + name


def _link_error(path: str, exc: OSError | None) -> str:
    try:
        os.stat(path)
    except OSError as err:
        exc = err
    if exc is not None and exc.errno == errno.ELOOP:
        return "symlink loop: the link points back to itself"
    if exc is not None and exc.errno == errno.ENOENT:
        return "broken symlink: its target does not exist"
    return f"unreadable: {_strerror(exc)}" if exc else "not a regular file"


def _strerror(exc: OSError | None) -> str:
    if exc is None:
        return "unknown error"
    return (exc.strerror or str(exc)).lower()


def read_list(stream) -> Iterator[str]:
    """Paths from a --files-from stream, one a line; blank lines are ignored. A binary
    stream's lines are decoded as the file system does (bytes that are not UTF-8 kept
    as surrogate escapes, so the file still opens)."""
    for line in stream:
        if isinstance(line, bytes):
            line = os.fsdecode(line)
        path = line.rstrip("\r\n")
        if path.strip():
            yield path


def from_list(paths: Iterable[str], base: str, *, ext: str | None, out_root: str | None,
              globs: tuple[str, ...] = (), excludes: tuple[str, ...] = ()) -> Iterator[Job]:
    """Jobs for the paths of a --files-from list. Relative paths are taken from `base`
    (the source folder, or the current folder); an absolute path must lie inside `base`.
    A path with a `..` component, or one inside OUT, is refused with its reason."""
    base_real = os.path.realpath(base)
    out_real = os.path.realpath(out_root) if out_root else None
    for path in paths:
        job = _list_job(path, base, base_real, ext, out_real)
        if job is None:
            continue
        if job.error is None and (globs and not matches(job.rel, globs)
                                  or excludes and matches(job.rel, excludes)):
            continue
        yield job


def _list_job(path: str, base: str, base_real: str, ext: str | None,
              out_real: str | None) -> Job | None:
    posix = path.replace(os.sep, "/")
    parts = PurePosixPath(posix).parts
    if ".." in parts:
        return Job(src=path, rel=path,
                   error="unsafe path: it has a '..' component, which could lead out of OUT")
    if os.path.isabs(path):
        real = os.path.abspath(path)
        if not (real == base_real or real.startswith(base_real.rstrip(os.sep) + os.sep)):
            return Job(src=path, rel=path,
                       error=f"unsafe path: absolute path outside the source folder {base}")
        rel = os.path.relpath(real, base_real).replace(os.sep, "/")
        src = real
    else:
        rel = "/".join(p for p in parts if p not in (".", ""))
        src = os.path.join(base, path)
    if not rel or rel == ".":
        return Job(src=path, rel=path, error="not a file: the path names the source folder")
    if out_real is not None:
        real = os.path.realpath(src)
        if real == out_real or real.startswith(out_real.rstrip(os.sep) + os.sep):
            return Job(src=src, rel=rel,
                       error="refused: the input lies inside OUT (an output is never an input)")
    if not os.path.isfile(src):
        if os.path.islink(src):
            return Job(src=src, rel=rel, error=_link_error(src, None))
        if os.path.isdir(src):
            return Job(src=src, rel=rel, error="not a file: it is a folder")
        return Job(src=src, rel=rel, error="not found")
    out = None
    if ext is not None:
        folder, _, name = rel.rpartition("/")
        prefix = folder + "/" if folder else ""
        clash = _folder_clash(os.path.dirname(src) or ".", ext)
        out = _out_path(prefix, output_name(name, ext, clash))
    return Job(src=src, rel=rel, out=out)


def is_inside(path: str, root: str) -> bool:
    path, root = os.path.realpath(path), os.path.realpath(root)
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def safe_out_dir(out_root: str, rel_dir: str) -> str:
    """Create OUT/rel_dir and return it, refusing when it would lead out of OUT.

    The deepest folder that already exists is resolved first (it may be a symlink
    placed in OUT), so nothing is created outside OUT even through a link.
    """
    if rel_dir.startswith("/") or ".." in rel_dir.split("/"):
        raise UnsafePath(f"unsafe output path {rel_dir!r}")
    target = os.path.join(out_root, rel_dir) if rel_dir else out_root
    existing = target
    while not os.path.lexists(existing):
        parent = os.path.dirname(existing)
        if parent == existing:
            break
        existing = parent
    if not is_inside(existing, out_root):
        raise UnsafePath(f"unsafe output path: {existing} is a symlink leading out of OUT")
    os.makedirs(target, exist_ok=True)
    if not is_inside(target, out_root):
        raise UnsafePath(f"unsafe output path: {target} leads out of OUT")
    return target


class UnsafePath(ValueError):
    pass
