"""Bring labelled national reasons up to date after the extraction changed, with blind labels.

    python bench/update_reextracted.py CHANGED_IDS LABELS_OUT

When the extractor changes, a labelled reason may come out with another text, item or direction
(and a text change gives it a new ``id``). CHANGED_IDS is ``{old id: new id}`` for those rows (the
table of ``bench/results/reason_extraction_changes.md``); LABELS_OUT is a blind labeller's file
for the new units (``{key, category, certain, rule, note}``, ``key`` = ``unit_key(text, item)`` as in
``bench/apply_relabel.py``). Each such row of ``corpus/reasons/national_labels.jsonl`` takes the
harvested fields of its new row in ``corpus/reasons/national_unlabelled.jsonl`` and the new label;
``reextracted`` keeps what it was (id, text, item, direction, category). Rows of the κ sample
whose unit changed are dropped from it (their second label was of the old text).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.apply_relabel import read_jsonl, read_out, unit_key

LABELS = REPO / "corpus/reasons/national_labels.jsonl"
HARVEST = REPO / "corpus/reasons/national_unlabelled.jsonl"
HARVESTED = ("id", "text", "item", "direction", "basis", "context", "page", "origin")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("changed", type=Path)
    ap.add_argument("labels_out", type=Path)
    args = ap.parse_args(argv)
    changed: dict[str, str] = json.loads(args.changed.read_text(encoding="utf-8"))
    harvest = {r["id"]: r for r in read_jsonl(HARVEST)}
    labels = read_out(args.labels_out, "relabeller-X")
    rows = read_jsonl(LABELS)
    done = 0
    old_keys = set()
    for row in rows:
        new_id = changed.get(row["id"])
        if new_id is None:
            continue
        new = harvest[new_id]
        key = unit_key(new["text"], new.get("item"))
        if key not in labels:
            raise SystemExit(f"{args.labels_out}: no label for the re-extracted unit {key} ({new['text'][:30]}…)")
        old_keys.add(row.get("label_key"))
        row["reextracted"] = {k: row.get(k) for k in ("id", "text", "item", "direction", "category")}
        row.update({k: new.get(k) for k in HARVESTED if k in new})
        lab = labels[key]
        row.update(category=lab["category"], certain=bool(lab.get("certain", True)), note=lab.get("note", ""),
                   rule=lab.get("rule", ""), labeller=lab["labeller"], label_key=key, category_blind=lab["category"])
        done += 1
    LABELS.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    second = LABELS.with_name(LABELS.stem + "_second.jsonl")
    kept = [r for r in read_jsonl(second) if r.get("label_key") not in old_keys]
    second.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in kept), encoding="utf-8")
    print(f"{done} labelled rows brought up to date; κ sample {len(kept)} rows", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
