"""`gloss annotate --format json` against ripgrep, case by case: issue 17's targets.

Cases, each on files made once in the work folder (the same bytes for the same seed):
- one 100 MB .txt story (the bundled stories repeated): within 3x of ripgrep, under 150 MB;
- 2,000 stories of 50 KB as .txt: within 4x of ripgrep;
- the same 2,000 stories as .md, .html and .epub: the readers measured the same way, ratios
  reported (no target). ripgrep reads the Markdown and HTML as text; for the EPUBs it reads
  their members unzipped beside them (it skips a zip as binary).

Both sides run with their defaults (all cores), output to a file; `--cases-scale` shrinks the
files for a quick look (0.1: a 10 MB story and 200 stories).
"""

from __future__ import annotations

import random
import zipfile
from pathlib import Path

from tests.bench.context import Context
from tests.bench.measure import Timing, measure
from tests.bench.peers import missing, ripgrep, ripgrep_command
from tests.bench.stories import plan, render
from tests.bench.table import Row

TERMS = 2_000  # the glossary the targets are judged on (~1,500 real terms)
BIG_MB = 100
SMALL_COUNT = 2_000
SMALL_CHARS = 50_000
TARGETS = {"one story": (3.0, "<= 3x (goal 2x), < 150 MB"), "txt": (4.0, "<= 4x (goal 3x)")}
PEAK_LIMIT_MB = 150


def _small_stories(ctx: Context, fmt: str, count: int) -> Path:
    """`count` stories of about 50 KB in `fmt` (made once), in one folder."""
    from tests.bench.corpus import GENERATOR

    home = ctx.workdir / f"cases-{count}x{SMALL_CHARS}-seed{ctx.args.seed}-v{GENERATOR}" / fmt
    done = home.parent / f".{fmt}-done"
    if done.is_file():
        return home
    home.mkdir(parents=True, exist_ok=True)
    rng = random.Random(ctx.args.seed)
    for number in range(count):
        story = plan(rng, ctx.sources, fmt, SMALL_CHARS)
        (home / f"{number:05d}_{story.author}.{fmt}").write_bytes(render(story, fmt))
    done.write_text("", encoding="utf-8")
    return home


def _unzipped(folder: Path) -> Path:
    """The EPUBs' members unzipped into a sibling folder (made once), for ripgrep."""
    out = folder.with_name(folder.name + "-unzipped")
    done = out.with_name(f".{out.name}-done")
    if not done.is_file():
        for book in sorted(folder.glob("*.epub")):
            with zipfile.ZipFile(book) as archive:
                archive.extractall(out / book.stem)
        done.write_text("", encoding="utf-8")
    return out


def _megabytes(paths: list[Path]) -> float:
    files = [p for root in paths for p in ([root] if root.is_file() else root.rglob("*"))]
    return sum(p.stat().st_size for p in files if p.is_file()) / 1e6


def _row(figure: str, mb: float, ours: Timing, theirs: Timing | None, rg_note: str) -> Row:
    row = Row("cases", figure, ours.median, "s", runs=len(ours.runs), peak_mb=ours.peak_mb)
    row.extra = {"mb": round(mb, 1), "seconds": ours.runs, "cpu_seconds": ours.cpu}
    row.note = f"cpu {ours.cpu_median:.2f} s"
    if theirs is not None and theirs.ok:
        row.peer, row.peer_value = "rg", theirs.median
        row.ratio, row.ratio_means = ours.median / theirs.median, "gloss/rg time"
        row.peer_peak_mb = theirs.peak_mb
        row.extra["rg_seconds"] = theirs.runs
        row.extra["rg_cpu_seconds"] = theirs.cpu
        cpu_ratio = ours.cpu_median / max(theirs.cpu_median, 1e-9)
        row.note += f" (rg {theirs.cpu_median:.2f} s, {cpu_ratio:.1f}x)"
    elif theirs is not None:
        row.note += f"; rg: {theirs.error}"
    elif rg_note:
        row.note += f"; {rg_note}"
    if ours.warnings:
        row.note = (row.note + "; " if row.note else "") + f"gloss: {ours.warnings}"
    return row


def cases(ctx: Context) -> list[Row]:
    from tests.bench.sections import repeated_stories

    scale = float(getattr(ctx.args, "cases_scale", 1.0))
    glossary, terms = ctx.glossaries.spotting[TERMS]
    rg = ripgrep()
    big = repeated_stories(ctx.workdir, BIG_MB * scale)
    count = max(1, round(SMALL_COUNT * scale))
    plan_: list[tuple[str, str, Path, list[Path]]] = [
        ("one story", f"one {BIG_MB * scale:g} MB .txt story", big, [big])
    ]
    for fmt in ("txt", "md", "html", "epub"):
        folder = _small_stories(ctx, fmt, count)
        theirs_on = [_unzipped(folder)] if fmt == "epub" else [folder]
        plan_.append((fmt, f"{count:,} .{fmt} stories of 50 KB", folder, theirs_on))
    rows: list[Row] = []
    found = ctx.workdir / "cases-output"
    for case, figure, ours_on, theirs_on in plan_:
        argv = [*ctx.gloss(), "annotate", str(ours_on), "-g", str(glossary), "--format", "json"]
        ours = measure(argv, ctx.runs, accept=(0, 1), stdout=found)
        if not ours.ok:
            rows.append(Row("cases", figure, note=f"not measured: {ours.error}"))
            continue
        theirs = None
        if rg is not None:
            rg_argv = ripgrep_command(rg, terms, theirs_on)
            theirs = measure(rg_argv, ctx.runs, accept=(0, 1), stdout=found)
        row = _row(f"annotate json, {figure}", _megabytes([ours_on]), ours, theirs, "")
        if rg is None:
            row.note += f"; {missing('ripgrep')}"
        if case == "epub":
            row.note = (row.note + "; " if row.note else "") + "rg on the members unzipped"
        if case in TARGETS and row.ratio is not None:
            limit, row.target = TARGETS[case]
            row.passed = row.ratio <= limit
            if case == "one story":
                row.passed = row.passed and ours.peak_mb < PEAK_LIMIT_MB
        rows.append(row)
    found.unlink(missing_ok=True)
    return rows
