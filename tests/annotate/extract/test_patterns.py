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
    (
        "a word English also writes, then its rendering",
        "Her sela (= sister) waited by the gate.",
        "sela",
        "sister",
    ),
    ("parentheses, line", '"Mebi." (Maybe.) She shrugged.', "Mebi", "Maybe"),
    (
        "parentheses, a question",
        '"Veshka tal orrukai?" (Who are you?)',
        "Veshka tal orrukai",
        "Who are you",
    ),
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
    # Conventions of real fan fiction, in an invented language (Veshti).
    ("tilde brackets", '"Vash tem orru." ~[We ride at dawn]~', "Vash tem orru", "We ride at dawn"),
    ("tilde line", '"Vash tem orru." ~ We ride at dawn', "Vash tem orru", "We ride at dawn"),
    (
        "triple parentheses",
        '"Vash tem orru." (((We ride at dawn)))',
        "Vash tem orru",
        "We ride at dawn",
    ),
    ("square brackets", '"Vash tem orru." [We ride at dawn]', "Vash tem orru", "We ride at dawn"),
    ("a part of speech", 'The word was "Orruk." ["Dawn", noun]', "Orruk", "Dawn"),
    ("lit.", "The kalanir (lit. dawn riders) waited.", "kalanir", "dawn riders"),
    (
        "a space before the mark, a note after the rendering",
        "\"Vashka, orruktem !\"('Good morning, friends !'- a greeting)",
        "Vashka, orruktem",
        "Good morning, friends",
    ),
    (
        "a word in a line before a bracket",
        '"Quiet veshkar (children)!" Tavi gathered everyone in the hall.',
        "veshkar",
        "children",
    ),
    (
        "a label after a speech tag",
        '"Vash tem orru," she warns them. (Translation: We ride at dawn).',
        "Vash tem orru",
        "We ride at dawn",
    ),
    ("meaning", "Orruk, meaning dawn, was her name.", "Orruk", "dawn"),
    ("run together", "She knew that Orruk meansdawn in the old tongue.", "Orruk", "dawn"),
    ("chained", "Orruk means dawn, veshka means ride.", "veshka", "ride"),
    (
        "unquoted phrase before a bracket",
        "She sang Orru veshka kalani (Dawn of the kalani) under her breath.",
        "Orru veshka kalani",
        "Dawn of the kalani",
    ),
    (
        "dialogue after a dash",
        "\u2014 Vash tem orruk. Kel veshka! (We ride at dawn. Come on!) she called.",
        "Vash tem orruk. Kel veshka",
        "We ride at dawn. Come on",
    ),
    (
        "a line of several sentences",
        '"Vash tem orruk. Kel veshka!" We ride at dawn. Come on!',
        "Vash tem orruk. Kel veshka",
        "We ride at dawn. Come on",
    ),
    (
        "a plain English line after",
        '"Vash tem orruk?"\n\nDo we ride at dawn?',
        "Vash tem orruk",
        "Do we ride at dawn",
    ),
    (
        "an interpreter",
        '"Vash tem orruk."\n\n"We ride at dawn," the scout translated.',
        "Vash tem orruk",
        "We ride at dawn",
    ),
    (
        "an interpreter before the line, more said after",
        '"Vash tem orruk."\n\nThe scout translated, "We ride at dawn." "Now go."',
        "Vash tem orruk",
        "We ride at dawn",
    ),
    (
        "a known interpreter, whatever the verb",
        '"Kel veshka."\n\n"Come here," the Scout translated.\n\n"Vash tem orruk."\n\n'
        '"We ride at dawn," the Scout said.',
        "Vash tem orruk",
        "We ride at dawn",
    ),
    ("glossary lines without a heading", "vashka - walk\norruk - dawn", "orruk", "dawn"),
    ("several to a line", "Vashka- walk. Orruk- dawn.\nKelvesh- come.", "Orruk", "dawn"),
    (
        "a pronunciation between",
        "Vash tem (vahsh tehm) - we ride\nOrruk (or-rook) - dawn",
        "Vash tem",
        "we ride",
    ),
    ("a title of two halves", "Veshan Orruk | Into the Dawn", "Veshan Orruk", "Into the Dawn"),
    ("a chapter title", "Chapter 2: Orruk - Dawn", "Orruk", "Dawn"),
    ("English first", "Dawn - Orruk", "Orruk", "Dawn"),
    (
        "a glossary line that describes",
        'Orruk: a word that means "dawn" in the old tongue\nVashka: walk',
        "Orruk",
        "dawn",
    ),
    (
        "a poem, each line's English in brackets on the next",
        "Veshka i temmaru orruk\n(We ride at dawn)\nKelvar an vashuri\n(and the sky burns)",
        "Veshka i temmaru orruk",
        "We ride at dawn",
    ),
    (
        "a quotation and its bracket wrapped at a width",
        (
            "She stood at the gate for a long while, and at last she said it,\n"
            '"Veshka temmaru orruk!" (We ride at dawn, all of us, and nobody\n'
            "stays behind!) and turned away from the fire without a word more."
        ),
        "Veshka temmaru orruk",
        "We ride at dawn, all of us, and nobody stays behind",
    ),
    (
        "lines ended by one line break",
        "She looked up at him.\nVeshka orruk tavi.\nWe ride at dawn.\nHe nodded.",
        "Veshka orruk tavi",
        "We ride at dawn",
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
    (
        "two title lines with colons",
        "Vesharakai: Tales of the Dunes\nLesson 1: The Rules of Sand",
        {"Lesson 1"},
    ),
    ("an interjection echoed", '"Hmm." Yes, she thought, of course.', {"Hmm"}),
    (
        "a play's lines",
        "Tavi: We ride at dawn.\n\nMira: Then we ride.\n\nTavi: Orrukai, then.\n\n"
        "Mira: So be it.\n\nTavi: Go.\n\nMira: Now.",
        {"Tavi", "Mira"},
    ),
    ("a point-of-view heading", "Tavira's POV\nShe ran.", {"Tavira's POV", "POV"}),
    (
        "a place line",
        "Orrukvale, County Veshmoor, Kelland\nShe ran.",
        {"Orrukvale, County Veshmoor, Kelland"},
    ),
    (
        "an English line with a word mixed in",
        '"They will find you, ai veshkaru," she said.',
        {"They will find you, ai veshkaru"},
    ),
]


