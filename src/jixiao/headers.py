"""Header vocabulary: the labels of header fields, free texts, the funds block and the
indicator columns, with the synonyms seen in published tables (DOMAIN.md §A.3)."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

WAN = Decimal(1)
YUAN = Decimal("0.0001")
YI = Decimal(10000)

FIELDS = {
    "单位名称": "unit", "实施单位": "unit", "预算单位": "unit", "项目单位": "unit", "部门名称": "unit",
    "主管部门": "authority", "主管单位": "authority", "资金主管部门": "authority", "主管部门及代码": "authority", "主管部门名称": "authority",
    "项目名称": "project",
    "项目类型": "project_type", "项目类别": "project_type",
    "项目级次": "project_level", "项目级别": "project_level",
    "开始时间": "start", "起始时间": "start", "项目开始时间": "start",
    "完成时间": "end", "结束时间": "end", "项目完成时间": "end",
    "项目负责人/联系电话": "contact", "项目负责人及联系电话": "contact", "项目负责人": "contact",
    "联系人及电话": "contact", "联系电话": "contact",
    "项目总金额": "total", "项目总额": "total", "项目资金总额": "total", "资金总额": "total", "项目金额": "total",
    "本年度项目金额": "current_year", "本年度金额": "current_year", "本年度资金": "current_year",
    "年度项目金额": "current_year", "当年预算": "current_year",
    "自评等级": "grade", "评价等级": "grade", "绩效等级": "grade",
    "申请单位": "unit", "申报单位": "unit", "填报单位": "unit", "单位名称(盖章)": "unit",
    "一级预算单位": "authority", "主管预算单位": "authority", "部门(单位)名称": "unit", "单位(部门)名称": "unit",
}

# Header fields kept under their own label in TABLE.fields: known, but with no attribute.
OTHER_FIELDS = frozenset([
    "项目编码", "项目代码", "项目编号", "单位编码", "单位代码", "预算单位编码", "部门预算编码", "是否新增项目", "分配方式", "项目属性",
    "资金性质", "资金用途", "预算年度", "填报日期", "填报时间", "项目所属类别", "是否政府采购", "项目状态",
    "实施周期", "实施期限", "项目期限", "项目周期", "项目实施周期",
    # where a year's budget goes (Chongqing's 重点专项 form): spent by the city, passed to the districts
    "市级支出", "补助区县",
])

TEXTS = {
    "项目概述": "overview", "项目概况": "overview", "项目简介": "overview",
    "立项依据": "basis", "项目立项依据": "basis", "政策依据": "basis",
    "项目必要性说明": "necessity", "立项必要性": "necessity", "项目设立的必要性": "necessity",
    "必要性": "necessity", "项目必要性": "necessity",
    "项目可行性说明": "feasibility", "实施可行性": "feasibility", "可行性": "feasibility",
    "项目可行性": "feasibility", "保证项目实施的制度、措施": "feasibility",
    "项目实施内容": "content", "实施内容": "content", "项目内容": "content",
    "项目实施计划": "plan", "实施计划": "plan",
    "项目资金总额的计算依据": "funding_basis", "资金测算依据": "funding_basis", "测算依据": "funding_basis",
    "项目测算依据": "funding_basis", "政策依据及测算依据": "basis",
    "中长期目标": "long_term_goal", "长期目标": "long_term_goal",
    "项目总目标": "overall_goal", "总目标": "overall_goal", "总体目标": "overall_goal",
    "年度目标": "annual_goal", "年度绩效目标": "annual_goal", "预期目标": "annual_goal",
    "当年整体绩效目标": "annual_goal", "整体绩效目标": "annual_goal", "当年绩效目标": "annual_goal",
    "年度总目标": "annual_goal", "年度整体绩效目标": "annual_goal", "部门整体绩效目标": "annual_goal",
    "项目实施期目标": "long_term_goal", "实施期总目标": "long_term_goal", "实施期目标": "long_term_goal",
    "实施期绩效目标": "long_term_goal", "中长期绩效目标": "long_term_goal",
    "实际完成情况": "achievement",
    "其他需要说明的问题": "other", "需要说明的其他问题": "other", "其他说明": "other", "备注": "other",
    "单位主要职能": "duties", "部门主要职能": "duties", "主要职能": "duties",
    "机构设置及人员配置": "organization", "机构设置": "organization",
}

# The label each text is written under in the official layout and named by in messages.
TEXT_LABELS = {
    "overview": "项目概述", "basis": "立项依据", "necessity": "立项必要性", "feasibility": "实施可行性",
    "content": "项目实施内容", "plan": "项目实施计划", "funding_basis": "资金测算依据",
    "duties": "单位主要职能", "organization": "机构设置及人员配置",
    "long_term_goal": "中长期目标", "overall_goal": "项目总目标", "annual_goal": "年度目标",
    "achievement": "实际完成情况", "other": "其他说明",
}

FUNDS_BLOCK = frozenset(
    ["项目资金", "部门整体资金", "资金情况", "项目资金情况", "年度资金", "资金来源", "部门资金", "整体资金",
     "专项资金情况", "资金金额", "项目资金来源", "预算资金", "年度预算资金", "年度预算安排"]
)

GOALS_BLOCK = frozenset(["年度总体目标", "总体目标完成情况", "年度目标完成情况"])

# Funds-block column headers (also used as the expenditure header).
FUNDS_COLUMNS = {
    "收入": "income", "支出": "expense",
    "全年预算数": "annual", "预算数": "annual", "年度预算数": "annual", "全年预算": "annual",
    "半年计划执行数": "half", "计划执行数": "half", "半年执行数": "half", "半年预算数": "half",
    "年初预算数": "initial", "全年执行数": "executed", "执行数": "executed",
    "分值": "weight", "执行率": "rate", "得分": "score",
    # printed by target forms that share their layout with the self-evaluation form: no column
    "执行率分值": "form", "执行率权重": "form",
}

FUNDING = {
    "资金总额": None, "年度资金总额": None, "合计": None, "年度预算资金总额": None, "实施期资金总额": None,
    "预算资金总额": None, "项目资金总额": None, "本年度资金总额": None,
    "财政拨款": None, "当年财政拨款": None, "财政资金": None,
    "一般公共预算资金": "财政拨款", "一般公共预算": "财政拨款", "政府性基金拨款": "财政拨款",
    "政府性基金": "财政拨款", "政府性基金预算": "财政拨款", "财政专户管理资金": "财政拨款",
    "国有资本金": None, "国有资本经营预算": None, "社保基金": None, "社会保险基金": None,
    "上年结转资金": None, "上年结转": None, "其他资金": None, "自有资金": None, "单位自筹": None,
    "事业收入": None, "其他收入": None, "项目支出": None, "基本支出": None,
}
FUNDING_TOTALS = frozenset(["资金总额", "年度资金总额", "合计", "年度预算资金总额", "实施期资金总额", "预算资金总额",
                            "项目资金总额", "本年度资金总额"])

INDICATOR_COLUMNS = {
    # labels
    "一级指标": "level1", "一级指标名称": "level1",
    "二级指标": "level2", "二级目标": "level2", "二级指标名称": "level2",
    "三级指标": "name", "指标内容": "name", "指标名称": "name", "三级指标名称": "name", "绩效指标名称": "name",
    "三级指标内容": "name", "具体指标": "name", "指标": "name",
    "重点工作": "key_work", "对应项目": "linked_project",
    # a list of projects: each project's own cells to the left of its indicators
    "项目名称": "p_name", "单位(项目)名称": "p_name", "预算项目名称": "p_name", "项目(单位)名称": "p_name",
    "单位名称": "p_unit", "单位编码": "p_code", "序号": "p_seq", "项目编码": "p_code", "项目编号": "p_code", "单位代码": "p_code",
    "资金总额": "p_amount", "年度资金总额": "p_amount", "项目金额": "p_amount", "当年财政拨款预算金额": "p_amount",
    "预算金额": "p_amount", "当年预算": "p_amount",
    "绩效目标": "p_goal", "年度绩效目标": "p_goal", "当年绩效目标": "p_goal", "年度目标": "p_goal",
    "整体绩效目标": "p_goal",
    # words over a group of the list's amount columns (年度预算申请 | 按收入性质分 …): no data of their own
    "年度预算申请": "p_group", "按收入性质分": "p_group", "按支出性质分": "p_group",
    # a column that only carries a label spanning the block (绩效指标 printed down the left)
    "绩效指标": "block", "年度绩效指标": "block", "绩效目标指标": "block", "项目绩效指标": "block",
    "部门整体支出年度绩效目标": "block",
    # targets
    "半年指标值": "half", "半年目标值": "half", "半年度指标值": "half", "半年度目标值": "half",
    "全年指标值": "full", "全年目标值": "full", "指标目标值": "full", "年度指标值": "full",
    "指标值": "full", "目标值": "full", "年度目标值": "full", "绩效指标值": "full", "预期指标值": "full",
    "预期目标值": "full", "本年度指标值": "full", "年度绩效指标值": "full", "计划指标值": "full", "计划值": "full",
    "年度计划值": "full", "指标值(目标值)": "full", "年度预期目标值": "full",
    "中长期指标值": "long_term", "实施期指标值": "long_term", "中长期目标值": "long_term",
    "实施期目标值": "long_term", "总体指标值": "long_term", "整体指标值": "long_term",
    # a target split over cells
    "度量单位": "unit", "计量单位": "unit", "指标值单位": "unit", "指标单位": "unit", "单位": "unit",
    "符号": "comparator", "运算符": "comparator", "运算符号": "comparator", "比较符": "comparator",
    "指标值符号": "comparator", "计算符号": "comparator",
    # what the indicator is (a column of 定量/定性, 正向/反向 or comparators: read cell by cell)
    "指标性质": "attribute", "指标值类型": "attribute", "指标属性": "attribute", "指标类型": "attribute",
    "指标方向": "attribute", "方向": "attribute", "性质": "attribute", "指标值性质": "attribute",
    "定量/定性": "attribute", "定性/定量": "attribute",
    "指标值设定依据": "standard", "设定依据": "standard", "指标标准": "standard", "标准类型": "standard",
    "取值依据": "standard", "指标值确定依据": "standard", "指标来源": "standard", "指标值来源": "standard",
    "绩效标准": "standard",
    "指标解释": "explanation", "指标说明": "explanation", "备注": "explanation", "指标值内容": "explanation",
    "指标定义": "explanation", "指标内涵": "explanation", "指标值说明": "explanation", "说明": "explanation",
    "指标解释说明": "explanation", "计算公式": "explanation", "指标计算公式": "explanation",
    "评分标准": "scoring", "评(扣)分标准": "scoring", "评分规则": "scoring", "评分方法": "scoring",
    "计分方法": "scoring", "扣分标准": "scoring", "评价标准": "scoring", "评分办法": "scoring",
    "是否核心": "core", "是否核心指标": "core", "核心指标": "core",
    # self-evaluation
    "实际完成值": "actual", "全年实际完成值": "actual", "实际值": "actual", "全年实际值": "actual",
    "完成值": "actual", "年度实际完成值": "actual", "实际完成指标值": "actual", "全年完成值": "actual",
    "分值": "weight", "权重": "weight", "指标权重": "weight", "分值权重": "weight", "权重分值": "weight",
    "得分": "score", "自评得分": "score", "评分": "score",
    "偏差原因分析及改进措施": "reason", "偏差原因及改进措施": "reason", "偏差原因": "reason",
    "未完成原因分析": "reason", "未完成原因": "reason", "偏差原因分析": "reason", "原因分析": "reason",
    "未完成原因分析及改进措施": "reason", "偏差原因分析及整改措施": "reason",
}

# Header words carry decorations that say nothing of the column: points (分值（90）, 指标权重(%)),
# a year (2026年指标值), 半年（程）.
_HEADER_NOISE = re.compile(r"[(（]\s*(\d+(\.\d+)?\s*分?|%|％|万元|元)\s*[)）]$")
_HEADER_YEAR = re.compile(r"^\d{4}年度?")

TOTAL_SCORE = frozenset(["总分", "合计得分", "总得分"])

_UNIT_SUFFIX = re.compile(r"\((?:[^()]*[,，、])?(万元|元|亿元)\)$")
_NOTE_SUFFIX = re.compile(r"\([^()]*\)$")  # 长期目标（跨度多年的项目需填）
_PREFIX = re.compile(r"^(其中|含)")  # 其中：当年财政拨款 (colons are gone once canonical)
_NOISE = re.compile(r"[\s:：]|\(程\)")


class Label(NamedTuple):
    kind: str  # field | text | funds | goals | funds_column | funding | indicator_column | total_score
    key: str | None
    factor: Decimal | None  # the amount unit the label declares (万元 → 1, 元 → 0.0001)


@lru_cache(maxsize=8192)
def canonical(text: str) -> str:
    """A label as compared: NFKC, no white space, no colons, no (程)."""
    return _NOISE.sub("", unicodedata.normalize("NFKC", text))


@lru_cache(maxsize=8192)
def classify(text: str) -> Label | None:
    """What a cell is, when it is a label; None for anything else."""
    key = canonical(text)
    if not key:
        return None
    factor = None
    unit = _UNIT_SUFFIX.search(key)
    if unit:
        factor = {"万元": WAN, "元": YUAN, "亿元": YI}[unit.group(1)]
        key = key[: unit.start()]
    if key not in FIELDS and key not in TEXTS:
        key = _PREFIX.sub("", key)
    if key not in FIELDS and key not in TEXTS and key not in OTHER_FIELDS and factor is None:
        key = _NOTE_SUFFIX.sub("", key) or key
    if key in FIELDS:
        return Label("field", FIELDS[key], factor)
    if key in OTHER_FIELDS:
        return Label("field", "other:" + key, None)
    if key in TEXTS:
        return Label("text", TEXTS[key], None)
    if key in FUNDS_BLOCK:
        return Label("funds", None, factor)
    if key in GOALS_BLOCK:
        return Label("goals", None, None)
    return None


@lru_cache(maxsize=8192)
def funds_column(text: str) -> str | None:
    key = canonical(text)
    return FUNDS_COLUMNS.get(key) or FUNDS_COLUMNS.get(_HEADER_NOISE.sub("", key))


@lru_cache(maxsize=8192)
def funding_name(text: str) -> str | None:
    """The canonical funding-source name (其中：当年财政拨款 → 当年财政拨款), or None."""
    key = canonical(text)
    if key not in FUNDING:
        key = _PREFIX.sub("", key)
    return key if key in FUNDING else None


@lru_cache(maxsize=8192)
def indicator_column(text: str) -> str | None:
    """The role of an indicator-block column, from its header word."""
    key = canonical(text)
    role = INDICATOR_COLUMNS.get(key)
    if role is None:
        key = _HEADER_YEAR.sub("", _HEADER_NOISE.sub("", key))
        role = INDICATOR_COLUMNS.get(key)
    return role
