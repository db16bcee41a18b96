"""An EPUB's package: where the OPF is, its title and description, its spine in order.

container.xml and the OPF are XML from strangers, read with defusedxml: no entity expansion
(billion laughs), no external entities or DTDs fetched.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from urllib.parse import unquote
from xml.etree.ElementTree import Element, ParseError

from defusedxml import (  # type: ignore[import-untyped, unused-ignore]
    DefusedXmlException,
    DTDForbidden,
    EntitiesForbidden,
    ExternalReferenceForbidden,
)
from defusedxml.ElementTree import fromstring  # type: ignore[import-untyped, unused-ignore]

from glossary.errors import GlossError

CONTAINER = "META-INF/container.xml"
HTML_TYPES = frozenset({"application/xhtml+xml", "text/html", "application/html"})
# FanFicFare's generated pages: metadata (read from the OPF instead), contents, update log.
GENERATED = frozenset({"title_page", "toc_page", "log_page"})


@dataclass(frozen=True)
class Item:
    id: str
    path: str  # the member's path in the archive
    media_type: str
    properties: frozenset[str] = frozenset()


@dataclass
class Package:
    path: str  # the OPF's path in the archive
    title: str = ""
    description: str = ""
    title_line: int = 1  # lines of `dc:title` and `dc:description` in the OPF
    description_line: int = 1
    spine: list[Item] = field(default_factory=list)  # the reading order, chapters only


def rootfile(container: bytes, label: str) -> str | None:
    """The OPF path that `META-INF/container.xml` names."""
    for element in _xml(container, label, CONTAINER).iter():
        if _local(element.tag) == "rootfile" and element.get("full-path"):
            return str(element.get("full-path"))
    return None


def parse_package(data: bytes, path: str, label: str) -> Package:
    root = _xml(data, label, path)
    package = Package(path)
    manifest: dict[str, Item] = {}
    spine: list[str] = []
    skipped: set[str] = set()  # guide pages that are no story: contents, cover
    base = posixpath.dirname(path)
    for element in root.iter():
        name = _local(element.tag)
        if name == "title" and not package.title:
            package.title = _text(element)
        elif name == "description" and not package.description:
            package.description = _text(element)
        elif name == "item" and element.get("id") and element.get("href"):
            item = Item(
                str(element.get("id")),
                _resolve(base, str(element.get("href"))),
                (element.get("media-type") or "").lower(),
                frozenset((element.get("properties") or "").split()),
            )
            manifest[item.id] = item
        elif name == "itemref" and element.get("idref"):
            spine.append(str(element.get("idref")))
        elif name == "reference" and element.get("type") in ("toc", "cover"):
            skipped.add(_resolve(base, str(element.get("href"))))
    text = data.decode("utf-8", errors="replace")
    package.title_line = _line_of(text, "title")
    package.description_line = _line_of(text, "description")
    for idref in spine:
        page = manifest.get(idref)
        if page is None:
            raise GlossError(
                f"{label}: corrupt EPUB: the spine names {idref!r}, not in the manifest"
            )
        stem = posixpath.splitext(posixpath.basename(page.path))[0]
        if (
            page.media_type in HTML_TYPES
            and "nav" not in page.properties
            and page.path not in skipped
            and page.id not in GENERATED
            and stem not in GENERATED
        ):
            package.spine.append(page)
    return package


def _xml(data: bytes, label: str, member: str) -> Element:
    try:
        root: Element = fromstring(data)
    except (ParseError, DefusedXmlException, ValueError) as err:
        raise GlossError(f"{label}: {_refusal(err, member)}") from None
    return root


def _refusal(err: Exception, member: str) -> str:
    """Why an EPUB's XML was not read, as a sentence (defusedxml's own say `EntitiesForbidden(
    name='lol', system_id=None, public_id=None)`)."""
    if isinstance(err, EntitiesForbidden):
        return f"refused: {member} declares an XML entity ({err.name!r}), as entity bombs do"
    if isinstance(err, DTDForbidden | ExternalReferenceForbidden):
        return f"refused: {member} refers to a file outside the EPUB"
    if isinstance(err, ParseError):
        what = str(err).split(":", 1)[0]
        line, column = err.position
        return (
            f"corrupt EPUB: {member} is not well-formed XML ({what} at line {line}, "
            f"column {column + 1})"
        )
    return f"corrupt EPUB: {member} is not XML gloss can read"


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _text(element: Element) -> str:
    return "".join(element.itertext()).strip()


def _resolve(base: str, href: str) -> str:
    href = unquote(href.split("#", 1)[0])
    return posixpath.normpath(posixpath.join(base, href)).lstrip("/")


def _line_of(text: str, name: str) -> int:
    match = re.search(rf"<(?:[\w.-]+:)?{name}[\s>]", text)
    return text.count("\n", 0, match.start()) + 1 if match else 1
