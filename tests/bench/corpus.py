"""The benchmark corpus: story files of a chosen size, the same bytes for the same seed.

Files are made one after another from one `random.Random(seed)`, so a bigger corpus of the same
seed begins with the smaller one's files. They sit in shelves (folders) of about 10 MB, so that a
part of the corpus is a list of folders. A built corpus is kept in the work folder under a name
holding its size, seed and the generator's version, and `manifest.json` (written last) says it
is complete; a re-run reuses it.
"""

from __future__ import annotations

import json
import math
import random
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tests.bench.sources import Sources
from tests.bench.stories import FORMATS, plan, render

GENERATOR = 1  # bump when what is generated changes: cached corpora are then rebuilt
SHELF_BYTES = 10_000_000
FORMAT_WEIGHTS = (35, 25, 25, 15)  # txt, md, html, epub: shares of the stories
SMALLEST, LARGEST = 8_000, 300_000  # characters of one story (log-uniform between)


@dataclass
class Corpus:
    root: Path  # the folder holding the shelves
    seed: int
    size_mb: float
    files: int = 0
    bytes: int = 0
    formats: dict[str, list[int]] = field(default_factory=dict)  # format: [files, bytes]
    shelves: list[tuple[str, int]] = field(default_factory=list)  # folder name, bytes

    @property
    def mb(self) -> float:
        return self.bytes / 1e6

    def part(self, megabytes: float) -> tuple[list[Path], int]:
        """The first shelves holding at least `megabytes` (all of them if fewer), and their size."""
        chosen: list[Path] = []
        total = 0
        for name, size in self.shelves:
            if chosen and total >= megabytes * 1e6:
                break
            chosen.append(self.root / name)
            total += size
        return chosen, total

    def to_json(self) -> dict[str, object]:
        return {
            "generator": GENERATOR,
            "seed": self.seed,
            "size_mb": self.size_mb,
            "files": self.files,
            "bytes": self.bytes,
            "formats": self.formats,
            "shelves": self.shelves,
        }


def generate(sources: Sources, seed: int, size_bytes: int) -> Iterator[tuple[str, bytes]]:
    """(relative path, content) of each story until `size_bytes` are made; pure and seeded."""
    rng = random.Random(seed)
    made = shelf = shelf_bytes = number = 0
    while made < size_bytes:
        fmt = rng.choices(FORMATS, FORMAT_WEIGHTS)[0]
        size = int(math.exp(rng.uniform(math.log(SMALLEST), math.log(LARGEST))))
        story = plan(rng, sources, fmt, size)
        data = render(story, fmt)
        if shelf_bytes >= SHELF_BYTES:
            shelf, shelf_bytes = shelf + 1, 0
        yield f"shelf{shelf:03d}/{number:05d}_{story.author}.{fmt}", data
        made += len(data)
        shelf_bytes += len(data)
        number += 1


def folder_name(size_mb: float, seed: int) -> str:
    return f"corpus-{size_mb:g}mb-seed{seed}-v{GENERATOR}"


def build(sources: Sources, size_mb: float, seed: int, workdir: Path) -> tuple[Corpus, bool]:
    """The corpus in `workdir` (made now if not there yet); True when it was made now."""
    home = workdir / folder_name(size_mb, seed)
    manifest = home / "manifest.json"
    if manifest.is_file():
        return _from_manifest(home, json.loads(manifest.read_text(encoding="utf-8"))), False
    shutil.rmtree(home, ignore_errors=True)  # a build that was interrupted
    corpus = Corpus(root=home / "stories", seed=seed, size_mb=size_mb)
    shelves: dict[str, int] = {}
    for relative, data in generate(sources, seed, int(size_mb * 1e6)):
        path = corpus.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        counts = corpus.formats.setdefault(path.suffix[1:], [0, 0])
        counts[0] += 1
        counts[1] += len(data)
        shelves[path.parent.name] = shelves.get(path.parent.name, 0) + len(data)
        corpus.files += 1
        corpus.bytes += len(data)
    corpus.shelves = sorted(shelves.items())
    manifest.write_text(json.dumps(corpus.to_json(), indent=1), encoding="utf-8")
    return corpus, True


def _from_manifest(home: Path, data: dict[str, object]) -> Corpus:
    corpus = Corpus(root=home / "stories", seed=int(str(data["seed"])), size_mb=0)
    corpus.size_mb = float(str(data["size_mb"]))
    corpus.files = int(str(data["files"]))
    corpus.bytes = int(str(data["bytes"]))
    formats = data["formats"]
    shelves = data["shelves"]
    assert isinstance(formats, dict) and isinstance(shelves, list)
    corpus.formats = {str(k): [int(n) for n in v] for k, v in formats.items()}
    corpus.shelves = [(str(name), int(size)) for name, size in shelves]
    return corpus
