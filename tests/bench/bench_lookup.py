"""Benchmark `gloss lookup` with the community Trigedasleng dictionary imported.

On demand (not collected by pytest). The dictionary has no license: it is read from
../shared/data/trigedasleng only, never copied; without it the benchmark says so and exits 0.

    PYTHONPATH=. python tests/bench/bench_lookup.py [--queries 400] [--runs 5]

Prints, per kind of query, the time per query and how often the best hit is the right entry,
for gloss's Index and for difflib.get_close_matches (the slow peer) over the same spellings
and translations; then the time of the whole `gloss lookup` command and of Python start-up.
"""

from __future__ import annotations

import argparse
import difflib
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from glossary.importers import Record, read_dictionary
from glossary.imports import Imported, merge_imported
from glossary.lookup import Index
from glossary.lookup_keys import english_key, english_keys
from glossary.models import Entry, Glossary
from glossary.normalize import fold
from glossary.store import load_or_new, save

REPO = Path(__file__).resolve().parents[2]
DATA = REPO.parent / "shared" / "data" / "trigedasleng"

# Queries that must find nothing: stop words and single letters.
NOTHING = ("the", "of", "and", "is", "to", "a", "I", "x", "it was", "of the")
Query = tuple[str, str, set[str]]  # kind, query, terms that are a right answer (folded)


def community_glossary() -> Glossary:
    """The dictionary, plus the show's lines as phrase entries: about 3,200 entries."""
    text = (DATA / "dictionary.json").read_text(encoding="utf-8")
    imported = read_dictionary(text, "dictionary.json")
    lines = json.loads((DATA / "translations.json").read_text(encoding="utf-8"))
    for number, line in enumerate(lines, 1):
        if line.get("trigedasleng") and line.get("translation"):
            entry = Entry(term=line["trigedasleng"], translations=[line["translation"]])
            imported.records.append(Record(entry.model_copy(update={"kind": "phrase"}), number))
    doc = load_or_new(Path("unused.yaml"))
    merge_imported(doc, imported, "community")
    return Glossary.model_validate(doc.data)


def _shout(word: str, rng: random.Random) -> str:
    at = rng.randrange(len(word))
    return (word[:at] + word[at] * 2 + word[at:]).upper() if rng.random() < 0.5 else word + "a"


def queries(glossary: Glossary, count: int, rng: random.Random) -> list[Query]:
    words = [e for e in glossary.terms if e.kind != "phrase" and len(fold(e.term)) >= 4]
    phrases = [e for e in glossary.terms if e.kind == "phrase" and len(e.term.split()) >= 4]
    out: list[Query] = []
    for entry in rng.sample(words, count):
        out.append(("conlang, exact", entry.term, {fold(entry.term)}))
        out.append(("conlang, misspelt", _shout(entry.term, rng), {fold(entry.term)}))
    senses: dict[str, set[str]] = {}  # every entry with a sense is a right answer for it
    for entry in glossary.terms:
        for key in (k for t in entry.translations for k in english_keys(t)):
            senses.setdefault(key, set()).add(fold(entry.term))
    for entry in rng.sample([e for e in words if e.translations], count):
        sense = rng.choice(entry.translations).split(",")[0]
        out.append(("English sense", sense, senses.get(english_key(sense), set())))
    for entry in rng.sample(phrases, count // 4):
        out.append(("whole line", entry.term, {fold(entry.term)}))
        middle = entry.term.split()[1:-1]
        out.append(("partial line", " ".join(middle), {fold(entry.term)}))
    for _ in range(count // 4):
        nonsense = "".join(rng.choice("qxzjvkw") for _ in range(rng.randint(4, 9)))
        out.append(("nonsense", nonsense, set()))
        out.append(("stop word, letter", rng.choice(NOTHING), set()))
    return out


def gloss_best(index: Index) -> Callable[[str], list[str]]:
    return lambda q: [fold(h.entry.term) for h in index.lookup(q, limit=10)]


def difflib_best(glossary: Glossary) -> Callable[[str], list[str]]:
    """The same choices (spellings and translations, folded), first match's entry."""
    owner: dict[str, str] = {}
    for entry in glossary.terms:
        for text in [*entry.spellings(), *entry.translations]:
            owner.setdefault(fold(text), fold(entry.term))
    choices = list(owner)
    return lambda q: [owner[m] for m in difflib.get_close_matches(fold(q), choices, n=10)]


def measure(find: Callable[[str], list[str]], batch: list[Query]) -> tuple[float, float]:
    """Milliseconds per query; share of queries answered right (nonsense: nothing found)."""
    right = 0
    start = time.perf_counter()
    for _, query, answers in batch:
        found = find(query)
        right += (not found) if not answers else bool(found and found[0] in answers)
    elapsed = time.perf_counter() - start
    return elapsed / len(batch) * 1000, right / len(batch)


def command_seconds(args: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, capture_output=True, check=False, cwd=REPO)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def c_loader_problem(path: Path) -> str | None:
    """Why libyaml cannot read a file ruamel wrote, if it cannot: then reads are slow."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        YAML(typ="safe", pure=False).load(path.read_text(encoding="utf-8"))
    except YAMLError as err:
        return " ".join(str(err).split())[:160]
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=400, help="queries of each kind")
    parser.add_argument("--runs", type=int, default=5, help="runs of each whole command")
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    if not (DATA / "dictionary.json").exists():
        print(f"skipped: the community dictionary is not at {DATA}")
        return 0

    glossary = community_glossary()
    start = time.perf_counter()
    index = Index(glossary)
    build_ms = (time.perf_counter() - start) * 1000
    batch = queries(glossary, args.queries, random.Random(args.seed))
    kinds = list(dict.fromkeys(kind for kind, _, _ in batch))
    print(f"{len(glossary.terms)} entries; index built in {build_ms:.0f} ms\n")
    head = ("queries", "n", "gloss ms", "right", "difflib ms", "right", "ratio")
    print("{:<18} {:>4} {:>9} {:>6} {:>11} {:>6} {:>6}".format(*head))
    rows = [(kind, [q for q in batch if q[0] == kind]) for kind in kinds] + [("all", batch)]
    slow = difflib_best(glossary)
    for kind, some in rows:
        ours, ours_right = measure(gloss_best(index), some)
        theirs, theirs_right = measure(slow, some)
        print(
            f"{kind:<18} {len(some):>4} {ours:>9.3f} {ours_right:>6.0%} "
            f"{theirs:>11.3f} {theirs_right:>6.0%} {theirs / ours:>5.0f}x"
        )

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "glossary.yaml"
        doc = load_or_new(path, "Trigedasleng")
        text = (DATA / "dictionary.json").read_text(encoding="utf-8")
        merge_imported(doc, Imported(read_dictionary(text, "dictionary.json").records), "d")
        save(doc)
        gloss = [sys.executable, "-c", "from annotate.cli import main; main()"]
        timed = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "gloss --help": [*gloss, "--help"],
            "gloss lookup heda (dictionary as YAML)": [*gloss, "lookup", "heda", "-g", str(path)],
        }
        size = path.stat().st_size // 1024
        print(f"\nwhole commands, median of {args.runs} runs ({size} kB YAML):")
        if problem := c_loader_problem(path):
            print(f"  (the C loader rejects this file, so store.read falls back: {problem})")
        for name, command in timed.items():
            print(f"  {name:<40} {command_seconds(command, args.runs) * 1000:>6.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
