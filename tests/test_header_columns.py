"""The header row says what each column holds: one test per key of docs/json.md that a
column gives (split targets, attributes, explanations, long-term targets, weights), and the
blocks other provinces print (不适用 rows, header fields, annual tasks, lists of projects)."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT
from jixiao.api import parse_file

TITLE = "2026年度项目支出绩效目标表"


def _parse(tmp_path: Path, lines: list[str]) -> list[dict]:
    path = tmp_path / "table.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [t.to_json() for t in parse_file(str(path))]


def _one(tmp_path: Path, lines: list[str]) -> dict:
    tables = _parse(tmp_path, lines)
    assert len(tables) == 1
    assert tables[0]["report"] == [], tables[0]["report"]
    return tables[0]


def test_target_split_over_comparator_value_and_unit_columns(tmp_path):
    table = _one(tmp_path, [
        TITLE, "项目名称\t政务服务",
        "一级指标\t二级指标\t三级指标\t指标性质\t指标值\t计量单位",
        "产出指标\t数量指标\t网站优化整改次数\t≥\t4\t次",
        "\t质量指标\t建议提案办理率\t＝\t100\t%",
        "\t时效指标\t办结时限\t\t15\t个工作日",
    ])
    first, second, third = table["indicators"]
    assert first["full_year"]["raw"] == "≥4次"
    assert (first["full_year"]["comparator"], first["full_year"]["value"], first["full_year"]["unit"]) == ("≥", "4", "次")
    assert first["full_year"]["cells"] == {"comparator": "≥", "value": "4", "unit": "次"}
    assert second["full_year"]["raw"] == "＝100%" and second["full_year"]["comparator"] == "="
    assert third["full_year"]["raw"] == "15个工作日" and third["full_year"]["cells"] == {"value": "15", "unit": "个工作日"}
    assert "direction" not in first and "nature" not in first


def test_attribute_column_gives_comparator_nature_or_direction_and_comes_after_the_value(tmp_path):
    table = _one(tmp_path, [
        TITLE, "项目名称\t信访业务",
        "一级指标\t二级指标\t三级指标\t指标值\t度量单位\t指标值类型\t指标方向",
        "产出指标\t数量指标\t调拨经费单位数\t10\t个\t≥\t正向",
        "\t时效指标\t经费调拨及时性\t按时\t\t定性\t正向",
        "效益指标\t社会效益指标\t信访积案数量\t5\t件\t≤\t反向",
    ])
    count, timely, backlog = table["indicators"]
    assert count["full_year"]["raw"] == "≥10个" and count["direction"] == "正向"
    assert timely["full_year"]["raw"] == "按时" and timely["nature"] == "定性" and "cells" not in timely["full_year"]
    assert backlog["full_year"]["raw"] == "≤5件" and backlog["direction"] == "反向"


def test_an_attribute_cell_that_is_none_of_them_is_reported(tmp_path):
    tables = _parse(tmp_path, [
        TITLE, "项目名称\t信访业务",
        "一级指标\t二级指标\t三级指标\t指标值\t指标性质",
        "产出指标\t数量指标\t调拨经费单位数\t10个\t重要",
    ])
    assert [n["text"] for n in tables[0]["report"]] == ["重要"]


def test_explanation_remark_scoring_standard_and_core_columns(tmp_path):
    table = _one(tmp_path, [
        TITLE, "项目名称\t信访业务",
        "一级指标\t二级指标\t三级指标\t指标值\t指标值内容\t评（扣）分标准\t指标值设定依据\t是否核心\t备注",
        "产出指标\t质量指标\t经费分档精准率\t≥95%\t实际拨付档次与考核档次一致\t每低1个百分点减0.1分\t历史标准\t是\t10",
    ])
    indicator = table["indicators"][0]
    assert indicator["explanation"] == "实际拨付档次与考核档次一致"
    assert indicator["scoring"] == "每低1个百分点减0.1分"
    assert indicator["standard"] == "历史标准"
    assert indicator["core"] == "是"
    assert indicator["remark"] == "10"


def test_long_term_group_beside_the_annual_target(tmp_path):
    table = _one(tmp_path, [
        TITLE, "项目名称\t校舍改造",
        "一级指标\t二级指标\t三级指标\t实施期指标值\t年度指标值",
        "产出指标\t数量指标\t改造学校数量\t≥12所\t≥4所",
        "\t质量指标\t验收合格率\t\t100%",
    ])
    first, second = table["indicators"]
    assert first["long_term"]["raw"] == "≥12所" and first["full_year"]["raw"] == "≥4所"
    assert second["long_term"] is None and second["full_year"]["raw"] == "100%"


def test_weights_of_a_target_table_with_points_in_the_header(tmp_path):
    table = _one(tmp_path, [
        TITLE, "项目名称\t审计事务",
        "一级指标\t二级指标\t三级指标\t指标值\t分值权重（90分）",
        "成本指标\t经济成本指标\t市内外勤经费标准（元/人/天）\t35\t8",
    ])
    assert table["stage"] == "target"
    indicator = table["indicators"][0]
    assert (indicator["level1"], indicator["level2"], indicator["weight"]) == ("成本", "经济成本", "8")


def test_not_applicable_rows_declare_their_category(tmp_path):
    table = _one(tmp_path, [
        TITLE, "项目名称\t社区服务",
        "一级指标\t二级指标\t三级指标\t目标值",
        "产出\t数量\t服务社区个数\t13个",
        "产出\t成本\t经费总成本\t≤1018.55万元",
        "效益\t经济效益\t不适用\t不适用",
        "效益\t社会效益\t不直接产生社会效益\t无",
        "效益\t可持续影响\t安全事故发生次数\t无",
        "满意度\t服务对象满意度\t居民满意度\t≥90%",
        "满意度\t其他满意度\t不适用\t不适用",
    ])
    names = [(i["level1"], i["level2"], i["name"]) for i in table["indicators"]]
    assert names == [("产出", "数量指标", "服务社区个数"), ("产出", "成本指标", "经费总成本"),
                     ("效益", "可持续影响", "安全事故发生次数"), ("满意度", "服务对象满意度", "居民满意度")]
    declared = [(c["level1"], c["level2"]) for c in table["empty_categories"] if c.get("not_applicable")]
    assert declared == [("效益", "经济效益"), ("效益", "社会效益")]


def test_header_fields_without_a_key_of_their_own(tmp_path):
    table = _one(tmp_path, [
        "二级项目支出绩效目标申报表",
        "项目编码：\t440306231390302000056\t项目名称：\t政府购买服务",
        "实施期限：\t3\t是否新增项目：\t否",
        "长期目标（跨度多年的项目需填）：\t提高社区治理水平",
        "一级指标\t二级指标\t三级指标\t目标值",
        "产出\t数量\t服务社区个数\t13个",
        "备注：作为导入模板，置灰信息无需录入。",
    ])
    assert table["project"] == "政府购买服务"
    assert table["fields"] == {"项目编码": "440306231390302000056", "实施期限": "3", "是否新增项目": "否"}
    assert table["texts"]["long_term_goal"] == "提高社区治理水平"
    assert table["texts"]["other"] == "作为导入模板，置灰信息无需录入。"


def test_annual_tasks_of_a_department_table(tmp_path):
    table = _one(tmp_path, [
        "部门整体支出绩效目标表", "部门（单位）名称\t西安市审计局",
        "年度主要任务\t任务名称\t主要内容\t预算金额（万元）",
        "\t\t\t总额\t财政拨款\t其他资金",
        "\t机关运转\t人员经费及公用经费。\t3354.42\t3354.42",
        "\t审计专项补助经费\t专项用于审计项目。\t198.18\t0\t198.18",
        "\t金额合计\t\t3552.60\t3354.42\t198.18",
        "一级指标\t二级指标\t三级指标\t指标值",
        "产出指标\t数量指标\t完成审计项目（个）\t≥36",
    ])
    assert table["kind"] == "department" and table["unit"] == "西安市审计局"
    assert table["tasks"] == [
        {"name": "机关运转", "content": "人员经费及公用经费。", "duty": None, "project": None,
         "amount_wan": "3354.42", "appropriation_wan": "3354.42", "other_wan": None},
        {"name": "审计专项补助经费", "content": "专项用于审计项目。", "duty": None, "project": None,
         "amount_wan": "198.18", "appropriation_wan": "0", "other_wan": "198.18"},
    ]


def test_a_task_total_that_does_not_add_up_is_said_and_a_stray_cell_beside_it_reported(tmp_path):
    [table] = _parse(tmp_path, [
        "部门整体支出绩效目标表", "部门（单位）名称\t西安市审计局",
        "年度主要任务\t任务名称\t主要内容\t预算金额（万元）",
        "\t\t\t总额\t财政拨款\t其他资金",
        "\t机关运转\t人员经费及公用经费。\t3354.42\t3354.42",
        "\t审计专项补助经费\t专项用于审计项目。\t198.18\t0\t198.18",
        "\t金额合计\t含追加\t3600.00\t3354.42\t198.18",
        "一级指标\t二级指标\t三级指标\t指标值",
        "产出指标\t数量指标\t完成审计项目（个）\t≥36",
    ])
    assert [(w["line"], w["text"]) for w in table["warnings"]] == [(7, "3600.00")]
    assert "3600.00" in table["warnings"][0]["reason"] and "3552.60" in table["warnings"][0]["reason"]
    assert [(r["line"], r["text"]) for r in table["report"]] == [(7, "含追加")]


def test_a_list_of_projects_gives_a_table_per_project(tmp_path):
    tables = _parse(tmp_path, [
        "2026年项目支出绩效目标表",
        "单位名称\t项目名称\t年度资金总额(万元)\t年度绩效目标\t一级指标\t二级指标\t三级指标\t指标值",
        "长春市信访局\t信访专项经费\t30.00\t保障信访工作\t产出指标\t数量指标\t专家评审\t>=2次",
        "\t\t\t\t效益指标\t社会效益指标\t群众诉求解决率\t>=90%",
        "\t接待中心运行费\t12.00\t保障接待中心运行\t产出指标\t质量指标\t设备完好率\t>=95%",
    ])
    assert [(t["project"], t["total_amount_wan"], t["texts"]["annual_goal"]) for t in tables] == [
        ("信访专项经费", "30.00", "保障信访工作"), ("接待中心运行费", "12.00", "保障接待中心运行")]
    assert [[i["name"] for i in t["indicators"]] for t in tables] == [["专家评审", "群众诉求解决率"], ["设备完好率"]]
    assert all(t["report"] == [] for t in tables)


def test_a_list_of_units_under_a_header_of_three_rows_with_its_amount_columns(tmp_path):
    """Hunan's department form: 年度预算申请 over 资金总额 and the columns by income and by
    spending (按收入性质分 | 按支出性质分), 整体绩效目标, then the indicator header; the
    unit's row is repeated on the next page with the header."""
    header = ["单位编码\t单位名称\t年度预算申请\t\t\t\t\t\t\t整体绩效目标\t部门整体支出年度绩效目标",
              "\t\t资金总额\t按收入性质分\t\t\t\t按支出性质分",
              "\t\t\t一般公共预算\t政府性基金拨款\t财政专户管理资金\t其他资金\t基本支出\t项目支出\t\t"
              "一级指标\t二级指标\t三级指标\t指标值类型\t指标值\t计量单位"]
    unit = "126001\t长沙市信访局\t1,935.36\t1,935.36\t\t\t\t1,517.95\t417.41\t做好信访工作\t"
    tables = _parse(tmp_path, [
        "2026年部门整体支出绩效目标表", "部门名称：长沙市信访局 单位：万元", *header,
        unit + "成本指标\t经济成本指标\t基本支出不超预算\t≤\t1517.95\t万元",
        "2026年部门整体支出绩效目标表", "部门名称：长沙市信访局 单位：万元", *header,
        unit + "效益指标\t社会效益指标\t不发生信访极端恶性事件\t=\t0\t次",
    ])
    assert len(tables) == 1
    table = tables[0]
    assert table["report"] == []
    assert (table["unit"], table["total_amount_wan"], table["fields"]) == ("长沙市信访局", "1935.36", {"单位编码": "126001"})
    assert table["funding"] == [{"name": "一般公共预算", "amount_wan": "1935.36", "parent": None}]
    assert [(e["name"], e["annual_wan"]) for e in table["expenditures"]] == [("基本支出", "1517.95"), ("项目支出", "417.41")]
    assert [(i["name"], i["full_year"]["raw"]) for i in table["indicators"]] == [
        ("基本支出不超预算", "≤1517.95万元"), ("不发生信访极端恶性事件", "=0次")]


def test_a_budget_book_reports_its_other_pages_once_per_range():
    book = ROOT / "tests" / "corpus" / "shandong-yantai-dashuju" / "2026年烟台市大数据局部门预算.pdf"
    tables = [t.to_json() for t in parse_file(str(book))]
    assert [t["project"] for t in tables] == ["政务基础设施运行维护资金", "实施公车统管费用"]
    first, last = tables
    assert first["report"] == last["report"] == []
    assert [n["text"][:9] for n in first["outside"]] == ["第 1–30 页："]  # the budget tables before
    assert [n["text"][:10] for n in last["outside"]] == ["第 32–34 页："]  # the explanations after
