"""Issue 13: the work on a sentence grows linearly with its length, whatever it repeats.

A line of thousands of figures (``1万元`` × 2,000: 31 s; × 30,000: over 5 minutes) or of list
leads (``其中：`` × 20,000: 42 s) took time quadratic in its length. The work is measured here as
the lines of the package's own code executed (a timing-free count): doubling the input may at most
about double it. Times before and after: ``bench/hostile_inputs.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from narrative_extract import api

PACKAGE = str(Path(api.__file__).resolve().parent)


def lines_run(path: Path) -> int:
    """Lines of narrative_extract executed while extracting the claims of ``path``."""
    count = 0

    def tracer(frame, event, arg):
        nonlocal count
        if not frame.f_code.co_filename.startswith(PACKAGE):
            return None
        if event == "line":
            count += 1
        return tracer

    api.extract(str(path))  # warm-up: loaders and caches are not the sentence's work
    sys.settrace(tracer)
    try:
        api.extract(str(path))
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
])
def test_work_on_a_line_grows_linearly_with_its_length(tmp_path, unit, name):
    small = lines_run(report_with(tmp_path, unit * 300, f"{name}_300"))
    large = lines_run(report_with(tmp_path, unit * 600, f"{name}_600"))
    assert large < 2.4 * small, (small, large)  # quadratic work would be 4×
