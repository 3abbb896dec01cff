"""The actual-values file: written as a template, filled in, read back; values read with the
target grammar and checked against the target's unit and kind; every problem named with the
file, row, indicator and what was expected."""

from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl import load_workbook

from jixiao import actuals, actuals_template
from jixiao.actuals import ActualsError, month_of
from yearly import actuals_file, read_actuals, target_table

INDICATORS = [
    ("产出指标", "数量指标", "服务企业数", "≥900家", "≥1800家"),
    ("产出指标", "质量指标", "验收合格率", "", "≥95%"),
    ("效益指标", "社会效益", "资金使用合规性", "合规", "合规"),
    ("满意度指标", "服务对象满意度", "服务对象满意度", "", "≥90%"),
]


@pytest.fixture
def table(tmp_path):
    return target_table(tmp_path, INDICATORS, total="135")


def row(name: str, value: str, month: str = "6", **more: str) -> dict[str, str]:
    return {"三级指标": name, "月份": month, "实际完成值": value, **more}


def problems(tmp_path, table, rows, spending=()) -> list[str]:
    with pytest.raises(ActualsError) as caught:
        read_actuals(tmp_path, table, rows, spending)
    return caught.value.lines()


def test_values_are_read_with_the_target_grammar(tmp_path, table):
    values = read_actuals(tmp_path, table, [
        row("服务企业数", "1,500家", 偏差原因类别="经费、人员", 偏差原因说明="经费下达晚", 完成可能性="有可能"),
        row("服务企业数", "0.19万家", month="12"),   # 万家 → 家: 1900
        row("验收合格率", "96"),                      # no unit: the target's (%)
        row("资金使用合规性", "合规"),
        row("服务对象满意度", "部分达成年度指标并具有一定效果"),
    ], [("合计", "135", "2026-06-30", "60.5"), ("合计", "", "12月", "130")])
    june = values.of(0).at(6)
    assert june.reading.value == 1500 and june.causes == ("经费保障", "人员保障") and june.likelihood == "有可能"
    assert values.of(0).at(12).reading.value == 1900 and values.of(0).at(9) is june
    assert values.of(1).at(6).reading.value == 96
    assert values.of(2).at(6).reading.grade == "达成"
    assert values.of(3).at(6).reading.grade == "部分达成"
    assert values.budget(table) == 135 and values.spent_by(6) == Decimal("60.5") and values.spent_by(12) == 130
    assert values.spent_by(5) is None


def test_a_value_in_the_wrong_unit_names_file_row_indicator_and_what_was_expected(tmp_path, table):
    lines = problems(tmp_path, table, [row("服务企业数", "85%")])
    assert len(lines) == 1
    path = str(tmp_path / "实际.csv")
    assert lines[0].startswith(f"{path}：第 2 行，指标“服务企业数”：")
    assert "“85%”" in lines[0] and "单位“%”与指标值“≥1800家”的单位“家”不符" in lines[0] and "以“家”计的数值" in lines[0]


@pytest.mark.parametrize("name, value, expected", [
    ("服务企业数", "很多", "应填写以“家”计的数值"),
    ("服务企业数", "≥1500家", "不带“≥”"),
    ("资金使用合规性", "较好", "定性指标应填写达成情况"),
    ("资金使用合规性", "95%", "定性指标应填写达成情况"),
])
def test_a_value_of_the_wrong_kind_is_refused(tmp_path, table, name, value, expected):
    (line,) = problems(tmp_path, table, [row(name, value)])
    assert f"指标“{name}”" in line and expected in line


@pytest.mark.parametrize("month, expected", [
    ("13", "月份应为 1 到 12 之间的整数"), ("0", "月份应为 1 到 12 之间的整数"), ("六月", "月份应为 1 到 12 之间的整数"),
    ("", "缺少月份"),
])
def test_a_bad_month_is_refused(tmp_path, table, month, expected):
    (line,) = problems(tmp_path, table, [row("服务企业数", "700家", month=month)])
    assert expected in line and "第 2 行" in line


def test_an_unknown_indicator_is_refused_with_the_close_ones(tmp_path, table):
    (line,) = problems(tmp_path, table, [row("服务企业数量", "700家")])
    assert "指标“服务企业数量”：绩效目标表中没有这个三级指标" in line and "相近的有：服务企业数" in line


