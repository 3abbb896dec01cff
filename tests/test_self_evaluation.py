"""Self-evaluation tables: scores kept in the model, and the stated total weight checked."""

from __future__ import annotations

from decimal import Decimal

from conftest import ROOT
from jixiao.api import parse_file

FIXTURE = ROOT / "tests" / "fixtures" / "layouts" / "02_self_evaluation.txt"


def test_scores_and_execution_are_in_the_model():
    (table,) = parse_file(str(FIXTURE))
    assert table.stage == "self_evaluation"
    assert table.total_score == Decimal("99.28") and table.grade == "优"
    execution = table.budget_execution
    assert (execution.initial_wan, execution.adjusted_wan, execution.executed_wan) == (3200, 3350, 3216)
    assert (execution.rate, execution.score) == (Decimal(96), Decimal("9.6"))
    weights = sum(i.extra["weight"] for i in table.indicators) + execution.weight
    assert weights == 100
    assert table.warnings == []


def test_a_total_weight_that_does_not_add_up_is_a_warning(tmp_path):
    text = FIXTURE.read_text(encoding="utf-8").replace("总分\t\t\t\t\t100\t99.28", "总分\t\t\t\t\t95\t99.28")
    assert "\t95\t" in text
    path = tmp_path / "self.txt"
    path.write_text(text, encoding="utf-8")
    (table,) = parse_file(str(path))
    assert [(w.line, w.text) for w in table.warnings] == [(21, "95")]
    assert "100" in table.warnings[0].reason
