"""Learning word glosses from phrase pairs: words, pairs and anchors from a glossary, glosses."""

from __future__ import annotations

import pytest

from glossary.learn.lemmas import english_words, lemmas
from glossary.learn.words import PhrasePair, anchors_of, learn, pairs_of
from glossary.models import Entry, Glossary, Source

PAIRS = [
    PhrasePair("Yu gonplei ste odon", "Your fight is over"),
    PhrasePair("Ai gonplei nou ste odon", "My fight is not over"),
    PhrasePair("Ai nou ste kwelen", "I am not weak"),
    PhrasePair("Yu ste kwelen", "You are weak"),
    PhrasePair("Ai nou frag yu", "I will not kill you"),
    PhrasePair("Ai gonplei ste yuj", "My fight is strong"),
]


def glosses(pairs: list[PhrasePair], anchors: dict[str, list[str]] | None = None) -> dict[str, str]:
    """Each word's best gloss."""
    return {item.word: item.glosses[0].gloss for item in learn(pairs, anchors) if item.glosses}


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Your fight is over.", ["your", "fight", "is", "over"]),
        ("I don't know", ["i", "do", "not", "know"]),
        ("You can\u2019t", ["you", "can", "not"]),
        ("It's Lexa's", ["it", "is", "lexa"]),
        ("We'll see; they're gone", ["we", "will", "see", "they", "are", "gone"]),
        ("Won't!", ["will", "not"]),
    ],
)
def test_english_words(text: str, words: list[str]) -> None:
    assert english_words(text) == words


@pytest.mark.parametrize(
    ("vocabulary", "expected"),
    [
        (["warriors", "warrior"], {"warriors": "warrior"}),
        (["warriors"], {}),  # never a base form nobody wrote
        (["killed", "kill", "coming", "come"], {"killed": "kill", "coming": "come"}),
        (["stopped", "stop", "tried", "try"], {"stopped": "stop", "tried": "try"}),
        (["took", "is", "men"], {"took": "take", "is": "be", "men": "man"}),
        (["me", "my", "your", "them"], {"me": "i", "my": "i", "your": "you", "them": "they"}),
        (["pass", "pas"], {}),  # -ss is no plural
        (["need", "ne", "used", "use"], {"used": "use"}),  # nor -ed a two-letter word
    ],
)
def test_lemmas(vocabulary: list[str], expected: dict[str, str]) -> None:
    assert lemmas(vocabulary) == expected


@pytest.mark.parametrize(
    ("word", "gloss"),
    [
        ("gonplei", "fight"),
        ("odon", "over"),
        ("nou", "not"),
        ("ai", "I"),
        ("yu", "you"),
        ("ste", "be"),
        ("kwelen", "weak"),
    ],
)
def test_words_learned_from_six_pairs(word: str, gloss: str) -> None:
    assert glosses(PAIRS)[word] == gloss


def test_scores_and_evidence() -> None:
    learned = {item.word: item for item in learn(PAIRS)}
    gonplei = learned["gonplei"]
    assert gonplei.seen == 3
    assert gonplei.glosses[0].score > 0.9
    assert [p.conlang for p in gonplei.evidence] == [
        "Yu gonplei ste odon",
        "Ai gonplei nou ste odon",
        "Ai gonplei ste yuj",
    ]
    assert all(0 < s.score <= 1 for item in learned.values() for s in item.glosses)


def test_words_come_most_seen_first() -> None:
    seen = [item.seen for item in learn(PAIRS)]
    assert seen == sorted(seen, reverse=True)


def test_known_words_explain_one_phrase() -> None:
    # Alone, one pair says nothing certain; with three of its words known, the fourth is clear.
    known = {"yu": ["you"], "gonplei": ["fight"], "odon": ["over; done"]}
    assert glosses(PAIRS[:1], known)["ste"] == "be"


def test_a_word_the_english_keeps_is_no_gloss_of_it() -> None:
    pairs = [
        PhrasePair("Heda ste kwelen", "Heda is weak"),
        PhrasePair("Heda ste yuj", "Heda is strong"),
        PhrasePair("Yu ste kwelen", "You are weak"),
    ]
    heda = next(item for item in learn(pairs) if item.word == "heda")
    assert heda.glosses == []
    assert heda.carried == 2


