"""decode_markup: the file's bytes are handed on only when they are the text's UTF-8."""

from __future__ import annotations

import codecs

from hypothesis import given
from hypothesis import strategies as st

from annotate.readers.decoding import decode_markup, decode_text
from glossary.errors import GlossError

PIECES = st.sampled_from(
    [b"a", b"<p>", b"\r\n", b"\r", b"\n", "é".encode(), b"\xe9", b"\xff", b"\x00", b" ", b"\x81"]
)
STARTS = st.sampled_from([b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, b"<meta charset=latin-1>"])


@given(STARTS, st.lists(PIECES, max_size=12).map(b"".join))
def test_the_bytes_come_only_when_they_are_the_texts_utf8(start: bytes, body: bytes) -> None:
    raw = start + body
    try:
        text, utf8 = decode_markup(raw, "x")
    except GlossError:
        return
    if start != b"<meta charset=latin-1>":  # without a declaration, a page reads as any file
        assert text == decode_text(raw, "x")
    if utf8 is not None:
        assert utf8 == text.encode()
    if start == b"" and b"\r" not in raw and utf8 is None:
        assert raw != text.encode()  # (the usual case is never missed)
