"""`make bench`: extraction quality against the hand labels, and check throughput on the corpus
(and on ../shared/real_pdfs when present). Figures are printed, never asserted as timings."""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from eval_extract import REPORTS, evaluate

from narrative_extract import api
from narrative_extract.errors import InputError


def main() -> None:
    for report in REPORTS:
        r = evaluate(report)
        print(f"extract {report}: precision {r['precision']:.3f} recall {r['recall']:.3f} ({r['correct']}/{r['gold']})")
    files = sorted((REPO / "corpus").glob("*.txt"))
    pdfs = REPO.parent / "shared" / "real_pdfs"
    if pdfs.is_dir():
        files += sorted(pdfs.glob("*.pdf"))
    api.check(str(files[0]))  # warm-up: spaCy and jieba load once
    for f in files:
        start = time.perf_counter()
        try:
            findings = api.check(str(f))
        except InputError as err:
            print(f"check {f.name}: error {err.reason}")
            continue
        statuses = {s: sum(1 for x in findings if x.status == s) for s in ("consistent", "rounding", "mismatch", "unverifiable", "warning")}
        print(f"check {f.name}: {time.perf_counter() - start:.2f}s {statuses}")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    batch_throughput([str(f) for f in files] * 3)
    grouping_throughput(40_000)


def batch_throughput(paths: list[str]) -> None:
    """``check --jobs``: a whole batch (every report three times) on 1 process and on one per CPU,
    through the same code the CLI runs (worker start-up included)."""
    from narrative_extract.batch import default_jobs, map_reports
    from narrative_extract.cli import finding_records

    for jobs in sorted({1, default_jobs()}):
        start = time.perf_counter()
        n = sum(len(o.records) for o in map_reports(paths, finding_records, jobs))
        took = time.perf_counter() - start
        print(f"batch of {len(paths)} reports, jobs={jobs}: {took:.1f}s ({len(paths) / took:.2f} reports/s, {n} records)")


if __name__ == "__main__":
    main()


def grouping_throughput(n: int) -> None:
    """Near-duplicate grouping of a corpus-sized set of reasons: ``n`` texts spliced at random from
    pairs of the labelled reasons (many near-duplicates of different lengths)."""
    import json
    import random

    from narrative_extract.reasons.grouping import group_reasons

    labels = REPO / "corpus" / "reasons" / "labels.jsonl"
    texts = [json.loads(x)["text"] for x in labels.read_text(encoding="utf-8").splitlines() if x.strip()]
    long = [t for t in texts if len(t) >= 6]
    rng = random.Random(0)
    spliced = [a[: rng.randint(3, len(a))] + "，" + b[rng.randint(0, len(b) - 3):]
               for a, b in ((rng.choice(long), rng.choice(long)) for _ in range(n))]
    start = time.perf_counter()
    groups = group_reasons(spliced)
    print(f"grouping {n} reasons: {time.perf_counter() - start:.1f}s ({len(set(groups))} groups)")
