"""Add a set of reasons written for checking to ``corpus/reasons/written_checks.jsonl``.

    python bench/add_written_checks.py SET PACKET BLIND WRITTEN [WRITTEN ...]

WRITTEN: writer sessions' files (``{text, item, direction, basis, category, rule, note}``, written
from the labelling guide alone); PACKET: what the blind labeller was given (``{key, text, item,
direction, basis, context}``, no category); BLIND: the labeller's file (``{key, category, certain,
rule, note}``). A row is kept when writer and labeller give the same category (the writer's call
checked by a reader who did not see it); the rows of SET already in the file are replaced. The
set is never trained on and never part of leave-one-city-out: it checks a frozen model
(``bench/score_blind_batch.py --checks SET``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.apply_relabel import read_jsonl, unit_key

CHECKS = REPO / "corpus" / "reasons" / "written_checks.jsonl"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("set")
    ap.add_argument("packet", type=Path)
    ap.add_argument("blind", type=Path)
    ap.add_argument("written", type=Path, nargs="+")
    args = ap.parse_args(argv)
    blind = {r["key"]: r for r in read_jsonl(args.blind)}
    packet = {(r["text"], r.get("item")): r["key"] for r in read_jsonl(args.packet)}
    rows, seen, disagree = [], set(), 0
    for path in args.written:
        for w in read_jsonl(path):
            key = packet.get((w["text"].strip(), w.get("item")))
            if key is None or key in seen:
                continue  # a text written twice was given to the labeller once
            seen.add(key)
            b = blind[key]
            if b["category"] != w["category"]:
                disagree += 1
                continue
            rows.append({"batch": args.set, "key": unit_key(w["text"].strip(), w.get("item")),
                         "text": w["text"].strip(), "item": w.get("item"), "direction": w.get("direction"),
                         "basis": w.get("basis") or "yoy", "category": b["category"],
                         "certain": b.get("certain", True), "rule": b.get("rule", ""), "writer": path.stem,
                         "labeller": "blind", "note": b.get("note", "")})
    kept = [r for r in read_jsonl(CHECKS) if r.get("batch") != args.set] if CHECKS.exists() else []
    with CHECKS.open("w", encoding="utf-8") as out:
        for r in kept + rows:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{args.set}: {len(rows)} rows kept, {disagree} where writer and labeller disagree left out; "
          f"{len(kept) + len(rows)} rows in {CHECKS.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
