#!/usr/bin/env python3
"""Score `gloss extract` on the development corpus of real fan fiction, both lexicon modes.

The corpus is `tests/data/real/`: passages of public fan fiction in many languages, with gold
files per group in `tests/data/real/parts/`. It is split once and for all by story number:
stories numbered 02, 05 and 08 in each group are held back (look at them only to report),
the rest are for tuning. For each split and lexicon mode this runs `score.py` and prints the
figures; `--check` compares them with the figures recorded in `tests/eval/figures.json` and
exits 1 when any falls more than `--tolerance` below; `--record` writes the figures there
(commit them with a message that says why they changed).

Usage:
  python tests/eval/corpus.py [--split tune|held|all] [--check] [--record] [-v]
    [--gloss CMD]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from ruamel.yaml import YAML

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent / "data" / "real"
FIGURES = HERE / "figures.json"
HELD = {"02", "05", "08"}
MODES = {"lexicon": "", "no lexicon": "--lexicon none"}
NAMES = ("recall", "precision", "translation", "trusted")
SUMMARY = re.compile(r"recall ([\d.]+) precision ([\d.]+) translation ([\d.]+) trusted ([\d.]+)")


def split_of(story: str) -> str:
    number = story.split("_")[1] if story.count("_") >= 2 else ""
    return "held" if number in HELD else "tune"


def gold(split: str) -> dict[str, object]:
    """The gold of every story of a split (`all`: both), from the group files."""
    merged: dict[str, object] = {}
    for part in sorted((CORPUS / "parts").glob("*.yaml")):
        for story, entry in (YAML(typ="safe").load(part.read_text(encoding="utf-8")) or {}).items():
            if split in ("all", split_of(story)):
                merged[story] = entry
    return merged


def score(split: str, mode: str, gloss: str, verbose: bool) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "gold.yaml"
        yaml = YAML(typ="safe")
        with path.open("w", encoding="utf-8") as out:
            yaml.dump(gold(split), out)
        command = [
            sys.executable,
            str(HERE / "score.py"),
            "--gold",
            str(path),
            "--stories",
            str(CORPUS),
            "--gloss",
            gloss,
            "--extract-args",
            MODES[mode],
            *(["-v"] if verbose else []),
        ]
        run = subprocess.run(command, capture_output=True, text=True, check=False)
    if verbose:
        print(run.stdout, end="")
    found = SUMMARY.search(run.stdout.strip().splitlines()[-1] if run.stdout.strip() else "")
    if found is None:
        raise SystemExit(f"score.py gave no summary: {run.stderr.strip()[-300:]}")
    return dict(zip(NAMES, (float(x) for x in found.groups()), strict=True))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=["tune", "held", "all"], default="all")
    ap.add_argument("--check", action="store_true", help="fail below the recorded figures")
    ap.add_argument("--record", action="store_true", help="write the figures to figures.json")
    ap.add_argument("--tolerance", type=float, default=0.02)
    ap.add_argument("--gloss", default=str(Path(sys.executable).parent / "gloss"))
    ap.add_argument("--verbose", "-v", action="store_true")
    args = ap.parse_args()

    splits = ["tune", "held"] if args.split == "all" else [args.split]
    figures: dict[str, dict[str, float]] = {}
    stories = {s: len(gold(s)) for s in splits}
    print(f"{'split':<6} {'mode':<11} " + " ".join(f"{n:>11}" for n in NAMES))
    for split in splits:
        for mode in MODES:
            key = f"{split}, {mode}"
            figures[key] = score(split, mode, args.gloss, args.verbose)
            row = " ".join(f"{figures[key][n]:>11.2f}" for n in NAMES)
            print(f"{split:<6} {mode:<11} {row}   ({stories[split]} stories)")
    failed = []
    if args.check:
        recorded = json.loads(FIGURES.read_text(encoding="utf-8"))
        for key, values in figures.items():
            for name, value in values.items():
                floor = recorded.get(key, {}).get(name)
                if floor is not None and value < floor - args.tolerance:
                    failed.append(f"{key}: {name} {value:.2f}, recorded {floor:.2f}")
    if args.record:
        recorded = json.loads(FIGURES.read_text(encoding="utf-8")) if FIGURES.exists() else {}
        recorded.update(figures)
        FIGURES.write_text(json.dumps(recorded, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    for line in failed:
        print(f"below the recorded figures: {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
