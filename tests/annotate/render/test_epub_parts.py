"""`epub_parts`: which glosses stand above their words as ruby (`--ruby`), and its markup."""

from __future__ import annotations

import pytest

from annotate.render.epub_parts import fits_above, ruby_end, ruby_start
from glossary.models import Entry


@pytest.mark.parametrize(
    ("written", "said", "above"),
    [
        ("veshka", "river", True),  # shorter than its word
        ("ai", "I", True),
        ("ai", "first light!", True),  # 12 characters always fit
        ("ai", "first light!!", False),  # 13, over a word of 2: the word stretched
        ("orru", "dawn, first light", False),  # 17: more than three times 4
        ("kalani", "dawn, first light", True),  # 17: within three times 6
        ("Vash tem orru", "We ride at dawn", True),
        ("Vash tem orru kalani", "We ride at dawn, kalani!", True),  # 24 exactly
        ("Vash tem orru kalani", "We ride at dawn, all of us", False),  # past 24
        ("veshka", "", False),  # no translation: nothing to show
    ],
)
def test_which_glosses_stand_above(written: str, said: str, above: bool) -> None:
    assert fits_above(written, said) is above


def test_ruby_markup_shows_the_gloss_in_parentheses_without_ruby() -> None:
    entry = Entry(term="veshka", translations=["river", "stream"])
    markup = f"{ruby_start('gloss-', 3)}veshka{ruby_end(entry)}"
    assert markup == (
        '<ruby id="gloss-g3">veshka<rp> (</rp><rt>river; stream</rt><rp>)</rp></ruby>'
    )


def test_ruby_text_is_escaped() -> None:
    entry = Entry(term="veshka", translations=["<b>river</b> & sea"])
    assert "<rt>&lt;b&gt;river&lt;/b&gt; &amp; sea</rt>" in ruby_end(entry)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Vash tem & orru <3", "Vash tem &amp; orru &lt;3"),
        ("veshka\x00\x07\x1f", "veshka"),  # control characters XML forbids
        ("tab\tline\nreturn\r", "tab\tline\nreturn\r"),  # the three it allows
        ("lone \ud800 surrogate", "lone  surrogate"),
        ("\ufffe\uffff\ufffd", "\ufffd"),  # U+FFFE and U+FFFF are no characters
        ("\ue000 private, \U0001f600 astral", "\ue000 private, \U0001f600 astral"),
        ("\x7f\x85", "\x7f\x85"),  # allowed in XML 1.0
    ],
)
def test_text_escapes_and_drops_what_xml_forbids(value: str, expected: str) -> None:
    from annotate.render.epub_parts import text

    assert text(value) == expected
