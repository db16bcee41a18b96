"""What people would use instead of gloss, set up to do the same work.

- spotting: ripgrep (`rg -F -i -w -o -f terms.txt`, Debian's package) over the same files;
  flashtext and a trie regex (one alternation built from a trie of the terms, `re`, any case,
  whole words) over the same stories' text in Python;
- lookup: `difflib.get_close_matches` over the same spellings and translations, folded;
- reading a glossary: PyYAML's C loader (`yaml.CSafeLoader`), nothing validated.

Each optional peer is imported only when used; `missing` says why one cannot run.
"""

from __future__ import annotations

import difflib
import importlib.util
import re
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from glossary.models import Glossary
from glossary.spelling import fold

RG = "rg"


def ripgrep() -> str | None:
    return shutil.which(RG)


def ripgrep_command(rg: str, terms: Path, paths: Iterable[Path]) -> list[str]:
    # As the issue gives it; its output must go to a file or pipe: into /dev/null, ripgrep
    # stops at the first match.
    return [rg, "-F", "-i", "-w", "-o", "-f", str(terms), *map(str, paths)]


def missing(peer: str) -> str | None:
    """Why a Python peer cannot run here, or None."""
    if peer == "flashtext" and importlib.util.find_spec("flashtext") is None:
        return "flashtext is not installed (pip install -e '.[bench]')"
    if peer == "pyyaml":
        if importlib.util.find_spec("yaml") is None:
            return "PyYAML is not installed (pip install -e '.[bench]')"
        import yaml  # type: ignore[import-untyped,unused-ignore]

        if not hasattr(yaml, "CSafeLoader"):
            return "PyYAML has no C loader here (built without libyaml)"
    if peer == "ripgrep" and ripgrep() is None:
        return "ripgrep is not installed (Debian: apt-get install ripgrep)"
    return None


# --- spotting in Python ----------------------------------------------------------------------


def flashtext_spotter(terms: list[str]) -> Callable[[str], int]:
    from flashtext import KeywordProcessor  # type: ignore[import-untyped,unused-ignore]

    processor = KeywordProcessor(case_sensitive=False)
    for term in terms:
        processor.add_keyword(term)
    return lambda text: len(processor.extract_keywords(text))


def trie_pattern(terms: Iterable[str]) -> str:
    """One regex alternation from a trie of the (lower-cased) terms: shared prefixes once."""
    root: dict[str, Any] = {}
    for term in terms:
        node = root
        for char in term.lower():
            node = node.setdefault(char, {})
        node[""] = True
    return _node_pattern(root) or ""


def _node_pattern(node: dict[str, Any]) -> str | None:
    if "" in node and len(node) == 1:
        return None
    branches: list[str] = []
    leaves: list[str] = []
    optional = False
    for char in sorted(node):
        if char == "":
            optional = True
            continue
        rest = _node_pattern(node[char])
        if rest is None:
            leaves.append(re.escape(char))
        else:
            branches.append(re.escape(char) + rest)
    only_leaves = not branches
    if leaves:
        branches.append(leaves[0] if len(leaves) == 1 else "[" + "".join(leaves) + "]")
    result = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if optional:
        result = result + "?" if only_leaves else f"(?:{result})?"
    return result


def trie_spotter(terms: list[str]) -> Callable[[str], int]:
    regex = re.compile(r"\b(?:" + trie_pattern(terms) + r")\b", re.IGNORECASE)
    return lambda text: sum(1 for _ in regex.finditer(text))


# --- lookup and reading ----------------------------------------------------------------------


def difflib_lookup(glossary: Glossary) -> Callable[[str], list[str]]:
    """The entries (folded terms) whose spellings or translations are close to a query."""
    owner: dict[str, str] = {}
    for entry in glossary.terms:
        for text in [*entry.spellings(), *entry.translations]:
            owner.setdefault(fold(text), fold(entry.term))
    choices = list(owner)
    return lambda query: [owner[m] for m in difflib.get_close_matches(fold(query), choices, n=10)]


def pyyaml_load(path: Path) -> object:
    import yaml  # type: ignore[import-untyped,unused-ignore]

    with path.open("rb") as stream:
        return yaml.load(stream, Loader=yaml.CSafeLoader)
