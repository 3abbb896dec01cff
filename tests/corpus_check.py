"""Comparing what jixiao reads from a corpus file with the gold a person read off it
(tests/corpus/README.md). Used by tests/test_corpus.py and by bench/corpus.py."""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from jixiao.api import parse_file
from jixiao.model import TargetTable

CORPUS = Path(__file__).resolve().parent / "corpus"
ABOUT = ("long_term", "direction", "nature", "standard", "explanation", "scoring", "actual", "weight", "score")


def entries() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if (p / "gold.json").is_file())


def gold_of(entry: Path) -> dict[str, Any]:
    return json.loads((entry / "gold.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def tables_of(entry: Path) -> list[TargetTable]:
    """The tables jixiao reads from an entry's file, read once in a test session: reading the
    PDFs is a large part of the suite's time, and tests/test_corpus.py and test_record.py both
    need them. Shared, so read-only."""
    return parse_file(str(entry / gold_of(entry)["file"]))


def norm(value: Any) -> Any:
    """Texts compare with white space removed and full-width forms folded (NFKC)."""
    if value is None:
        return None
    if isinstance(value, dict):  # a TARGET from jixiao's JSON
        value = value.get("raw")
    text = "".join(unicodedata.normalize("NFKC", str(value)).split())
    return text or None


def _key(indicator: dict[str, Any]) -> tuple:
    return (norm(indicator.get("level1")), norm(indicator.get("level2")), norm(indicator.get("name")),
            norm(indicator.get("half_year")), norm(indicator.get("full_year")))


@dataclass
class Comparison:
    """One entry: indicator counts for F1 and every difference, in words."""

    gold: int = 0
    found: int = 0
    matched: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def f1(self) -> float:
        if not self.gold and not self.found:
            return 1.0
        return 2 * self.matched / (self.gold + self.found)


def compare(tables: list[dict[str, Any]], gold: dict[str, Any]) -> Comparison:
    """jixiao's tables (their JSON) against the gold of one file."""
    result = Comparison()
    want = gold["tables"]
    if len(tables) != len(want):
        result.problems.append(f"{len(tables)} tables read, gold has {len(want)}")
    all_found = Counter(_key(i) for t in tables for i in t["indicators"])
    all_gold = Counter(_key(i) for t in want for i in t["indicators"])
    result.gold, result.found = sum(all_gold.values()), sum(all_found.values())
    result.matched = sum((all_found & all_gold).values())
    for index, (got, w) in enumerate(zip(tables, want), start=1):
        where = f"table {index} ({w.get('project') or w.get('kind')})"
        for key in ("kind", "stage"):
            if got[key] != w[key]:
                result.problems.append(f"{where}: {key} {got[key]!r}, gold {w[key]!r}")
        if w.get("project") is not None and norm(got.get("project")) != norm(w["project"]):
            result.problems.append(f"{where}: project {got.get('project')!r}, gold {w['project']!r}")
        found = [_key(i) for i in got["indicators"]]
        expected = [_key(i) for i in w["indicators"]]
        if found != expected:
            missing = Counter(expected) - Counter(found)
            extra = Counter(found) - Counter(expected)
            for key in missing:
                result.problems.append(f"{where}: missing {key}")
            for key in extra:
                result.problems.append(f"{where}: not in gold {key}")
            if not missing and not extra:
                result.problems.append(f"{where}: indicators in another order")
        else:
            for g_ind, w_ind in zip(got["indicators"], w["indicators"]):
                for key in ABOUT:
                    if key in w_ind and norm(g_ind.get(key)) != norm(w_ind[key]):
                        result.problems.append(
                            f"{where}: {w_ind['name']}: {key} {g_ind.get(key)!r}, gold {w_ind[key]!r}")
        na_found = {(e["level1"], e["level2"]) for e in got["empty_categories"] if e.get("not_applicable")}
        na_gold = {(e["level1"], e["level2"]) for e in w.get("not_applicable", [])}
        if na_found != na_gold:
            result.problems.append(f"{where}: not applicable {sorted(na_found)}, gold {sorted(na_gold)}")
        report = Counter(norm(n["text"]) for n in got["report"])
        allowed = Counter(norm(t) for t in w.get("report", []))
        if report != allowed:
            for text in report - allowed:
                result.problems.append(f"{where}: reported, gold does not list: {text}")
            for text in allowed - report:
                result.problems.append(f"{where}: gold lists in the report, not reported: {text}")
    return result
