"""Readers turn a file into a Grid; nothing domain-specific happens here."""

from __future__ import annotations

from pathlib import Path

from jixiao.errors import InputError
from jixiao.grid import Grid
from jixiao.readers import text


def read_grid(path: str) -> Grid:
    """Read any supported file into a Grid (today: text files in any common encoding)."""
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
    return text.read(data, path)
