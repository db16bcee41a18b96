"""`html`: one self-contained page (no script, no network): the story with glosses that show
on hover and on tap, the glossary of what was used at the end, readable on a phone.

Every piece of story and glossary text is escaped, and the page's Content-Security-Policy
allows no script at all, so nothing a story holds can run. A gloss is a focusable span, so a
tap (focus) shows it as a hover does, with CSS alone; on a small screen it shows as a bar at
the bottom, where a finger does not hide it. Each gloss links to the word's entry in the
glossary at the end. Several stories make one page with contents.

Example: <span class="g" tabindex="0">Wanheda<span class="t" role="tooltip">... <a
href="#s1-g2">glossary</a></span></span>
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from annotate.render.choice import Shown, chosen
from annotate.render.glosses import Used, gloss, title, used
from annotate.render.model import Glossed, Options
from annotate.render.runs import Block, blocks, grouped, runs
from annotate.story import NOTE_PARTS, Part

SUFFIX = ".html"

CSS = """
:root { color-scheme: light dark; --ink: #1d1d1f; --paper: #fdfcf8; --tip: #24292f;
  --tip-ink: #fff; --line: #8a6d3b; --muted: #5b5b5b; }
@media (prefers-color-scheme: dark) { :root { --ink: #e6e3dc; --paper: #17171a;
  --tip: #e6e3dc; --tip-ink: #17171a; --line: #d9b36c; --muted: #a5a29b; } }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; background: var(--paper); color: var(--ink);
  font: 1.125rem/1.65 Georgia, "Iowan Old Style", "Times New Roman", serif; }
main { max-width: 38rem; margin: 0 auto; padding: 1.25rem 1.1rem 5rem; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 1.5rem 0 1rem; }
h2 { font-size: 1.3rem; line-height: 1.3; margin: 2rem 0 .75rem; }
p { margin: 0 0 1em; overflow-wrap: break-word; }
.notes { color: var(--muted); font-size: .95em; }
.g { position: relative; border-bottom: 1px dotted var(--line); cursor: help; }
.g:focus { outline: 2px solid var(--line); outline-offset: 2px; border-radius: 2px; }
.t { display: none; position: absolute; left: 0; top: 100%; z-index: 2;
  border-top: .2rem solid transparent; background-clip: padding-box; /* no gap to lose hover */
  width: max-content; max-width: min(20rem, 80vw); padding: .35rem .6rem;
  border-radius: .4rem; background: var(--tip); color: var(--tip-ink); font: 400 .95rem/1.4
  system-ui, -apple-system, "Segoe UI", sans-serif; font-style: normal; white-space: normal;
  box-shadow: 0 2px 8px rgb(0 0 0 / 25%); }
.g:hover .t, .g:focus .t, .g:focus-within .t { display: block; }
.p { display: none; }
.t a { font-size: .85em; color: inherit; opacity: .8; }
@media (max-width: 36rem), (hover: none) {
  .g { cursor: pointer; } /* iOS only sends a tap's click to what looks clickable */
  .g:focus .t, .g:focus-within .t { position: fixed; left: .5rem; right: .5rem;
    bottom: .5rem; top: auto; width: auto; max-width: none; padding: .7rem .9rem; font-size: 1rem; }
}
nav ol { padding-left: 1.4rem; }
a { color: inherit; }
.glossary { margin-top: 3rem; border-top: 1px solid var(--line); }
.glossary dt { font-weight: bold; margin-top: .6rem; }
.glossary dd { margin: 0 0 0 1.2rem; }
.glossary .as { color: var(--muted); font-weight: normal; }
""".strip()

# No script may run, whatever a story holds; nothing is fetched either.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'"


def render(items: Sequence[Glossed], options: Options) -> str:
    """One page: the story (or the stories, after a table of contents)."""
    several = len(items) > 1
    names = [f"s{i}" for i in range(1, len(items) + 1)]
    page_title = "Glossed stories" if several else title(items[0].story) if items else "gloss"
    body: list[str] = []
    if several:
        body.append('<nav aria-label="Contents"><h1>Contents</h1><ol>')
        for name, item in zip(names, items, strict=True):
            body.append(f'<li><a href="#{name}">{escape(title(item.story))}</a></li>')
        body.append("</ol></nav>")
    for name, item in zip(names, items, strict=True):
        body.append(_article(item, name, options))
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
            '<meta name="referrer" content="no-referrer">',
            '<meta name="generator" content="gloss">',
            f"<title>{escape(page_title)}</title>",
            f"<style>\n{CSS}\n</style>",
            "</head>",
            "<body>",
            "<main>",
            *body,
            "</main>",
            "</body>",
            "</html>",
            "",
        ]
    )


@dataclass(frozen=True)
class _Page:
    """What glossing one story's text needs: the choice per spot, the entries' anchors."""

    item: Glossed
    shown: dict[int, Shown]
    anchors: dict[int, str]  # per entry (by id): the id of its glossary entry


def _article(item: Glossed, name: str, options: Options) -> str:
    story = item.story
    entries = used(story, item.spots)
    page = _Page(
        item,
        chosen(story, item.spots, every=options.every, memo=options.memo),
        {id(u.entry): _anchor(name, u, i) for i, u in enumerate(entries, 1)},
    )
    out = [f'<article id="{name}">', f"<h1>{escape(title(story))}</h1>"]
    for block in blocks(story):
        out.append(_block(page, block))
    if entries:
        out.append('<section class="glossary"><h2>Glossary</h2><dl>')
        for u in entries:
            also = f' <span class="as">({escape(", ".join(u.others))})</span>' if u.others else ""
            anchor = page.anchors[id(u.entry)]
            out.append(f'<dt id="{anchor}">{escape(u.entry.term)}{also}</dt>')
            out.append(f"<dd>{escape(u.said)}</dd>")
        out.append("</dl></section>")
    out.append("</article>")
    return "\n".join(o for o in out if o)


def _anchor(name: str, entry: Used, position: int) -> str:
    return f"{name}-g{entry.number}" if entry.number else f"{name}-n{position}"


def _block(page: _Page, block: Block) -> str:
    if block.part == Part.title:
        return ""  # it is the heading already
    inner = _inline(page, block.start, block.end)
    if block.part == Part.chapter_title:
        return f"<h2>{inner}</h2>"
    if block.part in NOTE_PARTS or block.part == Part.summary:
        return f'<p class="notes">{inner}</p>'
    return f"<p>{inner}</p>"


def _inline(page: _Page, start: int, end: int) -> str:
    item = page.item
    text = item.story.text
    out: list[str] = []
    for spot, group in grouped(runs(item.story, item.spots, start, end)):
        words = "".join(
            f"<em>{_lines(text[r.start : r.end])}</em>"
            if r.italic
            else _lines(text[r.start : r.end])
            for r in group
        )
        if spot is None or page.shown[id(spot)] != Shown.gloss:
            out.append(words)
        else:
            out.append(
                f'<span class="g" tabindex="0">{words}<span class="t" role="tooltip">'
                f'<span class="p"> [</span>{escape(gloss(spot.entry))}'
                f'<span class="p">]</span> <a href="#{page.anchors[id(spot.entry)]}">'
                "glossary</a></span></span>"
            )
    return "".join(out)


def _lines(text: str) -> str:
    return "<br>\n".join(escape(line) for line in text.split("\n"))
