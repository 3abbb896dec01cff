"""The library entry point: a file in, its target tables out."""

from __future__ import annotations

from jixiao.interpret import interpret
from jixiao.model import TargetTable
from jixiao.readers import read_grid


def parse_file(path: str) -> list[TargetTable]:
    """Every target table in a file. Raises InputError with a one-line reason."""
    return interpret(read_grid(path))
