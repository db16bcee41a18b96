"""In-process measurements, one per process: `python -m tests.bench.tasks NAME ARGS_JSON`.

The suite runs each task in a fresh process (so that its peak memory is its own) and reads the
one JSON line it prints: seconds of the parts it timed, counts, or `{"skipped": why}`.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

Result = dict[str, Any]


def lookup_gloss(glossary: str, queries: int, seed: int) -> Result:
    from glossary.lookup.index import Index
    from glossary.spelling import fold
    from glossary.store.reading import read
    from tests.bench.queries import answer
    from tests.bench.queries import queries as make

    model = read(Path(glossary))
    start = time.perf_counter()
    index = Index(model)
    build = time.perf_counter() - start
    batch = make(model, queries, seed)

    def find(query: str) -> list[str]:
        return [fold(hit.entry.term) for hit in index.lookup(query, limit=10)]

    answer(find, batch[:50])  # warm up
    return _answers(*answer(find, batch), batch, build)


def _answers(per_query: float, right: list[bool], batch: list[Any], build: float) -> Result:
    from tests.bench.queries import shares

    by_kind = shares(batch, right)
    return {
        "ms": per_query,
        "right": by_kind["all"],
        "by_kind": by_kind,
        "queries": len(batch),
        "build_s": build,
    }


def lookup_difflib(glossary: str, queries: int, seed: int) -> Result:
    from glossary.store.reading import read
    from tests.bench.peers import difflib_lookup
    from tests.bench.queries import answer
    from tests.bench.queries import queries as make

    model = read(Path(glossary))
    start = time.perf_counter()
    find = difflib_lookup(model)
    build = time.perf_counter() - start
    batch = make(model, queries, seed)
    return _answers(*answer(find, batch), batch, build)


def load_roundtrip(glossary: str) -> Result:
    """store.load (round trip + validation), one edit as a person makes, store.save."""
    from glossary.store import document as store

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "glossary.yaml"
        shutil.copyfile(glossary, path)
        start = time.perf_counter()
        doc = store.load(path)
        loaded = time.perf_counter()
        first = doc.data["terms"][0]
        first["status"] = "rejected" if first.get("status") != "rejected" else "confirmed"
        written = store.save(doc)
        saved = time.perf_counter()
    return {
        "load_s": loaded - start,
        "save_s": saved - loaded,
        "total_s": saved - start,
        "entries": len(doc.glossary.terms),
        "written": written,
    }


def load_read(glossary: str) -> Result:
    """reading.read: the read-only fast path (validated, no comments kept)."""
    from glossary.store import reading

    start = time.perf_counter()
    model = reading.read(Path(glossary))
    return {"read_s": time.perf_counter() - start, "entries": len(model.terms)}


def load_pyyaml(glossary: str) -> Result:
    from tests.bench.peers import missing, pyyaml_load

    if why := missing("pyyaml"):
        return {"skipped": why}
    start = time.perf_counter()
    data = pyyaml_load(Path(glossary))
    seconds = time.perf_counter() - start
    assert isinstance(data, dict)
    return {"load_s": seconds, "entries": len(data["terms"])}


def _stories(listing: str) -> tuple[list[str], int]:
    """The text of each story named in the listing (one path a line), and their file bytes."""
    from annotate.readers import read_story

    paths = [Path(p) for p in Path(listing).read_text(encoding="utf-8").splitlines() if p]
    return [read_story(p).text for p in paths], sum(p.stat().st_size for p in paths)


def _spot(build: Callable[[], Callable[[str], int]], listing: str) -> Result:
    texts, file_bytes = _stories(listing)
    start = time.perf_counter()
    spot = build()
    built = time.perf_counter()
    matches = sum(spot(text) for text in texts)
    done = time.perf_counter()
    return {
        "build_s": built - start,
        "spot_s": done - built,
        "file_mb": file_bytes / 1e6,
        "text_mb": sum(len(t.encode("utf-8")) for t in texts) / 1e6,
        "matches": matches,
    }


def _terms(path: str) -> list[str]:
    return [t for t in Path(path).read_text(encoding="utf-8").splitlines() if t]


def spot_flashtext(terms: str, listing: str) -> Result:
    from tests.bench.peers import flashtext_spotter, missing

    if why := missing("flashtext"):
        return {"skipped": why}
    return _spot(lambda: flashtext_spotter(_terms(terms)), listing)


def spot_trie(terms: str, listing: str) -> Result:
    from tests.bench.peers import trie_spotter

    return _spot(lambda: trie_spotter(_terms(terms)), listing)


def spot_gloss(glossary: str, listing: str) -> Result:
    """gloss's Spotter in-process over the same texts: the spotting alone, for comparison."""
    from annotate.spotting import Spotter
    from glossary.store.reading import read

    def build() -> Callable[[str], int]:
        spotter = Spotter(read(Path(glossary)))
        return lambda text: len(spotter.spot_text(text))

    return _spot(build, listing)


TASKS: dict[str, Callable[..., Result]] = {
    "lookup-gloss": lookup_gloss,
    "lookup-difflib": lookup_difflib,
    "load-roundtrip": load_roundtrip,
    "load-read": load_read,
    "load-pyyaml": load_pyyaml,
    "spot-flashtext": spot_flashtext,
    "spot-trie": spot_trie,
    "spot-gloss": spot_gloss,
}


def main(argv: list[str]) -> int:
    name, args = argv[0], json.loads(argv[1]) if len(argv) > 1 else {}
    print(json.dumps(TASKS[name](**args)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
