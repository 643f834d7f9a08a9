"""Dump the reason records of a set of files, and compare two dumps (before / after an extraction change).

    python bench/reason_records_diff.py dump OUT.jsonl FILE_OR_DIR... [--cache DIR]
    python bench/reason_records_diff.py diff BEFORE.jsonl AFTER.jsonl

``dump`` reads every ``*.txt`` / ``*.pdf`` given (a folder: its ``*.txt`` and ``*.pdf``) with
``narrative_extract.api`` and writes one row per reason record (``narrative-extract reasons`` without a
classifier): source, line, page, item, direction, basis, text. A file that cannot be read gives an error
row. ``--cache`` keeps the read PDFs (pickles) between runs: only the extraction of claims is redone.
``diff`` prints the records per file before and after, the files going from 0 records to ≥1, and every
record removed or added (compared on all fields).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.harvest_national import load  # the read document, cached by file name
from narrative_extract.claims.extract import document_to_claims
from narrative_extract.errors import InputError
from narrative_extract.reasons.records import claims_to_reason_records

FIELDS = ("source", "line", "page", "item", "direction", "basis", "text")


def files_of(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        out += sorted(q for q in p.iterdir() if q.suffix in (".txt", ".pdf")) if p.is_dir() else [p]
    return out


def dump(out: Path, paths: list[Path], cache: Path | None) -> None:
    with out.open("w", encoding="utf-8") as fh:
        for f in files_of(paths):
            source = f"{f.parent.name}/{f.name}"
            try:
                doc = load(f, cache)
            except InputError as e:
                fh.write(json.dumps({"source": source, "error": str(e)}, ensure_ascii=False) + "\n")
                continue
            records = claims_to_reason_records(doc, document_to_claims(doc), None)
            if not records:
                fh.write(json.dumps({"source": source, "none": True}, ensure_ascii=False) + "\n")
            for r in records:
                row = {"source": source, "line": r.line, "page": r.page, "item": r.item,
                       "direction": r.direction, "basis": r.basis, "text": r.text}
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def read(path: Path) -> tuple[Counter[str], list[tuple]]:
    counts: Counter[str] = Counter()
    rows: list[tuple] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        counts[r["source"]] += 0
        if "text" in r:
            counts[r["source"]] += 1
            rows.append(tuple(r.get(k) for k in FIELDS))
    return counts, rows


def diff(before: Path, after: Path) -> None:
    cb, rb = read(before)
    ca, ra = read(after)
    print(f"records: {sum(cb.values())} -> {sum(ca.values())} on {len(ca)} files")
    changed = sorted(s for s in set(cb) | set(ca) if cb[s] != ca[s])
    for s in changed:
        mark = "  (0 -> >=1)" if cb[s] == 0 and ca[s] > 0 else ""
        print(f"  {s}: {cb[s]} -> {ca[s]}{mark}")
    print(f"files from 0 to >=1 records: {sum(1 for s in changed if cb[s] == 0 and ca[s] > 0)}")
    sb, sa = Counter(rb), Counter(ra)
    for r in sorted((sb - sa).elements(), key=str):
        print("- " + "\t".join(str(x) for x in r))
    for r in sorted((sa - sb).elements(), key=str):
        print("+ " + "\t".join(str(x) for x in r))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    d.add_argument("paths", type=Path, nargs="+")
    d.add_argument("--cache", type=Path, default=None)
    c = sub.add_parser("diff")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    args = ap.parse_args(argv)
    if args.cmd == "dump":
        dump(args.out, args.paths, args.cache)
    else:
        diff(args.before, args.after)
    return 0


if __name__ == "__main__":
    sys.exit(main())
