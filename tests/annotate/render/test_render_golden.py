"""Golden files: every format on the bundled stories and on the trap fixtures, end to end.

After an intended change of output, rewrite them with `GLOSS_UPDATE_GOLDEN=1 pytest
tests/annotate/render/test_render_golden.py` and read the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from annotate.cli import app

ROOT = Path(__file__).resolve().parents[3]
GOLDEN = ROOT / "tests" / "data" / "golden"
FIXTURES = "tests/data/annotate"
STORIES = [
    ("stories/000_e9dc7f655c919a4e.txt", f"{FIXTURES}/trigedasleng.yaml"),
    ("stories/002_8293946bfcb2c4ab.txt", f"{FIXTURES}/trigedasleng.yaml"),
    (f"{FIXTURES}/traps.txt", f"{FIXTURES}/traps.yaml"),
    (f"{FIXTURES}/traps.md", f"{FIXTURES}/traps.yaml"),
    (f"{FIXTURES}/traps.html", f"{FIXTURES}/traps.yaml"),
]
FORMATS = {
    "inline": ".txt",
    "footnotes": ".txt",
    "interlinear": ".txt",
    "markdown": ".md",
    "html": ".html",
    "json": ".json",
}
# Layout variants: colour and wrapping, where a terminal would ask for them.
VARIANTS = [
    (f"{FIXTURES}/traps.txt", f"{FIXTURES}/traps.yaml", "inline", ["--color", "--width", "60"]),
    (f"{FIXTURES}/traps.txt", f"{FIXTURES}/traps.yaml", "footnotes", ["--first"]),
    (f"{FIXTURES}/traps.txt", f"{FIXTURES}/traps.yaml", "inline", ["--every"]),
    (f"{FIXTURES}/traps.txt", f"{FIXTURES}/traps.yaml", "interlinear", ["--width", "40"]),
    ("stories/002_8293946bfcb2c4ab.txt", f"{FIXTURES}/trigedasleng.yaml", "inline", ["--first"]),
]


def golden_name(story: str, fmt: str, extra: list[str]) -> str:
    name = Path(story).name
    flags = "".join(f.strip("-") for f in extra if f.startswith("--"))
    numbers = "".join(f for f in extra if f.isdigit())
    variant = f".{flags}{numbers}" if extra else ""
    return f"{name}.{fmt}{variant}{FORMATS[fmt]}"


def check_golden(story: str, glossary: str, fmt: str, extra: list[str]) -> None:
    result = CliRunner().invoke(app, ["annotate", story, "-g", glossary, "-f", fmt, *extra])
    assert result.exit_code == 0, result.output
    golden = GOLDEN / golden_name(story, fmt, extra)
    if os.environ.get("GLOSS_UPDATE_GOLDEN"):
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the golden files name the stories by their relative paths
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("story", "glossary"), STORIES, ids=[Path(s).name for s, _ in STORIES])
def test_golden(story: str, glossary: str, fmt: str) -> None:
    check_golden(story, glossary, fmt, [])


@pytest.mark.parametrize(
    ("story", "glossary", "fmt", "extra"), VARIANTS, ids=lambda v: str(v).strip("-")
)
def test_golden_variants(story: str, glossary: str, fmt: str, extra: list[str]) -> None:
    check_golden(story, glossary, fmt, extra)
