"""Append a blind-labelled batch of reasons (from reports outside ../shared) to the labels file.

    python bench/add_blind_batch.py REASONS [LABELLER=]LABELS ... --batch NAME --prefix DIR/ [--replace]
        [--out corpus/reasons/labels.jsonl]

REASONS: the batch's reasons as the pipeline extracted them without a classifier (``id``,
``source``, ``line``, ``text``, ``item``, ``direction``, ``basis``, ``context``, ``province``,
``report``); LABELS: the blind labeller's file (``{key, category, certain, rule, note}``, ``key`` =
``unit_key(text, item)``). Each reason becomes a labels row of batch NAME with its source as
``DIR/<file>`` (the reports themselves are not committed). Refuses a batch already in the file
(``--replace``: its rows are replaced, e.g. after the extraction changed and the new units were
labelled blind too; several LABELS files are read in order) and a reason without a label. Near-duplicate ``group`` ids are recomputed over the whole file.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.apply_relabel import read_jsonl, read_out, unit_key
from narrative_extract.reasons.categories import is_empty_reason
from narrative_extract.reasons.grouping import group_reasons


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("reasons", type=Path)
    ap.add_argument("labels", nargs="+", help="labeller files; LABELLER=PATH gives that file's labeller")
    ap.add_argument("--batch", required=True)
    ap.add_argument("--replace", action="store_true", help="replace the batch's rows already in the file")
    ap.add_argument("--prefix", required=True)
    ap.add_argument("--labeller", default="blind")
    ap.add_argument("--out", type=Path, default=REPO / "corpus/reasons/labels.jsonl")
    args = ap.parse_args(argv)
    existing = read_jsonl(args.out)
    if any(r.get("batch") == args.batch for r in existing):
        if not args.replace:
            raise SystemExit(f"{args.out}: batch {args.batch} is already there (--replace to replace it)")
        existing = [r for r in existing if r.get("batch") != args.batch]
    labels: dict[str, dict] = {}
    for spec in args.labels:
        # LABELLER=PATH names who labelled that file (the units of a re-extraction keep their labellers)
        who, _, path = str(spec).rpartition("=") if "=" in str(spec) else (args.labeller, "", str(spec))
        labels.update(read_out(Path(path), who))
    rows = []
    for r in read_jsonl(args.reasons):
        key = unit_key(r["text"], r.get("item"))
        if key not in labels:
            raise SystemExit(f"{args.reasons}: no label for {r['source']}:{r['line']} ({r['text'][:30]}…)")
        lab = labels[key]
        rows.append({
            "id": r["id"], "text": r["text"], "category": lab["category"], "basis": r.get("basis"),
            "source": args.prefix + r["source"], "line": r["line"], "origin": "pipeline", "item": r.get("item"),
            "direction": r.get("direction"), "context": r.get("context", ""), "batch": args.batch,
            "report": f"{r.get('province', '')} {r.get('report', '')}".strip(),
            "certain": bool(lab.get("certain", True)), "note": lab.get("note", ""), "rule": lab.get("rule", ""),
            "labeller": lab["labeller"], "label_key": key, "category_blind": lab["category"],
            **({"empty": True} if is_empty_reason(r["text"]) else {}),
        })
    every = existing + rows
    # near-duplicate groups are made over the whole file: a new text may join an older group
    changed = 0
    for r, g in zip(every, group_reasons([r["text"] for r in every])):
        changed += r.get("group") not in (None, g)
        r["group"] = g
    args.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in every), encoding="utf-8")
    print(f"{len(rows)} reasons of batch {args.batch} appended to {args.out}; {changed} older rows regrouped",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
