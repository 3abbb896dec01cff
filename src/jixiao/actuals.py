"""Actual values through the year: what each indicator reached at each checkpoint (mid-year
= month 6, any month a finance bureau sets, year-end = 12), why it deviates and whether it
will be completed, and how much of the budget was spent by when.

The file is the one `jixiao actuals-template TABLE` writes (CSV or XLSX), filled in by the
unit. It has two blocks, each under its own header row:

    一级指标 | 二级指标 | 三级指标 | 半年指标值 | 全年指标值 | 分值 | 月份 | 实际完成值 | 偏差原因类别 | 偏差原因说明 | 完成可能性
    资金来源 | 全年预算数（万元） | 月份 | 累计支出（万元）

The deviation causes (经费 / 制度 / 人员 / 硬件 / 其他保障) and the likelihood of completion
(确定能 / 有可能 / 完全不可能) are those of the monitoring sheet annexed to 财预〔2019〕136号
《中央部门预算绩效运行监控管理暂行办法》 as local platforms reproduce it. Actual values use
the target grammar (jixiao.values) and are checked against the target's unit and kind
(jixiao.attainment): every problem is reported with the file, row, indicator and what was
expected, all at once, so that a unit fixes its file in one pass.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from jixiao import attainment
from jixiao.errors import InputError, os_reason
from jixiao.framework import compact, level1_of, level2_of
from jixiao.model import Indicator, TargetTable, decimal_text
from jixiao.values import normalize, parse_decimal

CAUSES = ("经费保障", "制度保障", "人员保障", "硬件条件保障", "其他")
_CAUSE_WORDS = {"经费": "经费保障", "资金": "经费保障", "制度": "制度保障", "人员": "人员保障", "硬件": "硬件条件保障",
                "其他": "其他", "其它": "其他"}
LIKELIHOODS = ("确定能", "有可能", "完全不可能")

INDICATOR_COLUMNS = ("一级指标", "二级指标", "三级指标", "半年指标值", "全年指标值", "分值", "月份", "实际完成值",
                     "偏差原因类别", "偏差原因说明", "完成可能性")
SPENDING_COLUMNS = ("资金来源", "全年预算数（万元）", "月份", "累计支出（万元）")
TOTAL_SOURCE = "合计"
_TOTAL_NAMES = frozenset(["合计", "资金总额", "年度资金总额", "总计", "项目资金"])

# Header words a unit may have typed differently.
_HEADER_SYNONYMS = {
    "一级指标": "一级指标", "二级指标": "二级指标", "三级指标": "三级指标", "指标名称": "三级指标",
    "半年指标值": "半年指标值", "半年（程）指标值": "半年指标值", "全年指标值": "全年指标值", "全年（程）指标值": "全年指标值",
    "年度指标值": "全年指标值", "分值": "分值", "权重": "分值", "月份": "月份", "截至月份": "月份", "日期": "月份",
    "截至日期": "月份", "实际完成值": "实际完成值", "实际值": "实际完成值", "完成值": "实际完成值",
    "偏差原因类别": "偏差原因类别", "偏差原因": "偏差原因类别", "偏差原因说明": "偏差原因说明", "原因说明": "偏差原因说明",
    "完成可能性": "完成可能性", "完成目标可能性": "完成可能性", "资金来源": "资金来源", "全年预算数（万元）": "全年预算数",
    "全年预算数": "全年预算数", "预算数": "全年预算数", "累计支出（万元）": "累计支出", "累计支出": "累计支出",
    "支出": "累计支出", "执行数": "累计支出", "累计执行数": "累计支出",
}


class ActualsError(InputError):
    """An actual-values file with problems: one line per problem, each naming the file, the row,
    the indicator and what was expected."""

    def __init__(self, path: str, problems: list[str]) -> None:
        super().__init__(path, problems[0] if len(problems) == 1 else f"{len(problems)} 处问题")
        self.problems = problems

    def lines(self) -> list[str]:
        return [f"{self.path}：{problem}" for problem in self.problems]


@dataclass(slots=True)
class Observation:
    """One indicator's value at one checkpoint."""

    month: int
    reading: attainment.Reading
    causes: tuple[str, ...] = ()
    cause_text: str | None = None
    likelihood: str | None = None
    row: int | None = None

    @property
    def raw(self) -> str:
        return self.reading.raw

    def reason(self) -> str:
        """The cause as one line for the self-evaluation table's 偏差原因 column."""
        head = "、".join(self.causes)
        if head and self.cause_text:
            return f"{head}：{self.cause_text}"
        return head or self.cause_text or ""


