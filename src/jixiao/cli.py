"""The `jixiao` command: a thin layer over the library."""

from __future__ import annotations

import gc
import sys
from contextlib import nullcontext
from enum import Enum
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from jixiao.api import BATCH_THRESHOLDS, parse_files
from jixiao.errors import InputError, OutputError
from jixiao.writers import json as json_writer

# What only some commands need (rich's rendering, the review rules, the report writers) is
# imported inside those commands: start-up is paid by every run, and `parse --format json`
# needs none of it.
if TYPE_CHECKING:
    from rich.tree import Tree

    from jixiao.model import Indicator, Target, TargetTable
    from jixiao.review import TableReview
    from jixiao.review.catalog import Severity
    from jixiao.review.cross import CrossFinding

app = typer.Typer(add_completion=False, no_args_is_help=True, help="jixiao（绩效）：预算绩效目标表的导入、审核与评价。")


@app.callback()
def _root() -> None:
    """jixiao（绩效）：预算绩效目标表的导入、审核与评价。"""


class OutputFormat(str, Enum):
    text = "text"
    json = "json"


class ReportFormat(str, Enum):
    text = "text"
    json = "json"
    html = "html"
    xlsx = "xlsx"


class SeverityChoice(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


class ExportFormat(str, Enum):
    xlsx = "xlsx"
    docx = "docx"
    pdf = "pdf"
    html = "html"
    json = "json"
    csv = "csv"


class CatalogFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"


def _fail(message: str) -> None:
    from rich.console import Console

    Console(stderr=True, highlight=False).print(f"[bold red]错误[/]：{message}", soft_wrap=True)
    raise typer.Exit(code=2)


@app.command()
def parse(
    files: Annotated[list[str], typer.Argument(help="绩效目标表文件：文本（UTF-8 / GB18030 / UTF-16）、Excel、Word、PDF 或 HTML，按内容识别格式", metavar="FILE")],
    output: Annotated[OutputFormat, typer.Option("--format", "-f", help="输出格式：text 或 json")] = OutputFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="解析报告非空（有未使用的单元格）时报错")] = False,
) -> None:
    """解析绩效目标表，输出结构化结果。"""
    tables = _read_all(files)
    if strict:
        unused = [(t.source, n) for t in tables for n in t.report]
        if unused:
            from rich.console import Console
            from rich.markup import escape

            console = Console(stderr=True, highlight=False)
            for source, note in unused:
                console.print(f"{escape(source)}：第 {note.line} 行“{escape(note.text)}”：{escape(note.reason)}", soft_wrap=True)
            _fail(f"解析报告中有 {len(unused)} 处未使用的内容；--strict 要求每个单元格都被识别")
    if output is OutputFormat.json:
        sys.stdout.flush()
        sys.stdout.buffer.write(json_writer.encode(json_writer.document(tables)))
    else:
        from rich.console import Console

        console = Console(highlight=False)
        for table in tables:
            console.print(render_tree(table))


def _read_all(files: list[str]) -> list[TargetTable]:
    """Every table of every file; bad input ends the command with exit status 2."""
    tables: list[TargetTable] = []
    try:
        for _, parsed in parse_files(files):
            tables.extend(parsed)
    except InputError as error:
        _fail(str(error))
    return tables


@app.command()
def review(
    files: Annotated[list[str], typer.Argument(help="绩效目标表文件", metavar="FILE")],
    output: Annotated[ReportFormat, typer.Option("--format", "-f", help="报告格式：text、json、html 或 xlsx")] = ReportFormat.text,
    min_severity: Annotated[SeverityChoice, typer.Option("--min-severity", help="只列出不低于此严重程度的问题：error、warning 或 info")] = SeverityChoice.info,
    out: Annotated[str | None, typer.Option("--output", "-o", help="报告写入的文件（xlsx 默认写入 审核报告.xlsx）")] = None,
) -> None:
    """审核绩效目标表：列出问题、依据和修改建议，给出质量分和等级。发现错误时退出码为 1。"""
    from jixiao.review import Severity, review as review_table
    from jixiao.review import report
    from jixiao.review.cross import cross_review

    reviews = [review_table(t) for t in _read_all(files)]
    cross = cross_review([r.table for r in reviews])
    floor = Severity(min_severity.value)
    if output is ReportFormat.xlsx:
        out = out or "审核报告.xlsx"
    try:
        _write_report(reviews, cross, floor, output, out)
    except OSError as error:
        _fail(f"{out}：报告无法写入（{error.strerror or error}）")
    if out:
        from rich.console import Console
        from rich.markup import escape

        Console(stderr=True, highlight=False).print(f"{report.summary_line(reviews, floor)}；报告已写入 {escape(out)}")
    if any(f.severity is Severity.ERROR for r in reviews for f in r.findings):
        raise typer.Exit(code=1)


