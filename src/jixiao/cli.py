"""The `jixiao` command: a thin layer over the library."""

from __future__ import annotations

import argparse
import gc
import io
import sys
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, NoReturn

from jixiao.api import BATCH_THRESHOLDS
from jixiao.arguments import Command, choice, dispatch
from jixiao.batch import Batch
from jixiao.errors import InputError, OutputError, os_reason
from jixiao.outputs import STDOUT, OutputChoiceError, check_writable, export_targets, format_for, free_name
from jixiao.writers import json as json_writer

# What only some commands need (rich's rendering, the review rules, the report writers) is
# imported inside those commands: start-up is paid by every run, and `parse --format json`
# needs none of it.
if TYPE_CHECKING:
    from jixiao.model import TargetTable
    from jixiao.review import TableReview
    from jixiao.review.catalog import Severity
    from jixiao.review.cross import CrossFinding

ABOUT = "jixiao（绩效）：预算绩效目标表的导入、审核与评价。"
FILES_HELP = ("绩效目标表文件、文件夹（含子文件夹）或通配符（如 \"表*.txt\"）：文本（UTF-8 / GB18030 / UTF-16）、"
              "Excel、Word、PDF 或 HTML，按内容识别格式。某个文件无法读取时报告一行并继续处理其余文件")
QUIET_HELP = "不显示进度和结尾的汇总行（错误仍会显示）"
EXPORT_FORMATS = ("xlsx", "docx", "pdf", "html", "json", "csv")


class Failure(Exception):
    """A command that cannot go on: its one-line reason, printed after 错误：, exit status 2."""


def _fail(message: str) -> NoReturn:
    raise Failure(message)


def _format(args: argparse.Namespace, allowed: tuple[str, ...]) -> str:
    """-f, else what -o's extension says, else text; a contradiction ends the command."""
    try:
        return format_for(args.format, args.output, allowed, "text")
    except OutputChoiceError as error:
        _fail(str(error))


def parse(args: argparse.Namespace) -> int:
    """解析绩效目标表，输出结构化结果。"""
    form = _format(args, ("text", "json"))
    batch, tables = _read_all(args)
    if not tables:
        return _finish(batch, args, 2)
    if args.strict:
        unused = [(t.source, n) for t in tables for n in t.report]
        if unused:
            from rich.console import Console
            from rich.markup import escape

            console = Console(stderr=True, highlight=False)
            for source, note in unused:
                console.print(f"{escape(source)}：第 {note.line} 行“{escape(note.text)}”：{escape(note.reason)}", soft_wrap=True)
            _say_error(f"解析报告中有 {len(unused)} 处未使用的内容；--strict 要求每个单元格都被识别")
            return _finish(batch, args, 2)
    with _destination(args.output, args.force) as stream:
        if form == "json":
            stream.write(json_writer.encode(json_writer.document(tables)))
        else:
            from rich.console import Console

            from jixiao.outline import write_outlines

            text = io.TextIOWrapper(stream, encoding="utf-8", write_through=True)
            write_outlines(tables, Console(file=text, highlight=False, soft_wrap=args.output not in (None, STDOUT)))
            text.detach()  # a wrapper left to the collector would close standard output under it
    return _finish(batch, args, 0)


@contextmanager
def _destination(output: str | None, force: bool) -> Iterator[BinaryIO]:
    """The bytes stream a result is written to: standard output, or a file that must not
    exist already unless --force."""
    if output in (None, STDOUT):
        sys.stdout.flush()
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    path = Path(output)
    try:
        check_writable(path, force)
        with path.open("wb") as stream:
            yield stream
    except OutputChoiceError as error:
        _fail(str(error))
    except OSError as error:
        _fail(f"{output}：无法写入（{os_reason(error, writing=True)}）")


def _say_error(message: str) -> None:
    """One line on standard error, headed 错误."""
    from rich.console import Console
    from rich.markup import escape

    Console(stderr=True, highlight=False).print(f"[bold red]错误[/]：{escape(message)}", soft_wrap=True)


