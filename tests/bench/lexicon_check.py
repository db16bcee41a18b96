"""Compare the bundled lexicon with the community Trigedasleng dictionary, for review.

Optional (not a pytest test). The dictionary has no license: it is read here only to check our
own lexicon and nothing of it is copied or written anywhere. Run from the repository:

    PYTHONPATH=. python tests/bench/lexicon_check.py [--lexicon trigedasleng]

Prints coverage (how many lexicon terms the dictionary has) and every lexicon word whose gloss
shares no content word with the dictionary's senses. Exits 0 when the dictionary is absent.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

from annotate.lexicon import bundled, normalise

REPO = Path(__file__).resolve().parents[2]
DICTIONARY = REPO.parent / "shared" / "data" / "trigedasleng" / "dictionary.json"

# Function words carry no meaning of their own for this comparison.
STOP = {
    *("a", "an", "the", "of", "to", "in", "on", "at", "for", "from", "with", "by", "as", "and"),
    *("or", "not", "no", "ones", "something", "someone", "thing", "things", "used", "usually"),
    *("often", "also", "esp", "literally", "its", "it", "transitive", "intransitive", "person"),
    *("number", "singular", "plural"),
}
# The part of speech folded into a dictionary translation: "noun: leader; commander".
POS = re.compile(r"^\s*[a-z ]+:\s*")


def words(text: str) -> set[str]:
    return {_stem(w) for w in re.findall(r"[a-z]+", text.casefold())}


def agree(ours: str, theirs: str) -> bool:
    """Two glosses share a content word; or any word when ours has only function words
    (the gloss of `kom` is "of; from")."""
    content = {w for w in words(ours) if w not in STOP and len(w) > 1}
    if content:
        return bool(content & words(theirs))
    return bool(words(ours) & words(theirs))


def _stem(word: str) -> str:
    # Enough to match "warriors" with "warrior", "killed" with "kill".
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


class Senses:
    """Dictionary senses (part of speech removed) by normalised headword, and by the stem of a
    phrasal verb: the dictionary lists `frag op`, our lexicon lists the stem `frag`."""

    def __init__(self, path: Path) -> None:
        entries = json.loads(path.read_text(encoding="utf-8"))
        self.words: dict[str, list[str]] = defaultdict(list)
        self.stems: dict[str, list[str]] = defaultdict(list)
        for entry in entries:
            headword = str(entry.get("word", ""))
            sense = POS.sub("", str(entry.get("translation", "")))
            if key := normalise(headword):
                self.words[key].append(sense)
            if " " in headword.strip():
                self.stems[normalise(headword.split()[0])].append(sense)

    def of(self, spelling: str) -> list[str]:
        key = normalise(spelling)
        phrasal = self.stems.get(key, []) if " " not in spelling.strip() else []
        return self.words.get(key, []) + phrasal

    def knows(self, word: str) -> bool:
        key = normalise(word)
        return key in self.words or key in self.stems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--lexicon", default="trigedasleng")
    parser.add_argument("--dictionary", type=Path, default=DICTIONARY)
    args = parser.parse_args(argv)
    if not args.dictionary.is_file():
        print(f"skipped: no community dictionary at {args.dictionary}")
        return 0

    senses = Senses(args.dictionary)
    lexicon = bundled(args.lexicon)
    vocabulary = [e for e in lexicon.glossary.terms if e.kind != "name"]
    phrases = [e for e in vocabulary if e.kind == "phrase" and " " in e.term]
    terms = [e for e in vocabulary if e not in phrases]
    found = [e for e in terms if any(senses.of(s) for s in e.spellings())]
    missing = [e.term for e in terms if e not in found]
    # A phrase is covered when the dictionary knows every word of it.
    unknown = {w for e in phrases for w in e.term.split() if not senses.knows(w)}
    whole = [e for e in phrases if not set(e.term.split()) & unknown]

    print(f"lexicon {lexicon.name}: {len(lexicon)} entries, {len(vocabulary)} besides names")
    print(f"coverage: {len(found)}/{len(terms)} words, titles, groups and places in the dictionary")
    print(f"  not there ({len(missing)}): {', '.join(missing)}")
    print(f"phrases: {len(whole)}/{len(phrases)} made only of dictionary words")
    print(f"  words it lacks: {', '.join(sorted(unknown)) or '-'}")

    disagreements = 0
    for entry in found:
        theirs = [sense for spelling in entry.spellings() for sense in senses.of(spelling)]
        if entry.translations and not agree("; ".join(entry.translations), "; ".join(theirs)):
            disagreements += 1
            print(f"  review {entry.term!r}: ours {entry.translations} | dictionary {theirs}")
    print(f"glosses sharing no content word with the dictionary: {disagreements}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
