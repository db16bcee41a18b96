"""The results: one row per figure, printed as an aligned table and saved as JSON."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# How a ratio is read: `x` a multiple, and the direction that is better.
UNITS = {"s": "{:.2f} s", "ms": "{:.3f} ms", "MB/s": "{:.1f} MB/s", "MB": "{:.0f} MB"}


@dataclass
class Row:
    """One figure: gloss's value, a peer's on the same work, their ratio and the target."""

    section: str
    figure: str
    value: float | None = None
    unit: str = "s"
    peer: str = ""  # the peer's name
    peer_value: float | None = None
    ratio: float | None = None
    ratio_means: str = ""  # e.g. "gloss/rg time"
    target: str = ""
    passed: bool | None = None  # None: no target, or not measured
    peak_mb: float | None = None
    peer_peak_mb: float | None = None
    runs: int | None = None  # runs behind the median (fewer than asked: the time budget)
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v not in (None, "", {})}


def value_text(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    return UNITS.get(unit, "{:.3g} " + unit).format(value)


def ratio_text(row: Row) -> str:
    if row.ratio is None:
        return ""
    digits = 0 if row.ratio >= 100 else 1 if row.ratio >= 10 else 2
    return f"{row.ratio:.{digits}f}x {row.ratio_means}".strip()


def verdict(row: Row) -> str:
    return "" if row.passed is None else ("ok" if row.passed else "MISS")


def peaks_text(row: Row) -> str:
    ours = "-" if row.peak_mb is None else f"{row.peak_mb:.0f}"
    if row.peer_peak_mb is None:
        return "" if row.peak_mb is None else ours
    return f"{ours} / {row.peer_peak_mb:.0f}"


HEADER = ("figure", "n", "gloss", "peer", "peer value", "ratio", "target", "", "peak MB g/p")


def render(rows: list[Row]) -> str:
    """The rows as an aligned table, a section title above each group, notes underneath."""
    cells = [
        (
            row.figure,
            "" if row.runs is None else str(row.runs),
            value_text(row.value, row.unit),
            row.peer,
            value_text(row.peer_value, row.unit) if row.peer else "",
            ratio_text(row),
            row.target,
            verdict(row),
            peaks_text(row),
        )
        for row in rows
    ]
    widths = [max(len(c[i]) for c in [HEADER, *cells]) for i in range(len(HEADER))]
    right = {1, 2, 4, 8}  # numbers are right-aligned

    def line(values: tuple[str, ...]) -> str:
        parts = [
            v.rjust(w) if i in right else v.ljust(w)
            for i, (v, w) in enumerate(zip(values, widths, strict=True))
        ]
        return "  ".join(parts).rstrip()

    out = [line(HEADER), "  ".join("-" * w for w in widths)]
    section = None
    for row, values in zip(rows, cells, strict=True):
        if row.section != section:
            section = row.section
            out.append(f"[{section}]")
        out.append(line(values))
    notes = [f"- {row.figure}: {row.note}" for row in rows if row.note]
    if notes:
        out += ["", "notes:", *notes]
    return "\n".join(out)


def summary(rows: list[Row]) -> str:
    judged = [r for r in rows if r.passed is not None]
    missed = [r.figure for r in judged if not r.passed]
    text = f"targets: {len(judged) - len(missed)} of {len(judged)} met"
    return text + (f"; missed: {'; '.join(missed)}" if missed else "")