def _batch(args: argparse.Namespace) -> Batch:
    """The command's files; each that cannot be read is said in one line as it comes."""
    return Batch(args.files, on_failure=lambda error: _say_error(str(error)))


def _read_all(args: argparse.Namespace) -> tuple[Batch, list[TargetTable]]:
    """Every table of every readable file, with the batch that knows what failed."""
    batch = _batch(args)
    return batch, [table for _, tables in batch.read(show_progress=not args.quiet) for table in tables]


def _finish(batch: Batch, args: argparse.Namespace, status: int) -> int:
    """The summary line for a batch of more than one file (unless --quiet), and the exit
    status: the command's own, or 2 when some file could not be read."""
    if not args.quiet and batch.attempted > 1:
        from rich.console import Console

        Console(stderr=True, highlight=False).print(batch.summary(), soft_wrap=True, markup=False)
    return 2 if batch.failures else status


def review(args: argparse.Namespace) -> int:
    """审核绩效目标表：列出问题、依据和修改建议，给出质量分和等级。发现错误时退出码为 1。"""
    from jixiao.review import Severity, report, review_batch

    form = _format(args, ("text", "json", "html", "xlsx"))
    out = args.output
    if form == "xlsx" and out is None:
        out = str(free_name(Path("审核报告.xlsx")))  # a default name never overwrites an earlier report
    if out == STDOUT:
        out = None
        if form == "xlsx" and sys.stdout.isatty():
            _fail("Excel 报告是二进制文件，不能输出到终端；请用 -o 指定文件，或把标准输出重定向到文件")
    try:
        if out is not None:
            check_writable(Path(out), args.force)
    except OutputChoiceError as error:
        _fail(str(error))
    batch, tables = _read_all(args)
    if not tables:
        return _finish(batch, args, 2)
    reviews, cross = review_batch(tables)
    floor = Severity(args.min_severity)
    try:
        _write_report(reviews, cross, floor, form, out)
    except OSError as error:
        _fail(f"{out}：报告无法写入（{os_reason(error, writing=True)}）")
    if out:
        from rich.console import Console
        from rich.markup import escape

        Console(stderr=True, highlight=False).print(f"{report.summary_line(reviews, floor)}；报告已写入 {escape(out)}")
    return _finish(batch, args, 1 if any(f.severity is Severity.ERROR for r in reviews for f in r.findings) else 0)


def _write_report(reviews: list[TableReview], cross: list[CrossFinding], floor: Severity, output: str,
                  out: str | None) -> None:
    from jixiao.review import report

    if output == "xlsx":
        if out is None:
            buffer = io.BytesIO()
            report.write_xlsx(reviews, floor, buffer, cross)
            sys.stdout.flush()
            sys.stdout.buffer.write(buffer.getvalue())
        else:
            report.write_xlsx(reviews, floor, out, cross)
    elif output == "text":
        from rich.console import Console

        with open(out, "w", encoding="utf-8") if out else nullcontext(sys.stdout) as stream:
            report.write_text(reviews, floor, Console(file=stream, highlight=False, soft_wrap=bool(out)), cross)
    else:
        content = report.render_html(reviews, floor, cross) if output == "html" \
            else report.render_json(reviews, floor, cross)
        if out:
            Path(out).write_text(content, encoding="utf-8")
        else:
            sys.stdout.write(content)


def export(args: argparse.Namespace) -> int:
    """按规范版式导出绩效目标表：每个输入文件导出为一个同名文件。"""
    from rich.console import Console
    from rich.markup import escape

    to, out_dir = args.format, args.output_dir
    if to is None:
        _fail(f"缺少参数 -f/--format：导出格式，可选 {'、'.join(EXPORT_FORMATS)}")
    writer = import_module(f"jixiao.writers.{to}")
    target_dir = Path(out_dir)
    console = Console(stderr=True, highlight=False)
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        _fail(f"{out_dir}：无法创建输出目录（{os_reason(error, writing=True)}）")
    written = 0
    batch = _batch(args)
    targets = export_targets(batch.files, target_dir, to)
    for path, tables in batch.read(show_progress=not args.quiet):
        target = targets[path]
        if target.resolve() == Path(path).resolve():
            batch.fail(InputError(path, "导出文件会覆盖原文件，请用 -d 指定另一个目录"))
            continue
        try:
            check_writable(target, args.force)
            target.parent.mkdir(parents=True, exist_ok=True)
            writer.write(tables, target)
        except OutputChoiceError as error:
            batch.fail(InputError(path, f"未导出：{error}"))
            continue
        except OutputError as error:
            batch.fail(InputError(path, f"导出失败：{error}"))
            continue
        except OSError as error:
            batch.fail(InputError(path, f"无法写入 {target}（{os_reason(error, writing=True)}）"))
            continue
        if not args.quiet:
            console.print(f"{escape(path)} → {escape(str(target))}（{len(tables)} 张表）", soft_wrap=True)
        written += 1
    if not args.quiet:
        console.print(f"已导出 {written} 个文件")
    return _finish(batch, args, 0 if written else 2)