@dataclass(slots=True)
class IndicatorActuals:
    index: int  # position in table.indicators
    weight: Decimal | None = None
    observations: dict[int, Observation] = field(default_factory=dict)

    def at(self, month: int) -> Observation | None:
        """The latest value recorded at or before `month`."""
        months = [m for m in self.observations if m <= month]
        return self.observations[max(months)] if months else None


@dataclass(slots=True)
class Spending:
    """Money spent by a month, cumulative, for one funding source or the total (source None)."""

    source: str | None
    month: int
    amount_wan: Decimal
    row: int | None = None


@dataclass(slots=True)
class Actuals:
    source: str
    indicators: dict[int, IndicatorActuals] = field(default_factory=dict)
    spending: list[Spending] = field(default_factory=list)
    budget_wan: Decimal | None = None  # the adjusted annual budget, where the file states it
    source_budgets: dict[str, Decimal] = field(default_factory=dict)

    def of(self, index: int) -> IndicatorActuals | None:
        return self.indicators.get(index)

    def spent_by(self, month: int) -> Decimal | None:
        """Money spent by `month`: the total rows' latest figure, else the sum of each source's
        latest figure; None when nothing is recorded by then."""
        totals = [s for s in self.spending if s.source is None and s.month <= month]
        if totals:
            return max(totals, key=lambda s: s.month).amount_wan
        latest: dict[str, Spending] = {}
        for s in self.spending:
            if s.source is not None and s.month <= month and (s.source not in latest or s.month >= latest[s.source].month):
                latest[s.source] = s
        return sum((s.amount_wan for s in latest.values()), Decimal(0)) if latest else None

    def by_source(self, month: int) -> dict[str, Decimal]:
        """Each funding source's latest spending by `month`, where recorded."""
        latest: dict[str, Spending] = {}
        for s in self.spending:
            if s.source is not None and s.month <= month and (s.source not in latest or s.month >= latest[s.source].month):
                latest[s.source] = s
        return {name: s.amount_wan for name, s in latest.items()}

    def budget(self, table: TargetTable) -> Decimal | None:
        """The adjusted annual budget: the file's, else the table's (调整后全年预算数, then 资金总额)."""
        if self.budget_wan is not None:
            return self.budget_wan
        if self.source_budgets:
            return sum(self.source_budgets.values(), Decimal(0))
        return table_budget(table)


def table_budget(table: TargetTable) -> Decimal | None:
    execution = table.budget_execution
    if execution is not None and execution.adjusted_wan is not None:
        return execution.adjusted_wan
    return table.total_amount_wan


def target_of(indicator: Indicator):  # noqa: ANN201 (a Target or None)
    """The target an actual value is read against: the full-year one, or the half-year one where
    only that is a quantity (the unit is what matters here). The web application's live check
    of a value as it is typed asks here too, so that it says what the file import says."""
    full, half = indicator.full_year, indicator.half_year
    if full is not None and (full.kind == "quantity" or half is None or half.kind != "quantity"):
        return full
    return half if half is not None else full


