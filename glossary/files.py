"""Files: reading with one clear error, writing atomically, bulk work without the collector."""

from __future__ import annotations

import gc
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

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


def atomic_write(path: Path, payload: bytes | Iterable[bytes]) -> None:
    """Write via a temp file in the same folder, fsync, then replace; keep the old file's mode.
    The payload may come in pieces (written as they come): the file appears whole or not."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as err:
        raise GlossError(f"{path}: cannot write: {err.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            if isinstance(payload, bytes):
                handle.write(payload)
            else:
                handle.writelines(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException as err:  # Ctrl-C too: the old file stays whole, no temp file left
        Path(tmp).unlink(missing_ok=True)
        if isinstance(err, OSError):
            raise GlossError(f"{path}: cannot write: {err.strerror}") from None
        raise
