"""Work on hostile lines (issue 13): `check` on the anju report with one line replaced by a figure or a
list lead repeated thousands of times. Prints CPU seconds per input; figures, never assertions
(tests/test_linear_work.py asserts the growth of the work instead).

    .venv/bin/python bench/hostile_inputs.py            # every input
    .venv/bin/python bench/hostile_inputs.py 1万元 2000  # one

CPU seconds, 2 cores shared with other jobs, under ``nice`` (before: main at e71839b; after: branch speed2):

    input                                       before    after
    1万元 × 2,000                                  4.3      0.4
    1万元 × 30,000                                52.9      3.8   a figure's subject: the sentence's figures
                                                                  found once (claims/listed.py), not parsed
                                                                  again per figure within its 400 characters
    其中： × 20,000                                 0.4      0.4
    收入1万元， × 10,000                            4.2      2.9
    其中：支出1万元， × 10,000                      4.5      3.5
    决算数大于年初预算数 × 2,000                  108.6      2.3   a comparison's clause read within the window
    涉及项目1个，涉及资金1万元，项目自评得分90分，
      项目全年预算数为1万元， × 3,000                6.5      2.9   summaries × projects (reconcile/project_lists.py)
      the same × 10,000                           65.5     11.2

Still quadratic (not in INPUTS): 支出增加1万元，主要原因是人员增加， × 2,500: 16.9 s, × 5,000: 65.9 s —
each reason lead-in searches the whole sentence before it (claims/reasons.py ``sentence_reasons``).

Outputs unchanged: ``bench/same_output.py`` (check and extract records of corpus/*.txt, the 13 real PDFs
and 12 national PDFs) byte-identical before and after.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from narrative_extract import api

INPUTS = [("1万元", 2_000), ("1万元", 30_000), ("其中：", 20_000), ("收入1万元，", 10_000), ("其中：支出1万元，", 10_000),
          ("决算数大于年初预算数", 2_000), ("涉及项目1个，涉及资金1万元，项目自评得分90分，项目全年预算数为1万元，", 3_000)]


def with_line(line: str, folder: Path) -> Path:
    """The anju report with ``line`` on one of its blank lines (line numbers unchanged)."""
    lines = (REPO / "corpus" / "anju_org_2024_final.txt").read_text(encoding="utf-8").split("\n")
    at = next(i for i, x in enumerate(lines) if i > 40 and not x.strip() and not lines[i - 1].strip())
    lines[at] = line
    path = folder / "hostile.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def main() -> None:
    inputs = [(sys.argv[1], int(sys.argv[2]))] if len(sys.argv) > 2 else INPUTS
    api.check(str(REPO / "corpus" / "anju_org_2024_final.txt"))  # warm-up: spaCy and jieba load once
    with tempfile.TemporaryDirectory() as tmp:
        for unit, n in inputs:
            path = with_line(unit * n, Path(tmp))
            start = time.process_time()
            findings = api.check(str(path))
            print(f"{unit} × {n:,}: {time.process_time() - start:.1f} s CPU, {len(findings)} findings", flush=True)


if __name__ == "__main__":
    main()
