"""Turn the bytes of old downloads into text: UTF-8 (with or without BOM), UTF-16, cp1252."""

from __future__ import annotations

import codecs
import re

from glossary.errors import GlossError
from glossary.store.files import read_bytes

__all__ = ["decode_markup", "decode_text", "read_bytes"]

# Bytes that cp1252 leaves undefined; latin-1 maps them to C1 controls instead.
_CP1252_HOLES = (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")
_META_CHARSET = re.compile(
    rb"""(?:<meta[^>]+charset|<\?xml[^>]+encoding)\s*=\s*["']?([\w.:-]+)""", re.I
)


def decode_text(raw: bytes, label: str) -> str:
    """Text of a story file, newlines normalised to `\\n`; GlossError for binary files."""
    return _decoded(raw, label, False)[0]


def decode_markup(raw: bytes, label: str) -> tuple[str, bytes | None]:
    """`decode_text` for a page: one that is not UTF-8 is read in the charset its `<meta>` or
    XML declaration names. And `raw` too when it is exactly the text's UTF-8 (most pages):
    the parser takes bytes, and encoding the text again costs a pass."""
    text, same = _decoded(raw, label, True)
    return text, raw if same else None


def _decoded(raw: bytes, label: str, markup: bool) -> tuple[str, bool]:
    """The text, and whether it is `raw` decoded as UTF-8 and nothing else."""
    if not raw or raw.isspace():
        raise GlossError(f"{label}: empty file")
    same = False
    if raw.startswith(codecs.BOM_UTF8):
        text = raw[3:].decode("utf-8", errors="replace")
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = raw.decode("utf-16", errors="replace")
    else:
        if b"\x00" in raw[:4096]:
            raise GlossError(f"{label}: binary file, not a story")
        try:
            text = raw.decode("utf-8")
            same = True
        except UnicodeDecodeError:
            text = raw.decode(_fallback(raw, markup), errors="replace")
    if "\x00" in text:
        raise GlossError(f"{label}: binary file, not a story")
    if "\r" not in text:  # spares two passes over most files
        return text, same
    return text.replace("\r\n", "\n").replace("\r", "\n"), False


def _fallback(raw: bytes, markup: bool) -> str:
    if markup and (match := _META_CHARSET.search(raw, 0, 4096)):
        try:
            name = codecs.lookup(match.group(1).decode("ascii")).name
        except LookupError:
            name = ""
        if name and name not in {"utf-8", "utf-16", "utf-32"}:
            return name
    return "latin-1" if any(hole in raw for hole in _CP1252_HOLES) else "cp1252"
