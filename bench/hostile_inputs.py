"""Work on hostile lines (issue 13): `check` on the anju report with one line replaced by a figure or a
list lead repeated thousands of times. Prints CPU seconds per input; figures, never assertions
(tests/test_linear_work.py asserts the growth of the work instead).

    .venv/bin/python bench/hostile_inputs.py            # every input
    .venv/bin/python bench/hostile_inputs.py 1万元 2000  # one
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from narrative_extract import api

INPUTS = [("1万元", 2_000), ("1万元", 30_000), ("其中：", 20_000), ("收入1万元，", 10_000), ("其中：支出1万元，", 10_000)]


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
