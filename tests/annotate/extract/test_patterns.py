"""Each way a story gives a translation, read from the text alone (no lexicon)."""

from __future__ import annotations

import pytest

from annotate.extract.pipeline import extract_story
from annotate.extract.scoring import NoLexicon
from annotate.readers.text import parse_text

NARRATION = (
    "The rain had not stopped for three days, and the camp was tired of it. "
    "Octavia said nothing for a long time while the fire burned down."
)

CASES = [
    # (pattern, story text, term, translation the story gives)
    ("echo", 'She bent down and whispered, "Hod yu op." Hold on.', "Hod yu op", "Hold on"),
    (
        "italics after",
        '"_Ai na sis yu_," she said. _I will help you._',
        "Ai na sis yu",
        "I will help you",
    ),
    ("parentheses, word", "The gonakru (warriors) waited by the gate.", "gonakru", "warriors"),
    ("parentheses, line", '"Mebi." (Maybe.) She shrugged.', "Mebi", "Maybe"),
    (
        "parentheses inside quotes",
        '"Chit ste daun? (What happened?)"',
        "Chit ste daun",
        "What happened",
    ),
    ("dash", 'A goat ran past. "Gyon au" - go away - the owner snapped.', "Gyon au", "go away"),
    ("definition", "Yongon means children, she reminded herself.", "Yongon", "children"),
    (
        "the word for",
        '"Hom. It\'s the word for home," Madi said.',
        "Hom",
        "home",
    ),
    (
        "appositive",
        "They rode out to meet the Sangedakru, the Desert Clan, at dawn.",
        "Sangedakru",
        "Desert Clan",
    ),
    ("echo of a title", "Kongeda. The Coalition. It held, for now.", "Kongeda", "The Coalition"),
    (
        "footnote",
        '"Reshop\u00b9," she said.\n\n\u00b9 Reshop = good night',
        "Reshop",
        "good night",
    ),
    (
        "glossary block",
        "She slept.\n\nTranslations:\nOso throu daun ogeda - we fall together\nStrikon: little one",
        "Oso throu daun ogeda",
        "we fall together",
    ),
]


@pytest.mark.parametrize(
    ("pattern", "text", "term", "translation"), CASES, ids=[c[0] for c in CASES]
)
def test_translation_patterns(pattern: str, text: str, term: str, translation: str) -> None:
    story = parse_text(f"{NARRATION}\n\n{text}\n", "s.txt")
    found = {(f.term, f.translation) for f in extract_story(story, NoLexicon())}
    assert (term, translation) in found, f"{pattern}: {sorted(found, key=str)}"


TRAPS = [
    # (what, story text, terms that must not come out as vocabulary)
    ("italic emphasis", "She knew what she _had_ done, and she _hated_ it.", {"had", "hated"}),
    (
        "loanwords",
        "It felt like déjà vu in the café, a kamikaze plan.",
        {"déjà", "café", "kamikaze"},
    ),
    (
        "solid English compounds",
        "He filled the waterskin by the cookfire.",
        {"waterskin", "cookfire"},
    ),
    ("an English line", '"Nice shot," Anya said. "Take a walk with me."', {"Nice shot"}),
    ("a byline", "Get Back Up\nby ashandember", {"ashandember"}),
]


@pytest.mark.parametrize(("what", "text", "absent"), TRAPS, ids=[t[0] for t in TRAPS])
def test_traps_are_not_vocabulary(what: str, text: str, absent: set[str]) -> None:
    story = parse_text(f"{text}\n\n{NARRATION}\n", "s.txt")
    terms = {f.term for f in extract_story(story, NoLexicon()) if f.kind != "name"}
    assert not terms & absent, what


def test_a_name_is_told_apart_from_vocabulary() -> None:
    text = 'Tavrin nodded. "Tavrin said the Ulkru would come," Mira said.'
    story = parse_text(f"{text}\n\n{NARRATION}\n", "s.txt")
    kinds = {f.term: f.kind for f in extract_story(story, NoLexicon())}
    assert kinds["Tavrin"] == "name"
    assert kinds["Ulkru"] != "name"


def test_findings_say_where_they_were_found() -> None:
    story = parse_text(f'{NARRATION}\n\nShe whispered, "Hod yu op." Hold on.\n', "s.txt")
    (hit,) = [f for f in extract_story(story, NoLexicon()) if f.term == "Hod yu op"]
    assert (hit.story, hit.line, hit.method) == ("s.txt", 3, "echo")
    assert hit.quote == 'She whispered, "Hod yu op." Hold on.'
    assert 0 < hit.confidence <= 1
