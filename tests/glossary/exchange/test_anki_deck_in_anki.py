"""The deck as Anki itself imports it, with Anki's own library (`pip install anki`, not a test
dependency: 64 MB; skipped where it is not installed)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from glossary.exchange.anki_deck import to_apkg
from glossary.models import Entry, Glossary, Source

GLOSSARY = Glossary(
    language="Trigedasleng",
    terms=[
        Entry(
            term="Heda",
            translations=["commander"],
            sources=[Source(story="a.txt", line=3, quote='"Heda, we go [sound:x.mp3]."')],
        ),
        Entry(term="Lexa", kind="name"),
        Entry(term="gona", status="rejected"),
    ],
)


def _import(collection: Any, path: Path) -> Any:
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

    options = ImportAnkiPackageOptions(with_scheduling=False)
    request = ImportAnkiPackageRequest(package_path=str(path), options=options)
    return collection.import_anki_package(request).log


def test_anki_imports_renders_and_updates_in_place(tmp_path: Path) -> None:
    pytest.importorskip("anki")
    from anki.collection import Collection

    collection = Collection(str(tmp_path / "collection.anki2"))
    first, second = tmp_path / "1.apkg", tmp_path / "2.apkg"
    first.write_bytes(to_apkg(GLOSSARY, now=1_800_000_000.0))
    edited = GLOSSARY.model_copy(deep=True)
    edited.terms[0].translations = ["commander", "leader"]
    second.write_bytes(to_apkg(edited, now=1_800_000_060.0))

    assert len(_import(collection, first).new) == 2
    heda = collection.get_note(collection.find_notes("Term:Heda")[0])
    answer = heda.cards()[0].answer()
    assert '"<span class="cloze" data-ordinal="1">Heda</span>, we go &#91;sound:x.mp3]."' in answer
    assert "commander" in answer and "a.txt, line 3" in answer

    log = _import(collection, second)
    assert (len(log.new), len(log.updated)) == (0, 2)
    assert len(collection.find_notes("")) == 2
    assert collection.get_note(heda.id)["Translation"] == "commander; leader"
    collection.close()
