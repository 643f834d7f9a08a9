"""A budget report whose 项目支出绩效目标表 lists several projects, one block of indicator rows each, made
in code as a PDF (tests/test_target_tables.py) in the layouts reports use for it:

* ``first row`` (长春): 单位名称 | 项目名称 | 年度资金总额(万元) | 年度绩效目标 | 一级指标 | 二级指标 | 指标值; the
  project's name and funds on the first row of its block, the other rows blank there;
* ``merged`` (北京): 项目名称 | 年度资金总额 | 其中：财政拨款 | 绩效目标 | 一级指标 | 二级指标 | 指标值; name, funds and
  goal in cells merged over the block, so they print on its middle row;
* ``merged, name last``: the merged layout with the name column after the figures.

The report may also carry a 项目支出表 (``project_table``). The figures are the same in every layout,
so the verdicts must be too. The header word of the funds column may be changed (``funds_word``:
项目总额, a total that may span years, gives no certain relation).
"""

from __future__ import annotations

from pathlib import Path

from .project_table_fixture import fixture_module, prose_page

#: (unit, project, funds); each project gets INDICATORS rows
PROJECTS = [
    ("某市信访局", "2026信访专项经费", "30.00"),
    ("某市信访局", "2026信访接待中心运行费", "116.00"),
    ("某市信访局", "2026驻京经费", "312.00"),
    ("某市信访局", "信访局临聘人员经费", "16.56"),
]
INDICATORS = [("产出指标", "数量指标", ">=2次"), ("成本指标", "经济成本指标", "<=17万元"),
              ("效益指标", "社会效益指标", ">=100%"), ("满意度指标", "服务对象满意度", ">=90%")]
GOAL = "保障工作正常开展"

#: the prose: four projects by name (one 15.56 against the sheets' 16.56), one project no table lists, a
#: list led by 主要用于 that the project rows close, one naming only some parts, and one exceeding its total
PROSE = ("八、项目支出情况说明\n"
         "2026信访接待中心运行费116.00万元，2026驻京经费312.00万元，信访局临聘人员经费15.56万元，"
         "2026年信访专项经费30.00万元，办公楼维修经费20.00万元。\n"
         "九、项目支出构成\n"
         "项目支出预算474.56万元，主要用于2026信访接待中心运行费116.00万元、2026信访专项经费30.00万元、"
         "2026驻京经费312.00万元、信访局临聘人员经费15.56万元。\n"
         "2026驻京经费312.00万元，主要用于房租249.80万元、差旅费26.00万元。\n"
         "2026信访专项经费30.00万元，用于专家评审18.00万元、网络专线15.00万元。")

LAYOUTS = ("first row", "merged", "merged, name last")


def header(layout: str, funds_word: str) -> list[str]:
    if layout == "first row":
        return ["单位名称", "项目名称", f"{funds_word}(万元)", "年度绩效目标", "一级指标", "二级指标", "指标值"]
    if layout == "merged":
        return ["项目名称", funds_word, "其中：财政拨款", "绩效目标", "一级指标", "二级指标", "指标值"]
    return [funds_word, "其中：财政拨款", "项目名称", "绩效目标", "一级指标", "二级指标", "指标值"]


def block(layout: str, project: tuple[str, str, str], top: int) -> tuple[list[list[str | None]], list[tuple]]:
    """A project's rows (starting at table row ``top``) and the spans merging its cells."""
    unit, name, funds = project
    n = len(INDICATORS)
    rows: list[list[str | None]] = []
    spans: list[tuple] = []
    for i, (first, second, value) in enumerate(INDICATORS):
        if layout == "first row":
            rows.append([unit if i == 0 else "", name if i == 0 else "", funds if i == 0 else "",
                         GOAL if i == 0 else "", first, second, value])
            continue
        lead = [name, funds, funds, GOAL] if layout == "merged" else [funds, funds, name, GOAL]
        rows.append([*(lead if i == 0 else [None] * 4), first, second, value])
    if layout != "first row":
        spans = [(top, k, n, 1) for k in range(4)]
    return rows, spans


def write_report(path: Path, layout: str, funds_word: str = "年度资金总额", project_table: bool = True) -> Path:
    """The report as a PDF: the prose on p.1, the 项目支出表 on p.2 (if any), the 绩效目标表 after."""
    fx = fixture_module()
    c = prose_page(fx, path, PROSE)
    if project_table:
        rows = [["项目名称", "合计", "一般公共预算"], ["综合管理", "474.56", "474.56"]]
        rows += [[name, funds, funds] for _, name, funds in PROJECTS]
        y = fx.title_block(c, fx.H - 80, "项目支出表", "", "预算单位：某市信访局|单位：万元")
        fx.draw_table(c, 60, y, [180, 90, 90], rows, row_h=22)
        c.showPage()
    table: list[list[str | None]] = [list(header(layout, funds_word))]
    spans: list[tuple] = []
    for project in PROJECTS:
        rows, merged = block(layout, project, len(table))
        table += rows
        spans += merged
    widths = [60, 110, 90, 80, 60, 70, 60] if layout == "first row" else [110, 70, 70, 80, 60, 70, 60]
    if layout == "merged, name last":
        widths = [70, 70, 110, 80, 60, 70, 60]
    y = fx.title_block(c, fx.H - 80, "项目支出绩效目标表", "", "预算单位：某市信访局|单位：万元")
    fx.draw_table(c, 25, y, widths, table, row_h=20, size=8, spans=spans)
    c.showPage()
    c.save()
    return path
