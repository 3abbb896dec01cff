"""The commands of the year after the targets: `actuals-template` (the file a unit fills in),
`monitor` (progress at a month, with colours) and `evaluate` (the self-evaluation score,
grade and table). A thin layer over jixiao.actuals, jixiao.monitoring and jixiao.evaluation."""

from __future__ import annotations

import argparse
import io
import sys
from importlib import import_module
from pathlib import Path

from jixiao.arguments import Command, choice
from jixiao.cli import Failure, _destination, _fail, _format, _say_error
from jixiao.errors import InputError, OutputError, os_reason
from jixiao.model import TargetTable
from jixiao.outputs import STDOUT, OutputChoiceError, check_writable, free_name

TABLE_HELP = "绩效目标表文件（文本、Excel、Word、PDF 或 HTML）"
NUMBER_HELP = "文件中有多张表时，选第几张（从 1 起；不写时文件只能有一张表）"
CONFIG_HELP = "财政部门的设置文件（TOML 或 JSON）：监控阈值、一级指标分值等；不写时用默认值（见 docs/monitoring.md）"
TABLE_OUT_FORMATS = ("xlsx", "docx", "pdf", "html")


def _month(text: str) -> int:
    try:
        month = int(text.rstrip("月"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"月份应为 1 到 12 之间的整数，而不是“{text}”") from None
    if not 1 <= month <= 12:
        raise argparse.ArgumentTypeError(f"月份应为 1 到 12 之间的整数，而不是“{text}”")
    return month


def _months(text: str) -> tuple[int, ...]:
    parts = [p for p in text.replace("，", ",").split(",") if p.strip()]
    if not parts:
        raise argparse.ArgumentTypeError("应为用逗号分隔的月份，如 6,12")
    return tuple(sorted(set(_month(p.strip()) for p in parts)))


def _table(args: argparse.Namespace) -> TargetTable:
    """The one table the command works on."""
    from jixiao.api import parse_file

    path = args.table
    if path is None:
        _fail("缺少参数 绩效目标表文件")
    try:
        tables = parse_file(path)
    except InputError as error:
        _fail(str(error))
    if args.number is not None:
        if not 1 <= args.number <= len(tables):
            _fail(f"{path}：文件中有 {len(tables)} 张表，没有第 {args.number} 张")
        return tables[args.number - 1]
    if len(tables) > 1:
        names = "；".join(f"{n}. {t.project or t.unit or '（无名称）'}" for n, t in enumerate(tables[:12], 1))
        more = "…" if len(tables) > 12 else ""
        _fail(f"{path}：文件中有 {len(tables)} 张表（{names}{more}），请用 -n/--number 选择一张")
    return tables[0]


def _settings(args: argparse.Namespace):  # noqa: ANN202
    from jixiao.config import ConfigError, load

    try:
        return load(args.config)
    except ConfigError as error:
        _fail(str(error))


def _actuals(args: argparse.Namespace, table: TargetTable):  # noqa: ANN202
    from jixiao import actuals

    try:
        return actuals.read(args.actuals, table)
    except actuals.ActualsError as error:
        for line in error.lines()[:-1]:
            _say_error(line)
        raise Failure(error.lines()[-1]) from None
    except InputError as error:
        _fail(str(error))


def _output(args: argparse.Namespace, form: str, default_name: str) -> str | None:
    """Where the report goes (None: standard output), checked before any work is done."""
    out = args.output
    if form == "xlsx" and out is None:
        out = str(free_name(Path(default_name)))
    if out == STDOUT:
        out = None
        if form == "xlsx" and sys.stdout.isatty():
            _fail("Excel 报告是二进制文件，不能输出到终端；请用 -o 指定文件，或把标准输出重定向到文件")
    if out is not None:
        try:
            check_writable(Path(out), args.force)
        except OutputChoiceError as error:
            _fail(str(error))
    return out


def _emit(result, form: str, out: str | None, sheet) -> None:  # noqa: ANN001
    from jixiao import reports
    from jixiao.writers import json as json_writer

    if form == "text":
        from rich.console import Console

        if out is None:
            reports.write_text(sheet, Console(highlight=False))
            return
        with _destination(out, True) as stream:
            text = io.TextIOWrapper(stream, encoding="utf-8", write_through=True)
            reports.write_text(sheet, Console(file=text, highlight=False, soft_wrap=True, no_color=True))
            text.detach()
        return
    with _destination(out, True) as stream:
        if form == "json":
            stream.write(json_writer.encode(reports.to_json(result)))
        elif form == "html":
            stream.write(reports.render_html(sheet).encode("utf-8"))
        else:
            buffer = io.BytesIO()
            reports.write_xlsx(sheet, buffer)
            stream.write(buffer.getvalue())


def _written(out: str | None, what: str) -> None:
    if out:
        from rich.console import Console
        from rich.markup import escape

        sys.stdout.flush()
        Console(stderr=True, highlight=False).print(f"{what}已写入 {escape(out)}", soft_wrap=True)


# ------------------------------------------------------------------------- the commands
def actuals_template(args: argparse.Namespace) -> int:
    """写出实际完成值填报模板（CSV 或 Excel）：每个指标每个时点一行，另有预算执行行。"""
    from jixiao import actuals_template as actuals

    out = args.output
    form = args.format or (Path(out).suffix.lower().lstrip(".") if out and out != STDOUT else None)
    if form not in ("csv", "xlsx"):
        if args.format is None and out not in (None, STDOUT):
            _fail(f"{out}：模板只能是 .csv 或 .xlsx 文件；或用 -f csv / -f xlsx 指定格式")
        form = "csv" if out == STDOUT else "xlsx"
    table = _table(args)
    if out == STDOUT:
        if form != "csv":
            _fail("写到标准输出时只能是 CSV（-f csv）")
        import csv

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerows(actuals.template_rows(table, args.months))
        return 0
    if out is None:
        out = str(free_name(Path(f"{Path(args.table).stem}-实际完成值.{form}")))
    elif Path(out).suffix.lower().lstrip(".") not in ("", form):
        _fail(f"{out}：扩展名与 --format {form} 矛盾；请改用一致的文件名或格式")
    try:
        check_writable(Path(out), args.force)
        actuals.write_template(table, out, form, args.months)
    except OutputChoiceError as error:
        _fail(str(error))
    except OSError as error:
        _fail(f"{out}：无法写入（{os_reason(error, writing=True)}）")
    _written(out, f"{table.project or table.unit} 的实际完成值模板（{len(table.indicators)} 个指标，"
                  f"{'、'.join(f'{m} 月' for m in args.months)}）")
    return 0


def monitor(args: argparse.Namespace) -> int:
    """绩效运行监控：截至某月底各指标的完成进度和预算执行进度，按红、黄、绿、蓝标示。"""
    from jixiao import monitoring, reports

    if args.example_config:
        return _example()
    form = _format(args, ("text", "json", "html", "xlsx"))
    out = _output(args, form, "绩效监控.xlsx")
    settings = _settings(args)
    table = _table(args)
    if args.actuals is None:
        _fail("缺少 --actuals：实际完成值文件（用 jixiao actuals-template 生成模板）")
    if args.month is None:
        _fail("缺少 --month：截至几月底（1 到 12，半年监控为 6）")
    result = monitoring.monitor(table, _actuals(args, table), args.month, settings)
    try:
        _emit(result, form, out, reports.monitoring_sheet(result))
    except OSError as error:
        _fail(f"{out}：无法写入（{os_reason(error, writing=True)}）")
    _written(out, "监控结果")
    return 0


def evaluate(args: argparse.Namespace) -> int:
    """绩效自评：按全年实际完成值计算各指标得分、总分和自评等级，并可按规范版式写出自评表。"""
    from jixiao import actuals, evaluation, reports

    if args.example_config:
        return _example()
    form = _format(args, ("text", "json", "html", "xlsx"))
    out = _output(args, form, "绩效自评.xlsx")
    table_out, table_form = _table_out(args)
    settings = _settings(args)
    table = _table(args)
    if args.actuals is not None:
        values = _actuals(args, table)
    elif table.stage == "self_evaluation":
        values = actuals.from_table(table)  # a published self-evaluation table carries its own values
    else:
        _fail("缺少 --actuals：实际完成值文件（用 jixiao actuals-template 生成模板，填写 12 月的实际完成值和全年支出）")
    try:
        result = evaluation.evaluate(table, values, settings)
    except evaluation.EvaluationError as error:
        _fail(f"{args.table}：{error}")
    try:
        _emit(result, form, out, reports.evaluation_sheet(result))
    except OSError as error:
        _fail(f"{out}：无法写入（{os_reason(error, writing=True)}）")
    _written(out, "自评结果")
    if table_out:
        writer = import_module(f"jixiao.writers.{table_form}")
        try:
            writer.write([evaluation.self_evaluation_table(result)], table_out)
        except OutputError as error:
            _fail(f"{table_out}：自评表导出失败（{error}）")
        except OSError as error:
            _fail(f"{table_out}：无法写入（{os_reason(error, writing=True)}）")
        _written(table_out, "自评表")
    return 0


def _table_out(args: argparse.Namespace) -> tuple[str | None, str | None]:
    path = args.table_out
    if path is None:
        return None, None
    form = Path(path).suffix.lower().lstrip(".")
    form = "html" if form == "htm" else form
    if form not in TABLE_OUT_FORMATS:
        _fail(f"{path}：自评表可写为 {'、'.join('.' + f for f in TABLE_OUT_FORMATS)} 文件")
    try:
        check_writable(Path(path), args.force)
    except OutputChoiceError as error:
        _fail(str(error))
    return path, form


def _example() -> int:
    from jixiao.config import example_toml

    sys.stdout.write(example_toml())
    return 0


def _common(command: Command, with_table: bool = True) -> None:
    parser = command.parser
    parser.add_argument("table", nargs="?" if not with_table else None, metavar="绩效目标表", help=TABLE_HELP)
    parser.add_argument("-n", "--number", type=int, metavar="序号", help=NUMBER_HELP)
    parser.add_argument("--force", action="store_true", help="覆盖已存在的输出文件（默认不覆盖）")


def _reporting(command: Command) -> None:
    parser = command.parser
    parser.add_argument("--actuals", metavar="文件", help="实际完成值文件（CSV 或 Excel，由 jixiao actuals-template 生成后填写）")
    parser.add_argument("--config", metavar="文件", help=CONFIG_HELP)
    parser.add_argument("-f", "--format", type=choice("text", "json", "html", "xlsx"), metavar="格式",
                        help="输出格式：text（默认）、json、html 或 xlsx；不写时按 -o 的扩展名确定")
    parser.add_argument("-o", "--output", metavar="文件", help="结果写入的文件（默认标准输出，- 也表示标准输出）")
    parser.add_argument("--example-config", action="store_true", help="输出一份写明全部默认值的设置文件并退出")


def commands() -> list[Command]:
    template = Command("actuals-template", "写出实际完成值填报模板", actuals_template,
                       description="写出实际完成值填报模板（CSV 或 Excel）：每个指标每个时点一行（一级、二级、三级指标，"
                                   "半年和全年指标值，待填的月份、实际完成值、偏差原因类别和说明、完成可能性、分值），"
                                   "另有预算执行行（资金来源、全年预算数、月份、累计支出）。", examples=(
        "  jixiao actuals-template 表.xlsx             写出 表-实际完成值.xlsx\n"
        "  jixiao actuals-template 表.txt -o 实际.csv    CSV 模板（Excel 可直接打开）\n"
        "  jixiao actuals-template 表.pdf -n 2 --months 3,6,9,12\n"
        "      文件中的第 2 张表，按季度填报"))
    _common(template)
    template.parser.add_argument("-o", "--output", metavar="文件",
                                 help="模板文件（.xlsx 或 .csv；默认 表名-实际完成值.xlsx；- 表示以 CSV 输出到标准输出）")
    template.parser.add_argument("-f", "--format", type=choice("csv", "xlsx"), metavar="格式",
                                 help="模板格式：xlsx（默认）或 csv；不写时按 -o 的扩展名确定")
    template.parser.add_argument("--months", type=_months, default=(6, 12), metavar="月份",
                                 help="填报的时点，用逗号分隔（默认 6,12：半年和全年）")

    monitor_ = Command("monitor", "绩效运行监控：截至某月的完成进度和颜色", monitor,
                       description="绩效运行监控（双监控）：截至某月底，各指标对照半年指标值或按序时进度折算的全年指标值的"
                                   "完成进度，以及预算执行进度，按红、黄、绿、蓝标示；整张表取最差的颜色。", examples=(
        "  jixiao monitor 表.xlsx --actuals 实际.xlsx --month 6      半年监控\n"
        "  jixiao monitor 表.xlsx --actuals 实际.csv --month 9 -o 监控.html\n"
        "      截至 9 月底，写成网页报告\n"
        "  jixiao monitor 表.xlsx --actuals 实际.xlsx --month 6 --config 财政局.toml\n"
        "      按财政部门自己的阈值"))
    _common(monitor_, with_table=False)
    monitor_.parser.add_argument("--month", type=_month, metavar="月份", help="截至几月底（1 到 12；半年监控为 6）")
    _reporting(monitor_)

    evaluate_ = Command("evaluate", "绩效自评：得分、总分、等级和自评表", evaluate,
                        description="绩效自评：按全年（12 月）实际完成值给每个指标计分，加上预算执行率得分，"
                                    "按执行率封顶，给出总分和自评等级；--table-out 按规范版式写出绩效自评表。"
                                    "已公开的自评表（含实际完成值）可不带 --actuals 重新计分。", examples=(
        "  jixiao evaluate 表.xlsx --actuals 实际.xlsx        在终端列出得分\n"
        "  jixiao evaluate 表.xlsx --actuals 实际.xlsx --table-out 自评表.docx\n"
        "      同时按规范版式写出自评表（.xlsx、.docx、.pdf、.html）\n"
        "  jixiao evaluate 自评表.pdf                          已公开的自评表重新计分\n"
        "  jixiao evaluate 部门整体表.xlsx --actuals 实际.xlsx --config 财政局.toml\n"
        "      部门整体表须先在设置文件中设置各一级指标分值\n"
        "  jixiao evaluate --example-config > 财政局.toml      写出全部默认设置，供修改"))
    _common(evaluate_, with_table=False)
    _reporting(evaluate_)
    evaluate_.parser.add_argument("--table-out", metavar="文件",
                                  help="按规范版式写出绩效自评表：.xlsx、.docx、.pdf 或 .html（可用 jixiao 读回）")
    return [template, monitor_, evaluate_]
