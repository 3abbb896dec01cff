"""Shared paths and helpers for the test suite."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "examples" / "seeds").glob("*.txt"))
GOLDEN = ROOT / "tests" / "golden"


def comparable(value):
    """A table's JSON with what goldens do not pin down removed: `reason` texts, source directories."""
    if isinstance(value, dict):
        return {k: (Path(v).name if k == "source" else comparable(v)) for k, v in value.items() if k != "reason"}
    if isinstance(value, list):
        return [comparable(v) for v in value]
    return value


@pytest.fixture(scope="session")
def seeds() -> list[Path]:
    return SEEDS
