"""A validated copy of every glossary read, keyed by the file's bytes, so that read-only
commands skip YAML parsing when the file has not changed.

The key is a hash of the bytes, of the models' source and of the versions that shape the
result, so a copy is only ever served for the very content it was made from (two files with
the same bytes share one). Copies are JSON read back with pydantic's `model_validate_json`:
fast, and nothing in them runs code. Beside a copy, `lookup` keeps the index it built from it
(plain lists and dicts written with `marshal`: data, read back, never run), so that a lookup
on a large glossary neither reads the copy nor builds the index again. They live outside the
user's folders, in `$GLOSS_CACHE_DIR`, else `$XDG_CACHE_HOME/gloss`, else `~/.cache/gloss`;
`GLOSS_NO_CACHE=1` switches the cache off. Every failure (no home, a read-only or full disk,
a damaged copy) means "no copy": the cache can make gloss faster, never make it fail.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import tempfile
from collections.abc import Mapping
from importlib.util import find_spec
from pathlib import Path

from pydantic import ValidationError
from pydantic import __version__ as pydantic_version

from glossary import __version__ as gloss_version
from glossary.models import Glossary

FORMAT = 1  # bump when what a copy holds changes in a way the versions below do not show
KEEP = 32  # copies kept; the least recently used go first
PREFIX, SUFFIX = "glossary-", ".json"
# Lookup indexes beside the copies: bigger than the copy they are made from, so fewer kept.
INDEX_PREFIX, INDEX_SUFFIX = "index-", ".marshal"
KEEP_INDEXES = 8


def location(environ: Mapping[str, str] = os.environ) -> Path | None:
    """The cache folder the environment asks for; None when the cache is off or has no home."""
    if environ.get("GLOSS_NO_CACHE", "") not in ("", "0"):
        return None
    if environ.get("GLOSS_CACHE_DIR"):
        return Path(environ["GLOSS_CACHE_DIR"])
    xdg = environ.get("XDG_CACHE_HOME", "")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "gloss"
    home = environ.get("HOME") or os.path.expanduser("~")
    return Path(home) / ".cache" / "gloss" if os.path.isabs(home) else None


def _source(module: str) -> bytes:
    """A module's source, unimported: what makes the copies (the models, the YAML loaders)."""
    try:
        spec = find_spec(module)
        return Path(spec.origin).read_bytes() if spec and spec.origin else b""
    except (ImportError, OSError):  # pragma: no cover - installed without sources
        return b""


# ruamel.yaml's __init__ holds its version: read, not imported (a lookup served from the cache
# never needs the YAML libraries).
_SALT = hashlib.blake2b(
    b"\0".join(
        [
            f"{FORMAT} {gloss_version} {pydantic_version}".encode(),
            *map(_source, ("glossary.models", "glossary.store.fastyaml", "ruamel.yaml")),
        ]
    ),
    digest_size=16,
).digest()


def key(raw: bytes) -> str:
    """The name of the copy made from these bytes (by this gloss, these models). SHA-256,
    which CPUs compute in hardware: a 35 MB glossary is hashed in a fraction of the time."""
    digest = hashlib.sha256(_SALT)
    digest.update(raw)
    return digest.hexdigest()[:40]


# What shapes a lookup index besides the glossary: the code that builds it, marshal's format.
_INDEX_SALT = hashlib.blake2b(
    b"\0".join(
        [
            _SALT,
            str(marshal.version).encode(),
            *map(_source, ("glossary.lookup.index", "glossary.lookup.keys", "glossary.spelling")),
        ]
    ),
    digest_size=16,
).digest()


def index_key(name: str, extra: bytes = b"") -> str:
    """The name of the lookup index of the copy `name`, built with what `extra` stands for
    (the language's respellings, say)."""
    return hashlib.blake2b(
        name.encode() + b"\0" + extra, digest_size=20, key=_INDEX_SALT
    ).hexdigest()


def fetch_index(folder: Path, name: str) -> object | None:
    """The index state kept under `name` (lists, dicts, tuples, strings), or None."""
    path = folder / f"{INDEX_PREFIX}{name}{INDEX_SUFFIX}"
    try:
        state: object = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    with contextlib.suppress(OSError):
        os.utime(path)
    return state


def keep_index(folder: Path, name: str, state: object) -> None:
    """Keep a lookup index's state (plain data only: marshal refuses anything else)."""
    try:
        payload = marshal.dumps(state)  # type: ignore[arg-type]  # checked by marshal itself
    except ValueError:
        return
    if put(folder / f"{INDEX_PREFIX}{name}{INDEX_SUFFIX}", payload):
        prune(folder, KEEP_INDEXES, INDEX_PREFIX, INDEX_SUFFIX)


def _path(folder: Path, name: str) -> Path:
    return folder / f"{PREFIX}{name}{SUFFIX}"


def fetch(folder: Path, name: str) -> Glossary | None:
    """The glossary kept under `name`, or None when there is none or it cannot be used."""
    path = _path(folder, name)
    try:
        payload = path.read_bytes()
    except OSError:
        return None
    try:
        glossary = Glossary.model_validate_json(payload)
    except ValidationError:
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used: pruned last
    return glossary


def keep(folder: Path, name: str, glossary: Glossary) -> None:
    """Keep a copy of a validated glossary under `name`: written whole or not at all."""
    payload = glossary.model_dump_json(exclude_unset=True).encode()
    if put(_path(folder, name), payload):
        prune(folder)


def put(path: Path, payload: bytes) -> bool:
    """Write a file of the cache whole or not at all (its folder made if need be); whether
    it was written. Readers at the same time see the old file or the new, never a part."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.replace(tmp, path)
    except OSError:
        return False
    finally:  # also on Ctrl-C: no half-written file left behind
        with contextlib.suppress(OSError):
            Path(tmp).unlink(missing_ok=True)
    return True


def prune(
    folder: Path, keep_at_most: int = KEEP, prefix: str = PREFIX, suffix: str = SUFFIX
) -> None:
    """Remove the least recently used files of a kind (copies, indexes) beyond
    `keep_at_most`."""
    try:
        copies = [
            (entry.stat().st_mtime, entry.path)
            for entry in os.scandir(folder)
            if entry.name.startswith(prefix) and entry.name.endswith(suffix)
        ]
    except OSError:
        return
    for _, path in sorted(copies, reverse=True)[keep_at_most:]:
        with contextlib.suppress(OSError):
            os.unlink(path)
