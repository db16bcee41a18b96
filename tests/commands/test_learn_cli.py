"""`gloss learn` through the CLI: the table, JSON, pairs files, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from annotate.cli import app

runner = CliRunner()

GLOSSARY = """\
language: Trigedasleng
terms:
  - term: Yu gonplei ste odon
    translations: [Your fight is over]
    kind: phrase
  - term: Ai gonplei nou ste odon
    translations: [My fight is not over]
    kind: phrase
  - term: Ai nou ste kwelen
    translations: [I am not weak]
    kind: phrase
  - term: Yu ste kwelen
    translations: [You are weak]
    kind: phrase
  - term: odon
    translations: [over]
"""
# More lines, as the community translations file has them.
LINES = [
    {"id": 1, "trigedasleng": "Ai nou frag yu.", "translation": "I will not kill you."},
    {"id": 2, "trigedasleng": "Ai gonplei ste yuj.", "translation": "My fight is strong."},
]


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["learn", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def glossary(in_tmp: Path) -> Path:
    path = in_tmp / "glossary.yaml"
    path.write_text(GLOSSARY, encoding="utf-8")
    (in_tmp / "lines.json").write_text(json.dumps(LINES), encoding="utf-8")
    return path


def test_the_table_lists_words_glosses_and_phrases(glossary: Path) -> None:
    assert run() == (
        0,
        "ste      be 0.59, not 0.22          2 phrases\n"
        "yu       you 0.99                   2 phrases\n"
        "gonplei  fight 0.95                 2 phrases\n"
        "odon     over 0.98                  2 phrases, has an entry\n"
        "ai       I 0.96                     2 phrases\n"
        "nou      not 0.44, be 0.40, I 0.07  2 phrases\n"
        "kwelen   weak 0.99                  2 phrases\n",
        "learned 7 words from 4 phrases (1 known word)\n",
    )


def test_new_leaves_out_what_entries_cover(glossary: Path) -> None:
    _, out, _ = run("--new")
    assert "odon" not in out
    assert "gonplei" in out


def test_json_is_a_list_of_words(glossary: Path) -> None:
    code, out, _ = run("--json", "--pairs", "lines.json")
    assert code == 0
    words = {item["word"]: item for item in json.loads(out)}
    gonplei = words["gonplei"]
    assert set(gonplei) >= {"word", "glosses", "evidence"}
    assert gonplei["glosses"][0]["gloss"] == "fight"
    assert 0.9 <= gonplei["glosses"][0]["score"] <= 1
    assert gonplei["evidence"][-1] == {
        "phrase": "Ai gonplei ste yuj.",
        "translation": "My fight is strong.",
        "story": "lines.json",
        "line": 1,
    }
    assert gonplei["phrases"] == len(gonplei["evidence"]) == 3
    assert words["nou"]["glosses"][0]["gloss"] == "not"  # the file's line says it again
    assert words["odon"]["entry"] is True


def test_pairs_alone_when_there_is_no_glossary(in_tmp: Path) -> None:
    (in_tmp / "pairs.csv").write_text(
        "term,translation\nYu gonplei ste odon,Your fight is over\n"
        "Ai gonplei ste yuj,My fight is strong\nodon,over\n",
        encoding="utf-8",
    )
    code, out, err = run("--pairs", "pairs.csv")
    assert code == 0
    assert out.startswith("gonplei  fight")
    assert err == "learned 6 words from 2 phrases (1 known word)\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "glossary.yaml: no glossary yet; make one from stories with `gloss extract"),
        (["--pairs", "nope.json"], "nope.json: no such file\n"),
        (["-g", "g.yaml", "--pairs", "x.xlsx"], "x.xlsx: cannot tell the format; give --format"),
    ],
)
def test_errors_are_one_line(in_tmp: Path, args: list[str], message: str) -> None:
    (in_tmp / "g.yaml").write_text(GLOSSARY, encoding="utf-8")
    (in_tmp / "x.xlsx").write_text("", encoding="utf-8")
    code, out, err = run(*args)
    assert (code, out) == (1, "")
    assert err.startswith(message)


def test_skipped_rows_are_reported_and_the_rest_is_learned(glossary: Path) -> None:
    (glossary.parent / "bad.json").write_text(
        json.dumps([*LINES, {"translation": "no line"}]), encoding="utf-8"
    )
    code, out, err = run("--pairs", "bad.json")
    assert code == 1
    assert "gonplei" in out
    assert err.startswith("bad.json:1:")  # json.dumps writes one line
    assert "skipped: no `trigedasleng` line" in err


STORY = """The rain had not stopped for three days.

