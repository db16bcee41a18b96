"""Turn the bytes of old downloads into text: UTF-8 (with or without BOM), UTF-16, cp1252."""

from __future__ import annotations

import codecs
from pathlib import Path

from glossary.errors import GlossError

# Bytes that cp1252 leaves undefined; latin-1 maps them to C1 controls instead.
_CP1252_HOLES = {0x81, 0x8D, 0x8F, 0x90, 0x9D}


def decode_text(raw: bytes, label: str) -> str:
    """Text of a story file, newlines normalised to `\\n`; GlossError for binary files."""
    if raw.startswith(codecs.BOM_UTF8):
        text = raw[3:].decode("utf-8", errors="replace")
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = raw.decode("utf-16", errors="replace")
    else:
        if b"\x00" in raw[:4096]:
            raise GlossError(f"{label}: binary file, not a story")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            encoding = "latin-1" if any(b in _CP1252_HOLES for b in raw) else "cp1252"
            text = raw.decode(encoding)
    if "\x00" in text:
        raise GlossError(f"{label}: binary file, not a story")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_bytes(path: Path, label: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise GlossError(f"{label}: no such file") from None
    except IsADirectoryError:
        raise GlossError(f"{label}: is a folder") from None
    except OSError as err:
        raise GlossError(f"{label}: cannot read: {err.strerror}") from None
