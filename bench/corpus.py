"""How well jixiao reads the real tables of tests/corpus/: indicator F1 (name and target,
level-1 and level-2 placed) per entry and over the corpus, and the differences with --verbose.

Run with `.venv/bin/python bench/corpus.py [--verbose] [ID ...]`.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from corpus_check import compare, entries, gold_of  # noqa: E402
from jixiao.api import parse_file  # noqa: E402
from jixiao.errors import InputError  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("ids", nargs="*")
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args()
    totals = [0, 0, 0]
    for entry in entries():
        if args.ids and entry.name not in args.ids:
            continue
        gold = gold_of(entry)
        start = time.perf_counter()
        try:
            tables = [t.to_json() for t in parse_file(str(entry / gold["file"]))]
        except InputError as error:
            tables = []
            print(f"{entry.name}: {error}")
        seconds = time.perf_counter() - start
        result = compare(tables, gold)
        totals = [totals[0] + result.gold, totals[1] + result.found, totals[2] + result.matched]
        flag = "" if not result.problems else f"  {len(result.problems)} differences"
        skip = f"  (not read: {gold['not_read']})" if gold.get("not_read") else ""
        print(f"{entry.name:45s} F1 {result.f1:.3f}  gold {result.gold:4d}  read {result.found:4d}"
              f"  {seconds:5.2f}s{flag}{skip}")
        if args.verbose:
            for problem in result.problems:
                print(f"    {problem}")
    gold, found, matched = totals
    f1 = 2 * matched / (gold + found) if gold + found else 1.0
    print(f"corpus: indicator F1 {f1:.3f} ({matched} of {gold} gold indicators read exactly, {found} read)")


if __name__ == "__main__":
    main()
