"""`gloss lookup` through the CLI: output, exit codes and error texts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from annotate.cli import app

GLOSSARY = str(Path(__file__).parents[1] / "data" / "lookup" / "glossary.yaml")
runner = CliRunner()


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, ["lookup", *args], input=stdin)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("args", "stdout"),
    [
        (["Wanheddaa"], "Wanheda: commander of death  [title, term 100]\n"),
        (["Hedda"], "Heda: commander; leader  [title, variant 'Hedda' 100]\n"),
        (
            ["safe passage"],
            "gouthru klir: safe passage  [phrase, translation 'safe passage' 100]\n",
        ),
        (
            ["Yo gonplei ste odon", "--limit", "2"],
            "Yu gonplei ste odon: Your fight is over  "
            "[phrase, variant 'Yo gonplei ste odon' 100]\n"
            "gonplei: fight; game; journey  [word, term 100 for 'gonplei']\n",
        ),
    ],
)
def test_text_output(args: list[str], stdout: str) -> None:
    assert run(*args, "-g", GLOSSARY) == (0, stdout, "")


def test_json_has_the_contract_fields() -> None:
    code, out, _ = run("gouthru klir", "-g", GLOSSARY, "--json")
    assert code == 0
    hits = json.loads(out)
    assert hits[0] == {
        "term": "gouthru klir",
        "translations": ["safe passage"],
        "score": 100,
        "kind": "phrase",
        "status": "candidate",
        "matched": "term",
        "text": "gouthru klir",
        "query": "gouthru klir",
    }
    assert [(h["term"], h["score"]) for h in hits] == [("gouthru klir", 100), ("gouthru klin", 91)]


@pytest.mark.parametrize("query", ["the", "x", "qwertyzz", "gona"])
def test_nothing_found_exits_1(query: str) -> None:
    assert run(query, "-g", GLOSSARY) == (1, "", f"gloss: nothing found for {query!r}\n")
    assert run(query, "-g", GLOSSARY, "--json") == (1, "[]\n", "")


def test_several_queries_give_one_json_object_each() -> None:
    code, out, _ = run("heda", "the", "-g", GLOSSARY, "--json", "--limit", "1")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0  # like grep: 0 when any query found something
    assert [(r["query"], [h["term"] for h in r["hits"]]) for r in rows] == [
        ("heda", ["Heda"]),
        ("the", []),
    ]


def test_queries_from_stdin() -> None:
    code, out, _ = run("-", "-g", GLOSSARY, "--limit", "1", stdin="kom\n\nthe\n")
    assert (code, out) == (
        0,
        "kom:\n  kom: from; of  [word, term 100]\nthe:\n  nothing found\n",
    )


TERMS = (
    "terms:\n"
    "  - term: Skaikru\n    translations: [Sky People]\n"
    "  - term: Crewman\n    translations: [sailor]\n"
)
TRIGEDASLENG = "language: Trigedasleng\n"


@pytest.mark.parametrize(
    ("head", "query", "found"),
    [
        # a Trigedasleng glossary: the bundled lexicon's respellings (crew, sky)
        (TRIGEDASLENG, "Skycrew", ["Skaikru"]),
        (TRIGEDASLENG, "Kruman", ["Crewman"]),
        # the glossary's own respellings, whatever its language, instead of the lexicon's
        ("grammar: {respellings: {crew: kru, sky: skai}}\n", "Skycrew", ["Skaikru"]),
        (TRIGEDASLENG + "grammar: {respellings: {crew: kru}}\n", "Skaicrew", ["Skaikru"]),
        (TRIGEDASLENG + "grammar: {respellings: {crew: kru}}\n", "Skycrew", []),  # no sky: skai
        (TRIGEDASLENG + "grammar: {respellings: {}}\n", "Skaicrew", []),  # it wants none
        (TRIGEDASLENG + "grammar: {joiners: [kom]}\n", "Skycrew", ["Skaikru"]),  # states none
        # another language, no grammar: `crew` is English, `Crewman` is not `kruman`
        ("language: Vulcan\n", "Kruman", []),
        ("language: Vulcan\n", "Crewman", ["Crewman"]),
        ("", "Kruman", []),
    ],
)
def test_respellings_are_the_glossarys_else_its_languages(
    tmp_path: Path, head: str, query: str, found: list[str]
) -> None:
    path = tmp_path / "glossary.yaml"
    path.write_text(head + TERMS, encoding="utf-8")
    for _ in range(2):  # the second read is the cache's copy: the same answer
        code, out, err = run(query, "-g", str(path), "--json")
        assert ([h["term"] for h in json.loads(out)], code, err) == (found, int(not found), "")


def test_missing_glossary_says_how_to_make_one(tmp_path: Path) -> None:
    missing = tmp_path / "none.yaml"
    assert run("heda", "-g", str(missing)) == (
        1,
        "",
        f"{missing}: no glossary yet; make one from stories with `gloss extract STORIES -g "
        f"{missing}` or from a dictionary with `gloss import FILE -g {missing}`\n",
    )


def test_no_glossary_in_this_folder_yet(in_tmp: Path) -> None:
    assert run("heda") == (
        1,
        "",
        "glossary.yaml: no glossary yet; make one from stories with `gloss extract STORIES` or "
        "from a dictionary with `gloss import FILE`\n",
    )


def test_broken_glossary_is_reported_with_its_position(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("terms:\n  - term: heda\n    translaton: [leader]\n", encoding="utf-8")
    code, out, err = run("heda", "-g", str(broken))
    assert (code, out) == (1, "")
    assert err.startswith(f"{broken}:3:5: ")


@pytest.mark.parametrize("args", [[], ["heda", "--limit", "0"], ["heda", "--limit", "x"]])
def test_usage_errors_exit_2(args: list[str]) -> None:
    assert run(*args, "-g", GLOSSARY)[0] == 2


PHRASES = """\
language: Trigedasleng
terms:
  - term: Yu gonplei ste odon
    translations: [Your fight is over]
  - term: Ai gonplei nou ste odon
    translations: [My fight is not over]
  - term: yu
    translations: [you]
  - term: ai
    translations: [I]
