"""Files: reading with one clear error, writing atomically, locking for a read-merge-write."""

from __future__ import annotations

import os
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from glossary.errors import GlossError


def read_bytes(path: Path, label: str) -> bytes:
    """The bytes of a file; a GlossError naming it when it cannot be read."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise GlossError(f"{label}: no such file") from None
    except IsADirectoryError:
        raise GlossError(f"{label}: is a folder") from None
    except OSError as err:
        raise GlossError(f"{label}: cannot read: {err.strerror or err}") from None


class Busy(GlossError):
    """Another process held a file's lock for longer than we would wait."""


def lock_path(path: Path) -> Path:
    """The lock file of `path`: beside it, hidden (`.glossary.yaml.lock`)."""
    return path.with_name(f".{path.name}.lock")


@contextmanager
def locked(path: Path, wait: float, waiting: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold `path`'s lock (a lock file beside it, on every platform) for a read-merge-write,
    so that two runs never both read the old file and one's write undo the other's. When
    another process holds it, `waiting()` is called once and the lock waited for up to
    `wait` seconds; then `Busy`. A process that ends, however it ends, lets the lock go.
    The lock file stays (removing it would let a third process lock a new one while a second
    waits on the old)."""
    from filelock import FileLock, Timeout

    folder = path.parent if str(path.parent) else Path(".")
    # filelock would make a missing folder, or retry an unwritable one until the timeout
    if not folder.is_dir():
        raise GlossError(f"{path}: cannot write: no such folder")
    if not os.access(folder, os.W_OK):
        raise GlossError(f"{path}: cannot write: permission denied")
    lock = FileLock(lock_path(path))
    started = time.monotonic()
    try:
        try:
            lock.acquire(timeout=0)
        except Timeout:
            if waiting is not None:
                waiting()
            lock.acquire(timeout=max(0.0, wait - (time.monotonic() - started)))
    except Timeout:
        raise Busy(f"{path}: another gloss is still writing it; gave up after {wait:g} s") from None
    except OSError as err:
        raise GlossError(f"{path}: cannot write: {err.strerror or err}") from None
    try:
        yield
    finally:
        lock.release()


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths are one file however they are written (`./x`, an absolute path, a
    link, a hard link); False when either is not there."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def size_of(path: Path | str) -> int:
    """A file's size in bytes, 0 when it cannot be read (for progress, never an error)."""
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


class Replacement:
    """A file being written beside the one it will replace (see `replacing`)."""

    def __init__(self, path: Path, handle: BinaryIO) -> None:
        self.path, self._handle = path, handle
        self.keep = True  # False: the old file stays as it was, the new one is dropped

    def write(self, data: bytes) -> None:
        try:
            self._handle.write(data)
        except OSError as err:
            raise GlossError(f"{self.path}: cannot write: {err.strerror}") from None


@contextmanager
def replacing(path: Path) -> Iterator[Replacement]:
    """Write `path` atomically, in pieces: a temp file in the same folder is made at once (a
    path that cannot be written fails before any work), and replaces `path` (fsynced, with
    the old file's mode) when the block ends, unless `keep` was set False. On any error,
    Ctrl-C too, the old file stays whole and no temp file is left."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:  # none yet (or a folder on the way is a file: mkstemp says so below)
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as err:
        raise GlossError(f"{path}: cannot write: {err.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            target = Replacement(path, handle)
            yield target
            if target.keep:
                _finish(path, handle)
        if target.keep:
            _replace(path, tmp, mode)
    finally:
        Path(tmp).unlink(missing_ok=True)  # gone already once it replaced `path`


def _finish(path: Path, handle: BinaryIO) -> None:
    try:
        handle.flush()
        os.fsync(handle.fileno())
    except OSError as err:
        raise GlossError(f"{path}: cannot write: {err.strerror}") from None


def _replace(path: Path, tmp: str, mode: int) -> None:
    try:
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as err:
        raise GlossError(f"{path}: cannot write: {err.strerror}") from None


def atomic_write(path: Path, payload: bytes) -> None:
    """Write via a temp file in the same folder, fsync, then replace; keep the old file's mode."""
    with replacing(path) as target:
        target.write(payload)
