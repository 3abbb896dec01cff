"""Mangled tables (cut short, lines shuffled or dropped) never crash the importer and lose
nothing: the result is tables whose every cell is used or reported, or the one-line
InputError, never another exception."""

from __future__ import annotations

import json
import random

import pytest

from conftest import ROOT, SEEDS
from test_nothing_lost import unaccounted
from jixiao.errors import InputError
from jixiao.interpret import interpret
from jixiao.readers import text

FILES = SEEDS + sorted((ROOT / "tests" / "fixtures" / "layouts").glob("*.txt"))


def _variants(lines: list[str], seed: int) -> list[list[str]]:
    rnd = random.Random(seed)
    variants = [lines[:k] for k in range(1, len(lines), 4)] + [lines[k:] for k in range(0, len(lines), 7)]
    for _ in range(40):
        shuffled = lines[:]
        rnd.shuffle(shuffled)
        variants.append(shuffled[: rnd.randint(1, len(shuffled))])
        variants.append([line for line in lines if rnd.random() > 0.3])
    return variants


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_mangled_tables_never_crash(path):
    lines = path.read_text(encoding="utf-8").split("\n")
    for number, variant in enumerate(_variants(lines, len(lines))):
        data = "\n".join(variant).encode("utf-8")
        grid = text.read(data, f"{path.name}#{number}")
        try:
            tables = interpret(grid)
        except InputError as error:
            assert "\n" not in str(error)
            continue
        json.dumps([t.to_json() for t in tables], ensure_ascii=False)
        assert unaccounted(grid, tables) == [], variant


def _mutated_cells(lines: list[str], rnd: random.Random) -> list[str]:
    """Cells dropped, inserted, merged with their neighbour, or stray values put in."""
    out = []
    for line in lines:
        cells = line.split("\t")
        roll = rnd.random()
        if roll < 0.05 and len(cells) > 1:
            del cells[rnd.randrange(len(cells))]
        elif roll < 0.10:
            cells.insert(rnd.randrange(len(cells) + 1), "")
        elif roll < 0.13:
            cells.insert(rnd.randrange(len(cells) + 1), rnd.choice(["≥5家", "合理", "产出", "数量指标", "备注", "0", "-"]))
        elif roll < 0.15 and len(cells) > 1:
            i = rnd.randrange(len(cells) - 1)
            cells[i:i + 2] = [cells[i] + cells[i + 1]]
        out.append("\t".join(cells))
    return out


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_mangled_cells_never_crash_or_get_lost(path):
    lines = path.read_text(encoding="utf-8").split("\n")
    rnd = random.Random(len(lines))
    for number in range(30):
        grid = text.read("\n".join(_mutated_cells(lines, rnd)).encode("utf-8"), f"{path.name}#{number}")
        try:
            tables = interpret(grid)
        except InputError as error:
            assert "\n" not in str(error)
            continue
        assert unaccounted(grid, tables) == []
