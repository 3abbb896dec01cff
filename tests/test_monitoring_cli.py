"""A seed table taken through the year on the command line, as a new user would: the template
of actual values, mid-year monitoring, the year-end score and grade, the self-evaluation table
written in the official layout and read back with the same values and scores. And the input
errors a unit makes, each said in Chinese with exit status 2."""

from __future__ import annotations

import csv
import json
from decimal import Decimal

import pytest

from conftest import SEEDS
from jixiao.api import parse_file
from test_cli import jixiao

SEED = next(s for s in SEEDS if s.name.startswith("004"))  # 12 project tables; the first is 通创荟


def _fill(template, values: dict[tuple[str, str], list[str]], spent: dict[str, str]) -> None:
    """Fill the CSV template as a unit would in a spreadsheet: 实际完成值, 偏差原因类别,
    偏差原因说明, 完成可能性 on the rows of (indicator, month); 累计支出 on the 合计 rows."""
    rows = list(csv.reader(template.open(encoding="utf-8-sig")))
    for row in rows:
        if len(row) == 11 and (row[2], row[6]) in values:
            row[7:11] = values[(row[2], row[6])]
        if row[:1] == ["合计"] and row[2] in spent:
            row[3] = spent[row[2]]
    with template.open("w", encoding="utf-8-sig", newline="") as stream:
        csv.writer(stream).writerows(rows)


VALUES = {
    ("招引科创项目数", "6"): ["700个", "经费", "上半年活动经费拨付较晚", "有可能"],
    ("招引科创项目数", "12"): ["1650个", "", "", ""],
    ("组织科技招商专题活动", "6"): ["1场", "", "", "确定能"],
    ("组织科技招商专题活动", "12"): ["2场", "", "", ""],
    ("科创大赛省赛和国赛获奖数", "6"): ["3个", "", "", "确定能"],
    ("科创大赛省赛和国赛获奖数", "12"): ["14个", "其他", "参赛企业多于预期，下年度提高指标值", ""],
    ("对落实创新驱动发展战略的推动程度", "12"): ["达成年度指标", "", "", ""],
}


@pytest.fixture(scope="module")
def year(tmp_path_factory):
    folder = tmp_path_factory.mktemp("year")
    template = folder / "实际.csv"
    made = jixiao("actuals-template", str(SEED), "-n", "1", "-o", str(template))
    assert made.returncode == 0, made.stderr
    assert "实际完成值模板（15 个指标，6 月、12 月）已写入" in made.stderr
    _fill(template, VALUES, {"6": "12", "12": "121.5"})
    return folder, template


def test_mid_year_monitoring_in_the_terminal(year):
    folder, template = year
    result = jixiao("monitor", str(SEED), "-n", "1", "--actuals", str(template), "--month", "6")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    # Budget: 12 of 135 spent = 8.89%; the half-year plan is 13.5 of 135 = 10%; 8.89 ÷ 10 = 88.9 → green.
    assert "执行率 8.89%；应完成 10%（半年计划执行数 13.5 万元），进度比 88.9 → 绿" in out
    # 700 of a half-year target of ≥900: 77.8% → yellow, with its cause and likelihood.
    assert "【黄】产出/数量指标/招引科创项目数：实际 700个，应完成 900个（半年指标值 ≥900个），进度 77.8%" in out
    assert "偏差原因：经费保障：上半年活动经费拨付较晚" in out and "完成可能性：有可能" in out
    # 3 prizes where ≥0 were due by June: nothing to divide by, reached → green.
    assert "【绿】产出/时效指标/科创大赛省赛和国赛获奖数" in out
    assert "总体状态：黄" in out


def test_mid_year_monitoring_as_json(year):
    folder, template = year
    result = jixiao("monitor", str(SEED), "-n", "1", "--actuals", str(template), "--month", "6", "-f", "json")
    data = json.loads(result.stdout)["monitoring"]
    assert data["colour"] == "yellow" and data["month"] == 6
    assert data["budget"]["colour"] == "green" and data["budget"]["ratio"] == "88.9"
    row = next(i for i in data["indicators"] if i["name"] == "招引科创项目数")
    assert (row["due"], row["ratio"], row["colour"], row["cause"]) == ("900", "77.8", "yellow", ["经费保障"])


