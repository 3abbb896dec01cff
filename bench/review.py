"""Parse + review throughput: the seeds replicated to at least 10,000 tables, each file parsed
and every table reviewed by the whole catalog, on one core.

Run with `make bench` (or `.venv/bin/python bench/review.py [--tables N]`). The figure is
tables per second for parse and review together, the way `jixiao review` runs them; the
review's own share is printed beside it.
"""

from __future__ import annotations

import gc
import statistics
import tempfile
import time
from pathlib import Path

from parse import arguments, replicate  # bench/parse.py: the same setting and copies of the seeds

from jixiao import values
from jixiao.api import parse_files
from jixiao.review import RULES, review
from jixiao.review.calculations import calculations_in
from jixiao.review.claims import claims_in


def main() -> None:
    args = arguments(__doc__)
    with tempfile.TemporaryDirectory() as tmp:
        files, expected = replicate(Path(tmp), args.tables)
        rates, review_rates = [], []
        for _ in range(args.rounds):
            values._parse.cache_clear()
            gc.collect()
            start = time.perf_counter()
            reviewing = 0.0
            findings = tables = 0
            for _, parsed in parse_files(map(str, files)):
                begun = time.perf_counter()
                for table in parsed:
                    findings += len(review(table).findings)
                # The copies share their texts; real tables do not. Forget them after each
                # file so no copy is reviewed from another's cached claims and calculations.
                claims_in.cache_clear()
                calculations_in.cache_clear()
                reviewing += time.perf_counter() - begun
                tables += len(parsed)
            elapsed = time.perf_counter() - start
            assert tables == expected, (tables, expected)
            rates.append(tables / elapsed)
            review_rates.append(tables / reviewing)
            print(f"表 {tables} 张，规则 {len(RULES)} 条，发现 {findings} 条，用时 {elapsed:.2f} 秒（其中审核 {reviewing:.2f} 秒，单核）")
    print(f"解析加审核（{args.rounds} 轮中位数）：{statistics.median(rates):,.0f} 张表/秒；"
          f"仅审核：{statistics.median(review_rates):,.0f} 张表/秒")


if __name__ == "__main__":
    main()