She bent down and whispered, "Yu gonplei ste odon." Your fight is over.

He shook his head. "Ai gonplei nou ste odon." My fight is not over.

"Ai nou ste kwelen." I am not weak.

She laughed. "Yu ste kwelen." You are weak.

"Ai gonplei ste yuj." My fight is strong.
"""


def test_extract_proposes_learned_words_once(in_tmp: Path) -> None:
    (in_tmp / "stories").mkdir()
    (in_tmp / "stories" / "one.txt").write_text(STORY, encoding="utf-8")
    first = runner.invoke(app, ["extract", "--lexicon", "none"])
    assert first.exit_code == 0, first.output
    assert first.stdout.splitlines()[-3:] == [
        "added ste (= be)",
        "added gonplei (= fight)",
        "added ai (= I)",
    ]
    text = (in_tmp / "glossary.yaml").read_text(encoding="utf-8")
    assert (
        "  - term: gonplei\n    translations: [fight]\n    kind: word\n    status: candidate\n"
        "    sources:\n      - story: stories/one.txt\n        line: 3\n"
        "        quote: Yu gonplei ste odon = Your fight is over\n"
        "        translation: fight\n        method: learned\n"
    ) in text
    second = runner.invoke(app, ["extract", "--lexicon", "none"])
    assert second.stdout == ""
    assert (in_tmp / "glossary.yaml").read_text(encoding="utf-8") == text


def test_lookup_gives_learned_glosses_for_words_no_entry_has(glossary: Path) -> None:
    result = runner.invoke(app, ["lookup", "Ste"])
    lines = result.stdout.splitlines()
    assert (result.exit_code, lines[0]) == (0, "ste: ~be; not  [learned from 2 phrases, 0.59]")
    assert lines[1:] and all("'ste' in term" in line for line in lines[1:])  # then its phrases
    result = runner.invoke(app, ["lookup", "kwelen", "--json"])
    assert json.loads(result.stdout)[:1] == [
        {
            "term": "kwelen",
            "translations": ["weak"],
            "score": 100,
            "kind": "word",
            "status": "candidate",
            "matched": "term",
            "text": "kwelen",
            "query": "kwelen",
            "learned": True,
            "confidence": 0.99,
            "phrases": 2,
        }
    ]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("odon", "odon: over  [word, term 100]"),  # an entry: nothing is learned
        ("Ai nou ste kwelen", "Ai nou ste kwelen: I am not weak  [phrase, term 100]"),
    ],
)
def test_lookup_prefers_entries(glossary: Path, query: str, first: str) -> None:
    result = runner.invoke(app, ["lookup", query])
    assert result.stdout.splitlines()[0] == first
    assert "learned" not in result.stdout


def test_lookup_of_a_word_in_no_phrase_still_finds_nothing(glossary: Path) -> None:
    result = runner.invoke(app, ["lookup", "hodnes", "--json"])
    assert (result.exit_code, result.stdout) == (1, "[]\n")


def test_interlinear_marks_learned_glosses(glossary: Path) -> None:
    (glossary.parent / "s.txt").write_text(
        'She said, "Yu ste kwelen." You are weak.\n', encoding="utf-8"
    )
    result = runner.invoke(app, ["annotate", "s.txt", "-f", "interlinear"])
    # The language's lexicon knows yu and ste; only kwelen is learned from the phrases.
    assert result.stdout.splitlines()[2:4] == [
        "    Yu   ste  kwelen",
        "    you  be   ~weak",
    ]


def test_the_summary_counts_phrases_as_the_rows_do(in_tmp: Path) -> None:
    # one phrase, translated two ways: each row says 1 phrase, and so does the summary
    (in_tmp / "glossary.yaml").write_text(
        "terms:\n  - term: Yu gonplei ste odon\n    kind: phrase\n"
        "    translations: [Your fight it over, Your fight is over]\n",
        encoding="utf-8",
    )
    code, out, err = run()
    assert code == 0
    assert {line.rsplit("  ", 1)[-1] for line in out.splitlines()} == {"1 phrase"}
    assert err == "learned 4 words from 1 phrase (2 translations; 0 known words)\n"
