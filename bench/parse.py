"""Parse throughput: the seeds replicated to at least 10,000 tables, parsed on one core.

Run with `make bench` (or `.venv/bin/python bench/parse.py [--tables N]`). The copies are
real files in a temporary directory, read back through the same path as `jixiao parse`.
Each copy gets a distinct project name so nothing downstream can treat copies as one.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import tempfile
import time
from pathlib import Path

from jixiao.api import parse_file, parse_files
from jixiao import values

SEEDS = sorted((Path(__file__).resolve().parent.parent / "examples" / "seeds").glob("*.txt"))


def replicate(directory: Path, minimum: int) -> tuple[list[Path], int]:
    """Copies of the seeds until they hold at least `minimum` tables; returns (files, tables)."""
    per_seed = [len(parse_file(str(seed))) for seed in SEEDS]
    texts = [seed.read_text(encoding="utf-8") for seed in SEEDS]
    files: list[Path] = []
    tables = 0
    copy = 0
    while tables < minimum:
        for seed, text, count in zip(SEEDS, texts, per_seed):
            path = directory / f"{copy:05d}_{seed.name}"
            path.write_text(text.replace("科技", f"科技{copy}", 1), encoding="utf-8")
            files.append(path)
            tables += count
        copy += 1
    return files, tables


def arguments(description: str) -> argparse.Namespace:
    """--tables and --rounds, and the process pinned to one core: the setting of every figure."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--tables", type=int, default=10_000, help="at least this many tables")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds; the median is the figure")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    return args


def main() -> None:
    args = arguments(__doc__)
    with tempfile.TemporaryDirectory() as tmp:
        files, expected = replicate(Path(tmp), args.tables)
        rates = []
        for _ in range(args.rounds):
            values._parse.cache_clear()  # start cold: no value parsed before counts
            gc.collect()
            start = time.perf_counter()
            tables = [table for _, parsed in parse_files(map(str, files)) for table in parsed]
            elapsed = time.perf_counter() - start
            assert len(tables) == expected, (len(tables), expected)
            indicators = sum(len(t.indicators) for t in tables)
            rates.append(len(tables) / elapsed)
            print(f"文件 {len(files)} 个，表 {len(tables)} 张，三级指标 {indicators} 个，用时 {elapsed:.2f} 秒（单核）")
            del tables
    rates.sort()
    print(f"吞吐量（{args.rounds} 轮中位数）：{statistics.median(rates):,.0f} 张表/秒；最好 {rates[-1]:,.0f}，最差 {rates[0]:,.0f}")


if __name__ == "__main__":
    main()
