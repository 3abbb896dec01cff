"""Readers turn a file into a Grid; nothing domain-specific happens here."""

from __future__ import annotations

from pathlib import Path

from jixiao.errors import InputError
from jixiao.grid import Grid
import re

from jixiao.readers import docx, html, pdf, text, xlsx


_HTML = re.compile(rb"<(!doctype\s+html|html|table|body)[\s>]", re.IGNORECASE)


def sniff(data: bytes) -> str:
    """The format of a file, by its content: xlsx, docx, pdf, html or text."""
    if data.startswith(b"PK\x03\x04"):
        head = data[:65536]
        if b"xl/" in head:
            return "xlsx"
        if b"word/" in head:
            return "docx"
        return "zip"
    if data.lstrip()[:5] == b"%PDF-":
        return "pdf"
    if _HTML.search(data[:4096].replace(b"\x00", b"")):
        return "html"
    return "text"


def read_grid(path: str) -> Grid:
    """Read any supported file into a Grid; the format is told by the content, not the name."""
    file = Path(path)
    if not file.exists():
        raise InputError(path, "文件不存在")
    if not file.is_file():
        raise InputError(path, "不是文件")
    try:
        data = file.read_bytes()
    except OSError as error:
        raise InputError(path, f"无法读取（{error.strerror or error}）") from None
    if not data.strip():
        raise InputError(path, "文件为空")
    kind = sniff(data)
    if kind == "xlsx":
        return xlsx.read(data, path)
    if kind == "pdf":
        return pdf.read(data, path)
    if kind == "docx":
        return docx.read(data, path)
    if kind == "html":
        return html.read(data, path)
    if kind == "zip":
        raise InputError(path, "是压缩包，但不是 Excel（.xlsx）或 Word（.docx）文件")
    return text.read(data, path)
