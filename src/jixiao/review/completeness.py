"""Completeness (完整性): the fields, texts, blocks and indicators a table must have."""

from __future__ import annotations

import re
from collections.abc import Iterator

from jixiao.headers import TEXT_LABELS
from jixiao.indicators import DUTY
from jixiao.model import TargetTable
from jixiao.review.catalog import DOC_10, DOC_101, DOC_OPINION, ERROR, INFO, PRACTICE, WARNING, Hit, rule
from jixiao.review.kinds import OUTCOME, OUTPUT, SATISFACTION, where

COST_LEVEL2 = ("成本指标", "经济成本", "社会成本", "生态环境成本")
OUTPUT_LEVEL2 = ("数量指标", "质量指标", "时效指标")
BENEFIT_LEVEL2 = ("经济效益", "社会效益", "生态效益", "可持续影响")
# Words of a goal that promise a kind of benefit.
_BENEFIT_WORDS = {
    "经济效益": re.compile(r"经济效益|增收|产值|营业收入|销售收入|税收|利润|节约资金|降低成本|经济发展|拉动消费"),
    "社会效益": re.compile(r"社会效益"),
    "生态效益": re.compile(r"生态效益|生态保护|生态修复|环境质量|节能|减排|碳排放|标准煤|能耗|污染|水质|空气质量"),  # not 创新生态
    "可持续影响": re.compile(r"可持续|长效机制|长效"),
}
_GOALS = ("annual_goal", "long_term_goal", "overall_goal")
_PLACEHOLDER = re.compile(r"^[\s0０/／\\\-—－_.。无略]*$")
_CUT_OFF = re.compile(r"[、，,；;：:（(“《\-—]$")
# A numbered list (1、… 2、…) may close its last item with ；, as it closed the others.
# Projects that keep a unit running: no policy document stands behind them.
_RUNNING_COST = re.compile(r"物业|水电|电费|水费|燃气|供暖|办公设备|设备购置|运行维护|运维|租赁|保洁|安保|公用经费|车辆")
_ENUMERATED = re.compile(r"(?:^|[；;。\n])\s*(?:\d+|[一二三四五六七八九十]+)[、.．]")
_REPEATED = re.compile(r"([\u4e00-\u9fff]{3,8})\1")
_CITATION = re.compile(r"《|〔|\[\d{4}\]|号")
_DIGIT = re.compile(r"\d")
_RECKONING = re.compile(r"\d\s*(?:万?元|\*|×|x|X)")  # a figure of a calculation: 5万元, 3×, 2*



def _categories(table: TargetTable, level2s: tuple[str, ...]):
    return [c for c in table.categories if c.level2 in level2s]


def _indicators(table: TargetTable, level2s: tuple[str, ...]):
    return [i for i in table.indicators if i.level2 in level2s]


def _first_line(table: TargetTable, level1: str) -> int | None:
    """Where a level-1 block starts: the place to point at for what it lacks."""
    return next((i.line for i in table.indicators if i.level1 == level1), None)


@rule("JX101", "成本指标缺失或为空", ERROR, "completeness",
      f"{DOC_101}：绩效目标的定义包含成本控制；{DOC_OPINION}要求绩效目标涵盖成本；{DOC_10}的自评表在产出下列有成本指标",
      "在“产出指标—成本指标”下填写成本控制指标，如“人均培训成本≤800元/人”“单位面积物业费≤3.5元/平方米·月”“预算控制率≤100%”。")
def cost_indicator_missing(table: TargetTable) -> Iterator[Hit]:
    """A project table must set at least one cost indicator (成本指标, or 经济/社会/生态环境成本)."""
    if table.kind != "project" or _indicators(table, COST_LEVEL2) or any(i.level1 == "成本" for i in table.indicators):
        return
    empty = _categories(table, COST_LEVEL2)
    if empty:
        yield Hit(f"“{empty[0].level2}”下没有任何三级指标", line=empty[0].line)
    else:
        yield Hit("表中没有成本指标", line=_first_line(table, OUTPUT))