def test_year_end_score_and_grade(year):
    folder, template = year
    result = jixiao("evaluate", str(SEED), "-n", "1", "--actuals", str(template), "-f", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)["evaluation"]
    # 产出 50 over three: 50/3 each.
    #   ≥1800, actual 1650: 50/3 × 1650/1800 = 15.2777…
    #   ≥2, actual 2: 16.666…
    #   ≥10, actual 14: 40% above → 16.666… − 2 = 14.666…
    # 效益 30: 达成 → 30.   满意度: no indicator in this table (its block is empty).
    # 执行率 121.5 ÷ 135 = 90%: 10 × 0.9 = 9
    # sum 15.2777… + 16.666… + 14.666… + 30 + 9 = 85.6111…; 满意度's 10 points are missing:
    # scaled 85.6111… × 100 / 90 = 95.1234… → 95.12; 90% rate: no cap → 优
    assert data["total"] == "95.12" and data["grade"] == "优"
    assert data["execution"]["score"] == "9.00" and data["missing_blocks"] == {"满意度": "10"}
    assert len(data["unscored"]) == 11  # 决策 and 过程: not scored by the self-evaluation template


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "html"])
def test_the_self_evaluation_table_reads_back_with_the_same_values_and_scores(year, fmt):
    folder, template = year
    out = folder / f"自评表.{fmt}"
    result = jixiao("evaluate", str(SEED), "-n", "1", "--actuals", str(template), "--table-out", str(out), "--force")
    assert result.returncode == 0, result.stderr
    assert f"自评表已写入 {out}" in result.stderr
    (table,) = parse_file(str(out))
    assert table.stage == "self_evaluation" and table.report == []
    assert (table.total_score, table.grade) == (Decimal("95.12"), "优")
    got = {i.name: (i.full_year.raw, i.extra["actual"], i.extra["weight"], i.extra["score"]) for i in table.indicators}
    assert got == {
        # weights to the cent add up to 50: 16.67 + 16.67 + 16.66; scores never above them
        "招引科创项目数": ("≥1800个", "1650个", Decimal("16.67"), Decimal("15.28")),
        "组织科技招商专题活动": ("≥2场", "2场", Decimal("16.67"), Decimal("16.67")),
        "科创大赛省赛和国赛获奖数": ("≥10个", "14个", Decimal("16.66"), Decimal("14.67")),
        "对落实创新驱动发展战略的推动程度": ("较高", "达成年度指标", Decimal("30.00"), Decimal("30.00")),
    }
    e = table.budget_execution
    assert (e.adjusted_wan, e.executed_wan, e.weight, e.rate, e.score) == (135, Decimal("121.5"), 10, 90, Decimal("9.00"))
    reason = table.indicators[2].extra["reason"]
    assert reason == "其他：参赛企业多于预期，下年度提高指标值"
    # Read back, the table is re-scored by the rules without a finding, and evaluates the same.
    review = jixiao("review", str(out), "-f", "json")
    findings = json.loads(review.stdout)["tables"][0]["findings"]
    assert [f for f in findings if f["rule"].startswith("JX8")] == []
    again = jixiao("evaluate", str(out), "-f", "json")
    assert json.loads(again.stdout)["evaluation"]["total"] == "95.12"


@pytest.mark.parametrize("fmt", ["html", "xlsx"])
@pytest.mark.parametrize("command", ["monitor", "evaluate"])
def test_reports_as_html_and_xlsx(year, command, fmt):
    folder, template = year
    out = folder / f"{command}.{fmt}"
    month = ("--month", "6") if command == "monitor" else ()
    result = jixiao(command, str(SEED), "-n", "1", "--actuals", str(template), *month, "-o", str(out), "--force")
    assert result.returncode == 0, result.stderr
    expected = ["招引科创项目数", "截至 6 月底" if command == "monitor" else "总分 95.12 分 · 自评等级 优"]
    if fmt == "html":
        page = out.read_text(encoding="utf-8")
        assert all(text in page for text in expected)
        assert ('class="status"' in page) == (command == "monitor")
    else:
        from openpyxl import load_workbook

        sheet = load_workbook(out).active
        texts = " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)
        assert all(text in texts for text in expected)


