"""The department (budget unit) a report is about, when its first lines state it.

Reports name their unit in one of a few places near the top:

* ``预算主管部门：上海市普陀区商务委员会`` / ``预算单位：…`` (Shanghai budgets, after the region title);
* the title itself: ``中共辽宁省委组织部2024 年度部门决算``, ``上海市XX局2024年度部门决算``;
* the first part's heading: ``第一部分上海市普陀区规划和自然资源局概况``;
* a title line that is only the unit's name (``上海市普陀区规划和自然资源局``).

A unit name must end in an organisation word (局, 部, 委员会, 办事处, 院, 中心 …) so that a region
(``上海市普陀区2025年区级部门预算``) is not taken for a department. None when nothing matches:
some reports (anju) never print their own name in the narrative.
"""

from __future__ import annotations

import re

from ..model import Document

_ORG_END = (
    r"(?:委员会|办公室|办事处|管理处|服务中心|中心|事务所|研究院|研究所|学院|学校|医院|"
    r"局|部|委|办|厅|院|处|所|会|站|馆|室|署|社|团|队|校|园|行)"
)
_NAME = rf"[\u4e00-\u9fffX（）()]{{2,40}}?{_ORG_END}"  # X: template placeholders (上海市XX局)
_HEADER = re.compile(rf"预算(?:主管)?(?:部门|单位)\s*[:：]\s*({_NAME})(?=目录|\s|$|[，。,；;])")
_TITLE = re.compile(rf"({_NAME})\s*(?:\d{{4}}|[０-９]{{4}})\s*年度?\s*(?:区级|市级|县级)?\s*(?:部门|单位)")
_PART_ONE = re.compile(rf"^({_NAME})概况")
_ONLY_NAME = re.compile(rf"^({_NAME})$")

#: how many paragraphs / section titles from the top are searched
HEAD = 6


_PART = re.compile(r"^第[一二三四五六七八九十]+部分")


def _clean(line: str) -> str:
    return _PART.sub("", re.sub(r"\s+", "", line))


def department_from_lines(lines: list[str]) -> str | None:
    """The unit named in these first lines of a report (see the module docstring)."""
    lines = [_clean(x) for x in lines if x and x.strip()]
    for pattern in (_HEADER, _TITLE, _PART_ONE):
        for line in lines:  # (第一部分 is already cut off the line)
            m = pattern.search(line)
            if m:
                return m.group(1)
    for line in lines[:2]:
        m = _ONLY_NAME.match(line)
        if m:
            return m.group(1)
    return None


def document_department(document: Document) -> str | None:
    """The department of a Document: ``document.department`` if set, else from its first lines."""
    if document.department:
        return document.department
    lines = [p.text for p in document.paragraphs[:HEAD]] + [s.title for s in document.sections[:HEAD]]
    return department_from_lines(lines)
