"""Recognising web-page chrome (menus, share bars, promos, footers) in text pasted from a browser.

The rules are general: a short line made only of interface vocabulary, a promotional call to action, a copyright
line, an image file name, or a trailing run of short link lines. Nothing here names one site or one page.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Words that make up navigation, share bars, toolbars and section menus on news sites.
UI_WORDS = frozenset(
    """
    home menu search login logout log sign signin signup register account profile subscribe subscribers subscription
    subscriptions newsletter newsletters share shares sharing email e-mail mail print printer printable friendly pdf
    comment comments comment(s) tweet facebook twitter linkedin whatsapp reddit pinterest instagram youtube telegram
    rss feed feeds alert alerts notifications text larger smaller font size increase decrease single page pages next
    previous prev back top more read full story view all related recent popular most latest trending articles article
    stories posts post blog blogs archive archives browse tags tag topics topic categories category skip content
    navigation nav toggle close open widget widgets tooltip advertisement advertisements ad ads advertise sponsored
    cookie cookies accept privacy policy terms conditions contact about careers jobs sitemap help faq donate donation
    video videos photo photos gallery podcast podcasts download app apps edition editions magazine current past issue
    issues sections section follow like save bookmark copy link links permalink reprints permissions feedback store
    shop subscribe-now login/register continue reading listen audio print-friendly opinion newsroom covers cover main
    use news world politics business sports culture science technology health books arts local national
    international
    """.split()
)
# Words that do not count either way when judging a line of interface words.
NEUTRAL_WORDS = frozenset(
    "the a an of to and or for on in our your with by this us me my up out now here & | - » ›".split()
)
CALL_TO_ACTION = re.compile(r"\b(donat\w*|subscri\w*|newsletter|sign up|advertis\w*|cookies?|click here)\b", re.I)
COPYRIGHT = re.compile(r"^\s*(©|\(c\)\s*\d{4}|copyright\b|all rights reserved)", re.I)
IMAGE_FILE = re.compile(r"^\S+\.(jpe?g|png|gif|webp|svg|bmp|tiff?)$", re.I)
SENTENCE_END = re.compile(r"[.!?:;\"”’)\]]$")
WORD = re.compile(r"[\w'’/&|»›-]+")


def words_of(line: str) -> list[str]:
    return [w.casefold().strip("'’") for w in WORD.findall(line)]


def is_ui_line(line: str) -> bool:
    """A short line whose every content word is interface vocabulary ("Single Page Print Larger Text ...")."""
    words = [w for w in words_of(line) if w not in NEUTRAL_WORDS and not w.isdigit()]
    if not words or len(words) > 12:
        return False
    return all(w in UI_WORDS for w in words)


def is_promo_line(line: str) -> bool:
    """A short call to action: donate, subscribe, sign up, accept cookies."""
    if len(line.split()) > 15 or not CALL_TO_ACTION.search(line):
        return False
    return line.rstrip().endswith("!") or not SENTENCE_END.search(line)


def is_chrome_line(line: str) -> bool:
    """True for a line that belongs to the page's interface, never to the article."""
    stripped = line.strip()
    if not stripped:
        return False
    return (
        is_ui_line(stripped)
        or is_promo_line(stripped)
        or bool(COPYRIGHT.match(stripped))
        or bool(IMAGE_FILE.match(stripped))
    )


def is_short_link_line(line: str) -> bool:
    """A line that could be a link in a list: a few words, no sentence punctuation at the end."""
    stripped = line.strip()
    return bool(stripped) and len(stripped.split()) <= 10 and not SENTENCE_END.search(stripped)


def trailing_link_block(lines: list[str]) -> int:
    """Index where a trailing footer of short link lines starts (len(lines) when there is none).

    A footer is the run of short, unpunctuated lines after the last sentence, kept out when it has two or more
    lines or holds a chrome line. Blank lines inside the run are part of it.
    """
    start = len(lines)
    count = chrome = 0
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        if not line.strip():
            continue
        if not is_short_link_line(line) and not is_chrome_line(line):
            break
        start = i
        count += 1
        chrome += is_chrome_line(line)
    if count >= 2 or chrome:
        return start
    return len(lines)


def link_blocks(lines: list[str], keep: Callable[[str], bool] | None = None) -> set[int]:
    """Indexes of lines in a run of three or more adjacent short lines, most of them chrome (a menu, a link list).

    A blank line ends a run, so a headline set apart from the menu above it is not swept up with it. Lines for
    which `keep` is true (a byline, a date line) are never swept up.
    """
    out: set[int] = set()
    run: list[int] = []

    def flush() -> None:
        if len(run) >= 3 and sum(is_chrome_line(lines[j]) for j in run) * 2 >= len(run):
            out.update(j for j in run if is_chrome_line(lines[j]) or not (keep and keep(lines[j])))
        run.clear()

    for i, line in enumerate(lines):
        if not line.strip():
            flush()
        elif is_short_link_line(line) or is_chrome_line(line):
            run.append(i)
        else:
            flush()
    flush()
    return out


def strip_chrome(text: str) -> str:
    """Text without chrome lines, menu blocks and a trailing link footer (used on extracted HTML and feed text)."""
    lines = text.split("\n")
    drop = {i for i, line in enumerate(lines) if is_chrome_line(line)} | link_blocks(lines)
    drop.update(range(trailing_link_block(lines), len(lines)))
    kept = "\n".join(line.rstrip() for i, line in enumerate(lines) if i not in drop)
    return re.sub(r"\n{3,}", "\n\n", kept).strip()
