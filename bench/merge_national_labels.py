"""Merge the blind labels of the national reasons with the harvested reasons into a labels file.

    python bench/merge_national_labels.py UNLABELLED LABELS [--second SECOND] [--keys id_to_key.json]
        [--out corpus/reasons/national_labels.jsonl]

UNLABELLED: the harvested reasons (``corpus/reasons/national_unlabelled.jsonl``: id, text, context,
source, city, page, basis, item, direction, origin …). LABELS: the labellers' rows
``{id, category, certain, note}``; ``id`` is a reason's id or the packet key the labellers saw
(``--keys``: ``{reason id: packet key}``; one key stands for every reason with the same text and
context, and its label is given to each of them). Writes one row per labelled reason with the
harvested fields, ``category``, ``certain``, ``note`` and ``batch`` (``national-2026-12``); with
``--second``, the second blind labelling of a sample as ``<out stem>_second.jsonl`` (rows
``{id, category, certain, note}``, one per item labelled, keyed by a reason id), which ``train-reasons`` reads
to report Cohen's κ. Reasons without a label are listed on standard error and left out.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from narrative_extract.reasons.categories import CATEGORY_IDS

BATCH = "national-2026-12"
KEEP = ("id", "text", "category", "certain", "note", "city", "source", "page", "line", "basis", "item", "direction",
        "empty", "origin", "context", "batch", "labeller", "label_key", "category_blind")
#: what a labeller's row brings besides the category (when present)
LABEL_FIELDS = ("labeller", "label_key", "category_blind")


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def labels_by_id(rows: list[dict], ids: set[str], keys: dict[str, str], path: Path,
                 expand: bool = True) -> dict[str, dict]:
    """{reason id: label row}: a row's id is a reason id or a packet key standing for several
    (all of them, or with ``expand`` false only the first: one row per item labelled, for κ)."""
    by_key: dict[str, list[str]] = {}
    for rid, key in keys.items():
        by_key.setdefault(key, []).append(rid)
    out: dict[str, dict] = {}
    for n, row in enumerate(rows, 1):
        lid = str(row.get("id") or row.get("key") or "")
        if row.get("category") not in CATEGORY_IDS:
            raise SystemExit(f"{path}:{n}: unknown category {row.get('category')!r}")
        targets = [lid] if lid in ids else by_key.get(lid, [])
        if not targets:
            raise SystemExit(f"{path}:{n}: id {lid!r} is neither a reason id nor a packet key")
        for rid in sorted(targets) if expand else sorted(targets)[:1]:
            out[rid] = row
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("unlabelled", type=Path)
    ap.add_argument("labels", type=Path)
    ap.add_argument("--second", type=Path)
    ap.add_argument("--keys", type=Path)
    ap.add_argument("--out", type=Path, default=REPO / "corpus" / "reasons" / "national_labels.jsonl")
    args = ap.parse_args(argv)
    reasons = read_jsonl(args.unlabelled)
    ids = {r["id"] for r in reasons}
    keys = json.loads(args.keys.read_text(encoding="utf-8")) if args.keys else {}
    first = labels_by_id(read_jsonl(args.labels), ids, keys, args.labels)
    out_rows, missing = [], []
    for r in reasons:
        label = first.get(r["id"])
        if label is None:
            missing.append(r)
            continue
        row = {**r, "category": label["category"], "certain": bool(label.get("certain", True)),
               "note": label.get("note") or "", "batch": BATCH, **{k: label[k] for k in LABEL_FIELDS if k in label}}
        if row.get("empty"):
            row["category"] = "other"
        out_rows.append({k: row[k] for k in KEEP if k in row})
    args.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out_rows), encoding="utf-8")
    print(f"{args.out}: {len(out_rows)} labelled reasons; {len(missing)} without a label", file=sys.stderr)
    for r in missing[:20]:
        print(f"  no label: {r['id']} {r['source']} {r['text'][:40]}", file=sys.stderr)
    if args.second:
        second = labels_by_id(read_jsonl(args.second), ids, keys, args.second, expand=False)
        rows = [{"id": rid, "category": s["category"], "certain": bool(s.get("certain", True)),
                 "note": s.get("note") or "", **{k: s[k] for k in LABEL_FIELDS if k in s}}
                for rid, s in sorted(second.items()) if rid in first]
        path = args.out.with_name(args.out.stem + "_second" + args.out.suffix)
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        print(f"{path}: {len(rows)} reasons labelled a second time", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
