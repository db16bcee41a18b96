"""`memo.PerEntry`: each value made once per entry and per function, for the whole run."""

from __future__ import annotations

from annotate.render.memo import PerEntry
from glossary.models import Entry

VESHKA = Entry(term="veshka", translations=["the long walk"])
ORRU = Entry(term="orru", translations=["sand"])


def test_each_value_is_made_once_per_entry_and_function() -> None:
    made: list[str] = []

    def term(entry: Entry) -> str:
        made.append(entry.term)
        return entry.term.upper()

    def first(entry: Entry) -> str:
        return entry.translations[0]

    memo = PerEntry()
    asked = [(term, VESHKA), (term, ORRU), (term, VESHKA), (first, VESHKA), (first, ORRU)]
    assert [memo.get(make, entry) for make, entry in asked] == [
        "VESHKA",
        "ORRU",
        "VESHKA",
        "the long walk",
        "sand",
    ]
    assert made == ["veshka", "orru"]


def test_an_entry_equal_to_another_is_still_its_own() -> None:
    # kept by identity: an equal copy (or an entry reusing a freed id) is made anew
    def first(entry: Entry) -> str:
        return entry.translations[0]

    memo = PerEntry()
    copy = VESHKA.model_copy(update={"translations": ["a long walk"]})
    assert [memo.get(first, VESHKA), memo.get(first, copy)] == ["the long walk", "a long walk"]
