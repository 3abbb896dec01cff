"""The same tables written differently read the same: the interpreter follows the vocabulary,
not the tabs. Each seed is rewritten with its tab separators replaced, and must give the
same model (line numbers included)."""

from __future__ import annotations

import re

import pytest

from conftest import SEEDS, comparable
from jixiao.api import parse_file


def _model(path) -> list[dict]:
    return [comparable({k: v for k, v in t.to_json().items() if k != "source"}) for t in parse_file(str(path))]


def _markdown(text: str) -> str:
    return "\n".join("| " + " | ".join(line.split("\t")) + " |" if "\t" in line else line for line in text.split("\n"))


VARIANTS = {
    "spaces": lambda text: re.sub(r"\t+", "   ", text),          # empty cells vanish
    "ideographic_space": lambda text: re.sub(r"\t+", "\u3000", text),
    "markdown_pipes": _markdown,                                  # empty cells kept between pipes
}


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_seed_written_another_way_reads_the_same(seed, variant, tmp_path):
    copy = tmp_path / seed.name
    copy.write_text(VARIANTS[variant](seed.read_text(encoding="utf-8")), encoding="utf-8")
    assert "\t" not in copy.read_text(encoding="utf-8")
    assert _model(copy) == _model(seed)
