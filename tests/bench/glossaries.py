"""The benchmark's glossaries, the same for the same seed.

Spotting glossaries (100, 2,000 and 20,000 terms by default, a fifth of them several words) are
nested: each begins with the smaller one's terms. Real vocabulary comes first: the bundled
lexicon's rare words (not common English words: `in`, `no`, `op`...), then the community
dictionary's, the lexicon's and dictionary's phrases and short spoken lines; made-up words and
phrases fill the rest. Each is written as a gloss YAML glossary and as `terms.txt` (one term per
line, for ripgrep and the Python peers).

Load glossaries (5,000 and 50,000 entries) are what a curated file looks like after a while:
one to three sources each with quotes, some variants, confirmed entries, notes, comments.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

from glossary.spelling import squash
from tests.bench.sources import Sources, Word, clean_term

SPOT_SIZES = (100, 2_000, 20_000)
LOAD_SIZES = (5_000, 50_000)
MULTI_WORD_SHARE = 5  # one term in five is several words
RARE_ZIPF = 3.0  # a word this frequent in English (wordfreq's Zipf scale) is a homograph
SYLLABLES = tuple(c + v for c in "bdfghklmnprstvwz" for v in ("a", "e", "i", "o", "u", "ei", "ou"))
METHODS = ("echo", "italics", "parentheses", "dash", "means", "hover", "notes", "lexicon")


@dataclass(frozen=True)
class Pools:
    """Every term the glossaries draw from, best first."""

    singles: tuple[Word, ...]
    multis: tuple[Word, ...]


def _common_english(word: str) -> bool:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en") >= RARE_ZIPF


def real_pools(sources: Sources, rng: random.Random) -> Pools:
    """The real vocabulary, deduplicated (any case), lexicon first, each group shuffled."""
    seen: set[str] = set()
    groups: list[list[Word]] = [[], [], []]  # lexicon singles, dictionary singles, multis
    for group, words in ((0, sources.lexicon), (1, sources.dictionary)):
        for word in words:
            key = squash(word.term)
            if key in seen:
                continue
            seen.add(key)
            if " " in word.term:
                groups[2].append(word)
            elif not _common_english(word.term):
                groups[group].append(word)
    for line in sources.lines:
        term = clean_term(line.trig)
        if term and 2 <= len(term.split()) <= 6 and squash(term) not in seen:
            seen.add(squash(term))
            groups[2].append(Word(term, (line.english.strip(" ."),)))
    for group_words in groups:
        rng.shuffle(group_words)
    return Pools(singles=tuple(groups[0] + groups[1]), multis=tuple(groups[2]))


def made_up_word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 3, 3, 4))))


def pick(sources: Sources, seed: int, count: int) -> list[Word]:
    """`count` terms, a fifth of them multi-word; the first `n` are the same for any count >= n."""
    rng = random.Random(seed)
    pools = real_pools(sources, rng)
    multis_wanted = count // MULTI_WORD_SHARE
    singles_wanted = count - multis_wanted
    taken = {squash(w.term) for w in (*pools.singles, *pools.multis)}
    english = [w for p in sources.paragraphs[:40] for w in re.findall(r"[a-z]{4,}", p)]
    singles = list(pools.singles[:singles_wanted])
    made_rng = random.Random(seed + 1)  # made-up words do not shift the real ones
    while len(singles) < singles_wanted:
        word = made_up_word(made_rng)
        if squash(word) not in taken:
            taken.add(squash(word))
            singles.append(Word(word.capitalize(), (made_rng.choice(english),), made_up=True))
    multis = list(pools.multis[:multis_wanted])
    while len(multis) < multis_wanted:
        words = [made_up_word(made_rng) for _ in range(made_rng.choice((2, 2, 3, 4)))]
        phrase = " ".join(words).capitalize()
        if squash(phrase) not in taken:
            taken.add(squash(phrase))
            meaning = " ".join(made_rng.choice(english) for _ in words)
            multis.append(Word(phrase, (meaning,), made_up=True))
    # interleave so that any prefix keeps the one-in-five share
    out: list[Word] = []
    single_iter, multi_iter = iter(singles), iter(multis)
    for index in range(count):
        source = multi_iter if index % MULTI_WORD_SHARE == MULTI_WORD_SHARE - 1 else single_iter
        out.append(next(source))
    return out


# --- YAML, written as a person's file looks (house style: 2-space maps, `- ` items) ---------

_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 '.!?()-]*")
_FLOW_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 '.-]*")
_YAML_WORDS = {"yes", "no", "on", "off", "true", "false", "null", "y", "n"}


def scalar(text: str) -> str:
    """A YAML scalar any reader (YAML 1.1 or 1.2) reads back as this string."""
    text = " ".join(text.split())
    if _PLAIN.fullmatch(text) and text.lower() not in _YAML_WORDS and not text.endswith(" "):
        return text
    return "'" + text.replace("'", "''") + "'"


def flow_list(items: tuple[str, ...] | list[str]) -> str:
    """`[a, b]`, each item plain when it can be, else double-quoted (JSON is valid YAML)."""
    return "[" + ", ".join(_flow_item(" ".join(i.split())) for i in items) + "]"


def _flow_item(text: str) -> str:
    if _FLOW_PLAIN.fullmatch(text) and text.lower() not in _YAML_WORDS:
        return text
    return json.dumps(text, ensure_ascii=False)


def variant(term: str) -> str | None:
    """Another spelling fans use (Okteivia/Oktaivia, Floukru/Flokru), when one is easy to make."""
    for old, new in (("ei", "ai"), ("ou", "o"), ("o", "ou"), ("i", "ee")):
        if old in term:
            return term.replace(old, new, 1)
    return None


def spotting_yaml(terms: list[Word]) -> str:
    out = [
        "# A benchmark glossary (tests/bench): real and made-up terms.",
        "language: Trigedasleng",
    ]
    out.append("terms:")
    for word in terms:
        out.append(f"  - term: {scalar(word.term)}")
        out.append(f"    translations: {flow_list(word.translations)}")
        out.append(f"    kind: {'phrase' if ' ' in word.term else 'word'}")
    return "\n".join(out) + "\n"


def curated_yaml(sources: Sources, seed: int, count: int) -> str:
    """A glossary of `count` entries as a curated file looks: sources with quotes, notes..."""
    rng = random.Random(seed + 2)
    lines = sources.lines
    out = ["# Trigedasleng glossary, curated by hand after `gloss extract`.", ""]
    out += ["language: Trigedasleng", "terms:"]
    terms = pick(sources, seed, count)
    spellings = {squash(w.term) for w in terms}
    for number, word in enumerate(terms):
        if number % 97 == 0:
            out.append(f"  # --- part {number // 97 + 1} ---")
        out.append(f"  - term: {scalar(word.term)}")
        out.append(f"    translations: {flow_list(word.translations)}")
        other = variant(word.term)
        if other and squash(other) not in spellings and rng.random() < 0.15:
            spellings.add(squash(other))
            out.append(f"    variants: {flow_list([other])}")
        out.append(f"    kind: {'phrase' if ' ' in word.term else 'word'}")
        confirmed = rng.random() < 0.3
        out.append(f"    status: {'confirmed' if confirmed else 'candidate'}")
        if word.pos:
            out.append(f"    pos: {scalar(word.pos)}")
        sources_kept = rng.choice((1, 1, 2, 3))
        out.append("    sources:")
        for _ in range(sources_kept):
            line = rng.choice(lines)
            story = f"stories/shelf{rng.randrange(100):03d}/{rng.randrange(10_000):05d}.txt"
            out.append(f"      - story: {story}")
            out.append(f"        line: {rng.randrange(1, 4000)}")
            quote = f'"{word.term}," {line.speaker or "she"} said. {word.translations[0]}.'
            out.append(f"        quote: {scalar(quote)}")
            out.append(f"        translation: {scalar(word.translations[0])}")
            out.append(f"        method: {rng.choice(METHODS)}")
            out.append(f"        confidence: {rng.randrange(50, 96) / 100}")
        if sources_kept == 3:
            out.append(f"    seen: {rng.randrange(3, 40)}")
        if confirmed and rng.random() < 0.3:
            out.append(f"    notes: {scalar('Checked against the show; ' + line.english)}")
    return "\n".join(out) + "\n"


@dataclass(frozen=True)
class Glossaries:
    spotting: dict[int, tuple[Path, Path]]  # size: (glossary.yaml, terms.txt)
    curated: dict[int, Path]  # size: glossary.yaml
    real: dict[int, int]  # size: how many of the spotting terms are real (not made up)


def build(
    sources: Sources,
    seed: int,
    workdir: Path,
    spot: tuple[int, ...] = SPOT_SIZES,
    load: tuple[int, ...] = LOAD_SIZES,
) -> Glossaries:
    """The glossaries in `workdir`, written unless already there (their names hold the seed)."""
    from tests.bench.corpus import GENERATOR

    home = workdir / f"glossaries-seed{seed}-v{GENERATOR}"
    home.mkdir(parents=True, exist_ok=True)
    spotting: dict[int, tuple[Path, Path]] = {}
    terms = pick(sources, seed, max(spot))
    real = {size: sum(not w.made_up for w in terms[:size]) for size in spot}
    for size in spot:
        yaml_path, terms_path = home / f"spot-{size}.yaml", home / f"spot-{size}.terms.txt"
        if not (yaml_path.is_file() and terms_path.is_file()):
            _write(terms_path, "".join(f"{w.term}\n" for w in terms[:size]))
            _write(yaml_path, spotting_yaml(terms[:size]))
        spotting[size] = (yaml_path, terms_path)
    curated: dict[int, Path] = {}
    for size in load:
        path = home / f"curated-{size}.yaml"
        if not path.is_file():
            _write(path, curated_yaml(sources, seed, size))
        curated[size] = path
    return Glossaries(spotting, curated, real)


def _write(path: Path, text: str) -> None:
    partial = path.with_suffix(".partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)
