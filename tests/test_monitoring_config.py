"""A finance bureau's settings file: TOML or JSON over the defaults, every mistake refused with
a message that names the file and the setting, never silently ignored."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.config import DEFAULTS, SOURCES, ConfigError, example_toml, load


def _load(tmp_path, text: str, name: str = "财政局.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load(path)


def test_defaults_are_those_of_the_10_template_and_each_has_a_source():
    e = DEFAULTS.evaluation
    assert e.project.level1_weights == {"产出": 50, "效益": 30, "满意度": 10} and e.project.execution_weight == 10
    assert e.department is None  # no national default: a bureau must set it
    assert [e.cap_for(Decimal(r)) for r in ("49.9", "50", "59.99", "60", "69", "70", "79.9", "80", "100")] == \
        [59, 69, 69, 79, 79, 89, 89, None, None]
    assert [e.grade_of(Decimal(t)) for t in ("90", "89.99", "80", "79.99", "60", "59.99")] == ["优", "良", "良", "中", "中", "差"]
    assert all(SOURCES[key] for key in SOURCES)


def test_a_file_overrides_only_what_it_names(tmp_path):
    settings = _load(tmp_path, '[evaluation.project]\nlevel1_weights = { "产出" = 70, "效益" = 20 }\n'
                               "[monitoring]\nbudget_red_below = 50\n")
    assert settings.evaluation.project.level1_weights == {"产出": 70, "效益": 20}
    assert settings.evaluation.project.execution_weight == 10  # kept
    assert settings.monitoring.budget_red_below == 50 and settings.monitoring.budget_yellow_below == 80


def test_json_works_as_well(tmp_path):
    settings = _load(tmp_path, '{"evaluation": {"project": {"level1_weights": {"产出指标": 70, "效益指标": 20}, '
                               '"execution_weight": 10}, "caps": [[60, 69]]}}', "财政局.json")
    assert settings.evaluation.project.level1_weights == {"产出": 70, "效益": 20}  # names read through the framework
    assert settings.evaluation.caps == ((60, 69),)


@pytest.mark.parametrize("text, message", [
    ("[monitoring]\nred = 50\n", "[monitoring] 中没有设置项“red”"),
    ("[monitoring]\nbudget_red_below = \"六十\"\n", "monitoring.budget_red_below 应为数字"),
    ("[evaluation]\nreverse_rule = \"other\"\n", "只能是 platform 或 ratio"),
    ("[evaluation.project]\nlevel1_weights = { 产出 = 50 }\n", "中文键名须加英文引号"),
    ('[evaluation.project]\nlevel1_weights = { "产品" = 50 }\n', "“产品”不是一级指标名称"),
    ("[evaluation.department]\nexecution_weight = 0\n", "[evaluation.department] 须设置 level1_weights"),
    ('[evaluation]\nqualitative_share = { "部分达成" = 90 }\n', "“部分达成”的 90 不在其区间 [60, 80] 内"),
    ('[evaluation]\ngrades = [[90, "优"], [60, "中"]]\n', "须有最低分为 0 的等级"),
])
def test_mistakes_are_refused_by_name(tmp_path, text, message):
    with pytest.raises(ConfigError) as caught:
        _load(tmp_path, text)
    assert str(tmp_path / "财政局.toml") in str(caught.value) and message in str(caught.value)


def test_the_example_file_is_valid_toml_and_gives_the_defaults(tmp_path):
    settings = _load(tmp_path, example_toml())
    assert settings.monitoring == DEFAULTS.monitoring and settings.evaluation == DEFAULTS.evaluation
