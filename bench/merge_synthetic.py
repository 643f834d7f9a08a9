"""Build ``corpus/reasons/synthetic_labels.jsonl``: reasons written for training, kept where a
blind labeller gave the writer's category.

    python bench/merge_synthetic.py --written W1.jsonl W2.jsonl … --labels OUT1.jsonl OUT2.jsonl …
    python bench/merge_synthetic.py --append --written W3.jsonl … --labels OUT3.jsonl …   # a later round

Writers (helper sessions that read only the labelling guide) wrote reasons as reports state them,
each with the category the guide gives it (``{text, item, direction, basis, category, rule, note}``).
Labellers who saw neither the writers' categories nor any model labelled every distinct text blind
(``{key, category, certain, rule, note}``, ``key`` = ``unit_key(text, item)``). A row is kept when the
labeller's category is the writer's; the others are dropped (counted, never silently). Kept rows get
``origin: synthetic``: training uses them in every fold and never scores them
(``narrative_extract.reasons.groups.is_training_only``). With ``--append`` the rows already in the
file stay and the new round's rows are added after them (a text already there is not added twice).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.apply_relabel import read_jsonl, read_out, unit_key
from narrative_extract.reasons.categories import CATEGORY_IDS
from narrative_extract.reasons.groups import SYNTHETIC


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--written", type=Path, nargs="+", required=True)
    ap.add_argument("--labels", type=Path, nargs="+", required=True)
    ap.add_argument("--out", type=Path, default=REPO / "corpus/reasons/synthetic_labels.jsonl")
    ap.add_argument("--append", action="store_true", help="keep the rows already in --out and add this round's")
    args = ap.parse_args(argv)
    before = read_jsonl(args.out) if args.append and args.out.exists() else []
    labels: dict[str, dict] = {}
    for path in args.labels:
        labels.update(read_out(path, path.stem))
    kept, dropped, missing = list(before), Counter(), 0
    seen = {unit_key(r["text"], r.get("item")) for r in before}
    for path in args.written:
        for n, row in enumerate(read_jsonl(path), 1):
            if row.get("category") not in CATEGORY_IDS:
                raise SystemExit(f"{path}:{n}: category {row.get('category')!r} is not one of the 12 ids")
            key = unit_key(row["text"], row.get("item"))
            if key in seen:
                continue
            seen.add(key)
            blind = labels.get(key)
            if blind is None:
                missing += 1
                continue
            if blind["category"] != row["category"]:
                dropped[(row["category"], blind["category"])] += 1
                continue
            kept.append({"id": f"syn-{key}", "text": row["text"], "item": row.get("item"),
                         "direction": row.get("direction"), "basis": row.get("basis"),
                         "category": row["category"], "origin": SYNTHETIC, "writer": path.stem,
                         "labeller": blind["labeller"], "certain": blind.get("certain", True) is not False,
                         "rule": row.get("rule") or blind.get("rule") or ""})
    with args.out.open("w", encoding="utf-8") as fh:
        for row in kept:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(kept) - len(before)} kept ({len(kept)} in the file), {sum(dropped.values())} dropped "
          f"(blind label differs), {missing} not labelled")
    for (a, b), n in dropped.most_common():
        print(f"  written {a:20s} labelled {b:20s} {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
