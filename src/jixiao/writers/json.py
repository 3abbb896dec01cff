"""The model as JSON, the contract of docs/json.md (the same as `jixiao parse --format json`)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import orjson

from jixiao.model import TargetTable


def encode(data: Any) -> bytes:
    """One JSON document, indented, UTF-8, ending with a newline. orjson writes it whole in C:
    the standard library's indented encoder is pure Python and took most of the time of
    `jixiao parse --format json` on a province's tables."""
    return orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)


def document(tables: Sequence[TargetTable]) -> dict[str, Any]:
    return {"tables": [t.to_json() for t in tables]}


def render(tables: Sequence[TargetTable]) -> str:
    return encode(document(tables)).decode("utf-8")


def write(tables: Sequence[TargetTable], path: str | Path) -> None:
    Path(path).write_bytes(encode(document(tables)))