def _write_report(reviews: list[TableReview], cross: list[CrossFinding], floor: Severity, output: ReportFormat,
                  out: str | None) -> None:
    from jixiao.review import report

    if output is ReportFormat.xlsx:
        report.write_xlsx(reviews, floor, out, cross)
    elif output is ReportFormat.text:
        from rich.console import Console

        with open(out, "w", encoding="utf-8") if out else nullcontext(sys.stdout) as stream:
            report.write_text(reviews, floor, Console(file=stream, highlight=False, soft_wrap=bool(out)), cross)
    else:
        content = report.render_html(reviews, floor, cross) if output is ReportFormat.html \
            else report.render_json(reviews, floor, cross)
        if out:
            Path(out).write_text(content, encoding="utf-8")
        else:
            sys.stdout.write(content)


@app.command()
def export(
    files: Annotated[list[str], typer.Argument(help="绩效目标表文件（文本、Excel、Word、PDF 或 HTML）", metavar="FILE")],
    to: Annotated[ExportFormat, typer.Option("--to", "-t", help="导出格式：xlsx、docx、pdf、html、json 或 csv")],
    out_dir: Annotated[str, typer.Option("--output-dir", "-o", help="输出目录（默认当前目录）")] = ".",
) -> None:
    """按规范版式导出绩效目标表：每个输入文件导出为一个同名文件。"""
    from rich.console import Console
    from rich.markup import escape

    writer = import_module(f"jixiao.writers.{to.value}")
    target_dir = Path(out_dir)
    console = Console(stderr=True, highlight=False)
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        _fail(f"{out_dir}：无法创建输出目录（{error.strerror or error}）")
    written = 0
    try:
        for path, tables in parse_files(files):
            target = target_dir / f"{Path(path).stem}.{to.value}"
            if target.resolve() == Path(path).resolve():
                _fail(f"{path}：导出文件会覆盖原文件，请用 -o 指定另一个目录")
            try:
                writer.write(tables, target)
            except OutputError as error:
                _fail(str(error))
            except OSError as error:
                _fail(f"{target}：无法写入（{error.strerror or error}）")
            console.print(f"{escape(path)} → {escape(str(target))}（{len(tables)} 张表）", soft_wrap=True)
            written += 1
    except InputError as error:
        _fail(str(error))
    console.print(f"已导出 {written} 个文件")


@app.command()
def rules(
    output: Annotated[CatalogFormat, typer.Option("--format", "-f", help="输出格式：text、markdown 或 json")] = CatalogFormat.text,
) -> None:
    """列出审核规则目录：编号、名称、严重程度、类别、依据和修改建议。"""
    from rich.console import Console
    from rich.markup import escape

    from jixiao.review import RULES
    from jixiao.review.catalog import CONCERNS, CROSS_RULES
    from jixiao.review.docs import catalog_markdown

    if output is CatalogFormat.markdown:
        sys.stdout.write(catalog_markdown())
        return
    if output is CatalogFormat.json:
        catalog = [{"rule": r.code, "title": r.title, "severity": r.severity.value, "concern": CONCERNS[r.concern],
                    "basis": r.basis, "suggestion": r.suggestion} for r in _all_rules()]
        sys.stdout.flush()
        sys.stdout.buffer.write(json_writer.encode({"rules": catalog}))
        return
    console = Console(highlight=False)
    for r in _all_rules():
        console.print(f"[bold]{r.code}[/] {escape(r.title)}  [dim]{r.severity.label} · {CONCERNS[r.concern]}[/]")
        console.print(f"    依据：{escape(r.basis)}", soft_wrap=True)
        console.print(f"    [dim]建议：{escape(r.suggestion)}[/]", soft_wrap=True)
    console.print(f"共 {len(RULES) + len(CROSS_RULES)} 条规则（其中表间核对 {len(CROSS_RULES)} 条）")


def _all_rules():
    """The per-table rules, then the rules over the tables reviewed together."""
    from jixiao.review import RULES
    from jixiao.review.catalog import CROSS_RULES

    return [*RULES.values(), *CROSS_RULES.values()]


def _target(target: Target | None) -> str:
    from rich.markup import escape

    return escape(target.raw) if target is not None else "—"


def _indicator_line(indicator: Indicator, single: bool) -> str:
    from rich.markup import escape

    values = _target(indicator.full_year) if single else f"半年 {_target(indicator.half_year)} ｜ 全年 {_target(indicator.full_year)}"
    extra = indicator.extra
    if "actual" in extra:
        values += f" ｜ 实际 {extra['actual'] or '—'} ｜ 分值 {_number(extra['weight'])} ｜ 得分 {_number(extra['score'])}"
    if extra.get("reason"):
        values += f"  [dim]（偏差原因：{escape(extra['reason'])}）[/]"
    if extra.get("key_work") or extra.get("linked_project"):
        values += f"  [dim]（重点工作：{extra.get('key_work') or '—'}；对应项目：{extra.get('linked_project') or '—'}）[/]"
    return f"{escape(indicator.name)}：{values}"