"""


def test_a_word_only_phrases_hold_gets_its_learned_gloss_then_the_phrases(
    tmp_path: Path,
) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(PHRASES, encoding="utf-8")
    code, out, _ = run("gonplei", "-g", str(path))
    lines = out.splitlines()
    assert code == 0
    assert lines[0].startswith("gonplei: ~fight")  # learned, marked, first
    assert lines[1:] == [
        "Yu gonplei ste odon: Your fight is over  [word, 'gonplei' in term 72]",
        "Ai gonplei nou ste odon: My fight is not over  [word, 'gonplei' in term 68]",
    ]
    code, out, _ = run("gonplei", "-g", str(path), "--json")
    assert [(h["term"], h.get("learned"), h.get("inside")) for h in json.loads(out)] == [
        ("gonplei", True, None),
        ("Yu gonplei ste odon", None, True),
        ("Ai gonplei nou ste odon", None, True),
    ]


def test_a_warm_lookup_uses_the_kept_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, _own_cache: Path
) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(PHRASES, encoding="utf-8")
    assert run("yu", "-g", str(path))[0] == 0
    assert len(list(_own_cache.glob("index-*.marshal"))) == 1

    def no_building(*args: object) -> None:
        raise AssertionError("the index was built again")

    monkeypatch.setattr("glossary.lookup.index.Index.__init__", no_building)
    monkeypatch.setattr("glossary.lookup.indexed.parse", no_building)
    assert run("ai", "-g", str(path)) == (
        0,
        "ai: I  [word, term 100]\nAi gonplei nou ste odon: My fight is not over  "
        "[word, 'ai' in term 55]\n",
        "",
    )
    path.write_text(PHRASES.replace("[you]", "[thou]"), encoding="utf-8")  # edited: read again
    result = runner.invoke(app, ["lookup", "yu", "-g", str(path)])
    assert isinstance(result.exception, AssertionError)
