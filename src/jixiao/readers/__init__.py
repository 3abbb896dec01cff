"""Readers turn a file into a Grid; nothing domain-specific happens here.

The format is told by the content, not the name. Every file is held to limits far above any
real target table, so that hostile input (a zip bomb, a giant file, a PDF of thousands of
pages) ends in one line of error in bounded time and memory. The limits come from the
environment: JIXIAO_MAX_FILE_MB (50), JIXIAO_MAX_UNZIPPED_MB (200), JIXIAO_MAX_PAGES (500).
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path

from jixiao.errors import InputError, os_reason
from jixiao.grid import Grid
from jixiao.readers import text

# The readers of the other formats are imported when a file of theirs comes: every run pays
# for what it imports at start-up, and most runs read one format.

_HTML = re.compile(rb"<(!doctype\s+html|html|table|body)[\s>]", re.IGNORECASE)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of encrypted Office files and of .xls/.doc


def limit(name: str, default: int) -> int:
    """A size limit from the environment (JIXIAO_MAX_...), or its default."""
    try:
        return max(int(os.environ.get(f"JIXIAO_{name}", default)), 1)
    except ValueError:
        return default


def sniff(data: bytes) -> str:
    """The format of a file, by its content: xlsx, docx, zip, ole, pdf, html or text."""
    if data.startswith(b"PK\x03\x04"):
        head = data[:65536]
        if b"xl/" in head:
            return "xlsx"
        if b"word/" in head:
            return "docx"
        return "zip"
    if data.startswith(_OLE):
        return "ole"
    if data.lstrip()[:5] == b"%PDF-":
        return "pdf"
    if _HTML.search(data[:4096].replace(b"\x00", b"")):
        return "html"
    return "text"


def _check_zip(data: bytes, path: str) -> None:
    """Refuse a zip whose members would unpack beyond the limit (a zip bomb), before any
    library inflates them; a broken archive is said to be broken."""
    ceiling = limit("MAX_UNZIPPED_MB", 200) * 1024 * 1024
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            total = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise InputError(path, "文件已损坏或不完整，无法作为 Excel/Word 打开") from None
    if total > ceiling:
        raise InputError(path, f"解压后达 {total // (1024 * 1024)} MB，超过上限 {ceiling // (1024 * 1024)} MB"
                               "（疑为压缩炸弹；可用 JIXIAO_MAX_UNZIPPED_MB 调整）")


def read_grid(path: str) -> Grid:
    """Read any supported file into a Grid."""
    file = Path(path)
    if not file.exists():
        raise InputError(path, "文件不存在")
    if not file.is_file():
        raise InputError(path, "不是文件")
    ceiling = limit("MAX_FILE_MB", 50)
    try:
        size = file.stat().st_size
        if size > ceiling * 1024 * 1024:
            raise InputError(path, f"文件有 {size // (1024 * 1024)} MB，超过上限 {ceiling} MB（可用 JIXIAO_MAX_FILE_MB 调整）")
        data = file.read_bytes()
    except OSError as error:
        raise InputError(path, f"无法读取（{os_reason(error)}）") from None
    if not data.strip():
        raise InputError(path, "文件为空")
    kind = sniff(data)
    if kind in ("xlsx", "docx", "zip"):
        _check_zip(data, path)
    if kind == "xlsx":
        from jixiao.readers import xlsx

        return xlsx.read(data, path)
    if kind == "docx":
        from jixiao.readers import docx

        return docx.read(data, path)
    if kind == "pdf":
        from jixiao.readers import pdf

        return pdf.read(data, path, max_pages=limit("MAX_PAGES", 500))
    if kind == "html":
        from jixiao.readers import html

        return html.read(data, path)
    if kind == "zip":
        raise InputError(path, "是压缩包，但不是 Excel（.xlsx）或 Word（.docx）文件")
    if kind == "ole":
        raise InputError(path, "是加密的 Office 文件或旧版 .xls/.doc 文件：请去掉密码，另存为 .xlsx 或 .docx 后再导入")
    what = _other_format(data)
    if what is not None:
        named = f"（文件名的扩展名是 {file.suffix}）" if file.suffix else ""
        raise InputError(path, f"内容是 {what}，不是绩效目标表{named}；请提供文本、Excel、Word、PDF 或 HTML 文件")
    return text.read(data, path)


# Formats people mistake for tables, by their first bytes: pictures, archives, other documents.
_OTHER_FORMATS = ((b"\xff\xd8\xff", "JPEG 图片"), (b"\x89PNG\r\n", "PNG 图片"), (b"GIF8", "GIF 图片"),
                  (b"II*\x00", "TIFF 图片"), (b"MM\x00*", "TIFF 图片"), (b"Rar!", "RAR 压缩包"),
                  (b"7z\xbc\xaf", "7z 压缩包"), (b"\x1f\x8b", "gzip 压缩包"), (b"{\\rtf", "RTF 文档"),
                  (b"%!PS", "PostScript 文件"), (b"\x7fELF", "程序文件"))


def _other_format(data: bytes) -> str | None:
    return next((name for magic, name in _OTHER_FORMATS if data.startswith(magic)), None)
