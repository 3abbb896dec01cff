"""A table reads the same whatever encoding or line ending the file was saved with."""

from __future__ import annotations

import pytest

from conftest import SEEDS, comparable
from jixiao.api import parse_file

ENCODINGS = ["utf-8-sig", "gb18030", "utf-16", "utf-16-le", "utf-16-be"]


def _model(path) -> list[dict]:
    return [comparable({k: v for k, v in t.to_json().items() if k != "source"}) for t in parse_file(str(path))]


@pytest.fixture(scope="module")
def originals():
    return {seed.name: _model(seed) for seed in SEEDS}


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_reencoded_seed_parses_identically(seed, encoding, tmp_path, originals):
    copy = tmp_path / seed.name
    copy.write_bytes(seed.read_text(encoding="utf-8").encode(encoding))
    assert _model(copy) == originals[seed.name]


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_windows_line_endings_parse_identically(seed, tmp_path, originals):
    copy = tmp_path / seed.name
    text = seed.read_text(encoding="utf-8").replace("\n", "\r\n")
    copy.write_bytes(text.encode("gb18030"))
    assert _model(copy) == originals[seed.name]
