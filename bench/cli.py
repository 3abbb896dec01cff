"""End-to-end throughput of the command line: `jixiao parse --format json` and `jixiao review
--format json` on the seeds copied 100 times (1,800 tables), as a user runs them: one process,
start-up, reading, parsing, reviewing and writing the whole JSON document to a file. One core.

Run with `make bench` (or `.venv/bin/python bench/cli.py [--copies N] [--rounds N]`).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SEEDS = sorted((Path(__file__).resolve().parent.parent / "examples" / "seeds").glob("*.txt"))
JIXIAO = Path(sys.executable).with_name("jixiao")


def copies(directory: Path, count: int) -> list[Path]:
    """The seeds copied `count` times, each copy with a distinct project name."""
    files = []
    for copy in range(count):
        for seed in SEEDS:
            path = directory / f"{copy:04d}_{seed.name}"
            path.write_text(seed.read_text(encoding="utf-8").replace("科技", f"科技{copy}", 1), encoding="utf-8")
            files.append(path)
    return files


def one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def run(command: str, files: list[Path], out: Path) -> float:
    start = time.perf_counter()
    with out.open("wb") as sink:
        done = subprocess.run([str(JIXIAO), command, *map(str, files), "--format", "json", "-q"], stdout=sink,
                              preexec_fn=one_core if os.name == "posix" else None, check=False)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):  # review exits 1 when it finds errors
        raise SystemExit(f"jixiao {command} failed with status {done.returncode}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=100, help="copies of the five seed files")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds; the median is the figure")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = copies(Path(tmp), args.copies)
        tables = 18 * args.copies
        for command in ("parse", "review"):
            times = [run(command, files, Path(tmp) / f"{command}.json") for _ in range(args.rounds)]
            median = statistics.median(times)
            print(f"jixiao {command} --format json: {tables} tables in {median:.2f} s, "
                  f"{tables / median:,.0f} tables/s end to end (one core, median of {args.rounds})")


if __name__ == "__main__":
    main()
