"""Files: reading with one clear error, writing atomically, bulk work without the collector."""

from __future__ import annotations

import gc
import os
import stat
import tempfile
from collections.abc import Iterator
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


def size_of(path: Path | str) -> int:
    """A file's size in bytes, 0 when it cannot be read (for progress, never an error)."""
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: bulk loads build many small objects without
    cycles, and the collector would rescan them again and again for nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


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
