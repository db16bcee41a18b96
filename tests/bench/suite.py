"""gloss's benchmark suite: speed and memory against the tools people would use instead.

    python -m tests.bench.suite [--size-mb 100] [--seed 1] [--runs 3] [--only annotate,cases]
                                [--json tests/bench/results.json] [--workdir /tmp/gloss-bench]
                                [--memory-scale] [--compare OLD.json] [--baseline GLOSS]

Builds (once per size, seed and generator version; kept in the work folder) a corpus of story
files in every input format from the bundled stories and the community Trigedasleng lines in
../shared/data/trigedasleng, and glossaries of 100, 2,000 and 20,000 terms (a fifth several
words) and of 5,000 and 50,000 curated entries. Then, each figure the median of --runs runs,
each run a fresh process: `gloss extract` on one core and on all; `gloss annotate --format json`
per glossary against ripgrep, flashtext and a trie regex; lookup per query against difflib and
the whole `gloss lookup` command; glossary load, validate and save against PyYAML's C loader;
`annotate --format epub -o out/` on a tenth of the corpus and all of it; peak memory of each.
Prints a table with ratios and targets; writes it as JSON. Skips (exit 0) when ../shared is
absent, and skips any peer that is not installed. Not collected by pytest.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a file: python tests/bench/suite.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench import corpus as corpora
from tests.bench import glossaries as glossary_files
from tests.bench.context import Context, machine
from tests.bench.measure import BUDGET
from tests.bench.sections import SECTIONS
from tests.bench.sources import COMMUNITY, REPO, community_sources
from tests.bench.table import Row, render, summary

DEFAULT_JSON = REPO / "tests" / "bench" / "results.json"
DEFAULT_WORKDIR = Path(os.environ.get("GLOSS_BENCH_DIR", "/tmp/gloss-bench"))


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m tests.bench.suite",
        description=(__doc__ or "").split("\n\n")[0],
    )
    parser.add_argument("--size-mb", type=float, default=100, help="corpus size (default 100)")
    parser.add_argument("--seed", type=int, default=1, help="the corpus and glossaries' seed")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure, median kept")
    parser.add_argument(
        "--only",
        default=",".join(s for s in SECTIONS if s != "memory"),
        help=f"sections, comma-separated (default all but memory): {','.join(SECTIONS)}",
    )
    parser.add_argument(
        "--memory-scale",
        action="store_true",
        help="also extract a corpus 10x the size (1 GB by default) once and compare peaks",
    )
    parser.add_argument(
        "--extract-mb",
        type=float,
        default=0,
        help="extract only the first shelves (~10 MB each) of the corpus that hold this much"
        " (default 0: the whole corpus; 20 for a quicker look)",
    )
    parser.add_argument(
        "--cases-scale",
        type=float,
        default=1.0,
        help="the cases section's files at this scale (default 1: a 100 MB story, 2,000 stories)",
    )
    parser.add_argument(
        "--peer-mb", type=float, default=10, help="the slice Python peers spot (default 10)"
    )
    parser.add_argument(
        "--budget-s",
        type=float,
        default=240,
        help="no more runs of a figure once its runs took this long (default 240)",
    )
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where the JSON goes")
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR, help="kept inputs")
    parser.add_argument("--compare", type=Path, help="a previous JSON: print the changes")
    parser.add_argument(
        "--baseline",
        type=Path,
        help="another gloss executable (e.g. an older commit's venv/bin/gloss): extract on one"
        " core is timed in turns with it, and the CPU times compared",
    )
    args = parser.parse_args(argv)
    args.sections = [s.strip() for s in args.only.split(",") if s.strip()]
    if args.memory_scale and "memory" not in args.sections:
        args.sections.append("memory")
    unknown = [s for s in args.sections if s not in SECTIONS]
    if unknown:
        parser.error(f"unknown section(s) {', '.join(unknown)}; choose from {', '.join(SECTIONS)}")
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if args.baseline is not None and not os.access(args.baseline, os.X_OK):
        parser.error(f"--baseline {args.baseline}: no such executable")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    BUDGET.seconds = args.budget_s
    sources = community_sources()
    if sources is None:
        print(f"skipped: the community data is not at {COMMUNITY} (the benchmark needs it)")
        return 0
    args.workdir.mkdir(parents=True, exist_ok=True)
    # gloss's cache of validated glossaries: the work folder's, never the user's ~/.cache
    os.environ["GLOSS_CACHE_DIR"] = str(args.workdir / "gloss-cache")
    os.environ.pop("GLOSS_NO_CACHE", None)
    say(f"work folder {args.workdir}")
    corpus, made = corpora.build(sources, args.size_mb, args.seed, args.workdir)
    say(
        f"corpus: {corpus.files:,} stories, {corpus.mb:.1f} MB "
        f"({'made now' if made else 'kept from before'}): "
        + ", ".join(f"{k} {v[0]:,} files {v[1] / 1e6:.1f} MB" for k, v in corpus.formats.items())
    )
    glossaries = glossary_files.build(sources, args.seed, args.workdir)
    measured = machine()  # the commit at the start (others may commit while this runs)
    context = Context(args=args, sources=sources, corpus=corpus, glossaries=glossaries)
    rows: list[Row] = []
    sections: dict[str, dict[str, object]] = {}
    for name in args.sections:
        load = os.getloadavg()[0]
        say(f"measuring {name} (load average {load:.2f} on {os.cpu_count()} cores)...")
        start = time.perf_counter()
        section_rows = SECTIONS[name](context)
        rows += section_rows
        sections[name] = {
            "seconds": round(time.perf_counter() - start, 1),
            "load_average_before": round(load, 2),
            "load_average_after": round(os.getloadavg()[0], 2),
        }
        print(render(section_rows), flush=True)
    print("\n" + render(rows))
    print("\n" + summary(rows))
    print(describe(measured, corpus.mb, args.runs))
    at_end = machine()
    report = {
        **measured,
        "commit_at_end": at_end["commit"],
        "uncommitted_at_end": at_end["uncommitted"],
        "args": {k: str(v) for k, v in vars(args).items()},
        "corpus": corpus.to_json(),
        "glossaries": context.glossary_sizes(),
        "sections": sections,
        "rows": [row.to_json() for row in rows],
        "summary": summary(rows),
    }
    if args.compare:
        print("\n" + compare(json.loads(args.compare.read_text(encoding="utf-8")), report))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    say(f"written {args.json}")
    return 0


def compare(old: dict[str, object], new: dict[str, object]) -> str:
    """Each figure in both reports: its value then and now."""
    before = {(r["section"], r["figure"]): r for r in old.get("rows", [])}  # type: ignore[attr-defined]
    lines = [f"compared with {old.get('commit', '?')} ({old.get('date', '?')}):"]
    for key in ("corpus", "glossaries"):
        if old.get(key) != new.get(key):
            lines.append(f"  (the {key} differ: the figures are not strictly comparable)")
    for row in new["rows"]:  # type: ignore[attr-defined]
        then = before.get((row["section"], row["figure"]))
        if then and "value" in then and "value" in row and then["value"]:
            change = row["value"] / then["value"]
            lines.append(
                f"  {row['figure']:<48} {then['value']:>10.3f} -> {row['value']:>10.3f}"
                f" {row.get('unit', '')} ({change:.2f}x)"
            )
    return "\n".join(lines)


def describe(measured: dict[str, object], megabytes: float, runs: int) -> str:
    """Which gloss was measured, on what, and how busy the machine was."""
    commit = str(measured.get("commit", ""))[:10] or "?"
    dirty = measured.get("uncommitted") or []
    machine_info = measured.get("machine")
    assert isinstance(machine_info, dict) and isinstance(dirty, list)
    text = f"gloss {commit}"
    if dirty:
        text += f" (+ uncommitted {', '.join(map(str, dirty))})"
    text += f"; corpus {megabytes:.0f} MB; median of up to {runs} runs;"
    text += f" {machine_info['cpus']} cores ({machine_info['cpu']}),"
    return text + f" load average {machine_info['load_average'][0]} at the start"


def say(text: str) -> None:
    print(f"# {text}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
