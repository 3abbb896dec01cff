"""Indicator framework (指标框架): level-1 and level-2 labels as the framework names them."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.framework import level1_of, level2_of
from jixiao.indicators import DUTY
from jixiao.model import TargetTable
from jixiao.review.catalog import DOC_10, ERROR, INFO, PRACTICE, WARNING, Hit, rule
from jixiao.review.kinds import SATISFACTION, where

_FRAMEWORK = f"{DOC_10}：项目绩效评价指标体系的一级、二级指标框架"


@rule("JX602", "二级指标不在规范指标体系中", WARNING, "framework", _FRAMEWORK,
      "使用规范的二级指标名称，如数量指标、质量指标、时效指标、成本指标、经济效益、社会效益。")
def level2_not_canonical(table: TargetTable) -> Iterator[Hit]:
    """A level-2 label outside the framework's vocabulary (a 履职 block's duties are free text)."""
    for category in table.categories:
        if category.level1 != DUTY and category.level2 and level2_of(category.level2) is None:
            yield Hit(f"二级指标“{category.level2}”不是规范名称", line=category.line)


@rule("JX603", "指标没有一级或二级指标", ERROR, "framework", _FRAMEWORK,
      "把每个三级指标放到相应的一级和二级指标下。")
def indicator_unplaced(table: TargetTable) -> Iterator[Hit]:
    """A level-3 indicator with no level-1 or no level-2 above it."""
    for indicator in table.indicators:
        if indicator.level1 is None or indicator.level2 is None:
            yield Hit(f"“{indicator.name}”缺少{'一级' if indicator.level1 is None else '二级'}指标", line=indicator.line,
                      indicator=indicator.name)


@rule("JX604", "满意度指标放在了产出等一级指标下", INFO, "framework",
      f"{_FRAMEWORK}（该办法的框架中满意度也可列在效益之下）；" + PRACTICE,
      "单列“满意度指标”一级指标，下设“服务对象满意度”。")
def satisfaction_misplaced(table: TargetTable) -> Iterator[Hit]:
    """A 满意度 level-2 written under a level-1 other than 效益 (产出, 过程): jixiao moved it
    under 满意度. Under 效益 is where the older forms and the 2020 framework put it."""
    for repair in table.repairs:
        if repair.field == "level1" and repair.value == SATISFACTION and level1_of(repair.raw) not in (None, "效益"):
            yield Hit(f"满意度指标写在“{repair.raw}”下", line=repair.line)


@rule("JX605", "满意度下的指标不是满意度", WARNING, "framework", _FRAMEWORK,
      "满意度一级指标下只放服务对象或社会公众的满意度；其他指标移到产出或效益。")
def not_satisfaction(table: TargetTable) -> Iterator[Hit]:
    """An indicator under 满意度 whose name says nothing of satisfaction."""
    for indicator in table.indicators:
        if indicator.level1 == SATISFACTION and "满意" not in indicator.name:
            yield Hit(f"“{where(indicator)}”不是满意度指标", line=indicator.line, indicator=indicator.name)


@rule("JX606", "表中有无法识别的内容", WARNING, "framework", PRACTICE,
      "核对原表这些位置的内容：按规范的表格式填写，或删去多余内容。")
def unread_cells(table: TargetTable) -> Iterator[Hit]:
    """Cells the importer could not place (listed in the parse report)."""
    for note in table.report:
        yield Hit(f"“{note.text[:30]}”未能识别：{note.reason}", line=note.line)


@rule("JX607", "二级指标写在了不相符的一级指标下", WARNING, "framework", _FRAMEWORK,
      "把二级指标放回它所属的一级指标下（如数量指标属于产出，经济效益属于效益）。")
def level2_under_wrong_level1(table: TargetTable) -> Iterator[Hit]:
    """A level-2 written under a valid but different level-1 (数量指标 under 效益); 满意度
    under 效益 is JX604's, as the evaluation framework allows it."""
    for repair in table.repairs:
        if repair.field == "level1" and level1_of(repair.raw) not in (None, repair.value) and repair.value != SATISFACTION:
            yield Hit(f"原表写在“{repair.raw}”下，按其二级指标应属于“{repair.value}”", line=repair.line)
