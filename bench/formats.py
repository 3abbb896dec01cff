"""Format throughput on one core: tables per second for each writer, and pages per second
for PDF import (jixiao's own PDFs and, where LibreOffice is installed, LibreOffice's).

Run with `make bench` (or `.venv/bin/python bench/formats.py [--copies N]`). The seeds'
18 tables are written N times over; every file is real, on disk, read back by parse_file.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile
import time
from importlib import import_module
from pathlib import Path

import pdfplumber

from jixiao.api import parse_file

SEEDS = sorted((Path(__file__).resolve().parent.parent / "examples" / "seeds").glob("*.txt"))
WRITERS = ("xlsx", "docx", "pdf", "html", "json", "csv")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=10, help="how many times the 18 seed tables are written")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    tables = [t for seed in SEEDS for t in parse_file(str(seed))]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for fmt in WRITERS:
            writer = import_module(f"jixiao.writers.{fmt}")
            start = time.perf_counter()
            for copy in range(args.copies):
                for n, table in enumerate(tables):
                    writer.write([table], folder / f"{copy}_{n}.{fmt}")
            elapsed = time.perf_counter() - start
            print(f"写出 {fmt:>4}：{len(tables) * args.copies} 张表，{elapsed:.2f} 秒，{len(tables) * args.copies / elapsed:,.0f} 张表/秒")
        sources = {"jixiao": sorted(folder.glob("0_*.pdf"))}
        soffice = shutil.which("soffice")
        if soffice:
            made = folder / "lo"
            made.mkdir()
            for seed in SEEDS:
                import_module("jixiao.writers.xlsx").write(parse_file(str(seed)), made / f"{seed.stem}.xlsx")
            subprocess.run([soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                            "--convert-to", "pdf", "--outdir", str(made), *map(str, made.glob("*.xlsx"))],
                           check=True, capture_output=True)
            sources["LibreOffice"] = sorted(made.glob("*.pdf"))
        for producer, files in sources.items():
            pages = sum(len(pdfplumber.open(f).pages) for f in files)
            start = time.perf_counter()
            count = sum(len(parse_file(str(f))) for f in files)
            elapsed = time.perf_counter() - start
            print(f"读入 PDF（{producer} 生成）：{len(files)} 个文件 {pages} 页 {count} 张表，{elapsed:.2f} 秒，"
                  f"{pages / elapsed:,.1f} 页/秒")


if __name__ == "__main__":
    main()
