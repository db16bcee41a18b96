"""What the reading formats gloss (issue 18): the story's own translation, repeats, scenes,
untranslated terms, a translation that repeats the term, word glosses, titles, links."""

from __future__ import annotations

import pytest

from annotate.batch import learning, lexicon_glosses
from annotate.render import footnotes, html, inline, interlinear, markdown
from annotate.render.choice import GAP, Shown, choose
from annotate.render.glosses import meanings, title
from annotate.render.model import Glossed, Options
from annotate.spotting import Spotter
from annotate.story import Part, Section, Story
from glossary.models import Entry, Glossary, Source

GLOSSARY = Glossary(
    terms=[
        Entry(term="Heda", translations=["Commander"]),
        Entry(
            term="Yu gonplei ste odon",
            variants=["Yo gonplei ste odon"],
            translations=["Your fight is over"],
            kind="phrase",
            sources=[Source(translation="Your fight it over")],
        ),
        Entry(term="ste", translations=["is"]),
        Entry(term="Arkadia", kind="place"),
        Entry(term="Polis", translations=["Polis, the capital"], kind="place"),
        Entry(term="Lexa", kind="name"),
    ]
)
SPOTTER = Spotter(GLOSSARY)
G, S, R, U = Shown.gloss, Shown.story, Shown.repeat, Shown.untranslated
FILLER = " and so on" * (GAP // 10 + 1)


def glossed(text: str, sections: list[Section] | None = None) -> Glossed:
    story = Story(path="stories/s.txt", text=text, sections=sections or [])
    return Glossed(story, SPOTTER.spot(story))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Heda spoke. Then Heda left.", [G, R]),  # a repeat close by
        ("Heda spoke.\n\nXXX\n\nHeda left.", [G, G]),  # a new scene
        ("Heda spoke.\n\n* * *\n\nHeda left.", [G, G]),
        (f"Heda spoke.{FILLER} Heda left.", [G, G]),  # after a long gap
        ('"Yo gonplei ste odon." Your fight it over.', [S]),  # the story's own words
        ('"Yu gonplei ste odon." Your fight is over, she said.', [S]),
        ("Heda (Commander) spoke.", [S]),
        ("Heda means commander.", [S]),
        ("The Commander, Heda, spoke.", [S]),  # just before it
        ("Heda spoke.\n\n*Commander spoke.*", [S]),  # on the next line
        ("Heda\n\nspoke.\n\nCommander.", [G]),  # two paragraphs on: too far
        ("Heda\n \nCommander.", [S]),  # a blank line may hold spaces
        ("Commander.\n\nHeda spoke.", [G]),  # before it, in another paragraph
        ("Commander,\nHeda spoke.", [S]),  # before it, on the line before
        ("Heda (Commander) spoke, and after a while, Heda left.", [S, R]),
        ("Heda spoke to all of them at length, and the commander nodded.", [G]),  # too far
        ("It ste what it is.", [G]),  # `is` is no translation to find nearby
        ("Arkadia is far. Arkadia.", [U, U]),  # nobody has translated it
        ("Polis is far.", [G]),  # `the capital` is left
    ],
)
def test_choose(text: str, expected: list[Shown]) -> None:
    item = glossed(text)
    assert choose(item.story, item.spots) == expected


def test_every_glosses_repeats_but_not_what_the_story_translates() -> None:
    item = glossed("Heda spoke. Heda left, and after a long while, Heda (Commander).")
    assert choose(item.story, item.spots, every=True) == [G, G, S]


def test_a_chapter_starts_a_scene() -> None:
    text = "Heda spoke.\n\nChapter 2\n\nHeda left."
    sections = [
        Section(0, 11, Part.text, chapter=1),
        Section(13, 22, Part.chapter_title, chapter=2),
        Section(24, len(text), Part.text, chapter=2),
    ]
    item = glossed(text, sections)
    assert choose(item.story, item.spots) == [G, G]


@pytest.mark.parametrize(
    ("term", "translations", "expected"),
    [
        ("Polis", ["Polis, the capital"], ["the capital"]),
        ("Polis", ["polis"], []),  # only the term again
        ("Heda", ["Heda; commander"], ["commander"]),
        ("Heda", ["Commander", "HEDA"], ["Commander"]),
        ("Heda", ["Commander, leader"], ["Commander, leader"]),
    ],
)
def test_meanings_drop_the_term_itself(
    term: str, translations: list[str], expected: list[str]
) -> None:
    assert meanings(Entry(term=term, translations=translations)) == expected


def test_untranslated_terms_are_unmarked_and_listed_as_such() -> None:
    item = glossed("Arkadia and Heda. Polis.")
    assert inline.one(item, Options()) == "Arkadia and Heda [Commander]. Polis [the capital].\n"
    notes = footnotes.one(item, Options())
    assert notes.startswith("Arkadia and Heda[1]. Polis[2].\n")
    assert notes.endswith(
        "[1] Heda: Commander\n[2] Polis: the capital\n- Arkadia: no translation yet\n"
    )
    assert "| Arkadia | no translation yet |  |" in markdown.one(item, Options())
    assert "<dd>no translation yet</dd>" in html.render([item], Options())


def test_html_links_each_gloss_to_its_entry() -> None:
    page = html.render([glossed("Arkadia and Heda.")], Options())
    assert '<a href="#s1-g1">glossary</a>' in page
    assert '<dt id="s1-g1">Heda</dt>' in page
    assert '<dt id="s1-n2">Arkadia</dt>' in page


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ai Laik\nPosted originally on the Archive of Our Own at https://x\n\nText.", "Ai Laik"),
        ("Title: Jus Drein\nAuthor: someone\n\nText.", "Jus Drein"),
        ("# Heda's Story\n\nText.", "Heda's Story"),
        ("Just a story.\n\n# Not a title\n", "s"),  # a heading further on is not the title
        ("Text only.", "s"),
    ],
)
def test_title_from_the_story_else_its_file_name(text: str, expected: str) -> None:
    assert title(Story(path="stories/s.txt", text=text)) == expected


PHRASES = Glossary(
    language="Trigedasleng",
    terms=[
        Entry(term="Yu gonplei ste odon", translations=["Your fight is over"], kind="phrase"),
        Entry(term="Ai gonplei nou ste odon", translations=["My fight is not over"]),
        Entry(term="gonplei", translations=["fight"]),
        Entry(term="odon"),  # an entry nobody translated: learned all the same
        Entry(term="zog"),
    ],
)


@pytest.mark.parametrize(
    ("lexicon", "under"),
    [
        (False, "?   fight    ~be  ~over  ?"),  # learned from the phrases, marked
        (True, "you  fight    be   over  ?"),  # the language's lexicon first; `?`: nobody knows
    ],
)
def test_interlinear_word_glosses(lexicon: bool, under: str) -> None:
    spotter = Spotter(PHRASES)
    options = Options(
        word=spotter.entry_for,
        learned=learning(PHRASES),
        lexicon=lexicon_glosses(PHRASES.language if lexicon else None),
    )
    story = Story(path="s.txt", text="Yu gonplei ste odon zog.")
    lines = interlinear.one(Glossed(story, spotter.spot(story)), options).splitlines()
    assert "    " + under in lines
