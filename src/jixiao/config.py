"""A finance bureau's settings for monitoring and self-evaluation, with the defaults and where
each comes from; loadable from a small TOML or JSON file (`--config`).

Every number a bureau may set differently lives here and nowhere else: the monitoring
thresholds, the level-1 weights, the qualitative bands, the deviation deduction, the caps by
execution rate and the grades. The defaults are those written down in docs/monitoring.md,
each with its source:

- level-1 weights 产出 50 / 效益 30 / 服务对象满意度 10 / 预算执行率 10: the footnote of the
  项目支出绩效自评表 template that local governments reproduce under 财预〔2020〕10号《项目支出
  绩效评价管理办法》 (one such footnote, 天长市水利局 2022, is kept in tests/corpus/
  anhui-tianchang-shuili-hanzai); the 10号 template, not jixiao, sets them;
- qualitative bands 达成 [80, 100] / 部分达成 [60, 80) / 未达成 [0, 60) of the weight: the same
  template's footnote and a provincial budget platform's validation (DOMAIN.md C.1.4);
- the 2-point deduction for an actual 30% or more above its target, and the caps of the total
  by execution rate (89 / 79 / 69 / 59): a provincial 预算管理一体化 platform's self-evaluation
  manual (DOMAIN.md C.1.5-6);
- grades 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 below: 财政部预算司's four grades as reported
  (DOMAIN.md C.1.7);
- monitoring thresholds (budget: red < 60, yellow < 80, green; indicators: red < 60, yellow
  < 80, green < 120, blue ≥ 120): a provincial budget platform's monitoring configuration
  (DOMAIN.md C.3), under 财预〔2019〕136号《中央部门预算绩效运行监控管理暂行办法》, which asks
  for spending and target attainment to be watched together but sets no numbers itself.

Department-wide tables (决策 / 过程 / 履职 / 效益 / 满意度) have no default weights: none was
found in any national rule, so a bureau must set them before jixiao scores such a table.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field, fields, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

ACHIEVED, PARTIAL, NOT_ACHIEVED = "达成", "部分达成", "未达成"
ATTAINMENTS = (ACHIEVED, PARTIAL, NOT_ACHIEVED)
# The three grades as the self-evaluation template words them.
ATTAINMENT_WORDS = {
    ACHIEVED: "达成年度指标",
    PARTIAL: "部分达成年度指标并具有一定效果",
    NOT_ACHIEVED: "未达成年度指标且效果较差",
}

SOURCE_10 = "财预〔2020〕10号《项目支出绩效评价管理办法》自评表模板的表注（各地转载的模板）"
SOURCE_PLATFORM = "某省预算管理一体化系统绩效自评操作手册"
SOURCE_MONITORING = "某省预算管理一体化系统绩效监控配置（依据财预〔2019〕136号开展双监控）"
SOURCE_GRADES = "财政部预算司绩效评价等级（优、良、中、差）"
SOURCE_JIXIAO = "jixiao 的约定（没有找到明文规定）"


class ConfigError(ValueError):
    """A settings file that cannot be used; the message is the user's one line, in Chinese."""


def _d(value: Any) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


@dataclass(frozen=True, slots=True)
class Monitoring:
    """Colours of monitoring (绩效运行监控): ratios in percent of what is due by the checkpoint."""

    budget_red_below: Decimal = Decimal(60)
    budget_yellow_below: Decimal = Decimal(80)
    indicator_red_below: Decimal = Decimal(60)
    indicator_yellow_below: Decimal = Decimal(80)
    indicator_blue_from: Decimal = Decimal(120)
    # A unit that says an indicator can no longer be completed (完全不可能) turns it red.
    impossible_is_red: bool = True


@dataclass(frozen=True, slots=True)
class Scheme:
    """How one kind of table is scored: the level-1 weights and the execution-rate points."""

    level1_weights: dict[str, Decimal] = field(default_factory=dict)
    execution_weight: Decimal = Decimal(0)