# ------------------------------------------------------------------------- reading
def read_rows(path: str) -> list[tuple[int, list[str]]]:
    """The rows of a CSV (UTF-8 or GB18030, as Excel saves it on Chinese Windows) or XLSX
    file, each with its row number, cells as the text a person sees."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise InputError(path, os_reason(error)) from None
    if not data.strip():
        raise InputError(path, "文件为空")
    if data.startswith(b"PK\x03\x04"):
        return _xlsx_rows(data, path)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InputError(path, "不是 UTF-8 或 GB18030 编码的 CSV 文件，也不是 Excel 文件")
    if "\x00" in text:
        raise InputError(path, "不是 CSV 或 Excel 文件")
    dialect = csv.excel_tab if text.count("\t") > text.count(",") else csv.excel
    return [(n, [c.strip() for c in row]) for n, row in enumerate(csv.reader(io.StringIO(text), dialect), 1)]


def _xlsx_rows(data: bytes, path: str) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    from jixiao.readers.xlsx import shown

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # zipfile, openpyxl and defusedxml each raise their own kinds
        raise InputError(path, "Excel 文件已损坏或无法读取") from None
    try:
        sheet = book.worksheets[0]
        return [(n, [shown(getattr(c, "value", None), getattr(c, "number_format", "General") or "General") for c in row])
                for n, row in enumerate(sheet.iter_rows(), 1)]
    finally:
        book.close()


def _header(cells: list[str]) -> dict[str, int] | None:
    """Column positions of a header row (一级指标 … or 资金来源 …), or None for another row."""
    found: dict[str, int] = {}
    for col, text in enumerate(cells):
        key = _HEADER_SYNONYMS.get("".join(normalize(text).split()).replace("(", "（").replace(")", "）"))
        if key and key not in found:
            found[key] = col
    if "三级指标" in found and "实际完成值" in found:
        return found
    if "资金来源" in found and "累计支出" in found:
        return found
    return None


_MONTH = re.compile(r"^(?:(\d{4})\s*[-/.年]\s*)?(\d{1,2})\s*(?:月(?:底|末)?|(?:[-/.]\s*\d{1,2}\s*日?))?$")


def month_of(text: str) -> int | None:
    """6, 6月, 2026-06-30, 2026年6月, 2026/6/30 → 6; None where it is not a month of the year."""
    bare = normalize(text).strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}(?:[ T].*)?", bare):
        try:
            return dt.date.fromisoformat(bare[:10]).month
        except ValueError:
            return None
    found = _MONTH.match(bare)
    if not found:
        return None
    month = int(found.group(2))
    return month if 1 <= month <= 12 else None


def _amount(text: str) -> Decimal | None:
    bare = normalize(text).replace("万元", "").strip()
    return parse_decimal(bare) if bare else None


class _Reader:
    def __init__(self, path: str, table: TargetTable) -> None:
        self.path, self.table = path, table
        self.problems: list[str] = []
        self.actuals = Actuals(source=path)

    def problem(self, row: int, text: str, indicator: str | None = None) -> None:
        where = f"第 {row} 行" + (f"，指标“{indicator}”" if indicator else "")
        self.problems.append(f"{where}：{text}")

    def read(self, rows: list[tuple[int, list[str]]]) -> Actuals:
        header: dict[str, int] | None = None
        mode = None
        for number, cells in rows:
            if not any(cells):
                continue
            found = _header(cells)
            if found is not None:
                header, mode = found, ("indicators" if "三级指标" in found else "spending")
                continue
            if mode is None:
                self.info(number, cells)
            elif mode == "indicators":
                self.indicator_row(number, cells, header)  # type: ignore[arg-type]
            else:
                self.spending_row(number, cells, header)  # type: ignore[arg-type]
        if mode is None:
            self.problems.append("没有找到表头行：指标部分应以“一级指标、二级指标、三级指标 … 实际完成值”开头，"
                                 "资金部分以“资金来源、全年预算数（万元）、月份、累计支出（万元）”开头"
                                 "（用 jixiao actuals-template 生成模板）")
        if self.problems:
            raise ActualsError(self.path, self.problems)
        return self.actuals

    def info(self, number: int, cells: list[str]) -> None:
        """The lines above the blocks: 项目名称 / 单位名称 / 年度, checked against the table."""
        label = "".join(cells[0].split())
        value = next((c for c in cells[1:] if c), "")
        table = self.table
        if label == "项目名称" and value and table.project and compact(value) != compact(table.project):
            self.problem(number, f"本文件填写的是“{value}”的实际完成值，而绩效目标表是“{table.project}”")
        elif label == "年度" and value and table.year and value.rstrip("年度") != str(table.year):
            self.problem(number, f"本文件填写的是 {value} 年度，而绩效目标表是 {table.year} 年度")

    @staticmethod
    def _cell(cells: list[str], header: dict[str, int], key: str) -> str:
        col = header.get(key)
        return cells[col].strip() if col is not None and col < len(cells) else ""

    def indicator_row(self, number: int, cells: list[str], header: dict[str, int]) -> None:
        get = lambda key: self._cell(cells, header, key)  # noqa: E731
        name = get("三级指标")
        value, month_text = get("实际完成值"), get("月份")
        weight_text, cause, cause_text, likelihood = get("分值"), get("偏差原因类别"), get("偏差原因说明"), get("完成可能性")
        if not name:
            if value:
                self.problem(number, "有实际完成值却没有三级指标名称")
            return
        index = self.match(number, name, get("一级指标"), get("二级指标"))
        if index is None:
            return
        indicator = self.table.indicators[index]
        record = self.actuals.indicators.setdefault(index, IndicatorActuals(index))
        if weight_text:
            weight = _amount(weight_text)
            if weight is None or weight < 0:
                self.problem(number, f"分值应为不小于 0 的数字，而不是“{weight_text}”", name)
            elif record.weight is not None and record.weight != weight:
                self.problem(number, f"分值 {weight_text} 与前面同一指标的分值 {decimal_text(record.weight)} 不同", name)
            else:
                record.weight = weight
        if not (value or cause or cause_text or likelihood):
            return  # a template row not filled in (a weight alone is fine)
        month = month_of(month_text) if month_text else None
        if month is None:
            self.problem(number, f"月份应为 1 到 12 之间的整数（如 6 表示截至 6 月底），而不是“{month_text}”"
                         if month_text else "缺少月份：填写截至几月底（1 到 12）", name)
            return
        if month in record.observations:
            self.problem(number, f"{month} 月的实际完成值已在第 {record.observations[month].row} 行填写过", name)
            return
        target = self.target_at(indicator, month)
        if not value:
            self.problem(number, "填写了偏差原因或完成可能性，却没有实际完成值", name)
            return
        reading = attainment.read(value, target, indicator.name)
        if reading.problem:
            self.problem(number, f"实际完成值“{value}”：{reading.problem}", name)
            return
        causes = self.causes(number, cause, name)
        if likelihood and likelihood not in LIKELIHOODS:
            normal = next((w for w in LIKELIHOODS if likelihood.startswith(w)), None)
            if normal is None:
                self.problem(number, f"完成可能性应为 {'、'.join(LIKELIHOODS)} 之一，而不是“{likelihood}”", name)
                return
            likelihood = normal
        record.observations[month] = Observation(month, reading, causes, cause_text or None, likelihood or None, number)

    @staticmethod
    def target_at(indicator: Indicator, month: int):  # noqa: ANN205
        return target_of(indicator)

    def causes(self, number: int, text: str, name: str) -> tuple[str, ...]:
        if not text:
            return ()
        found = []
        for part in re.split(r"[、,，;；/\s]+", text):
            if not part:
                continue
            cause = _CAUSE_WORDS.get(part[:2]) if part not in CAUSES else part
            if cause is None:
                self.problem(number, f"偏差原因类别应为 {'、'.join(CAUSES)}（可填多项，用“、”分隔），而不是“{part}”", name)
                return ()
            found.append(cause)
        return tuple(dict.fromkeys(found))

    def match(self, number: int, name: str, level1_text: str, level2_text: str) -> int | None:
        """The indicator a row speaks of: by name, then level-1 and level-2 where the name repeats."""
        wanted = compact(name)
        candidates = [n for n, i in enumerate(self.table.indicators) if compact(i.name) == wanted]
        level1 = level1_of(level1_text) if level1_text else None
        level2 = level2_of(level2_text) or compact(level2_text) if level2_text else None
        if len(candidates) > 1 and level1:
            candidates = [n for n in candidates if self.table.indicators[n].level1 == level1] or candidates
        if len(candidates) > 1 and level2:
            candidates = [n for n in candidates
                          if (level2_of(self.table.indicators[n].level2 or "") or compact(self.table.indicators[n].level2 or "")) == level2] \
                or candidates
        if len(candidates) == 1:
            return candidates[0]
        if not candidates:
            close = [i.name for i in self.table.indicators if wanted[:4] and wanted[:4] in compact(i.name)]
            hint = f"；相近的有：{'、'.join(close[:3])}" if close else "；请核对名称，或用 jixiao actuals-template 重新生成模板"
            self.problem(number, f"绩效目标表中没有这个三级指标{hint}", name)
        else:
            self.problem(number, "绩效目标表中有多个同名指标，请填写一级指标和二级指标以区分", name)
        return None

    def spending_row(self, number: int, cells: list[str], header: dict[str, int]) -> None:
        get = lambda key: self._cell(cells, header, key)  # noqa: E731
        source, budget_text, month_text, spent_text = get("资金来源"), get("全年预算数"), get("月份"), get("累计支出")
        if not source:
            if spent_text:
                self.problem(number, "有支出金额却没有资金来源（总额写“合计”）")
            return
        total = compact(source) in _TOTAL_NAMES
        if budget_text:
            budget = _amount(budget_text)
            if budget is None or budget < 0:
                self.problem(number, f"全年预算数应为以万元计的数字，而不是“{budget_text}”")
                return
            if total:
                if self.actuals.budget_wan is not None and self.actuals.budget_wan != budget:
                    self.problem(number, f"全年预算数 {budget_text} 与前面“合计”行的 {decimal_text(self.actuals.budget_wan)} 不同")
                    return
                self.actuals.budget_wan = budget
            else:
                self.actuals.source_budgets[source] = budget
        if not spent_text:
            return
        month = month_of(month_text) if month_text else None
        if month is None:
            self.problem(number, f"月份应为 1 到 12 之间的整数或日期（如 6 或 2026-06-30），而不是“{month_text}”"
                         if month_text else "缺少月份：填写累计支出截至几月底（1 到 12）或日期")
            return
        spent = _amount(spent_text)
        if spent is None or spent < 0:
            self.problem(number, f"累计支出应为以万元计的数字，而不是“{spent_text}”")
            return
        key = None if total else source
        if any(s.source == key and s.month == month for s in self.actuals.spending):
            self.problem(number, f"“{source}”{month} 月的累计支出已填写过")
            return
        self.actuals.spending.append(Spending(key, month, spent, number))


def read(path: str, table: TargetTable) -> Actuals:
    """The actual values of `table` in a CSV or XLSX file. Raises ActualsError (an InputError)
    listing every problem, or InputError when the file cannot be read at all."""
    return _Reader(path, table).read(read_rows(path))


def from_table(table: TargetTable) -> Actuals:
    """The actual values a published self-evaluation table carries (实际完成值, 分值, 全年执行数),
    as if entered at year-end; values that cannot be read against their targets are left out."""
    actuals = Actuals(source=table.source)
    for index, indicator in enumerate(table.indicators):
        record = IndicatorActuals(index, weight=indicator.extra.get("weight"))
        raw = indicator.extra.get("actual")
        if raw:
            reading = attainment.read(str(raw), indicator.full_year, indicator.name)
            if reading.problem is None:
                record.observations[12] = Observation(12, reading, (), indicator.extra.get("reason") or None, None, indicator.line)
        actuals.indicators[index] = record
    execution = table.budget_execution
    if execution is not None:
        actuals.budget_wan = execution.adjusted_wan
        if execution.executed_wan is not None:
            actuals.spending.append(Spending(None, 12, execution.executed_wan))
    return actuals
