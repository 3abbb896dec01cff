"""How a table is shown: the official layout (jixiao.layout) with each finding beside the
indicator it concerns, and the files it exports to."""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Callable, Sequence
from importlib import import_module

from jixiao.layout import layout
from jixiao.model import TargetTable
from jixiao.review import Finding, TableReview
from jixiao.web.tables.models import Comment, Table

# The command line's export formats and their names on screen.
EXPORTS = {"xlsx": "Excel", "docx": "Word", "pdf": "PDF", "html": "网页", "json": "JSON", "csv": "CSV"}


def detail_context(table: Table, result: TableReview, comments: Sequence[Comment] = ()) -> dict:
    """The layout as rows of cells, each indicator row with its findings and the comments
    on it, and the findings that concern no indicator (header, texts, funds) listed above."""
    parsed = result.table
    drawn = layout(parsed)
    by_indicator, elsewhere = placed_findings(result)
    rows, covered = [], _covered(drawn)
    for r, boxes in enumerate(drawn.rows):
        index = drawn.indicator_rows.get(r)
        rows.append({
            "cells": _cells(boxes, drawn.width, covered.get(r, set())),
            "indicator": None if index is None else parsed.indicators[index],
            "findings": by_indicator.get(index, []) if index is not None else [],
            "comments": [c for c in comments if index is not None and c.indicator == parsed.indicators[index].name],
        })
    counts = result.counts()
    return {"table": table, "parsed": parsed, "review": result, "rows": rows, "width": drawn.width,
            "elsewhere": elsewhere, "counts": {s.label: n for s, n in counts.items()}}


def placed_findings(result: TableReview) -> tuple[dict[int, list[Finding]], list[Finding]]:
    """Each finding at the indicator it concerns (by index, found by line, else by name), and
    the findings that concern none."""
    indicators = result.table.indicators
    by_indicator: dict[int, list[Finding]] = {}
    elsewhere = []
    lines = {i.line: n for n, i in enumerate(indicators)}
    names: dict[str, int] = {}
    for n, i in enumerate(indicators):
        names.setdefault(i.name, n)
    for finding in result.findings:
        index = lines.get(finding.line) if finding.indicator else None
        if index is None and finding.indicator:
            index = names.get(finding.indicator)
        if index is None:
            elsewhere.append(finding)
        else:
            by_indicator.setdefault(index, []).append(finding)
    return by_indicator, elsewhere


def _covered(drawn) -> dict[int, set[int]]:  # noqa: ANN001 (a Layout)
    """Row → the columns a merged cell from a row above takes."""
    found: dict[int, set[int]] = {}
    for r, row in enumerate(drawn.rows):
        for box in row:
            for below in range(r + 1, r + box.rowspan):
                found.setdefault(below, set()).update(range(box.col, box.col + box.colspan))
    return found


def _cells(boxes, width: int, taken: set[int]) -> list[dict]:  # noqa: ANN001 (layout boxes)
    """The cells of one row as HTML draws them: an empty place before a cell is drawn unless
    a merged cell from above covers it."""
    blank = {"text": "", "role": "value", "colspan": 1, "rowspan": 1}
    out, col = [], 0
    for box in boxes:
        out += [blank for c in range(col, box.col) if c not in taken]
        out.append({"text": box.text, "role": box.role, "colspan": box.colspan, "rowspan": box.rowspan})
        col = box.col + box.colspan
    out += [blank for c in range(col, width) if c not in taken]
    return out


def export_file(parsed: TargetTable, fmt: str) -> io.BytesIO:
    """The table written by the command line's writer for `fmt`, as bytes in memory."""
    writer = import_module(f"jixiao.writers.{fmt}")
    return written(lambda path: writer.write([parsed], path), fmt)


def written(write: Callable[[str], None], suffix: str) -> io.BytesIO:
    """What `write` puts in a file (the writers need a path), read back into memory; the
    temporary file is gone when this returns."""
    handle, path = tempfile.mkstemp(suffix=f".{suffix}", prefix="jixiao-export-")
    os.close(handle)
    try:
        write(path)
        with open(path, "rb") as done:
            return io.BytesIO(done.read())
    finally:
        os.unlink(path)