def test_two_glosses_side_by_side_are_one() -> None:
    pairs = [
        PhrasePair("Skaikru ste kwelen", "The Sky People are weak"),
        PhrasePair("Skaikru ste yuj", "Sky People are strong"),
        PhrasePair("Ai hod Skaikru", "I love the Sky People"),
        PhrasePair("Yu ste kwelen", "You are weak"),
        PhrasePair("Ai ste yuj", "I am strong"),
    ]
    assert glosses(pairs)["skaikru"] == "Sky People"  # as the translations write it


def test_one_phrase_translated_twice_is_one_piece_of_evidence() -> None:
    pairs = [
        PhrasePair("Yu gonplei ste odon", "Your fight is over"),
        PhrasePair("Yo gonplei ste odon", "Your fight it over"),
        PhrasePair("yu gonplei ste odon!", "Your fight's over"),
    ]
    gonplei = next(item for item in learn(pairs) if item.word == "gonplei")
    assert gonplei.glosses[0].gloss == "fight"
    assert len(gonplei.evidence) == 2  # `Yu` and `Yo`


@pytest.mark.parametrize(
    ("lines", "spelling"),
    [
        (["Teik ai op", "Yu teik em"], "teik"),  # a capital opening a line is no spelling
        (["Ai laik Heda", "Heda ste yuj"], "Heda"),
        (["Ai ste kwelen. Teik em", "yu teik ai"], "teik"),
        (["Ai SISEN yu", "Sisen!"], "sisen"),  # shouted
    ],
)
def test_the_spelling_shown_is_the_usual_one(lines: list[str], spelling: str) -> None:
    pairs = [PhrasePair(line, "some english words here") for line in lines]
    found = {item.word: item.spelling for item in learn(pairs)}
    assert spelling in found.values()


def test_nothing_to_learn_from_nothing() -> None:
    assert learn([]) == []
    assert learn([PhrasePair("...", "!")]) == []


GLOSSARY = Glossary(
    terms=[
        Entry(term="Yu gonplei ste odon", translations=["Your fight is over"], kind="phrase"),
        Entry(
            term="Ai hod yu in",
            kind="phrase",
            sources=[
                Source(story="a.txt", line=3, translation="I love you"),
                Source(lexicon="trigedasleng", translation="I hold you"),  # not a story's
            ],
        ),
        Entry(term="Mochof", translations=["Thank you"], kind="phrase"),
        Entry(term="jus drein jus daun", translations=["blood must have blood"], status="rejected"),
        Entry(term="gonplei", translations=["fight"], variants=["gonpley"]),
        Entry(term="Wanheda", translations=["Commander of Death"], kind="title"),
        Entry(term="Lexa", kind="name"),
        Entry(term="odon", translations=["over"], status="rejected"),
        Entry(
            term="ste",
            translations=["be"],
            sources=[Source(quote="Yu gonplei ste odon", translation="be", method="learned")],
        ),
    ]
)


def test_pairs_of_a_glossary() -> None:
    assert [(p.conlang, p.english, p.story, p.line) for p in pairs_of(GLOSSARY)] == [
        ("Yu gonplei ste odon", "Your fight is over", None, None),
        ("Ai hod yu in", "I love you", "a.txt", 3),
        ("Mochof", "Thank you", None, None),
    ]


def test_anchors_of_a_glossary() -> None:
    # Rejected entries, names, phrases and learned candidates are no anchors.
    assert anchors_of(GLOSSARY) == {
        "gonplei": ["fight"],
        "gonpley": ["fight"],
        "wanheda": ["Commander of Death"],
    }


def test_a_confirmed_learned_entry_is_an_anchor() -> None:
    entry = GLOSSARY.terms[-1].model_copy(update={"status": "confirmed"})
    assert anchors_of(Glossary(terms=[entry])) == {"ste": ["be"]}
