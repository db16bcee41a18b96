"""English words as gloss learning counts them: contractions spelled out, inflections folded
into the base form (`warriors`, `killed`, `took`: warrior, kill, take)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from glossary.spelling import fold

_CONTRACTIONS = (
    (re.compile(r"\bcan't\b"), "can not"),
    (re.compile(r"\bwon't\b"), "will not"),
    (re.compile(r"n't\b"), " not"),
    (re.compile(r"'m\b"), " am"),
    (re.compile(r"'re\b"), " are"),
    (re.compile(r"'ll\b"), " will"),
    (re.compile(r"'ve\b"), " have"),
    (re.compile(r"'d\b"), " would"),
    (re.compile(r"\b(it|that|he|she|what|there|who|how|where|here|this)'s\b"), r"\1 is"),
    (re.compile(r"'s\b"), ""),  # a possessive: `Lexa's`
)
_QUOTES = re.compile("[\u2018\u2019`\u00b4]")

# Forms no suffix rule finds: irregular verbs and plurals, and pronouns by case and their
# possessives (a pronoun such as Trigedasleng `ai` is "I", "me" and "my" alike; `mine`,
# `yours` stay words of their own).
_IRREGULAR = {
    "be": "am is are was were been being",
    "have": "has had having",
    "do": "does did done doing",
    "go": "goes went gone",
    "say": "says said",
    "tell": "tells told",
    "see": "sees saw seen",
    "take": "takes took taken",
    "give": "gives gave given",
    "know": "knows knew known",
    "find": "finds found",
    "get": "gets got gotten",
    "come": "comes came",
    "make": "makes made",
    "bring": "brings brought",
    "teach": "teaches taught",
    "think": "thinks thought",
    "fight": "fights fought",
    "leave": "leaves left",
    "keep": "keeps kept",
    "feel": "feels felt",
    "fall": "falls fell fallen",
    "hold": "holds held",
    "stand": "stands stood",
    "speak": "speaks spoke spoken",
    "steal": "steals stole stolen",
    "choose": "chooses chose chosen",
    "die": "dies died dying",
    "lead": "leads led",
    "run": "runs ran",
    "win": "wins won",
    "lose": "loses lost",
    "send": "sends sent",
    "sleep": "sleeps slept",
    "eat": "eats ate eaten",
    "drink": "drinks drank drunk",
    "break": "breaks broke broken",
    "forget": "forgets forgot forgotten",
    "hear": "hears heard",
    "meet": "meets met",
    "pay": "pays paid",
    "buy": "buys bought",
    "sell": "sells sold",
    "catch": "catches caught",
    "seek": "seeks sought",
    "swear": "swears swore sworn",
    "rise": "rises rose risen",
    "bleed": "bleeds bled",
    "i": "me my",
    "you": "your",
    "he": "him his",
    "she": "her",
    "we": "us our",
    "they": "them their",
    "man": "men",
    "woman": "women",
    "child": "children",
}
IRREGULAR = {form: base for base, forms in _IRREGULAR.items() for form in forms.split()}


def english_words(text: str) -> list[str]:
    """Lower-case words, contractions spelled out (`don't`: do not, `it's`: it is)."""
    text = _QUOTES.sub("'", text.casefold())
    for pattern, spelled in _CONTRACTIONS:
        text = pattern.sub(spelled, text)
    return fold(text).split()


def lemmas(vocabulary: Iterable[str]) -> dict[str, str]:
    """Inflected words of `vocabulary` mapped to their base form. A suffix is taken off only
    where the vocabulary has the base form too (`killed` to `kill` when `kill` is there), so
    a gloss is always a word someone wrote."""
    words = set(vocabulary)
    found = {w: IRREGULAR[w] for w in words if w in IRREGULAR}
    for word in sorted(words - found.keys()):
        for base in _bases(word):
            if base != word and len(base) >= 3 and base in words:  # `need` is no `ne` + -ed
                found[word] = base
                break
    return found


def _bases(word: str) -> Iterable[str]:
    """Candidate base forms, the likeliest first."""
    if len(word) <= 3:
        return
    if word.endswith("ies"):
        yield word[:-3] + "y"
    if word.endswith("es"):
        yield word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        yield word[:-1]
    for suffix in ("ed", "ing"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            stem = word[: -len(suffix)]
            yield stem
            yield stem + "e"
            if len(stem) > 2 and stem[-1] == stem[-2]:
                yield stem[:-1]  # stopped: stop
            if stem.endswith("i"):
                yield stem[:-1] + "y"  # tried: try
