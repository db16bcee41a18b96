"""Measure word-gloss learning on the community Trigedasleng lines (issue 7).

Optional (not a pytest test). The data has no license: it is read from ../shared/data only,
and nothing of it is copied or written anywhere. Run from the repository:

    PYTHONPATH=. python tests/bench/eval_learn.py [-v]

1. Headline. Learn from the 1,146 lines of translations.json with no lexicon and no glossary
   (what `gloss learn -g none.yaml --pairs translations.json` does); for each of the 200 most
   frequent conlang words, does its best learned gloss match one of its senses in
   dictionary.json? A word's senses are those of its own entries and of the phrasal verbs it
   heads (`frag` -> `frag op`: kill). A match: the gloss and the senses share a word, after
   lower-casing and taking off -s, -es, -ed, -ing; a gloss with content words compares those,
   a gloss of function words only ("not", "I") compares those. Words the dictionary lacks
   (names mostly) cannot be compared and are counted apart.
2. Ten-fold. Learn on nine tenths of the lines (every tenth line held out in turn), gloss each
   word of the held-out lines with its best learned gloss (one gloss per word, no context),
   and compare with the line's Leipzig gloss of that word (lines whose Leipzig gloss has one
   word per word; places where it uses English words, not labels such as 1SG, SAT, PROG).
   For scale, the same figure for a gloss read from the answers: each word's most frequent
   Leipzig gloss in the nine tenths.

Exits 0 (with a message) when the data is absent.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from glossary.exchange.importing import read_source
from glossary.learn.glosser import lesson
from glossary.learn.words import Learned, PhrasePair, learn
from glossary.models import Glossary
from glossary.spelling import fold

REPO = Path(__file__).resolve().parents[2]
DATA = REPO.parent / "shared" / "data" / "trigedasleng"
TOP = 200
FOLDS = 10
RUNS = 5  # timing: the median of this many runs

STOP = {
    *("a", "an", "the", "of", "to", "in", "on", "at", "for", "from", "with", "by", "as", "and"),
    *("or", "be", "is", "are", "am", "was", "were", "it", "its", "do", "does", "did", "have"),
    *("has", "had", "will", "would", "can", "could", "this", "that", "used", "usually", "also"),
    *("esp", "transitive", "intransitive", "one", "ones", "someone", "something", "person"),
}
POS = re.compile(r"^\s*[a-z /]+:\s*")
LABEL = re.compile(r"^[A-Z0-9]+$")


def best(item: Learned | None) -> str:
    return item.glosses[0].gloss if item and item.glosses else ""


def stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def words(text: str) -> set[str]:
    return {stem(w) for w in re.findall(r"[a-z]+", text.casefold())}


def matches(gloss: str, senses: str) -> bool:
    mine = words(gloss)
    content = {w for w in mine if w not in STOP}
    return bool((content or mine) & words(senses))


def dictionary_senses(path: Path) -> dict[str, list[str]]:
    own: dict[str, list[str]] = defaultdict(list)
    phrasal: dict[str, list[str]] = defaultdict(list)
    for entry in json.loads(path.read_text(encoding="utf-8")):
        headword = fold(str(entry.get("word", "")))
        senses = [POS.sub("", s) for s in str(entry.get("translation", "")).split(";")]
        own[headword].extend(senses)
        if " " in headword:
            phrasal[headword.split()[0]].extend(senses)
    return {w: own.get(w, []) + phrasal.get(w, []) for w in {*own, *phrasal}}


def headline(path: Path, senses: dict[str, list[str]], verbose: bool) -> None:
    imported = read_source(path)
    cpu: list[float] = []
    wall: list[float] = []
    for _ in range(RUNS):
        started, ticks = time.perf_counter(), time.process_time()
        result = lesson(Glossary(), [(path.name, imported)])
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - ticks)
    learned = {item.word: item for item in result.words}
    frequency = Counter(w for r in imported.records for w in fold(r.entry.term).split())
    top = [w for w, _ in frequency.most_common(TOP)]
    comparable = [w for w in top if senses.get(w)]
    good = [w for w in comparable if matches(best(learned.get(w)), ";".join(senses[w]))]
    if verbose:
        for w in comparable:
            item = learned.get(w)
            mark = "ok" if w in good else "--"
            glosses = ", ".join(f"{s.gloss} {s.score:.2f}" for s in item.glosses) if item else ""
            theirs = "; ".join(senses[w])[:60]
            print(f"{mark} {w:<10} {frequency[w]:>4}  {glosses:<40} | {theirs}")
    print(
        f"learned {len(learned)} words from {result.pairs} lines: median "
        f"{statistics.median(wall):.2f} s wall, {statistics.median(cpu):.2f} s CPU "
        f"(best {min(wall):.2f} s; {RUNS} runs)"
    )
    print(
        f"headline: {len(good)}/{len(comparable)} = {len(good) / len(comparable):.2f} of the "
        f"{TOP} most frequent words match the dictionary ({TOP - len(comparable)} it lacks;"
        f" {len(good)}/{TOP} = {len(good) / TOP:.2f} counting those as misses)"
    )


def leipzig_parts(token: str) -> set[str]:
    """The English words of one Leipzig gloss word (`Sky-people`: sky, people), none for a
    label (`1SG`, `SAT`; `be.LOC` gives be)."""
    return {
        stem(p.casefold()) for p in re.split(r"[-.]", token) if p.isalpha() and not LABEL.match(p)
    }


def leipzig_words(rows: list[dict[str, str]]) -> list[tuple[str, set[str]]]:
    """(word, English words of its Leipzig gloss) for the words of lines glossed word by word."""
    found = []
    for row in rows:
        tokens, glosses = row["trigedasleng"].split(), (row.get("leipzig") or "").split()
        if len(tokens) != len(glosses):
            continue
        for token, gloss in zip(tokens, glosses, strict=True):
            word, wanted = fold(token), leipzig_parts(gloss)
            if wanted and word and " " not in word:
                found.append((word, wanted))
    return found


def most_common_leipzig(rows: list[dict[str, str]]) -> dict[str, set[str]]:
    counts: dict[str, Counter[frozenset[str]]] = defaultdict(Counter)
    for word, wanted in leipzig_words(rows):
        counts[word][frozenset(wanted)] += 1
    return {word: set(c.most_common(1)[0][0]) for word, c in counts.items()}


def tenfold(lines: list[dict[str, str]]) -> None:
    rows = [r for r in lines if r.get("trigedasleng") and r.get("translation")]
    right = compared = glossed = ceiling = 0
    for k in range(FOLDS):
        train = [r for i, r in enumerate(rows) if i % FOLDS != k]
        test = [r for i, r in enumerate(rows) if i % FOLDS == k]
        pairs = [PhrasePair(r["trigedasleng"], r["translation"]) for r in train]
        learned = {item.word: item for item in learn(pairs)}
        oracle = most_common_leipzig(train)
        for word, wanted in leipzig_words(test):
            compared += 1
            gloss = best(learned.get(word))
            if gloss:
                glossed += 1
                right += bool(words(gloss) & wanted)
            ceiling += bool(oracle.get(word, set()) & wanted)
    print(
        f"ten-fold: {right}/{compared} = {right / compared:.2f} of held-out words whose Leipzig "
        f"gloss is English match their best learned gloss ({right}/{glossed} = "
        f"{right / glossed:.2f} of those with a learned gloss)"
    )
    print(
        f"  for scale: each word's most frequent Leipzig gloss in the nine tenths (read from "
        f"the answers) gets {ceiling}/{compared} = {ceiling / compared:.2f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("-v", "--verbose", action="store_true", help="every word of the 200")
    args = parser.parse_args(argv)
    lines_path, dictionary = args.data / "translations.json", args.data / "dictionary.json"
    if not lines_path.is_file() or not dictionary.is_file():
        print(f"skipped: no community data at {args.data}")
        return 0
    headline(lines_path, dictionary_senses(dictionary), args.verbose)
    tenfold(json.loads(lines_path.read_text(encoding="utf-8")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
