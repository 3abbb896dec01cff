"""Indicator rows as PDF extraction leaves them: cells wrapped onto the next line are joined
to the cell above; an indicator that merely lacks targets stays an indicator of its own;
targets without a name are reported, never turned into a name."""

from __future__ import annotations

from jixiao.api import parse_file

HEAD = "2024年度项目支出绩效目标表\n项目名称\t测试项目\n一级指标\t二级指标\t三级指标\t半年指标值\t全年指标值\n"


def _parse(tmp_path, body: str):
    path = tmp_path / "t.txt"
    path.write_text(HEAD + body, encoding="utf-8")
    (table,) = parse_file(str(path))
    return table


def test_a_short_tail_under_a_long_name_is_its_end(tmp_path):
    table = _parse(tmp_path, "产出\t质量指标\t营养餐食品安全抽检合\t≥98%\t≥98%\n\t\t格率\n")
    assert [i.name for i in table.indicators] == ["营养餐食品安全抽检合格率"]
    assert table.report == []


def test_a_tail_under_a_target_is_its_end(tmp_path):
    table = _parse(tmp_path, "产出\t时效指标\t补助资金拨付时间\t序时进度\t每学期开学后30日\n\t\t\t\t内\n")
    (indicator,) = table.indicators
    assert indicator.full_year.raw == "每学期开学后30日内" and indicator.line == 4


def test_an_indicator_without_targets_is_not_swallowed(tmp_path):
    table = _parse(tmp_path, "效益\t社会效益\t农村学生营养健康状况\t≥1项\t≥2项\n\t\t群众健康获得感\n")
    assert [i.name for i in table.indicators] == ["农村学生营养健康状况", "群众健康获得感"]
    assert table.indicators[1].full_year is None


def test_targets_without_a_name_go_to_the_report(tmp_path):
    table = _parse(tmp_path, "产出\t数量指标\t培训人次\t≥1人次\t≥3人次\n\t质量指标\t≥90%\t≥95%\n")
    assert [i.name for i in table.indicators] == ["培训人次"]
    assert [(n.line, n.text) for n in table.report] == [(5, "≥90%"), (5, "≥95%")]
    assert [(c.level2, c.line) for c in table.empty_categories] == [("质量指标", 5)]


def test_an_unknown_level2_label_on_a_full_row_is_kept_as_the_level2(tmp_path):
    """A label outside the vocabulary in the level-2 column, with the name and both targets in
    their columns, is the row's level-2 (with a warning), not a level-3 that shifts the row."""
    from jixiao.api import parse_file

    text = ("一级指标\t二级指标\t三级指标\t半年（程）指标值\t全年（程）指标值\n"
            "产出指标\t数量指标\t培训场次\t≥3场\t≥6场\n"
            "\t进度指标\t奖补资金拨付时限\t≤30个工作日\t≤30个工作日\n")
    path = tmp_path / "表.txt"
    path.write_text(text, encoding="utf-8")
    table = parse_file(str(path))[0]
    indicator = table.indicators[-1]
    assert (indicator.level1, indicator.level2, indicator.name) == ("产出", "进度指标", "奖补资金拨付时限")
    assert indicator.full_year.raw == "≤30个工作日" and not table.report
    assert [w.reason for w in table.warnings] == ["二级指标不在规范指标体系中"]
