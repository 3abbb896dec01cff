"""Every seed table parses to its golden file, written by reading the table by hand."""

from __future__ import annotations

import json

import pytest

from conftest import GOLDEN, SEEDS, comparable
from jixiao.api import parse_file

GOLDENS = sorted((GOLDEN / "seeds").glob("*.json"))


def _golden_key(path):
    stem, index = path.stem.rsplit(".", 1)
    return stem, int(index)


@pytest.fixture(scope="module")
def parsed():
    return {seed.stem: [t.to_json() for t in parse_file(str(seed))] for seed in SEEDS}


def test_every_seed_table_has_a_golden(parsed):
    expected = {(stem, i) for stem, tables in parsed.items() for i in range(1, len(tables) + 1)}
    assert {_golden_key(g) for g in GOLDENS} == expected
    assert len(expected) == 18


@pytest.mark.parametrize("golden", GOLDENS, ids=lambda p: p.stem)
def test_seed_table_matches_golden(golden, parsed):
    stem, index = _golden_key(golden)
    want = comparable(json.loads(golden.read_text(encoding="utf-8")))
    got = comparable(parsed[stem][index - 1])
    assert list(got) == list(want), "keys or their order differ"
    for key in want:
        assert got[key] == want[key], f"{golden.name}: field {key!r} differs"
