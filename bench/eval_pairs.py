"""The reports published as two files (北京: 情况说明 + 报表), paired by the tool: per pair, the share
of prose amounts verified against the tables, for the pair and for its narrative alone.

Pairs come from ``api.assemble`` on ../shared/national_pdfs (the files' names and the totals both
parts share; MANIFEST.tsv is not read). "Verified" is eval_check's measure: of the prose amounts
some table cell of the report prints within rounding (``printed_in_tables``), those ``check``
gives a verdict other than ``unverifiable``. Also prints the time pairing took.

    .venv/bin/python bench/eval_pairs.py [--jobs 2]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from eval_check import SEED, evaluate_report, pct

FOLDER = REPO.parent / "shared" / "national_pdfs"
RESULTS = REPO / "bench" / "results" / "eval_pairs.json"


def main(argv: list[str] | None = None) -> int:
    from narrative_extract import api
    from narrative_extract.ingest.pairing import How

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--folder", type=Path, default=FOLDER)
    ap.add_argument("-o", "--output", type=Path, default=RESULTS)
    args = ap.parse_args(argv)
    if not args.folder.is_dir():
        print(f"{args.folder} not found: nothing to evaluate", file=sys.stderr)
        return 0
    start = time.perf_counter()
    assembled = api.assemble([str(args.folder)])
    pairing_s = time.perf_counter() - start
    paired = [a for a in assembled if a.how is How.PAIRED]
    print(f"pairing {len(list(args.folder.glob('*.pdf')))} files: {pairing_s:.1f}s, {len(paired)} pairs")
    docs = [a.doc for a in paired] + [a.parts[0] for a in paired]
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(evaluate_report, docs, [0] * len(docs), [SEED] * len(docs)))
    pairs, alone = results[:len(paired)], results[len(paired):]
    head = f"{'pair':<30} {'claims':>6} {'verified / printed in tables':>30} {'narrative alone':>16} {'MM':>3}"
    print(head + "\n" + "-" * len(head))
    total = [0, 0]
    for a, r, n in zip(paired, pairs, alone, strict=True):
        name = "+".join(Path(p).name.removesuffix(".pdf") for p in a.parts)
        if "error" in r:
            print(f"{name:<30} error: {r['error']}")
            continue
        verified, sourced = r["sourced_amounts"]
        total[0] += verified
        total[1] += sourced
        nv, ns = n.get("sourced_amounts", [0, 0])
        print(f"{name:<30} {r['claims']:>6} {verified:>12} / {sourced:<5} {pct(verified, sourced):>8}"
              f" {nv:>5} / {ns:<4} {len(r['mismatches']):>3}")
        for m in r["mismatches"]:
            print(f"    mismatch {m['at']} {m['kind']} {m.get('subject')} {m['raw']} expected {m['expected']}: "
                  f"{m['message']}")
    print(f"{'TOTAL':<30} {'':>6} {total[0]:>12} / {total[1]:<5} {pct(*total):>8}")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps({"pairing_seconds": round(pairing_s, 1),
                                       "pairs": [{"assembly": a.as_dict(), "pair": r, "narrative_alone": n}
                                                 for a, r, n in zip(paired, pairs, alone, strict=True)]},
                                      ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"details in {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
