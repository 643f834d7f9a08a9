"""Issue 13: the work on a sentence grows linearly with its length, whatever it repeats.

A line of thousands of figures (``1万元`` × 2,000: 31 s; × 30,000: over 5 minutes) or of list
leads (``其中：`` × 20,000: 42 s) took time quadratic in its length. The work is measured here as
the lines of the package's own code executed (a timing-free count): doubling the input may at most
about double it. Times before and after: ``bench/hostile_inputs.py``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from narrative_extract import api

PACKAGE = str(Path(api.__file__).resolve().parent)


def lines_run(path: Path) -> int:
    """Lines of narrative_extract executed while extracting the claims of ``path``."""
    return lines_of(lambda: api.extract(str(path)))


def lines_of(work: Callable[[], object]) -> int:
    """Lines of narrative_extract executed by ``work()``, run a second time (the first run warms up)."""
    count = 0

    def tracer(frame, event, arg):
        nonlocal count
        if not frame.f_code.co_filename.startswith(PACKAGE):
            return None
        if event == "line":
            count += 1
        return tracer

    work()  # warm-up: loaders and caches are not the sentence's work
    sys.settrace(tracer)
    try:
        work()
    finally:
        sys.settrace(None)
    return count


def report_with(tmp_path: Path, line: str, name: str) -> Path:
    path = tmp_path / f"{name}.txt"
    path.write_text(f"一、收入支出决算总体情况\n{line}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("unit", "name"), [
    ("1万元", "one_clause"),           # one clause of figures: each read its whole clause before it
    ("1万元，", "many_clauses"),       # no subject: each read the whole sentence before it
    ("收入1万元，", "named"),
    ("财政拨款支出1万元、", "listed"),  # 、-lists: the subject after the last listed figure
    ("其中：", "leads"),               # list leads: each looked for its end and total from the start
    ("其中：支出1万元，", "lists"),
    ("（其中：1万元，2万元）", "brackets"),
    ("决算数大于年初预算数", "comparisons"),   # each read its whole clause before it for a subject
    ("决算数大于年初预算数，1万元，", "compared_figures"),  # and the claims before it for the last named
])
def test_work_on_a_line_grows_linearly_with_its_length(tmp_path, unit, name):
    small = lines_run(report_with(tmp_path, unit * 300, f"{name}_300"))
    large = lines_run(report_with(tmp_path, unit * 600, f"{name}_600"))
    assert large < 2.4 * small, (small, large)  # quadratic work would be 4×


# A paragraph of many sentences: each looked back through the claims of all the sentences before it for
# the last subject an unnamed figure or a comparison takes (claims/earlier.py).
@pytest.mark.parametrize(("unit", "name"), [
    ("1万元。", "sentences"),
    ("支出1万元，决算数大于年初预算数。", "compared_sentences"),
])
def test_work_on_a_paragraph_grows_linearly_with_its_sentences(tmp_path, unit, name):
    small = lines_run(report_with(tmp_path, unit * 300, f"{name}_300"))
    large = lines_run(report_with(tmp_path, unit * 600, f"{name}_600"))
    assert large < 2.4 * small, (small, large)  # quadratic work would be 4×


# Within the window a figure's words are read from (claims/reach.py, 400 characters), each figure parsed
# every figure before it anew to find where its subject starts (claims/listed.py): 1万元 × 30,000 took
# 53 s of CPU. The sentence's figures are now found once; 60 and 120 figures both fit in the window.
@pytest.mark.parametrize(("unit", "name"), [
    ("1万元", "figures"),
    ("1万元、", "listed"),
    ("收入1万元", "named"),
])
def test_work_per_figure_does_not_grow_with_the_figures_before_it(tmp_path, unit, name):
    small = lines_run(report_with(tmp_path, unit * 60, f"{name}_60"))
    large = lines_run(report_with(tmp_path, unit * 120, f"{name}_120"))
    assert large < 2.4 * small, (small, large)  # parsing the figures before each figure would be ~4×


# The checking stage (claims and tables → findings) on the claims of such a line: every check asked for
# the clause of each figure by searching the whole text before it (收入1万元， × 10,000: 27 s of CPU).


def checking_lines(path: Path) -> int:
    """Lines executed by the checking stage alone, on claims extracted beforehand."""
    from narrative_extract.claims.extract import document_to_claims
    from narrative_extract.reconcile import claims_to_findings

    doc = api.read_document(str(path))
    claims = document_to_claims(doc)
    return lines_of(lambda: claims_to_findings(doc, claims))


@pytest.mark.parametrize(("unit", "name"), [
    ("收入1万元，", "named"),
    ("1万元，", "many_clauses"),
    ("其中：支出1万元，", "lists"),
    ("财政拨款支出1万元、", "listed"),
    # a composition word after a total (reconcile: each figure no table carries asks for the lists it heads)
    ("项目支出2万元，主要用于甲项目1万元、乙项目1万元；", "compositions"),
    ("涉及资金1万元，", "project_funds"),  # the project-summary checks read each figure's clause
    ("涉及项目1个，涉及资金1万元，", "project_summaries"),  # and the sentence's project count, per figure
    ("项目自评得分90分，项目全年预算数为1万元，", "projects"),
    # every summary walked every project described after it (reconcile/project_lists.py)
    ("涉及项目1个，涉及资金1万元，项目自评得分90分，项目全年预算数为1万元，", "summaries_and_projects"),
    ("涉及项目1个，自评平均分90分，项目自评得分90分，项目全年预算数为1万元，", "averages_and_projects"),
    ("涉及项目1个，涉及资金1万元。\n项目自评得分90分，项目全年预算数为1万元。\n", "summaries_and_project_paragraphs"),
])
def test_checking_a_line_grows_linearly_with_its_length(tmp_path, unit, name):
    small = checking_lines(report_with(tmp_path, unit * 300, f"{name}_300"))
    large = checking_lines(report_with(tmp_path, unit * 600, f"{name}_600"))
    assert large < 2.4 * small, (small, large)  # quadratic work would be 4×


# Reason lead-ins: each searched the whole sentence before it for the change it explains (…增加较多，主要原因是),
# and the sentence's claims for the last change before it (claims/reasons.py; 支出增加1万元，主要原因是人员增加，
# × 5,000: 66 s of CPU); a reason running to its sentence's end read the rest of the line again to know it
# (claims/reason_sentences.py); each sentence's reasons and lists went through all the claims of the
# sentences before it (claims/earlier.py keeps what they ask for as the claims are added).
@pytest.mark.parametrize(("unit", "name"), [
    ("支出增加1万元，主要原因是人员增加，", "reasons"),
    ("支出增加1万元，主要原因是人员增加；", "separate_reasons"),
    ("支出减少的主要原因是人员减少，", "own_changes"),
    ("主要原因是人员增加。", "reason_sentences"),
    ("支出增加1万元。主要原因是人员增加。", "changes_and_reasons"),
    ("支出1万元。其中：", "list_leads"),
    ("因公出国费增加1万元。公务接待费支出减少的主要原因是人员减少。", "named_changes"),  # the item's own change
    # performance reasons: each lead-in's words read back from it (claims/performance.py), a form's cells
    # one per line joined into one sentence (claims/cell_reasons.py)
    ("预算执行率未达到100%，主要原因是资金下达较晚，", "performance_reasons"),
    ("偏差原因分析\n资金下达较晚\n得分\n", "form_cells"),
    ("偏差原因：资金下达\n较晚，", "wrapped_labels"),
])
def test_work_on_reason_lead_ins_grows_linearly(tmp_path, unit, name):
    small = lines_run(report_with(tmp_path, unit * 300, f"{name}_300"))
    large = lines_run(report_with(tmp_path, unit * 600, f"{name}_600"))
    assert large < 2.4 * small, (small, large)  # quadratic work would be 4×


# Paragraphs under a heading of performance reasons (claims/heading_reasons.py): each reason placed among
# the claims once, not by a search through all of them.
def test_work_on_reasons_announced_by_a_heading_grows_linearly(tmp_path):
    def report(n: int) -> Path:
        path = tmp_path / f"headed_{n}.txt"
        body = "支出1万元。\n（一）偏差原因分析\n资金下达较晚。\n" * n
        path.write_text(f"一、绩效自评情况\n{body}", encoding="utf-8")
        return path
    small = lines_run(report(150))
    large = lines_run(report(300))
    assert large < 2.4 * small, (small, large)