def rules(args: argparse.Namespace) -> int:
    """列出审核规则目录：编号、名称、严重程度、类别、依据和修改建议。"""
    from rich.console import Console
    from rich.markup import escape

    from jixiao.review import RULES
    from jixiao.review.catalog import CONCERNS, CROSS_RULES
    from jixiao.review.docs import catalog_markdown

    if args.format == "markdown":
        sys.stdout.write(catalog_markdown())
        return 0
    if args.format == "json":
        catalog = [{"rule": r.code, "title": r.title, "severity": r.severity.value, "concern": CONCERNS[r.concern],
                    "basis": r.basis, "suggestion": r.suggestion} for r in _all_rules()]
        sys.stdout.flush()
        sys.stdout.buffer.write(json_writer.encode({"rules": catalog}))
        return 0
    console = Console(highlight=False)
    for r in _all_rules():
        console.print(f"[bold]{r.code}[/] {escape(r.title)}  [dim]{r.severity.label} · {CONCERNS[r.concern]}[/]")
        console.print(f"    依据：{escape(r.basis)}", soft_wrap=True)
        console.print(f"    [dim]建议：{escape(r.suggestion)}[/]", soft_wrap=True)
    console.print(f"共 {len(RULES) + len(CROSS_RULES)} 条规则（其中表间核对 {len(CROSS_RULES)} 条）")
    return 0


def _all_rules():
    """The per-table rules, then the rules over the tables reviewed together."""
    from jixiao.review import RULES
    from jixiao.review.catalog import CROSS_RULES

    return [*RULES.values(), *CROSS_RULES.values()]