@rule("JX102", "满意度指标缺失或为空", WARNING, "completeness",
      f"{DOC_10}：满意度是项目绩效评价的一级指标之一（自评表中占 10 分）",
      "设置服务对象满意度指标，如“服务对象满意度≥90%”，并说明调查方式；保障本单位运转的项目，服务对象是使用它的职工。")
def satisfaction_missing(table: TargetTable) -> Iterator[Hit]:
    """Every project serves someone, if only the unit's own staff (物业, 办公设备): their
    satisfaction is a level-1 of the evaluation, so a table without it is incomplete."""
    if any(i.level1 == SATISFACTION for i in table.indicators):
        return
    empty = [c for c in table.categories if c.level1 == SATISFACTION]
    if empty:
        yield Hit(f"“{empty[0].level2}”下没有任何三级指标", line=empty[0].line)
    else:
        yield Hit("表中没有满意度指标")


@rule("JX103", "产出指标缺少数量、质量或时效类别", WARNING, "completeness",
      f"{DOC_10}：产出指标分为数量、质量、时效、成本",
      "补齐缺少的二级指标并各设至少一个三级指标；确不适用的，在指标名称、指标值和说明中写明“不适用”。")
def output_category_missing(table: TargetTable) -> Iterator[Hit]:
    """A project table should have quantity, quality and timeliness outputs (cost is JX101)."""
    if table.kind != "project":
        return
    for level2 in OUTPUT_LEVEL2:
        if not _categories(table, (level2,)) and not _indicators(table, (level2,)):
            yield Hit(f"产出指标中没有“{level2}”", line=_first_line(table, OUTPUT))


@rule("JX104", "二级指标下没有三级指标", WARNING, "completeness", PRACTICE,
      "为该二级指标补充至少一个三级指标；确不适用的，写明“不适用”并说明理由，不要留空。")
def empty_level2(table: TargetTable) -> Iterator[Hit]:
    """A level-2 row left empty, other than cost, benefit and satisfaction (JX101, JX105, JX102)."""
    skip = COST_LEVEL2 + BENEFIT_LEVEL2
    for category in table.empty_categories:
        if category.level2 not in skip and category.level1 != SATISFACTION:
            yield Hit(f"“{category.level1 or ''}/{category.level2}”下没有三级指标", line=category.line)


@rule("JX105", "目标提到的效益没有对应的二级指标", INFO, "completeness", PRACTICE,
      "目标中写了这类效益的，在对应的二级指标下补充可衡量的三级指标；确不适用的，从目标中删去或写明“不适用”。")
def empty_benefit(table: TargetTable) -> Iterator[Hit]:
    """A benefit level-2 (经济/社会/生态效益, 可持续影响) left empty while the goals promise
    that very benefit. Not every benefit applies to every project (an office's running costs
    have no ecological benefit), so an empty row alone is no finding."""
    goals = "".join(table.texts.get(k) or "" for k in _GOALS)
    for category in table.empty_categories:
        promise = _BENEFIT_WORDS.get(category.level2)
        found = promise.search(goals) if promise and not category.not_applicable else None
        if found:
            yield Hit(f"目标中提到“{found.group(0)}”，但“{category.level2}”下没有三级指标", line=category.line)


@rule("JX106", "缺少产出或效益一级指标", ERROR, "completeness",
      f"{DOC_10}：项目绩效评价指标体系包括产出、效益等一级指标",
      "补充产出指标（做了什么、做了多少）和效益指标（带来什么效果），每类至少一个可衡量的三级指标。")
def level1_missing(table: TargetTable) -> Iterator[Hit]:
    """Every table states outputs (产出, or 履职 in a department table) and benefits (效益)."""
    level1s = {i.level1 for i in table.indicators}
    outputs = {OUTPUT, DUTY} if table.kind == "department" else {OUTPUT}
    if not level1s & outputs:
        yield Hit("表中没有产出指标" if table.kind == "project" else "表中没有产出或履职指标")
    if OUTCOME not in level1s:
        yield Hit("表中没有效益指标")


