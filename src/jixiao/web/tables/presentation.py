"""How a table is shown: the official layout (jixiao.layout) with each finding beside the
indicator it concerns, and the files it exports to."""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Callable, Sequence
from html import escape
from importlib import import_module

from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from jixiao.layout import Box, layout
from jixiao.model import TargetTable
from jixiao.review import Finding, TableReview
from jixiao.web.tables.models import Comment, Kind, Stage, Status, Table

# The command line's export formats and their names on screen.
EXPORTS = {"xlsx": "Excel", "docx": "Word", "pdf": "PDF", "html": "网页", "json": "JSON", "csv": "CSV"}


def detail_context(table: Table, result: TableReview, comments: Sequence[Comment] = ()) -> dict:
    """The official layout as HTML with each indicator's findings and comments beside it, the
    findings that concern no indicator (header, texts, funds), and the indicator choices of the
    comment and return forms. The layout is written here rather than in a template: a table
    has hundreds of cells, and the template loop was half the page's time."""
    parsed = result.table
    by_indicator, elsewhere = placed_findings(result)
    names = [i.name for i in parsed.indicators]
    remarks: dict[str, list[Comment]] = {}
    for comment in comments:
        if comment.indicator:
            remarks.setdefault(comment.indicator, []).append(comment)
    counts = result.counts()
    return {"table": table, "parsed": parsed, "review": result, "elsewhere": elsewhere,
            "elsewhere_html": _findings_html(elsewhere), "layout_html": _layout_html(parsed, by_indicator, remarks),
            "indicator_options": options([(name, name) for name in dict.fromkeys(names)], ""),
            "counts": {s.label: n for s, n in counts.items()}}


def _layout_html(parsed: TargetTable, by_indicator: dict[int, list[Finding]], remarks: dict[str, list[Comment]]) -> str:
    drawn = layout(parsed)
    out = ['<table class="official">']
    for r, boxes in enumerate(drawn.html_rows()):
        index = drawn.indicator_rows.get(r)
        found = by_indicator.get(index, []) if index is not None else []
        said = remarks.get(parsed.indicators[index].name, []) if index is not None else []
        out.append('<tr class="has-findings">' if found or said else "<tr>")
        out += [_cell(box) for box in boxes]
        out.append('<td class="findings">')
        out += [format_html('<div class="finding sev-{}"><b>{} {}</b> {}</div>', f.severity.value, f.severity.label,
                            f.rule.code, f.message) for f in found]
        out += [format_html('<div class="finding remark{}"><b>{} · {}</b> {}</div>',
                            " return-reason" if c.is_return_reason else "", "退回原因" if c.is_return_reason else "意见",
                            c.author.get_full_name() or c.author.username, c.text) for c in said]
        out.append("</td></tr>")
    out.append("</table>")
    return mark_safe("".join(out))  # every text above escaped (format_html, or html.escape in _cell)


def _findings_html(findings: Sequence[Finding]) -> SafeString:
    """The findings that concern no indicator, each with its rule's basis and suggestion, as
    list items (written here for the layout's reason: nine fields a finding in a template loop)."""
    return mark_safe("".join(
        format_html('<li class="finding sev-{}"><b>{} {} {}</b>：{}{}<div class="muted">依据：{}；建议：{}</div></li>',
                    f.severity.value, f.severity.label, f.rule.code, f.rule.title, f.message,
                    f"（原文第 {f.line} 行）" if f.line else "", f.rule.basis, f.rule.suggestion)
        for f in findings))  # format_html escapes every field


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


def _cell(box: Box | None) -> str:
    if box is None:  # an empty place no merged cell covers
        return '<td class="value"></td>'
    spans = (f' colspan="{box.colspan}"' if box.colspan > 1 else "") + (f' rowspan="{box.rowspan}"' if box.rowspan > 1 else "")
    return f'<td class="{box.role}"{spans}>{escape(box.text)}</td>'


def list_rows(tables: Sequence[dict]) -> SafeString:
    """The table list's rows, from the values of views.LIST_COLUMNS. Written here rather than
    in a template loop for the reason the layout is, and escaped with the standard library's
    html.escape (what Django's escape calls, without its handling of lazy strings, which none
    of these are): fifty rows of nine cells were over half of the list page's time."""
    if not tables:
        return mark_safe('<tr><td colspan="9" class="muted">没有符合条件的表。</td></tr>')
    base = reverse("tables")  # a table's page is tables/<pk>/ (tables/urls.py)
    kinds, stages, statuses = dict(Kind.choices), dict(Stage.choices), dict(Status.choices)
    rows = []
    for t in tables:
        status = f"{statuses.get(t['status'], t['status'])}{'（调整中）' if t['adjusting'] else ''}"
        cells = (t["unit__name"], t["year"] or "", kinds.get(t["kind"], t["kind"]), stages.get(t["stage"], t["stage"]))
        rows.append(f'<tr><td><a href="{base}{t["id"]}/">{escape(t["name"])}</a></td>'
                    + "".join(f"<td>{escape(str(c))}</td>" for c in cells)
                    + f'<td><span class="status status-{escape(t["status"])}">{escape(status)}</span></td>'
                    f"<td>{t['score']}（{escape(t['grade'])}）</td><td>{t['errors']} / {t['warnings']}</td>"
                    f"<td>{timezone.localtime(t['updated_at']):%Y-%m-%d %H:%M}</td></tr>")
    return mark_safe("".join(rows))  # every text in it escaped above


def options(choices: Sequence[tuple[object, str]], chosen: str) -> SafeString:
    """<option> elements for a filter, the chosen one selected."""
    return mark_safe("".join(
        f'<option value="{escape(str(value))}"{" selected" if str(value) == chosen else ""}>{escape(label)}</option>'
        for value, label in choices))


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
