"""Throughput of ``check`` (issue 16): figures printed, never asserted.

1. **PDF against a bare pdfplumber pass.** For each PDF, in one process with every import already
   done, a bare pdfplumber pass (``extract_text`` + ``find_tables`` on every page) and ``check`` run
   side by side, in alternating order, timed in CPU seconds of this process (the machine is shared:
   wall time measures the neighbours as much as the code; it is printed too). The ratio is
   check / bare, per file and over all files. The 30-page report is timed ``--repeat`` times.
   Start-up (importing and loading what ``check`` needs: spaCy, jieba, the patterns) is measured
   apart, in fresh processes, against importing pdfplumber.
2. **Text reports per second per core** at steady state: the corpus texts checked over and over
   in one process once warm (the first report, which pays the start-up, is reported apart).
3. **Peak memory of one worker** over many reports: a worker process checks the PDFs one after the
   other and reports its resident memory (current and peak) after each; the figures after the
   10th report and after the last show whether memory grows with the number of reports.

    python bench/throughput.py                   # a sample of ../shared/national_pdfs (every 6th)
    python bench/throughput.py --national all    # the whole national corpus (about 20 min)
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
REPORT_30 = SHARED / "real_pdfs" / "putuo_planning_resources_2024_final.pdf"
NATIONAL = SHARED / "national_pdfs"
TEXTS = sorted((REPO / "corpus").glob("*.txt"))


def bare_pass(path: Path) -> None:
    """What a bare pdfplumber reading of a report costs: every page's text and tables."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.find_tables()
            page.close()


def _check(path: Path) -> None:
    from narrative_extract import api

    api.checked(str(path))


def _timed(fn, path: Path) -> tuple[float, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    fn(path)
    return time.process_time() - cpu, time.perf_counter() - wall


def side_by_side(path: Path, swap: bool) -> tuple[tuple[float, float], tuple[float, float]]:
    """(bare cpu, wall), (check cpu, wall) for one file, the order swapped when ``swap``."""
    if swap:
        c = _timed(_check, path)
        b = _timed(bare_pass, path)
    else:
        b = _timed(bare_pass, path)
        c = _timed(_check, path)
    return b, c


def pdf_ratio(files: list[Path], repeat: int) -> None:
    _check(TEXTS[0])  # imports and models loaded before anything is timed
    _check(REPORT_30)
    bare_pass(REPORT_30)
    ratios = []
    for k in range(repeat):
        (bc, bw), (cc, cw) = side_by_side(REPORT_30, swap=k % 2 == 1)
        ratios.append(cc / bc)
        print(f"pdf 30-page {REPORT_30.name} run {k + 1}: bare {bc:.2f}s check {cc:.2f}s cpu "
              f"(wall {bw:.2f}s / {cw:.2f}s) ratio {cc / bc:.2f}")
    print(f"pdf 30-page ratio check/bare: median {statistics.median(ratios):.2f} "
          f"(min {min(ratios):.2f}, max {max(ratios):.2f}, {repeat} runs, CPU time)")
    if not files:
        return
    totals = [0.0, 0.0, 0.0, 0.0]
    pages = 0
    per_file = []
    for k, path in enumerate(files):
        (bc, bw), (cc, cw) = side_by_side(path, swap=k % 2 == 1)
        n = _pages(path)
        pages += n
        for i, v in enumerate((bc, cc, bw, cw)):
            totals[i] += v
        per_file.append(cc / bc)
        print(f"pdf {path.name} ({n} p): bare {bc:.2f}s check {cc:.2f}s cpu ratio {cc / bc:.2f}", flush=True)
    bc, cc, bw, cw = totals
    print(f"pdf corpus {len(files)} files, {pages} pages: bare {bc:.1f}s check {cc:.1f}s cpu, ratio {cc / bc:.2f} "
          f"(per file: median {statistics.median(per_file):.2f}, max {max(per_file):.2f}); "
          f"check {pages / cc:.1f} pages per CPU-second; wall {bw:.1f}s / {cw:.1f}s")


def _pages(path: Path) -> int:
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(path))
    try:
        return len(doc)
    finally:
        doc.close()


