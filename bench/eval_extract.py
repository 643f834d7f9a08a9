"""Precision and recall of `extract` against the hand-labelled claims in corpus/labels/.

A predicted claim matches a label when line, kind and value agree (value compared as Decimal).
Run: python bench/eval_extract.py
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from narrative_extract import api

KINDS = ("amount", "share", "yoy_amount", "yoy_pct", "budget_completion")
REPORTS = ("liaoning_org_2024_final", "anju_org_2024_final")


def key(line: int, kind: str, value: str | None) -> tuple:
    return (line, kind, Decimal(value) if value not in (None, "") else None)


def evaluate(report: str, kinds=KINDS) -> dict:
    labels = [json.loads(x) for x in (REPO / "corpus/labels" / f"{report}.claims.jsonl").read_text().splitlines() if x]
    gold = Counter(key(r["line"], r["kind"], r.get("value")) for r in labels if r["kind"] in kinds)
    first, last = min(r["line"] for r in labels), max(r["line"] for r in labels)
    predicted = Counter(
        key(c.loc.line, c.kind, str(c.amount.value) if c.amount else None)
        for c in api.extract(str(REPO / "corpus" / f"{report}.txt"))
        if c.kind in kinds and first <= c.loc.line <= last
    )
    hit = sum((gold & predicted).values())
    return {
        "report": report,
        "gold": sum(gold.values()),
        "predicted": sum(predicted.values()),
        "correct": hit,
        "precision": hit / max(1, sum(predicted.values())),
        "recall": hit / max(1, sum(gold.values())),
        "missed": sorted((gold - predicted).elements())[:40],
        "spurious": sorted((predicted - gold).elements())[:40],
    }


if __name__ == "__main__":
    for report in REPORTS:
        r = evaluate(report)
        print(f"{report}: precision {r['precision']:.3f} recall {r['recall']:.3f} "
              f"({r['correct']} of {r['gold']} labelled, {r['predicted']} predicted)")
        if "-v" in sys.argv:
            print("  missed:", r["missed"])
            print("  spurious:", r["spurious"])