@pytest.mark.parametrize(("what", "text", "absent"), TRAPS, ids=[t[0] for t in TRAPS])
def test_traps_are_not_vocabulary(what: str, text: str, absent: set[str]) -> None:
    story = parse_text(f"{text}\n\n{NARRATION}\n", "s.txt")
    terms = {f.term for f in extract_story(story, NoLexicon()) if f.kind != "name"}
    assert not terms & absent, what


UNTRANSLATED = [
    # (what, story text, a term the story never translates)
    ("narration after a word", '"Vesharak." I have bad news, she thought.', "Vesharak"),
    ("a sentence after a word", '"Vesharak." May I come in?', "Vesharak"),
    ("an aside after a name", "Then Tavira (who had not slept at all) got up.", "Tavira"),
    ("a speech tag", '"Vash tem orruk!" she warns them.', "Vash tem orruk"),
    ("a speech tag, verb first", '"Vash tem orruk." Repeated the old woman.', "Vash tem orruk"),
    (
        "another speaker's answer",
        '"Vash tem orruk?"\n\n"I am not sure," Mira said.',
        "Vash tem orruk",
    ),
    (
        "narration after a line",
        '"Vash tem orruk."\n\nShe turned away and walked out.',
        "Vash tem orruk",
    ),
]


@pytest.mark.parametrize(("what", "text", "term"), UNTRANSLATED, ids=[t[0] for t in UNTRANSLATED])
def test_no_translation_is_invented(what: str, text: str, term: str) -> None:
    story = parse_text(f"{NARRATION}\n\n{text}\n", "s.txt")
    found = {f.term: f.translation for f in extract_story(story, NoLexicon())}
    assert term in found, f"{what}: {found}"
    assert found[term] is None, what


def test_a_line_in_the_words_of_the_story_s_translated_lines() -> None:
    """Words English also writes (`es`, `mon`) are the language's once its lines use them."""
    text = (
        '"Orrukai es mon veshka." (You are my friend.)\n\n'
        '"Kalu tem es mon vesh." (The sky is my road.)\n\n'
        'She smiled at that.\n\n"Tem es mon ami," he said.'
    )
    story = parse_text(f"{NARRATION}\n\n{text}\n", "s.txt")
    assert "Tem es mon ami" in {f.term for f in extract_story(story, NoLexicon())}


def test_a_label_with_a_number_is_no_title_translation() -> None:
    story = parse_text(f"{NARRATION}\n\nafter episode 2.04: Vesh Kalu Orra'veshi\n", "s.txt")
    assert {f.translation for f in extract_story(story, NoLexicon())} <= {None}


def test_a_pronunciation_is_neither_term_nor_translation() -> None:
    text = "Vash tem (vahsh tehm) - we ride\nOrruk (or-rook) - dawn"
    story = parse_text(f"{NARRATION}\n\n{text}\n", "s.txt")
    found = {(f.term, f.translation) for f in extract_story(story, NoLexicon())}
    assert ("Vash tem", "we ride") in found
    assert not {t for t, _ in found} & {"vahsh", "vahsh tehm", "or-rook"}


def test_a_song_line_is_a_phrase() -> None:
    story = parse_text(f"{NARRATION}\n\n/Vashti temmeru orruk kalani--/\n\n{NARRATION}\n", "s.txt")
    assert "Vashti temmeru orruk kalani" in {f.term for f in extract_story(story, NoLexicon())}


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
