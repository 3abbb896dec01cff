"""Review reports: terminal text, JSON, a self-contained HTML page and a filterable workbook."""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from jixiao.review import TableReview
from jixiao.review.catalog import CONCERNS, CROSS_RULES, Severity
from jixiao.review.cross import CrossFinding
from jixiao.review.score import GRADE_MEANING, METHOD
from jixiao.texts import width
from jixiao.writers.json import encode

if TYPE_CHECKING:
    from rich.console import Console

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def _name(review: TableReview) -> str:
    t = review.table
    return t.project or t.unit or t.title or Path(t.source).name


def _place(line: int | None) -> str:
    return f"第 {line} 行" if line is not None else "全表"


def totals(reviews: Sequence[TableReview], min_severity: Severity = Severity.INFO) -> dict[Severity, int]:
    total = dict.fromkeys(Severity, 0)
    for review in reviews:
        for severity, count in review.counts(min_severity).items():
            total[severity] += count
    return total


def summary_line(reviews: Sequence[TableReview], min_severity: Severity = Severity.INFO) -> str:
    """The findings counted by severity; under a --min-severity floor, the ones it hid are
    counted too (the score counts them all)."""
    counts = totals(reviews)
    shown = [s for s in Severity if s.rank >= min_severity.rank]
    hidden = [s for s in Severity if s.rank < min_severity.rank and counts[s]]
    line = f"共审核 {len(reviews)} 张表：" + "，".join(f"{s.label} {counts[s]} 条" for s in shown)
    if hidden:
        line += f"（另有{'、'.join(f'{s.label} {counts[s]} 条' for s in hidden)}未列出，质量分已计入）"
    return line


# A line of the text report: its pieces, each with a rich style or none.
Line = list[tuple[str, str | None]]


def write_text(reviews: Sequence[TableReview], min_severity: Severity, console: Console,
               cross: Sequence[CrossFinding] = ()) -> None:
    """The report for people. A terminal gets it in colour through rich; a file or a pipe gets
    the same words written at once, which is as fast as the JSON (rich, line by line, was 3×
    slower on a bureau's 5,000 tables)."""
    lines = text_lines(reviews, min_severity, cross)
    if console.is_terminal:
        from rich.text import Text

        for line in lines:
            console.print(Text.assemble(*line), soft_wrap=True)
    else:
        console.file.write("".join("".join(piece for piece, _ in line) + "\n" for line in lines))


def text_lines(reviews: Sequence[TableReview], min_severity: Severity, cross: Sequence[CrossFinding] = ()) -> list[Line]:
    lines: list[Line] = []
    for review in reviews:
        t = review.table
        kind = "部门整体" if t.kind == "department" else "项目"
        lines.append([(_name(review), "bold"), (f"  {kind} · {t.year or '年度未知'} · {t.source}", "dim")])
        lines.append([("  质量分 ", None), (str(review.score), "bold"), ("  等级 ", None), (review.grade, "bold"),
                      (f"（{GRADE_MEANING[review.grade]}）", None)])
        for f in review.visible(min_severity):
            lines.append([("  ", None), (f.severity.label, _STYLE[f.severity]),
                          (f" {f.rule.code} {_place(f.line)}：{f.message}", None)])
            lines.append([(f"      建议：{f.rule.suggestion}", "dim")])
        lines.append([])
    shown = _visible(cross, min_severity)
    if shown:
        lines.append([("表间核对", "bold"), ("  一同审核的表相互比对", "dim")])
        for f in shown:
            rule = CROSS_RULES[f.rule_code]
            lines.append([("  ", None), (f.severity.label, _STYLE[f.severity]), (f" {rule.code} {f.message}", None)])
            lines.append([(f"      涉及：{'；'.join(_where(reviews, i) for i in f.tables)}", "dim")])
            lines.append([(f"      建议：{rule.suggestion}", "dim")])
        lines.append([])
    if len(reviews) > 1:
        lines.append([("质量分一览", "bold")])
        for review in reviews:
            lines.append([(f"  {review.score:>3} 分 {review.grade}  {_name(review)}", None),
                          (f"（{Path(review.table.source).name}）", "dim")])
        lines.append([])
    lines.append([(summary_line(reviews, min_severity) + (f"；表间核对 {len(shown)} 条" if shown else ""), None)])
    lines.append([(f"评分方法：{METHOD}", "dim")])
    return lines


def render_json(reviews: Sequence[TableReview], min_severity: Severity, cross: Sequence[CrossFinding] = ()) -> str:
    tables = [r.table for r in reviews]
    data = {"method": METHOD, "tables": [r.to_json(min_severity) for r in reviews],
            "cross_findings": [f.to_json(tables) for f in _visible(cross, min_severity)]}
    return encode(data).decode("utf-8")


