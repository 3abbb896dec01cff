"""Shared paths and helpers for the test suite."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "examples" / "seeds").glob("*.txt"))
GOLDEN = ROOT / "tests" / "golden"


NOTES = ("repairs", "warnings", "report")


def comparable(value):
    """A table's JSON with what goldens do not pin down removed: the wording of the `reason`
    of repairs, warnings and report entries, and the directory of `source`."""
    if isinstance(value, dict):
        result = {}
        for key, item in value.items():
            if key == "source" and isinstance(item, str):
                result[key] = Path(item).name
            elif key in NOTES and isinstance(item, list):
                result[key] = [{k: v for k, v in note.items() if k != "reason"} for note in item]
            else:
                result[key] = comparable(item)
        return result
    if isinstance(value, list):
        return [comparable(v) for v in value]
    return value


@pytest.fixture(scope="session")
def seeds() -> list[Path]:
    return SEEDS
