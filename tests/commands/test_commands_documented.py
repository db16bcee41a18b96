"""Every command is in the README's command table, and the README points to nothing that the
repository does not have."""

from __future__ import annotations

import re

import pytest

from annotate.cli import app
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
COMMANDS = [c.name for c in app.registered_commands if c.name]


def _table_commands() -> list[str]:
    section = README.split("## Commands", 1)[1].split("\n\n", 2)[1]
    return re.findall(r"^\| `gloss (\w+)", section, re.MULTILINE)


def test_the_table_lists_every_command_once() -> None:
    assert sorted(_table_commands()) == sorted(COMMANDS)


@pytest.mark.parametrize("name", re.findall(r"`([\w./-]+\.md)`", README))
def test_documents_named_exist(name: str) -> None:
    assert (REPO / name).exists(), f"the README names {name}, which is not here"