# ------------------------------------------------------------------ what a unit gets wrong
def _errors(folder, rows_text: str, *extra: str):
    path = folder / "错误.csv"
    path.write_text("一级指标,二级指标,三级指标,半年指标值,全年指标值,分值,月份,实际完成值,偏差原因类别,偏差原因说明,完成可能性\n"
                    + rows_text, encoding="utf-8")
    return jixiao("monitor", str(SEED), "-n", "1", "--actuals", str(path), "--month", "6", *extra), path


@pytest.mark.parametrize("row, message", [
    ("产出,数量指标,招引科创项目数,≥900个,≥1800个,,6,85%,,,",
     "第 2 行，指标“招引科创项目数”：实际完成值“85%”：单位“%”与指标值“≥1800个”的单位“个”不符；应填写以“个”计的数值"),
    ("过程,资金管理,资金使用合规性,合规,合规,,6,95%,,,",
     "第 2 行，指标“资金使用合规性”：实际完成值“95%”：定性指标应填写达成情况：达成年度指标、部分达成年度指标并具有一定效果、"
     "未达成年度指标且效果较差，或与指标值“合规”相同的用语"),
    ("产出,数量指标,招商项目数,,,,6,700个,,,", "第 2 行，指标“招商项目数”：绩效目标表中没有这个三级指标"),
    ("产出,数量指标,招引科创项目数,,,,13,700个,,,", "月份应为 1 到 12 之间的整数（如 6 表示截至 6 月底），而不是“13”"),
])
def test_input_errors_are_said_in_chinese_with_status_2(tmp_path, row, message):
    result, path = _errors(tmp_path, row + "\n")
    assert result.returncode == 2
    assert result.stdout == ""
    assert f"错误：{path}：" in result.stderr and message in result.stderr
    assert "Traceback" not in result.stderr


def test_every_problem_of_a_file_is_listed(tmp_path):
    result, path = _errors(tmp_path, "产出,数量指标,招引科创项目数,,,,6,85%,,,\n产出,数量指标,没有的指标,,,,6,1,,,\n")
    assert result.returncode == 2
    assert len([line for line in result.stderr.splitlines() if line.startswith("错误：")]) == 2


@pytest.mark.parametrize("args, message", [
    (("--month", "13"), "--month：月份应为 1 到 12 之间的整数，而不是“13”"),
    (("--month", "6", "--config", "没有.toml"), "没有.toml：无法读取设置文件"),
])
def test_bad_options_exit_2(tmp_path, args, message):
    template = tmp_path / "实际.csv"
    jixiao("actuals-template", str(SEED), "-n", "1", "-o", str(template))
    result = jixiao("monitor", str(SEED), "-n", "1", "--actuals", str(template), *args)
    assert result.returncode == 2 and message in result.stderr


def test_a_file_of_several_tables_asks_which_one():
    result = jixiao("actuals-template", str(SEED), "-o", "-")
    assert result.returncode == 2
    assert "文件中有 12 张表（1. “通创荟”和科技招商经费专项；2. 物业管理费" in result.stderr and "-n/--number" in result.stderr


def test_a_department_table_needs_the_bureaus_weights(tmp_path):
    seed = next(s for s in SEEDS if s.name.startswith("003"))
    template = tmp_path / "实际.csv"
    assert jixiao("actuals-template", str(seed), "-o", str(template)).returncode == 0
    result = jixiao("evaluate", str(seed), "--actuals", str(template))
    assert result.returncode == 2 and "部门整体表的自评须由财政部门设置" in result.stderr
    config = tmp_path / "财政局.toml"
    config.write_text('[evaluation.department]\nlevel1_weights = { "决策" = 10, "过程" = 20, "履职" = 40, "效益" = 20, "满意度" = 10 }\n',
                      encoding="utf-8")
    scored = jixiao("evaluate", str(seed), "--actuals", str(template), "--config", str(config), "-f", "json")
    assert scored.returncode == 0, scored.stderr
    assert json.loads(scored.stdout)["evaluation"]["total"] == "0.00"  # nothing filled in yet: 0 points


def test_example_config_reads_back_as_the_defaults(tmp_path):
    from jixiao.config import DEFAULTS, load

    result = jixiao("evaluate", "--example-config")
    assert result.returncode == 0 and "[evaluation.project]" in result.stdout
    path = tmp_path / "默认.toml"
    path.write_text(result.stdout, encoding="utf-8")
    loaded = load(path)
    assert loaded.monitoring == DEFAULTS.monitoring and loaded.evaluation == DEFAULTS.evaluation
