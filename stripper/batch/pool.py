"""A small pool of worker processes, one file in flight per worker, with a per-file
time limit.

`multiprocessing.Pool` and `concurrent.futures` cannot stop one task that hangs,
so this pool keeps its own workers, each on its own pipe: a worker that exceeds
`--timeout` on a file is killed (SIGKILL), its temporary output removed, the file
reported as a timeout, and a fresh worker takes its place. A worker that dies on
its own (out of memory, a crash in a C extension) is reported and replaced the
same way. At most `jobs` files are in flight, and the list of files is pulled
from an iterator one at a time, so memory does not grow with the number of files.

Workers come from a fork server that has imported (and warmed up) stripper once,
so starting or replacing a worker costs a fork, not an interpreter start-up, and
forking never happens from the parent while the progress display's thread runs.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import signal
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from stripper.batch.record import PageRecord
from stripper.batch.worker import Options, temp_name, worker_main
from stripper.inputs import printable_name


@dataclass(slots=True)
class Task:
    key: object  # the caller's handle, returned with the record
    src: str
    rel: str
    out: str | None


@dataclass(slots=True)
class _Worker:
    process: mp.Process
    conn: Connection
    task: Task | None = None
    started: float = 0.0


def _context():
    if "forkserver" in mp.get_all_start_methods():
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(["stripper", "stripper.batch.worker", "stripper.batch.warm"])
        return ctx
    return mp.get_context("spawn")


@contextlib.contextmanager
def _ctrl_c_held():
    """Ctrl-C waits while a worker is being started: interrupted half-way, the parent
    left a worker reading a truncated message, which printed a traceback. The signal
    is delivered (KeyboardInterrupt) as soon as the start is complete."""
    try:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    except (AttributeError, ValueError, OSError):
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _start_server_deaf_to_ctrl_c(ctx) -> None:
    """Start the fork server with SIGINT ignored, so that it — importing and warming
    stripper for a second or two — and every worker it forks (which inherit the
    setting) never print a KeyboardInterrupt traceback when Ctrl-C reaches the whole
    process group: Ctrl-C is the parent's to handle."""
    if ctx.get_start_method() != "forkserver":
        return
    from multiprocessing import forkserver, resource_tracker

    if threading.current_thread() is not threading.main_thread():
        forkserver.ensure_running()  # signals cannot be set from here
        return
    # started first, on its own: it ignores SIGINT itself, and starting it unblocks
    # SIGINT, which inside the window below would let a Ctrl-C be discarded
    resource_tracker.ensure_running()
    with _ctrl_c_held():  # a Ctrl-C meanwhile waits (blocked, not lost) for the handler
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            forkserver.ensure_running()
        finally:
            signal.signal(signal.SIGINT, previous)


class Pool:
    def __init__(self, jobs: int, opts: Options, *, timeout: float | None):
        self.jobs = max(1, jobs)
        self.opts = opts
        self.timeout = timeout
        self.ctx = _context()
        self.workers: list[_Worker] = []
        self.worker_peak_rss = 0

    def _spawn(self) -> _Worker:
        parent, child = self.ctx.Pipe(duplex=True)
        process = self.ctx.Process(target=worker_main, args=(child, self.opts), daemon=True,
                                   name="stripper-batch-worker")
        with _ctrl_c_held():
            process.start()
        child.close()
        return _Worker(process=process, conn=parent)

    def __enter__(self) -> Pool:
        _start_server_deaf_to_ctrl_c(self.ctx)
        try:
            for _ in range(self.jobs):
                self.workers.append(self._spawn())
        except BaseException:  # Ctrl-C while the workers start: stop those that did
            self.abort()
            raise
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()

    def run(self, tasks: Iterable[Task]) -> Iterator[tuple[Task, PageRecord]]:
        """Yield (task, record) as files finish, in the order they finish."""
        pending = iter(tasks)
        exhausted = False
        while True:
            if not exhausted:
                for worker in self.workers:
                    if worker.task is None:
                        task = next(pending, None)
                        if task is None:
                            exhausted = True
                            break
                        self._send(worker, task)
            busy = [w for w in self.workers if w.task is not None]
            if not busy:
                return
            yield from self._collect(busy)

    def _send(self, worker: _Worker, task: Task) -> None:
        worker.task = task
        worker.started = time.monotonic()
        # when the worker is gone, _collect sees its sentinel and reports the file
        with contextlib.suppress(BrokenPipeError, OSError):
            worker.conn.send((task.src, task.rel, task.out))

    def _collect(self, busy: list[_Worker]) -> Iterator[tuple[Task, PageRecord]]:
        wait_for = None
        if self.timeout:
            now = time.monotonic()
            wait_for = max(0.0, min(w.started + self.timeout for w in busy) - now)
        by_handle: dict[Any, _Worker] = {}
        for w in busy:
            by_handle[w.conn] = w
            by_handle[w.process.sentinel] = w
        ready = wait(list(by_handle), timeout=wait_for)
        done: set[int] = set()
        for handle in ready:
            worker = by_handle[handle]
            if id(worker) in done or worker.task is None:
                continue
            done.add(id(worker))
            task = worker.task
            record = None
            if handle is worker.conn or worker.conn.poll():
                try:
                    record = worker.conn.recv()
                except (EOFError, OSError):
                    record = None
            if record is not None:
                worker.task = None
                rss = record.pop("rss", 0) if isinstance(record, dict) else record.rss
                self.worker_peak_rss = max(self.worker_peak_rss, rss)
                yield task, record
                continue
            code = worker.process.exitcode
            self._replace(worker)
            yield task, _failure(task, f"worker crashed (exit code {code})")
        if self.timeout:
            now = time.monotonic()
            for worker in busy:
                if worker.task is not None and id(worker) not in done \
                        and now - worker.started >= self.timeout:
                    task = worker.task
                    self._replace(worker)
                    yield task, _failure(task, f"timeout: still running after {self.timeout:g} s "
                                               "(--timeout); the worker was killed")

    def _replace(self, worker: _Worker) -> None:
        self._kill(worker)
        fresh = self._spawn()
        worker.process, worker.conn, worker.task = fresh.process, fresh.conn, None

    def _kill(self, worker: _Worker) -> None:
        pid = worker.process.pid
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(5)
        with contextlib.suppress(OSError):
            worker.conn.close()
        task = worker.task
        if task is not None and task.out and self.opts.out_root and pid:
            with contextlib.suppress(OSError):
                os.unlink(temp_name(os.path.join(self.opts.out_root, task.out), pid))

    def close(self) -> None:
        for worker in self.workers:
            with contextlib.suppress(BrokenPipeError, OSError):
                worker.conn.send(None)
        deadline = time.monotonic() + 10
        for worker in self.workers:
            worker.process.join(max(0.1, deadline - time.monotonic()))
            if worker.process.is_alive():
                self._kill(worker)
            else:
                worker.conn.close()
        self.workers = []

    def abort(self) -> None:
        """Stop now (Ctrl-C): kill every worker and remove their temporary files."""
        for worker in self.workers:
            self._kill(worker)
        self.workers = []


def _failure(task: Task, reason: str) -> PageRecord:
    return PageRecord(path=printable_name(task.rel),
                      output=None if task.out is None else printable_name(task.out),
                      status="failed", reason=reason)
