"""Text reader: tables as published text (PDF extractions, web pages, pasted cells).

Cells are separated by tabs; in a file without tabs by runs of two or more spaces (or an
ideographic space) where the file has such runs, else by any white space (seed 001); and a
line written as a Markdown table row (| a | b |) on its pipes. Ruling lines (----- or
|---|---|) are drawing, not content, and are skipped. Rows keep their line numbers.
"""

from __future__ import annotations

import codecs
import re

from jixiao.errors import InputError
from jixiao.grid import Cell, Grid, Row

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Inside a tab-separated cell, runs of any kind of space fold to one (checked first: it is rare).
_SPACES = re.compile(r"[ \f\v\u3000\u00a0]+")
_TAB = re.compile("\t")
_WIDE = re.compile(r"(?:[ \u00a0]{2,}|\u3000+)")
_WIDE_GAP = re.compile(r"\S(?:[ \u00a0]{2,}|\u3000+)\S")
_ANY_SPACE = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x01-\x08\x0e-\x1f]")
_CONTROL_BYTES = bytes(range(0x01, 0x09)) + bytes(range(0x0e, 0x20))
# The bytes the first 4,096 characters can take: four per character at most, after a BOM.
_HEAD_BYTES = 4 * 4096 + 16
_RULE_START = frozenset("-=_—─━|+:：·.")
# A page number printed by the publisher: 第 3 页, 第1页 共2页, - 3 -, — 3 —, 3/12.
_PAGE_MARKER = re.compile(r"^(第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?|[-—–－]\s*\d+\s*[-—–－]|\d+\s*/\s*\d+)$")
_PAGE_MARKER_START = frozenset("第-—–－")  # or a digit: what a page number can start with
# A ruling line drawn with characters (Markdown separators, "-----" under a header): layout, not content.
_RULE = re.compile(r"^[\s\-=_—─━|+:：·.]*[\-=_—─━·.]{3}[\s\-=_—─━|+:：·.]*$")


def plain_share(text: str) -> float:
    """The share of characters a table is made of: CJK, ASCII, white space, full-width forms."""
    plain = sum(1 for ch in text if ch.isprintable() or ch in "\t\r\n")
    common = sum(1 for ch in text if ch < "\u0250" or "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef"
                 or "\u2000" <= ch <= "\u22ff")
    return min(plain, common) / max(len(text), 1)


def decode(data: bytes, path: str) -> str:
    """UTF-8 (with or without BOM), UTF-16 (with or without BOM) and GB18030 alike."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding)
    if b"\x00" in data[:4096]:
        # UTF-16 without a BOM: one of the two byte orders reads as plain text.
        if len(data) % 2 == 0:
            for encoding in ("utf-16-le", "utf-16-be"):
                try:
                    text = data.decode(encoding)
                except UnicodeDecodeError:
                    continue
                if plain_share(text[:2048]) > 0.95:
                    return text
        raise InputError(path, "不是文本文件（含二进制内容），请提供文本、Excel、Word 或 PDF 格式的绩效目标表")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError(path, "无法识别文件编码（支持 UTF-8、GB18030、UTF-16）") from None


def _split(line: str, stripped: str, separator: re.Pattern) -> list[str]:
    """The cells of a line, empty ones included (they carry the column of those after them)."""
    if stripped[0] == "#":
        return [stripped.lstrip("#").strip()]  # a Markdown heading is one cell: the title
    if stripped[0] == "|" and stripped[-1] == "|" and len(stripped) > 1:
        return [c.strip() for c in stripped[1:-1].split("|")]
    if separator is _TAB:
        return [c.strip() for c in _fold_spaces(line).rstrip().split("\t")]
    return separator.split(stripped)


def _fold_spaces(line: str) -> str:
    """Inside a tab-separated cell, runs of any kind of space fold to one."""
    return _SPACES.sub(" ", line) if _has_odd_space(line) else line


def _has_odd_space(text: str) -> bool:
    """A form feed, vertical tab, ideographic or no-break space, or two spaces in a row: five
    substring tests, several times faster on a whole file than one pattern with a class."""
    return "  " in text or "\u3000" in text or "\u00a0" in text or "\f" in text or "\v" in text


def _control_bytes(data: bytes) -> bool:
    """Whether the file's head holds a byte of a control character. In every encoding read
    here (UTF-8, UTF-16, GB18030) such a character is written with its own byte, so without
    one the text holds none, and the pattern need not test each of its first characters."""
    head = data[:_HEAD_BYTES]
    return len(head.translate(None, _CONTROL_BYTES)) != len(head)


def _separator(text: str) -> re.Pattern:
    """Tabs when the file has them; else runs of two or more spaces when some line has such
    a run between words (a single space then belongs to the cell); else any white space."""
    if "\t" in text:
        return _TAB
    # Without two spaces in a row, an ideographic or a no-break space anywhere, no gap can
    # match: skip the pattern, which would try every position of the file.
    if ("  " in text or "\u3000" in text or "\u00a0" in text) and _WIDE_GAP.search(text):
        return _WIDE
    return _ANY_SPACE


def read(data: bytes, path: str) -> Grid:
    text = decode(data, path)
    if "\x00" in text or (_control_bytes(data) and len(_CONTROL.findall(text, 0, 4096)) > 8):
        raise InputError(path, "不是文本文件（含控制字符），请提供文本、Excel、Word 或 PDF 格式的绩效目标表")
    # Only real line breaks (\r\n, \r, \n): a form feed (page break) is not a line.
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    separator = _separator(text)
    odd_spaces = separator is _TAB and _has_odd_space(text)  # once per file, not per line
    grid = Grid(source=path, exact_columns=separator is _TAB)
    rows = grid.rows
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped:
            continue
        first = stripped[0]
        if (first in _RULE_START and _RULE.match(stripped)) \
                or ((first in _PAGE_MARKER_START or first.isdecimal()) and _PAGE_MARKER.match(stripped)):
            continue
        if separator is _TAB and first not in "#|":
            # Most lines: _split's tab-separated case in one pass (cells stripped, empty ones dropped).
            if odd_spaces:
                line = _fold_spaces(line)
            cells = [Cell(t, i, number) for i, c in enumerate(line.rstrip().split("\t")) if (t := c.strip())]
        else:
            cells = [Cell(t, i, number) for i, t in enumerate(_split(line, stripped, separator)) if t]
        rows.append(Row(cells, number))
    return grid
