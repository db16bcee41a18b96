"""Spotting throughput against ripgrep, on demand: `python tests/bench/bench_annotate.py`.

The bundled stories repeated to --mb megabytes, glossaries of the community Trigedasleng
dictionary (from ../shared/data/trigedasleng, never copied into the project) grown with made-up
words from a hundred to tens of thousands of terms. For each, gloss's `Spotter.spot_text` and
`rg -F -i -w -o -f terms.txt` (Debian's ripgrep) over the same text, best of --repeat runs.
ripgrep finds exact spellings only; gloss also finds shouted elongations, so its counts can
be a little higher. Not collected by pytest (pytest runs with --ignore=tests/bench).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from annotate.spotting import Spotter  # noqa: E402
from annotate.spotting.folding import key  # noqa: E402
from glossary.models import Entry, Glossary  # noqa: E402

DICTIONARY = ROOT.parent / "shared" / "data" / "trigedasleng" / "dictionary.json"
# The dictionary's words that the bundled stories use as Trigedasleng (the rest of the words
# the stories contain are English homographs: `in`, `you`, `but`, `no`...).
TRIG_IN_STORIES = {"heda", "wanheda", "skaikru", "trikru", "azgeda", "maunon", "kom"}


def corpus(megabytes: float) -> str:
    stories = sorted((ROOT / "stories").glob("*.txt"))
    base = "\n\n".join(p.read_text(encoding="utf-8") for p in stories) + "\n\n"
    return base * max(1, int(megabytes * 1e6 // len(base)))


def glossaries(text_words: set[bytes]) -> list[tuple[str, list[str]]]:
    words = sorted(
        {w["word"].strip() for w in json.loads(DICTIONARY.read_text(encoding="utf-8"))} - {""}
    )
    rare = [w for w in words if key(w) not in text_words or key(w).decode() in TRIG_IN_STORIES]
    rng = random.Random(6)
    made_up: list[str] = []
    while len(made_up) < 50_000:
        made_up.append(
            "".join(rng.choice("bdfgklmnprstvz") + rng.choice("aeiou") for _ in range(4))
        )
    used = [w for w in rare if key(w).decode() in TRIG_IN_STORIES]
    hundred = used + [w for w in rare[:: len(rare) // 100] if w not in used][: 100 - len(used)]
    return [
        ("100 rare", hundred),
        (f"{len(rare):,} rare", rare),
        (f"{len(words):,} all (English homographs)", words),
        ("10,000 (rare + made up)", rare + made_up[: 10_000 - len(rare)]),
        ("50,000 (rare + made up)", rare + made_up[: 50_000 - len(rare)]),
    ]


def best(repeat: int, run: Callable[[], int]) -> tuple[float, int]:
    times, found = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        found = run()
        times.append(time.perf_counter() - start)
    return min(times), found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=100, help="corpus size (default 100)")
    parser.add_argument("--repeat", type=int, default=3, help="runs, best kept (default 3)")
    args = parser.parse_args()
    if not DICTIONARY.exists():
        print(f"skipped: {DICTIONARY} is absent (the benchmark needs the shared dictionary)")
        return 0
    rg = shutil.which("rg")
    if rg is None:
        print("note: ripgrep is not installed (Debian: apt-get install ripgrep); gloss alone")
    text = corpus(args.mb)
    size = len(text.encode("utf-8")) / 1e6
    text_words = {key(w) for w in set(re.findall(r"\w+", text[:200_000]))}
    print(f"corpus: bundled stories x {len(text) // 38_950}, {size:.0f} MB; best of {args.repeat}")
    header = f"{'glossary':34} {'build':>7} {'gloss':>7} {'MB/s':>6} {'spots':>9}"
    header += f" {'rg':>7} {'MB/s':>6} {'matches':>9} {'gloss/rg':>8}" if rg else ""
    print(header)
    print("-" * len(header))
    Spotter(Glossary(terms=[Entry(term="heda")])).spot_text(text)  # warm up the allocator
    with tempfile.TemporaryDirectory() as folder:
        story = Path(folder) / "corpus.txt"
        story.write_text(text, encoding="utf-8")
        for name, terms in glossaries(text_words):
            started = time.perf_counter()
            spotter = Spotter(Glossary(terms=[Entry(term=t, translations=["x"]) for t in terms]))
            built = time.perf_counter() - started

            def spot(spotter: Spotter = spotter) -> int:
                return len(spotter.spot_text(text))

            ours, spots = best(args.repeat, spot)
            line = f"{name:34} {built:6.2f}s {ours:6.2f}s {size / ours:6.0f} {spots:9,}"
            if rg:
                patterns = Path(folder) / "terms.txt"
                patterns.write_text("\n".join(terms) + "\n", encoding="utf-8")
                command = [rg, "-F", "-i", "-w", "-o", "--no-filename", "-f", str(patterns)]

                def search(command: list[str] = command) -> int:
                    # Into a pipe, not /dev/null: ripgrep stops at the first match there.
                    out = subprocess.run(
                        [*command, str(story)], capture_output=True, check=False
                    ).stdout
                    return out.count(b"\n")

                theirs, matches = best(args.repeat, search)
                line += f" {theirs:6.2f}s {size / theirs:6.0f} {matches:9,} {ours / theirs:7.1f}x"
            print(line, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
