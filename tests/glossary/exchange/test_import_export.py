"""Import (community dictionary, gloss JSON, CSV/TSV), export, and the round trips between."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from glossary.errors import GlossError, Problem
from glossary.exchange.exporters import FORMATS, export
from glossary.exchange.formats import (
    guess_format,
    read_dictionary,
    read_lines,
    read_table,
    split_senses,
)
from glossary.exchange.importing import merge_imported, read_source
from glossary.models import Entry, Glossary, Source
from glossary.store.document import dumps, load, load_or_new, save
from glossary.store.reading import read

DATA = Path(__file__).parents[2] / "data" / "lookup"
DICTIONARY = DATA / "dictionary.json"


@pytest.mark.parametrize(
    ("text", "senses", "parts"),
    [
        ("noun: leader; commander; chief", ["leader", "commander", "chief"], ["noun"]),
        ("verb: (transitive) see, watch", ["(transitive) see, watch"], ["verb"]),
        ("adjective: best; adverb: excellently", ["best", "excellently"], ["adjective", "adverb"]),
        ("proper noun: Tree People", ["Tree People"], ["proper noun"]),
        ("none: mother tongue", ["mother tongue"], []),
        ("also: a thing; ; thing", ["also: a thing", "thing"], []),  # not a part of speech
    ],
)
def test_split_senses(text: str, senses: list[str], parts: list[str]) -> None:
    assert split_senses(text) == (senses, parts)


def _terms(path: Path) -> dict[str, Entry]:
    return {e.term: e for e in read(path).terms}


def test_dictionary_reads_senses_kinds_and_reports_bad_entries() -> None:
    imported = read_dictionary(DICTIONARY.read_text(encoding="utf-8"), "d.json")
    entries = {(r.entry.term, r.entry.translations[0]): r for r in imported.records}
    heda = entries[("Heda", "commander")].entry
    assert (heda.translations, heda.pos, heda.etymology) == (
        ["commander", "leader"],
        "noun",
        "header",
    )
    assert entries[("Trikru", "Tree People")].entry.kind == "group"
    assert entries[("fou gonon", "just in time")].entry.kind == "phrase"
    assert entries[("daun", "sad")].line == 4  # the line its object starts on
    assert imported.problems == [
        Problem("d.json", 11, 1, "skipped: no `word`"),
        Problem("d.json", 12, 1, "skipped: an entry is a JSON object"),
    ]


@pytest.mark.parametrize(
    ("canon", "terms"),
    [
        (
            "all",
            {
                "Heda",
                "daun",
                "gouthru klir",
                "gouthru klin",
                "Trikru",
                "fou gonon",
                "gugolet",
                "fodowin",
            },
        ),
        (
            "canon",
            {"Heda", "daun", "gouthru klir", "gouthru klin", "Trikru", "fou gonon", "fodowin"},
        ),
        ("noncanon", {"gugolet"}),
    ],
)
def test_canon_filter(canon: str, terms: set[str]) -> None:
    imported = read_dictionary(DICTIONARY.read_text(encoding="utf-8"), "d.json", canon)  # type: ignore[arg-type]
    assert {r.entry.term for r in imported.records} == terms


def _import(tmp_path: Path, source: Path, glossary: Path | None = None) -> tuple[Path, list[str]]:
    path = glossary or tmp_path / "glossary.yaml"
    doc = load_or_new(path)
    report = merge_imported(doc, read_source(source), source.name)
    save(doc)
    return path, [str(c) for c in report.changes]


def test_dictionary_import_keeps_homographs_and_one_letter_neighbours(tmp_path: Path) -> None:
    path, _ = _import(tmp_path, DICTIONARY)
    terms = _terms(path)
    assert terms["daun"].translations == ["down", "sad"]
    assert terms["daun"].pos == "preposition; adjective"
    # one letter apart, opposite meanings: two entries, never variants of each other
    assert terms["gouthru klir"].translations == ["safe passage"]
    assert terms["gouthru klin"].translations == ["commit suicide"]
    assert terms["gouthru klin"].variants == []
    assert terms["fodowin"].notes == "mostly after ste"
    assert {s.lexicon for s in terms["Heda"].sources} == {"dictionary.json"}


def test_second_identical_import_changes_nothing(tmp_path: Path) -> None:
    path, _ = _import(tmp_path, DICTIONARY)
    before = path.read_bytes()
    _, changes = _import(tmp_path, DICTIONARY)
    assert changes == []
    assert path.read_bytes() == before


def test_import_never_undoes_what_a_person_did(tmp_path: Path) -> None:
    path = tmp_path / "glossary.yaml"
    path.write_text(
        "# my notes stay\n"
        "terms:\n"
        "  - term: Hedda  # shouted, on purpose\n"
        "    translations: [the Commander]\n"
        "    kind: title\n"
        "    status: confirmed\n"
        "    pos: title noun\n"
        "  - term: gouthru klin\n"
        "    status: rejected\n",
        encoding="utf-8",
    )
    _, changes = _import(tmp_path, DICTIONARY, path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# my notes stay\nterms:\n  - term: Hedda  # shouted, on purpose\n")
    heda = _terms(path)["Hedda"]
    assert (heda.kind, heda.status, heda.pos) == ("title", "confirmed", "title noun")
    assert heda.translations == ["the Commander", "commander", "leader"]
    assert _terms(path)["gouthru klin"].translations == []  # rejected stays as it was
    assert changes[0] == (
        "updated Hedda (translation 'commander', translation 'leader', variant 'Heda', "
        "2 sources, etymology)"
    )

    # a person deletes an imported translation: the next import does not bring it back
    doc = load(path)
    doc.data["terms"][0]["translations"].remove("leader")
    save(doc)
    _import(tmp_path, DICTIONARY, path)
    assert _terms(path)["Hedda"].translations == ["the Commander", "commander"]


@pytest.mark.parametrize(
    ("text", "delimiter", "records", "problems"),
    [
        (
            "term,translation\nheda,commander; leader\n",
            ",",
            [("heda", ["commander", "leader"])],
            [],
        ),
        ("heda,commander\nkru,people\n", ",", [("heda", ["commander"]), ("kru", ["people"])], []),
        # OmegaT: source, target, comment; a quote mark is text, not quoting
        (
            'heda\tcommander\ta title\n"yo"\tyou all\n',
            "\t",
            [("heda", ["commander"]), ('"yo"', ["you all"])],
            [],
        ),
        (
            "Translation,Term\ncommander,heda\n,kru\nsad,\n",
            ",",
            [("heda", ["commander"]), ("kru", [])],
            ["t:4:1: skipped: no term"],
        ),
        (
            "heda,commander\nkru\n\n",
            ",",
            [("heda", ["commander"])],
            ["t:2:1: skipped: no translation for 'kru'"],
        ),
        (
            "term,translation,kind\nheda,commander,title\nkru,people,tribe\n",
            ",",
            [("heda", ["commander"])],
            [
                "t:3:1: skipped: kind: Input should be "
                "'word', 'phrase', 'name', 'title', 'place', 'group' or 'other'"
            ],
        ),
        (
            'term,translation\n"yu\ngonplei",your fight\n,x\n',
            ",",
            [("yu\ngonplei", ["your fight"])],
            ["t:4:1: skipped: no term"],
        ),
    ],
)
def test_tables(
    text: str, delimiter: str, records: list[tuple[str, list[str]]], problems: list[str]
) -> None:
    imported = read_table(text, "t", delimiter)
    assert [(r.entry.term, r.entry.translations) for r in imported.records] == records
    assert [str(p) for p in imported.problems] == problems


GLOSSARY = Glossary(
    language="Trigedasleng",
    terms=[
        Entry(
            term="Heda",
            translations=["commander", "leader, chief"],
            variants=["Hedda"],
            kind="title",
            status="confirmed",
            pos="noun",
            notes='Says "yes" | no',
            sources=[Source(story="s/1.txt", line=3, quote="Heda, we must go.", method="italic")],
        ),
        Entry(term="gona", translations=["warrior"], status="rejected", seen=4, confidence=0.25),
        Entry(term="Lexa", kind="name"),
        Entry(term="Yu gonplei ste odon", translations=["Your fight is over"], kind="phrase"),
        Entry(term="daun", translations=["down"]),
        Entry(term="daun", translations=["sad"]),  # kept apart by a person
    ],
)


def _round_trip(tmp_path: Path, fmt: str) -> Glossary:
    source = tmp_path / f"out.{fmt}"
    source.write_text(export(GLOSSARY, fmt), encoding="utf-8")  # type: ignore[arg-type]
    path, _ = _import(tmp_path, source)
    return read(path)


def test_json_round_trip_is_lossless(tmp_path: Path) -> None:
    assert _round_trip(tmp_path, "json").terms == GLOSSARY.terms


def test_json_round_trip_twice_changes_nothing(tmp_path: Path) -> None:
    _round_trip(tmp_path, "json")
    before = (tmp_path / "glossary.yaml").read_bytes()
    assert _round_trip(tmp_path, "json").terms == GLOSSARY.terms
    assert (tmp_path / "glossary.yaml").read_bytes() == before


def test_csv_round_trip_keeps_terms_translations_and_more(tmp_path: Path) -> None:
    back = _round_trip(tmp_path, "csv")
    want = [(e.term, e.translations, e.variants, e.kind, e.pos, e.notes) for e in GLOSSARY.terms]
    got = [(e.term, e.translations, e.variants, e.kind, e.pos, e.notes) for e in back.terms]
    # the two entries `daun` become one when they come in through a table (homographs)
    assert got == [*want[:4], ("daun", ["down", "sad"], [], "word", None, None)]


def test_tsv_is_an_omegat_glossary() -> None:
    lines = export(GLOSSARY, "tsv").splitlines()
    assert lines[:3] == [
        'Heda\tcommander\ttitle; noun; Says "yes" | no',
        'Heda\tleader, chief\ttitle; noun; Says "yes" | no',
        'Hedda\tcommander\ttitle; noun; Says "yes" | no',
    ]
    assert not any(line.startswith(("gona", "Lexa")) for line in lines)  # rejected; no target


def test_tbx_is_valid_xml_with_both_languages() -> None:
    root = ET.fromstring(export(GLOSSARY, "tbx"))
    ns = {"t": "urn:iso:std:iso:30042:ed-2"}
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    assert (root.get("type"), root.get(lang)) == ("TBX-Core", "en")
    first = root.find("t:text/t:body/t:conceptEntry", ns)
    assert first is not None
    sections = {s.get(lang): [t.text for t in s.iterfind("t:termSec/t:term", ns)] for s in first}
    assert sections == {"art-x-trigedas": ["Heda", "Hedda"], "en": ["commander", "leader, chief"]}
    assert len(root.findall("t:text/t:body/t:conceptEntry", ns)) == 5  # not the rejected one


def test_anki_cards_have_meaning_and_example() -> None:
    lines = export(GLOSSARY, "anki").splitlines()
    assert lines[:5] == [
        "#separator:Comma",
        "#html:true",
        "#notetype:Basic",
        "#columns:Front,Back,Tags",
        "#tags column:3",
    ]
    assert (
        lines[5]
        == 'Heda (Hedda),"commander; leader, chief<br><br><i>Heda, we must go.</i>",title noun'
    )
    assert [line.split(",")[0] for line in lines[6:]] == ["Yu gonplei ste odon", "daun", "daun"]


def test_markdown_table_escapes_pipes() -> None:
    lines = export(GLOSSARY, "markdown").splitlines()
    assert lines[:3] == [
        "| Term | Meaning |",
        "| --- | --- |",
        "| **Heda** (Hedda) | commander; leader, chief |",
    ]
    assert lines[3] == "| **Lexa** | name |"
    assert len(lines) == 2 + 5


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_exports_an_empty_glossary(fmt: str) -> None:
    assert isinstance(export(Glossary(), fmt), str)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("none.json", None, "{path}: no such file"),
        (
            "x.xlsx",
            "",
            "{path}: cannot tell the format; give --format dictionary|lines|json|csv|tsv",
        ),
        (
            "bad.json",
            '[{"word": 1,',
            "{path}:1:13: invalid JSON: Expecting property name enclosed in double quotes",
        ),
        (
            "obj.json",
            '{"words": []}',
            "{path}: not a gloss JSON export (an object with a `terms` list)",
        ),
    ],
)
def test_unreadable_sources(tmp_path: Path, name: str, content: str | None, message: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(GlossError) as err:
        read_source(path)
    assert err.value.lines() == [message.format(path=path)]


def test_merge_leaves_yaml_layout_alone(tmp_path: Path) -> None:
    path, _ = _import(tmp_path, DICTIONARY)
    assert dumps(load(path)) == path.read_text(encoding="utf-8")


LINES = """[
  {"id": 1, "trigedasleng": "Yu gonplei ste odon.", "translation": "Your fight is over.",
   "leipzig": "2SG fight be over"},
  {"id": 2, "trigedasleng": "Mochof", "translation": "Thank you"},
  {"id": 3, "translation": "a line without its conlang"},
  {"id": 4, "conlang": "Jus drein jus daun", "translation": ""}
]"""


def test_translated_lines_are_phrases_with_their_translation() -> None:
    assert guess_format("translations.json", LINES) == "lines"
    assert guess_format("dictionary.json", '[{"word": "ai", "translation": "I"}]') == "dictionary"
    imported = read_lines(LINES, "lines.json")
    assert [
        (r.entry.term, r.entry.translations, r.entry.kind, r.line) for r in imported.records
    ] == [
        ("Yu gonplei ste odon.", ["Your fight is over."], "phrase", 2),
        ("Mochof", ["Thank you"], "phrase", 4),
        ("Jus drein jus daun", [], "phrase", 6),
    ]
    assert [str(p) for p in imported.problems] == [
        "lines.json:5:1: skipped: no `trigedasleng` line"
    ]


HOSTILE = Glossary(
    terms=[
        Entry(term="<script>alert(1)</script>", translations=["<img src=x onerror=alert(1)>"]),
        Entry(term="[x](javascript:alert(1))", translations=["![y](javascript:alert(2))"]),
        Entry(term="&#60;b&#62;", translations=["`code` *em* _em_ ~~del~~ | pipe \\ slash"]),
    ]
)


@pytest.mark.parametrize(
    ("entry", "row"),
    [
        (0, r"| **\<script\>alert(1)\</script\>** | \<img src=x onerror=alert(1)\> |"),
        (1, r"| **\[x\](javascript:alert(1))** | !\[y\](javascript:alert(2)) |"),
        (2, r"| **\&\#60;b\&\#62;** | \`code\` \*em\* \_em\_ \~\~del\~\~ \| pipe \\ slash |"),
    ],
)
def test_markdown_shows_markup_and_links_as_text(entry: int, row: str) -> None:
    assert export(HOSTILE, "markdown").splitlines()[2 + entry] == row


def test_markdown_export_renders_to_no_markup() -> None:
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").enable("table").render(export(HOSTILE, "markdown"))
    assert "<script" not in html and "<img" not in html and "href" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown, as it is
    assert "[x](javascript:alert(1))" in html
    assert html.count("<tr>") == 1 + 3  # each entry still one row: no pipe split a cell


FORMULAS = Glossary(
    terms=[
        Entry(term='=HYPERLINK("http://x","y")', translations=["+1", "@SUM(A1)"]),
        Entry(term="-kru", translations=["-clan"], notes="\tthen =x"),
        Entry(term="'@home", translations=["''=x", "'quoted"]),  # quotes a person wrote
        Entry(term="ai", translations=["I"], pos="-1+1"),
    ]
)


@pytest.mark.parametrize(
    ("fmt", "lines"),
    [
        (
            "csv",
            [
                "term,translations,variants,kind,status,pos,notes",
                '"\'=HYPERLINK(""http://x"",""y"")",\'+1; @SUM(A1),,word,candidate,,',
                "'-kru,'-clan,,word,candidate,,'\tthen =x",
                "''@home,'''=x; 'quoted,,word,candidate,,",
                "ai,I,,word,candidate,'-1+1,",
            ],
        ),
        (
            "tsv",
            [
                '\'=HYPERLINK("http://x","y")\t\'+1\tword',
                '\'=HYPERLINK("http://x","y")\t\'@SUM(A1)\tword',
                "'-kru\t'-clan\tword; then =x",
                "''@home\t'''=x\tword",
                "''@home\t'quoted\tword",
                "ai\tI\tword; -1+1",
            ],
        ),
        (
            "anki",
            [
                '"&#61;HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)",&#43;1; @SUM(A1),word',
                "&#45;kru,&#45;clan,word",
                "&#x27;@home,&#x27;&#x27;=x; &#x27;quoted,word",
                "ai,I,word -1+1",
            ],
        ),
    ],
)
def test_no_spreadsheet_cell_starts_a_formula(fmt: str, lines: list[str]) -> None:
    text = export(FORMULAS, fmt)  # type: ignore[arg-type]
    assert text.splitlines()[5 if fmt == "anki" else 0 :] == lines


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_quoted_cells_come_back_as_they_were(tmp_path: Path, fmt: str) -> None:
    back = {e.term: e for e in _round_trip_of(tmp_path, FORMULAS, fmt).terms}
    for entry in FORMULAS.terms:
        assert back[entry.term].translations == entry.translations
    if fmt == "csv":
        assert back["-kru"].notes == "then =x"  # a cell's outer blanks are trimmed on import
        assert back["ai"].pos == "-1+1"


def _round_trip_of(tmp_path: Path, glossary: Glossary, fmt: str) -> Glossary:
    source = tmp_path / f"out.{fmt}"
    source.write_text(export(glossary, fmt), encoding="utf-8")  # type: ignore[arg-type]
    path, _ = _import(tmp_path, source)
    return read(path)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("deep.json", "[" * 100_000 + "]" * 100_000),  # the dictionary's shape
        ("deep2.json", '{"terms": ' * 100_000 + "[]" + "}" * 100_000),  # gloss's own
        ("lines.json", '[{"trigedasleng": "x", "y": ' + "[" * 100_000 + "]" * 100_000 + "}]"),
    ],
)
def test_json_nested_too_deeply_is_one_clear_error(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GlossError) as err:
        read_source(path)
    assert err.value.lines() == [f"{path}: nested too deeply to read"]
