"""The benchmark's table and its pieces: aligned columns, verdicts, the peers' spotting."""

from __future__ import annotations

import re

from tests.bench.peers import trie_pattern
from tests.bench.table import Row, render, summary


def rows() -> list[Row]:
    return [
        Row(
            "annotate",
            "annotate, 2,000 terms",
            12.5,
            "MB/s",
            peer="rg",
            peer_value=30.0,
            ratio=2.4,
            ratio_means="gloss/rg time",
            target="<= 3x",
            passed=True,
            peak_mb=120,
            peer_peak_mb=40,
        ),
        Row(
            "lookup",
            "lookup per query",
            0.25,
            "ms",
            target=">= 50x",
            passed=False,
            note="right 98%",
        ),
        Row("lookup", "gloss --help", 0.08, "s"),
    ]


def test_columns_line_up_and_sections_are_titled() -> None:
    lines = render(rows()).splitlines()
    header, rule = lines[0], lines[1]
    assert header.startswith("figure") and set(rule) <= {"-", " "}
    assert "[annotate]" in lines and "[lookup]" in lines
    body = [line for line in lines[2:] if line and not line.startswith(("[", "-", "notes"))]
    right_edge = header.index("gloss") + len("gloss")  # numbers are right-aligned
    assert body[0].index("12.5 MB/s") + len("12.5 MB/s") == right_edge
    assert "2.40x gloss/rg time" in body[0] and "ok" in body[0] and "120 / 40" in body[0]
    assert "MISS" in body[1] and "0.250 ms" in body[1]
    assert "- lookup per query: right 98%" in lines


def test_summary_names_what_missed() -> None:
    assert summary(rows()) == "targets: 1 of 2 met; missed: lookup per query"


def test_rows_as_json_leave_out_what_is_empty() -> None:
    data = rows()[2].to_json()
    assert data == {"section": "lookup", "figure": "gloss --help", "value": 0.08, "unit": "s"}


def test_the_trie_regex_finds_what_the_terms_are() -> None:
    terms = ["heda", "Wanheda", "hed", "ste odon", "ste", "kom"]
    regex = re.compile(r"\b(?:" + trie_pattern(terms) + r")\b", re.IGNORECASE)
    text = "Heda, wanheda ste odon; hedaa kom ste hed."
    naive = re.compile(
        r"\b(?:" + "|".join(sorted(map(re.escape, terms), key=len, reverse=True)) + r")\b",
        re.IGNORECASE,
    )
    assert [m.group() for m in regex.finditer(text)] == [m.group() for m in naive.finditer(text)]
