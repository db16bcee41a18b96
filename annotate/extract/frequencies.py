"""English word frequencies from wordfreq, with a compact copy kept in gloss's cache folder.

Reading wordfreq's English list takes about 0.24 s in every process that extracts: importing
wordfreq and the language tools it brings, unpacking 321,000 words, and a dict built word by
word. That is a third of `gloss extract` on one story, and paid again by every worker. The
copy holds the words joined in one string and each word's Zipf value as a number into a
table of the distinct values; `marshal` reads it back in a few milliseconds. It is named by a
hash of the installed wordfreq (its file's path, size and time), so another or a reinstalled
wordfreq is read afresh. A copy that cannot be read or written is no copy: the list is then
read from wordfreq, with the same result.
"""

from __future__ import annotations

import hashlib
import marshal
import math
import os
from array import array
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

from glossary.store.cache import put

FORMAT = 1  # bump when what a copy holds changes
TOP = 100  # the most frequent words: `stopwords`
PREFIX, SUFFIX = "english-", ".marshal"
_RANKS = "H"  # array type of the numbers into the table (fewer than 65,536 distinct values)


@dataclass(frozen=True)
class Frequencies:
    zipf: dict[str, float]  # each word English uses, with its Zipf frequency
    top: frozenset[str]  # the `TOP` most frequent words


def load(folder: Path | None) -> Frequencies:
    """wordfreq's English list, from the copy in `folder` (made there when it has none);
    straight from wordfreq when `folder` is None (the cache is off)."""
    path = _path(folder) if folder is not None else None
    if path is not None and (kept := _read(path)) is not None:
        return kept
    words, zipfs, top = _from_wordfreq()
    if path is not None and not any("\n" in word for word in words):
        put(path, _dump(words, zipfs, top))
    return Frequencies(dict(zip(words, zipfs, strict=True)), frozenset(top))


def _from_wordfreq() -> tuple[list[str], list[float], list[str]]:
    from wordfreq import get_frequency_dict, top_n_list

    freqs = get_frequency_dict("en")
    zipfs = [math.log10(freq) + 9 if freq else 0.0 for freq in freqs.values()]
    return list(freqs), zipfs, top_n_list("en", TOP)


def _dump(words: list[str], zipfs: list[float], top: list[str]) -> bytes:
    table = sorted(set(zipfs))
    number = {value: i for i, value in enumerate(table)}
    ranks = array(_RANKS, [number[value] for value in zipfs])
    return marshal.dumps((FORMAT, "\n".join(words), ranks.tobytes(), tuple(table), tuple(top)))


def _read(path: Path) -> Frequencies | None:
    """The copy at `path`, or None when there is none or it is not one this code made."""
    try:
        kept = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not (isinstance(kept, tuple) and len(kept) == 5 and kept[0] == FORMAT):
        return None
    _, joined, raw, table, top = kept
    if not (
        isinstance(joined, str)
        and isinstance(raw, bytes)
        and isinstance(table, tuple)
        and all(isinstance(value, float) for value in table)
        and isinstance(top, tuple)
        and all(isinstance(word, str) for word in top)
    ):
        return None
    words = joined.split("\n")
    ranks = array(_RANKS)
    try:
        ranks.frombytes(raw)
        zipfs = [table[rank] for rank in ranks]
    except (ValueError, IndexError):
        return None
    if len(zipfs) != len(words):
        return None
    return Frequencies(dict(zip(words, zipfs, strict=True)), frozenset(top))


def _path(folder: Path) -> Path | None:
    """The copy's place, named by the installed wordfreq; None when it cannot be found."""
    try:
        spec = find_spec("wordfreq")  # not imported: reading the copy never needs it
        origin = spec.origin if spec else None
        stat = os.stat(origin) if origin else None
    except (ImportError, ValueError, OSError):
        return None
    if origin is None or stat is None:
        return None
    name = f"{FORMAT} {origin} {stat.st_size} {stat.st_mtime_ns}".encode()
    return folder / f"{PREFIX}{hashlib.blake2b(name, digest_size=16).hexdigest()}{SUFFIX}"
