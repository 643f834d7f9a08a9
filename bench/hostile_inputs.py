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

Reason lead-ins (before: main at beac4ea; after: branch speed3; same findings before and after):

    input                                       before    after
    支出增加1万元，主要原因是人员增加， × 2,500     19.1      0.9   each lead-in searched the whole sentence
      the same × 5,000                             75.2      1.8   before it and the claims before it; the
    支出增加1万元，主要原因是人员增加； × 5,000     73.1      2.7   searches ending at the lead-in now read at
                                                                  most their pattern's width (claims/tails.py),
                                                                  the claims are indexed by position once; a
                                                                  reason running to the sentence's end no
                                                                  longer cleans the rest of the line to know
                                                                  it (claims/reason_sentences.py)
    主要原因是人员增加。 × 5,000                    0.9      0.7   each sentence sorted all the changes before
      the same × 10,000                             2.3      1.1   it (now kept in order: claims/earlier.py)
    支出1万元。其中： × 5,000                       5.6      2.5   each sentence's list with no total of its
                                                                  own went through all the claims before it
                                                                  for the last money amount (claims/lists.py)
    因公出国费增加1万元。公务接待费支出减少的
      主要原因是人员减少。 × 4,000                 15.5      2.6   each lead-in naming its item's change went
                                                                  through every change before for that item
                                                                  (now the last of each name: claims/earlier.py)

Performance reasons (before: main at 1774e7e; after: branch frames3):

    input                                       before    after
    预算执行率未达到100%，主要原因是资金下达
      较晚， × 3,000                               0.5      0.7   303 findings before (one reason running on
                                                                  over the line), 3,302 after (each shortfall
                                                                  its own reason); each lead-in's words read
                                                                  back from it (claims/performance.py)
    偏差原因：资金下达较晚； × 3,000                0.4      0.4

Outputs unchanged: ``bench/same_output.py`` (check and extract records of corpus/*.txt, the 13 real PDFs
and 12 national PDFs) byte-identical before and after, for speed2's changes and for speed3's (56 of 56
files, the paths of the two work trees made the same).
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
          ("决算数大于年初预算数", 2_000), ("涉及项目1个，涉及资金1万元，项目自评得分90分，项目全年预算数为1万元，", 3_000),
          ("支出增加1万元，主要原因是人员增加，", 5_000), ("支出增加1万元，主要原因是人员增加；", 5_000),
          ("主要原因是人员增加。", 10_000), ("支出1万元。其中：", 5_000),
          ("因公出国费增加1万元。公务接待费支出减少的主要原因是人员减少。", 4_000)]


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
