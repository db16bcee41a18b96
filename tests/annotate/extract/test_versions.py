"""A story that gives its lines again in English: a song then its English lines, a scene
then the same scene in English."""

from __future__ import annotations

import pytest

from annotate.extract.pipeline import extract_story
from annotate.extract.scoring import NoLexicon
from annotate.extract.versions import scene_offset, skeleton, stanzas, verses
from annotate.readers.text import parse_text

NARRATION = "The rain had not stopped for three days, and the camp was tired of it."


@pytest.mark.parametrize(
    ("lines", "pairs"),
    [
        ("FFnEE", {0: 3, 1: 4}),  # two sung lines, narration, their two English lines
        ("FFEE", {0: 2, 1: 3}),
        ("FFnE", {}),  # fewer English lines than sung ones
        ("FnE", {}),  # a single line is no song
        ("FFFnnEEEn", {0: 5, 1: 6, 2: 7}),
        ("FF" + "n" * 9 + "EE", {}),  # too far on
    ],
)
def test_verses(lines: str, pairs: dict[int, int]) -> None:
    assert verses(len(lines), lambda i: lines[i] == "F", lambda i: lines[i] == "E") == pairs


@pytest.mark.parametrize(
    ("stanzas_of", "pairs"),
    [
        # stanzas separated by `|`: F a foreign line, E an English one, ? neither for sure
        ("FF|EE", {0: 2, 1: 3}),
        ("F?F?|EEEE", {0: 4, 1: 5, 2: 6, 3: 7}),  # half the lines foreign: the whole stanza
        ("F???|EEEE", {}),  # too few foreign lines
        ("FF|n|EE", {0: 3, 1: 4}),  # a stanza between
        ("FF|n|n|EE", {}),  # too far on
        ("FFF|EE?", {0: 3, 1: 4, 2: 5}),  # one English line unsure (a name kept)
        ("FFF|EEE|E", {0: 3, 1: 4, 2: 5}),
        ("FFF|EE", {}),  # fewer lines
    ],
)
def test_stanzas(stanzas_of: str, pairs: dict[int, int]) -> None:
    lines = stanzas_of.replace("|", "")
    blocks, start = [], 0
    for stanza in stanzas_of.split("|"):
        blocks.append(range(start, start + len(stanza)))
        start += len(stanza)
    found = stanzas(blocks, lambda i: lines[i] == "F", lambda i: lines[i] == "E")
    assert found == pairs


@pytest.mark.parametrize(
    ("paragraphs", "foreign", "offset"),
    [
        (
            [
                '"Vash tem?" Mira said quietly.',
                '"Orruk!" Tavi smiled at her.',
                "x",
                '"Ride?" Mira said quietly.',
                '"Dawn!" Tavi smiled at her.',
            ],
            {0, 1},
            3,
        ),
        (['"Vash tem?" Mira said quietly.', "x", '"Ride?" Mira said quietly.'], {0}, None),
        (['"Vash tem?" she said.', '"Ride?" she said.'], {0}, None),  # too little narration
    ],
)
def test_scene_offset(paragraphs: list[str], foreign: set[int], offset: int | None) -> None:
    assert scene_offset(paragraphs, lambda i: i in foreign) == offset


def test_skeleton_is_the_narration_outside_quotations() -> None:
    assert skeleton('"Vash tem?" Mira said, "orruk."') == "mira said,"


def test_a_song_then_its_english_lines() -> None:
    text = (
        f"{NARRATION}\n\nVashti temmeru orruk!\n\nKelvasha ulmeth!\n\n"
        f"{NARRATION}\n\nWe ride at dawn!\n\nCome home soon!\n"
    )
    found = {(f.term, f.translation) for f in extract_story(parse_text(text, "s.txt"), NoLexicon())}
    assert {
        ("Vashti temmeru orruk", "We ride at dawn"),
        ("Kelvasha ulmeth", "Come home soon"),
    } <= found


def test_a_stanza_then_its_english_stanza() -> None:
    text = (
        f"{NARRATION}\n\nVashti temmeru orruk\nkel an vashuri\nKelvasha ulmeth\n\n"
        "We ride at dawn\nand the sky burns\nCome home soon\n"
    )
    found = {(f.term, f.translation) for f in extract_story(parse_text(text, "s.txt"), NoLexicon())}
    assert {
        ("Vashti temmeru orruk", "We ride at dawn"),
        ("kel an vashuri", "and the sky burns"),
        ("Kelvasha ulmeth", "Come home soon"),
    } <= found


def test_a_scene_then_the_same_scene_in_english() -> None:
    scene = [
        ('"Vashti temmeru orruk?"', "Mira looked out at the rain for a long time."),
        ('"Kelvasha ulmeth."', "Tavi shrugged and turned back to the fire."),
    ]
    english = ['"Do we ride at dawn?"', '"Come home soon."']
    first = "\n\n".join(f"{q} {n}" for q, n in scene)
    second = "\n\n".join(f"{e} {n}" for e, (_, n) in zip(english, scene, strict=True))
    text = f"{NARRATION}\n\n{first}\n\nENGLISH VERSION\n\n{second}\n"
    found = {(f.term, f.translation) for f in extract_story(parse_text(text, "s.txt"), NoLexicon())}
    assert {
        ("Vashti temmeru orruk", "Do we ride at dawn"),
        ("Kelvasha ulmeth", "Come home soon"),
    } <= found