PROJECT_SCHEME = Scheme({"产出": Decimal(50), "效益": Decimal(30), "满意度": Decimal(10)}, Decimal(10))


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Self-evaluation (绩效自评) scoring."""

    project: Scheme = PROJECT_SCHEME
    # No default for department-wide tables: a bureau sets it, or jixiao refuses to score one.
    department: Scheme | None = None
    # Level-1 blocks a project table may carry that the self-evaluation template does not
    # score: the Jiangsu tables put 10号's evaluation framework (决策, 过程) in front of the
    # indicators; 投入 is 53号's older name of it.
    unscored_level1: tuple[str, ...] = ("决策", "过程", "投入")
    # A weighted block with no indicator (满意度 left empty): the rest is scaled to 100
    # ("不适用的指标不考核，以适用指标得分按百分制折算"), or the block scores nothing.
    rescale_missing: bool = True
    deviation_percent: Decimal = Decimal(30)
    deviation_deduction: Decimal = Decimal(2)
    # The manual speaks of an actual *exceeding* its target; a reverse indicator far below its
    # cap is the same loose target seen from the other side, deducted only if a bureau says so.
    deviation_reverse: bool = False
    # Reverse indicators: "platform" = full points up to the target, then falling to 0 at twice
    # the target; "ratio" = weight × target / actual (a local variant).
    reverse_rule: str = "platform"
    # Share of the weight given for each qualitative grade when jixiao scores, and the band the
    # grade allows when a published table is checked.
    qualitative_share: dict[str, Decimal] = field(default_factory=lambda: {
        ACHIEVED: Decimal(100), PARTIAL: Decimal(70), NOT_ACHIEVED: Decimal(30)})
    qualitative_bands: dict[str, tuple[Decimal, Decimal]] = field(default_factory=lambda: {
        ACHIEVED: (Decimal(80), Decimal(100)), PARTIAL: (Decimal(60), Decimal(80)), NOT_ACHIEVED: (Decimal(0), Decimal(60))})
    # (execution rate below this percent, highest total allowed), lowest rate first.
    caps: tuple[tuple[Decimal, Decimal], ...] = (
        (Decimal(50), Decimal(59)), (Decimal(60), Decimal(69)), (Decimal(70), Decimal(79)), (Decimal(80), Decimal(89)))
    # (lowest total, grade), highest first.
    grades: tuple[tuple[Decimal, str], ...] = (
        (Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中"), (Decimal(0), "差"))

    def cap_for(self, rate_percent: Decimal | None) -> Decimal | None:
        """The highest total a project may have at this execution rate; None where no cap applies."""
        if rate_percent is None:
            return None
        return next((cap for below, cap in self.caps if rate_percent < below), None)

    def grade_of(self, total: Decimal) -> str:
        return next((grade for floor, grade in self.grades if total >= floor), self.grades[-1][1])


@dataclass(frozen=True, slots=True)
class Settings:
    monitoring: Monitoring = Monitoring()
    evaluation: Evaluation = Evaluation()
    source: str | None = None  # the file the settings were read from, for messages


DEFAULTS = Settings()

# Each default with its source, for docs/monitoring.md and `--config` files' comments.
SOURCES: dict[str, str] = {
    "monitoring.budget_red_below": SOURCE_MONITORING,
    "monitoring.budget_yellow_below": SOURCE_MONITORING,
    "monitoring.indicator_red_below": SOURCE_MONITORING,
    "monitoring.indicator_yellow_below": SOURCE_MONITORING,
    "monitoring.indicator_blue_from": SOURCE_MONITORING,
    "monitoring.impossible_is_red": SOURCE_JIXIAO,
    "evaluation.project.level1_weights": SOURCE_10,
    "evaluation.project.execution_weight": SOURCE_10,
    "evaluation.department": "没有全国统一的默认值：须由财政部门设置",
    "evaluation.unscored_level1": SOURCE_10 + "：自评表只对产出、效益、满意度和预算执行率计分",
    "evaluation.rescale_missing": "地方自评表填表说明：不适用的指标不考核，按百分制折算",
    "evaluation.deviation_percent": SOURCE_PLATFORM,
    "evaluation.deviation_deduction": SOURCE_PLATFORM,
    "evaluation.deviation_reverse": SOURCE_JIXIAO,
    "evaluation.reverse_rule": "某省预算管理一体化系统的计分配置；ratio 为地方自评表的另一种算法",
    "evaluation.qualitative_share": SOURCE_JIXIAO + "：达成取满分，部分达成、未达成取各自区间的中点",
    "evaluation.qualitative_bands": SOURCE_10 + "；平台校验得分须在所选档次的区间内",
    "evaluation.caps": SOURCE_PLATFORM,
    "evaluation.grades": SOURCE_GRADES,
}


# ------------------------------------------------------------------------- reading a file
def load(path: str | Path | None) -> Settings:
    """The settings in a TOML (.toml) or JSON (.json) file, over the defaults; the defaults
    alone when no file is named. Raises ConfigError with a message naming the file."""
    if path is None:
        return DEFAULTS
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise ConfigError(f"{name}：无法读取设置文件（{error.strerror or error}）") from error
    try:
        if name.lower().endswith(".json"):
            data = json.loads(raw.decode("utf-8-sig"))
        else:
            data = tomllib.loads(raw.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError) as error:
        kind = "JSON" if name.lower().endswith(".json") else "TOML"
        hint = "；TOML 的中文键名须加英文引号，如 \"产出\" = 50" if kind == "TOML" and "key" in str(error) else ""
        raise ConfigError(f"{name}：不是有效的 {kind} 设置文件（{error}）{hint}") from error
    if not isinstance(data, dict):
        raise ConfigError(f"{name}：设置文件应为键值表")
    return from_mapping(data, name)


def from_mapping(data: dict[str, Any], name: str = "设置") -> Settings:
    """Settings from a mapping shaped like the file; unknown keys are refused, not ignored."""
    _only(data, ("monitoring", "evaluation"), name, "")
    monitoring = _monitoring(data.get("monitoring", {}), name)
    evaluation = _evaluation(data.get("evaluation", {}), name)
    return Settings(monitoring, evaluation, source=name)


def _only(data: Any, allowed: tuple[str, ...], name: str, where: str) -> None:
    if not isinstance(data, dict):
        raise ConfigError(f"{name}：[{where or '顶层'}] 应为键值表")
    unknown = [key for key in data if key not in allowed]
    if unknown:
        place = f"[{where}] 中" if where else ""
        raise ConfigError(f"{name}：{place}没有设置项“{unknown[0]}”；可用的设置项：{'、'.join(allowed)}")


def _number(value: Any, name: str, key: str, low: Decimal | None = Decimal(0), high: Decimal | None = None) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
        raise ConfigError(f"{name}：{key} 应为数字，而不是“{value}”")
    try:
        number = _d(value)
    except InvalidOperation as error:
        raise ConfigError(f"{name}：{key} 应为数字，而不是“{value}”") from error
    if not number.is_finite() or (low is not None and number < low) or (high is not None and number > high):
        bounds = f"{low} 到 {high}" if high is not None else f"不小于 {low}"
        raise ConfigError(f"{name}：{key} 应为{bounds}的数字，而不是 {value}")
    return number


def _flag(value: Any, name: str, key: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{name}：{key} 应为 true 或 false，而不是“{value}”")
    return value


def _monitoring(data: Any, name: str) -> Monitoring:
    keys = tuple(f.name for f in fields(Monitoring))
    _only(data, keys, name, "monitoring")
    values: dict[str, Any] = {}
    for key, value in data.items():
        values[key] = _flag(value, name, f"monitoring.{key}") if key == "impossible_is_red" \
            else _number(value, name, f"monitoring.{key}")
    result = replace(Monitoring(), **values)
    if not result.budget_red_below <= result.budget_yellow_below:
        raise ConfigError(f"{name}：monitoring.budget_red_below 不能大于 budget_yellow_below")
    if not result.indicator_red_below <= result.indicator_yellow_below <= result.indicator_blue_from:
        raise ConfigError(f"{name}：应有 indicator_red_below ≤ indicator_yellow_below ≤ indicator_blue_from")
    return result


def _weights(data: Any, name: str, key: str) -> dict[str, Decimal]:
    from jixiao.framework import level1_of

    if not isinstance(data, dict) or not data:
        raise ConfigError(f"{name}：{key} 应为“一级指标 = 分值”的键值表，如 {{\"产出\" = 50, \"效益\" = 30, \"满意度\" = 10}}")
    weights: dict[str, Decimal] = {}
    for label, value in data.items():
        level1 = level1_of(str(label))
        if level1 is None:
            raise ConfigError(f"{name}：{key} 中的“{label}”不是一级指标名称（如 产出、效益、满意度、成本、决策、过程、履职）")
        weights[level1] = _number(value, name, f"{key}.{label}")
    return weights


def _scheme(data: Any, name: str, where: str, base: Scheme | None) -> Scheme:
    _only(data, ("level1_weights", "execution_weight"), name, where)
    if "level1_weights" not in data and base is None:
        raise ConfigError(f"{name}：[{where}] 须设置 level1_weights（各一级指标的分值）")
    weights = _weights(data["level1_weights"], name, f"{where}.level1_weights") if "level1_weights" in data \
        else dict(base.level1_weights)  # type: ignore[union-attr]
    execution = _number(data["execution_weight"], name, f"{where}.execution_weight") if "execution_weight" in data \
        else (base.execution_weight if base is not None else Decimal(0))
    return Scheme(weights, execution)


def _evaluation(data: Any, name: str) -> Evaluation:
    keys = tuple(f.name for f in fields(Evaluation))
    _only(data, keys, name, "evaluation")
    values: dict[str, Any] = {}
    for key, value in data.items():
        where = f"evaluation.{key}"
        if key == "project":
            values[key] = _scheme(value, name, where, PROJECT_SCHEME)
        elif key == "department":
            values[key] = _scheme(value, name, where, None)
        elif key == "unscored_level1":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{name}：{where} 应为一级指标名称的列表，如 [\"决策\", \"过程\"]")
            values[key] = tuple(value)
        elif key in ("rescale_missing", "deviation_reverse"):
            values[key] = _flag(value, name, where)
        elif key in ("deviation_percent", "deviation_deduction"):
            values[key] = _number(value, name, where)
        elif key == "reverse_rule":
            if value not in ("platform", "ratio"):
                raise ConfigError(f"{name}：{where} 只能是 platform 或 ratio，而不是“{value}”")
            values[key] = value
        elif key == "qualitative_share":
            values[key] = _shares(value, name, where)
        elif key == "qualitative_bands":
            values[key] = _bands(value, name, where)
        elif key == "caps":
            values[key] = _pairs(value, name, where, "[[执行率低于的百分数, 最高总分], …]", number_second=True)
        elif key == "grades":
            values[key] = _pairs(value, name, where, "[[最低分, \"等级\"], …]", number_second=False)
    result = replace(Evaluation(), **values)
    for grade, share in result.qualitative_share.items():
        low, high = result.qualitative_bands[grade]
        if not low <= share <= high:
            raise ConfigError(f"{name}：qualitative_share 中“{grade}”的 {share} 不在其区间 [{low}, {high}] 内")
    return result


def _grade_key(label: Any, name: str, where: str) -> str:
    for grade, words in ATTAINMENT_WORDS.items():
        if label in (grade, words):
            return grade
    raise ConfigError(f"{name}：{where} 的键应为 达成、部分达成 或 未达成，而不是“{label}”")


def _shares(data: Any, name: str, where: str) -> dict[str, Decimal]:
    if not isinstance(data, dict):
        raise ConfigError(f"{name}：{where} 应为键值表，如 {{达成 = 100, 部分达成 = 70, 未达成 = 30}}")
    shares = dict(Evaluation().qualitative_share)
    for label, value in data.items():
        shares[_grade_key(label, name, where)] = _number(value, name, f"{where}.{label}", Decimal(0), Decimal(100))
    return shares


def _bands(data: Any, name: str, where: str) -> dict[str, tuple[Decimal, Decimal]]:
    if not isinstance(data, dict):
        raise ConfigError(f"{name}：{where} 应为键值表，如 {{达成 = [80, 100]}}")
    bands = dict(Evaluation().qualitative_bands)
    for label, value in data.items():
        if not isinstance(value, list) or len(value) != 2:
            raise ConfigError(f"{name}：{where}.{label} 应为 [下限, 上限]（占分值的百分数）")
        low, high = (_number(v, name, f"{where}.{label}", Decimal(0), Decimal(100)) for v in value)
        if low > high:
            raise ConfigError(f"{name}：{where}.{label} 的下限大于上限")
        bands[_grade_key(label, name, where)] = (low, high)
    return bands


def _pairs(data: Any, name: str, where: str, shape: str, number_second: bool) -> tuple:
    if not isinstance(data, list) or not all(isinstance(p, list) and len(p) == 2 for p in data):
        raise ConfigError(f"{name}：{where} 应为 {shape}")
    pairs = []
    for first, second in data:
        first = _number(first, name, where)
        if number_second:
            second = _number(second, name, where)
        elif not isinstance(second, str) or not second:
            raise ConfigError(f"{name}：{where} 中的等级应为文字，如 \"优\"")
        pairs.append((first, second))
    # caps: lowest rate first; grades: highest floor first
    pairs.sort(key=lambda p: p[0], reverse=not number_second)
    if not number_second and pairs and pairs[-1][0] != 0:
        raise ConfigError(f"{name}：{where} 须有最低分为 0 的等级")
    return tuple(pairs)


def example_toml() -> str:
    """A settings file with every default written out, for a bureau to copy and change."""
    e, m = DEFAULTS.evaluation, DEFAULTS.monitoring
    weights = ", ".join(f'"{k}" = {v}' for k, v in e.project.level1_weights.items())
    shares = ", ".join(f'"{k}" = {v}' for k, v in e.qualitative_share.items())
    bands = ", ".join(f'"{k}" = [{lo}, {hi}]' for k, (lo, hi) in e.qualitative_bands.items())
    caps = ", ".join(f"[{below}, {cap}]" for below, cap in e.caps)
    grades = ", ".join(f"[{floor}, \"{grade}\"]" for floor, grade in e.grades)
    return f"""# 财政部门的绩效监控与自评设置（jixiao --config 读取）。未写的设置项取默认值。
