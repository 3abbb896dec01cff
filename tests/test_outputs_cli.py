"""Output that is never lost or mislabelled (issue 12, point 3): the format follows -o's
extension, no two inputs write one file, an existing file is kept without --force, and `-`
is standard output. Each case runs the command in a real process."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from conftest import SEEDS
from test_batch_cli import jixiao


def test_two_inputs_of_one_name_export_to_two_files(tmp_path):
    for folder, seed in (("d1", SEEDS[1]), ("d2", SEEDS[2])):
        (tmp_path / folder).mkdir()
        shutil.copy(seed, tmp_path / folder / "表.txt")
    # The issue's own example, in the earlier spelling (--to, -o), still read.
    result = jixiao("export", "d1/表.txt", "d2/表.txt", "--to", "html", "-o", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "已导出 2 个文件" in result.stderr
    written = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.html"))
    assert written == ["d1/表.html", "d2/表.html"]
    again = jixiao("export", "d1/表.txt", "d2/表.txt", "-f", "html", "-d", "out", cwd=tmp_path)
    assert again.returncode == 2 and "已导出 0 个文件" in again.stderr and "--force" in again.stderr
    forced = jixiao("export", "d1/表.txt", "d2/表.txt", "-f", "html", "-d", "out", "--force", cwd=tmp_path)
    assert forced.returncode == 0 and "已导出 2 个文件" in forced.stderr


def test_the_report_format_follows_the_file_name(tmp_path):
    seed = str(SEEDS[2])
    result = jixiao("review", seed, "-o", "报告.xlsx", "-q", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    assert (tmp_path / "报告.xlsx").read_bytes()[:4] == b"PK\x03\x04"  # a workbook, not text named .xlsx
    html = jixiao("review", seed, "-o", "报告.html", "-q", cwd=tmp_path)
    assert html.returncode in (0, 1) and (tmp_path / "报告.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    contradiction = jixiao("review", seed, "-f", "text", "-o", "别的.xlsx", cwd=tmp_path)
    assert contradiction.returncode == 2 and not (tmp_path / "别的.xlsx").exists()
    assert contradiction.stderr.strip().splitlines() == ["错误：别的.xlsx：扩展名表示 xlsx 格式，与 --format text 矛盾；请改用一致的文件名或格式"]


def test_an_existing_report_is_kept(tmp_path):
    seed = str(SEEDS[2])
    (tmp_path / "报告.json").write_text("旧内容", encoding="utf-8")
    kept = jixiao("review", seed, "-o", "报告.json", cwd=tmp_path)
    assert kept.returncode == 2 and (tmp_path / "报告.json").read_text(encoding="utf-8") == "旧内容"
    replaced = jixiao("review", seed, "-o", "报告.json", "--force", "-q", cwd=tmp_path)
    assert replaced.returncode in (0, 1) and json.loads((tmp_path / "报告.json").read_text(encoding="utf-8"))["tables"]
    for _ in range(2):  # the default workbook name never overwrites the one before
        assert jixiao("review", seed, "-f", "xlsx", "-q", cwd=tmp_path).returncode in (0, 1)
    assert sorted(p.name for p in tmp_path.glob("审核报告*.xlsx")) == ["审核报告-2.xlsx", "审核报告.xlsx"]


def test_a_dash_is_standard_output(tmp_path):
    result = jixiao("parse", str(SEEDS[2]), "-f", "json", "-o", "-", cwd=tmp_path)
    assert result.returncode == 0 and json.loads(result.stdout)["tables"]
    assert not (tmp_path / "-").exists()
    written = jixiao("parse", str(SEEDS[2]), "-o", "表.json", cwd=tmp_path)
    assert written.returncode == 0 and written.stdout == ""
    assert json.loads((tmp_path / "表.json").read_text(encoding="utf-8"))["tables"][0]["project"]


def test_a_workbook_is_not_poured_into_a_terminal(tmp_path):
    pty = pytest.importorskip("pty", reason="终端模拟只在 POSIX 系统上有")
    master, slave = pty.openpty()
    result = subprocess.run([sys.executable, "-m", "jixiao", "review", str(SEEDS[2]), "-f", "xlsx", "-o", "-"],
                            stdout=slave, stderr=subprocess.PIPE, text=True, timeout=120, cwd=tmp_path)
    os.close(slave)
    os.close(master)
    assert result.returncode == 2 and "不能输出到终端" in result.stderr
