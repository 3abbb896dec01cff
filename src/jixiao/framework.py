"""The canonical indicator framework: level-1 and level-2 names, their synonyms, and the
standard level-3 indicators of the 决策/过程 blocks.

The interpreter reads tables through this vocabulary, not through column positions, and
uses it to repair what PDF extraction garbled: the level-2 decides the level-1.
"""

from __future__ import annotations

from functools import lru_cache

LEVEL1 = ("决策", "过程", "产出", "效益", "满意度", "履职", "投入", "成本")

LEVEL1_SYNONYMS = {
    "决策": ("决策", "决策指标"),
    "过程": ("过程", "过程指标"),
    "产出": ("产出", "产出指标"),
    "效益": ("效益", "效益指标", "效果", "效果指标"),
    "满意度": ("满意度", "满意度指标", "服务对象满意度指标"),
    "履职": ("履职", "履职指标", "履职效能"),
    "投入": ("投入", "投入指标"),
    "成本": ("成本", "成本指标"),
}

# level-2 canonical name → (the level-1s it may sit under, its synonyms)
LEVEL2: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "项目立项": (("决策", "投入"), ()),
    "绩效目标": (("决策",), ("项目目标", "组织目标")),
    "资金投入": (("决策",), ()),
    "资金落实": (("投入",), ()),
    "资金管理": (("过程",), ()),
    "组织实施": (("过程",), ("业务管理",)),
    "数量指标": (("产出",), ("产出数量", "数量")),
    "质量指标": (("产出",), ("产出质量", "质量")),
    "时效指标": (("产出",), ("产出时效", "时效")),
    "成本指标": (("产出",), ("产出成本", "成本")),
    "经济成本": (("成本",), ("经济成本指标",)),
    "社会成本": (("成本",), ("社会成本指标",)),
    "生态环境成本": (("成本",), ("生态环境成本指标", "环境成本指标", "环境成本")),
    "经济效益": (("效益",), ("经济效益指标",)),
    "社会效益": (("效益",), ("社会效益指标",)),
    "生态效益": (("效益",), ("生态效益指标", "环境效益", "环境效益指标", "生态环境效益")),
    "可持续影响": (("效益",), ("可持续影响指标", "可持续发展", "可持续发展指标")),
    "服务对象满意度": (("满意度",), ("服务对象满意度指标", "满意度", "社会公众满意度", "社会公众或服务对象满意度",
                                  "社会公众或服务对象满意度指标", "其他满意度", "其他满意度指标", "社会公众满意度指标",
                                  "满意度指标")),
    # Department-wide tables (部门整体)
    "计划制定": (("决策",), ()),
    "目标设定": (("决策",), ()),
    "预算编制": (("决策",), ()),
    "预算执行": (("过程",), ()),
    "预算管理": (("过程",), ()),
    "资产管理": (("过程",), ()),
    "项目管理": (("过程",), ()),
    "人员管理": (("过程",), ()),
    "机构建设": (("过程",), ()),
}

# Standard level-3 indicators and the level-2s they belong to (000's merged cells print
# the level-2 label on a lower line; these names say where such a row belongs).
STANDARD_LEVEL3: dict[str, tuple[str, ...]] = {
    "立项依据充分性": ("项目立项",),
    "立项程序规范性": ("项目立项",),
    "绩效目标合理性": ("绩效目标", "目标设定"),
    "绩效指标明确性": ("绩效目标", "目标设定"),
    "预算编制科学性": ("资金投入", "预算编制"),
    "资金分配合理性": ("资金投入",),
    "预算编制规范性": ("预算编制",),
    "资金到位率": ("资金管理", "资金落实"),
    "预算执行率": ("资金管理", "预算执行"),
    "资金使用合规性": ("资金管理", "预算管理"),
    "管理制度健全性": ("组织实施",),
    "制度执行有效性": ("组织实施",),
    "中长期规划制定健全性": ("计划制定",),
    "工作计划制定健全性": ("计划制定",),
}

_LEVEL1_LOOKUP = {syn: canon for canon, syns in LEVEL1_SYNONYMS.items() for syn in syns}
_LEVEL2_LOOKUP = {canon: canon for canon in LEVEL2}
_LEVEL2_LOOKUP.update({syn: canon for canon, (_, syns) in LEVEL2.items() for syn in syns})

def compact(text: str) -> str:
    """A label as compared: white space removed (PDF extraction splits 项目设立的 必要性).
    str.split knows the same white space as \\s, and is faster than a pattern."""
    return "".join(text.split())


@lru_cache(maxsize=4096)
def level1_of(label: str) -> str | None:
    """Canonical level-1 for a written level-1 label, or None if it is not one."""
    return _LEVEL1_LOOKUP.get(compact(label))


@lru_cache(maxsize=4096)
def level2_of(label: str) -> str | None:
    """Canonical level-2 for a written level-2 label, or None if it is not one."""
    return _LEVEL2_LOOKUP.get(compact(label))


def parents_of(level2: str) -> tuple[str, ...]:
    """The level-1s a canonical level-2 may sit under."""
    entry = LEVEL2.get(level2)
    return entry[0] if entry else ()


@lru_cache(maxsize=8192)
def standard_level2s(name: str) -> tuple[str, ...]:
    """The level-2s a standard level-3 indicator belongs to (empty for other names)."""
    return STANDARD_LEVEL3.get(compact(name), ())


def decide_level1(level2: str, written: str | None, current: str | None) -> str | None:
    """The level-2 decides the level-1; the written or current one only breaks ties."""
    parents = parents_of(level2)
    if len(parents) == 1:
        return parents[0]
    for candidate in (written, current):
        if candidate in parents:
            return candidate
    return parents[0] if parents else written or current
