"""`jixiao export` as a user runs it, and `jixiao parse` reading every format by its content."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys

import pytest

from conftest import SEEDS
from jixiao.api import parse_file
from test_roundtrip import model


def jixiao(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "jixiao", *args], capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "pdf", "html"])
def test_export_writes_one_file_per_input_that_reads_back(fmt, tmp_path):
    result = jixiao("export", *map(str, SEEDS), "-f", fmt, "-d", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "已导出 5 个文件" in result.stderr
    for seed in SEEDS:
        out = tmp_path / f"{seed.stem}.{fmt}"
        assert [model(t) for t in parse_file(str(out))] == [model(t) for t in parse_file(str(seed))]


def test_export_to_json_is_the_parse_contract(tmp_path):
    assert jixiao("export", str(SEEDS[0]), "-f", "json", "-d", str(tmp_path)).returncode == 0
    exported = json.loads((tmp_path / f"{SEEDS[0].stem}.json").read_text(encoding="utf-8"))
    parsed = json.loads(jixiao("parse", str(SEEDS[0]), "--format", "json").stdout)
    assert exported == parsed


def test_export_to_csv_lists_every_indicator(tmp_path):
    assert jixiao("export", *map(str, SEEDS), "-f", "csv", "-d", str(tmp_path)).returncode == 0
    rows = []
    for seed in SEEDS:
        with open(tmp_path / f"{seed.stem}.csv", encoding="utf-8-sig", newline="") as stream:
            rows += list(csv.DictReader(stream))
    assert len(rows) == 330  # every level-3 indicator of the seeds
    assert {"三级指标", "半年指标值", "全年指标值"} <= set(rows[0])


def test_export_never_overwrites_its_input(tmp_path):
    first = jixiao("export", str(SEEDS[0]), "-f", "xlsx", "-d", str(tmp_path))
    assert first.returncode == 0
    again = jixiao("export", str(tmp_path / f"{SEEDS[0].stem}.xlsx"), "-f", "xlsx", "-d", str(tmp_path))
    assert again.returncode == 2 and "覆盖原文件" in again.stderr


def test_parse_tells_the_format_by_content_not_name(tmp_path):
    assert jixiao("export", str(SEEDS[1]), "-f", "docx", "-d", str(tmp_path)).returncode == 0
    disguised = tmp_path / "表.txt"
    shutil.copy(tmp_path / f"{SEEDS[1].stem}.docx", disguised)
    result = jixiao("parse", str(disguised), "--format", "json", "--strict")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["tables"][0]["unit"] == parse_file(str(SEEDS[1]))[0].unit
