"""Monitoring and self-evaluation results as text, JSON, HTML and XLSX: each result is first
laid out as one Sheet (a headline, rows with a colour, notes), which every format draws."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from jixiao.evaluation import EvaluationResult, q2
from jixiao.model import decimal_text
from jixiao.monitoring import BLUE, COLOURS, GREEN, RED, YELLOW, MonitoringResult

_RICH = {RED: "bold red", YELLOW: "bold yellow", GREEN: "green", BLUE: "bold blue", None: "dim"}
_HEX = {RED: "F4B6B6", YELLOW: "FBE5A0", GREEN: "C6E8C6", BLUE: "BBD7F2", None: "EEEEEE"}
_CSS_COLOUR = {RED: "#c62828", YELLOW: "#b7860b", GREEN: "#2e7d32", BLUE: "#1565c0", None: "#777"}


@dataclass(slots=True)
class Row:
    cells: list[str]
    colour: str | None = None
    line: str = ""  # the row said in one line, for the terminal


@dataclass(slots=True)
class Sheet:
    title: str
    headline: list[tuple[str, str | None]]  # lines with the colour they speak of
    columns: list[str]
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    status_column: int | None = None  # the column that names the colour


def _n(value: Decimal | None, places: int = 2) -> str:
    if value is None:
        return ""
    return decimal_text(value.quantize(Decimal(1).scaleb(-places)).normalize()) or "0"


def colour_word(colour: str | None) -> str:
    return COLOURS.get(colour, "—") if colour else "—"


def _name(table) -> str:  # noqa: ANN001
    return table.project or table.unit or Path(table.source).name


# ------------------------------------------------------------------------- monitoring
def monitoring_sheet(result: MonitoringResult) -> Sheet:
    table, b = result.table, result.budget
    counts = result.counts()
    title = f"{_name(table)} · {table.year or ''}年 · 截至 {result.month} 月底绩效运行监控"
    headline = [(f"总体状态：{colour_word(result.colour)}（取各指标和预算执行中最差的颜色）", result.colour)]
    if b.rate is not None:
        headline.append((f"预算执行：全年预算 {_n(b.budget_wan, 4)} 万元，已支出 {_n(b.spent_wan, 4)} 万元，执行率 {_n(b.rate)}%；"
                         f"应完成 {_n(b.due_share)}%（{b.due_basis}），进度比 {_n(b.ratio, 1)} → {colour_word(b.colour)}", b.colour))
    else:
        headline.append((f"预算执行：{b.note}", None))
    if b.by_source:
        headline.append(("其中：" + "；".join(f"{k} {_n(v, 4)} 万元" for k, v in b.by_source.items()), None))
    headline.append(("指标：" + " · ".join(f"{COLOURS[c]} {counts[c]}" for c in (RED, YELLOW, GREEN, BLUE))
                     + f" · 未填报 {len(result.missing)}", None))
    sheet = Sheet(title, headline, ["一级指标", "二级指标", "三级指标", "半年指标值", "全年指标值", "实际完成值", "应完成",
                                    "完成进度（%）", "状态", "偏差原因", "完成可能性", "说明"], status_column=8)
    for s in result.indicators:
        i, o = s.indicator, s.observation
        reason = o.reason() if o else ""
        due = f"{_n(s.due)}{s.unit or ''}（{s.due_text}）" if s.due is not None else ""
        cells = [i.level1 or "", i.level2 or "", i.name, i.half_year.raw if i.half_year else "",
                 i.full_year.raw if i.full_year else "", o.raw if o else "", due, _n(s.ratio, 1),
                 colour_word(s.colour), reason, (o.likelihood or "") if o else "", s.note or ""]
        place = "/".join(p for p in (i.level1, i.level2, i.name) if p)
        if o is None:
            line = f"【—】{place}：未填报"
        else:
            parts = [f"实际 {o.raw}"]
            if s.due is not None:
                parts.append(f"应完成 {due}")
            if s.ratio is not None:
                parts.append(f"进度 {_n(s.ratio, 1)}%")
            if reason:
                parts.append(f"偏差原因：{reason}")
            if o.likelihood:
                parts.append(f"完成可能性：{o.likelihood}")
            if s.note:
                parts.append(s.note)
            line = f"【{colour_word(s.colour)}】{place}：" + "，".join(parts)
        sheet.rows.append(Row(cells, s.colour, line))
    limits = result.settings.monitoring
    sheet.notes.append(f"颜色：完成进度低于 {_n(limits.indicator_red_below)}% 为红，低于 {_n(limits.indicator_yellow_below)}% 为黄，"
                       f"低于 {_n(limits.indicator_blue_from)}% 为绿，达到 {_n(limits.indicator_blue_from)}% 为蓝（超额较多，核实目标是否偏低）；"
                       f"反向指标未超过指标值为绿、超过为红；定性指标达成为绿、部分达成为黄、未达成为红；"
                       f"预算进度比低于 {_n(limits.budget_red_below)} 为红、低于 {_n(limits.budget_yellow_below)} 为黄。")
    if result.settings.source:
        sheet.notes.append(f"阈值设置取自 {result.settings.source}。")
    return sheet


# ------------------------------------------------------------------------- self-evaluation
def evaluation_sheet(result: EvaluationResult) -> Sheet:
    table, e = result.table, result.execution
    title = f"{_name(table)} · {table.year or ''}年度绩效自评"
    headline: list[tuple[str, str | None]] = [(f"总分 {_n(result.shown_total)} 分 · 自评等级 {result.grade}", None)]
    if e.weight:
        if e.rate is not None:
            headline.append((f"预算执行率：已支出 {_n(e.spent_wan, 4)} ÷ 全年预算 {_n(e.budget_wan, 4)} 万元 = {_n(e.rate)}%，"
                             f"得分 {_n(q2(e.score))} / {_n(e.weight)}", None))
        else:
            headline.append((f"预算执行率：{e.note}", None))
    sheet = Sheet(title, headline, ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "计分", "偏差原因"])
    for s in result.scores:
        i, o = s.indicator, s.observation
        reason = o.reason() if o else ""
        cells = [i.level1 or "", i.level2 or "", i.name, i.full_year.raw if i.full_year else "", o.raw if o else "",
                 _n(q2(s.weight)), _n(q2(s.score)), s.explanation, reason or (s.note or "")]
        place = "/".join(p for p in (i.level1, i.level2, i.name) if p)
        line = (f"{place}：{cells[3]} → {cells[4] or '未填报'}，分值 {cells[5]}，得分 {cells[6]}（{s.explanation}）"
                + (f"；偏差原因：{reason}" if reason else "") + (f"；{s.note}" if s.note and o is not None else ""))
        sheet.rows.append(Row(cells, None, line))
    if e.weight:
        text = f"{_n(e.weight)} × min({_n(e.rate)}%, 100%) = {_n(q2(e.score))}" if e.rate is not None else (e.note or "")
        sheet.rows.append(Row(["预算执行率", "", "", f"{_n(e.budget_wan, 4)} 万元", f"{_n(e.spent_wan, 4)} 万元",
                               _n(e.weight), _n(q2(e.score)), text, ""], None, f"预算执行率：得分 {_n(q2(e.score))}（{text}）"))
    sheet.notes += result.warnings
    if result.unscored:
        names = "、".join(dict.fromkeys(i.level1 or "" for i in result.unscored))
        sheet.notes.append(f"{names}指标共 {len(result.unscored)} 项不计分（自评表只对产出、效益、满意度和预算执行率计分），"
                           "也不写入自评表。")
    return sheet


# ------------------------------------------------------------------------- formats
def write_text(sheet: Sheet, console) -> None:  # noqa: ANN001 (a rich Console)
    from rich.markup import escape

    console.print(f"[bold]{escape(sheet.title)}[/]", soft_wrap=True)
    for text, colour in sheet.headline:
        console.print(f"  [{_RICH[colour]}]{escape(text)}[/]" if colour else f"  {escape(text)}", soft_wrap=True)
    for row in sheet.rows:
        style = _RICH[row.colour] if sheet.status_column is not None else None
        console.print(f"  [{style}]{escape(row.line)}[/]" if style else f"  {escape(row.line)}", soft_wrap=True)
    for note in sheet.notes:
        console.print(f"  [dim]{escape(note)}[/]", soft_wrap=True)


def to_json(result: MonitoringResult | EvaluationResult) -> dict[str, Any]:
    key = "monitoring" if isinstance(result, MonitoringResult) else "evaluation"
    return {key: result.to_json()}


_CSS = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:1.5em;color:#222}
h1{font-size:1.3em} p.head{margin:.3em 0} table{border-collapse:collapse;margin:1em 0;font-size:.92em}
th,td{border:1px solid #bbb;padding:4px 6px;vertical-align:top} th{background:#eef3f8}
td.status{font-weight:bold;color:#fff;text-align:center} .notes{color:#555;font-size:.9em}
"""


