"""Free texts (年度目标, 项目概述 ...): HTML stripped, paragraphs kept, wrapped lines re-joined."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from functools import lru_cache
from unicodedata import east_asian_width

# A paragraph: <p …>, its body, and </p> or the end of the text (before a final line break),
# as r"<p\b[^>]*>(.*?)(?:</p\s*>|$)" (DOTALL) reads it; found by _paragraphs with two searches.
_P_OPEN = re.compile(r"<p\b[^>]*>", re.IGNORECASE)
_P_CLOSE = re.compile(r"</p\s*>", re.IGNORECASE)
_HAS_P = re.compile(r"<p\b", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
ENUMERATOR = re.compile(
    r"^(（[一二三四五六七八九十百]+）|\([一二三四五六七八九十百]+\)|[一二三四五六七八九十]+、|\d+[.、．]|（\d+）|\(\d+\))"
)
SENTENCE_END = tuple("。；;！？!?")


_CJK_BREAK = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])[ \t]*\n\s*(?=[\u3000-\u9fff\uff00-\uffef])")


def width(text: str) -> int:
    """Columns a text takes in a terminal or a spreadsheet cell: Chinese characters and
    full-width forms take two."""
    return sum(2 if east_asian_width(ch) in "WF" else 1 for ch in text)


def compact(text: str | None) -> str:
    """The text without any whitespace: how two texts are compared when layout differs."""
    return "".join((text or "").split())


@lru_cache(maxsize=16384)  # names and values recur from row to row and table to table
def one_line(text: str) -> str:
    """A cell's text on one line: a line break between Chinese characters joins them (Chinese
    wraps inside words); any other run of white space becomes one space; ends trimmed."""
    if "\n" in text:
        text = _CJK_BREAK.sub("", text)
    return fold_spaces(text)


def fold_spaces(text: str) -> str:
    """Each run of white space one space, ends trimmed: what re.sub(r"\\s+", " ", text).strip()
    gives (str.split and \\s know the same white space), without the pattern's cost."""
    return " ".join(text.split())


def _clean_paragraph(text: str) -> str:
    if "<" in text:  # most lines have no tag to strip
        text = _TAG.sub("", text)
    return fold_spaces(html.unescape(text))


def clean(text: str) -> str:
    """One cell's text: each <p>, or each line of a cell without <p>, a paragraph joined by
    newlines; white space folded. Text standing outside any <p> is kept as a paragraph of
    its own, in its place."""
    if "<" not in text or not _HAS_P.search(text):
        # A line break inside one cell (Excel, Word, HTML) is the writer's paragraph break.
        return "\n".join(p for p in (_clean_paragraph(line) for line in text.split("\n")) if p)
    parts: list[str] = []
    end = 0
    for start, body, end_next in _paragraphs(text):
        parts += [_clean_paragraph(text[end:start]), _clean_paragraph(body)]
        end = end_next
    parts.append(_clean_paragraph(text[end:]))
    return "\n".join(p for p in parts if p)


def _paragraphs(text: str) -> Iterator[tuple[int, str, int]]:
    """(start, body, end) of each <p> paragraph, in order. A lazy body tried the closing tag at
    every character; searching for the tag itself is several times faster. The body ends at
    the first </p> after the opening tag, else where $ first matches: the end of the text, or
    before its final line break (</p> never starts there: it needs four characters)."""
    dollar = len(text) - 1 if text.endswith("\n") else len(text)
    pos = 0
    while (opening := _P_OPEN.search(text, pos)) is not None:
        body = opening.end()
        closing = _P_CLOSE.search(text, body)
        if closing is not None and closing.start() < dollar:
            yield opening.start(), text[body:closing.start()], closing.end()
            pos = closing.end()
        else:
            yield opening.start(), text[body:dollar], dollar
            pos = dollar


def join_wrapped(lines: list[str]) -> str:
    """A text printed over several lines: Chinese wraps mid-word, so lines join with nothing;
    a paragraph starts only where a sentence ended and an enumerator (（二）, 1.) begins."""
    if any("<" in line and _HAS_P.search(line) for line in lines):
        return clean(" ".join(lines))
    paragraphs: list[str] = []
    for raw in lines:
        # A line break inside one cell (Excel, Word, HTML) is a paragraph break the writer made.
        for index, part in enumerate(raw.split("\n")):
            line = _clean_paragraph(part)
            if not line:
                continue
            if index == 0 and paragraphs and not (paragraphs[-1].endswith(SENTENCE_END) and ENUMERATOR.match(line)):
                paragraphs[-1] += line
            else:
                paragraphs.append(line)
    return "\n".join(paragraphs)
