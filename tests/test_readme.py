"""The README promises two set-up commands, and CI runs the test one; keep them honest."""

from __future__ import annotations

import re

from conftest import ROOT
from jixiao.cli import _commands

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_gives_the_two_commands_in_both_languages():
    assert README.count("make run ") >= 2 and README.count("make test ") >= 2
    assert "## English" in README and "## 两条命令" in README


def test_ci_runs_the_readme_test_command_and_nothing_else():
    commands = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()
                if line.strip() and not line.lstrip().startswith("#")]
    assert commands[-1] == "make test"
    assert all(c.startswith(("set ", "cd ", "#!")) for c in commands[:-1])


def test_every_command_is_documented():
    for name in (c.name for c in _commands()):
        assert re.search(rf"jixiao {name}\b", README), name
