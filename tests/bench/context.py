"""What every section of the suite shares: its inputs, the gloss command, the machine."""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import subprocess
import sys
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from tests.bench.corpus import Corpus
from tests.bench.glossaries import Glossaries
from tests.bench.peers import ripgrep
from tests.bench.sources import REPO, Sources

PACKAGES: tuple[str, ...] = (
    "pydantic",
    "ruamel.yaml",
    "ruamel.yaml.clib",
    "rapidfuzz",
    "ahocorasick-rs",
)
PACKAGES += ("selectolax", "typer", "flashtext", "PyYAML")


@dataclass
class Context:
    args: argparse.Namespace
    sources: Sources
    corpus: Corpus
    glossaries: Glossaries
    shared: dict[str, float] = field(default_factory=dict)  # figures one section passes on

    @property
    def runs(self) -> int:
        return int(self.args.runs)

    @property
    def workdir(self) -> Path:
        return Path(self.args.workdir)

    def gloss(self) -> list[str]:
        """The `gloss` console script of this Python (the project installed in its venv)."""
        script = Path(sys.executable).parent / "gloss"
        if script.is_file():
            return [str(script)]
        return [sys.executable, "-c", "from annotate.cli import main; main()"]

    def glossary_sizes(self) -> dict[str, object]:
        return {
            "spotting": {n: p[0].stat().st_size for n, p in self.glossaries.spotting.items()},
            "spotting_real_terms": self.glossaries.real,
            "curated": {n: p.stat().st_size for n, p in self.glossaries.curated.items()},
        }


def _git(*args: str, strip: bool = True) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=False)
    except OSError:
        return ""
    return done.stdout.strip() if strip else done.stdout


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def _memory_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 2**20, 1)
    except OSError:
        pass
    return None


def _versions() -> dict[str, str]:
    out = {}
    for name in PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "absent"
    rg = ripgrep()
    if rg:
        first = subprocess.run([rg, "--version"], capture_output=True, text=True, check=False)
        out["ripgrep"] = first.stdout.split("\n")[0].removeprefix("ripgrep ").strip()
    return out


def machine() -> dict[str, object]:
    """The commit measured (and whether gloss's code had changes not committed), the machine."""
    code = ("annotate", "glossary", "pyproject.toml")
    dirty = _git("status", "--porcelain", "--", *code, strip=False)
    return {
        "commit": _git("rev-parse", "HEAD"),
        "commit_subject": _git("log", "-1", "--format=%s"),
        "uncommitted": [line[3:] for line in dirty.splitlines() if line.strip()],
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "cpu": _cpu_model(),
            "memory_gb": _memory_gb(),
            "python": platform.python_version(),
            "system": platform.platform(),
            "load_average": [round(x, 2) for x in os.getloadavg()],
        },
        "versions": _versions(),
    }
