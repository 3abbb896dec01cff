"""What kind of thing an indicator measures, read from its name, level-2 and target units.
Shared by the rules so that each rule stays a few lines long; the name tests are cached
because every rule asks them again of the same names."""

from __future__ import annotations

import re
from functools import lru_cache

from jixiao.model import Indicator, Target

COUNT_UNITS = frozenset(
    "个 项 家 次 场 人 件 名 篇 册 份 期 户 所 座 辆 台 套 批 张 条 间 处 部 本 门 类 届 "
    "人次 场次 批次 户次 万人 万人次 万户 万件 万次 万家 万册 台套".split()
)
TIME_UNITS = frozenset("天 日 个工作日 工作日 小时 分钟 个月 月 周 季度".split())
RATE_UNITS = frozenset(["%", "‰", "个百分点", "百分点"])
MONEY_UNITS = frozenset(["元", "万元", "亿元"])

OUTPUT = "产出"
OUTCOME = "效益"
SATISFACTION = "满意度"

# Names of reverse indicators, where 0 or "≤" is the good direction.
_REVERSE = re.compile(r"调整|结余|结转|变动|事故|事件|案件|辍学|失学|发生|投诉|违规|违纪|违法|差错|失误|故障|损失|超支|逾期|不良|问题|风险|偏差|负面|缺陷|闲置|成本|费用|单价|支出|用时|时长|时限|期限|时间|周期|控制")
# Ratios that cannot exceed 100%: rates of completion, coverage, compliance, satisfaction.
_CAPPED = re.compile(r"(率|满意度|比例|占比|进度)$")
_UNCAPPED = re.compile(r"完成率|增长|增幅|增速|提高|提升|回报|收益|利用|转化|带动|拉动|贡献|倍")
_TIME_NAME = re.compile(r"及时|时效|时间|时限|期限|周期|进度|按时|按期|完成率|天数|工作日|日前|月底|年底")
_PROGRESS_NAME = re.compile(r"执行率|完成率|进度|支付率|到位率")
_NOT_PROGRESS = re.compile(r"及时|符合|控制")
_COMPLIANCE_NAME = re.compile(r"合规|规范性|违规|财经")


# A count measures a change in those the project serves, or counts the project's own work.
_CHANGE = re.compile(r"新增|带动|吸纳|促成|促进|增长|增加|提高|提升|减少|下降|降低|培育|孵化|获得|获批|实现|惠及|受益"
                     r"|覆盖|引进|转化|落地|^全[市县区省国]")  # events to avoid (事故, 辍学) are reverse names
_OWN_WORK = re.compile(r"举办|开展|组织|发放|培训|采购|购置|购买|建设|维修|维护|印制|召开|举行|实施|提供|巡查|检查|慰问"
                       r"|放映|演出|安装|改造|协助|申报|编制|制作|走访|宣传|指导|评审|督查|检测|监测|整治|配备|补贴|资助"
                       r"|奖励|奖补|出版|发布|举报")


@lru_cache(maxsize=4096)
def counts_own_work(name: str) -> bool:
    """True for a count of what the project itself does (举办培训场次, 协助申报项目数), not of
    a change in those it serves (新增入孵企业数, 带动就业人数, 事故发生次数)."""
    return bool(_OWN_WORK.search(name)) and not _CHANGE.search(name) and not is_reverse(name)


@lru_cache(maxsize=4096)
def is_reverse(name: str) -> bool:
    """True for indicators where less is better (事故数, 投诉率, 成本)."""
    return bool(_REVERSE.search(name))


@lru_cache(maxsize=4096)
def is_capped_ratio(name: str) -> bool:
    """True for a ratio that cannot go above 100% (合格率, 覆盖率, 满意度)."""
    bare = stem(name)
    return bool(_CAPPED.search(bare)) and not _UNCAPPED.search(bare)


def can_pass_100(name: str) -> bool:
    """True for a ratio that may go past 100% (增长率, 投资回报率)."""
    return _UNCAPPED.search(stem(name)) is not None


@lru_cache(maxsize=4096)
def is_time_name(name: str) -> bool:
    return bool(_TIME_NAME.search(name))


@lru_cache(maxsize=4096)
def is_progress(name: str) -> bool:
    """Spending or completion progress, measured against the year (预算执行率, 完成率)."""
    return bool(_PROGRESS_NAME.search(name)) and not _NOT_PROGRESS.search(name)


@lru_cache(maxsize=4096)
def is_compliance(name: str) -> bool:
    return bool(_COMPLIANCE_NAME.search(name))


_UNIT_SUFFIX = re.compile(r"[（(][^()（）]*[)）]$")


@lru_cache(maxsize=8192)
def stem(name: str) -> str:
    """A name without the unit some tables append to it: 服务对象满意度（%） → 服务对象满意度."""
    return _UNIT_SUFFIX.sub("", name).strip()


@lru_cache(maxsize=4096)
def units_of(target: Target | None) -> tuple[str, ...]:
    """The units of a quantity target; a list such as 台、件 gives each."""
    if target is None or target.kind != "quantity" or not target.unit:
        return ()
    return tuple(target.unit.split("、"))


@lru_cache(maxsize=4096)
def is_count(target: Target | None) -> bool:
    units = units_of(target)
    return bool(units) and all(u in COUNT_UNITS for u in units)


@lru_cache(maxsize=4096)
def is_rate(target: Target | None) -> bool:
    units = units_of(target)
    return bool(units) and all(u in RATE_UNITS for u in units)


@lru_cache(maxsize=4096)
def is_duration(target: Target | None) -> bool:
    units = units_of(target)
    return bool(units) and all(u in TIME_UNITS or u == "年" for u in units)


def targets(indicator: Indicator) -> list[tuple[str, Target]]:
    """The targets an indicator states, each with its column's name for messages (半年, 全年,
    or nothing where the table has one target column)."""
    half, full = indicator.half_year, indicator.full_year  # asked by most rules of every indicator
    if half is None:
        return [] if full is None else [("", full)]
    return [("半年", half)] if full is None else [("半年", half), ("全年", full)]


def where(indicator: Indicator) -> str:
    """The indicator's place in the framework, for messages: 产出/数量指标/招引科创项目数."""
    return "/".join(p for p in (indicator.level1, indicator.level2, indicator.name) if p)
