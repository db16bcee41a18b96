#!/usr/bin/env python3
# Vendored copy of ../shared/eval/score.py (the team's shared scorer, read-only there), so the
# project carries what it needs to score extraction. Unchanged except this header comment; keep it
# in sync with the shared original rather than editing it here. Usage: tests/eval/README.md.
# ruff: noqa
# fmt: off
"""Score `gloss extract` against a gold list of conlang terms.

For each story named in the gold file, runs `gloss extract STORY -g OUT.yaml` into a fresh
glossary, reads the YAML (top-level `terms:` list; each entry has `term`, `translations`,
`variants`, `kind`, `status`) and compares it with the gold terms:

  recall       gold terms found (an entry whose term or a variant equals the gold term or a
               gold variant, compared case-, accent- and punctuation-insensitively)
  precision    scored entries that are gold terms. Entries with status `rejected`, entries of
               kind `name`, entries listed under `ignore`, and entries made only of words of a
               gold phrase are not scored.
  translation  found gold terms that state a translation in the story, whose entry carries a
               translation close to it (rapidfuzz ratio >= 85 after normalising)
  trusted      of the found gold terms whose entry claims a translation from the story itself
               (a source with a `translation` that does not come from a lexicon), the share
               whose claim is close to what the story states: a translation invented for a term
               the story leaves untranslated, or a wrong one, counts against it

Usage:
  python score.py --gold GOLD.yaml --stories DIR [--gloss CMD] [--extract-args ARGS] [--min-recall R]
                  [--min-precision P] [--min-translation T] [--min-trusted U] [--verbose]
Exits 0 when every minimum holds, 1 otherwise; the last line is the summary.
"""
from __future__ import annotations

import argparse
import shlex
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

from rapidfuzz import fuzz
from ruamel.yaml import YAML

ARTICLES = ("the ", "a ", "an ")


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    text = "".join(ch if ch.isalnum() else " " for ch in text.casefold())
    return " ".join(text.split())


def norm_translation(text: str) -> str:
    text = norm(text)
    for article in ARTICLES:
        if text.startswith(article):
            text = text[len(article):]
    return text


def close(found: str, wanted: str) -> bool:
    a, b = norm_translation(found), norm_translation(wanted)
    return bool(a) and bool(b) and max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b)) >= 85


def load_glossary(path: Path) -> list[dict]:
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8")) or {}
    terms = data.get("terms") or []
    if not isinstance(terms, list):
        raise SystemExit(f"{path}: `terms` is not a list")
    return [t for t in terms if isinstance(t, dict)]


def story_translations(entry: dict) -> list[str]:
    """The translations an entry says the story itself gave (not a lexicon's)."""
    sources = entry.get("sources")
    if not isinstance(sources, list):
        return []
    found = []
    for src in sources:
        if not isinstance(src, dict) or not src.get("translation"):
            continue
        if src.get("lexicon") or str(src.get("method", "")).lower() == "lexicon":
            continue
        found.append(str(src["translation"]))
    return found


