"""Shared fixtures: tests never touch the user's files, and output is never coloured."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _plain_output(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("GLOSS_DEBUG", raising=False)


@pytest.fixture(autouse=True)
def _own_cache(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Each test its own empty glossary cache, never the user's ~/.cache."""
    folder = tmp_path_factory.mktemp("gloss-cache")
    monkeypatch.setenv("GLOSS_CACHE_DIR", str(folder))
    monkeypatch.delenv("GLOSS_NO_CACHE", raising=False)
    return folder


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in an empty temporary folder (for commands whose defaults are relative paths)."""
    monkeypatch.chdir(tmp_path)
    return tmp_path
