"""Visible text of an HTML page read as a stream of tags, with no tree and so no nesting limit.

libxml2 (under lxml and trafilatura) stops building the tree about 256 elements deep, so a page nested deeper
loses everything below that level. This reader keeps an open-element stack only to know how deep the page goes
and which elements hide their text (script, style, navigation); it never drops text for being deep.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

LIBXML_MAX_DEPTH = 255  # deeper than this, lxml's tree (and trafilatura's text) is cut short
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                  "track", "wbr"})
HIDDEN = frozenset({"script", "style", "noscript", "template", "head", "nav", "header", "footer", "aside", "svg"})
BLOCK = frozenset({"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "blockquote",
                   "section", "article", "main", "br", "dd", "dt", "figure", "figcaption", "pre", "title"})
MAX_STACK = 100_000


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.open: dict[str, int] = {}  # tag -> how many are on the stack, so an end tag is matched in O(1)
        self.hidden = 0
        self.max_depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:  # noqa: ARG002
        if tag in BLOCK:
            self.parts.append("\n\n")
        if tag in VOID or len(self.stack) >= MAX_STACK:
            return
        self.stack.append(tag)
        self.open[tag] = self.open.get(tag, 0) + 1
        self.max_depth = max(self.max_depth, len(self.stack))
        if tag in HIDDEN:
            self.hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCK:
            self.parts.append("\n\n")
        if not self.open.get(tag):
            return
        while self.stack:  # close everything left open inside it, as browsers do
            top = self.stack.pop()
            self.open[top] -= 1
            if top in HIDDEN:
                self.hidden -= 1
            if top == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def stream_text(page: str) -> tuple[str, int]:
    """The page's visible text (blocks become paragraph breaks) and how deep its elements nest."""
    reader = _Reader()
    reader.feed(page)
    reader.close()
    text = "".join(reader.parts)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip(), reader.max_depth