def score_story(entries: list[dict], gold: dict) -> dict:
    items = gold.get("terms") or []
    ignore = {norm(x) for x in gold.get("ignore") or []}
    phrase_words = {w for item in items for w in norm(item["term"]).split()}
    gold_forms = [
        {norm(item["term"]), *(norm(v) for v in item.get("variants") or [])} for item in items
    ]
    found = [False] * len(items)
    translated = [None] * len(items)  # None: no translation stated in the story
    claimed = [None] * len(items)  # None: no translation claimed from the story; else right?
    false_positives = []
    hit_entries = 0
    for entry in entries:
        if str(entry.get("status", "")).lower() == "rejected" or str(entry.get("kind", "")).lower() == "name":
            continue
        forms = {norm(entry.get("term", "")), *(norm(v) for v in entry.get("variants") or [])}
        forms.discard("")
        hits = [i for i, g in enumerate(gold_forms) if forms & g]
        for i in hits:
            found[i] = True
            wanted = items[i].get("translations") or []
            if wanted:
                given = [str(t) for t in entry.get("translations") or []]
                ok = any(close(g, w) for g in given for w in wanted)
                translated[i] = bool(translated[i]) or ok
            told = story_translations(entry)
            if told:
                right = bool(wanted) and any(close(t, w) for t in told for w in wanted)
                claimed[i] = bool(claimed[i]) or right
        if hits:
            hit_entries += 1
            continue
        if forms & ignore or all(set(f.split()) <= phrase_words for f in forms):
            continue
        false_positives.append(entry.get("term"))
    for i, item in enumerate(items):
        if item.get("translations") and translated[i] is None:
            translated[i] = False
    return {
        "found": sum(found),
        "gold": len(items),
        "hit_entries": hit_entries,
        "false_positives": false_positives,
        "missed": [items[i]["term"] for i, f in enumerate(found) if not f],
        "translation_ok": sum(1 for t in translated if t),
        "translation_total": sum(1 for item in items if item.get("translations")),
        "translation_wrong": [items[i]["term"] for i, t in enumerate(translated) if t is False],
        "claimed": sum(1 for c in claimed if c is not None),
        "claimed_right": sum(1 for c in claimed if c),
        "claimed_wrong": [items[i]["term"] for i, c in enumerate(claimed) if c is False],
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", required=True, type=Path)
    ap.add_argument("--stories", required=True, type=Path)
    ap.add_argument("--gloss", default="gloss", help="command that runs the CLI")
    ap.add_argument("--extract-args", default="", help="extra arguments for `gloss extract`")
    ap.add_argument("--min-recall", type=float, default=0.0)
    ap.add_argument("--min-precision", type=float, default=0.0)
    ap.add_argument("--min-translation", type=float, default=0.0)
    ap.add_argument("--min-trusted", type=float, default=0.0)
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--verbose", "-v", action="store_true")
    args = ap.parse_args()

    gold = YAML(typ="safe").load(args.gold.read_text(encoding="utf-8"))
    totals = {"found": 0, "gold": 0, "fp": 0, "tp": 0, "tr_ok": 0, "tr_total": 0, "cl": 0, "cl_ok": 0}
    with tempfile.TemporaryDirectory() as tmp:
        for story, story_gold in gold.items():
            out = Path(tmp) / f"{Path(story).stem}.yaml"
            cmd = [*shlex.split(args.gloss), "extract", str(args.stories / story), "-g", str(out),
                   *shlex.split(args.extract_args)]
            try:
                run = subprocess.run(cmd, capture_output=True, text=True, timeout=args.timeout)
            except subprocess.TimeoutExpired:
                print(f"{story}: extract ran past {args.timeout:.0f} s")
                entries = []
            else:
                if run.returncode != 0 or not out.exists():
                    print(f"{story}: extract failed (exit {run.returncode}): {run.stderr.strip()[-300:]}")
                    entries = []
                else:
                    entries = load_glossary(out)
            result = score_story(entries, story_gold)
            tp = result["hit_entries"]
            fp = len(result["false_positives"])
            totals["found"] += result["found"]
            totals["gold"] += result["gold"]
            totals["fp"] += fp
            totals["tp"] += tp
            totals["tr_ok"] += result["translation_ok"]
            totals["tr_total"] += result["translation_total"]
            totals["cl"] += result["claimed"]
            totals["cl_ok"] += result["claimed_right"]
            line = (f"{story}: found {result['found']}/{result['gold']}, false positives {fp}, "
                    f"translations {result['translation_ok']}/{result['translation_total']}")
            print(line)
            if args.verbose:
                if result["missed"]:
                    print(f"  missed: {result['missed']}")
                if result["false_positives"]:
                    print(f"  false positives: {result['false_positives']}")
                if result["translation_wrong"]:
                    print(f"  translation missing or wrong: {result['translation_wrong']}")
                if result["claimed_wrong"]:
                    print(f"  translation claimed from the story, not what it says: {result['claimed_wrong']}")
    recall = totals["found"] / totals["gold"] if totals["gold"] else 1.0
    precision = totals["tp"] / (totals["tp"] + totals["fp"]) if totals["tp"] + totals["fp"] else 0.0
    translation = totals["tr_ok"] / totals["tr_total"] if totals["tr_total"] else 1.0
    trusted = totals["cl_ok"] / totals["cl"] if totals["cl"] else 1.0
    ok = (recall >= args.min_recall and precision >= args.min_precision
          and translation >= args.min_translation and trusted >= args.min_trusted)
    print(f"recall {recall:.2f} precision {precision:.2f} translation {translation:.2f} trusted {trusted:.2f}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