def startup() -> None:
    """CPU seconds of a fresh process that only imports pdfplumber, and of one that checks a
    one-line text (imports, spaCy + jieba, patterns); best of three."""
    tiny = REPO / "corpus" / "anju_org_2024_final.txt"
    probes = {
        "bare (import pdfplumber)": "import pdfplumber",
        "check (first report: imports, spaCy, jieba, patterns)":
            f"from narrative_extract import api; api.checked({str(tiny)!r})",
    }
    for name, code in probes.items():
        best = min(_child_cpu(code) for _ in range(3))
        print(f"start-up {name}: {best:.2f}s cpu")


def _child_cpu(code: str) -> float:
    prog = f"import resource\n{code}\nr = resource.getrusage(resource.RUSAGE_SELF)\nprint(r.ru_utime + r.ru_stime)"
    out = subprocess.run([sys.executable, "-c", prog], capture_output=True, text=True, check=True, cwd=REPO)
    return float(out.stdout.strip().splitlines()[-1])


def text_rate(rounds: int) -> None:
    from narrative_extract import api

    cpu, wall = time.process_time(), time.perf_counter()
    api.checked(str(TEXTS[0]))
    print(f"text start-up: first report {time.process_time() - cpu:.2f}s cpu in this process")
    for path in TEXTS:  # one round to warm every per-process cache
        api.checked(str(path))
    n, cpu, wall = 0, time.process_time(), time.perf_counter()
    for _ in range(rounds):
        for path in TEXTS:
            api.checked(str(path))
            n += 1
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    print(f"text reports at steady state: {n} reports, {n / cpu:.2f} per CPU-second (per core), "
          f"{n / wall:.2f}/s wall")


def worker_memory(files: list[Path]) -> None:
    """One worker process checks ``files`` in turn; its RSS after the 10th and after the last."""
    code = (
        "import sys, json\nfrom narrative_extract import api\n"
        "def status():\n"
        "    f = dict(l.split(':', 1) for l in open('/proc/self/status') if ':' in l)\n"
        "    return int(f['VmRSS'].split()[0]) // 1024, int(f['VmHWM'].split()[0]) // 1024\n"
        "for i, p in enumerate(sys.argv[1:], 1):\n"
        "    api.checked(p)\n"
        "    print(json.dumps([i, p, *status()]), flush=True)\n"
    )
    rows = []
    with subprocess.Popen([sys.executable, "-c", code, *map(str, files)], stdout=subprocess.PIPE, text=True,
                          cwd=REPO) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            i, name, rss, peak = row = json.loads(line)
            rows.append(row)
            if i in (1, 10, len(files)) or i % 25 == 0:
                print(f"worker memory after {i} reports ({Path(name).name}): RSS {rss} MiB, peak {peak} MiB",
                      flush=True)
    if proc.returncode:
        raise SystemExit(f"the worker failed (exit {proc.returncode})")
    pdfs = [Path(r[1]) for r in rows if r[1].endswith(".pdf")]
    biggest = max(pdfs, key=_pages) if pdfs else None
    print(f"worker memory: peak after 10 reports {rows[min(9, len(rows) - 1)][3]} MiB, after {len(rows)} "
          f"{rows[-1][3]} MiB" + (f" (largest PDF {biggest.name}, {_pages(biggest)} pages)" if biggest else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--national", default="sample", help="'all', 'sample' (every 6th file) or 'none'")
    parser.add_argument("--repeat", type=int, default=3, help="runs of the 30-page report")
    parser.add_argument("--text-rounds", type=int, default=10, help="rounds over the corpus texts")
    parser.add_argument("--only", default="startup,text,pdf,memory", help="which parts, comma-separated")
    args = parser.parse_args()
    parts = set(args.only.split(","))
    national = sorted(NATIONAL.glob("*.pdf")) if NATIONAL.is_dir() else []
    if args.national == "sample":
        national = national[::6]
    elif args.national == "none":
        national = []
    if not SHARED.is_dir():
        print("throughput: ../shared is absent: the PDF figures are skipped")
    print("(CPU seconds of this process; the machine may be shared, so wall time is printed apart)")
    if "startup" in parts:
        startup()
    if "text" in parts:
        text_rate(args.text_rounds)
    if "pdf" in parts and REPORT_30.exists():
        pdf_ratio(national, args.repeat)
    if "memory" in parts and national:
        every = sorted(NATIONAL.glob("*.pdf"))
        worker_memory(every if args.national == "all" else national + TEXTS * 40)


if __name__ == "__main__":
    main()
