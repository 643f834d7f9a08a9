"""`make eval-national`: ``check`` over every report we have, each mismatch judged by hand.

Reports: ../shared/national_pdfs (132 budgets of 北京, 上海, 烟台, 苏州, 无锡, 长春), ../shared/real_pdfs and
corpus/*.txt. Per report it prints the standard tables found, claims, verdicts, the share of prose
amounts verified (oracle: amounts whose figure some table cell of the same report prints, within
rounding — see eval_check.printed_in_tables), mismatches, and a sample of the mutation benchmark
of ``make eval`` (one figure or word altered at a time; caught when a new mismatch lands on its page).

Every mismatch must be judged in corpus/labels/national_mismatches.jsonl: ``real`` (an error of the
report, with the figures that prove it) or ``false`` (a false alarm, with its cause; then fixed in
the mechanism, so it no longer appears). Exit 1 when a mismatch is unjudged, a judged false alarm
is raised again, or a judged real error is no longer caught.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from eval_check import SEED, evaluate_report, git_state, pct

SHARED = REPO.parent / "shared"
SOURCES = (SHARED / "national_pdfs", SHARED / "real_pdfs")
LABELS = REPO / "corpus" / "labels" / "national_mismatches.jsonl"
RESULTS = REPO / "bench" / "results" / "eval_national.json"


def reports() -> list[str]:
    found = sorted(str(p) for p in (REPO / "corpus").glob("*.txt"))
    for folder in SOURCES:
        if folder.is_dir():
            found += sorted(str(p) for p in folder.glob("*.pdf"))
    return found + pairs()


def pairs() -> list[str]:
    """北京's reports as published, narrative (情况说明) + tables (报表) as one report each, paired
    by the tool itself (api.assemble: names and shared totals), besides each half alone."""
    from narrative_extract import api
    from narrative_extract.ingest.pairing import How

    folder = SHARED / "national_pdfs"
    if not folder.is_dir():
        return []
    return [a.doc for a in api.assemble([str(folder)]) if a.how is How.PAIRED]


def label_key(doc: str, at: str, kind: str, raw: str) -> tuple[str, str, str, str]:
    return (doc, at, kind, raw)


def judged() -> dict[tuple[str, str, str, str], dict]:
    if not LABELS.exists():
        return {}
    rows = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {label_key(r["doc"], r["at"], r["kind"], r["raw"]): r for r in rows}


def group_of(name: str) -> str:
    """The city of a national file (beijing_01.pdf → beijing), else the collection."""
    stem = name.rsplit(".", 1)[0]
    head = stem.split("_")[0]
    if "+" in name:
        return f"{head}_pairs"
    return head if head in ("beijing", "shanghai", "yantai", "suzhou", "wuxi", "changchun") else (
        "corpus" if name.endswith(".txt") else "real_pdfs")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--max-per-report", type=int, default=6, help="alterations sampled per report (mutation benchmark)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("-o", "--output", type=Path, default=RESULTS)
    args = ap.parse_args(argv)
    files = reports()
    if not any(Path(f).suffix == ".pdf" for f in files):
        print(f"no PDFs under {SHARED}: only corpus/ is evaluated", file=sys.stderr)
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(evaluate_report, files, [args.max_per_report] * len(files), [SEED] * len(files)))
    labels = judged()
    seen: set[tuple] = set()
    unjudged, false_again = [], []
    by_group: dict[str, Counter] = {}
    head = f"{'report':<34} {'std tables':>10} {'claims':>6} {'verified':>14} {'MM':>3} {'alter':>6} {'caught':>6}"
    print(head + "\n" + "-" * len(head))
    for r in results:
        name = r["report"]
        group = by_group.setdefault(group_of(name), Counter())
        if "error" in r:
            print(f"{name:<34} error: {r['error']}")
            group["errors"] += 1
            continue
        verified, sourced = r["sourced_amounts"]
        caught = sum(1 for a in r["alterations"] if a["outcome"] == "caught")
        print(f"{name:<34} {len(r['standard_tables']):>10} {r['claims']:>6} {verified:>5}/{sourced:<4}{pct(verified, sourced):>5}"
              f" {len(r['mismatches']):>3} {len(r['alterations']):>6} {caught:>6}")
        group.update({"reports": 1, "verified": verified, "sourced": sourced, "mismatches": len(r["mismatches"]),
                      "alterations": len(r["alterations"]), "caught": caught, "claims": r["claims"]})
        for m in r["mismatches"]:
            key = label_key(name, m["at"], m["kind"], m["raw"])
            seen.add(key)
            label = labels.get(key)
            if label is None:
                unjudged.append((name, m))
            elif label["verdict"] == "false":
                false_again.append((name, m, label))
    missed = [row for key, row in labels.items() if row["verdict"] == "real" and key not in seen
              and any(r["report"] == row["doc"] for r in results)]
    print("\nby city / collection:")
    for group, c in sorted(by_group.items()):
        print(f"  {group:<10} reports {c['reports']:>3}  amounts verified {c['verified']:>5} of {c['sourced']:>5}"
              f" ({pct(c['verified'], c['sourced'])})  mismatches {c['mismatches']:>3}  mutations caught"
              f" {c['caught']:>4} of {c['alterations']:>4} ({pct(c['caught'], c['alterations'])})"
              + (f"  errors {c['errors']}" if c["errors"] else ""))
    total = sum(by_group.values(), Counter())
    print(f"  {'TOTAL':<10} reports {total['reports']:>3}  amounts verified {total['verified']:>5} of {total['sourced']:>5}"
          f" ({pct(total['verified'], total['sourced'])})  mismatches {total['mismatches']:>3}  mutations caught"
          f" {total['caught']:>4} of {total['alterations']:>4} ({pct(total['caught'], total['alterations'])})")
    real = sum(1 for k in seen if (lab := labels.get(k)) and lab["verdict"] == "real")
    print(f"\njudged real and caught: {real}; judged real and missed: {len(missed)}; judged false and raised again:"
          f" {len(false_again)}; unjudged: {len(unjudged)}")
    for name, m in unjudged:
        print(f"  UNJUDGED {name} {m['at']} {m['kind']} {m['subject']} {m['raw']} expected {m['expected']}: {m['message']}")
    for name, m, label in false_again:
        print(f"  FALSE ALARM AGAIN {name} {m['at']} {m['kind']} {m['raw']}: {label['why']}")
    for row in missed:
        print(f"  REAL ERROR MISSED {row['doc']} {row['at']} {row['kind']} {row['raw']}: {row['why']}")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps({"settings": {"max_per_report": args.max_per_report, **git_state(),
                                                    "seconds": round(time.perf_counter() - start, 1)},
                                       "by_group": {g: dict(c) for g, c in by_group.items()},
                                       "reports": results}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"\n{len(files)} reports in {time.perf_counter() - start:.0f}s; details in {args.output}")
    return 1 if unjudged or false_again or missed else 0


if __name__ == "__main__":
    sys.exit(main())
