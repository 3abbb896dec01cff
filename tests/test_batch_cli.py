"""A whole bureau's files on one command line (issue 12, point 2): folders searched through
their subfolders by content, patterns expanded by jixiao itself, a file that cannot be read
reported in one line while the others go on, and a summary at the end."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS

SHENZHEN = next((ROOT / "tests" / "corpus" / "guangdong-shenzhen-songgang-goumai").glob("*.xlsx"))


def jixiao(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "jixiao", *args], capture_output=True, text=True, timeout=300,
                          env=env, cwd=cwd)


def _bureau(tmp_path: Path) -> Path:
    """A folder as an office keeps it: seeds at the top, a workbook and a broken file in a
    subfolder, and a picture and an Office lock file that are nobody's table."""
    root = tmp_path / "财政局"
    (root / "二季度").mkdir(parents=True)
    for seed in SEEDS[:3]:
        shutil.copy(seed, root / seed.name)
    shutil.copy(SHENZHEN, root / "二季度" / "深圳.xlsx")
    (root / "二季度" / "空表.txt").write_text("2026年度项目支出绩效目标表\n", encoding="utf-8")
    (root / "二季度" / "截图.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (root / "~$深圳.xlsx").write_bytes(b"\x00lock")
    return root


def test_a_folder_is_read_through_its_subfolders_and_a_bad_file_does_not_stop_it(tmp_path):
    root = _bureau(tmp_path)
    result = jixiao("parse", str(root), "--format", "json")
    assert result.returncode == 2, result.stderr  # one file could not be read
    sources = {Path(t["source"]).name for t in json.loads(result.stdout)["tables"]}
    assert sources == {*(s.name for s in SEEDS[:3]), "深圳.xlsx"}
    errors = [line for line in result.stderr.splitlines() if line.startswith("错误：")]
    assert len(errors) == 1 and "空表.txt" in errors[0] and "未找到绩效目标表" in errors[0]
    assert result.stderr.strip().splitlines()[-1] == "共读取 4 个文件、20 张表；1 个未能处理（未找到绩效目标表 1 个）"


def test_review_goes_on_past_a_missing_file_and_reports_the_worst_status(tmp_path):
    result = jixiao("review", str(SEEDS[2]), str(tmp_path / "不存在.txt"), str(SEEDS[0]), "--format", "json")
    assert result.returncode == 2
    sources = [Path(t["source"]).name for t in json.loads(result.stdout)["tables"]]
    assert sources[0] == SEEDS[2].name and set(sources) == {SEEDS[2].name, SEEDS[0].name}
    assert "不存在.txt：文件不存在" in result.stderr and "共读取 2 个文件" in result.stderr


def test_a_pattern_the_shell_left_alone_is_expanded(tmp_path):
    root = _bureau(tmp_path)
    result = jixiao("parse", "**/*.xlsx", "-f", "json", cwd=root)
    assert result.returncode == 0, result.stderr
    assert {Path(t["source"]).name for t in json.loads(result.stdout)["tables"]} == {"深圳.xlsx"}
    nothing = jixiao("parse", "*.docx", cwd=root)
    assert nothing.returncode == 2 and nothing.stderr.strip() == "错误：*.docx：没有与之匹配的文件"


def test_quiet_leaves_only_the_errors(tmp_path):
    root = _bureau(tmp_path)
    result = jixiao("review", str(root), "-f", "json", "-q")
    assert result.returncode == 2
    assert [line for line in result.stderr.splitlines() if line.strip()] == \
        [f"错误：{root / '二季度' / '空表.txt'}：未找到绩效目标表（没有“一级指标/二级指标/三级指标”表头，也没有指标行）"]


def test_export_writes_the_readable_files_and_counts_them(tmp_path):
    root = _bureau(tmp_path)
    out = tmp_path / "导出"
    result = jixiao("export", str(root), "-f", "json", "-d", str(out))
    assert result.returncode == 2
    assert "已导出 4 个文件" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted([*(s.stem + ".json" for s in SEEDS[:3]), "深圳.json"])


def test_a_long_batch_shows_progress_at_a_terminal(tmp_path):
    """Progress goes to standard error when it is a terminal (a pseudo-terminal here), and
    never into a pipe or a file."""
    pty = pytest.importorskip("pty", reason="终端模拟只在 POSIX 系统上有")

    for n in range(25):
        shutil.copy(SEEDS[2], tmp_path / f"{n:02d}.txt")
    master, slave = pty.openpty()
    with subprocess.Popen([sys.executable, "-m", "jixiao", "parse", str(tmp_path), "-f", "json"],
                          stdout=subprocess.DEVNULL, stderr=slave, env={**os.environ, "COLUMNS": "100"}) as process:
        os.close(slave)
        seen = b""
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # the terminal closed with the process
                break
            if not chunk:
                break
            seen += chunk
    os.close(master)
    assert process.returncode == 0
    text = seen.decode("utf-8", errors="replace")
    assert "读取" in text and "/25" in text
    assert "共读取 25 个文件、25 张表" in text
    piped = jixiao("parse", str(tmp_path), "-f", "json")
    assert "读取 " not in piped.stderr.replace("共读取", "")
