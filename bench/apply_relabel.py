"""Apply the second, blind labelling under the sharpened boundary rules (R1–R8) to the label files.

    python bench/apply_relabel.py OUT_DIR [--check]

OUT_DIR holds the labellers' files ``out_A.jsonl`` … ``out_D.jsonl`` (every scored unit of
``corpus/reasons/labels.jsonl`` and ``corpus/reasons/national_labels.jsonl``, a unit being one text
with one item, labelled once) and ``out_K.jsonl`` (a seeded sample of 200 units labelled again by
another labeller, for Cohen's κ). After rules R1, R2 and R8 were revised, every unit a first-pass
labeller decided by one of them (or that the earlier rule R1 had relabelled) was labelled again:
``out_R1.jsonl`` / ``out_R2.jsonl`` replace the first pass for those units and ``out_KR.jsonl`` the
κ sample's. Their rows: ``{key, category, certain, rule, note}``; ``key`` is
``unit_key(text, item)``.

For every labelled row of the two files: ``first`` keeps the first labelling (``category``,
``certain``, ``note``), then ``category`` / ``certain`` / ``note`` / ``rule`` / ``labeller`` become
the new ones and ``label_key`` the unit key; rows gain a stable ``id`` where they had none. The κ
sample is written beside each file as ``<file>_second.jsonl`` (one row per reason of a sampled
unit: ``{id, category, certain, note, label_key, labeller}``), which ``train-reasons`` reads.
Announced-but-empty reasons are not relabelled (``other`` by rule). ``--check`` only reports.
It was run once, in session 9, before batch ``unseen-2026-12c`` joined ``labels.jsonl``
(``bench/add_blind_batch.py``); on today's files it stops at that batch's rows, which it never saw.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.merge_national_labels import read_jsonl
from narrative_extract.reasons.categories import CATEGORY_IDS, is_empty_reason

FILES = (REPO / "corpus/reasons/labels.jsonl", REPO / "corpus/reasons/national_labels.jsonl")
PACKETS = {"A": "relabeller-A", "B": "relabeller-B", "C": "relabeller-C", "D": "relabeller-D"}
REVISED = ("R1", "R2")


def unit_key(text: str, item: str | None) -> str:
    return hashlib.sha1(f"{text}\x00{item or ''}".encode()).hexdigest()[:10]


def row_id(row: dict, n: int) -> str:
    where = f"{row.get('source')}|{row.get('page') or ''}|{row.get('line') or ''}|{row['text']}|{n}"
    return hashlib.sha1(where.encode()).hexdigest()[:12]


def read_out(path: Path, labeller: str) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for n, row in enumerate(read_jsonl(path), 1):
        if row.get("category") not in CATEGORY_IDS:
            raise SystemExit(f"{path}:{n}: category {row.get('category')!r} is not one of the 12 ids")
        if row["key"] in out:
            raise SystemExit(f"{path}:{n}: key {row['key']} labelled twice")
        out[row["key"]] = {**row, "labeller": labeller}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args(argv)
    labels: dict[str, dict] = {}
    for name, who in PACKETS.items():
        labels.update(read_out(args.out_dir / f"out_{name}.jsonl", who))
    second = read_out(args.out_dir / "out_K.jsonl", "relabeller-K")
    # the rules R1, R2 and R8 were revised after the first pass; the units those rules decided
    # (in either pass) were labelled again under the revised rules, which replace the first pass
    for name in REVISED:
        labels.update(read_out(args.out_dir / f"out_{name}.jsonl", f"relabeller-{name}"))
    second.update(read_out(args.out_dir / "out_KR.jsonl", "relabeller-KR"))
    changed: Counter = Counter()
    for path in FILES:
        rows = read_jsonl(path)
        seen_ids: set[str] = set()
        second_rows = []
        missing = 0
        for n, row in enumerate(rows):
            row.setdefault("id", row_id(row, n))
            assert row["id"] not in seen_ids, f"{path}: duplicate id {row['id']}"
            seen_ids.add(row["id"])
            if row.get("empty") or is_empty_reason(row["text"]):
                continue
            key = unit_key(row["text"], row.get("item"))
            new = labels.get(key)
            if new is None:
                missing += 1
                continue
            if "first" not in row:
                row["first"] = {k: row.get(k) for k in ("category", "certain", "note") if k in row}
            changed[(row["first"]["category"], new["category"])] += 1
            row.update(category=new["category"], certain=bool(new.get("certain", True)), note=new.get("note", ""),
                       rule=new.get("rule", ""), labeller=new["labeller"], label_key=key,
                       category_blind=new["category"])
            if key in second:
                k = second[key]
                second_rows.append({"id": row["id"], "category": k["category"], "certain": bool(k.get("certain", True)),
                                    "note": k.get("note", ""), "label_key": key, "labeller": k["labeller"]})
        print(f"{path.name}: {len(rows)} rows, {missing} without a new label, {len(second_rows)} in the κ sample",
              file=sys.stderr)
        if missing:
            raise SystemExit(f"{path}: {missing} scored rows have no label in {args.out_dir}")
        if not args.check:
            path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
            path.with_name(path.stem + "_second.jsonl").write_text(
                "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in second_rows), encoding="utf-8")
    moved = sum(v for (a, b), v in changed.items() if a != b)
    print(f"rows relabelled to another category: {moved} of {sum(changed.values())}", file=sys.stderr)
    for (a, b), v in changed.most_common():
        if a != b:
            print(f"  {a} → {b}: {v}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