# The header fields JX107 asks for, by attribute (a department's unit is its 单位名称).
HEADER_FIELDS = {"year": "年度", "project": "项目名称", "unit": "实施单位", "contact": "项目负责人/联系电话",
                 "authority": "主管部门"}


def field_label(attribute: str, kind: str) -> str:
    return "单位名称" if attribute == "unit" and kind == "department" else HEADER_FIELDS[attribute]


def _year_asked(table: TargetTable) -> bool:
    """The form leaves a place for the year: a 年度 field, or a title such as “  年度项目支出绩效目标表”."""
    title = table.title or ""
    return "预算年度" in table.fields or ("年度" in title and not _DIGIT.search(title))


@rule("JX107", "表头必填项为空或为占位符", WARNING, "completeness", PRACTICE,
      "填写完整的表头信息：项目名称、实施单位、主管部门、年度，以及项目负责人和联系电话，不要用“0”“00”占位。")
def header_field_blank(table: TargetTable) -> Iterator[Hit]:
    """Required header fields: present and not a placeholder such as 0 or 00. A unit the form
    has no field for, or a year it leaves no place for (no 年度 in the title or the fields; the
    import infers the year from the book or the texts where it can), is the form's silence."""
    required = ("year", "project", "unit") if table.kind == "project" else ("year", "unit")
    for attribute in required:
        asked = attribute == "project" or attribute in table.provenance or (attribute == "year" and _year_asked(table))
        if getattr(table, attribute) in (None, "") and asked:
            # A form without a 实施单位 or 年度 field (older county forms, Shenzhen's) is no blank left by the department.
            yield Hit(f"未填写“{field_label(attribute, table.kind)}”", line=table.line_of(attribute), topic=attribute)
    for attribute in ("contact", "authority"):
        value = getattr(table, attribute)
        if attribute in table.provenance and (value is None or _PLACEHOLDER.match(str(value))):
            shown = f"填的是“{value}”" if value else "为空"
            yield Hit(f"“{HEADER_FIELDS[attribute]}”{shown}", line=table.line_of(attribute), topic=attribute)


@rule("JX108", "缺少年度目标", ERROR, "completeness",
      f"{DOC_OPINION}（强化绩效目标管理部分）：绩效目标是预算安排的前提，应涵盖产出、成本、效益和满意度",
      "填写年度目标：本年度用多少资金、做哪些事、做到什么程度、何时完成、达到什么效果。")
def annual_goal_missing(table: TargetTable) -> Iterator[Hit]:
    """The annual goal (年度目标) is what the indicators measure; a target table without one
    cannot be reviewed. Self-evaluation tables may carry the goal in their goals block."""
    if not (table.texts.get("annual_goal") or table.texts.get("overall_goal") or "").strip():
        # A one-year form's single 总体目标 is its annual goal (Yantai's).
        yield Hit("表中没有年度目标", line=table.line_of("annual_goal"))


@rule("JX109", "年度目标过于简略", WARNING, "completeness", PRACTICE,
      "年度目标应说明做什么、做多少、何时完成、达到什么效果，并与绩效指标对应。")
def annual_goal_thin(table: TargetTable) -> Iterator[Hit]:
    """An annual goal of a few words (确保办公场所整洁) says nothing measurable."""
    goal = "".join((table.texts.get("annual_goal") or "").split())
    if goal and len(goal) < 20 and not _DIGIT.search(goal):
        yield Hit(f"年度目标只有“{goal}”（{len(goal)} 字），没有数量、质量、时间或效果", line=table.line_of("annual_goal"))


@rule("JX110", "立项依据未列出文件名称或文号", INFO, "completeness", PRACTICE,
      "在立项依据或必要性中写明项目依据的文件（《……》及文号）、单位职能或规划、会议纪要。")
