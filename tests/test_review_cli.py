"""`jixiao review` and `jixiao rules` as a user runs them: real processes, real report files
read back, exit status 0 / 1 / 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from html.parser import HTMLParser

from openpyxl import load_workbook

from conftest import ROOT, SEEDS
from jixiao.review import RULES
from jixiao.review.catalog import CROSS_RULES

CLEAN = ROOT / "tests" / "fixtures" / "review" / "clean_project.txt"


def jixiao(*args: str, cwd: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "jixiao", *args], capture_output=True, text=True, timeout=120,
                          env=env, cwd=cwd)


def test_review_of_the_seeds_prints_every_table_and_exits_one_for_errors():
    result = jixiao("review", *map(str, SEEDS))
    assert result.returncode == 1, result.stderr
    for name in ("国际人才市场江阴市场", "江阴市科学技术局（机关）", "科技镇长团", "常州市科学技术局", "物业管理费", "产学研合作交流专项"):
        assert name in result.stdout
    assert "JX101" in result.stdout and "质量分" in result.stdout and "建议：" in result.stdout
    assert "共审核 18 张表" in result.stdout and "评分方法" in result.stdout


def test_a_clean_table_exits_zero():
    result = jixiao("review", str(CLEAN))
    assert result.returncode == 0, result.stdout
    assert "错误 0 条，警告 0 条，提示 0 条" in result.stdout and "100  等级 优" in result.stdout


def test_bad_input_exits_two_with_one_line(tmp_path):
    empty = tmp_path / "空.txt"
    empty.write_bytes(b"")
    for path in (str(empty), str(tmp_path / "missing.txt")):
        result = jixiao("review", path)
        assert result.returncode == 2
        assert result.stderr.strip().startswith("错误：") and len(result.stderr.strip().splitlines()) == 1
        assert "Traceback" not in result.stderr


def test_an_unwritable_report_path_is_a_one_line_error(tmp_path):
    result = jixiao("review", str(CLEAN), "-f", "html", "-o", str(tmp_path / "无此目录" / "报告.html"))
    assert result.returncode == 2 and "报告无法写入" in result.stderr and "Traceback" not in result.stderr


def test_json_follows_the_contract():
    result = jixiao("review", *map(str, SEEDS), "--format", "json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert len(data["tables"]) == 18 and "质量分" in data["method"]
    for table in data["tables"]:
        assert set(table) >= {"source", "project", "score", "grade", "findings"}
        assert 0 <= table["score"] <= 100 and table["grade"] in "优良中差"
        for finding in table["findings"]:
            assert finding["rule"] in RULES
            assert finding["severity"] in ("error", "warning", "info")
            assert finding["message"] and finding["suggestion"]
            assert finding["line"] is None or isinstance(finding["line"], int)
            assert finding["indicator"] is None or isinstance(finding["indicator"], str)


def test_min_severity_filters_the_listing_but_not_the_exit_status():
    everything = json.loads(jixiao("review", *map(str, SEEDS), "-f", "json").stdout)
    errors = jixiao("review", *map(str, SEEDS), "-f", "json", "--min-severity", "error")
    assert errors.returncode == 1
    kept = json.loads(errors.stdout)
    for full, only in zip(everything["tables"], kept["tables"]):
        assert only["findings"] == [f for f in full["findings"] if f["severity"] == "error"]
        assert only["score"] == full["score"]  # the score always counts every finding


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.parts.append(data)


def test_html_report_is_a_standalone_page(tmp_path):
    out = tmp_path / "报告.html"
    result = jixiao("review", *map(str, SEEDS), "-f", "html", "-o", str(out))
    assert result.returncode == 1 and "报告已写入" in result.stderr
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and 'charset="utf-8"' in page
    assert "<link" not in page and "<script" not in page  # nothing to fetch: it opens anywhere
    parser = _Text()
    parser.feed(page)
    text = "".join(parser.parts)
    assert "绩效目标审核报告" in text and "评分方法" in text and "201715.26" in text
    assert parser.tags.count("h2") == 18 + 1  # a section per table, then 表间核对
    assert "表间核对" in text and "JX701" in text


def test_xlsx_report_is_filterable_and_complete(tmp_path):
    out = tmp_path / "报告.xlsx"
    result = jixiao("review", *map(str, SEEDS), "-f", "xlsx", "-o", str(out))
    assert result.returncode == 1
    book = load_workbook(out)
    assert book.sheetnames == ["汇总", "审核发现", "表间核对"]
    findings = book["审核发现"]
    assert findings.auto_filter.ref and findings.freeze_panes == "A2"
    header = [c.value for c in findings[1]]
    assert header[:8] == ["文件", "项目（单位）", "年度", "质量分", "等级", "规则", "严重程度", "类别"]
    data = json.loads(jixiao("review", *map(str, SEEDS), "-f", "json").stdout)
    assert findings.max_row - 1 == sum(len(t["findings"]) for t in data["tables"])
    assert book["表间核对"].max_row - 1 == len(data["cross_findings"]) > 0
    assert book["汇总"].max_row >= 19


def test_xlsx_defaults_to_a_file_in_the_working_directory(tmp_path):
    result = jixiao("review", str(CLEAN), "-f", "xlsx", cwd=str(tmp_path))
    assert result.returncode == 0
    assert (tmp_path / "审核报告.xlsx").exists()


def test_rules_lists_the_catalog():
    result = jixiao("rules")
    assert result.returncode == 0
    for code, rule in RULES.items():
        assert code in result.stdout and rule.title in result.stdout
    catalog = json.loads(jixiao("rules", "--format", "json").stdout)["rules"]
    assert [r["rule"] for r in catalog] == list(RULES) + list(CROSS_RULES)
    markdown = jixiao("rules", "--format", "markdown").stdout
    assert markdown == (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")


def test_the_text_report_ends_with_every_score_and_says_what_it_hid():
    """Issue 12, point 5: a per-table list of score and grade, and the findings a
    --min-severity floor left out counted, not silently dropped."""
    result = subprocess.run([sys.executable, "-m", "jixiao", "review", *map(str, SEEDS[:3]), "--min-severity", "error"],
                            capture_output=True, text=True, env={**os.environ, "COLUMNS": "200"}, timeout=120)
    assert result.returncode == 1
    tail = result.stdout[result.stdout.index("质量分一览"):]
    assert len([line for line in tail.splitlines() if " 分 " in line]) == 5  # 000 holds three tables
    summary = next(line for line in tail.splitlines() if line.startswith("共审核 5 张表"))
    assert "警告" in summary and "提示" in summary and "未列出，质量分已计入" in summary


def test_the_workbook_prints_landscape_on_the_page_width(tmp_path):
    """Issue 12, point 5: every sheet A4 landscape, fitted to one page wide, the header on each
    page, and wrapped rows as tall as their text (they overlapped on 48 pages before)."""
    out = tmp_path / "报告.xlsx"
    result = subprocess.run([sys.executable, "-m", "jixiao", "review", *map(str, SEEDS), "-o", str(out), "-q"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    book = load_workbook(out)
    for sheet in book.worksheets:
        assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
        assert sheet.page_setup.fitToHeight == 0 and sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows == "$1:$1"
    findings = book["审核发现"]
    tall = [r for r in range(2, findings.max_row + 1) if (findings.row_dimensions[r].height or 0) > 13.5]
    assert len(tall) > findings.max_row // 2  # the basis and suggestion columns wrap on most rows
