"""The official layout as a web page: one table per target table, merged cells as rowspan
and colspan, readable on screen and printable on A4 landscape, with nothing to fetch."""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

from jixiao.layout import Box, layout
from jixiao.model import TargetTable

_CSS = """
@page{size:A4 landscape;margin:12mm}
body{font-family:"Noto Serif CJK SC","Noto Sans CJK SC","SimSun","Songti SC",serif;color:#000;margin:1.5em}
table{border-collapse:collapse;width:100%;margin:0 0 2em;font-size:10.5pt;page-break-after:always}
td{border:1px solid #000;padding:4px 6px;vertical-align:middle;white-space:pre-line}
td.title{border:none;text-align:center;font-size:15pt;font-weight:bold}
td.year{border:none;text-align:center;font-weight:bold}
td.head{text-align:center;font-weight:bold;background:#f2f2f2}
td.label{text-align:center}
td.number{text-align:right}
"""


def render(tables: Sequence[TargetTable]) -> str:
    parts = ['<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>绩效目标表</title>',
             f"<style>{_CSS}</style></head><body>"]
    for table in tables:
        parts.append("<table>")
        for row in layout(table).html_rows():
            parts.append("<tr>")
            parts += ["<td></td>" if box is None else _cell(box) for box in row]
            parts.append("</tr>")
        parts.append("</table>")
    parts.append("</body></html>\n")
    return "".join(parts)


def _cell(box: Box) -> str:
    spans = (f' colspan="{box.colspan}"' if box.colspan > 1 else "") + (f' rowspan="{box.rowspan}"' if box.rowspan > 1 else "")
    return f'<td class="{box.role}"{spans}>{html.escape(box.text)}</td>'


def write(tables: Sequence[TargetTable], path: str | Path) -> None:
    Path(path).write_text(render(tables), encoding="utf-8")