def _commands() -> list[Command]:
    """The commands with their arguments, options and examples: the four over target tables,
    then those of monitoring and self-evaluation (jixiao.cli_monitoring)."""
    from jixiao.cli_monitoring import commands as year_commands

    parse_ = Command("parse", "解析绩效目标表，输出结构化结果", parse, examples=(
        "  jixiao parse 表1.txt 表2.xlsx               以树形显示每张表\n"
        "  jixiao parse 表1.pdf -o 表1.json            按 docs/json.md 的约定写出 JSON（由扩展名定格式）\n"
        "  jixiao parse 财政局/ --format json -q       文件夹下所有表，JSON 写到标准输出\n"
        "  jixiao parse 表*.txt --strict               有未识别的单元格时报错（退出码 2）"))
    parse_.parser.add_argument("files", nargs="+", metavar="文件", help=FILES_HELP)
    parse_.parser.add_argument("-f", "--format", type=choice("text", "json"), metavar="格式",
                               help="输出格式：text（树形，默认）或 json；不写时按 -o 的扩展名确定")
    parse_.parser.add_argument("-o", "--output", metavar="文件", help="写入的文件（默认标准输出；- 表示标准输出）")
    parse_.parser.add_argument("--strict", action="store_true", help="解析报告非空（有未使用的单元格）时报错，退出码 2")
    _common(parse_)

    review_ = Command("review", "审核绩效目标表：问题、依据、修改建议、质量分和等级", review,
                      description="审核绩效目标表：列出问题、依据和修改建议，给出质量分和等级。"
                                  "没有错误时退出码为 0，发现错误时为 1，有文件无法读取时为 2。", examples=(
        "  jixiao review 表1.txt 表2.txt                 在终端列出问题\n"
        "  jixiao review 表*.txt -o 报告.html             可在浏览器打开的报告（由扩展名定格式）\n"
        "  jixiao review 财政局/ -o 报告.xlsx             可筛选的 Excel 报告\n"
        "  jixiao review 表*.txt --min-severity warning  只列出警告和错误"))
    review_.parser.add_argument("files", nargs="+", metavar="文件", help=FILES_HELP)
    review_.parser.add_argument("-f", "--format", type=choice("text", "json", "html", "xlsx"), metavar="格式",
                                help="报告格式：text（默认）、json、html 或 xlsx；不写时按 -o 的扩展名确定")
    review_.parser.add_argument("-o", "--output", metavar="文件",
                                help="报告写入的文件（默认标准输出，- 也表示标准输出；xlsx 默认写入 审核报告.xlsx，"
                                     "已有时改名为 审核报告-2.xlsx 等）")
    review_.parser.add_argument("--min-severity", type=choice("error", "warning", "info"), default="info",
                                metavar="程度", help="只列出不低于此严重程度的问题：error（错误）、warning（警告）或 info（提示，默认）")
    _common(review_)

    export_ = Command("export", "按规范版式导出绩效目标表", export,
                      description="按规范版式导出绩效目标表：每个输入文件导出为输出目录下的一个同名文件；"
                                  "不同文件夹中的同名文件保留各自的子文件夹，不会互相覆盖。", examples=(
        "  jixiao export 表*.txt -f xlsx -d 导出/      每个文件导出为 导出/同名.xlsx\n"
        "  jixiao export 表.pdf -f docx                导出为当前目录下的 表.docx"))
    export_.parser.add_argument("files", nargs="+", metavar="文件", help=FILES_HELP)
    export_.parser.add_argument("-f", "--format", type=choice(*EXPORT_FORMATS), metavar="格式",
                                help=f"导出格式（必填）：{'、'.join(EXPORT_FORMATS)}")
    export_.parser.add_argument("-t", "--to", dest="format", type=choice(*EXPORT_FORMATS), help=argparse.SUPPRESS)
    export_.parser.add_argument("-d", "--output-dir", default=".", metavar="目录",
                                help="输出目录（默认当前目录）；导出写多个文件，所以是目录而不是 -o 的单个文件")
    export_.parser.add_argument("-o", dest="output_dir", help=argparse.SUPPRESS)  # the earlier spelling
    _common(export_, "，也不逐个列出导出的文件")

    rules_ = Command("rules", "列出审核规则目录", rules,
                     description="列出审核规则目录：编号、名称、严重程度、类别、依据和修改建议。", examples=(
        "  jixiao rules                      在终端列出\n"
        "  jixiao rules -f markdown > 规则.md  docs/rules.md 就是这样生成的"))
    rules_.parser.add_argument("-f", "--format", type=choice("text", "markdown", "json"), default="text",
                               metavar="格式", help="输出格式：text（默认）、markdown 或 json")
    return [parse_, review_, export_, rules_, *year_commands()]


def _common(command: Command, quiet_also: str = "") -> None:
    """The options every command over files has."""
    command.parser.add_argument("--force", action="store_true", help="覆盖已存在的输出文件（默认不覆盖）")
    command.parser.add_argument("-q", "--quiet", action="store_true", help=QUIET_HELP + quiet_also)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("jixiao")
    except PackageNotFoundError:
        return "（未安装）"


def main(argv: list[str] | None = None) -> int:
    """Run one command; its exit status: 0 done, 1 review found errors, 2 bad input or usage."""
    # One short-lived process whose tables live until it ends: collect cycles as rarely as a
    # batch does (api.batch_collection) from start to end, so that neither the review nor the
    # writing of reports scans the whole heap of tables again and again.
    gc.set_threshold(*BATCH_THRESHOLDS)
    try:
        return dispatch(_commands(), ABOUT, _version, sys.argv[1:] if argv is None else argv)
    except Failure as failure:
        _say_error(str(failure))
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("已中断\n")
        return 130
