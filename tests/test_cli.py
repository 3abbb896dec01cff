"""The `jixiao` command as a user runs it: a real process, real files, exit status and output."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT, SEEDS


def jixiao(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "200"}  # a wide terminal: no line of the tree is wrapped
    return subprocess.run([sys.executable, "-m", "jixiao", *args], capture_output=True, text=True, timeout=120, env=env)


def test_parse_all_seeds_strict_exits_zero():
    result = jixiao("parse", *map(str, SEEDS), "--strict")
    assert result.returncode == 0, result.stderr
    for heading in ("国际人才市场江阴市场", "江阴市科学技术局（机关）", "科技镇长团", "常州市科学技术局", "物业管理费"):
        assert heading in result.stdout
    assert "决策" in result.stdout and "满意度" in result.stdout


def test_json_follows_the_contract():
    result = jixiao("parse", *map(str, SEEDS), "--format", "json")
    assert result.returncode == 0, result.stderr
    tables = json.loads(result.stdout)["tables"]
    assert len(tables) == 18
    first = tables[0]
    assert first["source"] == str(SEEDS[0])
    for key in ("kind", "year", "unit", "authority", "project", "total_amount_wan", "current_year_amount_wan",
                "funding", "expenditures", "texts", "indicators", "report"):
        assert key in first
    indicator = first["indicators"][0]
    assert set(indicator) >= {"level1", "level2", "name", "half_year", "full_year", "line"}
    targets = [t for table in tables for i in table["indicators"] for t in (i["half_year"], i["full_year"]) if t]
    assert {t["kind"] for t in targets} <= {"quantity", "qualitative", "schedule", "text"}
    assert all(isinstance(t["value"], (str, type(None))) for t in targets)
    assert all(isinstance(t["total_amount_wan"], (str, type(None))) for t in tables)


def test_text_is_the_default_format():
    result = jixiao("parse", str(SEEDS[2]))
    assert result.returncode == 0
    assert "科技镇长团" in result.stdout and "{" not in result.stdout.splitlines()[0]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "文件为空"),
        ("blank.txt", b"  \n\n\t\n", "文件为空"),
        ("binary.xlsx", bytes(range(256)) * 8, "不是文本文件"),
        ("minutes.txt", "会议纪要\n今天讨论了预算安排。\n".encode(), "未找到绩效目标表"),
        # Fragments of a table are no table (issue 12, point 1).
        ("title.txt", "2026年度项目支出绩效目标表\n".encode(), "未找到绩效目标表"),
        ("header.txt", "一级指标\t二级指标\t三级指标\t指标值\n".encode(), "未找到绩效目标表"),
        ("name.txt", "项目名称\t科技专项\n".encode(), "只有表头：项目名称 科技专项"),
    ],
)
def test_bad_input_gives_one_line_and_status_2(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    result = jixiao("parse", str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(path) in lines[0] and reason in lines[0]
    assert "Traceback" not in result.stderr


def test_missing_path_gives_one_line_and_status_2(tmp_path):
    path = tmp_path / "没有这个文件.txt"
    result = jixiao("parse", str(path))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"错误：{path}：文件不存在"]


def test_strict_fails_on_unused_cells(tmp_path):
    seed = SEEDS[2].read_text(encoding="utf-8")
    path = tmp_path / "extra.txt"
    path.write_text(seed.replace("效益指标\t\t\t", "效益指标\t\t\t\n本表由科技局代填\n", 1), encoding="utf-8")
    relaxed = jixiao("parse", str(path), "--format", "json")
    assert relaxed.returncode == 0
    report = json.loads(relaxed.stdout)["tables"][0]["report"]
    assert [n["text"] for n in report] == ["本表由科技局代填"]
    strict = jixiao("parse", str(path), "--strict")
    assert strict.returncode == 2
    assert strict.stdout == ""
    first, summary = strict.stderr.strip().splitlines()
    line = report[0]["line"]
    assert first.startswith(f"{path}：第 {line} 行“本表由科技局代填”：")
    assert "1 处" in summary and "Traceback" not in strict.stderr


def test_console_script_is_installed():
    exe = __import__("shutil").which("jixiao", path=str(__import__("pathlib").Path(sys.executable).parent))
    assert exe is not None
    result = subprocess.run([exe, "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "parse" in result.stdout


def test_text_tree_shows_self_evaluation_scores():
    fixture = ROOT / "tests" / "fixtures" / "layouts" / "02_self_evaluation.txt"
    result = jixiao("parse", str(fixture))
    assert result.returncode == 0, result.stderr
    for shown in ("总分：99.28", "自评等级：优", "实际 93.5%", "得分 19.68", "当年财政拨款：3200（执行 3080）", "偏差原因"):
        assert shown in result.stdout, shown


def test_help_and_usage_errors_speak_chinese():
    top = jixiao("-h")
    assert top.returncode == 0 and top.stdout.startswith("用法：jixiao")
    assert all(name in top.stdout for name in ("parse", "review", "export", "rules", "--version"))
    review = jixiao("review", "--help")
    assert review.returncode == 0 and review.stdout.startswith("用法：jixiao review")
    for words in ("参数：", "选项：", "示例：", "-h, --help", "--min-severity"):
        assert words in review.stdout, words
    assert "usage" not in review.stdout.lower() and "…" not in review.stdout
    assert jixiao("--version").stdout.startswith("jixiao ")
    for args, said in ((("parse", str(SEEDS[0]), "-f", "xml"), "--format：只能是 text、json"),
                       (("parse",), "缺少参数 文件"), (("export", str(SEEDS[0])), "缺少参数 -f/--format"),
                       (("review", str(SEEDS[0]), "-o"), "--output 后面缺少取值"), (("audit",), "没有命令“audit”"),
                       (("parse", str(SEEDS[0]), "--bogus"), "无法识别的参数：--bogus")):
        result = jixiao(*args)
        assert result.returncode == 2, args
        assert result.stderr.startswith("错误：") and said in result.stderr, result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_options_may_come_between_files():
    result = jixiao("parse", str(SEEDS[0]), "--format", "json", str(SEEDS[2]))
    assert result.returncode == 0, result.stderr
    assert {t["source"] for t in json.loads(result.stdout)["tables"]} == {str(SEEDS[0]), str(SEEDS[2])}


@pytest.mark.parametrize("command", ["", "parse", "review", "export", "rules"])
def test_help_at_80_columns_is_whole_and_chinese(command):
    """Issue 12, point 4: no option text cut with "…", no English frame words, an example each."""
    env = {**os.environ, "COLUMNS": "80"}
    result = subprocess.run([sys.executable, "-m", "jixiao", *([command] if command else []), "-h"],
                            capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0 and result.stdout.startswith("用法：")
    assert "…" not in result.stdout
    for english in ("usage", "options", "positional arguments", "show this help", "Usage", "Options", "Arguments"):
        assert english not in result.stdout, english
    assert ("示例：" in result.stdout) or not command
    from jixiao.texts import width
    assert max(width(line) for line in result.stdout.splitlines()) <= 80


def test_what_a_file_is_and_why_the_system_refused_are_said_in_chinese(tmp_path):
    picture = tmp_path / "表.xlsx"
    picture.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 8)
    result = jixiao("parse", str(picture))
    assert result.returncode == 2
    assert result.stderr.strip() == f"错误：{picture}：内容是 JPEG 图片，不是绩效目标表（文件名的扩展名是 .xlsx）；" \
                                    "请提供文本、Excel、Word、PDF 或 HTML 文件"
    folder = tmp_path / "报告.json"
    folder.mkdir()
    refused = jixiao("review", str(SEEDS[2]), "-o", str(folder), "--force")
    assert refused.returncode == 2 and "这是文件夹，不是文件" in refused.stderr and "Is a directory" not in refused.stderr


def test_a_fragment_before_a_table_is_said_outside_it(tmp_path):
    fragment = tmp_path / "拼接.txt"
    fragment.write_text("项目名称\t旧项目\n\n" + SEEDS[2].read_text(encoding="utf-8"), encoding="utf-8")
    result = jixiao("parse", str(fragment), "--format", "json", "--strict")
    assert result.returncode == 0, result.stderr
    tables = json.loads(result.stdout)["tables"]
    assert len(tables) == 1 and tables[0]["project"] != "旧项目"
    assert any("项目名称 旧项目" in note["text"] for note in tables[0]["outside"])


def test_a_count_of_incidents_in_qi_and_a_rate_suggestion_for_a_rate(tmp_path):
    """Issue 12, point 5: 起 is a unit; JX201's advice for a zero rate is a rate, not ≥600家."""
    clean = (ROOT / "tests" / "fixtures" / "review" / "clean_project.txt").read_text(encoding="utf-8")
    table = tmp_path / "表.txt"
    table.write_text(clean.replace("申报辅导培训场次\t≥3场\t≥6场", "安全责任事故\t≤1起\t≤1起"), encoding="utf-8")
    parsed = jixiao("parse", str(table), "-f", "json", "--strict")
    assert parsed.returncode == 0, parsed.stderr
    indicator = next(i for i in json.loads(parsed.stdout)["tables"][0]["indicators"] if i["name"] == "安全责任事故")
    assert indicator["full_year"]["unit"] == "起"
    catalog = json.loads(jixiao("rules", "-f", "json").stdout)["rules"]
    assert "预算执行率“≥40%”" in next(r["suggestion"] for r in catalog if r["rule"] == "JX201")
