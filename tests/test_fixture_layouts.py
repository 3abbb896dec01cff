"""Layouts beyond the seeds (DOMAIN.md §A.6): each fixture parses exactly to its hand-written JSON."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT, comparable
from jixiao.api import parse_file

LAYOUTS = ROOT / "tests" / "fixtures" / "layouts"
FIXTURES = sorted(LAYOUTS.glob("*.txt"))


def test_there_are_at_least_eight_layouts():
    assert len(FIXTURES) >= 8
    assert all(f.with_suffix(".json").exists() for f in FIXTURES)


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_layout_parses_exactly(fixture):
    want = comparable(json.loads(fixture.with_suffix(".json").read_text(encoding="utf-8")))["tables"]
    got = comparable([t.to_json() for t in parse_file(str(fixture))])
    assert len(got) == len(want), "number of tables"
    for index, (g, w) in enumerate(zip(got, want), start=1):
        assert list(g) == list(w), f"table {index}: keys or their order differ"
        for key in w:
            assert g[key] == w[key], f"table {index}: field {key!r} differs"
