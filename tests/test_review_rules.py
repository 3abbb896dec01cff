"""Every rule, one table that triggers it and one that does not.

The clean project and department tables (tests/fixtures/review/) are written the way a
careful department would: no rule fires on them. Each case below makes one realistic
mistake in the clean text (or, where the text cannot say it, in the model read from it)
and expects its rule to fire there, at that place. Cases named `not_*` are near misses a
rule must let pass.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

import pytest

from conftest import ROOT
from jixiao.interpret import interpret
from jixiao.model import Note, TargetTable
from jixiao.readers import read_grid
from jixiao.api import parse_file
from jixiao.review import RULES, review
from jixiao.review.catalog import ERROR, WARNING

FIXTURES = ROOT / "tests" / "fixtures" / "review"
PROJECT = (FIXTURES / "clean_project.txt").read_text(encoding="utf-8")
DEPARTMENT = (FIXTURES / "clean_department.txt").read_text(encoding="utf-8")
# A consistent published self-evaluation table (tests/fixtures/self_evaluation/README.md).
SELF = (ROOT / "tests" / "fixtures" / "self_evaluation" / "correct_split_target.txt").read_text(encoding="utf-8")


def parse_text(text: str, tmp_path, name: str = "表.txt") -> TargetTable:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    tables = interpret(read_grid(str(path)))
    assert len(tables) == 1
    return tables[0]


@dataclass
class Case:
    rule: str
    replace: list[tuple[str, str]] = field(default_factory=list)  # (old, new) in the clean text
    change: Callable[[TargetTable], None] | None = None            # or a change to the model read from it
    base: str = PROJECT
    line: int | None = None                                        # where the finding must point

    def table(self, tmp_path) -> TargetTable:
        text = self.base
        for old, new in self.replace:
            assert old in text, old
            text = text.replace(old, new, 1)
        table = parse_text(text, tmp_path)
        if self.change is not None:
            self.change(table)
        return table


def _drop(level2: str):
    return lambda t: setattr(t, "indicators", [i for i in t.indicators if i.level2 != level2])


def _set_text(key: str, value: str | None):
    def change(table: TargetTable) -> None:
        if value is None:
            table.texts.pop(key, None)
        else:
            table.texts[key] = value
    return change


def _few_indicators(table: TargetTable) -> None:
    table.total_amount_wan = Decimal(5000)
    keep = [i for i in table.indicators if i.level1 not in ("产出", "效益")]
    table.indicators = keep + [i for i in table.indicators if i.level1 == "产出"][:2]


def _unlink(table: TargetTable) -> None:
    for indicator in table.indicators:
        indicator.extra["linked_project"] = None


def _unplace(table: TargetTable) -> None:
    table.indicators[0].level2 = None


def _copy_goal(table: TargetTable) -> None:
    table.texts["long_term_goal"] = table.texts["annual_goal"]
    table.end = "2028年12月"  # a project over three years: its long-term goal is not this year's


CASES = [
    Case("JX101", [("\t成本指标\t首次认定企业奖励标准\t≤10万元\t≤10万元\t\n\t\t入库培育企业奖励标准\t≤5万元\t≤5万元\t\n"
                    "\t\t单场辅导培训成本\t≤2.5万元\t≤2.5万元\t\n", "\t成本指标\t\t\t\t\n")], line=46),
    Case("JX102", [("满意度指标\t服务对象满意度\t受奖及参训企业满意度\t≥90%\t≥90%", "满意度指标\t服务对象满意度\t\t\t")], line=53),
    Case("JX103", [("\t时效指标\t奖补资金拨付时限\t≤30个工作日\t≤30个工作日\t\n", "")], line=40),
    Case("JX104", [("\t时效指标\t奖补资金拨付时限\t≤30个工作日\t≤30个工作日", "\t时效指标\t\t\t")], line=45),
    Case("JX105", [("\t生态效益\t受奖企业节约标准煤量\t≥8000吨\t≥20000吨", "\t生态效益\t\t\t")], line=51),
    Case("JX106", change=lambda t: setattr(t, "indicators", [i for i in t.indicators if i.level1 != "效益"])),
    Case("JX107", [("陈立华/0514-87365128", "00")], line=9),
    Case("JX107", base=DEPARTMENT, change=lambda t: (setattr(t, "year", None), setattr(t, "title", "年度部门整体支出绩效目标表"))),
    Case("JX108", change=_set_text("annual_goal", None)),
    Case("JX109", change=_set_text("annual_goal", "确保奖励资金按时兑现")),
    Case("JX110", change=lambda t: [t.texts.__setitem__(k, "按照市委市政府部署，做好高新技术企业培育工作。")
                                    for k in ("basis", "necessity", "feasibility")]),
    Case("JX111", change=_set_text("feasibility", "市科技局已建立高新技术企业培育库、")),
    Case("JX112", [("\t\t受奖企业资格核查覆盖率\t=100%\t=100%", "\t\t受奖企业资格核查覆盖率\t\t")], line=44),
    Case("JX113", [("\t\t受奖企业资格核查覆盖率\t=100%\t=100%", "\t\t受奖企业资格核查覆盖率\t\t=100%")], line=44),
    Case("JX114", [("\t高新技术企业培育奖励资金\t\t380\t760", "\t高新技术企业培育奖励资金\t\t380\t")], line=25),
    Case("JX115", change=_set_text("content", "对首次认定的高新技术企业和新入库企业给予奖励，并举办申报辅导培训。")),
    Case("JX116", change=_few_indicators),
    Case("JX117", [("三、分片区举办", "三、分片区举办分片区举办")], line=13),
    Case("JX118", change=lambda t: (t.funding.clear(), t.expenditures.clear())),
    Case("JX119", [("\t高新技术企业培育奖励资金\t\t380\t760", "\t高新技术企业培育奖励资金\t\t\t760")], line=25),
    Case("JX201", [("≥25家\t≥50家", "≥0家\t≥50家")], line=40),
    Case("JX202", [("受奖企业研发人员增长率\t≥2%\t≥5%", "受奖企业研发人员增长率\t显著\t显著")], line=50),
    Case("JX203", [("申报辅导培训场次\t≥3场\t≥6场", "申报辅导培训场次\t按计划完成\t按计划完成")], line=42),
    Case("JX204", [("奖补资金拨付时限\t≤30个工作日\t≤30个工作日", "奖补资金拨付时限\t及时\t及时")], line=45),
    Case("JX205", [("奖补兑现准确率\t=100%\t=100%", "奖补兑现准确率\t严格按照文件兑现\t严格按照文件兑现")], line=43),
    Case("JX206", [("≥3场\t≥6场", "≥3\t≥6")], line=42),
    Case("JX207", [("≥3场\t≥6场", "3场\t6场")], line=42),
    Case("JX207", [("受奖企业研发人员增长率\t≥2%\t≥5%", "受奖企业研发人员增长率\t≥2%\t100%")], line=50),
    Case("JX208", [("受奖企业资格核查覆盖率\t=100%\t=100%", "受奖企业资格核查覆盖率\t≥100%\t≥100%")], line=44),
    Case("JX209", [("≥3场\t≥6场", "≥3场、次\t≥6场、次")], line=42),
    Case("JX210", [("满意度\t≥90%\t≥90%", "满意度\t≥80%\t≥80%")], line=53),
    Case("JX211", [("申报辅导培训场次", "分片区举办高新技术企业申报辅导培训")], line=42),
    Case("JX212", [("奖励首次认定企业数\t", "奖励首次认定企业超50家\t")], line=40),
    Case("JX301", [("奖补资金拨付时限\t≤30个工作日\t≤30个工作日", "奖补资金拨付次数\t≥2次\t≥4次")], line=45),
    Case("JX302", [("奖补兑现准确率\t=100%\t=100%", "奖补兑现企业数\t≥40家\t≥90家")], line=43),
    Case("JX303", [("申报辅导培训场次\t≥3场\t≥6场", "申报辅导培训覆盖率\t≥50%\t≥90%")], line=42),
    Case("JX304", [("申报辅导培训场次\t≥3场\t≥6场", "申报辅导培训完成时间\t≤6个月\t≤12个月")], line=42),
    Case("JX305", [("受奖企业研发人员增长率\t≥2%\t≥5%", "举办产学研对接活动\t≥3场\t≥6场")], line=50),
    Case("JX306", [("申报辅导培训场次\t≥3场\t≥6场", "申报辅导培训活动\t≥3家\t≥6家")], line=42),
    Case("JX307", [("奖补兑现准确率", "奖补资金使用合规性")], line=43),
    Case("JX308", [("受奖企业研发投入总额\t≥6亿元\t≥12亿元", "受奖企业创新氛围\t≥60%\t≥80%")], line=49),
    Case("JX401", [("≥20家\t≥40家", "≥60家\t≥40家")], line=41),
    Case("JX402", [("≥3场\t≥6场", "≤3场\t≤6场")], line=42),
    Case("JX403", [("预算执行率\t≥50%\t=100%", "预算执行率\t≤50%\t≤100%")], line=36),
    Case("JX404", [("预算执行率\t≥50%\t=100%", "预算执行率\t=100%\t=100%")], line=36),
    Case("JX405", [("\t380\t760", "\t76\t760")], line=36),
    Case("JX406", [("举办申报辅导培训6场", "举办申报辅导培训8场")], line=27),
    Case("JX406", [("举办申报辅导培训6场", "在城区、园区举办申报辅导培训6场"),
                   ("申报辅导培训场次\t≥3场\t≥6场", "申报辅导培训场次\t≥2场\t≥3场")], line=27),
    Case("JX407", [("培育库入库企业120家", "培育库入库企业30家")], line=26),
    Case("JX408", [("举办申报辅导培训6场", "举办申报辅导培训6场，走访企业200家")], line=27),
    Case("JX409", change=_copy_goal),
    Case("JX410", [("\t\t奖励入库培育企业数\t≥20家\t≥40家\t\n", "\t\t奖励入库培育企业数\t≥20家\t≥40家\t\n" * 2)], line=42),
    Case("JX411", [("2026年至2028年", "“十四五”期间")], line=26),
    Case("JX412", [("申报辅导培训场次\t≥3场\t≥6场", "每季度申报辅导培训场次\t≥1场\t≥2场")], line=42),
    Case("JX413", [("≥3场\t≥6场", "≥3次\t≥6场")], line=42),
    Case("JX414", change=lambda t: t.texts.__setitem__("feasibility", t.texts["necessity"])),
    Case("JX416", [("奖补资金拨付时限\t≤30个工作日\t≤30个工作日", "资金支出进度\t≥80%\t=100%")], line=45),
    Case("JX417", [("举办申报辅导培训6场", "举办申报辅导培训6期")], line=27),
    Case("JX501", [("上年结转资金\t\t0", "上年结转资金\t\t50")], line=15),
    Case("JX502", [("\t380\t760", "\t380\t700")], line=25),
    Case("JX503", [("5万元/家×40家=200万元", "5万元/家×40家=210万元")], line=13),
    Case("JX504", [("21万元/年×1年=21万元", "31万元/年×1年=31万元")], line=13),
    Case("JX505", change=_set_text("content", "包括奖励资金约700万元、培训费约15万元。")),
    Case("JX506", [("\t380\t760", "\t800\t760")], line=25),
    Case("JX507", base=DEPARTMENT, change=_unlink),
    Case("JX602", [("\t时效指标\t", "\t进度指标\t")], line=45),
    Case("JX603", change=_unplace),
    Case("JX604", [("满意度指标\t服务对象满意度", "产出指标\t服务对象满意度")], line=53),
    Case("JX605", [("\t受奖及参训企业满意度\t", "\t参训企业覆盖率\t")], line=53),
    Case("JX606", change=lambda t: t.report.append(Note(54, "（盖章）", "表格之外的内容"))),
    Case("JX607", [("\t社会效益\t受奖企业研发人员增长率", "产出指标\t社会效益\t受奖企业研发人员增长率")], line=50),
    # Self-evaluation tables re-scored: each a mistake made in the consistent table.
    Case("JX801", [("\t20\t个\t20\t20\t20\t", "\t20\t个\t20\t20\t18\t")], base=SELF, line=8),
    Case("JX802", [("\t100\t%\t100\t15\t15\t", "\t100\t%\t100\t15\t17\t")], base=SELF, line=9),
    Case("JX803", [("87.94", "89.94")], base=SELF, line=14),
    Case("JX804", [("自评等级\t良", "自评等级\t优")], base=SELF, line=15),
    Case("JX805", [("\t8\t社区动员效果好于预期，超出指标值50%，下年度据实提高指标值。", "\t8\t无")], base=SELF, line=12),
    Case("JX806", [("\t95%\t9.5", "\t95%\t10")], base=SELF, line=5),
    # 36 days against ≤30: 12 by the platform, 15 × 30/36 = 12.5 by the local ratio; 14 is above both
    Case("JX807", [("\t15\t12\t财政资金下达较晚", "\t15\t14\t财政资金下达较晚")], base=SELF, line=10),
    Case("JX808", [("\t20\t14\t服务内容", "\t20\t19\t服务内容")], base=SELF, line=11),
    Case("JX809", [("200\t200\t190\t10\t95%\t9.5", "200\t200\t130\t10\t65%\t6.5"), ("87.94", "84.94")],
         base=SELF, line=14),
]


def test_every_rule_has_a_case():
    assert {case.rule for case in CASES} == set(RULES)


@pytest.mark.parametrize("fixture", ["clean_project.txt", "clean_department.txt"])
def test_no_rule_fires_on_a_clean_table(fixture, tmp_path):
    table = parse_text((FIXTURES / fixture).read_text(encoding="utf-8"), tmp_path)
    assert not table.report and not table.warnings and not table.repairs
    result = review(table)
    assert [(f.rule.code, f.line, f.message) for f in result.findings] == []
    assert (result.score, result.grade) == (100, "优")


CLEAN = sorted((FIXTURES / "clean").glob("*.txt"))


@pytest.mark.parametrize("path", CLEAN, ids=[p.stem for p in CLEAN])
def test_a_table_written_with_care_passes(path):
    """Issue 11, point 1: tables written as careful officers would (in several templates, both
    kinds) read exactly, and their review raises no 错误 and at most two 警告. What remains is
    judged, finding by finding, in clean/JUDGEMENTS.md."""
    expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    (table,) = parse_file(str(path))
    assert (table.kind, len(table.indicators), table.report) == (expected["kind"], expected["indicators"], [])
    findings = review(table).findings
    assert [f.message for f in findings if f.severity == ERROR] == []
    assert len([f for f in findings if f.severity == WARNING]) <= 2, [f.message for f in findings]


@pytest.mark.parametrize("case", CASES, ids=[f"{c.rule}-{n}" for n, c in enumerate(CASES)])
def test_rule_fires_on_its_mistake(case, tmp_path):
    table = case.table(tmp_path)
    rule = RULES[case.rule]
    hits = list(rule.check(table))
    assert hits, f"{case.rule} {rule.title} did not fire"
    if case.line is not None:
        assert case.line in [h.line for h in hits], [(h.line, h.message) for h in hits]
    # The whole review reports it too, and it costs the table points.
    result = review(table)
    assert case.rule in {f.rule.code for f in result.findings}
    assert result.score < 100


# Near misses: wording a careful table may use, which the rule must let pass.
NEAR_MISSES = [
    ("JX201", [("受奖企业资格核查覆盖率\t=100%\t=100%", "安全事故发生次数\t=0次\t=0次")]),
    ("JX201", [("受奖企业资格核查覆盖率\t=100%\t=100%", "重大网络安全事件发生次数\t=0次\t=0次")]),
    ("JX201", [("受奖企业资格核查覆盖率\t=100%\t=100%", "在校学生辍学人数\t=0人\t=0人")]),
    ("JX201", [("受奖企业资格核查覆盖率\t=100%\t=100%", "等保三级测评次数\t=0次\t=1次")]),
    # Nothing can be counted by June: conferred at year end by others, or one event in the year
    # (judged debatable on the seeds: tests/fixtures/review/precision/seeds.md).
    ("JX201", [("申报辅导培训场次\t≥3场\t≥6场", "新增高新技术企业认定数\t≥0家\t≥50家")]),
    ("JX201", [("申报辅导培训场次\t≥3场\t≥6场", "科技创新大赛获奖数\t≥0个\t≥5个")]),
    ("JX201", [("申报辅导培训场次\t≥3场\t≥6场", "举办年度高峰论坛\t≥0场\t≥1场")]),
    ("JX208", [("受奖企业资格核查覆盖率\t=100%\t=100%", "非税收入预算完成率\t≥100%\t≥100%")]),
    # A name long only by a quoted proper name, or 15-17 characters ending in what is measured.
    ("JX211", [("申报辅导培训场次", "社会救助“一门受理、协同办理”镇（街道）覆盖率")]),
    ("JX211", [("申报辅导培训场次", "在孵企业新增入库科技型中小企业数")]),
    ("JX211", [("申报辅导培训场次", "对信息系统可用性及稳定性的改善或提升程度")]),  # wordy, but a measure
    ("JX417", [("举办申报辅导培训6场", "举办申报辅导培训6次")]),  # 次 or 场: one event either way
    ("JX206", [("≥3场\t≥6场", "≥3支\t≥6支")]),
    # Judged debatable on real tables (precision/*.md): a satisfaction is a percentage by
    # definition; 项 and 件 both count items; a name that says when; 85% satisfaction.
    ("JX206", [("满意度\t≥90%\t≥90%", "满意度\t≥90\t≥90")]),
    ("JX417", [("举办申报辅导培训6场", "举办申报辅导培训6场，申请发明专利30项"),
               ("申报辅导培训场次\t≥3场\t≥6场", "申报辅导培训场次\t≥3场\t≥6场\n\t\t申请发明专利数量\t≥10件\t≥30件")]),
    ("JX204", [("奖补资金拨付时限\t≤30个工作日\t≤30个工作日", "奖补资金当年拨付完成\t完成\t完成")]),
    ("JX210", [("满意度\t≥90%\t≥90%", "满意度\t≥85%\t≥85%")]),
    ("JX604", [("满意度指标\t服务对象满意度", "效益指标\t服务对象满意度")]),  # where older forms put it
    # Judged false on real tables (tests/fixtures/review/precision/corpus.md).
    ("JX207", [("奖补资金拨付时限\t≤30个工作日\t≤30个工作日", "奖补资金拨付时限\t6月前完成\t12月前完成")]),
    ("JX306", [("申报辅导培训场次\t≥3场\t≥6场", "专家评审\t≥1次\t≥2次")]),
    ("JX111", [("以上合计760万元。</p>", "以上合计760万元；2、培训费据实结算；</p>")]),
    # The standard rows every table of a form carries (issue 11: accepted boilerplate).
    ("JX207", [("受奖企业资格核查覆盖率\t=100%\t=100%", "资金到位率\t序时进度\t100%")]),
    # A bare 100% is the whole of it, whatever the name (judged debatable on a real table).
    ("JX207", [("受奖企业资格核查覆盖率\t=100%\t=100%", "辖区食品安全保障范围\t100%\t100%")]),
    # A 支出 header without its 全年 column (lost in a PDF's extraction, seed 004 表6) leaves
    # no annual amount to fill in.
    ("JX114", [("半年（程） 计划执行数\t全年（程） 预算数", "半年（程） 计划执行数\t"),
               ("\t高新技术企业培育奖励资金\t\t380\t760", "\t高新技术企业培育奖励资金\t\t380\t")]),
    # A bound stated in words can be checked as it stands (judged on real tables: corpus.md).
    ("JX205", [("奖补资金拨付时限\t≤30个工作日\t≤30个工作日", "奖补资金结算时限\t≤次月10日\t≤次月10日")]),
    # How many places each get something (3个片区每片区): the year's total measures it.
    ("JX408", [("举办申报辅导培训6场", "为3个片区每片区举办申报辅导培训2场、全年6场")]),
    ("JX205", [("奖补资金拨付时限\t≤30个工作日\t≤30个工作日", "统计报表报送时限\t每月8号前报送\t每月8号前报送")]),
    ("JX205", [("单场辅导培训成本\t≤2.5万元\t≤2.5万元", "项目总成本\t本年度总成本不超过15万元\t本年度总成本不超过15万元")]),
    ("JX404", [("受奖企业资格核查覆盖率\t=100%\t=100%", "政府采购执行率\t=100%\t=100%")]),
    ("JX404", [("受奖企业资格核查覆盖率\t=100%\t=100%", "非税收入预算完成率\t≥100%\t≥100%")]),
    ("JX402", [("奖补兑现准确率\t=100%\t=100%", "企业投诉次数\t≤2次\t≤3次")]),
    ("JX306", [("≥3场\t≥6场", "≥3场\t≥6场"), ("申报辅导培训场次", "海内外高层次人才创新创业")]),
    ("JX406", [("举办申报辅导培训6场", "举办申报辅导培训超6场")]),
    ("JX306", [("申报辅导培训场次\t≥3场\t≥6场", "申报辅导培训人数\t≥150人\t≥300人")]),
    ("JX304", [("申报辅导培训场次\t≥3场\t≥6场", "上门服务总时长\t≥42000小时\t≥84000小时")]),
    # A figure in another unit about the same clause is another thing (4个片区 beside 6场).
    ("JX406", [("举办申报辅导培训6场", "在4个片区举办申报辅导培训6场")]),
    # How often, the project's own money, and the same figure worded otherwise (issue 11).
    ("JX408", [("举办申报辅导培训6场", "举办申报辅导培训6场，每季度走访企业1次")]),
    ("JX408", [("举办申报辅导培训6场", "举办申报辅导培训6场，奖补资金合计760万元")]),
    ("JX408", [("举办申报辅导培训6场", "分片区开展企业申报辅导6场")]),
    # Paying and buying are the project's money, however often (judged on a real table: corpus.md).
    ("JX408", [("举办申报辅导培训6场", "举办申报辅导培训6场，分两次拨付奖补资金，缴纳场地租赁费3万元")]),
    # One figure for a whole list, counted by indicators of its items that add up to it.
    ("JX406", [("举办申报辅导培训6场", "在城区、园区举办申报辅导培训6场"),
               ("申报辅导培训场次\t≥3场\t≥6场", "城区申报辅导培训场次\t≥2场\t≥3场\n\t\t园区申报辅导培训场次\t≥2场\t≥3场")]),
    ("JX503", [("2.5万元/场×6场=15万元", "2500元/场×6场=1.5万元"), ("单场辅导培训成本\t≤2.5万元\t≤2.5万元", "单场辅导培训成本\t≤0.25万元\t≤0.25万元")]),
    # Quantities in 万 and amounts with thousands separators are read as written.
    ("JX503", [("2.5万元/场×6场=15万元", "0.6万人次×25元/人次=15万元")]),
    ("JX503", [("21万元/年×1年=21万元", "1年×210,000元/年=210,000元")]),
    # A factor rounded to fewer places (an area of 1866.6667 m² written 1866.67) is no mistake.
    ("JX503", [("21万元/年×1年=21万元", "1866.67平方米×9.375元/平方米·月×12月=209999.96元")]),
    # A costing reckoned in words, with a named amount and its stated total (the clean tables).
    ("JX504", [("21万元/年×1年=21万元", "运行维护服务费21万元")]),
    ("JX505", [("21万元/年×1年=21万元", "运行维护服务费21万元")]),
    # Rates (每家10万元) are no items; payments after the total restate the money.
    ("JX505", [("10万元/家×50家=500万元", "50家，每家10万元，计500万元"),
               ("以上合计760万元。", "以上合计760万元。6月底前拨付400万元，年底前拨付360万元。")]),
    # An amount that heads its parts (企业奖励700万元：…) is counted once.
    ("JX505", [("（一）首次认定高新技术企业奖励：10万元/家×50家=500万元；（二）培育库入库企业奖励：5万元/家×40家=200万元；",
                "（一）企业奖励700万元：首次认定企业50家，每家10万元，计500万元；入库企业40家，每家5万元，计200万元；")]),
    # Counts of change in those served, and events to avoid, are outcomes (issue 11, point 3).
    ("JX305", [("受奖企业研发人员增长率\t≥2%\t≥5%", "在孵企业新增吸纳就业人数\t≥600人\t≥1500人")]),
    ("JX305", [("受奖企业研发人员增长率\t≥2%\t≥5%", "带动社区养老护理员就业人数\t≥30人\t≥60人")]),
    ("JX305", [("受奖企业研发人员增长率\t≥2%\t≥5%", "养老机构安全责任事故发生次数\t=0次\t=0次")]),
    ("JX305", [("受奖企业研发人员增长率\t≥2%\t≥5%", "促进产学研合作项目\t≥10个\t≥20个")]),
    ("JX404", [("奖补资金拨付时限\t≤30个工作日\t≤30个工作日", "补贴发放及时完成率\t=100%\t=100%")]),
    ("JX403", [("奖补兑现准确率\t=100%\t=100%", "公用经费控制率\t≤100%\t≤100%")]),
]


@pytest.mark.parametrize("code, replace", NEAR_MISSES, ids=[c for c, _ in NEAR_MISSES])
def test_rule_lets_a_near_miss_pass(code, replace, tmp_path):
    table = Case(code, replace).table(tmp_path)
    assert list(RULES[code].check(table)) == []


@pytest.mark.parametrize("text, items, total", [
    # Clean tables: a calculation, amounts reckoned in words, a named amount, the stated total.
    ("县级河道180公里，每公里每年管护经费1.2万元，计216万元；镇级河道340公里×0.5万元/公里=170万元；"
     "智慧河湖监测系统运维及无人机巡查服务34万元；合计420万元。", ["216", "170", "34"], "420"),
    # A share of a base, rates, amounts with thousands separators, payments after the total.
    ("按软件开发费用6200000元的12%计744000元；云服务器32台，每台每年6000元，计192000元；"
     "五、短信服务：120万条×0.05元/条=60,000元。合计1286000元。上半年支付79200元。",
     ["74.4", "19.2", "6"], "128.6"),
    # A head and its parts (Shenzhen's budget system, real texts): 合计：71.48万, 每年 is the year's amount.
    ("灌溉与排水工程2650万元：泵站12座，每座80万元，计960万元；渠道1440万元；建筑物250万元。",
     ["2650", "960", "1440", "250"], None),
    ("租车费，每年8.52万元。食堂水果5.166万。食堂干货、鲜货14.834万", ["8.52", "5.166", "14.834"], None),
    ("2、购买保洁外包服务：合同价370110.96元，每月支付30842.58元；\n合计：71.48万", ["37.011096"], "71.48"),
])
def test_a_costing_is_read_as_a_reviewer_reads_it(text, items, total):
    from jixiao.review.costing import costing_of

    costing = costing_of(text)
    assert [f"{i.wan.normalize():f}" for i in costing.items] == items
    assert (f"{costing.total.wan.normalize():f}" if costing.total else None) == total


def test_a_one_year_project_may_repeat_its_annual_goal(tmp_path):
    """JX409 near miss: 开始/完成时间 2026年1月 and 2026年12月 make a one-year project, whose
    long-term goal is its year's (judged debatable on 14 seed tables)."""
    table = parse_text(PROJECT, tmp_path)
    table.texts["long_term_goal"] = table.texts["annual_goal"]
    assert (table.start, table.end) == ("2026年1月", "2026年12月")
    assert list(RULES["JX409"].check(table)) == []


def test_running_costs_need_no_policy_document(tmp_path):
    """JX110 near miss: a unit's 物业 or 水电 rests on its contracts, not on a 文件 (judged
    debatable on three seed tables); the same texts on a policy project are a finding."""
    table = parse_text(PROJECT, tmp_path)
    for key in ("basis", "necessity", "feasibility", "overview"):
        table.texts[key] = "按物业服务合同和近三年实际支出测算，保障机关办公楼正常运转。"
    assert list(RULES["JX110"].check(table))
    table.project = "机关办公楼物业管理费"
    assert list(RULES["JX110"].check(table)) == []


def test_a_year_is_asked_only_where_the_form_has_a_place_for_it(tmp_path):
    """Shenzhen's sheets have no 年度 cell (judged false in precision/corpus.md); a title
    printed as “  年度…绩效目标表” leaves the year blank."""
    table = parse_text(PROJECT, tmp_path)
    table.year, table.title = None, "项目支出绩效目标申报表"
    assert not [h for h in RULES["JX107"].check(table) if h.topic == "year"]
    table.title = "年度项目支出绩效目标申报表"
    assert [h.message for h in RULES["JX107"].check(table) if h.topic == "year"] == ["未填写“年度”"]
