"""The `jixiao` command: a thin layer over the library."""

from __future__ import annotations

import json
import sys
from enum import Enum
from typing import Annotated

import typer
from rich.console import Console
from rich.tree import Tree

from jixiao.api import parse_file
from jixiao.errors import InputError
from jixiao.model import Indicator, Target, TargetTable

app = typer.Typer(add_completion=False, no_args_is_help=True, help="jixiao（绩效）：预算绩效目标表的导入、审核与评价。")


@app.callback()
def _root() -> None:
    """jixiao（绩效）：预算绩效目标表的导入、审核与评价。"""


class OutputFormat(str, Enum):
    text = "text"
    json = "json"


def _fail(message: str) -> None:
    Console(stderr=True, highlight=False).print(f"[bold red]错误[/]：{message}", soft_wrap=True)
    raise typer.Exit(code=2)


@app.command()
def parse(
    files: Annotated[list[str], typer.Argument(help="绩效目标表文件（文本）", metavar="FILE...")],
    output: Annotated[OutputFormat, typer.Option("--format", "-f", help="输出格式：text 或 json")] = OutputFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="解析报告非空（有未使用的单元格）时报错")] = False,
) -> None:
    """解析绩效目标表，输出结构化结果。"""
    tables: list[TargetTable] = []
    for path in files:
        try:
            tables.extend(parse_file(path))
        except InputError as error:
            _fail(str(error))
    if output is OutputFormat.json:
        json.dump({"tables": [t.to_json() for t in tables]}, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        console = Console(highlight=False)
        for table in tables:
            console.print(render_tree(table))
    if strict:
        unused = [(t.source, n) for t in tables for n in t.report]
        if unused:
            source, note = unused[0]
            _fail(f"{source}：第 {note.line} 行“{note.text}”未被使用（{note.reason}），共 {len(unused)} 处；--strict 要求解析报告为空")


def _target(target: Target | None) -> str:
    return target.raw if target is not None else "—"


def _indicator_line(indicator: Indicator, single: bool) -> str:
    values = _target(indicator.full_year) if single else f"半年 {_target(indicator.half_year)} ｜ 全年 {_target(indicator.full_year)}"
    return f"{indicator.name}：{values}"


def render_tree(table: TargetTable) -> Tree:
    """A table as a readable tree: header, funds, then the indicator framework."""
    kind = "部门整体" if table.kind == "department" else "项目"
    heading = table.project or table.unit or table.title or table.source
    tree = Tree(f"[bold]{heading}[/]  [dim]{kind} · {table.year or '年度未知'} · {table.source}[/]")
    facts = [("单位", table.unit), ("主管部门", table.authority), ("资金总额（万元）", table.total_amount_wan),
             ("本年度金额（万元）", table.current_year_amount_wan)]
    for label, value in facts:
        if value is not None:
            tree.add(f"{label}：{value}")
    if table.funding:
        funds = tree.add("资金来源")
        for f in table.funding:
            funds.add(f"{f.name}：{f.amount_wan if f.amount_wan is not None else '—'}")
    if table.expenditures:
        spend = tree.add("支出（半年 / 全年，万元）")
        for e in table.expenditures:
            spend.add(f"{e.name}：{e.half_year_wan or '—'} / {e.annual_wan or '—'}")
    single = all(i.half_year is None for i in table.indicators)
    level1_nodes: dict[str, Tree] = {}
    level2_nodes: dict[tuple, Tree] = {}
    for indicator in table.indicators:
        l1 = indicator.level1 or "（未分类）"
        node1 = level1_nodes.get(l1) or level1_nodes.setdefault(l1, tree.add(f"[bold cyan]{l1}[/]"))
        key = (l1, indicator.level2)
        node2 = level2_nodes.get(key) or level2_nodes.setdefault(key, node1.add(f"[cyan]{indicator.level2 or '—'}[/]"))
        node2.add(_indicator_line(indicator, single))
    for category in table.empty_categories:
        l1 = category.level1 or "（未分类）"
        node1 = level1_nodes.get(l1) or level1_nodes.setdefault(l1, tree.add(f"[bold cyan]{l1}[/]"))
        node1.add(f"[yellow]{category.level2}（无三级指标）[/]")
    for label, notes in (("修复", table.repairs), ("提示", table.warnings), ("未使用", table.report)):
        if notes:
            branch = tree.add(f"[yellow]{label}（{len(notes)}）[/]")
            for n in notes:
                text = f"{n.raw} → {n.value}" if label == "修复" else n.text
                branch.add(f"第 {n.line} 行：{text}（{n.reason}）")
    return tree


def main() -> None:
    app()
