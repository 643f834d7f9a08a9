"""A budget report whose 项目支出表 prints each project's name over several text columns, made in
code as a PDF (tests/test_project_tables.py), in layouts other provinces use for the same table.

A layout is the list of the table's name columns, each (header path, what it prints): ``level1``
(一级项目, the project's category, printed on the category's row and, with ``repeat``, on every
project row), ``project`` (the project's own name), ``unit`` (the unit that runs it) and
``merged`` (one column: the most specific name each row has). The figures are the same in every
layout, so the verdicts must be too.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"

#: (unit, category, project, 合计, 一般公共预算); a category row has no project
PROJECTS = [
    ("某市信访局", "综合管理", "", "494.56", "494.56"),
    ("某市信访局", "综合管理", "2026信访专项经费", "30.00", "30.00"),
    ("某市信访局", "综合管理", "2026信访接待中心运行费", "116.00", "116.00"),
    ("某市信访局", "综合管理", "2026驻京经费", "312.00", "312.00"),
    ("某市信访局", "综合管理", "信访局临聘人员经费", "16.56", "16.56"),
    ("某市信访局", "综合管理", "办公楼维修经费", "10.00", "10.00"),
    ("某市信访中心", "综合管理", "办公楼维修经费", "10.00", "10.00"),
]

#: the prose: four projects by their exact names (one with 2026年 for 2026), one stated 15.56 against
#: the table's 16.56, one named by two rows, one named only in part (驻京经费 of 2026驻京经费)
PROSE = ("八、项目支出情况说明\n"
         "2026年项目支出预算494.56万元，2026信访接待中心运行费116万元，2026年信访专项经费30万元，"
         "2026驻京经费312万元，信访局临聘人员经费15.56万元。\n"
         "办公楼维修经费20万元，驻京经费312万元，主要用于驻京工作。")

LAYOUTS: dict[str, list[tuple[str, str]]] = {
    "two columns": [("一级项目", "level1"), ("二级项目", "project")],
    "three columns": [("单位名称", "unit"), ("一级项目", "level1"), ("项目名称", "project")],
    "three columns under one head": [("类型", "unit"), ("项目名称/一级项目", "level1"), ("项目名称/二级项目", "project")],
    "two columns reordered": [("二级项目", "project"), ("一级项目", "level1")],
    "three columns reordered": [("项目名称", "project"), ("一级项目", "level1"), ("单位名称", "unit")],
    "merged into one column": [("项目名称", "merged")],
}


def prose_page(fx, path: Path, prose: str):
    """A PDF canvas at ``path`` whose first page prints ``prose`` line by line; the next page is open."""
    c = fx.canvas.Canvas(str(path), pagesize=fx.A4, invariant=1)
    y = fx.H - 80
    for line in prose.split("\n"):
        for part in fx.wrap(line, 11, fx.W - 140):
            fx.mixed(c, 70, y, part, 11)
            y -= 20
        y -= 6
    c.showPage()
    return c


def fixture_module():
    spec = importlib.util.spec_from_file_location("make_pdf_fixtures", FIXTURES / "make_pdf_fixtures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def name_cell(kind: str, row: tuple[str, ...], repeat: bool) -> str:
    unit, category, project = row[:3]
    if kind == "unit":
        return unit
    if kind == "level1":
        return category if (not project or repeat) else ""
    if kind == "project":
        return project
    return project or category  # merged


def header_rows(layout: list[tuple[str, str]]) -> tuple[list[list[str | None]], list[tuple[int, int, int, int]]]:
    """Two header rows (a head spanning two name columns, 本年财政拨款 over its fund) and the spans."""
    n = len(layout)
    top: list[str | None] = []
    bottom: list[str | None] = []
    spans = []
    j = 0
    while j < n:
        path = layout[j][0]
        if "/" in path:
            head = path.split("/")[0]
            width = sum(1 for p, _ in layout[j:] if p.startswith(head + "/"))
            top += [head] + [None] * (width - 1)
            bottom += [p.split("/")[1] for p, _ in layout[j:j + width]]
            spans.append((0, j, 1, width))
            j += width
        else:
            top.append(path)
            bottom.append(None)
            spans.append((0, j, 2, 1))
            j += 1
    top += ["合计", "本年财政拨款"]
    bottom += [None, "一般公共预算"]
    spans.append((0, n, 2, 1))
    return [top, bottom], spans


def write_report(path: Path, layout: list[tuple[str, str]], repeat: bool = False) -> Path:
    """The report as a PDF: the prose on p.1, the 项目支出表 on p.2."""
    fx = fixture_module()
    c = prose_page(fx, path, PROSE)
    head, spans = header_rows(layout)
    rows = [[name_cell(kind, r, repeat) for _, kind in layout] + [r[3], r[4]] for r in PROJECTS]
    widths = [110 if kind in ("project", "merged") else 80 for _, kind in layout] + [70, 80]
    y = fx.title_block(c, fx.H - 80, "项目支出表", "", "预算单位：某市信访局|单位：万元")
    fx.draw_table(c, 40, y, widths, head + rows, row_h=22, spans=spans)
    c.showPage()
    c.save()
    return path
