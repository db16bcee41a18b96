"""Spotting works the same whatever the story's file format: the traps in each reader's form."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from annotate.cli import app

GLOSSARY = """\
terms:
  - term: Yu gonplei ste odon
    translations: [Your fight is over]
  - term: Heda
    translations: [Commander]
  - term: kom
    translations: [of]
"""
XHTML = """<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>One</title></head><body>
<p>"Yu gonplei<br/>ste <em>odon</em>," she said. HEDDAA! The Komodo kom.</p>
</body></html>
"""
OPF = """<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Traps</dc:title>
<dc:identifier id="id">traps</dc:identifier><dc:language>en</dc:language></metadata>
<manifest><item id="c1" href="c1.xhtml" media-type="application/xhtml+xml"/></manifest>
<spine><itemref idref="c1"/></spine></package>
"""
CONTAINER = """<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
</rootfiles></container>
"""


def write_epub(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as epub:
        epub.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        epub.writestr("META-INF/container.xml", CONTAINER)
        epub.writestr("OEBPS/content.opf", OPF)
        epub.writestr("OEBPS/c1.xhtml", XHTML)


STORIES = {
    "story.txt": '"Yu gonplei\nste _odon_," she said. HEDDAA! The Komodo kom.\n',
    "story.md": '"Yu gonplei\nste *odon*," she said. HEDDAA! The Komodo kom.\n',
    "story.html": f"<html><body>{XHTML.split('<body>')[1]}",
    "story.epub": None,
}


@pytest.mark.parametrize("name", STORIES)
def test_the_same_spans_in_every_input_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("glossary.yaml").write_text(GLOSSARY, encoding="utf-8")
    content = STORIES[name]
    if content is None:
        write_epub(Path(name))
    else:
        Path(name).write_text(content, encoding="utf-8")
    result = CliRunner().invoke(app, ["annotate", name, "--format", "json"])
    assert result.exit_code == 0, result.output
    (story,) = json.loads(result.stdout)
    text = [span["text"] for span in story["spans"]]
    assert text == ["Yu gonplei\nste odon", "HEDDAA", "kom"]