def basis_without_citation(table: TargetTable) -> Iterator[Hit]:
    """A project's basis, necessity and feasibility texts name no document (《…》 or a 文号).
    A unit's running costs (物业, 水电, 设备购置) rest on its contracts and standards, not on a 文件."""
    if table.kind != "project" or _RUNNING_COST.search(table.project or ""):
        return
    keys = ("basis", "necessity", "feasibility", "overview")
    texts = [table.texts.get(k) or "" for k in keys]
    if any(texts) and not any(_CITATION.search(t) for t in texts):
        key = next(k for k in keys if table.texts.get(k))
        yield Hit("立项依据、必要性和可行性中没有列出依据文件的名称（《》）或文号", line=table.line_of(key))


@rule("JX111", "文字内容不完整（在句中截断）", INFO, "completeness", PRACTICE,
      "补全被截断的文字；从系统导出或转换格式时检查单元格内容是否完整。")
def text_cut_off(table: TargetTable) -> Iterator[Hit]:
    """A text, or a duty label, that ends in the middle of a phrase (on 、，： or an open bracket);
    ； is an end when the text is a numbered list."""
    for key, text in table.texts.items():
        last = text.rstrip()
        if last and _CUT_OFF.search(last) and not (last[-1] in "；;" and _ENUMERATED.search(last)):
            yield Hit(f"“{TEXT_LABELS.get(key, key)}”以“{last[-6:]}”结尾，内容不完整", line=table.line_of(key))
    for category in table.categories:
        if category.level1 == DUTY and category.level2 and _CUT_OFF.search(category.level2):
            yield Hit(f"履职内容“{category.level2}”在句中截断", line=category.line)


@rule("JX112", "指标没有指标值", ERROR, "completeness", PRACTICE,
      "为每个三级指标填写指标值；没有指标值的指标无法监控和评价。")
def target_missing(table: TargetTable) -> Iterator[Hit]:
    """A level-3 indicator with neither a half-year nor a full-year target."""
    for indicator in table.indicators:
        if indicator.half_year is None and indicator.full_year is None:
            yield Hit(f"“{where(indicator)}”没有指标值", line=indicator.line, indicator=indicator.name)


@rule("JX113", "半年指标值与全年指标值只填了一个", WARNING, "completeness",
      "财预〔2019〕136号《中央部门预算绩效运行监控管理暂行办法》：年中对照绩效目标监控执行进度",
      "半年和全年指标值都要填写：半年值是年中监控的依据，全年值是年终评价的依据。")
def half_or_full_missing(table: TargetTable) -> Iterator[Hit]:
    """In a table with half-year and full-year columns, an indicator with only one of them."""
    if all(i.half_year is None for i in table.indicators):
        return  # a table with one target column
    for indicator in table.indicators:
        if (indicator.half_year is None) != (indicator.full_year is None):
            missing = "半年" if indicator.half_year is None else "全年"
            yield Hit(f"“{where(indicator)}”没有{missing}指标值", line=indicator.line, indicator=indicator.name)


@rule("JX114", "支出明细缺失或没有金额", ERROR, "completeness", PRACTICE,
      "在支出表中列出每项支出的半年计划执行数和全年预算数，合计应等于资金总额。")
def expenditure_missing(table: TargetTable) -> Iterator[Hit]:
    """A table whose funds block has a 支出 part must list its spending there, with an annual
    amount on every line. Forms that list only the sources (Fuzhou's) ask for no spending lines,
    and a 支出 header without its 全年 column (lost in a PDF's extraction) no annual amounts."""
    if not table.funding:
        return  # no funds block at all: nothing to hold the lines against
    if not table.expenditures and "expenditures" in table.provenance:
        yield Hit("资金表中有收入来源，但没有支出明细", line=table.funding[0].line)
    for line in table.expenditures:
        if line.annual_wan is None and "expenditure_annual" in table.provenance:
            yield Hit(f"支出“{line.name}”没有全年预算数", line=line.line)


