"""One batch at a time per output folder.

Two runs into one OUT would sweep each other's live temporary files (the second's
clean-up removed the first's manifest, which then died at the end) and race on every
output. A run holds an exclusive `flock` on `OUT/.stripper-batch.lock` for its whole
length; a second run is refused at once, naming the first's process id. The lock
goes with the process, so a killed run never leaves OUT locked (its lock file stays,
unlocked, and the next run takes it); a run that ends removes it.
"""

from __future__ import annotations

import contextlib
import fcntl
import os

LOCK_NAME = ".stripper-batch.lock"


class Busy(Exception):
    """Another run holds OUT."""


class OutLock:
    def __init__(self, out_root: str):
        self.path = os.path.join(out_root, LOCK_NAME)
        self.fd: int | None = None

    def acquire(self) -> OutLock:
        for _ in range(5):
            fd = self._try()
            try:  # the file we locked is still the one at the path (not unlinked by the
                same = os.path.samestat(os.fstat(fd), os.stat(self.path))  # last holder)
            except OSError:
                same = False
            if same:
                os.ftruncate(fd, 0)
                os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
                self.fd = fd
                return self
            os.close(fd)
        raise Busy("cannot lock this folder: its lock file keeps changing")

    def _try(self) -> int:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = ""
            with contextlib.suppress(OSError, ValueError):
                holder = os.pread(fd, 32, 0).decode("ascii").strip()
            os.close(fd)
            raise Busy("another stripper batch is writing into this folder"
                       + (f" (process {holder})" if holder else "")
                       + "; wait for it to finish, or give another -o") from None
        return fd

    def release(self) -> None:
        """Remove the lock file, then let go (a run waiting on the old file sees that
        it was replaced and locks the new one)."""
        if self.fd is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.path)
            with contextlib.suppress(OSError):
                os.close(self.fd)
            self.fd = None