def render_html(sheet: Sheet) -> str:
    h = lambda text: html.escape(str(text), quote=True)  # noqa: E731
    parts = ['<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">',
             f"<title>{h(sheet.title)}</title><style>{_CSS}</style></head><body>", f"<h1>{h(sheet.title)}</h1>"]
    for text, colour in sheet.headline:
        style = f' style="color:{_CSS_COLOUR[colour]}"' if colour else ""
        parts.append(f'<p class="head"{style}>{h(text)}</p>')
    parts.append("<table><tr>" + "".join(f"<th>{h(c)}</th>" for c in sheet.columns) + "</tr>")
    for row in sheet.rows:
        cells = []
        for col, text in enumerate(row.cells):
            if col == sheet.status_column:
                cells.append(f'<td class="status" style="background:{_CSS_COLOUR[row.colour]}">{h(text)}</td>')
            else:
                cells.append(f"<td>{h(text)}</td>")
        parts.append("<tr>" + "".join(cells) + "</tr>")
    parts.append("</table>")
    if sheet.notes:
        parts.append('<ul class="notes">' + "".join(f"<li>{h(n)}</li>" for n in sheet.notes) + "</ul>")
    parts.append("</body></html>\n")
    return "".join(parts)


def write_xlsx(sheet: Sheet, target: str | Path | IO[bytes]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    book = Workbook()
    ws = book.active
    ws.title = "监控" if sheet.status_column is not None else "自评"
    font, bold = Font(name="等线", size=10), Font(name="等线", size=10, bold=True)
    ws.append([sheet.title])
    ws["A1"].font = Font(name="等线", size=12, bold=True)
    for text, _ in sheet.headline:
        ws.append([text])
    ws.append([])
    head = ws.max_row + 1
    ws.append(sheet.columns)
    for cell in ws[head]:
        cell.font, cell.fill = bold, PatternFill("solid", fgColor="DCE6F1")
    for row in sheet.rows:
        ws.append(row.cells)
        if sheet.status_column is not None:
            ws.cell(row=ws.max_row, column=sheet.status_column + 1).fill = PatternFill("solid", fgColor=_HEX[row.colour])
    for row in ws.iter_rows(min_row=head + 1):
        for cell in row:
            cell.font = font
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    if sheet.notes:
        ws.append([])
        for note in sheet.notes:
            ws.append([note])
    widths = [10, 12, 26, 14, 14, 14, 24, 10, 8, 30, 10, 20] if sheet.status_column is not None \
        else [10, 12, 26, 14, 14, 8, 8, 40, 30]
    for index, size in enumerate(widths):
        ws.column_dimensions[chr(ord("A") + index)].width = size
    ws.freeze_panes = f"A{head + 1}"
    ws.auto_filter.ref = f"A{head}:{chr(ord('A') + len(sheet.columns) - 1)}{head + len(sheet.rows)}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    book.save(target)