@rule("JX115", "资金测算依据缺失", WARNING, "completeness",
      f"{PRACTICE}：审核“适当性”要看资金与目标是否匹配，须有单价、数量和标准",
      "写明测算依据：每项支出按“单价×数量=金额”列出，注明所依据的支出标准，合计等于预算。")
def funding_basis_missing(table: TargetTable) -> Iterator[Hit]:
    """A project table whose texts give no figures for how the budget was reckoned, though its
    form has a place for them (测算依据 or 实施内容); forms without one are no fault of the department."""
    if table.kind != "project" or table.total_amount_wan is None \
            or not {"funding_basis", "content"} & set(table.provenance):
        return
    keys = ("funding_basis", "content", "overview", "plan")
    if not any(_RECKONING.search(table.texts.get(k) or "") for k in keys):
        yield Hit(f"预算 {table.total_amount_wan} 万元，但文字中没有任何测算（单价、数量、金额）",
                  line=table.line_of("funding_basis") or table.line_of("content") or table.line_of("total_amount_wan"))


@rule("JX116", "指标数量与资金规模不相称", INFO, "completeness", PRACTICE,
      "预算较大的项目应设置足以覆盖主要支出内容的产出和效益指标。")
def too_few_indicators(table: TargetTable) -> Iterator[Hit]:
    """A large budget (≥ 1000 万元) measured by fewer than four output and benefit indicators."""
    if table.total_amount_wan is None or table.total_amount_wan < 1000:
        return
    count = sum(1 for i in table.indicators if i.level1 in (OUTPUT, OUTCOME, DUTY))
    if count < 4:
        yield Hit(f"资金总额 {table.total_amount_wan} 万元，只有 {count} 个产出、履职和效益指标",
                  line=table.line_of("total_amount_wan"))


@rule("JX117", "文字中有重复的词句", INFO, "completeness", PRACTICE, "删去重复的词句，通读并校对文字。")
def repeated_words(table: TargetTable) -> Iterator[Hit]:
    """The same run of three or more Chinese characters written twice in a row (组织开展组织开展)."""
    for key, text in table.texts.items():
        for match in _REPEATED.finditer(text):
            yield Hit(f"“{TEXT_LABELS.get(key, key)}”中“{match.group(0)}”重复", line=table.line_of(key, match.group(0)))


@rule("JX118", "没有资金来源和支出明细", WARNING, "completeness", PRACTICE,
      "填写资金来源（财政拨款、上年结转、其他资金）和支出明细（半年计划执行数、全年预算数），以便核对金额和监控执行。")
def funds_breakdown_missing(table: TargetTable) -> Iterator[Hit]:
    """A table that states its total but neither where the money comes from nor what it is
    spent on, though its form has a funds block for them. A form without one (Jiangyin's
    2025 project form) is no fault of the department that fills it in."""
    if table.total_amount_wan is not None and not table.funding and not table.expenditures \
            and "funds" in table.provenance:
        yield Hit(f"只有资金总额 {table.total_amount_wan} 万元，没有列出各项资金来源及金额，也没有支出明细（半年计划和全年预算）",
                  line=table.line_of("total_amount_wan"))


@rule("JX119", "支出没有半年计划执行数", INFO, "completeness",
      "财预〔2019〕136号《中央部门预算绩效运行监控管理暂行办法》：年中对照绩效目标监控预算执行进度",
      "填写每项支出的半年计划执行数；上半年确不支出的填0。")
def half_year_plan_missing(table: TargetTable) -> Iterator[Hit]:
    """A spending line with an annual budget but a blank half-year plan: mid-year monitoring has nothing to hold it to."""
    for line in table.expenditures:
        if line.half_year_wan is None and line.annual_wan is not None:
            yield Hit(f"支出“{line.name}”（全年 {line.annual_wan} 万元）没有半年计划执行数", line=line.line)
