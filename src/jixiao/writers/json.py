"""The model as JSON, the contract of docs/json.md (the same as `jixiao parse --format json`)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from jixiao.model import TargetTable


def render(tables: Sequence[TargetTable]) -> str:
    return json.dumps({"tables": [t.to_json() for t in tables]}, ensure_ascii=False, indent=1) + "\n"


def write(tables: Sequence[TargetTable], path: str | Path) -> None:
    Path(path).write_text(render(tables), encoding="utf-8")
