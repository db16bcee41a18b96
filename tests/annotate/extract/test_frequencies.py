"""English frequencies: the copy in the cache folder gives exactly what wordfreq gives."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import pytest
from wordfreq import get_frequency_dict, top_n_list

from annotate.extract import frequencies
from annotate.extract.frequencies import Frequencies, load


@pytest.fixture(scope="module")
def straight() -> Frequencies:
    return load(None)


def copies(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{frequencies.PREFIX}*{frequencies.SUFFIX}"))


def test_straight_from_wordfreq_is_wordfreq(straight: Frequencies) -> None:
    freqs = get_frequency_dict("en")
    assert list(straight.zipf) == list(freqs)
    assert all(straight.zipf[w] == math.log10(f) + 9 for w, f in freqs.items())
    assert straight.top == frozenset(top_n_list("en", frequencies.TOP))


def test_the_copy_gives_the_same(tmp_path: Path, straight: Frequencies) -> None:
    made = load(tmp_path)  # no copy yet: from wordfreq, and the copy made
    assert len(copies(tmp_path)) == 1
    kept = load(tmp_path)
    assert made == straight
    assert kept == straight
    assert list(kept.zipf) == list(straight.zipf)


def test_the_copy_is_what_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load(tmp_path)

    def no_wordfreq() -> None:
        raise AssertionError("wordfreq read although a copy was kept")

    monkeypatch.setattr(frequencies, "_from_wordfreq", no_wordfreq)
    assert load(tmp_path).zipf["the"] > 7


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],  # cut short
        lambda raw: b"",
        lambda raw: b"not marshal at all",
        lambda raw: raw.replace(b"\n", b" ", 5),  # fewer words than values
    ],
)
def test_a_damaged_copy_is_no_copy_and_made_again(
    tmp_path: Path, straight: Frequencies, damage: Callable[[bytes], bytes]
) -> None:
    load(tmp_path)
    [path] = copies(tmp_path)
    path.write_bytes(damage(path.read_bytes()))
    assert load(tmp_path) == straight
    assert load(tmp_path) == straight  # read from the copy made again
    assert frequencies._read(path) == straight


def test_a_copy_of_another_shape_is_no_copy(tmp_path: Path) -> None:
    import marshal

    load(tmp_path)
    [path] = copies(tmp_path)
    for other in [(0, "a", b"", (), ()), (frequencies.FORMAT, "a", b"\0\0", (1,), ()), [1, 2]]:
        path.write_bytes(marshal.dumps(other))
        assert frequencies._read(path) is None


def test_a_folder_that_cannot_be_written_costs_nothing(
    tmp_path: Path, straight: Frequencies
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("in the way")
    assert load(blocker / "cache") == straight
    assert not (blocker / "cache").exists()