def test_causes_likelihood_and_repeats_are_checked_and_all_problems_said_at_once(tmp_path, table):
    lines = problems(tmp_path, table, [
        row("服务企业数", "700家", 偏差原因类别="天气"),
        row("验收合格率", "90%", 完成可能性="大概能"),
        row("服务对象满意度", "91%"), row("服务对象满意度", "92%"),
    ], [("合计", "135", "6", "很多")])
    assert len(lines) == 4
    assert "偏差原因类别应为 经费保障、制度保障、人员保障、硬件条件保障、其他" in lines[0]
    assert "完成可能性应为 确定能、有可能、完全不可能 之一" in lines[1]
    assert "6 月的实际完成值已在第 4 行填写过" in lines[2]
    assert "累计支出应为以万元计的数字" in lines[3]


def test_a_file_for_another_project_is_refused(tmp_path, table):
    path = tmp_path / "别的.csv"
    path.write_text("项目名称,别的项目\n一级指标,二级指标,三级指标,月份,实际完成值\n", encoding="utf-8")
    with pytest.raises(ActualsError, match="“别的项目”的实际完成值，而绩效目标表是“测试项目”"):
        actuals.read(str(path), table)


def test_a_file_with_no_header_row_says_how_to_make_one(tmp_path, table):
    path = tmp_path / "空.csv"
    path.write_text("服务企业数,700\n", encoding="utf-8")
    with pytest.raises(ActualsError, match="actuals-template"):
        actuals.read(str(path), table)


def test_excel_on_chinese_windows_saves_csv_in_gb18030(tmp_path, table):
    path = actuals_file(tmp_path, [row("服务企业数", "700家")])
    text = path.read_text(encoding="utf-8-sig")
    path.write_bytes(text.encode("gb18030"))
    assert actuals.read(str(path), table).of(0).at(6).reading.value == 700


@pytest.mark.parametrize("form", ["csv", "xlsx"])
def test_the_template_filled_in_reads_back(tmp_path, table, form):
    path = tmp_path / f"模板.{form}"
    actuals_template.write_template(table, path, form)
    if form == "csv":
        lines = path.read_text(encoding="utf-8-sig").splitlines()
        lines = [line.replace("服务企业数,≥900家,≥1800家,,6,,,,", "服务企业数,≥900家,≥1800家,,6,800家,经费,拨付晚,有可能")
                 .replace("合计,135,6,", "合计,135,6,40") for line in lines]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    else:
        book = load_workbook(path)
        sheet = book.active
        for cells in sheet.iter_rows():
            values = [c.value for c in cells]
            if values[2] == "服务企业数" and values[6] == "6":
                cells[7].value, cells[8].value, cells[9].value, cells[10].value = "800家", "经费", "拨付晚", "有可能"
            if values[0] == "合计" and values[2] == "6":
                cells[3].value = 40  # a number typed into Excel
        book.save(path)
    values = actuals.read(str(path), table)
    june = values.of(0).at(6)
    assert (june.reading.value, june.causes, june.cause_text, june.likelihood) == (800, ("经费保障",), "拨付晚", "有可能")
    assert values.spent_by(6) == 40 and values.budget(table) == 135
    assert [values.of(i) is not None for i in range(4)] == [True] * 4  # every row matched an indicator


def test_the_template_has_a_row_per_indicator_and_checkpoint(table):
    rows = actuals_template.template_rows(table, (3, 6, 9, 12))
    indicator_rows = [r for r in rows if len(r) == len(actuals.INDICATOR_COLUMNS) and r[2] and r[0] != "一级指标"]
    assert len(indicator_rows) == 4 * 4
    assert indicator_rows[0][:7] == ["产出", "数量指标", "服务企业数", "≥900家", "≥1800家", "", "3"]
    assert ["合计", "135", "12", ""] in rows


@pytest.mark.parametrize("text, month", [("6", 6), ("6月", 6), ("12月底", 12), ("2026-06-30", 6), ("2026年9月", 9),
                                         ("2026/9/30", 9), ("13", None), ("2026-13-01", None), ("", None)])
def test_months_and_dates(text, month):
    assert month_of(text) == month