def _visible(cross: Sequence[CrossFinding], min_severity: Severity) -> list[CrossFinding]:
    return [f for f in cross if f.severity.rank >= min_severity.rank]


def _where(reviews: Sequence[TableReview], index: int) -> str:
    return f"{_name(reviews[index])}（{Path(reviews[index].table.source).name}）"


_CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;margin:2em auto;
max-width:1200px;color:#222;line-height:1.5;padding:0 1em}
h1{font-size:1.6em;margin-bottom:.2em} h2{font-size:1.25em;margin:1.6em 0 .3em;border-bottom:2px solid #345;padding-bottom:.2em}
.meta{color:#666;font-size:.9em} .method{background:#f5f7fa;border-left:4px solid #89a;padding:.6em 1em;font-size:.9em}
table{border-collapse:collapse;width:100%;margin:.6em 0;font-size:.92em} th,td{border:1px solid #ccd;padding:.35em .5em;vertical-align:top;text-align:left}
th{background:#e8edf3;white-space:nowrap} td.n{white-space:nowrap}
.score{display:inline-block;font-size:1.1em;font-weight:bold;padding:.1em .6em;border-radius:4px;color:#fff}
.g优{background:#2e7d32}.g良{background:#558b2f}.g中{background:#ef6c00}.g差{background:#c62828}
.sev{font-weight:bold;white-space:nowrap} .error{color:#c62828} .warning{color:#b26a00} .info{color:#1565c0}
.sug{color:#555;font-size:.9em} details{font-size:.85em;color:#555} .none{color:#2e7d32}
"""


def _h(text: object) -> str:
    return html.escape(str(text), quote=True)


def render_html(reviews: Sequence[TableReview], min_severity: Severity, cross: Sequence[CrossFinding] = ()) -> str:
    parts = [
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">",
        "<title>绩效目标审核报告</title><style>" + _CSS + "</style></head><body>",
        "<h1>绩效目标审核报告</h1>",
        f"<p class=\"meta\">{_h(summary_line(reviews, min_severity))}</p>",
        f"<p class=\"method\"><b>评分方法：</b>{_h(METHOD)}</p>",
        "<table><tr><th>序号</th><th>项目（单位）</th><th>年度</th><th>质量分</th><th>等级</th>"
        + "".join(f"<th>{s.label}</th>" for s in Severity) + "</tr>",
    ]
    for n, review in enumerate(reviews, 1):
        counts = review.counts(min_severity)
        parts.append(
            f"<tr><td class=\"n\">{n}</td><td><a href=\"#t{n}\">{_h(_name(review))}</a></td><td class=\"n\">{_h(review.table.year or '')}</td>"
            f"<td class=\"n\">{review.score}</td><td class=\"n\">{review.grade}</td>"
            + "".join(f"<td class=\"n\">{counts[s]}</td>" for s in Severity) + "</tr>"
        )
    parts.append("</table>")
    for n, review in enumerate(reviews, 1):
        t = review.table
        kind = "部门整体支出" if t.kind == "department" else "项目支出"
        parts.append(f"<h2 id=\"t{n}\">{n}. {_h(_name(review))}</h2>")
        parts.append(
            f"<p class=\"meta\">{kind} · {_h(t.year or '年度未知')} · 来源 {_h(t.source)}</p>"
            f"<p><span class=\"score g{review.grade}\">{review.score} 分 · {review.grade}</span> "
            f"{_h(GRADE_MEANING[review.grade])}</p>"
        )
        findings = review.visible(min_severity)
        if not findings:
            parts.append("<p class=\"none\">未发现问题。</p>")
            continue
        parts.append("<table><tr><th>严重程度</th><th>规则</th><th>位置</th><th>问题</th><th>修改建议</th></tr>")
        for f in findings:
            indicator = f"<br><small>指标：{_h(f.indicator)}</small>" if f.indicator else ""
            parts.append(
                f"<tr><td class=\"sev {f.severity.value}\">{f.severity.label}</td>"
                f"<td class=\"n\">{f.rule.code}<br><small>{_h(CONCERNS[f.rule.concern])}</small></td>"
                f"<td class=\"n\">{_place(f.line)}</td>"
                f"<td><b>{_h(f.rule.title)}</b><br>{_h(f.message)}{indicator}"
                f"<details><summary>依据</summary>{_h(f.rule.basis)}</details></td>"
                f"<td class=\"sug\">{_h(f.rule.suggestion)}</td></tr>"
            )
        parts.append("</table>")
    shown = _visible(cross, min_severity)
    if shown:
        parts.append("<h2 id=\"cross\">表间核对</h2><table><tr><th>严重程度</th><th>规则</th><th>问题</th><th>涉及的表</th><th>修改建议</th></tr>")
        for f in shown:
            rule = CROSS_RULES[f.rule_code]
            parts.append(
                f"<tr><td class=\"sev {f.severity.value}\">{f.severity.label}</td><td class=\"n\">{rule.code}</td>"
                f"<td><b>{_h(rule.title)}</b><br>{_h(f.message)}</td>"
                f"<td>{'<br>'.join(_h(_where(reviews, i)) for i in f.tables)}</td><td class=\"sug\">{_h(rule.suggestion)}</td></tr>"
            )
        parts.append("</table>")
    parts.append("</body></html>\n")
    return "".join(parts)


_XLSX_COLUMNS = (
    ("文件", 28), ("项目（单位）", 30), ("年度", 7), ("质量分", 8), ("等级", 6), ("规则", 8), ("严重程度", 9),
    ("类别", 10), ("规则名称", 26), ("问题", 60), ("指标", 24), ("行", 6), ("修改建议", 50), ("依据", 50),
)


def write_xlsx(reviews: Sequence[TableReview], min_severity: Severity, path: str | Path,
               cross: Sequence[CrossFinding] = ()) -> None:
    """A workbook with a summary sheet and one row per finding, filterable on every column."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    font = Font(name="等线", size=10)
    bold = Font(name="等线", size=10, bold=True)
    head_fill = PatternFill("solid", fgColor="DCE6F1")
    wrap = Alignment(wrap_text=True, vertical="top")
    book = Workbook()
    summary = book.active
    summary.title = "汇总"
    summary.append(["序号", "项目（单位）", "文件", "年度", "质量分", "等级", "等级含义"] + [s.label for s in Severity])
    for n, review in enumerate(reviews, 1):
        counts = review.counts(min_severity)
        summary.append([n, _name(review), review.table.source, review.table.year, review.score, review.grade,
                        GRADE_MEANING[review.grade]] + [counts[s] for s in Severity])
    summary.append([])
    summary.append(["评分方法", METHOD])
    for size, letter in zip((6, 32, 36, 7, 8, 6, 22, 7, 7, 7), "ABCDEFGHIJ"):
        summary.column_dimensions[letter].width = size
    findings = book.create_sheet("审核发现")
    findings.append([name for name, _ in _XLSX_COLUMNS])
    for review in reviews:
        for f in review.visible(min_severity):
            findings.append([review.table.source, _name(review), review.table.year, review.score, review.grade,
                             f.rule.code, f.severity.label, CONCERNS[f.rule.concern], f.rule.title, f.message,
                             f.indicator, f.line, f.rule.suggestion, f.rule.basis])
    for sheet in (summary, findings):
        for row in sheet.iter_rows():
            for cell in row:
                cell.font = bold if cell.row == 1 else font
                if cell.row == 1:
                    cell.fill = head_fill
                elif sheet is findings:
                    cell.alignment = wrap
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions if sheet is findings else f"A1:J{len(reviews) + 1}"
    for index, (_, size) in enumerate(_XLSX_COLUMNS):
        findings.column_dimensions[chr(ord("A") + index)].width = size
    shown = _visible(cross, min_severity)
    if shown:
        sheet = book.create_sheet("表间核对")
        sheet.append(["规则", "严重程度", "规则名称", "问题", "涉及的表", "修改建议"])
        for f in shown:
            rule = CROSS_RULES[f.rule_code]
            sheet.append([rule.code, f.severity.label, rule.title, f.message,
                          "\n".join(_where(reviews, i) for i in f.tables), rule.suggestion])
        for letter, size in zip("ABCDEF", (8, 9, 26, 60, 40, 50)):
            sheet.column_dimensions[letter].width = size
        for row in sheet.iter_rows():
            for cell in row:
                cell.font = bold if cell.row == 1 else font
                cell.alignment = wrap
    for sheet in book.worksheets:
        _print_ready(sheet)
    book.save(path)


_LINE_HEIGHT = 13.5  # points per line of 10-point 等线


def _print_ready(sheet) -> None:  # noqa: ANN001 (an openpyxl worksheet)
    """A4 landscape, all columns on one page width, the header row on every page, and each row
    as tall as its longest wrapped cell, so that printed rows neither overlap nor get cut."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    for row in sheet.iter_rows(min_row=2):
        lines = 1
        for cell in row:
            if cell.value is None or not (cell.alignment and cell.alignment.wrap_text):
                continue
            columns = sheet.column_dimensions[cell.column_letter].width or 10
            lines = max(lines, sum(-(-max(width(part), 1) // max(int(columns) - 1, 1))
                                   for part in str(cell.value).split("\n")))
        if lines > 1:
            sheet.row_dimensions[row[0].row].height = lines * _LINE_HEIGHT