def _number(value: object) -> str:
    return "—" if value is None else str(value)




def render_tree(table: TargetTable) -> Tree:
    """A table as a readable tree: header, funds, then the indicator framework."""
    from rich.markup import escape
    from rich.tree import Tree

    from jixiao.headers import TEXT_LABELS

    kind = "部门整体" if table.kind == "department" else "项目"
    stage = "自评" if table.stage == "self_evaluation" else "目标"
    heading = escape(table.project or table.unit or table.title or table.source)
    tree = Tree(f"[bold]{heading}[/]  [dim]{kind}{stage} · {table.year or '年度未知'} · {escape(table.source)}[/]")
    facts = [("单位", table.unit), ("主管部门", table.authority), ("资金总额（万元）", table.total_amount_wan),
             ("本年度金额（万元）", table.current_year_amount_wan)]
    if table.stage == "self_evaluation":
        execution = table.budget_execution
        if execution is not None:
            facts += [("预算执行率（%）", execution.rate), ("预算执行得分", execution.score)]
        facts += [("总分", table.total_score), ("自评等级", table.grade)]
    facts += list(table.fields.items())
    for label, value in facts:
        if value is not None:
            tree.add(f"{label}：{escape(str(value))}")
    if table.texts:
        texts = tree.add("文字说明")
        for key, text in table.texts.items():
            first = text.split("\n", 1)[0]
            shown = first if len(first) <= 40 and first == text else first[:40] + "…"
            texts.add(f"{TEXT_LABELS.get(key, key)}：{escape(shown)}（{len(text)} 字）")
    if table.funding:
        funds = tree.add("资金来源（万元）")
        nodes: dict[str, Tree] = {}
        for f in table.funding:
            parent = nodes.get(f.parent, funds) if f.parent else funds
            executed = f"（执行 {_number(f.execution.get('executed_wan'))}）" if f.execution else ""
            nodes[f.name] = parent.add(f"{escape(f.name)}：{_number(f.amount_wan)}{executed}")
    if table.expenditures:
        spend = tree.add("支出（半年 / 全年，万元）")
        for e in table.expenditures:
            spend.add(f"{escape(e.name)}：{_number(e.half_year_wan)} / {_number(e.annual_wan)}")
    if table.tasks:
        tasks = tree.add("年度主要任务（预算金额，万元）")
        for t in table.tasks:
            tasks.add(f"{escape(t.name)}：{_number(t.amount_wan)}")
    single = all(i.half_year is None for i in table.indicators)
    level1_nodes: dict[str, Tree] = {}
    level2_nodes: dict[tuple, Tree] = {}

    def level1_node(name: str | None) -> Tree:
        name = name or "（未分类）"
        if name not in level1_nodes:
            level1_nodes[name] = tree.add(f"[bold cyan]{escape(name)}[/]")
        return level1_nodes[name]

    for indicator in table.indicators:
        key = (indicator.level1, indicator.level2)
        if key not in level2_nodes:
            level2_nodes[key] = level1_node(indicator.level1).add(f"[cyan]{escape(indicator.level2 or '—')}[/]")
        level2_nodes[key].add(_indicator_line(indicator, single))
    for category in table.empty_categories:
        why = "（声明不适用）" if category.not_applicable else "（无三级指标）"
        level1_node(category.level1).add(f"[yellow]{escape(category.level2 or '—')}{why}[/]")
    for label, notes in (("修复", table.repairs), ("提示", table.warnings), ("未使用", table.report)):
        if notes:
            branch = tree.add(f"[yellow]{label}（{len(notes)}）[/]")
            for n in notes:
                text = f"{n.raw} → {n.value}" if label == "修复" else n.text
                branch.add(f"第 {n.line} 行：{escape(text)}（{escape(n.reason)}）")
    if table.outside:
        branch = tree.add(f"[dim]表外内容（{len(table.outside)}）[/]")
        for n in table.outside:
            branch.add(f"[dim]{escape(n.text)}（{escape(n.reason)}）[/]")
    return tree


def main() -> None:
    # One short-lived process whose tables live until it ends: collect cycles as rarely as a
    # batch does (api.batch_collection) from start to end, so that neither the review nor the
    # writing of reports scans the whole heap of tables again and again.
    gc.set_threshold(*BATCH_THRESHOLDS)
    app()
