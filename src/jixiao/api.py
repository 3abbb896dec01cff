"""The library entry point: files in, their target tables out."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from jixiao.interpret import interpret
from jixiao.model import TargetTable
from jixiao.readers import read_grid


def parse_file(path: str) -> list[TargetTable]:
    """Every target table in a file. Raises InputError with a one-line reason."""
    return interpret(read_grid(path))


BATCH_THRESHOLDS = (100_000, 50, 100)


@contextmanager
def batch_collection() -> Iterator[None]:
    """Parsing allocates many small objects that never form cycles; Python's default cyclic
    collector would scan them again and again (a third of the time on a province's files).
    Collect rarely while a batch runs, and restore the thresholds after."""
    thresholds = gc.get_threshold()
    gc.set_threshold(*BATCH_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def parse_files(paths: Iterable[str]) -> Iterator[tuple[str, list[TargetTable]]]:
    """Each path with its tables, in order; InputError stops at the first unreadable file."""
    with batch_collection():
        for path in paths:
            yield path, parse_file(path)