# TOML 的中文键名须加英文引号，如 "产出" = 50。
[monitoring]
budget_red_below = {m.budget_red_below}        # 预算执行进度比 低于此值为红色
budget_yellow_below = {m.budget_yellow_below}     # 低于此值为黄色，其余为绿色
indicator_red_below = {m.indicator_red_below}     # 指标完成进度比 低于此值为红色
indicator_yellow_below = {m.indicator_yellow_below}  # 低于此值为黄色
indicator_blue_from = {m.indicator_blue_from}    # 达到此值为蓝色（超额较多，核实目标是否偏低）
impossible_is_red = {str(m.impossible_is_red).lower()}   # 填报“完全不可能”完成的指标记为红色

[evaluation]
unscored_level1 = [{", ".join(f'"{x}"' for x in e.unscored_level1)}]
rescale_missing = {str(e.rescale_missing).lower()}
deviation_percent = {e.deviation_percent}
deviation_deduction = {e.deviation_deduction}
deviation_reverse = {str(e.deviation_reverse).lower()}
reverse_rule = "{e.reverse_rule}"
qualitative_share = {{ {shares} }}
qualitative_bands = {{ {bands} }}
caps = [{caps}]
grades = [{grades}]

[evaluation.project]
level1_weights = {{ {weights} }}
execution_weight = {e.project.execution_weight}

# 部门整体表没有全国统一的权重，须由财政部门设置后才能评分，例如：
# [evaluation.department]
# level1_weights = {{ "决策" = 10, "过程" = 20, "履职" = 40, "效益" = 20, "满意度" = 10 }}
# execution_weight = 0
"""
